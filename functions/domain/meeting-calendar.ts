// The committee's meeting calendar is the scheme's configuration: every Lambda bundle carries it as
// the synth validated it, and the local system validates it at start-up. There is no copy in the
// table, so nothing has to be seeded after a deployment and nothing can drift from the configuration.
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { meetingStartsAt, submissionDeadline } from './deadlines';
import { addDays, addMonths, osloDateOf } from './oslo-time';
import type { Meeting } from './model';
import { addDaysToInstant } from './wait-budget';

const calendars = new WeakMap<SchemeConfig, readonly Meeting[]>();

/** Every meeting of the scheme in date order (the configuration is validated sorted), with its start and submission deadline. */
export function meetingCalendar(scheme: SchemeConfig): readonly Meeting[] {
  let calendar = calendars.get(scheme);
  if (!calendar) {
    calendar = Object.freeze(
      scheme.meetings.map((m) =>
        Object.freeze({
          schemeId: scheme.id,
          id: m.date,
          date: m.date,
          time: m.time,
          title: m.title,
          startsAt: meetingStartsAt({ id: m.date, date: m.date, time: m.time }).toISOString(),
          submissionDeadline: submissionDeadline(m.date, scheme.submissionLeadDays).toISOString(),
        }),
      ),
    );
    calendars.set(scheme, calendar);
  }
  return calendar;
}

/** Whether a meeting has started at `now`: from then on it is held (decisions, minutes), and nothing more can be put on it. */
export function meetingStarted(meeting: Pick<Meeting, 'startsAt'>, now: Date): boolean {
  return Date.parse(meeting.startsAt) <= now.getTime();
}

/**
 * The meeting the committee is in at `now`: one that has started, on that Oslo day. A decision on a
 * running grant (taking it back) recorded then is one of that meeting's decisions, in its minutes.
 */
export function meetingInSession(scheme: SchemeConfig, now: Date): Meeting | undefined {
  const today = osloDateOf(now);
  return meetingCalendar(scheme).find((m) => m.date === today && meetingStarted(m, now));
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
export function committeeAnswerDue(scheme: SchemeConfig, now: Date, minimumDays: number): Date {
  const minimum = addDaysToInstant(now, minimumDays);
  const next = upcomingMeetings(scheme, now)[0];
  const due = next && decisionOverdueAt(next);
  return due && due > minimum ? due : minimum;
}

/** The meetings not yet held at `now` (those that start after it), in date order. */
export function upcomingMeetings(scheme: SchemeConfig, now: Date): readonly Meeting[] {
  return meetingCalendar(scheme).filter((m) => !meetingStarted(m, now));
}

/** The meeting with this id (its date), if the calendar has it. */
export function findMeeting(scheme: SchemeConfig, meetingId: string): Meeting | undefined {
  return meetingCalendar(scheme).find((m) => m.id === meetingId);
}

/** The meeting whose agenda an application is on, if any (and if the calendar still has it). */
export function applicationMeeting(scheme: SchemeConfig, app: { meetingId?: string | undefined }): Meeting | undefined {
  return app.meetingId ? findMeeting(scheme, app.meetingId) : undefined;
}

/**
 * What a meeting reports on when it hears the status of the measures (Innlandet's action part):
 * the days since the meeting before it, up to its own day; the calendar's first meeting looks back
 * a year.
 */
export function sincePreviousMeeting(scheme: SchemeConfig, meeting: Pick<Meeting, 'date'>): { from: string; to: string } {
  const previous = meetingCalendar(scheme).filter((m) => m.date < meeting.date).at(-1);
  return { from: previous ? addDays(previous.date, 1) : addDays(addMonths(meeting.date, -12), 1), to: meeting.date };
}
