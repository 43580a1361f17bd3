// Grant period and report due dates. A period is inclusive of both start and end dates.
import type { Allocation, ApplicationStatus, AuditEntry } from './model';
import { addDays, addMonths, daysBetween, formatNorwegianDate, isIsoDate } from './oslo-time';

export type PeriodCheck =
  | { ok: true }
  | { ok: false; field: 'periodStart' | 'periodEnd'; message: string };

/**
 * Last allowed end date of a period of at most `maxMonths` months: addMonths(start) − 1 day.
 * 2026-01-15 + 12 months → 2027-01-14 (2027-01-15 would be 12 months and one day).
 *
 * Month ends: addMonths clamps, so a start on the 29th-31st can end up to 3 days earlier than
 * "same day next year/month minus one" would suggest, never later; the rule errs on the strict side:
 *   2026-01-31 + 1 month → 2026-02-28 → last end 2026-02-27
 *   2024-02-29 + 12 months → 2025-02-28 → last end 2025-02-27
 *   2027-03-01 + 12 months → 2028-03-01 → last end 2028-02-29 (leap day reachable)
 */
export function maxPeriodEnd(start: string, maxMonths: number): string {
  return addDays(addMonths(start, maxMonths), -1);
}

/** Validates a proposed period; the first problem wins, reported against the field to fix. */
export function checkPeriod(start: string, end: string, maxMonths: number): PeriodCheck {
  if (!isIsoDate(start)) {
    return { ok: false, field: 'periodStart', message: 'Startdato må være en gyldig dato.' };
  }
  if (!isIsoDate(end)) {
    return { ok: false, field: 'periodEnd', message: 'Sluttdato må være en gyldig dato.' };
  }
  // ISO dates compare correctly as text. A one-day period (end = start) is not accepted.
  if (end <= start) {
    return { ok: false, field: 'periodEnd', message: 'Sluttdato må være etter startdato.' };
  }
  const lastEnd = maxPeriodEnd(start, maxMonths);
  if (end > lastEnd) {
    return {
      ok: false,
      field: 'periodEnd',
      message: `Perioden kan være høyst ${maxMonths} måneder (siste mulige sluttdato er ${formatNorwegianDate(lastEnd)}).`,
    };
  }
  return { ok: true };
}

/**
 * A period that ended before `today` (the Oslo date) can be neither applied for nor granted: the
 * grant pays for a measure still to come or under way.
 */
export function periodAlreadyOver(end: string, today: string): string | undefined {
  return end < today ? `Perioden er allerede over (sluttdato ${formatNorwegianDate(end)}). Velg en sluttdato fra og med ${formatNorwegianDate(today)}.` : undefined;
}

/**
 * The one rule on a period's start: a grant pays for a measure still to come, so a period applied for
 * does not start before `day` (the day the application is sent or revised; on the agenda, the
 * meeting that decides it).
 */
export function startsBefore(period: { periodStart: string }, day: string): boolean {
  return period.periodStart < day;
}

/**
 * A period applied for on `today` starts no earlier than that day (Oslo date), and a continuation
 * no earlier than the day after the grant it continues ended (`previousPeriodEnd`): the message
 * names the later of the two, so the first date it offers is one that is accepted.
 */
export function periodStartProblem(start: string, today: string, previousPeriodEnd?: string): string | undefined {
  if (previousPeriodEnd !== undefined && addDays(previousPeriodEnd, 1) > today) return continuationStartProblem(previousPeriodEnd, start);
  return startsBefore({ periodStart: start }, today) ? `Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med ${formatNorwegianDate(today)}.` : undefined;
}

/**
 * The period the committee can grant for one applied for, decided on `day` (the meeting's date):
 * unchanged if it does not start before that day; else moved to start then (a period applied for
 * from the first of a month: from the first of the month after, as budgets and positions count
 * months), as long as it was (in days), and no longer than `maxMonths`. `moved` says it was moved.
 */
export function grantablePeriod(applied: NewPeriod, day: string, maxMonths: number): NewPeriod & { moved: boolean } {
  if (!startsBefore(applied, day)) return { ...applied, moved: false };
  const monthly = applied.periodStart.endsWith('-01') && !day.endsWith('-01');
  const periodStart = monthly ? `${addMonths(day, 1).slice(0, 8)}01` : day;
  const sameLength = addDays(periodStart, daysBetween(applied.periodStart, applied.periodEnd));
  const lastEnd = maxPeriodEnd(periodStart, maxMonths);
  return { periodStart, periodEnd: sameLength < lastEnd ? sameLength : lastEnd, moved: true };
}

/**
 * A period that ends on or before the first meeting that can decide the application would be over
 * before any grant: the committee cannot give money for it. (undefined: no meeting ahead to tell.)
 */
export function periodEndsBeforeDecision(end: string, firstMeetingDate: string | undefined, committee: string): string | undefined {
  if (!firstMeetingDate || end > firstMeetingDate) return undefined;
  return `Perioden slutter før ${committee} kan behandle søknaden (første mulige møte er ${formatNorwegianDate(firstMeetingDate)}). Velg en sluttdato etter møtet.`;
}

/** Status report is due `months` calendar months after the allocation (month end clamps). */
export function statusReportDue(allocationDate: string, months: number): string {
  return addMonths(allocationDate, months);
}

/**
 * The final report is due `daysAfter` days after the last day of the period. It follows the status
 * report (the final report opens once that one is in or overdue), so for a period that ends before
 * the status report is due, the days count from the status report's deadline: otherwise a short
 * grant's final report would be overdue before it could be sent.
 */
export function finalReportDue(periodEnd: string, daysAfter: number, statusReportDue: string): string {
  return addDays(finalReportFollowsStatusReport({ periodEnd, statusReportDue }) ? statusReportDue : periodEnd, daysAfter);
}

/** A period that ends before the status report is due: the final report comes after the status report, not after the period. */
export function finalReportFollowsStatusReport(grant: { periodEnd: string; statusReportDue: string }): boolean {
  return grant.periodEnd < grant.statusReportDue;
}

/** A grant's two report deadlines, from the day it was decided and the end of its period. */
export function reportDeadlines(decidedOn: string, periodEnd: string, rules: { statusReportAfterMonths: number; finalReportDueDays: number }): { statusReportDue: string; finalReportDue: string } {
  const status = statusReportDue(decidedOn, rules.statusReportAfterMonths);
  return { statusReportDue: status, finalReportDue: finalReportDue(periodEnd, rules.finalReportDueDays, status) };
}

/** The last whole half-year before `today` (YYYY-MM-DD): what the committee's half-yearly report covers by default. */
export function previousHalfYear(today: string): { from: string; to: string } {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 7 ? { from: `${year}-01-01`, to: `${year}-06-30` } : { from: `${year - 1}-07-01`, to: `${year - 1}-12-31` };
}

/**
 * The periods the secretariat reports on, as of `today`: the last whole half-year (to the strategic
 * committee), the year so far (the hospital trust's follow-up meeting with the regional health
 * authority in November), and the whole of last year (the trust's annual report).
 */
export function reportingPeriods(today: string): Array<{ kind: 'half-year' | 'year-to-date' | 'last-year'; from: string; to: string }> {
  const year = Number(today.slice(0, 4));
  return [
    { kind: 'half-year', ...previousHalfYear(today) },
    { kind: 'year-to-date', from: `${year}-01-01`, to: today },
    { kind: 'last-year', from: `${year - 1}-01-01`, to: `${year - 1}-12-31` },
  ];
}

/**
 * In the month before the regional health authority's follow-up meeting (`followUpMonth`, 1–12):
 * the year so far up to `today`, which the hospital trust reports before it. Undefined other months.
 * (A January meeting is reminded of in December, with the year that is ending.)
 */
export function regionalFollowUpDue(today: string, followUpMonth: number): { from: string; to: string } | undefined {
  const month = Number(today.slice(5, 7));
  const noticeMonth = followUpMonth === 1 ? 12 : followUpMonth - 1;
  return month === noticeMonth ? { from: `${today.slice(0, 4)}-01-01`, to: today } : undefined;
}

/**
 * The half-year that has just ended, during the month after it (January, July): when the committee's
 * half-yearly report is due (002: "FSU orienterer halvårlig SSU"). Undefined the rest of the year.
 */
export function halfYearJustEnded(today: string): { from: string; to: string } | undefined {
  const month = Number(today.slice(5, 7));
  return month === 1 || month === 7 ? previousHalfYear(today) : undefined;
}

/**
 * A grant runs at most 12 months at a time (002: "Det tildeles midler for inntil 12 måneder om
 * gangen"): a project that goes on applies again, and its new period starts after the one it
 * continues has ended, so no month is granted twice.
 */
export function continuationStartProblem(previousPeriodEnd: string, periodStart: string): string | undefined {
  if (periodStart > previousPeriodEnd) return undefined;
  return `En videreføring kan tidligst starte ${formatNorwegianDate(addDays(previousPeriodEnd, 1))}, dagen etter at forrige tilskuddsperiode sluttet.`;
}

/** The history entry of a running grant's new period (details: fromStart, fromEnd, periodStart, periodEnd, reason). */
export const GRANT_PERIOD_CHANGED = 'grant-period-changed';
/** The owner asks the committee for a new period (details: periodStart, periodEnd, reason). */
export const GRANT_PERIOD_REQUESTED = 'grant-period-requested';
/** The committee's no to that request (details: periodStart, periodEnd asked for, reason). */
export const GRANT_PERIOD_REQUEST_DECLINED = 'grant-period-request-declined';

/** A grant whose period can change: granted, its final report not in, not ended. */
export const PERIOD_CHANGEABLE: readonly ApplicationStatus[] = ['payout_pending', 'active', 'status_report_received'];

/** Why the committee cannot give this grant another period now (undefined: it can): not a running grant, or its period is over. */
export function periodChangeRefusal(app: { status: ApplicationStatus; allocation?: Allocation | undefined }, today: string): 'grant_not_running' | 'period_over' | undefined {
  if (!app.allocation || !PERIOD_CHANGEABLE.includes(app.status)) return 'grant_not_running';
  return app.allocation.periodEnd < today ? 'period_over' : undefined;
}

export interface NewPeriod {
  periodStart: string;
  periodEnd: string;
}

/**
 * What is wrong with the committee's new period for a running grant (against the field to fix), or
 * undefined. The rules of any period (at most `maxMonths`), not the same as now; an earlier end (a
 * project that ends early) no earlier than `today` (the Oslo date): the period is what the grant
 * pays for, and a past end would leave the final report owed for days nobody decided. The grant's
 * period must not be over yet (checked by the caller: a 409, not a field).
 */
export function periodChangeProblem(current: NewPeriod, next: NewPeriod, maxMonths: number, today: string): PeriodCheck | undefined {
  const check = checkPeriod(next.periodStart, next.periodEnd, maxMonths);
  if (!check.ok) return check;
  if (next.periodStart === current.periodStart && next.periodEnd === current.periodEnd) {
    return { ok: false, field: 'periodStart', message: 'Perioden er den samme som tilskuddet har. Endre startdato eller sluttdato.' };
  }
  if (next.periodEnd < current.periodEnd && next.periodEnd < today) {
    return { ok: false, field: 'periodEnd', message: `Sluttdato kan ikke være før i dag, ${formatNorwegianDate(today)}.` };
  }
  return undefined;
}

/** The new period ends earlier than the grant's: the project ends early. */
export function endsEarlier(current: NewPeriod, next: NewPeriod): boolean {
  return next.periodEnd < current.periodEnd;
}

/**
 * The allocation with its new period; the status report keeps its deadline (it counts from the
 * decision). The final report's follows the end: a later end gives the deadline that end gives,
 * never an earlier one than the grant has (the committee may have given more time already); an
 * earlier end moves the deadline as many days earlier, so more time given stays given, but never
 * before the deadline the new end gives (a period that now ends before the status report is due
 * has its final report due after the status report's, see finalReportDue).
 */
export function withNewPeriod(allocation: Allocation, next: NewPeriod, finalReportDueDays: number): Allocation {
  const followed = finalReportDue(next.periodEnd, finalReportDueDays, allocation.statusReportDue);
  const kept = endsEarlier(allocation, next) ? addDays(allocation.finalReportDue, -daysBetween(next.periodEnd, allocation.periodEnd)) : allocation.finalReportDue;
  return { ...allocation, periodStart: next.periodStart, periodEnd: next.periodEnd, finalReportDue: followed > kept ? followed : kept };
}

export interface PeriodChangeEntry {
  at: string;
  from: NewPeriod;
  to: NewPeriod;
  reason: string;
}

/** Every change of the grant's period on its history, oldest first. */
export function periodChanges(history: readonly AuditEntry[]): PeriodChangeEntry[] {
  return history.filter((e) => e.action === GRANT_PERIOD_CHANGED).map((e) => {
    const d = e.details ?? {};
    return {
      at: e.at,
      from: { periodStart: String(d['fromStart']), periodEnd: String(d['fromEnd']) },
      to: { periodStart: String(d['periodStart']), periodEnd: String(d['periodEnd']) },
      reason: String(d['reason'] ?? ''),
    };
  });
}

/**
 * The grant's period as it stood at `at` (an ISO instant): the last change made by then, else the
 * period the first change after it started from, else the period it has. A report of a past
 * half-year places the grant as the committee had decided by then.
 */
export function periodAsOf(current: NewPeriod, history: readonly AuditEntry[], at: string): NewPeriod {
  const changes = periodChanges(history);
  const made = changes.findLast((c) => c.at <= at);
  const period = made?.to ?? changes.find((c) => c.at > at)?.from ?? current;
  return { periodStart: period.periodStart, periodEnd: period.periodEnd };
}

export interface PeriodRequestEntry extends NewPeriod {
  /** the owner's reason for a request; the committee's for a no */
  reason: string;
  at: string;
}

const PERIOD_REQUEST_ANSWERS = [GRANT_PERIOD_REQUESTED, GRANT_PERIOD_CHANGED, GRANT_PERIOD_REQUEST_DECLINED];

function lastPeriodRequestOrAnswer(history: readonly AuditEntry[]): PeriodRequestEntry & { action: string } | undefined {
  const e = history.findLast((x) => PERIOD_REQUEST_ANSWERS.includes(x.action));
  const d = e?.details ?? {};
  return e && { action: e.action, at: e.at, periodStart: String(d['periodStart']), periodEnd: String(d['periodEnd']), reason: String(d['reason'] ?? '') };
}

/** The owner's request for a new period still open: the last one, unless the committee has given a new period (whichever) or said no since. */
export function openPeriodRequest(history: readonly AuditEntry[]): PeriodRequestEntry | undefined {
  const last = lastPeriodRequestOrAnswer(history);
  return last?.action === GRANT_PERIOD_REQUESTED ? withoutAction(last) : undefined;
}

/** The committee's no to the owner's last request, unless the owner asked again or the period changed since. */
export function declinedPeriodRequest(history: readonly AuditEntry[]): PeriodRequestEntry | undefined {
  const last = lastPeriodRequestOrAnswer(history);
  return last?.action === GRANT_PERIOD_REQUEST_DECLINED ? withoutAction(last) : undefined;
}

function withoutAction({ action: _action, ...entry }: PeriodRequestEntry & { action: string }): PeriodRequestEntry {
  return entry;
}
