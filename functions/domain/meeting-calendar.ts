// The committee's meeting calendar: the meetings of the scheme's configuration (every Lambda bundle
// carries them as the synth validated them) less those the secretariat cancelled, and the meetings
// the secretariat has added since (next year's plan, an extra meeting, a cancelled one on another
// day), which are stored. A configured meeting needs no seeding after a deployment; an added one
// needs no deployment. Where both have a date, the configuration's wins unless it is cancelled.
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { meetingStartsAt, nextReachableMeeting, submissionDeadline } from './deadlines';
import { addDays, addMonths, osloDateOf, osloInstant } from './oslo-time';
import type { AddedMeetingRecord, AuditEntry, CalendarChanges, Meeting } from './model';
import { addDaysToInstant } from './wait-budget';

/** A scheme's meetings in date order, each with its start and submission deadline. */
export type Calendar = readonly Meeting[];

const configured = new WeakMap<SchemeConfig, Calendar>();

function meetingOf(scheme: SchemeConfig, m: { date: string; time: string; title: string; newApplications?: boolean }, added?: Meeting['added']): Meeting {
  return Object.freeze({
    schemeId: scheme.id,
    id: m.date,
    date: m.date,
    time: m.time,
    title: m.title,
    startsAt: meetingStartsAt({ id: m.date, date: m.date, time: m.time }).toISOString(),
    submissionDeadline: submissionDeadline(m.date, scheme.submissionLeadDays).toISOString(),
    ...(added ? { added } : {}),
    ...(m.newApplications === false ? { newApplications: false as const } : {}),
  });
}

/**
 * Whether a new application can be put on the meeting: every meeting, unless the scheme runs
 * application rounds, where a meeting between the rounds decides only cases already in process.
 */
export function takesNewApplications(meeting: Pick<Meeting, 'newApplications'>): boolean {
  return meeting.newApplications !== false;
}

/**
 * The next meeting whose submission deadline has not passed: for a new application, the next that
 * takes new applications; a case already in process (back from a question, moved), any.
 */
export function reachableMeeting(calendar: Calendar, now: Date, leadDays: number, inProcess: boolean): Meeting | undefined {
  return nextReachableMeeting(inProcess ? calendar : calendar.filter(takesNewApplications), now, leadDays);
}

/** A configured meeting the secretariat cancelled: when and by whom (it can be restored until it would have started). */
export type CancelledMeeting = Meeting & { cancelled: { at: string; by: string } };

/**
 * The configured meetings the secretariat cancelled and no added meeting has replaced on their day,
 * in date order.
 */
export function cancelledMeetings(scheme: SchemeConfig, changes: Partial<CalendarChanges>): CancelledMeeting[] {
  const addedDays = new Set((changes.added ?? []).filter((a) => a.schemeId === scheme.id).map((a) => a.date));
  const cancellations = new Map((changes.cancelled ?? []).filter((c) => c.schemeId === scheme.id && !addedDays.has(c.date)).map((c) => [c.date, c]));
  return meetingCalendar(scheme).flatMap((m) => {
    const c = cancellations.get(m.date);
    return c ? [{ ...m, cancelled: { at: c.cancelledAt, by: c.cancelledBy } }] : [];
  });
}

/** A meeting the secretariat added, as the calendar has it. */
export function addedMeeting(scheme: SchemeConfig, record: AddedMeetingRecord): Meeting {
  return meetingOf(scheme, record, { at: record.addedAt, by: record.addedBy });
}

/**
 * Every meeting of the scheme in date order: the configured ones (validated sorted; built once per
 * scheme) less the cancelled, and those the secretariat added, with their start and submission deadline.
 */
export function meetingCalendar(scheme: SchemeConfig, changes: Partial<CalendarChanges> = {}): Calendar {
  let calendar = configured.get(scheme);
  if (!calendar) {
    calendar = Object.freeze(scheme.meetings.map((m) => meetingOf(scheme, m)));
    configured.set(scheme, calendar);
  }
  const added = (changes.added ?? []).filter((a) => a.schemeId === scheme.id);
  const cancelled = new Set((changes.cancelled ?? []).filter((c) => c.schemeId === scheme.id).map((c) => c.date));
  if (added.length === 0 && cancelled.size === 0) return calendar;
  const kept = calendar.filter((m) => !cancelled.has(m.date));
  const dates = new Set(kept.map((m) => m.date));
  const extra = added.filter((a) => !dates.has(a.date)).map((a) => addedMeeting(scheme, a));
  // one meeting per day, so the date alone orders them
  return Object.freeze([...kept, ...extra].sort((a, b) => a.date.localeCompare(b.date)));
}

/** How far ahead the secretariat can plan a meeting. */
export const MEETING_PLAN_YEARS_AHEAD = 3;

/**
 * Why a meeting cannot be added to the calendar at `now`, at the field to correct (undefined: it
 * can). A meeting on a day that has one already is a conflict the use case answers (a repeat of
 * the same addition is not).
 */
export function meetingAdditionRefusal(meeting: { date: string; time: string }, now: Date): { field: 'date' | 'time'; message: string } | undefined {
  const startsAt = osloInstant(meeting.date, meeting.time);
  if (startsAt.getTime() <= now.getTime()) {
    return osloDateOf(now) === meeting.date
      ? { field: 'time', message: 'Møtet må begynne senere enn nå.' }
      : { field: 'date', message: 'Møtet må være fram i tid.' };
  }
  if (meeting.date > addMonths(osloDateOf(now), 12 * MEETING_PLAN_YEARS_AHEAD)) {
    return { field: 'date', message: `Møtet kan legges høyst ${MEETING_PLAN_YEARS_AHEAD} år fram i tid.` };
  }
  return undefined;
}

/** Whether a meeting has started at `now`: from then on it is held (decisions, minutes), and nothing more can be put on it. */
export function meetingStarted(meeting: Pick<Meeting, 'startsAt'>, now: Date): boolean {
  return Date.parse(meeting.startsAt) <= now.getTime();
}

/**
 * The meeting the committee is in at `now`: one that has started, on that Oslo day. A decision on a
 * running grant (taking it back) recorded then is one of that meeting's decisions, in its minutes.
 */
export function meetingInSession(calendar: Calendar, now: Date): Meeting | undefined {
  const today = osloDateOf(now);
  return calendar.find((m) => m.date === today && meetingStarted(m, now));
}

/** The committee decides at the meeting; a decision not recorded a month after it is overdue. */
export const DECISION_GRACE_DAYS = 30;

export function decisionOverdueAt(meeting: Pick<Meeting, 'startsAt'>): Date {
  return addDaysToInstant(new Date(meeting.startsAt), DECISION_GRACE_DAYS);
}

/**
 * Until when a request the committee must approve in a meeting (a reallocation, 002: "må bli
 * godkjent på forhånd av FSU") waits before it lapses: the decision deadline of the next meeting,
 * and never less than `minimumDays` (the calendar may have none left).
 */
export function committeeAnswerDue(calendar: Calendar, now: Date, minimumDays: number): Date {
  const minimum = addDaysToInstant(now, minimumDays);
  const next = upcomingMeetings(calendar, now)[0];
  const due = next && decisionOverdueAt(next);
  return due && due > minimum ? due : minimum;
}

/** The meetings not yet held at `now` (those that start after it), in date order. */
export function upcomingMeetings(calendar: Calendar, now: Date): Calendar {
  return calendar.filter((m) => !meetingStarted(m, now));
}

/** What a view says of a meeting a case is on, or can reach: which, when, and its submission deadline. */
export function meetingDeadline(meeting: Pick<Meeting, 'id' | 'date' | 'submissionDeadline'> | undefined): { id: string; date: string; submissionDeadline: string } | undefined {
  return meeting ? { id: meeting.id, date: meeting.date, submissionDeadline: meeting.submissionDeadline } : undefined;
}

/** The meeting with this id (its date), if the calendar has it. */
export function findMeeting(calendar: Calendar, meetingId: string): Meeting | undefined {
  return calendar.find((m) => m.id === meetingId);
}

/** The meeting whose agenda an application is on, if any (and if the calendar still has it). */
export function applicationMeeting(calendar: Calendar, app: { meetingId?: string | undefined }): Meeting | undefined {
  return app.meetingId ? findMeeting(calendar, app.meetingId) : undefined;
}

/**
 * What a meeting reports on when it hears the status of the measures (Innlandet's action part):
 * the days since the meeting before it, up to its own day; the calendar's first meeting looks back
 * a year.
 */
export function sincePreviousMeeting(calendar: Calendar, meeting: Pick<Meeting, 'date'>): { from: string; to: string } {
  const previous = calendar.filter((m) => m.date < meeting.date).at(-1);
  return { from: previous ? addDays(previous.date, 1) : addDays(addMonths(meeting.date, -12), 1), to: meeting.date };
}

/**
 * How many times the case has been put on this meeting's agenda (scheduled there or moved there),
 * from its history: a case moved away and back is on it a second time, and its owner is told again.
 */
export function timesOnAgenda(history: readonly AuditEntry[], meetingId: string): number {
  return history.filter((e) => e.to === 'scheduled' && e.details?.meetingId === meetingId).length;
}

/**
 * The end of the keys of the owner's notice of a meeting and of the reminder that sends it after a
 * move: one per case, meeting and time on its agenda (the first time without a count, as the keys
 * were before there was one).
 */
export function agendaVisitKey(meetingId: string, history: readonly AuditEntry[]): string {
  const times = timesOnAgenda(history, meetingId);
  return times > 1 ? `${meetingId}#${times}` : meetingId;
}

/** The meeting a case was last moved from to this one by hand, from its history (undefined: not moved there). */
export function movedFromMeeting(history: readonly AuditEntry[], meetingId: string): string | undefined {
  const entry = history.findLast((e) => e.action === 'moved-to-meeting' && e.details?.meetingId === meetingId);
  const from = entry?.details?.fromMeetingId;
  return typeof from === 'string' ? from : undefined;
}

/**
 * The committee's deferral the case still follows from: the last decision on it was a deferral (no
 * later question, rejection or grant). Its reason, if one was given, and the meeting it was deferred
 * in: the one the case was last put on before it, from its history.
 */
export function currentDeferral(history: readonly AuditEntry[]): { reason?: string; meetingId?: string } | undefined {
  const at = history.findLastIndex((e) => e.action.startsWith('decision:'));
  const entry = history[at];
  if (entry?.action !== 'decision:defer') return undefined;
  const reason = entry.details?.reason;
  const meetingId = history.slice(0, at).findLast((e) => e.to === 'scheduled' && typeof e.details?.meetingId === 'string')?.details?.meetingId;
  return {
    ...(typeof reason === 'string' && reason ? { reason } : {}),
    ...(typeof meetingId === 'string' ? { meetingId } : {}),
  };
}
