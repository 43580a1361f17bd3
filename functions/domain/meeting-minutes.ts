// A meeting's minutes: the totals the committee reports for its decisions (pure).
import type { DecisionOutcome, DecisionRecord } from './model';

/** How many decisions of each outcome, and the money granted (pure). */
export function minutesTotals(decisions: ReadonlyArray<Pick<DecisionRecord, 'outcome' | 'amount'>>) {
  const count = (outcome: DecisionOutcome) => decisions.filter((d) => d.outcome === outcome).length;
  return {
    decisions: decisions.length,
    approved: count('approve'),
    rejected: count('reject'),
    deferred: count('defer'),
    moreInformation: count('more_information'),
    grantedAmount: decisions.reduce((sum, d) => sum + (d.outcome === 'approve' ? (d.amount ?? 0) : 0), 0),
  };
}
