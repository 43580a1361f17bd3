// A grant's reports: the status report six months in, the final report after the period.
import type { Allocation, ApplicationStatus, LinkPurpose, LinkState, ReportKind, ReportRecord } from './model';
import { addDays } from './oslo-time';
import { beyondGrant } from './pot';

/** Every kind of report, in the order a grant owes them. */
export const REPORT_KINDS: readonly ReportKind[] = ['status', 'final'];

/** When a report of this kind is due: 6 months after the allocation, or after the period. */
export function reportDueDate(kind: ReportKind, allocation: Allocation | undefined): string | undefined {
  return kind === 'status' ? allocation?.statusReportDue : allocation?.finalReportDue;
}

const REPORT_KIND_OF_LINK: Partial<Record<LinkPurpose, ReportKind>> = { 'status-report': 'status', 'final-report': 'final' };

/** The report a link is for (undefined: the link is not a report link). */
export function reportKindOfLink(purpose: LinkPurpose): ReportKind | undefined {
  return REPORT_KIND_OF_LINK[purpose];
}

/** The purpose of a report's links. */
export function reportLinkPurpose(kind: ReportKind): LinkPurpose {
  return kind === 'status' ? 'status-report' : 'final-report';
}

/** The link a report is sent through, among an application's links (revoked only when a request to fill the report in is replaced). */
export function reportLinkOf<L extends { purpose: LinkPurpose; state: LinkState }>(links: readonly L[], kind: ReportKind): L | undefined {
  const mine = links.filter((l) => reportKindOfLink(l.purpose) === kind);
  // A report sent and then asked to be supplemented has a second link: the one that still acts.
  return mine.findLast((l) => l.state === 'active') ?? mine[0];
}

/**
 * The report as it stood at `at` (an ISO instant): the version sent by then, so a report of a past
 * half-year says what it said then, not what a supplement sent since says; undefined if it was
 * first sent after.
 */
export function reportAsOf(report: ReportRecord, at: string): ReportRecord | undefined {
  if (report.submittedAt > at) return undefined;
  if (report.supplementedAt === undefined || report.supplementedAt <= at) return report;
  const version = (report.earlier ?? []).findLast((v) => v.sentAt <= at);
  if (!version) return report;
  const { applicationId, kind, submittedAt } = report;
  const { sentAt, progress, effect, spentAmount, lessonsLearned, deviations } = version;
  return {
    applicationId, kind, submittedAt, progress, effect, spentAmount,
    ...(lessonsLearned !== undefined ? { lessonsLearned } : {}),
    ...(deviations !== undefined ? { deviations } : {}),
    ...(sentAt !== submittedAt ? { supplementedAt: sentAt } : {}),
  };
}

/** What a grant last said about itself: its final report, else its status report. */
export function latestReport<R extends { kind: ReportKind }>(reports: readonly R[]): R | undefined {
  return reports.find((r) => r.kind === 'final') ?? reports.find((r) => r.kind === 'status');
}

/**
 * Where a grant must be for a report of this kind: the status report is due 6 months after the
 * allocation (002), paid out or not; the final report follows it, or comes without it.
 */
export const REPORTABLE_FROM: Record<ReportKind, readonly ApplicationStatus[]> = {
  status: ['payout_pending', 'active'],
  final: ['status_report_received', 'active'],
};

/** The first day a final report can be sent: the day after the grant period ("etter at perioden … er passert", 002). */
export function finalReportOpensOn(allocation: Pick<Allocation, 'periodEnd'>): string {
  return addDays(allocation.periodEnd, 1);
}

/**
 * Whether a report of this kind can be sent on `today` (an Oslo date): the grant is at its step; a
 * final report only after the period, and without a status report only once that one is overdue.
 */
export function reportAcceptable(kind: ReportKind, grant: { status: ApplicationStatus; allocation?: Allocation | undefined }, today: string): boolean {
  if (!REPORTABLE_FROM[kind].includes(grant.status)) return false;
  if (kind === 'status') return true;
  if (!grant.allocation || today < finalReportOpensOn(grant.allocation)) return false;
  return !waitsForStatusReport(grant, today);
}

/** The final report follows the status report: while the grant runs without one that is not yet overdue, it waits. */
export function waitsForStatusReport(grant: { status: ApplicationStatus; allocation?: Allocation | undefined }, today: string): boolean {
  return grant.status === 'active' && !!grant.allocation && today <= grant.allocation.statusReportDue;
}

/**
 * The rules of a report's figures beyond its form's schema, at their fields (none: {}): it cannot
 * say more was spent than granted. On whatever parsed, so a form that failed its schema shows these too.
 */
export function reportFigureProblems(values: { spentAmount?: number | undefined }, allocation: Pick<Allocation, 'amount'> | undefined): Record<string, string> {
  const overspent = allocation && values.spentAmount !== undefined ? beyondGrant(values.spentAmount, allocation.amount, 'Beløpet brukt hittil') : undefined;
  return overspent ? { spentAmount: overspent } : {};
}
