// Submission deadlines and reminders against the committee's meeting plan (Oslo time).
import { addDays, endOfOsloDay, osloDateOf, osloInstant } from './oslo-time';

export interface MeetingSlot {
  id: string;
  date: string; // YYYY-MM-DD (Oslo)
  time: string; // HH:MM (Oslo)
}

/**
 * Last moment an application reaches a meeting: the end of the Oslo day `leadDays` before it.
 * "Submitted 14 days before the meeting" therefore still holds all through that day.
 */
export function submissionDeadline(meetingDate: string, leadDays: number): Date {
  return endOfOsloDay(addDays(meetingDate, -leadDays));
}

/** The meeting's start as an instant. */
export function meetingStartsAt(slot: MeetingSlot): Date {
  return osloInstant(slot.date, slot.time);
}

/** True while `at` is at or before the deadline (the deadline itself is still in time). */
export function isInTimeFor(meetingDate: string, at: Date, leadDays: number): boolean {
  return at.getTime() <= submissionDeadline(meetingDate, leadDays).getTime();
}

/**
 * The earliest meeting whose submission deadline has not passed at `at`.
 * Input order is irrelevant; ties on date are broken by time, then id, so the answer is stable.
 */
export function nextReachableMeeting<T extends MeetingSlot>(
  meetings: readonly T[],
  at: Date,
  leadDays: number,
): T | undefined {
  return [...meetings]
    .sort(compareSlots)
    .find((slot) => isInTimeFor(slot.date, at, leadDays));
}

/** When in an Oslo day reminders before a deadline go out: in working hours, whatever the deadline's time. */
export const REMINDER_TIME = '09:00';

/**
 * The owner has just been told the submission deadline (the receipt, the revision's confirmation)
 * when the signing requests go out: a reminder of it due sooner than this after them says nothing new.
 */
export const DEADLINE_REMINDER_QUIET_HOURS = 12;

/** The owner's reminders of a submission deadline, planned when the signing requests go out at `sentAt`. */
export function submissionReminderInstants(deadline: Date, daysBefore: number[], sentAt: Date): Date[] {
  return reminderInstants(deadline, daysBefore, new Date(sentAt.getTime() + DEADLINE_REMINDER_QUIET_HOURS * 3_600_000));
}

/**
 * Reminder instants `daysBefore` Oslo calendar days before a deadline's day, at 09:00 Oslo time
 * (also across a DST change). At the deadline's own time of day, a reminder "a day before" a
 * 23:59 deadline went out with the sweep after midnight, on the deadline's day ("går ut i dag").
 * Instants before `now` are dropped (one exactly at `now` is kept: it is due, not past).
 * Sorted ascending, duplicates removed.
 */
export function reminderInstants(deadline: Date, daysBefore: number[], now: Date): Date[] {
  const date = osloDateOf(deadline);
  const instants = daysBefore.map((n) => osloInstant(addDays(date, -n), REMINDER_TIME).getTime());
  return [...new Set(instants)]
    .filter((ms) => ms >= now.getTime())
    .sort((a, b) => a - b)
    .map((ms) => new Date(ms));
}

function compareSlots(a: MeetingSlot, b: MeetingSlot): number {
  return compareText(a.date, b.date) || compareText(a.time, b.time) || compareText(a.id, b.id);
}

// Plain code-unit order: ISO dates and HH:MM sort correctly that way, independent of locale.
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How long before the submission deadline the author of an unsent draft is reminded: first choice, then the fallback. */
const DRAFT_REMINDER_DAYS = [3, 1] as const;
const DRAFT_REMINDER_MIN_NOTICE_MS = 12 * 3_600_000;

/**
 * When to remind the author of a draft that the next submission deadline is coming: 3 days before
 * it, or 1 day before when 3 days before is too close (under 12 hours from now, e.g. a draft saved
 * the week of the deadline); none when the deadline is closer still: the author is at it.
 */
export function draftReminderAt(deadline: string, now: Date): string | undefined {
  for (const days of DRAFT_REMINDER_DAYS) {
    const at = Date.parse(deadline) - days * 86_400_000;
    if (at - now.getTime() >= DRAFT_REMINDER_MIN_NOTICE_MS) return new Date(at).toISOString();
  }
  return undefined;
}
