// The committee's meeting calendar as the use cases read it (the configured meetings less those the
// secretariat cancelled, and those it added), and the secretariat's additions (cancel-meeting.ts: cancellations).
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import { addedMeeting, cancelledMeetings, findMeeting, meetingAdditionRefusal, meetingCalendar, takesNewApplications, type Calendar } from '../domain/meeting-calendar';
import type { Actor, AddedMeetingRecord, Meeting } from '../domain/model';
import { actorId } from '../domain/staff-name';
import { formatNorwegianDate } from '../domain/oslo-time';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import type { MeetingAddition } from '../../schemas/requests.schema';
import { loadScheme } from './load-application';

/** The scheme's whole calendar: one Query for the secretariat's changes to it. */
export async function loadCalendar(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig): Promise<Calendar> {
  return meetingCalendar(scheme, await deps.store.listCalendarChanges(scheme.id));
}

/** A meeting of the scheme's calendar, with its scheme and calendar; 404 when the calendar has no such meeting. */
export async function loadMeeting(deps: Pick<Dependencies, 'scheme' | 'store'>, schemeId: string, meetingId: string): Promise<{ scheme: SchemeConfig; meeting: Meeting; calendar: Calendar }> {
  const scheme = loadScheme(deps, schemeId);
  const calendar = await loadCalendar(deps, scheme);
  const meeting = findMeeting(calendar, meetingId);
  if (!meeting) throw new NotFoundError('Fant ikke møtet.');
  return { scheme, meeting, calendar };
}

/**
 * Adds a meeting to the scheme's calendar (next year's plan, an extra meeting): from then on
 * applications are scheduled to it like to a configured one, and an application waiting for the
 * calendar finds it the next time its process looks. A repeat of the same addition changes nothing.
 * A configured meeting the secretariat cancelled, added again as it was (day, time and name), is
 * restored: the cancellation is taken back, and it is the configured meeting again.
 */
export async function addMeeting(deps: Dependencies, schemeId: string, input: MeetingAddition, actor: Actor): Promise<{ meeting: Meeting; created: boolean; restored?: true }> {
  const scheme = loadScheme(deps, schemeId);
  const now = deps.clock.now();
  const record: AddedMeetingRecord = {
    schemeId: scheme.id,
    date: input.date,
    time: input.time,
    title: input.title,
    ...(input.newApplications === false ? { newApplications: false as const } : {}),
    addedAt: now.toISOString(),
    addedBy: actorId(actor),
  };
  const changes = await deps.store.listCalendarChanges(scheme.id);
  const existing = findMeeting(meetingCalendar(scheme, changes), input.date);
  if (existing) return sameMeeting(existing, record);
  const refusal = meetingAdditionRefusal(input, now);
  if (refusal) throw new ValidationError({ [refusal.field]: refusal.message });
  const cancelled = cancelledMeetings(scheme, changes).find((m) => m.date === input.date && m.time === input.time && m.title === input.title);
  if (cancelled) {
    // false: restored by someone else at the same moment, which is the same
    await deps.store.restoreConfiguredMeeting(scheme.id, input.date);
    return { meeting: findMeeting(meetingCalendar(scheme), input.date)!, created: true, restored: true };
  }
  if (!(await deps.store.addMeeting(record))) {
    // Someone added a meeting on that day at the same moment.
    const [raced] = (await deps.store.listCalendarChanges(scheme.id)).added.filter((m) => m.date === input.date);
    if (!raced) throw new Error(`The added meeting ${input.date} of ${scheme.id} is gone`);
    return sameMeeting(addedMeeting(scheme, raced), record);
  }
  return { meeting: addedMeeting(scheme, record), created: true };
}

/** The day has a meeting: a repeat of this addition (or restoration) is answered with it, anything else is a conflict. */
function sameMeeting(existing: Meeting, wanted: AddedMeetingRecord): { meeting: Meeting; created: false } {
  if (existing.time === wanted.time && existing.title === wanted.title && takesNewApplications(existing) === takesNewApplications(wanted)) return { meeting: existing, created: false };
  throw new ConflictError(`Møteplanen har allerede et møte ${formatNorwegianDate(existing.date)} (${existing.title}).`, 'meeting_exists');
}

/** A scheme's calendar, read at most once by whoever holds it. */
export type CalendarOf = (scheme: SchemeConfig) => Promise<Calendar>;

/** loadCalendar for a sweep over many cases: each scheme's calendar is read once. */
export function calendarsOnce(deps: Pick<Dependencies, 'store'>): CalendarOf {
  const read = new Map<string, Promise<Calendar>>();
  return (scheme) => {
    let calendar = read.get(scheme.id);
    if (!calendar) read.set(scheme.id, (calendar = loadCalendar(deps, scheme)));
    return calendar;
  };
}
