import { describe, expect, it } from 'vitest';
import {
  isInTimeFor,
  meetingStartsAt,
  nextReachableMeeting,
  reminderInstants,
  submissionDeadline,
  submissionReminderInstants,
  type MeetingSlot, draftReminderAt } from '../../functions/domain/deadlines';

const iso = (d: Date) => d.toISOString();
const at = (s: string) => new Date(s);

describe('submissionDeadline', () => {
  it('is the end of the Oslo day 14 days before the meeting', () => {
    // meeting Thu 2026-02-12 → deadline Thu 2026-01-29 23:59:59.999 CET
    expect(iso(submissionDeadline('2026-02-12', 14))).toBe('2026-01-29T22:59:59.999Z');
  });

  it('exactly 14 days before the meeting is in time, 13 days before is too late', () => {
    const meeting = '2026-02-12';
    expect(isInTimeFor(meeting, at('2026-01-29T12:00:00+01:00'), 14)).toBe(true); // 14 days before
    expect(isInTimeFor(meeting, at('2026-01-30T12:00:00+01:00'), 14)).toBe(false); // 13 days before
  });

  it('23:59:59.999 Oslo on the last day is in time; 00:00 the next Oslo day is not', () => {
    const meeting = '2026-02-12';
    expect(isInTimeFor(meeting, at('2026-01-29T23:59:59.999+01:00'), 14)).toBe(true);
    expect(isInTimeFor(meeting, at('2026-01-30T00:00:00.000+01:00'), 14)).toBe(false);
  });

  it('falls on the spring-forward day 2026-03-29 (deadline in CEST)', () => {
    const deadline = submissionDeadline('2026-04-12', 14);
    expect(iso(deadline)).toBe('2026-03-29T21:59:59.999Z');
    expect(isInTimeFor('2026-04-12', at('2026-03-29T23:59:59.999+02:00'), 14)).toBe(true);
    expect(isInTimeFor('2026-04-12', at('2026-03-30T00:00:00.000+02:00'), 14)).toBe(false);
    // 22:30 UTC is 00:30 on the 30th in Oslo: too late even though it is still the 29th in UTC.
    expect(isInTimeFor('2026-04-12', at('2026-03-29T22:30:00Z'), 14)).toBe(false);
  });

  it('falls on the fall-back day 2026-10-25 (deadline in CET)', () => {
    const deadline = submissionDeadline('2026-11-08', 14);
    expect(iso(deadline)).toBe('2026-10-25T22:59:59.999Z');
    expect(isInTimeFor('2026-11-08', at('2026-10-25T23:59:59.999+01:00'), 14)).toBe(true);
    expect(isInTimeFor('2026-11-08', at('2026-10-26T00:00:00.000+01:00'), 14)).toBe(false);
  });

  it('honours other lead times', () => {
    expect(iso(submissionDeadline('2026-06-10', 0))).toBe('2026-06-10T21:59:59.999Z');
    expect(iso(submissionDeadline('2026-06-10', 21))).toBe('2026-05-20T21:59:59.999Z');
  });
});

describe('meetingStartsAt', () => {
  it('is the Oslo wall time of the meeting as an instant', () => {
    expect(iso(meetingStartsAt({ id: '2026-02-12', date: '2026-02-12', time: '09:00' }))).toBe(
      '2026-02-12T08:00:00.000Z',
    );
    expect(iso(meetingStartsAt({ id: '2026-06-10', date: '2026-06-10', time: '12:30' }))).toBe(
      '2026-06-10T10:30:00.000Z',
    );
  });
});

describe('nextReachableMeeting', () => {
  // Deliberately out of order.
  const meetings: MeetingSlot[] = [
    { id: '2026-04-12', date: '2026-04-12', time: '09:00' },
    { id: '2026-02-12', date: '2026-02-12', time: '09:00' },
    { id: '2026-11-08', date: '2026-11-08', time: '09:00' },
    { id: '2026-03-12', date: '2026-03-12', time: '09:00' },
  ];

  it('picks the earliest meeting regardless of input order', () => {
    expect(nextReachableMeeting(meetings, at('2026-01-01T10:00:00+01:00'), 14)?.id).toBe('2026-02-12');
  });

  it('on the deadline day itself the meeting is still reachable', () => {
    expect(nextReachableMeeting(meetings, at('2026-01-29T23:59:59.999+01:00'), 14)?.id).toBe('2026-02-12');
  });

  it('13 days before skips to the next meeting', () => {
    expect(nextReachableMeeting(meetings, at('2026-01-30T00:00:00.000+01:00'), 14)?.id).toBe('2026-03-12');
  });

  it('treats the exact deadline instant as in time', () => {
    const deadline = submissionDeadline('2026-03-12', 14);
    expect(nextReachableMeeting(meetings, deadline, 14)?.id).toBe('2026-03-12');
    expect(nextReachableMeeting(meetings, new Date(deadline.getTime() + 1), 14)?.id).toBe('2026-04-12');
  });

  it('across the DST deadline day', () => {
    expect(nextReachableMeeting(meetings, at('2026-03-29T23:59:00+02:00'), 14)?.id).toBe('2026-04-12');
    expect(nextReachableMeeting(meetings, at('2026-03-30T00:00:00+02:00'), 14)?.id).toBe('2026-11-08');
  });

  it('is undefined when every deadline has passed or there are no meetings', () => {
    expect(nextReachableMeeting(meetings, at('2026-10-26T00:00:00+01:00'), 14)).toBeUndefined();
    expect(nextReachableMeeting([], at('2026-01-01T00:00:00Z'), 14)).toBeUndefined();
  });

  it('orders same-day meetings by time and does not mutate the input', () => {
    const sameDay: MeetingSlot[] = [
      { id: 'b', date: '2026-05-20', time: '13:00' },
      { id: 'a', date: '2026-05-20', time: '09:00' },
    ];
    expect(nextReachableMeeting(sameDay, at('2026-05-01T00:00:00Z'), 14)?.id).toBe('a');
    expect(sameDay.map((m) => m.id)).toEqual(['b', 'a']);
  });
});

describe('submissionReminderInstants', () => {
  const deadline = submissionDeadline('2026-03-19', 14); // 2026-03-05 23:59:59.999 CET

  it('leaves out a reminder due within 12 hours of the signing requests (the owner was just told the deadline)', () => {
    // Sent 08:30 Oslo on the day before: the 09:00 reminder that day would come half an hour after the receipt.
    expect(submissionReminderInstants(deadline, [7, 1], at('2026-03-04T07:30:00Z')).map(iso)).toEqual([]);
    // Sent the evening before that: the reminder comes the next morning, 13.5 hours on.
    expect(submissionReminderInstants(deadline, [7, 1], at('2026-03-03T18:30:00Z')).map(iso)).toEqual(['2026-03-04T08:00:00.000Z']);
    expect(submissionReminderInstants(deadline, [7, 1], at('2026-02-20T12:00:00Z')).map(iso)).toEqual(['2026-02-26T08:00:00.000Z', '2026-03-04T08:00:00.000Z']);
  });
});

describe('reminderInstants', () => {
  const deadline = submissionDeadline('2026-03-19', 14); // 2026-03-05 23:59:59.999 CET

  it('gives reminders 7 and 1 days before the deadline\'s day at 09:00 Oslo time: the day before a 23:59 deadline, not after midnight on its day', () => {
    const result = reminderInstants(deadline, [7, 1], at('2026-01-01T00:00:00Z'));
    expect(result.map(iso)).toEqual(['2026-02-26T08:00:00.000Z', '2026-03-04T08:00:00.000Z']);
  });

  it('keeps 09:00 Oslo time across the spring-forward change', () => {
    // deadline 2026-04-02 23:59:59.999 CEST; 7 days before is 2026-03-26, still CET
    const d = submissionDeadline('2026-04-16', 14);
    expect(iso(d)).toBe('2026-04-02T21:59:59.999Z');
    const [week, day] = reminderInstants(d, [7, 1], at('2026-01-01T00:00:00Z'));
    expect(week && iso(week)).toBe('2026-03-26T08:00:00.000Z');
    expect(day && iso(day)).toBe('2026-04-01T07:00:00.000Z');
  });

  it('keeps 09:00 Oslo time across the fall-back change', () => {
    // deadline 2026-10-29 23:59:59.999 CET; 7 days before is 2026-10-22, still CEST
    const d = submissionDeadline('2026-11-12', 14);
    const result = reminderInstants(d, [7], at('2026-01-01T00:00:00Z'));
    expect(result.map(iso)).toEqual(['2026-10-22T07:00:00.000Z']);
  });

  it('a daytime deadline: 09:00 on the days before it as well', () => {
    const d = at('2026-04-02T10:00:00+02:00');
    expect(reminderInstants(d, [7], at('2026-01-01T00:00:00Z')).map(iso)).toEqual([
      '2026-03-26T08:00:00.000Z', // 09:00 CET
    ]);
  });

  it('drops reminders already in the past, keeps one exactly at now', () => {
    const oneDayBefore = at('2026-03-04T08:00:00.000Z');
    expect(reminderInstants(deadline, [7, 1], oneDayBefore).map(iso)).toEqual([iso(oneDayBefore)]);
    expect(reminderInstants(deadline, [7, 1], new Date(oneDayBefore.getTime() + 1))).toEqual([]);
  });

  it('sorts and de-duplicates', () => {
    const result = reminderInstants(deadline, [1, 7, 1], at('2026-01-01T00:00:00Z'));
    expect(result.map(iso)).toEqual(['2026-02-26T08:00:00.000Z', '2026-03-04T08:00:00.000Z']);
  });
});

describe('draftReminderAt', () => {
  const deadline = '2026-11-26T22:59:59.999Z'; // end of 26.11 in Oslo
  it('3 days before the deadline, or 1 day before when 3 days before is under 12 hours away; none closer still', () => {
    expect(draftReminderAt(deadline, new Date('2026-11-20T09:00:00Z'))).toBe('2026-11-23T22:59:59.999Z');
    expect(draftReminderAt(deadline, new Date('2026-11-23T10:59:59.999Z'))).toBe('2026-11-23T22:59:59.999Z');
    expect(draftReminderAt(deadline, new Date('2026-11-23T11:00:00Z'))).toBe('2026-11-25T22:59:59.999Z');
    expect(draftReminderAt(deadline, new Date('2026-11-25T10:59:59.999Z'))).toBe('2026-11-25T22:59:59.999Z');
    expect(draftReminderAt(deadline, new Date('2026-11-25T11:00:00Z'))).toBeUndefined();
  });
});
