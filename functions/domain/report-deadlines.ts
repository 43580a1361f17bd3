// A report's deadline, and the committee's "utsatt frist": the secretariat moves the deadline of a
// report not yet sent (illness, a project started late), on its own or at the owner's request.
// Reminders, the overdue list, the report page and the "report missing" notice follow the new date.
import type { Allocation, ApplicationStatus, AuditEntry, ReportKind } from './model';
import { REPORTABLE_FROM, reportDueDate } from './reports';
import { addDays, daysBetween, formatNorwegianDate, osloInstant } from './oslo-time';

/** The history entry of a moved deadline (details: report, from, to, reason). */
export const REPORT_DEADLINE_EXTENDED = 'report-deadline-extended';
/** The history entry of the owner's request for a later deadline (details: report, dueDate, reason). */
export const REPORT_DEADLINE_REQUESTED = 'report-deadline-requested';
/** The history entry of the committee's no to that request (details: report, dueDate asked for, reason). */
export const REPORT_DEADLINE_REQUEST_DECLINED = 'report-deadline-request-declined';

const REQUEST_ANSWERS = [REPORT_DEADLINE_REQUESTED, REPORT_DEADLINE_EXTENDED, REPORT_DEADLINE_REQUEST_DECLINED];

/** The last request for a later deadline for this report, or the last answer to one (a move or a no). */
function lastRequestOrAnswer(history: readonly AuditEntry[], kind: ReportKind): AuditEntry | undefined {
  return history.findLast((e) => REQUEST_ANSWERS.includes(e.action) && e.details?.['report'] === kind);
}

export interface OverdueReminderRhythm {
  overdueEveryDays: number;
  maxOverdueReminders: number;
}

/** Days from a report's deadline to the end of its last overdue reminder's chance. */
export function overdueWindowDays(r: OverdueReminderRhythm): number {
  return r.overdueEveryDays * r.maxOverdueReminders + 1;
}

/** How long a report's link outlasts the report's last chance: the room a later deadline has (latestDeadline). */
export const REPORT_LINK_DAYS_AFTER_LAST_CHANCE = 364;

/** The moment a report counts as missing: every overdue reminder has had its chance. */
export function reportLastChance(due: string, r: OverdueReminderRhythm): Date {
  return osloInstant(addDays(due, overdueWindowDays(r)));
}

/** Whether the grant still owes this report (its deadline can move): not sent, not ended. */
export function reportPending(kind: ReportKind, status: ApplicationStatus): boolean {
  return REPORTABLE_FROM[kind].includes(status);
}

/** Grants that owe no more reports: ended by a claim or a revocation, or closed. */
const ENDED_GRANT_STATUSES: readonly ApplicationStatus[] = ['repayment_claimed', 'revoked', 'closed'];

/** Where a grant's report stands against its deadline, as the secretariat's case says it. */
export type ReportDueState = { state: 'received' } | { state: 'owed'; overdueDays: number } | { state: 'not-owed' };

/**
 * A report received; owed (overdueDays > 0 once its deadline's day is past); or no longer owed,
 * the grant having ended before it came (a claim that ends the grant, a revocation).
 */
export function reportDueState(received: boolean, status: ApplicationStatus, due: string, today: string): ReportDueState {
  if (received) return { state: 'received' };
  if (ENDED_GRANT_STATUSES.includes(status)) return { state: 'not-owed' };
  return { state: 'owed', overdueDays: Math.max(0, daysBetween(due, today)) };
}

export interface DeadlineMove {
  kind: ReportKind;
  dueDate: string;
}

/**
 * What is wrong with moving a report's deadline to `move.dueDate` (a field error), or undefined.
 * The new date is later than the current one and not passed; a status report stays before the
 * final report (which follows it); `latest` is the last date the report's link can carry.
 */
export function deadlineMoveProblem(allocation: Allocation, move: DeadlineMove, today: string, latest: string): string | undefined {
  const current = reportDueDate(move.kind, allocation)!;
  if (move.dueDate <= current) return `Ny frist må være etter gjeldende frist, ${formatNorwegianDate(current)}.`;
  if (move.dueDate < today) return 'Ny frist kan ikke være en dag som er passert.';
  if (move.kind === 'status' && move.dueDate >= allocation.finalReportDue) {
    return `Statusrapporten må ha frist før sluttrapporten (${formatNorwegianDate(allocation.finalReportDue)}). Utsett fristen for sluttrapporten først.`;
  }
  if (move.dueDate > latest) return `Fristen kan settes til senest ${formatNorwegianDate(latest)}.`;
  return undefined;
}

/** The allocation with the report's new deadline. */
export function withMovedDeadline(allocation: Allocation, move: DeadlineMove): Allocation {
  return move.kind === 'status' ? { ...allocation, statusReportDue: move.dueDate } : { ...allocation, finalReportDue: move.dueDate };
}

export interface DeadlineRequestEntry {
  /** the date asked for */
  dueDate: string;
  /** the owner's reason for a request; the committee's for a no */
  reason: string;
  at: string;
}

const requestEntry = (e: AuditEntry): DeadlineRequestEntry => ({ dueDate: String(e.details?.['dueDate']), reason: String(e.details?.['reason'] ?? ''), at: e.at });

/**
 * The owner's request for a later deadline that is still open: the last request for this report,
 * unless the secretariat has answered it since, by moving the deadline (whichever date it gave) or
 * by the committee's no.
 */
export function openDeadlineRequest(history: readonly AuditEntry[], kind: ReportKind): DeadlineRequestEntry | undefined {
  const last = lastRequestOrAnswer(history, kind);
  return last?.action === REPORT_DEADLINE_REQUESTED ? requestEntry(last) : undefined;
}

/** The committee's no to the owner's last request for this report, unless the owner asked again or the deadline moved since. */
export function declinedDeadlineRequest(history: readonly AuditEntry[], kind: ReportKind): DeadlineRequestEntry | undefined {
  const last = lastRequestOrAnswer(history, kind);
  return last?.action === REPORT_DEADLINE_REQUEST_DECLINED ? requestEntry(last) : undefined;
}

/** A report's last deadline move on the case's history: from which date, to which, and why (undefined: never moved). */
/**
 * A report's deadline as it stood at an instant: the last move recorded by then, or (moved only
 * since) the date the first later move moved it from, or the deadline now.
 */
export function reportDueAsOf(history: readonly AuditEntry[], kind: ReportKind, current: string, atIso: string): string {
  const moves = history.filter((e) => e.action === REPORT_DEADLINE_EXTENDED && e.details?.['report'] === kind);
  const before = moves.filter((e) => e.at <= atIso).at(-1);
  if (before) return String(before.details!['to']);
  const after = moves.find((e) => e.at > atIso);
  return after ? String(after.details!['from']) : current;
}

export function lastDeadlineMove(history: readonly AuditEntry[], kind: ReportKind): { from: string; to: string; reason: string } | undefined {
  const details = history.findLast((e) => e.action === REPORT_DEADLINE_EXTENDED && e.details?.['report'] === kind)?.details;
  return details ? { from: String(details['from']), to: String(details['to']), reason: String(details['reason'] ?? '') } : undefined;
}
