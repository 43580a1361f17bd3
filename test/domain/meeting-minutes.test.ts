import { describe, expect, it } from 'vitest';
import { minutesTotals } from '../../functions/domain/meeting-minutes';

describe('minutesTotals', () => {
  it('counts each outcome and sums the money granted, approvals only', () => {
    expect(
      minutesTotals([
        { outcome: 'approve', amount: 400_000 },
        { outcome: 'approve', amount: 250_000 },
        { outcome: 'reject' },
        { outcome: 'defer' },
        { outcome: 'more_information' },
        { outcome: 'more_information' },
      ]),
    ).toEqual({ decisions: 6, approved: 2, rejected: 1, deferred: 1, moreInformation: 2, grantedAmount: 650_000 });
  });

  it('is all zero for a meeting without decisions', () => {
    expect(minutesTotals([])).toEqual({ decisions: 0, approved: 0, rejected: 0, deferred: 0, moreInformation: 0, grantedAmount: 0 });
  });
});
