import { describe, expect, it } from 'vitest';
import {
  reportDueState,
  deadlineMoveProblem, declinedDeadlineRequest, lastDeadlineMove, openDeadlineRequest, REPORT_DEADLINE_EXTENDED, REPORT_DEADLINE_REQUEST_DECLINED, REPORT_DEADLINE_REQUESTED,
  reportLastChance, reportPending, withMovedDeadline,
  reportDueAsOf,
} from '../../functions/domain/report-deadlines';
import type { AuditEntry } from '../../functions/domain/model';

const allocation = { amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', potYear: 2026, decidedAt: '2026-11-20T09:00:00.000Z', statusReportDue: '2027-05-20', finalReportDue: '2028-02-29' };
const LATEST = '2029-02-28';

describe('moving a report deadline ("utsatt frist")', () => {
  it('to a later day that has not passed', () => {
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2027-08-20' }, '2027-05-01', LATEST)).toBeUndefined();
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2027-05-20' }, '2027-05-01', LATEST)).toBe('Ny frist må være etter gjeldende frist, 20.05.2027.');
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2027-04-01' }, '2027-03-01', LATEST)).toBe('Ny frist må være etter gjeldende frist, 20.05.2027.');
    // overdue already: the new deadline is today at the earliest
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2027-06-01' }, '2027-07-01', LATEST)).toBe('Ny frist kan ikke være en dag som er passert.');
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2027-07-01' }, '2027-07-01', LATEST)).toBeUndefined();
  });
  it('a status report keeps its deadline before the final report, which follows it', () => {
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2028-02-29' }, '2027-05-01', LATEST)).toBe(
      'Statusrapporten må ha frist før sluttrapporten (29.02.2028). Utsett fristen for sluttrapporten først.',
    );
    expect(deadlineMoveProblem(allocation, { kind: 'status', dueDate: '2028-02-28' }, '2027-05-01', LATEST)).toBeUndefined();
    expect(deadlineMoveProblem(allocation, { kind: 'final', dueDate: '2028-06-30' }, '2027-05-01', LATEST)).toBeUndefined();
  });
  it('no later than the report link lasts', () => {
    expect(deadlineMoveProblem(allocation, { kind: 'final', dueDate: '2029-03-01' }, '2028-01-10', LATEST)).toBe('Fristen kan settes til senest 28.02.2029.');
    expect(deadlineMoveProblem(allocation, { kind: 'final', dueDate: LATEST }, '2028-01-10', LATEST)).toBeUndefined();
  });
  it('moves only the report named', () => {
    expect(withMovedDeadline(allocation, { kind: 'status', dueDate: '2027-08-20' })).toEqual({ ...allocation, statusReportDue: '2027-08-20' });
    expect(withMovedDeadline(allocation, { kind: 'final', dueDate: '2028-04-30' })).toEqual({ ...allocation, finalReportDue: '2028-04-30' });
  });
  it('only while the report is owed', () => {
    expect(reportPending('status', 'active')).toBe(true);
    expect(reportPending('status', 'payout_pending')).toBe(true);
    expect(reportPending('status', 'status_report_received')).toBe(false);
    expect(reportPending('final', 'status_report_received')).toBe(true);
    expect(reportPending('final', 'closed')).toBe(false);
    expect(reportPending('final', 'revoked')).toBe(false);
  });
  it('the last move of each report, from the history', () => {
    const actor = { kind: 'system', name: 'test' } as const;
    const move = (report: string, from: string, to: string, reason: string): AuditEntry => ({ at: '2027-05-01T10:00:00.000Z', actor, action: REPORT_DEADLINE_EXTENDED, details: { report, from, to, reason } });
    const history = [move('status', '2027-05-20', '2027-06-20', 'Sykdom'), { at: '2027-05-02T10:00:00.000Z', actor, action: 'owner-changed' }, move('status', '2027-06-20', '2027-08-20', 'Forsinket oppstart')];
    expect(lastDeadlineMove(history, 'status')).toEqual({ from: '2027-06-20', to: '2027-08-20', reason: 'Forsinket oppstart' });
    expect(lastDeadlineMove(history, 'final')).toBeUndefined();
  });
  it("the owner's request stays open until the deadline moves (whatever date the committee gave)", () => {
    const actor = { kind: 'applicant', email: 'eier@kommune.example' } as const;
    const request = (report: string, dueDate: string, at: string): AuditEntry => ({ at, actor, action: REPORT_DEADLINE_REQUESTED, details: { report, dueDate, reason: 'Sykdom' } });
    const moved: AuditEntry = { at: '2027-05-10T10:00:00.000Z', actor, action: REPORT_DEADLINE_EXTENDED, details: { report: 'status', from: '2027-05-20', to: '2027-06-20', reason: 'Innvilget' } };
    const asked = request('status', '2027-07-20', '2027-05-01T10:00:00.000Z');
    expect(openDeadlineRequest([asked], 'status')).toEqual({ dueDate: '2027-07-20', reason: 'Sykdom', at: asked.at });
    expect(openDeadlineRequest([asked], 'final')).toBeUndefined();
    expect(openDeadlineRequest([asked, moved], 'status')).toBeUndefined();
    const again = request('status', '2027-08-20', '2027-05-12T10:00:00.000Z');
    expect(openDeadlineRequest([asked, moved, again], 'status')?.dueDate).toBe('2027-08-20');
  });
  it("the committee's no answers the request too; asking again opens a new one, and a move replaces the no", () => {
    const actor = { kind: 'applicant', email: 'eier@kommune.example' } as const;
    const asked: AuditEntry = { at: '2027-05-01T10:00:00.000Z', actor, action: REPORT_DEADLINE_REQUESTED, details: { report: 'status', dueDate: '2027-07-20', reason: 'Sykdom' } };
    const no: AuditEntry = { at: '2027-05-08T10:00:00.000Z', actor, action: REPORT_DEADLINE_REQUEST_DECLINED, details: { report: 'status', dueDate: '2027-07-20', reason: 'Planen tåler ikke mer.' } };
    expect(openDeadlineRequest([asked, no], 'status')).toBeUndefined();
    expect(declinedDeadlineRequest([asked, no], 'status')).toEqual({ dueDate: '2027-07-20', reason: 'Planen tåler ikke mer.', at: no.at });
    expect(declinedDeadlineRequest([asked, no], 'final')).toBeUndefined();
    expect(declinedDeadlineRequest([asked], 'status')).toBeUndefined();
    const again: AuditEntry = { ...asked, at: '2027-05-09T10:00:00.000Z', details: { report: 'status', dueDate: '2027-06-20', reason: 'Kortere' } };
    expect(openDeadlineRequest([asked, no, again], 'status')?.dueDate).toBe('2027-06-20');
    expect(declinedDeadlineRequest([asked, no, again], 'status')).toBeUndefined();
    const moved: AuditEntry = { at: '2027-05-10T10:00:00.000Z', actor, action: REPORT_DEADLINE_EXTENDED, details: { report: 'status', from: '2027-05-20', to: '2027-06-20', reason: 'Innvilget' } };
    expect(declinedDeadlineRequest([asked, no, moved], 'status')).toBeUndefined();
  });
  it('a report is missing once every overdue reminder has had its chance (14 days × 12, and a day)', () => {
    expect(reportLastChance('2027-05-20', { overdueEveryDays: 14, maxOverdueReminders: 12 }).toISOString()).toBe('2027-11-04T23:00:00.000Z'); // 05.11.2027 00:00 in Oslo
  });
});

describe('reportDueState', () => {
  it('received; owed, with the days past its deadline\'s day; not owed once the grant has ended without it', () => {
    expect(reportDueState(true, 'active', '2027-06-10', '2027-07-01')).toEqual({ state: 'received' });
    expect(reportDueState(false, 'active', '2027-06-10', '2027-06-10')).toEqual({ state: 'owed', overdueDays: 0 });
    expect(reportDueState(false, 'active', '2027-06-10', '2027-06-11')).toEqual({ state: 'owed', overdueDays: 1 });
    expect(reportDueState(false, 'payout_pending', '2027-06-10', '2027-05-01')).toEqual({ state: 'owed', overdueDays: 0 });
    for (const status of ['repayment_claimed', 'revoked', 'closed'] as const) expect(reportDueState(false, status, '2027-06-10', '2027-07-01')).toEqual({ state: 'not-owed' });
  });
});

describe('reportDueAsOf', () => {
  const move = (at: string, from: string, to: string): AuditEntry => ({
    at, actor: { kind: 'system', name: 'test' }, action: 'report-deadline-extended', details: { report: 'status', from, to, reason: 'Forsinket' },
  });
  it('the deadline as it stood at an instant: the last move by then, the first later move\'s old date, or the deadline now', () => {
    const history = [move('2027-03-01T10:00:00Z', '2027-06-10', '2027-08-10'), move('2027-09-01T10:00:00Z', '2027-08-10', '2027-10-10')];
    expect(reportDueAsOf(history, 'status', '2027-10-10', '2027-02-28T22:59:59Z')).toBe('2027-06-10');
    expect(reportDueAsOf(history, 'status', '2027-10-10', '2027-06-30T21:59:59Z')).toBe('2027-08-10');
    expect(reportDueAsOf(history, 'status', '2027-10-10', '2027-12-31T22:59:59Z')).toBe('2027-10-10');
    expect(reportDueAsOf(history, 'final', '2028-02-29', '2027-06-30T21:59:59Z')).toBe('2028-02-29');
  });
});
