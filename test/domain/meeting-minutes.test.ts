import { describe, expect, it } from 'vitest';
import { agendaDeparture, approvalBlocked, askedBeforeMeeting, decisionsOfMeeting, lastRoundEnd, approvedMinutesRefusal, departureRefusal, minutesEntry, unrecordedEntries, attendanceBlocked, decisionBeforeMeeting, lateArrival, meetingCaseNumbers, minutesCaseNumbers, minutesState, minutesTotals, numberedDepartures } from '../../functions/domain/meeting-minutes';
import type { Actor, ApplicationRecord, AuditEntry } from '../../functions/domain/model';

describe('minutesTotals', () => {
  it('counts each outcome and sums the money granted, approvals only (a grant taken back, a reallocation or a claim is counted, not summed)', () => {
    expect(
      minutesTotals([
        { outcome: 'revoke', amount: 300_000 },
        { outcome: 'approve_reallocation', amount: 50_000 },
        { outcome: 'refuse_reallocation', amount: 20_000 },
        { outcome: 'approve_reallocation', amount: 10_000 },
        { outcome: 'claim_repayment', amount: 80_000 },
        { outcome: 'approve', amount: 400_000 },
        { outcome: 'approve', amount: 250_000 },
        { outcome: 'reject' },
        { outcome: 'defer' },
        { outcome: 'more_information' },
        { outcome: 'more_information' },
        { outcome: 'change_period', amount: 300_000 },
      ]),
    ).toEqual({
      decisions: 12, approved: 2, rejected: 1, deferred: 1, moreInformation: 2, revoked: 1,
      reallocationsApproved: 2, reallocationsRefused: 1, repaymentsClaimed: 1, periodsChanged: 1, grantedAmount: 650_000,
    });
  });

  it('is all zero for a meeting without decisions', () => {
    expect(minutesTotals([])).toEqual({
      decisions: 0, approved: 0, rejected: 0, deferred: 0, moreInformation: 0, revoked: 0,
      reallocationsApproved: 0, reallocationsRefused: 0, repaymentsClaimed: 0, periodsChanged: 0, grantedAmount: 0,
    });
  });
});

describe('minutesState', () => {
  const startsAt = '2027-02-25T08:00:00.000Z';
  it('is not_held until the meeting starts, then open, and approved once approved whatever the time', () => {
    expect(minutesState({ startsAt }, new Date('2027-02-25T07:59:59.999Z'), undefined)).toBe('not_held');
    expect(minutesState({ startsAt }, new Date(startsAt), undefined)).toBe('open');
    expect(minutesState({ startsAt }, new Date('2027-06-01T00:00:00Z'), {})).toBe('open');
    expect(minutesState({ startsAt }, new Date('2027-03-20T10:00:00Z'), { approval: { at: '2027-03-20T10:00:00Z', by: 'kari' } })).toBe('approved');
  });
});

describe('attendanceBlocked', () => {
  it('lets the attendance be recorded and corrected only while the minutes are open', () => {
    expect(attendanceBlocked('open')).toBeUndefined();
    expect(attendanceBlocked('not_held')).toEqual({ reason: 'meeting_not_held', message: 'Møtet har ikke startet ennå. Fremmøtet registreres når møtet er i gang.' });
    expect(attendanceBlocked('approved')).toEqual({ reason: 'minutes_approved', message: 'Protokollen er godkjent og kan ikke endres.' });
  });
});

describe('approvalBlocked', () => {
  it('needs a held meeting, the attendance and no case left open on the agenda', () => {
    expect(approvalBlocked('open', true, 0)).toBeUndefined();
    expect(approvalBlocked('not_held', true, 0)?.reason).toBe('meeting_not_held');
    expect(approvalBlocked('open', false, 0)).toEqual({ reason: 'attendance_missing', message: 'Registrer hvem som var til stede før protokollen godkjennes.' });
    expect(approvalBlocked('open', true, 1)).toEqual({
      reason: 'cases_open',
      message: '1 sak står på sakslisten uten vedtak. Registrer vedtak, eller flytt saken til et annet møte, før protokollen godkjennes.',
    });
    expect(approvalBlocked('open', true, 3)?.message).toMatch(/^3 saker står på sakslisten uten vedtak\./);
    // The attendance is checked before the cases: it is what the secretariat can fix on this page.
    expect(approvalBlocked('open', false, 2)?.reason).toBe('attendance_missing');
  });

  it('does not block minutes already approved (a repeat answers with the approval made)', () => {
    expect(approvalBlocked('approved', false, 0)).toBeUndefined();
  });
});

describe('decisionBeforeMeeting', () => {
  const startsAt = '2026-12-10T08:00:00.000Z'; // 09:00 in Oslo
  it('refuses a decision until the meeting has started, naming the meeting by its Oslo date', () => {
    expect(decisionBeforeMeeting({ startsAt }, new Date('2026-11-20T09:00:00.000Z'))).toBe('Møtet 10.12.2026 har ikke startet ennå. Vedtaket registreres når møtet er i gang.');
    expect(decisionBeforeMeeting({ startsAt }, new Date('2026-12-10T07:59:59.999Z'))).toBeDefined();
  });
  it('lets it through from the start of the meeting on', () => {
    expect(decisionBeforeMeeting({ startsAt }, new Date(startsAt))).toBeUndefined();
    expect(decisionBeforeMeeting({ startsAt }, new Date('2027-01-05T12:00:00.000Z'))).toBeUndefined();
  });
});

describe('meetingCaseNumbers and minutesCaseNumbers', () => {
  const cases = [
    { applicationId: 'app_c', submittedAt: '2027-01-03T10:00:00.000Z', rank: 1 },
    { applicationId: 'app_a', submittedAt: '2027-01-01T10:00:00.000Z' },
    { applicationId: 'app_b', submittedAt: '2027-01-02T10:00:00.000Z', rank: 2 },
    { applicationId: 'app_d', submittedAt: '2027-01-02T10:00:00.000Z' },
  ];

  it('number the cases by submission, or where the preparatory body ranks, by its rank first (unranked last), each case once', () => {
    expect([...meetingCaseNumbers(cases, false)]).toEqual([['app_a', 1], ['app_b', 2], ['app_d', 3], ['app_c', 4]]);
    expect([...meetingCaseNumbers(cases, true)]).toEqual([['app_c', 1], ['app_b', 2], ['app_a', 3], ['app_d', 4]]);
    expect([...meetingCaseNumbers([...cases, cases[0]!], false)]).toHaveLength(4);
  });

  it("give a decision on an agenda case its case's number, and one on a running grant a number after the agenda's, in the order made", () => {
    const numbers = meetingCaseNumbers(cases, false);
    expect(
      minutesCaseNumbers(
        [
          { applicationId: 'app_d', outcome: 'approve' },
          { applicationId: 'app_x', outcome: 'approve_reallocation' },
          { applicationId: 'app_a', outcome: 'defer' },
          { applicationId: 'app_d', outcome: 'claim_repayment' },
        ],
        numbers,
      ),
    ).toEqual([3, 5, 1, 6]);
    expect(minutesCaseNumbers([{ applicationId: 'app_x', outcome: 'revoke' }], new Map())).toEqual([1]);
  });
  it('number the cases that came onto the agenda after it went out after those on it then, in the order they came, whatever their submission or rank', () => {
    const late = [
      { applicationId: 'app_early_submitted', submittedAt: '2026-12-01T10:00:00.000Z', rank: 1, arrivedLate: '2027-05-20T10:00:00.000Z' },
      { applicationId: 'app_first_to_come', submittedAt: '2027-01-05T10:00:00.000Z', arrivedLate: '2027-05-15T10:00:00.000Z' },
    ];
    // The cases there at the deadline keep their numbers (by submission, or by rank first): the late ones follow.
    expect([...meetingCaseNumbers([...cases, ...late], false)]).toEqual([['app_a', 1], ['app_b', 2], ['app_d', 3], ['app_c', 4], ['app_first_to_come', 5], ['app_early_submitted', 6]]);
    expect([...meetingCaseNumbers([...late, ...cases], true)]).toEqual([['app_c', 1], ['app_b', 2], ['app_a', 3], ['app_d', 4], ['app_first_to_come', 5], ['app_early_submitted', 6]]);
  });
});

describe('lateArrival', () => {
  const meeting = { id: '2027-05-27', submissionDeadline: '2027-05-13T21:59:59.999Z' };
  const staff: Actor = { kind: 'staff', role: 'secretariat', subject: 'sek-1' };
  const entry = (at: string, to: ApplicationRecord['status'], meetingId?: string): AuditEntry => ({ at, actor: staff, action: to === 'scheduled' ? 'moved-to-meeting' : to, to, ...(meetingId ? { details: { meetingId } } : {}) });
  const submitted = entry('2027-04-01T10:00:00.000Z', 'submitted');

  it('is none for a case on the agenda when it went out, whatever it did after (recommended, moved away and back)', () => {
    expect(lateArrival([submitted, entry('2027-04-02T10:00:00.000Z', 'scheduled', meeting.id)], meeting)).toBeUndefined();
    // scheduled at the deadline itself: in time
    expect(lateArrival([submitted, entry(meeting.submissionDeadline, 'scheduled', meeting.id)], meeting)).toBeUndefined();
    expect(
      lateArrival(
        [
          submitted,
          entry('2027-04-02T10:00:00.000Z', 'scheduled', meeting.id),
          entry('2027-05-10T10:00:00.000Z', 'recommended'),
          entry('2027-05-20T10:00:00.000Z', 'scheduled', '2027-06-17'),
          entry('2027-05-21T10:00:00.000Z', 'scheduled', meeting.id),
        ],
        meeting,
      ),
    ).toBeUndefined();
    // A history that names no meeting (scheduled before moves were recorded with it): as before, by submission.
    expect(lateArrival([submitted, entry('2027-05-20T10:00:00.000Z', 'scheduled')], meeting)).toBeUndefined();
  });

  it('is when the case first came after the deadline: moved there, or back there after leaving it before, or scheduled after a deferral or an answer', () => {
    const moved = entry('2027-05-20T10:00:00.000Z', 'scheduled', meeting.id);
    expect(lateArrival([submitted, entry('2027-04-02T10:00:00.000Z', 'scheduled', '2027-04-29'), moved], meeting)).toBe(moved.at);
    expect(lateArrival([submitted, entry('2027-04-02T10:00:00.000Z', 'scheduled', meeting.id), entry('2027-05-01T10:00:00.000Z', 'scheduled', '2027-06-17'), moved], meeting)).toBe(moved.at);
    expect(lateArrival([submitted, entry('2027-04-02T10:00:00.000Z', 'scheduled', meeting.id), entry('2027-05-01T10:00:00.000Z', 'more_information_requested'), entry('2027-05-18T10:00:00.000Z', 'submitted'), moved], meeting)).toBe(moved.at);
    // Came late, left, came back: its first coming, so it keeps its number.
    expect(lateArrival([submitted, moved, entry('2027-05-22T10:00:00.000Z', 'scheduled', '2027-06-17'), entry('2027-05-24T10:00:00.000Z', 'scheduled', meeting.id)], meeting)).toBe(moved.at);
  });
});

describe('agendaDeparture', () => {
  const app: Pick<ApplicationRecord, 'id' | 'schemeId' | 'status' | 'meetingId' | 'title' | 'submittedAt' | 'recommendation' | 'revision'> = {
    id: 'app_a', schemeId: 'sor-rogaland', status: 'recommended', revision: 7, meetingId: '2027-05-27', title: 'Felles vikarpool i Hå', submittedAt: '2026-11-20T09:01:00.000Z',
    recommendation: { recommended: true, rank: 2, by: 'SSU', at: '2027-05-10T10:00:00.000Z', recordedBy: 'sek-1' },
  };
  const at = '2027-05-26T10:00:00.000Z';
  const owner: Actor = { kind: 'applicant', email: 'eier@example.no' };
  const system: Actor = { kind: 'system', name: 'lifecycle' };
  const staff: Actor = { kind: 'staff', role: 'secretariat', subject: 'sek-1' };
  const base = { schemeId: 'sor-rogaland', meetingId: '2027-05-27', applicationId: 'app_a', title: 'Felles vikarpool i Hå', submittedAt: '2026-11-20T09:01:00.000Z', rank: 2, at, revision: 7 };

  it('is the owner withdrawing, the workflow closing, or a move to another meeting, with the rank the case had there', () => {
    expect(agendaDeparture(app, { to: 'withdrawn', actor: owner, at, removesMeeting: true })).toEqual({ ...base, kind: 'withdrawn' });
    expect(agendaDeparture(app, { to: 'withdrawn', actor: system, at, removesMeeting: true })).toEqual({ ...base, kind: 'closed' });
    expect(agendaDeparture(app, { to: 'scheduled', actor: staff, at, meetingId: '2027-06-17', removesMeeting: false })).toEqual({ ...base, kind: 'moved', movedTo: '2027-06-17' });
  });

  it('is none for a decision that takes the case off (the decision keeps its number), a case staying on its meeting, or one on no agenda', () => {
    expect(agendaDeparture(app, { to: 'deferred', actor: staff, at, removesMeeting: true })).toBeUndefined();
    expect(agendaDeparture(app, { to: 'more_information_requested', actor: staff, at, removesMeeting: true })).toBeUndefined();
    expect(agendaDeparture(app, { to: 'rejected', actor: staff, at, removesMeeting: false })).toBeUndefined();
    expect(agendaDeparture(app, { to: 'scheduled', actor: staff, at, meetingId: '2027-05-27', removesMeeting: false })).toBeUndefined();
    expect(agendaDeparture({ ...app, status: 'deferred', meetingId: undefined }, { to: 'withdrawn', actor: owner, at, removesMeeting: true })).toBeUndefined();
    expect(agendaDeparture({ ...app, status: 'approved' }, { to: 'payout_pending', actor: system, at, removesMeeting: false })).toBeUndefined();
  });
});

describe('decisions registered for the minutes', () => {
  it('are entries of their own (when, the case, the decision, a token); those not recorded are listed once, on their way while registered less than two minutes ago', () => {
    const entries = [
      minutesEntry('2027-04-22T08:00:00.000Z', 'app_a', 'dec_3', 'reg_1'),
      minutesEntry('2027-04-22T08:00:00.000Z', 'app_b', 'dec_period_2027-04-22T08:00:00.000Z', 'reg_2'),
      minutesEntry('2027-04-22T07:00:00.000Z', 'app_c', 'dec_4', 'reg_3'),
      minutesEntry('2027-04-22T08:00:30.000Z', 'app_c', 'dec_4', 'reg_4'),
      minutesEntry('2027-04-22T07:00:00.000Z', 'app_d', 'dec_5', 'reg_5'),
    ];
    expect(new Set(entries).size).toBe(5);
    const now = new Date('2027-04-22T08:01:00.000Z');
    expect(unrecordedEntries(entries, new Set(['app_a#dec_3']), now)).toEqual([
      { applicationId: 'app_b', decisionId: 'dec_period_2027-04-22T08:00:00.000Z', onItsWay: true },
      { applicationId: 'app_c', decisionId: 'dec_4', onItsWay: true },
      { applicationId: 'app_d', decisionId: 'dec_5', onItsWay: false },
    ]);
    expect(unrecordedEntries(entries, new Set(), new Date('2027-04-22T08:03:00.000Z')).map((e) => e.onItsWay)).toEqual([false, false, false, false]);
  });

  it('are refused on a case of a meeting whose minutes are approved: the case goes to a later meeting', () => {
    expect(approvedMinutesRefusal('2027-04-22')).toBe('Protokollen fra møtet 22.04.2027 er godkjent og kan ikke endres. Flytt saken til et senere møte, og registrer vedtaket der.');
  });
});

describe('departureRefusal', () => {
  const withdrawn = { kind: 'withdrawn' } as const;
  const moved = { kind: 'moved', movedTo: '2027-06-17' } as const;

  it('lets the change whose departure is noted go on, and refuses the other one made at the same moment, saying what happened instead', () => {
    expect(departureRefusal(withdrawn, withdrawn)).toBeUndefined();
    expect(departureRefusal(moved, { ...moved })).toBeUndefined();
    expect(departureRefusal(moved, withdrawn)).toBe('Søknaden ble flyttet til møtet 17.06.2027 i samme øyeblikk, så den er ikke trukket. Last inn siden på nytt for å se hvor saken står.');
    expect(departureRefusal(withdrawn, moved)).toBe('Søkeren trakk søknaden i samme øyeblikk, så den er ikke flyttet. Last inn siden på nytt for å se hvor saken står.');
    expect(departureRefusal({ kind: 'closed' }, moved)).toBe('Søknaden ble avsluttet i samme øyeblikk, så den er ikke flyttet. Last inn siden på nytt for å se hvor saken står.');
    // two moves at once, to two meetings: the second is not the first's repeat
    expect(departureRefusal(moved, { kind: 'moved', movedTo: '2027-08-26' })).toBe('Søknaden ble flyttet til møtet 17.06.2027 av noen andre i samme øyeblikk. Last inn siden på nytt for å se hvor saken står.');
  });
});

describe('numberedDepartures', () => {
  const meeting = { submissionDeadline: '2027-05-13T21:59:00.000Z' };
  const left = (applicationId: string, at: string) => ({ applicationId, at });

  it('are the departures once the agenda is out (its submission deadline), of cases neither back on it nor decided in it', () => {
    const departures = [left('app_early', '2027-05-01T10:00:00.000Z'), left('app_out', '2027-05-13T21:59:00.000Z'), left('app_back', '2027-05-20T10:00:00.000Z'), left('app_late', '2027-05-26T10:00:00.000Z')];
    expect(numberedDepartures(departures, meeting, new Set(['app_back']))).toEqual([departures[1], departures[3]]);
  });
});

describe('askedBeforeMeeting', () => {
  const question = (at: string, meetingId?: string) => ({ outcome: 'more_information' as const, at, ...(meetingId ? { meetingId } : {}) });
  it("is a question recorded on an Oslo day before its meeting's: the preparation's, not the meeting's decision", () => {
    expect(askedBeforeMeeting(question('2026-11-25T09:00:00.000Z', '2026-12-10'))).toBe(true);
    // 00:30 on the meeting's day in Oslo: the meeting's own
    expect(askedBeforeMeeting(question('2026-12-09T23:30:00.000Z', '2026-12-10'))).toBe(false);
    expect(askedBeforeMeeting(question('2026-12-10T08:05:00.000Z', '2026-12-10'))).toBe(false);
    // on no agenda, or another outcome: not a question before a meeting
    expect(askedBeforeMeeting(question('2026-11-25T09:00:00.000Z'))).toBe(false);
    expect(askedBeforeMeeting({ outcome: 'defer', at: '2026-11-25T09:00:00.000Z', meetingId: '2026-12-10' })).toBe(false);
    expect(decisionsOfMeeting([question('2026-11-25T09:00:00.000Z', '2026-12-10'), question('2026-12-10T08:05:00.000Z', '2026-12-10')]).map((d) => d.at)).toEqual(['2026-12-10T08:05:00.000Z']);
  });
});

describe('lastRoundEnd', () => {
  it('is the last question or deferral when no decision came after it', () => {
    const d = (outcome: 'defer' | 'more_information' | 'approve' | 'claim_repayment', at: string) => ({ outcome, at });
    expect(lastRoundEnd([d('defer', '2027-01-01'), d('more_information', '2027-02-01')])).toEqual(d('more_information', '2027-02-01'));
    expect(lastRoundEnd([d('more_information', '2027-02-01'), d('defer', '2027-01-01')])).toEqual(d('more_information', '2027-02-01'));
    expect(lastRoundEnd([d('defer', '2027-01-01'), d('approve', '2027-02-01'), d('claim_repayment', '2027-09-01')])).toBeUndefined();
    expect(lastRoundEnd([])).toBeUndefined();
  });
});
