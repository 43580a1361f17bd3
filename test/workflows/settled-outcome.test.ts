import { describe, expect, it } from 'vitest';
import { settledOutcome } from '../../functions/use-cases/await-step';

// What a wait registered after the person acted (or after a lost completion) ends with at once.
describe('settledOutcome', () => {
  it('a revision wait: still waiting, revised, withdrawn, or rejected by the committee meanwhile', () => {
    expect(settledOutcome('revision', 'more_information_requested')).toBeUndefined();
    expect(settledOutcome('revision', 'awaiting_cosignature')).toEqual({ output: { revised: true } });
    expect(settledOutcome('revision', 'withdrawn')).toEqual({ error: 'Withdrawn' });
    expect(settledOutcome('revision', 'rejected')).toEqual({ error: 'Rejected' });
  });
  it('a final-report wait: runs on while the grant reports or waits for its payout; ends once the report is in or the grant has ended', () => {
    expect(settledOutcome('final-report', 'status_report_received')).toBeUndefined();
    expect(settledOutcome('final-report', 'payout_pending')).toBeUndefined();
    expect(settledOutcome('final-report', 'final_report_received')).toEqual({ output: { kind: 'final' } });
    expect(settledOutcome('final-report', 'closed')).toEqual({ output: { kind: 'final' } });
    expect(settledOutcome('final-report', 'repayment_claimed')).toEqual({ error: 'RepaymentClaimed' });
  });
  it('a decision wait: a rejection recorded before the wait began is its outcome', () => {
    expect(settledOutcome('decision', 'scheduled')).toBeUndefined();
    expect(settledOutcome('decision', 'rejected')).toEqual({ output: { outcome: 'reject' } });
  });
});
