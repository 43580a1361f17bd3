import type { Allocation, ApplicationRecord, ReportRecord } from '../domain/model';
import { GRANTED_STATUSES, STATUS_LABELS_NB } from '../domain/status-transitions';
import { moneyMoved, reallocatedUpTo, recordedClaim, recordedRevocation } from '../domain/payout';
import type { Dependencies } from '../composition';
import { toCsv } from '../domain/csv';
import { endOfOsloDay, osloDateOf, osloInstant } from '../domain/oslo-time';
import { areaLabels, totalsByGuidelineArea } from '../domain/guideline-breakdown';
import { latestReport, reportAsOf } from '../domain/reports';
import { periodAsOf } from '../domain/grant-period';
import { reportDueAsOf } from '../domain/report-deadlines';
import { loadCurrentVersion, loadScheme } from './load-application';
import { listSchemePayouts } from './payout-lists';


export interface HalfYearRow {
  applicationId: string;
  title: string;
  status: string;
  amount: number;
  periodStart: string;
  periodEnd: string;
  decidedAt: string;
  /** 'ja' when the grant was decided in the period; older grants that run or report in it are listed too */
  newInPeriod: 'ja' | 'nei';
  statusReport: string;
  finalReport: string;
  /** what the latest report up to the end of the period says was spent ('' without one) */
  spentAmount: number | '';
  effect: string;
  lessonsLearned: string;
  repaymentClaimed: number;
  /** the national guideline areas the application names (and 'Andre behov' where the scheme allows it) */
  guidelineAreas: string;
  /** the day the committee took the grant back before it was paid ('' when it stands) */
  revokedOn: string;
  /** what the committee approved moving to other uses up to the end of the period (prior approval, 002) */
  reallocated: number;
  /** the day finance marked the grant paid (or booked), up to the end of the period ('' before) */
  paidOn: string;
  /** what the grant's repayment claims brought back, repaid up to the end of the period */
  repaid: number;
  /** the partners (municipalities and the hospital trust) of the version decided on, by name */
  partners: string;
  // Added after the rest (the CSV's columns keep their places): where the figures above come from,
  // since they are as they stood at the period's end and may be from before the period.
  /** the report spentAmount and effect are from ('' without one) */
  latestReport: 'statusrapport' | 'sluttrapport' | '';
  /** the day that report was first sent ('' without one) */
  latestReportOn: string;
  /** the day it was last filled in at the secretariat's request, by the end of the period ('' if not) */
  latestReportSupplementedOn: string;
  /** the day the repayment claim in repaymentClaimed was made ('' without one) */
  repaymentClaimedOn: string;
  /** what of reallocated the committee approved in the period */
  reallocatedInPeriod: number;
  /** what of repaid was repaid in the period */
  repaidInPeriod: number;
  /** the reports' deadlines as they stood at the period's end: a report not in is overdue only past its deadline */
  statusReportDue: string;
  finalReportDue: string;
}

const REPORT_NAMES = { status: 'statusrapport', final: 'sluttrapport' } as const;

type Granted = ApplicationRecord & { allocation: Allocation };

/** Granted, and taken back before it was paid: listed when decided or taken back in the period, never counted as allocated. */
const REPORTED_STATUSES = [...GRANTED_STATUSES, 'revoked'] as const;

/** A grant in brief: who got how much for when, and where it stands (its status in Norwegian). */
export function grantFacts(a: Pick<ApplicationRecord, 'id' | 'title' | 'status'>, allocation: Allocation) {
  return {
    applicationId: a.id,
    title: a.title,
    status: STATUS_LABELS_NB[a.status],
    amount: allocation.amount,
    periodStart: allocation.periodStart,
    periodEnd: allocation.periodEnd,
  };
}

/** Below every ISO instant: the lower bound of "every report so far" (a key condition needs a non-empty value). */
const BEFORE_ANY_REPORT = '0000-01-01T00:00:00.000Z';

const osloDay = (instant: string | undefined): string => (instant ? osloDateOf(new Date(instant)) : '');

/**
 * Use and effect over a period, for the committee's half-yearly report to the strategic committee
 * (002: "FSU orienterer halvårlig SSU om bruk og effekt av midlene"): every grant decided in the
 * period, and every older one whose grant period runs into it, that reported in it, whose money
 * finance paid out or got back in it, or whose repayment the committee claimed in it, with what
 * its latest report up to the end of the period says it spent, achieved and learned. Over a
 * calendar year, with its totals by national guideline area, it is what the hospital trust
 * reports to the regional health authority, with the money paid out and repaid in it (the trust
 * handles payout and accounting: "rapporterer til RHF"). A grant taken back before it was paid is listed when
 * it was decided or taken back in the period, with the day; its money went back to the pot, so it
 * counts in no allocated total, only in what was taken back. Each grant's period, reports and claim
 * for repayment are as they stood at the period's end (a claim counts in the period it was made, as
 * money and revocations do), so a past period reads the same when its report is made again; its
 * status is where it stands now. Since those may be from before the period, each row names the
 * report it quotes and its day, and the claims and reallocations of the period are told apart.
 */
export async function halfYearReport(deps: Dependencies, schemeId: string, from: string, to: string) {
  const scheme = loadScheme(deps, schemeId);
  // The period is in Oslo days: a decision at 00:30 on 1 July belongs to the second half-year.
  const fromIso = osloInstant(from).toISOString();
  const toIso = endOfOsloDay(to).toISOString();
  // One Query for every report up to the period's end: an older grant may have reported before it.
  // One per project number of the scheme (the current one and those it had before) for its payouts: what finance paid and got back.
  const [byStatus, upToEnd, payouts] = await Promise.all([
    Promise.all(REPORTED_STATUSES.map((s) => deps.store.listByStatus(scheme.id, s))),
    deps.store.listReportsBySchemeBetween(scheme.id, BEFORE_ANY_REPORT, toIso),
    listSchemePayouts(deps, scheme),
  ]);
  const money = moneyMoved(payouts.filter((p) => p.schemeId === scheme.id), fromIso, toIso);
  // As each report stood at the period's end: a supplement sent since is the next period's to tell.
  const asOfEnd = upToEnd.flatMap((r) => reportAsOf(r, toIso) ?? []);
  const reports = asOfEnd.filter((r) => r.submittedAt >= fromIso);
  const reportedIn = new Set(reports.map((r) => r.applicationId));
  const reportsOf = new Map<string, ReportRecord[]>();
  for (const r of asOfEnd) {
    const own = reportsOf.get(r.applicationId);
    if (own) own.push(r);
    else reportsOf.set(r.applicationId, [r]);
  }
  const revokedAt = new Map(byStatus.flat().flatMap((a) => {
    const revocation = a.status === 'revoked' ? recordedRevocation(a.history) : undefined;
    return revocation ? [[a.id, revocation.at] as const] : [];
  }));
  const claimedAt = new Map(byStatus.flat().flatMap((a) => {
    const claim = recordedClaim(a.history);
    return claim ? [[a.id, claim.at] as const] : [];
  }));
  // Each grant with its period as it stood at the period's end (a period changed since is not this report's).
  const grants = byStatus.flat().flatMap((a): Granted[] => (a.allocation ? [{ ...a, allocation: { ...a.allocation, ...periodAsOf(a.allocation, a.history, toIso) } }] : [])).filter((a) => {
    if (a.allocation.decidedAt > toIso) return false;
    const revoked = revokedAt.get(a.id);
    // taken back before the period: it did not run in it
    const ranInto = a.allocation.periodEnd >= from && !(revoked && revoked < fromIso);
    const inPeriod = (at: string | undefined) => !!at && at >= fromIso && at <= toIso;
    return a.allocation.decidedAt >= fromIso || ranInto || reportedIn.has(a.id) || money.movedIn.has(a.id) || inPeriod(revoked) || inPeriod(claimedAt.get(a.id));
  });
  grants.sort((a, b) => a.allocation.decidedAt.localeCompare(b.allocation.decidedAt));
  // What each grant was for, and who took part, is in the version the committee decided on (one GetItem per grant).
  const versionFacts = await Promise.all(grants.map(async (a) => {
    const { data } = await loadCurrentVersion(deps, a);
    return { guidelineAreas: data.guidelineAreas, otherNeed: (data.otherNeed ?? '').trim() !== '', partners: data.partners.map((p) => p.organisationName) };
  }));
  const rows: HalfYearRow[] = grants
    .map((a, i) => {
      const own = reportsOf.get(a.id) ?? [];
      const final = own.find((r) => r.kind === 'final');
      const latest = latestReport(own);
      // What a claim for repayment made since the period's end says is the next period's to tell.
      const claimedLater = (claimedAt.get(a.id) ?? '') > toIso;
      const moved = money.byApplication.get(a.id);
      return {
        ...grantFacts(a, a.allocation),
        decidedAt: osloDateOf(new Date(a.allocation.decidedAt)),
        newInPeriod: a.allocation.decidedAt >= fromIso ? 'ja' : 'nei',
        statusReport: osloDay(own.find((r) => r.kind === 'status')?.submittedAt),
        finalReport: osloDay(final?.submittedAt),
        spentAmount: latest?.spentAmount ?? '',
        effect: latest?.effect ?? '',
        lessonsLearned: final?.lessonsLearned ?? '',
        repaymentClaimed: claimedLater ? 0 : (a.repaymentClaimed ?? 0),
        guidelineAreas: areaLabels(scheme.guidelineAreas, versionFacts[i]!).join('; '),
        partners: versionFacts[i]!.partners.join('; '),
        revokedOn: osloDay(revokedAt.get(a.id)),
        reallocated: reallocatedUpTo(a.history, toIso),
        paidOn: osloDay(moved?.paidAt),
        repaid: moved?.repaid ?? 0,
        latestReport: latest ? REPORT_NAMES[latest.kind] : '',
        latestReportOn: osloDay(latest?.submittedAt),
        latestReportSupplementedOn: osloDay(latest?.supplementedAt),
        repaymentClaimedOn: claimedLater ? '' : osloDay(claimedAt.get(a.id)),
        reallocatedInPeriod: reallocatedUpTo(a.history, toIso, fromIso),
        repaidInPeriod: moved?.repaidInPeriod ?? 0,
        statusReportDue: reportDueAsOf(a.history, 'status', a.allocation.statusReportDue, toIso),
        finalReportDue: reportDueAsOf(a.history, 'final', a.allocation.finalReportDue, toIso),
      };
    });
  const standing = rows.flatMap((r, i) => (r.revokedOn === '' ? [{ row: r, facts: versionFacts[i]! }] : []));
  const decided = standing.filter(({ row }) => row.newInPeriod === 'ja').map(({ row }) => row);
  const revokedIn = rows.filter((r) => r.revokedOn !== '' && r.revokedOn >= from && r.revokedOn <= to);
  const reported = rows.filter((r) => r.latestReport !== '');
  const byGuidelineArea = totalsByGuidelineArea(scheme.guidelineAreas, standing.map(({ row, facts }) => ({ guidelineAreas: facts.guidelineAreas, otherNeed: facts.otherNeed, amount: row.amount, newInPeriod: row.newInPeriod === 'ja' })));
  return {
    scheme: { id: scheme.id, name: scheme.name, committee: scheme.committee.shortName, reportTo: scheme.halfYearReportTo ?? null },
    from,
    to,
    grants: rows.length,
    newGrants: decided.length,
    allocated: decided.reduce((s, r) => s + r.amount, 0),
    // From each grant's latest report up to the period's end, which may have come before the period.
    spentReported: rows.reduce((s, r) => s + (r.spentAmount === '' ? 0 : r.spentAmount), 0),
    spentReportedGrants: reported.length,
    // what they say was sent before the period (filled in since counts as sent when it was filled in)
    spentReportedBeforePeriod: reported.filter((r) => (r.latestReportSupplementedOn || r.latestReportOn) < from).length,
    // Claims and reallocations up to the period's end, and what of them was decided in it.
    repaymentClaimed: rows.reduce((s, r) => s + r.repaymentClaimed, 0),
    repaymentClaimedInPeriod: rows.reduce((s, r) => s + (r.repaymentClaimedOn >= from ? r.repaymentClaimed : 0), 0),
    reallocated: rows.reduce((s, r) => s + r.reallocated, 0),
    reallocatedInPeriod: rows.reduce((s, r) => s + r.reallocatedInPeriod, 0),
    revokedGrants: revokedIn.length,
    revokedAmount: revokedIn.reduce((s, r) => s + r.amount, 0),
    // first sent in the period; a report filled in again in it is counted apart
    reportsReceived: reports.length,
    reportsSupplemented: asOfEnd.filter((r) => (r.supplementedAt ?? '') >= fromIso).length,
    paidOut: money.paidOut,
    payoutsPaid: money.paidOutCount,
    repaid: money.repaid,
    byGuidelineArea,
    rows,
  };
}

const CSV_HEADER: Array<[keyof HalfYearRow, string]> = [
  ['applicationId', 'Søknad'],
  ['title', 'Tittel'],
  // where the grant stands on the day the report is made (its period, reports and claim are as they stood at the period's end)
  ['status', 'Status nå'],
  ['amount', 'Tildelt (kr)'],
  ['periodStart', 'Periode fra'],
  ['periodEnd', 'Periode til'],
  ['decidedAt', 'Vedtak'],
  ['newInPeriod', 'Tildelt i perioden'],
  ['statusReport', 'Statusrapport'],
  ['finalReport', 'Sluttrapport'],
  ['spentAmount', 'Brukt ifølge rapport (kr)'],
  ['effect', 'Effekt'],
  ['lessonsLearned', 'Læringspunkter'],
  ['repaymentClaimed', 'Krav om tilbakebetaling (kr)'],
  // added last, so the columns before them stay where spreadsheets built on earlier downloads expect them
  ['guidelineAreas', 'Nasjonale føringer'],
  ['revokedOn', 'Trukket tilbake'],
  ['reallocated', 'Omdisponert (kr)'],
  ['paidOn', 'Utbetalt'],
  ['repaid', 'Tilbakebetalt (kr)'],
  ['partners', 'Partnere'],
  ['latestReport', 'Siste rapport'],
  ['latestReportOn', 'Siste rapport sendt'],
  ['latestReportSupplementedOn', 'Siste rapport utfylt'],
  ['repaymentClaimedOn', 'Krav fremmet'],
  ['reallocatedInPeriod', 'Omdisponert i perioden (kr)'],
  ['repaidInPeriod', 'Tilbakebetalt i perioden (kr)'],
];

/** Semicolon-separated with a BOM, which is what Norwegian Excel opens correctly. */
export function halfYearCsv(rows: HalfYearRow[]): string {
  return toCsv(CSV_HEADER.map(([key, label]) => [label, (r: HalfYearRow) => r[key]] as const), rows);
}

/** The report as a CSV download: its file name and contents. */
export function halfYearCsvFile(report: Awaited<ReturnType<typeof halfYearReport>>): { filename: string; body: string } {
  return { filename: `halvarsrapport-${report.scheme.id}-${report.from}-${report.to}.csv`, body: halfYearCsv(report.rows) };
}
