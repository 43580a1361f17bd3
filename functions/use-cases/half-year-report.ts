import type { ApplicationRecord, ApplicationStatus } from '../domain/model';
import { STATUS_LABELS_NB } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import { endOfOsloDay, osloDateOf, osloInstant } from '../domain/oslo-time';
import { loadScheme } from './load-application';

const GRANTED: readonly ApplicationStatus[] = ['approved', 'payout_pending', 'active', 'status_report_received', 'final_report_received', 'repayment_claimed', 'closed'];

export interface HalfYearRow {
  applicationId: string;
  title: string;
  status: string;
  amount: number;
  periodStart: string;
  periodEnd: string;
  decidedAt: string;
  statusReport: string;
  finalReport: string;
  effect: string;
  repaymentClaimed: number;
}

const osloDay = (instant: string | undefined): string => (instant ? osloDateOf(new Date(instant)) : '');

/** Use and effect over a period, for the committee's half-yearly report to the strategic committee. */
export async function halfYearReport(deps: Dependencies, schemeId: string, from: string, to: string) {
  const scheme = loadScheme(deps, schemeId);
  // The period is in Oslo days: a decision at 00:30 on 1 July belongs to the second half-year.
  const fromIso = osloInstant(from).toISOString();
  const toIso = endOfOsloDay(to).toISOString();
  const [byStatus, reports] = await Promise.all([
    Promise.all(GRANTED.map((s) => deps.store.listByStatus(scheme.id, s))),
    deps.store.listReportsBySchemeBetween(scheme.id, fromIso, toIso),
  ]);
  const grants = byStatus.flat().filter((a): a is ApplicationRecord & { allocation: NonNullable<ApplicationRecord['allocation']> } =>
    !!a.allocation && a.allocation.decidedAt >= fromIso && a.allocation.decidedAt <= toIso);
  const rows: HalfYearRow[] = grants
    .sort((a, b) => a.allocation.decidedAt.localeCompare(b.allocation.decidedAt))
    .map((a) => {
      const own = reports.filter((r) => r.applicationId === a.id);
      const latest = own.find((r) => r.kind === 'final') ?? own.find((r) => r.kind === 'status');
      return {
        applicationId: a.id,
        title: a.title,
        status: STATUS_LABELS_NB[a.status],
        amount: a.allocation.amount,
        periodStart: a.allocation.periodStart,
        periodEnd: a.allocation.periodEnd,
        decidedAt: osloDateOf(new Date(a.allocation.decidedAt)),
        statusReport: osloDay(own.find((r) => r.kind === 'status')?.submittedAt),
        finalReport: osloDay(own.find((r) => r.kind === 'final')?.submittedAt),
        effect: latest?.effect ?? '',
        repaymentClaimed: a.repaymentClaimed ?? 0,
      };
    });
  return {
    scheme: { id: scheme.id, name: scheme.name, committee: scheme.committee.shortName, reportTo: scheme.halfYearReportTo },
    from,
    to,
    grants: rows.length,
    allocated: rows.reduce((s, r) => s + r.amount, 0),
    repaymentClaimed: rows.reduce((s, r) => s + r.repaymentClaimed, 0),
    reportsReceived: reports.length,
    rows,
  };
}

const CSV_HEADER: Array<[keyof HalfYearRow, string]> = [
  ['applicationId', 'Søknad'],
  ['title', 'Tittel'],
  ['status', 'Status'],
  ['amount', 'Tildelt (kr)'],
  ['periodStart', 'Periode fra'],
  ['periodEnd', 'Periode til'],
  ['decidedAt', 'Vedtak'],
  ['statusReport', 'Statusrapport'],
  ['finalReport', 'Sluttrapport'],
  ['effect', 'Effekt'],
  ['repaymentClaimed', 'Krav om tilbakebetaling (kr)'],
];

function csvCell(value: string | number): string {
  const s = String(value);
  // Neutralise spreadsheet formulas and quote separators, quotes and line breaks.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Semicolon-separated with a BOM, which is what Norwegian Excel opens correctly. */
export function halfYearCsv(rows: HalfYearRow[]): string {
  const lines = [CSV_HEADER.map(([, label]) => csvCell(label)).join(';'), ...rows.map((r) => CSV_HEADER.map(([key]) => csvCell(r[key])).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The report as a CSV download: its file name and contents. */
export function halfYearCsvFile(report: Awaited<ReturnType<typeof halfYearReport>>): { filename: string; body: string } {
  return { filename: `halvarsrapport-${report.scheme.id}-${report.from}-${report.to}.csv`, body: halfYearCsv(report.rows) };
}
