// A meeting's minutes: the totals the committee reports for its decisions, and when the attendance
// can be recorded, decisions made and the minutes approved (pure).
import type { Actor, AgendaDepartureRecord, ApplicationRecord, AuditEntry, ApplicationStatus, DecisionOutcome, DecisionRecord, Meeting, MinutesRecord } from './model';
import { formatNorwegianDate, osloDateOf } from './oslo-time';
import { meetingStarted } from './meeting-calendar';
import { ON_AGENDA } from './status-transitions';
import { ABANDONED_WRITE_AFTER_MS } from './abandoned-writes';

/** How many decisions of each outcome, and the money granted (pure). */
export function minutesTotals(decisions: ReadonlyArray<Pick<DecisionRecord, 'outcome' | 'amount'>>) {
  const count = (outcome: DecisionOutcome) => decisions.filter((d) => d.outcome === outcome).length;
  return {
    decisions: decisions.length,
    approved: count('approve'),
    rejected: count('reject'),
    deferred: count('defer'),
    moreInformation: count('more_information'),
    revoked: count('revoke'),
    reallocationsApproved: count('approve_reallocation'),
    reallocationsRefused: count('refuse_reallocation'),
    repaymentsClaimed: count('claim_repayment'),
    periodsChanged: count('change_period'),
    grantedAmount: decisions.reduce((sum, d) => sum + (d.outcome === 'approve' ? (d.amount ?? 0) : 0), 0),
  };
}

/**
 * A question to the owner recorded on a day before its meeting's: the preparation's (FSU's working
 * committee, the secretariat: "AU for FSU kan be om mer informasjon … før behandling i FSU", 002),
 * not a decision of the meeting. It is on the case and its history, not in the meeting's minutes or
 * its counts. Told by the record's own day against the meeting's (a meeting's id is its day), so
 * records stored before this rule read right without a migration.
 */
export function askedBeforeMeeting(d: Pick<DecisionRecord, 'outcome' | 'at' | 'meetingId'>): boolean {
  return d.outcome === 'more_information' && d.meetingId !== undefined && osloDateOf(new Date(d.at)) < d.meetingId;
}

/** The decisions a meeting made, of those recorded with its id: without the questions asked before it (askedBeforeMeeting). */
export function decisionsOfMeeting<T extends Pick<DecisionRecord, 'outcome' | 'at' | 'meetingId'>>(decisions: readonly T[]): T[] {
  return decisions.filter((d) => !askedBeforeMeeting(d));
}

/**
 * The question to the owner a history entry "Mer informasjon etterspurt" recorded: the case's last
 * question recorded at or before the entry (its decision record is made just before the entry).
 */
export function questionOfEntry<T extends Pick<DecisionRecord, 'outcome' | 'at'>>(entry: Pick<AuditEntry, 'action' | 'at'>, decisions: readonly T[]): T | undefined {
  if (entry.action !== 'decision:more-information') return undefined;
  return decisions.filter((d) => d.outcome === 'more_information' && d.at <= entry.at).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
}

/** Where a meeting's minutes stand: the meeting not yet started, minutes open for changes, or approved. */
export type MinutesState = 'not_held' | 'open' | 'approved';

export function minutesState(meeting: Pick<Meeting, 'startsAt'>, now: Date, record: Pick<MinutesRecord, 'approval'> | undefined): MinutesState {
  if (record?.approval) return 'approved';
  return meetingStarted(meeting, now) ? 'open' : 'not_held';
}

/**
 * Why the committee's decision on a case on this meeting's agenda cannot be recorded yet: the
 * committee decides in its meetings (002), so not before the meeting has started. A question to the
 * owner, a recommendation and a move can come before.
 */
export function decisionBeforeMeeting(meeting: Pick<Meeting, 'startsAt'>, now: Date): string | undefined {
  if (meetingStarted(meeting, now)) return undefined;
  return `Møtet ${formatNorwegianDate(osloDateOf(new Date(meeting.startsAt)))} har ikke startet ennå. Vedtaket registreres når møtet er i gang.`;
}

/**
 * Why a decision on a running grant cannot be recorded as made in this meeting (undefined: it can):
 * the meeting must be on the calendar and have started, and its minutes must not be approved (final).
 */
export function decidedInMeetingRefusal(meeting: Pick<Meeting, 'startsAt'> | undefined, now: Date, minutesApproved: boolean): string | undefined {
  if (!meeting) return 'Velg et møte i møteplanen.';
  const day = formatNorwegianDate(osloDateOf(new Date(meeting.startsAt)));
  if (!meetingStarted(meeting, now)) return `Møtet ${day} har ikke startet ennå.`;
  if (minutesApproved) return `Protokollen fra møtet ${day} er godkjent og kan ikke endres. Velg et annet møte, eller la feltet stå tomt.`;
  return undefined;
}

/**
 * Why a decision on a case on the agenda of a meeting whose minutes are approved cannot be recorded
 * (a 409): approved minutes are final, so the committee decides it in a later meeting.
 */
export function approvedMinutesRefusal(meetingDay: string): string {
  return `Protokollen fra møtet ${formatNorwegianDate(meetingDay)} er godkjent og kan ikke endres. Flytt saken til et senere møte, og registrer vedtaket der.`;
}


/** A decision registered for a meeting's minutes, as their item lists it: when, the case, the decision, and a token of the registration's own (two at once are two). */
export function minutesEntry(at: string, applicationId: string, decisionId: string, token: string): string {
  return [at, applicationId, decisionId, token].join(' ');
}

/**
 * The decisions registered for a meeting's minutes (minutesEntry) that are not among `recorded`
 * (keyed `<applicationId>#<decisionId>`), once each, and whether one may still be on its way
 * (registered less than ABANDONED_WRITE_AFTER_MS before `now`; one older than that died on its way).
 */
export function unrecordedEntries(entries: readonly string[], recorded: ReadonlySet<string>, now: Date): Array<{ applicationId: string; decisionId: string; onItsWay: boolean }> {
  const unrecorded = new Map<string, { applicationId: string; decisionId: string; onItsWay: boolean }>();
  for (const entry of entries) {
    const [at = '', applicationId = '', decisionId = ''] = entry.split(' ');
    const key = `${applicationId}#${decisionId}`;
    if (recorded.has(key)) continue;
    const onItsWay = now.getTime() - Date.parse(at) < ABANDONED_WRITE_AFTER_MS || !!unrecorded.get(key)?.onItsWay;
    unrecorded.set(key, { applicationId, decisionId, onItsWay });
  }
  return [...unrecorded.values()];
}

/**
 * How the case's last round on an agenda ended, when it came back from it: the last of its decisions
 * that sends a case on (a question to the owner, a deferral), unless a later decision on it came
 * after (the case was decided since). Undefined for a case on its first round.
 */
export function lastRoundEnd<T extends Pick<DecisionRecord, 'outcome' | 'at'>>(decisions: readonly T[]): T | undefined {
  const last = decisions.filter((d) => AGENDA_OUTCOMES.includes(d.outcome)).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
  return last && (last.outcome === 'more_information' || last.outcome === 'defer') ? last : undefined;
}

/** A reason the minutes cannot be changed or approved now, with the code the API answers (409). */
export interface MinutesBlock {
  reason: 'meeting_not_held' | 'minutes_approved' | 'attendance_missing' | 'cases_open';
  message: string;
}

/** Why the attendance cannot be recorded now (undefined: it can). */
export function attendanceBlocked(state: MinutesState): MinutesBlock | undefined {
  if (state === 'not_held') return { reason: 'meeting_not_held', message: 'Møtet har ikke startet ennå. Fremmøtet registreres når møtet er i gang.' };
  if (state === 'approved') return { reason: 'minutes_approved', message: 'Protokollen er godkjent og kan ikke endres.' };
  return undefined;
}

/**
 * Why the minutes cannot be approved now (undefined: they can). The approved minutes are final, so
 * they need the attendance and a decision on every case on the agenda (or the case moved elsewhere).
 * Approving minutes already approved is not blocked: the use case answers with the approval made.
 */
export function approvalBlocked(state: MinutesState, attendanceRecorded: boolean, openCases: number): MinutesBlock | undefined {
  if (state === 'not_held') return { reason: 'meeting_not_held', message: 'Protokollen kan godkjennes når møtet er holdt.' };
  if (state === 'approved') return undefined;
  if (!attendanceRecorded) return { reason: 'attendance_missing', message: 'Registrer hvem som var til stede før protokollen godkjennes.' };
  if (openCases > 0) {
    const [cases, them] = openCases === 1 ? ['1 sak står', 'saken'] : [`${openCases} saker står`, 'sakene'];
    return { reason: 'cases_open', message: `${cases} på sakslisten uten vedtak. Registrer vedtak, eller flytt ${them} til et annet møte, før protokollen godkjennes.` };
  }
  return undefined;
}

/** The outcomes the committee gives a case on its agenda; the others are decisions on a running grant. */
export const AGENDA_OUTCOMES: readonly DecisionOutcome[] = ['approve', 'reject', 'defer', 'more_information'];

/** A case of a meeting, as its number is worked out. */
export interface MeetingCase {
  applicationId: string;
  submittedAt: string;
  /** the preparatory body's rank the case is (or was) decided on, in schemes whose body ranks */
  rank?: number | undefined;
  /** when it came onto the agenda after the agenda was out (lateArrival); absent: it was on it then */
  arrivedLate?: string | undefined;
}

/**
 * The number each case of a meeting has ("Sak 3"), on its agenda and in its minutes alike: the
 * cases on the agenda now, those decided in the meeting that have left it since (deferred, asked
 * for more information) and those that left it without a decision once the agenda was out
 * (numberedDepartures). First the cases that were on the agenda when it went out, in the agenda's
 * order: by the preparatory body's rank where it ranks (unranked last), then by submission; then
 * those that came onto it after that (moved there, with a cancelled meeting, a deferral or an
 * answer scheduled late), in the order they came. So a case keeps its number whatever happens to
 * it, the cases after it keep theirs, and a case arriving takes the next number.
 */
export function meetingCaseNumbers(cases: readonly MeetingCase[], ranked: boolean): Map<string, number> {
  const rankOf = (c: MeetingCase) => (ranked ? (c.rank ?? Number.MAX_SAFE_INTEGER) : 0);
  const late = (c: MeetingCase) => (c.arrivedLate === undefined ? 0 : 1);
  const unique = [...new Map(cases.map((c) => [c.applicationId, c])).values()];
  unique.sort(
    (a, b) =>
      late(a) - late(b) ||
      (a.arrivedLate ?? '').localeCompare(b.arrivedLate ?? '') ||
      rankOf(a) - rankOf(b) ||
      a.submittedAt.localeCompare(b.submittedAt) ||
      a.applicationId.localeCompare(b.applicationId),
  );
  return new Map(unique.map((c, i) => [c.applicationId, i + 1]));
}

/**
 * When a case came onto a meeting's agenda after the agenda went out (its submission deadline, when
 * the secretariat sends the papers), from the case's history, where every scheduling and move names
 * the meeting: undefined if the case was on the agenda at the deadline (whatever it did after), or
 * if its history names no arrival after it. A case that came late, left and came back has the time
 * it first came, so it keeps its number.
 */
export function lateArrival(history: readonly AuditEntry[], meeting: Pick<Meeting, 'id' | 'submissionDeadline'>): string | undefined {
  const out = Date.parse(meeting.submissionDeadline);
  const arrives = (e: AuditEntry) => e.to === 'scheduled' && e.details?.meetingId === meeting.id;
  // On the agenda at the deadline: the last change of status before it put the case there (the
  // preparatory body's recommendation after it leaves the case on its meeting).
  const last = history.findLast((e) => Date.parse(e.at) <= out && e.to !== undefined && e.to !== 'recommended');
  if (last && arrives(last)) return undefined;
  return history.find((e) => Date.parse(e.at) > out && arrives(e))?.at;
}

/**
 * How a status change takes a case off its meeting's agenda without the committee's decision, if it
 * does: the owner withdraws it, the workflow closes it (a question unanswered, no meeting left), or
 * it goes to another meeting (moved by hand, with a cancelled meeting, or by the workflow when the
 * decision is overdue). A decision that takes it off (deferred, asked for more information) is the
 * decision's to number, and a case that stays on its meeting has not left.
 */
export function agendaDeparture(
  app: Pick<ApplicationRecord, 'id' | 'schemeId' | 'status' | 'meetingId' | 'title' | 'submittedAt' | 'recommendation' | 'revision'>,
  move: { to: ApplicationStatus; actor: Actor; at: string; meetingId?: string | undefined; removesMeeting: boolean },
): AgendaDepartureRecord | undefined {
  if (!app.meetingId || !ON_AGENDA.includes(app.status)) return undefined;
  const movedTo = move.to === 'scheduled' && move.meetingId !== undefined && move.meetingId !== app.meetingId ? move.meetingId : undefined;
  const kind = movedTo ? 'moved' : move.to === 'withdrawn' && move.removesMeeting ? (move.actor.kind === 'applicant' ? 'withdrawn' : 'closed') : undefined;
  if (!kind) return undefined;
  return {
    schemeId: app.schemeId,
    meetingId: app.meetingId,
    applicationId: app.id,
    title: app.title,
    submittedAt: app.submittedAt,
    ...(app.recommendation?.rank !== undefined ? { rank: app.recommendation.rank } : {}),
    kind,
    at: move.at,
    ...(movedTo ? { movedTo } : {}),
    revision: app.revision,
  };
}

/**
 * Why a change that takes a case off its meeting's agenda cannot go on (undefined: it can): the
 * departure noted for that meeting (`held`) is another change's, made on the same revision of the
 * case at the same moment (the owner withdrew it while the secretariat moved it, say), and that one
 * goes on. A repeat of this very change (the same kind, to the same meeting) is not refused.
 */
export function departureRefusal(held: Pick<AgendaDepartureRecord, 'kind' | 'movedTo'>, attempted: Pick<AgendaDepartureRecord, 'kind' | 'movedTo'>): string | undefined {
  if (held.kind === attempted.kind && held.movedTo === attempted.movedTo) return undefined;
  const what = attempted.kind === 'moved' ? 'flyttet' : attempted.kind === 'withdrawn' ? 'trukket' : 'avsluttet';
  const meanwhile =
    held.kind === 'withdrawn' ? 'Søkeren trakk søknaden'
      : held.kind === 'closed' ? 'Søknaden ble avsluttet'
        : held.movedTo ? `Søknaden ble flyttet til møtet ${formatNorwegianDate(held.movedTo)}` : 'Søknaden ble flyttet til et annet møte';
  const instead = held.kind === 'moved' && attempted.kind === 'moved' ? 'av noen andre i samme øyeblikk' : `i samme øyeblikk, så den er ikke ${what}`;
  return `${meanwhile} ${instead}. Last inn siden på nytt for å se hvor saken står.`;
}

/**
 * The cases that left the agenda without a decision and keep their numbers there: those that left
 * once the agenda was out, and are neither back on it nor decided in it (`cases`: those that are).
 * The agenda is out at the submission deadline, when the secretariat is told "Sakslisten er klar"
 * and sends the papers to the committee: from then on members prepare from its numbers, until the
 * minutes are approved, so a case withdrawn or moved the day before the meeting (or not reached in
 * it and moved on) stays as a line under its number. Before the deadline the agenda is still being
 * made and nobody has its numbers: a case leaving then leaves no gap.
 */
export function numberedDepartures<T extends Pick<AgendaDepartureRecord, 'applicationId' | 'at'>>(departures: readonly T[], meeting: Pick<Meeting, 'submissionDeadline'>, cases: ReadonlySet<string>): T[] {
  const out = Date.parse(meeting.submissionDeadline);
  return departures.filter((d) => !cases.has(d.applicationId) && Date.parse(d.at) >= out);
}

/**
 * The minutes' number of each decision: a decision on a case of the agenda has that case's number;
 * one on a running grant (a reallocation, a repayment claim, a new period) comes after the agenda's
 * cases, in the order made.
 */
export function minutesCaseNumbers(decisions: ReadonlyArray<Pick<DecisionRecord, 'applicationId' | 'outcome'>>, caseNumbers: ReadonlyMap<string, number>): number[] {
  let next = Math.max(0, ...caseNumbers.values());
  return decisions.map((d) => (AGENDA_OUTCOMES.includes(d.outcome) ? caseNumbers.get(d.applicationId) : undefined) ?? ++next);
}
