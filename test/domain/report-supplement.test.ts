import { describe, expect, it } from 'vitest';
import { openSupplementRequest, REPORT_SUPPLEMENT_REQUESTED, REPORT_SUPPLEMENTED, supplementStepAt } from '../../functions/domain/report-supplement';
import type { AuditEntry } from '../../functions/domain/model';

const staff = { kind: 'staff', role: 'secretariat', subject: 's' } as const;
const owner = { kind: 'applicant', email: 'eier@kommune.example' } as const;
const asked = (at: string, kind: string, reason: string): AuditEntry => ({ at, actor: staff, action: REPORT_SUPPLEMENT_REQUESTED, details: { kind, reason } });
const answered = (at: string, kind: string): AuditEntry => ({ at, actor: owner, action: REPORT_SUPPLEMENTED, details: { kind } });

describe('openSupplementRequest', () => {
  it('is the last request for that report the owner has not answered; each report on its own', () => {
    expect(openSupplementRequest([], 'status')).toBeUndefined();
    const history = [asked('2027-07-01T10:00:00.000Z', 'status', 'Effekten mangler'), { at: '2027-07-02T10:00:00.000Z', actor: staff, action: 'owner-messaged' }];
    expect(openSupplementRequest(history, 'status')).toEqual({ at: '2027-07-01T10:00:00.000Z', kind: 'status', reason: 'Effekten mangler' });
    expect(openSupplementRequest(history, 'final')).toBeUndefined();
    const answeredOnce = [...history, answered('2027-07-05T10:00:00.000Z', 'status')];
    expect(openSupplementRequest(answeredOnce, 'status')).toBeUndefined();
    const askedAgain = [...answeredOnce, asked('2027-07-10T10:00:00.000Z', 'status', 'Budsjettet også')];
    expect(openSupplementRequest(askedAgain, 'status')?.reason).toBe('Budsjettet også');
    // The final report's answer does not answer the status report's request.
    expect(openSupplementRequest([...askedAgain, answered('2028-02-01T10:00:00.000Z', 'final')], 'status')?.reason).toBe('Budsjettet også');
  });

  it('supplementStepAt finds the step recorded at an instant (what the sweep\'s reminder is for)', () => {
    const history = [asked('2027-07-01T10:00:00.000Z', 'final', 'Læring mangler'), answered('2027-07-05T10:00:00.000Z', 'final')];
    expect(supplementStepAt(history, REPORT_SUPPLEMENT_REQUESTED, '2027-07-01T10:00:00.000Z')).toEqual({ at: '2027-07-01T10:00:00.000Z', kind: 'final', reason: 'Læring mangler' });
    expect(supplementStepAt(history, REPORT_SUPPLEMENTED, '2027-07-05T10:00:00.000Z')).toMatchObject({ kind: 'final' });
    expect(supplementStepAt(history, REPORT_SUPPLEMENTED, '2027-07-01T10:00:00.000Z')).toBeUndefined();
  });
});
