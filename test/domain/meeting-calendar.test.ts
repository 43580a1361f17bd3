import { describe, expect, it } from 'vitest';
import { agendaVisitKey, cancelledMeetings, committeeAnswerDue, currentDeferral, findMeeting, meetingAdditionRefusal, meetingCalendar, meetingInSession, sincePreviousMeeting, takesNewApplications, timesOnAgenda, upcomingMeetings } from '../../functions/domain/meeting-calendar';
import type { AddedMeetingRecord, AuditEntry } from '../../functions/domain/model';
import { getScheme } from '../../config/schemes';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

const scheme = (id: string): SchemeConfig => {
  const s = getScheme(id);
  if (!s) throw new Error(`no scheme ${id}`);
  return s;
};

describe('application rounds: meetings that take no new applications', () => {
  it('are marked in the calendar from the configuration and from an addition; every other meeting takes them', () => {
    const base = scheme('sor-rogaland');
    const rounds: SchemeConfig = { ...base, meetings: base.meetings.map((m, i) => (i === 1 ? { ...m, newApplications: false } : i === 2 ? { ...m, newApplications: true } : m)) };
    const calendar = meetingCalendar(rounds, {
      added: [{ schemeId: 'sor-rogaland', date: '2029-01-11', time: '09:00', title: 'Mellom rundene', newApplications: false, addedAt: '2026-11-20T09:00:00.000Z', addedBy: 'x' }],
    });
    expect(calendar.map(takesNewApplications)).toEqual(calendar.map((m) => m.id !== base.meetings[1]!.date && m.id !== '2029-01-11'));
    expect(calendar[1]).toMatchObject({ newApplications: false });
    // true is the default, and is not carried
    expect(calendar[2]).not.toHaveProperty('newApplications');
    expect(calendar[0]).not.toHaveProperty('newApplications');
  });
});

describe('meetingCalendar', () => {
  it('is every configured meeting in date order, with its Oslo start and the end of the day 14 days before as deadline', () => {
    const sorRogaland = scheme('sor-rogaland');
    const calendar = meetingCalendar(sorRogaland);
    expect(calendar.map((m) => m.date)).toEqual(sorRogaland.meetings.map((m) => m.date));
    expect(calendar[0]).toEqual({
      schemeId: 'sor-rogaland',
      id: '2026-12-10',
      date: '2026-12-10',
      time: '09:00',
      title: 'FSU-møte desember 2026',
      startsAt: '2026-12-10T08:00:00.000Z', // 09:00 Oslo, winter time
      submissionDeadline: '2026-11-26T22:59:59.999Z', // 26.11 23:59:59.999 Oslo
    });
    // Summer time: the meeting starts at 07:00 UTC and the deadline ends at 21:59:59.999 UTC.
    expect(findMeeting(meetingCalendar(sorRogaland), '2027-06-17')).toMatchObject({ startsAt: '2027-06-17T07:00:00.000Z', submissionDeadline: '2027-06-03T21:59:59.999Z' });
  });

  it("uses the scheme's own lead days (the two-level schemes have a longer cut-off)", () => {
    const nord = scheme('lofoten-vesteralen-salten');
    const first = meetingCalendar(nord)[0]!;
    const leadMs = Date.parse(`${first.date}T00:00:00Z`) - Date.parse(first.submissionDeadline);
    expect(Math.round(leadMs / 86_400_000)).toBe(nord.submissionLeadDays - 1);
    expect(nord.submissionLeadDays).toBeGreaterThan(14);
  });

  it('builds each calendar once and hands out frozen meetings', () => {
    const s = scheme('innlandet');
    expect(meetingCalendar(s)).toBe(meetingCalendar(s));
    expect(Object.isFrozen(meetingCalendar(s)[0])).toBe(true);
  });
});

describe('findMeeting', () => {
  it('finds a meeting by its id (the date) and nothing else', () => {
    const s = scheme('sor-rogaland');
    expect(findMeeting(meetingCalendar(s), '2027-01-28')?.title).toBe('FSU-møte januar 2027');
    expect(findMeeting(meetingCalendar(s), '2027-01-29')).toBeUndefined();
    expect(findMeeting(meetingCalendar(s), '')).toBeUndefined();
  });
});

describe('sincePreviousMeeting', () => {
  it('is the days after the meeting before, up to the meeting; the first meeting looks back a year', () => {
    const s = scheme('innlandet');
    expect(sincePreviousMeeting(meetingCalendar(s), { date: '2027-02-11' })).toEqual({ from: '2026-12-04', to: '2027-02-11' });
    expect(sincePreviousMeeting(meetingCalendar(s), { date: '2027-11-25' })).toEqual({ from: '2027-09-17', to: '2027-11-25' });
    expect(sincePreviousMeeting(meetingCalendar(s), { date: '2026-12-03' })).toEqual({ from: '2025-12-04', to: '2026-12-03' });
  });
});

describe('committeeAnswerDue: a request the committee approves in a meeting waits for the next one', () => {
  const nord = getScheme('lofoten-vesteralen-salten')!;
  it('where meetings are far apart, until a month after the next meeting, not 60 days', () => {
    const now = new Date('2026-12-17T09:00:00Z');
    const next = meetingCalendar(nord).find((m) => Date.parse(m.startsAt) > now.getTime())!;
    const due = committeeAnswerDue(meetingCalendar(nord), now, 60);
    expect(due.getTime()).toBe(Date.parse(next.startsAt) + 30 * 86_400_000);
    expect(due.getTime()).toBeGreaterThan(now.getTime() + 60 * 86_400_000);
  });
  it('never less than the minimum, also with no meeting left in the calendar', () => {
    const sr = getScheme('sor-rogaland')!;
    const beforeMeeting = new Date('2026-12-09T09:00:00Z');
    expect(committeeAnswerDue(meetingCalendar(sr), beforeMeeting, 60).getTime()).toBe(beforeMeeting.getTime() + 60 * 86_400_000);
    const afterCalendar = new Date('2028-06-01T09:00:00Z');
    expect(committeeAnswerDue(meetingCalendar(sr), afterCalendar, 60).getTime()).toBe(afterCalendar.getTime() + 60 * 86_400_000);
  });
});

describe('meetingInSession: the meeting a decision on a running grant belongs to', () => {
  const scheme = getScheme('sor-rogaland')!;
  const first = meetingCalendar(scheme)[0]!;
  it('is the meeting of that Oslo day once it has started, until the day ends', () => {
    const started = new Date(first.startsAt);
    expect(meetingInSession(meetingCalendar(scheme), started)?.id).toBe(first.id);
    expect(meetingInSession(meetingCalendar(scheme), new Date(started.getTime() + 8 * 3_600_000))?.id).toBe(first.id);
  });
  it('is none before the meeting starts, the next day, or on a day without a meeting', () => {
    const started = new Date(first.startsAt);
    expect(meetingInSession(meetingCalendar(scheme), new Date(started.getTime() - 60_000))).toBeUndefined();
    expect(meetingInSession(meetingCalendar(scheme), new Date(started.getTime() + 24 * 3_600_000))).toBeUndefined();
    expect(meetingInSession(meetingCalendar(scheme), new Date('2027-03-07T12:00:00Z'))).toBeUndefined();
  });
});

describe('meetings the secretariat added', () => {
  const sr = getScheme('sor-rogaland')!;
  const added = (date: string, over: Partial<AddedMeetingRecord> = {}): AddedMeetingRecord => ({
    schemeId: 'sor-rogaland', date, time: '12:00', title: `Ekstra møte ${date}`, addedAt: '2026-11-20T09:00:00.000Z', addedBy: 'sekretær', ...over,
  });

  it('join the configured ones in date order, with the same start and deadline rules, marked as added', () => {
    const calendar = meetingCalendar(sr, { added: [added('2028-02-10'), added('2027-01-07')] });
    expect(calendar.length).toBe(meetingCalendar(sr).length + 2);
    expect(calendar.map((m) => m.date)).toEqual([...calendar.map((m) => m.date)].sort());
    const extra = findMeeting(calendar, '2027-01-07')!;
    expect(extra).toEqual({
      schemeId: 'sor-rogaland', id: '2027-01-07', date: '2027-01-07', time: '12:00', title: 'Ekstra møte 2027-01-07',
      startsAt: '2027-01-07T11:00:00.000Z', submissionDeadline: '2026-12-24T22:59:59.999Z',
      added: { at: '2026-11-20T09:00:00.000Z', by: 'sekretær' },
    });
    expect(findMeeting(calendar, '2026-12-10')?.added).toBeUndefined();
    // after the configured calendar has run out, the added meeting is the next one
    expect(upcomingMeetings(calendar, new Date('2027-12-10T09:00:00Z'))[0]?.id).toBe('2028-02-10');
    expect(committeeAnswerDue(calendar, new Date('2027-12-10T09:00:00Z'), 10).toISOString()).toBe('2028-03-11T11:00:00.000Z');
  });

  it("yield to the configuration where both have the day, and ignore another scheme's", () => {
    const calendar = meetingCalendar(sr, { added: [added('2026-12-10', { time: '15:00' }), added('2027-01-07', { schemeId: 'innlandet' })] });
    expect(calendar).toEqual(meetingCalendar(sr));
    expect(findMeeting(calendar, '2026-12-10')?.time).toBe('09:00');
  });

  it("leave out a cancelled configured meeting; an added one on its day takes its place; another scheme's cancellation counts not", () => {
    const cancelled = (date: string, schemeId = 'sor-rogaland') => ({ schemeId, date, cancelledAt: '2026-11-23T09:00:00.000Z', cancelledBy: 'sekretær' });
    const without = meetingCalendar(sr, { cancelled: [cancelled('2026-12-10'), cancelled('2027-01-28', 'innlandet')] });
    expect(without.map((m) => m.date)).toEqual(meetingCalendar(sr).map((m) => m.date).filter((d) => d !== '2026-12-10'));
    expect(findMeeting(without, '2027-01-28')).toBeDefined();
    // the first meeting an application complete now reaches is the next one
    expect(upcomingMeetings(without, new Date('2026-11-23T10:00:00Z'))[0]?.id).toBe('2027-01-28');
    const moved = meetingCalendar(sr, { cancelled: [cancelled('2026-12-10')], added: [added('2026-12-10', { time: '15:00' })] });
    expect(findMeeting(moved, '2026-12-10')).toMatchObject({ time: '15:00', startsAt: '2026-12-10T14:00:00.000Z', added: { by: 'sekretær' } });
    expect(moved.length).toBe(meetingCalendar(sr).length);
  });

  it('the cancelled configured meetings are listed with when and by whom, unless an added one took the day', () => {
    const cancelled = (date: string, schemeId = 'sor-rogaland') => ({ schemeId, date, cancelledAt: '2026-11-23T09:00:00.000Z', cancelledBy: 'sekretær' });
    const changes = { cancelled: [cancelled('2027-01-28'), cancelled('2026-12-10'), cancelled('2027-02-25'), cancelled('2027-03-18', 'innlandet')], added: [added('2027-02-25', { time: '15:00' })] };
    const list = cancelledMeetings(sr, changes);
    expect(list.map((m) => m.id)).toEqual(['2026-12-10', '2027-01-28']);
    expect(list[0]).toEqual({ ...findMeeting(meetingCalendar(sr), '2026-12-10'), cancelled: { at: '2026-11-23T09:00:00.000Z', by: 'sekretær' } });
    expect(cancelledMeetings(sr, {})).toEqual([]);
  });

  it('can be added only to come, at most three years ahead; the field to correct is named', () => {
    const now = new Date('2026-11-23T10:00:00Z'); // 11:00 in Oslo
    expect(meetingAdditionRefusal({ date: '2026-11-24', time: '09:00' }, now)).toBeUndefined();
    expect(meetingAdditionRefusal({ date: '2026-11-23', time: '11:30' }, now)).toBeUndefined();
    expect(meetingAdditionRefusal({ date: '2026-11-23', time: '11:00' }, now)).toEqual({ field: 'time', message: 'Møtet må begynne senere enn nå.' });
    expect(meetingAdditionRefusal({ date: '2026-11-22', time: '18:00' }, now)).toEqual({ field: 'date', message: 'Møtet må være fram i tid.' });
    expect(meetingAdditionRefusal({ date: '2029-11-23', time: '09:00' }, now)).toBeUndefined();
    expect(meetingAdditionRefusal({ date: '2029-11-24', time: '09:00' }, now)).toEqual({ field: 'date', message: 'Møtet kan legges høyst 3 år fram i tid.' });
  });
});

describe('the owner\'s notice of a meeting is keyed by each time the case is on its agenda', () => {
  const system = { kind: 'system', name: 'arbeidsflyt' } as const;
  const on = (meetingId: string, action = 'moved-to-meeting', to: AuditEntry['to'] = 'scheduled'): AuditEntry => ({ at: '2026-11-20T09:00:00.000Z', actor: system, action, to, details: { meetingId } });

  it('counts the schedulings and moves to the meeting, not a recommendation there or another meeting', () => {
    const history = [on('2026-12-10', 'scheduled'), on('2026-12-10', 'recommendation', 'recommended'), on('2027-01-28'), on('2026-12-10')];
    expect(timesOnAgenda(history, '2026-12-10')).toBe(2);
    expect(timesOnAgenda(history, '2027-01-28')).toBe(1);
    expect(timesOnAgenda(history, '2027-02-25')).toBe(0);
  });

  it('keeps the meeting alone the first time (the keys of mails already sent), and adds the count after', () => {
    expect(agendaVisitKey('2026-12-10', [on('2026-12-10', 'scheduled')])).toBe('2026-12-10');
    expect(agendaVisitKey('2026-12-10', [on('2026-12-10', 'scheduled'), on('2027-01-28'), on('2026-12-10')])).toBe('2026-12-10#2');
    expect(agendaVisitKey('2027-01-28', [on('2026-12-10', 'scheduled'), on('2027-01-28'), on('2026-12-10')])).toBe('2027-01-28');
  });
});

describe('currentDeferral: the deferral the case still follows from', () => {
  const system = { kind: 'system', name: 'arbeidsflyt' } as const;
  const entry = (action: string, to: AuditEntry['to'], details?: AuditEntry['details']): AuditEntry => ({ at: '2026-11-20T09:00:00.000Z', actor: system, action, to, ...(details ? { details } : {}) });
  const scheduled = (meetingId: string) => entry('scheduled', 'scheduled', { meetingId });
  const deferred = (reason?: string) => entry('decision:defer', 'deferred', reason ? { reason } : undefined);

  it('its reason and the meeting the case was on when deferred, also once it is on the next agenda and after a recommendation there', () => {
    const history = [scheduled('2026-12-10'), deferred('Venter på budsjettet.'), scheduled('2027-01-28'), entry('recommendation:recommend', 'recommended')];
    expect(currentDeferral(history.slice(0, 2))).toEqual({ reason: 'Venter på budsjettet.', meetingId: '2026-12-10' });
    expect(currentDeferral(history)).toEqual({ reason: 'Venter på budsjettet.', meetingId: '2026-12-10' });
  });

  it('a deferral without a reason still names its meeting; none once another decision came after it, or without any', () => {
    expect(currentDeferral([scheduled('2026-12-10'), deferred()])).toEqual({ meetingId: '2026-12-10' });
    expect(currentDeferral([scheduled('2026-12-10'), deferred('Budsjett.'), scheduled('2027-01-28'), entry('decision:more-information', 'more_information_requested')])).toBeUndefined();
    expect(currentDeferral([scheduled('2026-12-10')])).toBeUndefined();
  });
});
