import { describe, expect, it } from 'vitest';
import { finalReportOpensOn, latestReport, reportAcceptable, reportAsOf } from '../../functions/domain/reports';
import type { ReportRecord } from '../../functions/domain/model';

const allocation = { amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', potYear: 2026, decidedAt: '2026-11-20T09:00:00.000Z', statusReportDue: '2027-05-20', finalReportDue: '2028-02-29' };

describe('reportAcceptable', () => {
  it('the status report from the allocation on, paid out or not, and not after the final one', () => {
    expect(reportAcceptable('status', { status: 'payout_pending', allocation }, '2026-12-01')).toBe(true);
    expect(reportAcceptable('status', { status: 'active', allocation }, '2026-12-01')).toBe(true);
    expect(reportAcceptable('status', { status: 'approved', allocation }, '2026-12-01')).toBe(false);
    expect(reportAcceptable('status', { status: 'final_report_received', allocation }, '2028-01-10')).toBe(false);
  });
  it('the final report only after the period ("etter at perioden … er passert"), however early the status report came', () => {
    expect(finalReportOpensOn(allocation)).toBe('2028-01-01');
    expect(reportAcceptable('final', { status: 'status_report_received', allocation }, '2027-06-01')).toBe(false);
    expect(reportAcceptable('final', { status: 'status_report_received', allocation }, '2027-12-31')).toBe(false);
    expect(reportAcceptable('final', { status: 'status_report_received', allocation }, '2028-01-01')).toBe(true);
    expect(reportAcceptable('final', { status: 'status_report_received', allocation }, '2028-04-01')).toBe(true);
  });
  it('without the status report only once that one is overdue too', () => {
    const shortPeriod = { ...allocation, periodStart: '2026-12-01', periodEnd: '2027-03-31' };
    expect(reportAcceptable('final', { status: 'active', allocation: shortPeriod }, '2027-05-20')).toBe(false);
    expect(reportAcceptable('final', { status: 'active', allocation: shortPeriod }, '2027-05-21')).toBe(true);
    expect(reportAcceptable('final', { status: 'active', allocation }, '2028-01-01')).toBe(true);
    expect(reportAcceptable('final', { status: 'active' }, '2028-01-01')).toBe(false);
    expect(reportAcceptable('final', { status: 'payout_pending', allocation }, '2028-01-01')).toBe(false);
    expect(reportAcceptable('final', { status: 'closed', allocation }, '2028-03-01')).toBe(false);
  });
});

describe('latestReport', () => {
  it('the final report when there is one, else the status report', () => {
    const status = { kind: 'status' as const, n: 1 };
    const final = { kind: 'final' as const, n: 2 };
    expect(latestReport([status, final])).toBe(final);
    expect(latestReport([final, status])).toBe(final);
    expect(latestReport([status])).toBe(status);
    expect(latestReport([])).toBeUndefined();
  });
});

describe('reportAsOf', () => {
  const report: ReportRecord = {
    applicationId: 'app_1', kind: 'final', submittedAt: '2027-01-10T09:00:00.000Z', supplementedAt: '2027-08-01T09:00:00.000Z',
    progress: 'P3', effect: 'E3', spentAmount: 300, lessonsLearned: 'L3',
    earlier: [
      { sentAt: '2027-01-10T09:00:00.000Z', progress: 'P1', effect: 'E1', spentAmount: 100 },
      { sentAt: '2027-03-01T09:00:00.000Z', progress: 'P2', effect: 'E2', spentAmount: 200, deviations: 'D2' },
    ],
  };
  it('none before it was first sent', () => {
    expect(reportAsOf(report, '2027-01-10T08:59:59.999Z')).toBeUndefined();
  });
  it('the version sent by then, with only its own fields', () => {
    expect(reportAsOf(report, '2027-02-01T00:00:00.000Z')).toEqual({ applicationId: 'app_1', kind: 'final', submittedAt: report.submittedAt, progress: 'P1', effect: 'E1', spentAmount: 100 });
    expect(reportAsOf(report, '2027-07-31T23:59:59.999Z')).toEqual({ applicationId: 'app_1', kind: 'final', submittedAt: report.submittedAt, supplementedAt: '2027-03-01T09:00:00.000Z', progress: 'P2', effect: 'E2', spentAmount: 200, deviations: 'D2' });
  });
  it('the report as it is once its newest version was sent', () => {
    expect(reportAsOf(report, '2027-08-01T09:00:00.000Z')).toBe(report);
    const never = { ...report, supplementedAt: undefined, earlier: undefined };
    expect(reportAsOf(never, '2027-02-01T00:00:00.000Z')).toBe(never);
  });
});
