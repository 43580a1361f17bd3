import { describe, expect, it } from 'vitest';
import { REPORTABLE_FROM } from '../../functions/domain/reports';
import {
  checkPeriod,
  periodChangeProblem,
  periodChangeRefusal,
  periodChanges,
  periodAsOf,
  withNewPeriod,
  endsEarlier,
  PERIOD_CHANGEABLE,
  continuationStartProblem,
  grantablePeriod,
  periodStartProblem,
  startsBefore,
  finalReportDue,
  maxPeriodEnd,
  periodAlreadyOver,
  periodEndsBeforeDecision,
  halfYearJustEnded,
  previousHalfYear,
  regionalFollowUpDue,
  reportDeadlines,
  reportingPeriods,
  statusReportDue,
} from '../../functions/domain/grant-period';

describe('maxPeriodEnd', () => {
  it('12 months from the 15th ends on the 14th a year later', () => {
    expect(maxPeriodEnd('2026-01-15', 12)).toBe('2027-01-14');
  });
  it('a period starting on the 1st ends on the last day of the month before', () => {
    expect(maxPeriodEnd('2026-01-01', 12)).toBe('2026-12-31');
    expect(maxPeriodEnd('2026-03-01', 1)).toBe('2026-03-31');
  });
  it('month ends clamp first, then subtract a day (strict side)', () => {
    expect(maxPeriodEnd('2026-01-31', 12)).toBe('2027-01-30');
    expect(maxPeriodEnd('2026-01-31', 1)).toBe('2026-02-27');
    expect(maxPeriodEnd('2026-03-31', 1)).toBe('2026-04-29');
    expect(maxPeriodEnd('2026-08-31', 6)).toBe('2027-02-27');
  });
  it('leap years', () => {
    expect(maxPeriodEnd('2024-02-29', 12)).toBe('2025-02-27');
    expect(maxPeriodEnd('2028-02-29', 12)).toBe('2029-02-27');
    expect(maxPeriodEnd('2027-03-01', 12)).toBe('2028-02-29'); // leap day is reachable
    expect(maxPeriodEnd('2027-02-28', 12)).toBe('2028-02-27');
    expect(maxPeriodEnd('2028-01-31', 1)).toBe('2028-02-28');
  });
});

describe('checkPeriod', () => {
  it('accepts exactly 12 months', () => {
    expect(checkPeriod('2026-01-15', '2027-01-14', 12)).toEqual({ ok: true });
  });
  it('rejects 12 months and one day, naming the last allowed end date', () => {
    expect(checkPeriod('2026-01-15', '2027-01-15', 12)).toEqual({
      ok: false,
      field: 'periodEnd',
      message: 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 14.01.2027).',
    });
  });
  it('accepts a short period', () => {
    expect(checkPeriod('2026-01-15', '2026-01-16', 12)).toEqual({ ok: true });
  });
  it('rejects an end before or equal to the start', () => {
    const expected = { ok: false, field: 'periodEnd', message: 'Sluttdato må være etter startdato.' };
    expect(checkPeriod('2026-05-10', '2026-05-09', 12)).toEqual(expected);
    expect(checkPeriod('2026-05-10', '2026-05-10', 12)).toEqual(expected);
  });
  it('month end and leap-year edges', () => {
    expect(checkPeriod('2026-01-31', '2027-01-30', 12)).toEqual({ ok: true });
    expect(checkPeriod('2026-01-31', '2027-01-31', 12)).toMatchObject({ ok: false, field: 'periodEnd' });
    expect(checkPeriod('2024-02-29', '2025-02-27', 12)).toEqual({ ok: true });
    expect(checkPeriod('2024-02-29', '2025-02-28', 12)).toEqual({
      ok: false,
      field: 'periodEnd',
      message: 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 27.02.2025).',
    });
    expect(checkPeriod('2027-03-01', '2028-02-29', 12)).toEqual({ ok: true });
    expect(checkPeriod('2027-03-01', '2028-03-01', 12)).toMatchObject({ ok: false });
  });
  it('uses the configured maximum in the message', () => {
    expect(checkPeriod('2026-01-01', '2026-07-01', 6)).toEqual({
      ok: false,
      field: 'periodEnd',
      message: 'Perioden kan være høyst 6 måneder (siste mulige sluttdato er 30.06.2026).',
    });
    expect(checkPeriod('2026-01-01', '2026-06-30', 6)).toEqual({ ok: true });
  });
  it('reports invalid dates against the right field', () => {
    expect(checkPeriod('2026-02-30', '2026-06-30', 12)).toEqual({
      ok: false,
      field: 'periodStart',
      message: 'Startdato må være en gyldig dato.',
    });
    expect(checkPeriod('2026-01-01', '30.06.2026', 12)).toEqual({
      ok: false,
      field: 'periodEnd',
      message: 'Sluttdato må være en gyldig dato.',
    });
  });
});

describe('report due dates', () => {
  it('status report 6 months after allocation', () => {
    expect(statusReportDue('2026-03-12', 6)).toBe('2026-09-12');
    expect(statusReportDue('2026-08-31', 6)).toBe('2027-02-28');
    expect(statusReportDue('2023-08-31', 6)).toBe('2024-02-29');
  });
  it('final report some days after the period ends', () => {
    expect(finalReportDue('2027-01-14', 60, '2026-06-10')).toBe('2027-03-15');
    expect(finalReportDue('2026-12-31', 30, '2026-12-30')).toBe('2027-01-30');
    expect(finalReportDue('2026-12-31', 0, '2026-06-10')).toBe('2026-12-31');
  });
  it('a period that ends before the status report is due: the final report\'s days count from the status report\'s deadline', () => {
    // Decided 10.12.2026 for January-March 2027: the status report is due 10.06.2027, after the period.
    expect(reportDeadlines('2026-12-10', '2027-03-31', { statusReportAfterMonths: 6, finalReportDueDays: 60 })).toEqual({ statusReportDue: '2027-06-10', finalReportDue: '2027-08-09' });
    expect(finalReportDue('2027-06-10', 60, '2027-06-10')).toBe('2027-08-09');
    // A period that ends after it: as before, the days count from the end of the period.
    expect(reportDeadlines('2026-12-10', '2027-11-30', { statusReportAfterMonths: 6, finalReportDueDays: 60 })).toEqual({ statusReportDue: '2027-06-10', finalReportDue: '2028-01-29' });
  });
});

describe('regionalFollowUpDue', () => {
  it('is the year so far in the month before the follow-up meeting, and nothing in other months', () => {
    expect(regionalFollowUpDue('2026-10-05', 11)).toEqual({ from: '2026-01-01', to: '2026-10-05' });
    expect(regionalFollowUpDue('2026-11-05', 11)).toBeUndefined();
    expect(regionalFollowUpDue('2026-09-30', 11)).toBeUndefined();
    // A January meeting: reminded in December, of the year that is ending.
    expect(regionalFollowUpDue('2026-12-01', 1)).toEqual({ from: '2026-01-01', to: '2026-12-01' });
    expect(regionalFollowUpDue('2026-01-10', 1)).toBeUndefined();
  });
});

describe('reportingPeriods', () => {
  it('offers the last half-year, the year so far and the whole of last year', () => {
    expect(reportingPeriods('2026-11-22')).toEqual([
      { kind: 'half-year', from: '2026-01-01', to: '2026-06-30' },
      { kind: 'year-to-date', from: '2026-01-01', to: '2026-11-22' },
      { kind: 'last-year', from: '2025-01-01', to: '2025-12-31' },
    ]);
    expect(reportingPeriods('2027-01-01')[0]).toEqual({ kind: 'half-year', from: '2026-07-01', to: '2026-12-31' });
  });
});

describe('previousHalfYear', () => {
  it('is the last whole half-year before the day', () => {
    expect(previousHalfYear('2026-11-22')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(previousHalfYear('2026-07-01')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(previousHalfYear('2026-06-30')).toEqual({ from: '2025-07-01', to: '2025-12-31' });
    expect(previousHalfYear('2027-01-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
  });
});

describe('continuationStartProblem', () => {
  it('a continuation starts after the grant it continues has ended: no month is granted twice', () => {
    expect(continuationStartProblem('2027-12-31', '2028-01-01')).toBeUndefined();
    expect(continuationStartProblem('2027-12-31', '2028-03-01')).toBeUndefined();
    expect(continuationStartProblem('2027-12-31', '2027-12-31')).toBe('En videreføring kan tidligst starte 01.01.2028, dagen etter at forrige tilskuddsperiode sluttet.');
    expect(continuationStartProblem('2028-02-28', '2027-06-01')).toBe('En videreføring kan tidligst starte 29.02.2028, dagen etter at forrige tilskuddsperiode sluttet.');
  });
});

describe('halfYearJustEnded', () => {
  it('is the half-year that ended, during the month after it; nothing the rest of the year', () => {
    expect(halfYearJustEnded('2027-01-01')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(halfYearJustEnded('2027-01-31')).toEqual({ from: '2026-07-01', to: '2026-12-31' });
    expect(halfYearJustEnded('2027-07-15')).toEqual({ from: '2027-01-01', to: '2027-06-30' });
    expect(halfYearJustEnded('2027-02-01')).toBeUndefined();
    expect(halfYearJustEnded('2027-06-30')).toBeUndefined();
    expect(halfYearJustEnded('2026-11-22')).toBeUndefined();
  });
});

describe('periodEndsBeforeDecision', () => {
  it('a period that ends on or before the first meeting that can decide it is refused, naming the meeting; without a meeting ahead nothing is said', () => {
    expect(periodEndsBeforeDecision('2026-12-10', '2026-12-10', 'FSU')).toBe('Perioden slutter før FSU kan behandle søknaden (første mulige møte er 10.12.2026). Velg en sluttdato etter møtet.');
    expect(periodEndsBeforeDecision('2026-12-01', '2026-12-10', 'SSU')).toMatch(/^Perioden slutter før SSU kan behandle/);
    expect(periodEndsBeforeDecision('2026-12-11', '2026-12-10', 'FSU')).toBeUndefined();
    expect(periodEndsBeforeDecision('2026-12-01', undefined, 'FSU')).toBeUndefined();
  });
});

describe('periodAlreadyOver', () => {
  it('a period that ended before today cannot be applied for or granted; one that ends today still runs', () => {
    expect(periodAlreadyOver('2026-11-22', '2026-11-23')).toBe('Perioden er allerede over (sluttdato 22.11.2026). Velg en sluttdato fra og med 23.11.2026.');
    expect(periodAlreadyOver('2026-11-23', '2026-11-23')).toBeUndefined();
    expect(periodAlreadyOver('2027-12-31', '2026-11-23')).toBeUndefined();
  });
});

describe('a running grant given another period', () => {
  const allocation = { amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', potYear: 2026, decidedAt: '2026-12-10T10:00:00.000Z', statusReportDue: '2027-06-10', finalReportDue: '2028-02-29' };

  it('periodChangeRefusal: a granted grant before its final report, until its period is over', () => {
    expect(periodChangeRefusal({ status: 'active', allocation }, '2027-12-31')).toBeUndefined();
    expect(periodChangeRefusal({ status: 'payout_pending', allocation }, '2027-03-01')).toBeUndefined();
    expect(periodChangeRefusal({ status: 'status_report_received', allocation }, '2027-07-01')).toBeUndefined();
    expect(periodChangeRefusal({ status: 'active', allocation }, '2028-01-01')).toBe('period_over');
    for (const status of ['scheduled', 'final_report_received', 'closed', 'revoked', 'repayment_claimed'] as const) {
      expect(periodChangeRefusal({ status, allocation }, '2027-03-01'), status).toBe('grant_not_running');
    }
    expect(periodChangeRefusal({ status: 'active' }, '2027-03-01')).toBe('grant_not_running');
  });

  it('periodChangeProblem: at most the longest period, not the same, and an earlier end not before today', () => {
    const current = { periodStart: '2027-01-01', periodEnd: '2027-12-31' };
    const today = '2027-06-15';
    expect(periodChangeProblem(current, { periodStart: '2027-04-01', periodEnd: '2028-03-31' }, 12, today)).toBeUndefined();
    expect(periodChangeProblem(current, { periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 12, today)).toEqual({ ok: false, field: 'periodStart', message: 'Perioden er den samme som tilskuddet har. Endre startdato eller sluttdato.' });
    expect(periodChangeProblem(current, { periodStart: '2027-04-01', periodEnd: '2028-04-01' }, 12, today)).toMatchObject({ field: 'periodEnd', message: expect.stringMatching(/^Perioden kan være høyst 12 måneder/) });
    // The project ends early: from today on.
    expect(periodChangeProblem(current, { periodStart: '2027-01-01', periodEnd: '2027-09-30' }, 12, today)).toBeUndefined();
    expect(periodChangeProblem(current, { periodStart: '2027-01-01', periodEnd: today }, 12, today)).toBeUndefined();
    expect(periodChangeProblem(current, { periodStart: '2027-01-01', periodEnd: '2027-06-14' }, 12, today)).toEqual({ ok: false, field: 'periodEnd', message: 'Sluttdato kan ikke være før i dag, 15.06.2027.' });
    // A later end may be any day within the longest period; so may the end that stays.
    expect(periodChangeProblem(current, { periodStart: '2027-03-01', periodEnd: '2027-12-31' }, 12, '2028-01-01')).toBeUndefined();
    expect(periodChangeProblem(current, { periodStart: '2027-13-01', periodEnd: '2028-03-31' }, 12, today)).toMatchObject({ field: 'periodStart' });
    expect(endsEarlier(current, { periodStart: '2027-01-01', periodEnd: '2027-09-30' })).toBe(true);
    expect(endsEarlier(current, { periodStart: '2027-03-01', periodEnd: '2027-12-31' })).toBe(false);
  });

  it('withNewPeriod: the final report follows the new end, never earlier than it was; the status report keeps its deadline', () => {
    expect(withNewPeriod(allocation, { periodStart: '2027-04-01', periodEnd: '2028-03-31' }, 60)).toEqual({ ...allocation, periodStart: '2027-04-01', periodEnd: '2028-03-31', finalReportDue: '2028-05-30' });
    expect(withNewPeriod({ ...allocation, finalReportDue: '2028-09-01' }, { periodStart: '2027-04-01', periodEnd: '2028-03-31' }, 60).finalReportDue).toBe('2028-09-01');
    // Only the start moves: the deadline stays.
    expect(withNewPeriod(allocation, { periodStart: '2027-03-01', periodEnd: '2027-12-31' }, 60).finalReportDue).toBe('2028-02-29');
  });

  it('withNewPeriod: an earlier end moves the final report as many days earlier, more time given stays given, never before the new end\'s own deadline', () => {
    // 92 days earlier: 29.02.2028 → 29.11.2027 (= 30.09.2027 + 60 days).
    expect(withNewPeriod(allocation, { periodStart: '2027-01-01', periodEnd: '2027-09-30' }, 60)).toEqual({ ...allocation, periodEnd: '2027-09-30', finalReportDue: '2027-11-29' });
    // The committee had given 30 more days: they move with the end.
    expect(withNewPeriod({ ...allocation, finalReportDue: '2028-03-30' }, { periodStart: '2027-01-01', periodEnd: '2027-09-30' }, 60).finalReportDue).toBe('2027-12-29');
    // Now before the status report is due (10.06.2027): the final report follows the status report.
    expect(withNewPeriod(allocation, { periodStart: '2027-01-01', periodEnd: '2027-05-31' }, 60).finalReportDue).toBe('2027-08-09');
  });

  it('periodChanges: every change on the history, oldest first', () => {
    const actor = { kind: 'staff', role: 'secretariat', subject: 's' } as const;
    const history = [
      { at: '2027-01-28T10:00:00.000Z', actor, action: 'grant-period-changed', details: { fromStart: '2027-01-01', fromEnd: '2027-12-31', periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'A' } },
      { at: '2027-02-01T10:00:00.000Z', actor, action: 'owner-messaged' },
      { at: '2027-03-01T10:00:00.000Z', actor, action: 'grant-period-changed', details: { fromStart: '2027-03-01', fromEnd: '2028-02-29', periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'B' } },
    ];
    expect(periodChanges(history)).toEqual([
      { at: '2027-01-28T10:00:00.000Z', from: { periodStart: '2027-01-01', periodEnd: '2027-12-31' }, to: { periodStart: '2027-03-01', periodEnd: '2028-02-29' }, reason: 'A' },
      { at: '2027-03-01T10:00:00.000Z', from: { periodStart: '2027-03-01', periodEnd: '2028-02-29' }, to: { periodStart: '2027-04-01', periodEnd: '2028-03-31' }, reason: 'B' },
    ]);
  });
});

describe('which grants can change their period', () => {
  it('are the grants that still owe a report (the follow-up lists their requests from the same Queries)', () => {
    expect(new Set(PERIOD_CHANGEABLE)).toEqual(new Set([...REPORTABLE_FROM.status, ...REPORTABLE_FROM.final]));
  });
});

describe('periodAsOf', () => {
  const actor = { kind: 'system', name: 'test' } as const;
  const history = [
    { at: '2027-01-28T10:00:00.000Z', actor, action: 'grant-period-changed', details: { fromStart: '2027-01-01', fromEnd: '2027-12-31', periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'A' } },
    { at: '2027-02-01T10:00:00.000Z', actor, action: 'report:status' },
    { at: '2027-03-01T10:00:00.000Z', actor, action: 'grant-period-changed', details: { fromStart: '2027-03-01', fromEnd: '2028-02-29', periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'B' } },
  ];
  const current = { periodStart: '2027-04-01', periodEnd: '2028-03-31' };
  it('before any change: the period the first change started from', () => {
    expect(periodAsOf(current, history, '2026-12-31T22:59:59.999Z')).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-12-31' });
  });
  it('between changes: the first change\'s; at or after the last: the last\'s', () => {
    expect(periodAsOf(current, history, '2027-01-28T10:00:00.000Z')).toEqual({ periodStart: '2027-03-01', periodEnd: '2028-02-29' });
    expect(periodAsOf(current, history, '2027-02-28T23:00:00.000Z')).toEqual({ periodStart: '2027-03-01', periodEnd: '2028-02-29' });
    expect(periodAsOf(current, history, '2027-06-30T21:59:59.999Z')).toEqual(current);
  });
  it('never changed: the period it has', () => {
    expect(periodAsOf(current, [], '2026-01-01T00:00:00.000Z')).toEqual(current);
  });
});

describe('the start rule: startsBefore, periodStartProblem, grantablePeriod', () => {
  it('a period applied for starts no earlier than the day it is sent', () => {
    expect(startsBefore({ periodStart: '2026-11-19' }, '2026-11-20')).toBe(true);
    expect(startsBefore({ periodStart: '2026-11-20' }, '2026-11-20')).toBe(false);
    expect(periodStartProblem('2026-01-01', '2026-11-25')).toBe('Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 25.11.2026.');
    expect(periodStartProblem('2026-11-25', '2026-11-25')).toBeUndefined();
  });

  it('a continuation: the later of the two bounds, with its own words', () => {
    // The earlier grant ends after today: its rule names the day after it.
    expect(periodStartProblem('2027-06-01', '2026-11-25', '2027-12-31')).toBe('En videreføring kan tidligst starte 01.01.2028, dagen etter at forrige tilskuddsperiode sluttet.');
    expect(periodStartProblem('2028-01-01', '2026-11-25', '2027-12-31')).toBeUndefined();
    // It ended before today: today is the bound.
    expect(periodStartProblem('2026-11-01', '2026-11-25', '2026-10-31')).toBe('Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 25.11.2026.');
    expect(periodStartProblem('2026-11-25', '2026-11-25', '2026-10-31')).toBeUndefined();
  });

  it('the committee is offered the period moved to start after the meeting, as long as it was, within the longest period', () => {
    // Not before the meeting: as applied for.
    expect(grantablePeriod({ periodStart: '2027-01-01', periodEnd: '2027-12-31' }, '2026-12-10', 12)).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-12-31', moved: false });
    // From the first of a month: from the first of the month after the meeting.
    expect(grantablePeriod({ periodStart: '2026-01-01', periodEnd: '2026-12-31' }, '2026-12-10', 12)).toEqual({ periodStart: '2027-01-01', periodEnd: '2027-12-31', moved: true });
    expect(grantablePeriod({ periodStart: '2026-09-01', periodEnd: '2027-02-28' }, '2026-11-01', 12)).toEqual({ periodStart: '2026-11-01', periodEnd: '2027-04-30', moved: true });
    // Another day: from the meeting's day, as many days long (180).
    expect(grantablePeriod({ periodStart: '2026-11-15', periodEnd: '2027-05-14' }, '2026-12-10', 12)).toEqual({ periodStart: '2026-12-10', periodEnd: '2027-06-08', moved: true });
    // A leap year's 366 days would pass 12 months: capped at the last end.
    expect(grantablePeriod({ periodStart: '2027-03-01', periodEnd: '2028-02-29' }, '2027-03-18', 12)).toEqual({ periodStart: '2027-04-01', periodEnd: '2028-03-31', moved: true });
    expect(grantablePeriod({ periodStart: '2027-03-05', periodEnd: '2028-03-03' }, '2027-03-18', 12)).toEqual({ periodStart: '2027-03-18', periodEnd: '2028-03-16', moved: true });
  });
});
