// Payout to finance: how the money moves, and a stable id per payout.
import type { ApplicationStatus, PayoutMode, PayoutState } from './model';
import { REPAYABLE } from './status-transitions';

/**
 * The committee may claim repayment of a grant that is paid out and not closed, once. The status
 * alone does not say the money is out (the status report may come before the payment): the grant's
 * own payout must be paid. A partial claim leaves the status as it is, so the claim itself is kept.
 */
export function repaymentClaimable(app: { status: ApplicationStatus; repaymentClaimed?: number | undefined }, grantPayout: { state: PayoutState } | undefined): boolean {
  return REPAYABLE.includes(app.status) && grantPayout?.state === 'paid' && app.repaymentClaimed === undefined;
}

/**
 * Whether a repayment claim ends the grant. Repayment may be of "hele eller deler av tilskuddet"
 * (002): a claim of the whole grant ends it; a partial claim ends it only when the committee says
 * so (`endGrant`, which API clients from before may leave out: then it ends, as it always did).
 * A grant that goes on keeps its workflow and its report reminders.
 */
export function claimEndsGrant(claim: { amount: number; endGrant?: boolean | undefined }, allocated: number): boolean {
  return claim.amount >= allocated || claim.endGrant !== false;
}

/**
 * A unit of the hospital trust gets the cost booked on the project number; anyone else
 * (municipality, other organisation) is paid on an invoice marked with the project number.
 */
export function payoutModeFor(ownerIsInternalUnit: boolean): PayoutMode {
  return ownerIsInternalUnit ? 'cost_booking' : 'invoice';
}

/**
 * Deterministic payout id: a retried trigger computes the same id, so a conditional put
 * (attribute_not_exists) makes the payout happen once. `seq` numbers further payouts of the same kind.
 */
export function payoutIdFor(
  applicationId: string,
  kind: 'grant' | 'repayment',
  seq = 1,
): string {
  if (applicationId === '') throw new RangeError('applicationId must not be empty');
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`seq must be a whole number ≥ 1, got ${seq}`);
  return `${applicationId}#payout#${kind}#${seq}`;
}
