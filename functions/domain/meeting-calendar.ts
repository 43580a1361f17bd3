// The committee's meeting calendar is the scheme's configuration: every Lambda bundle carries it as
// the synth validated it, and the local system validates it at start-up. There is no copy in the
// table, so nothing has to be seeded after a deployment and nothing can drift from the configuration.
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { meetingStartsAt, submissionDeadline } from './deadlines';
import type { Meeting } from './model';

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

/** The meetings not yet held at `now` (those that start after it), in date order. */
export function upcomingMeetings(scheme: SchemeConfig, now: Date): readonly Meeting[] {
  return meetingCalendar(scheme).filter((m) => Date.parse(m.startsAt) > now.getTime());
}

/** The meeting with this id (its date), if the calendar has it. */
export function findMeeting(scheme: SchemeConfig, meetingId: string): Meeting | undefined {
  return meetingCalendar(scheme).find((m) => m.id === meetingId);
}
