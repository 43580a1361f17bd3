// Payout to finance: how the money moves, and a stable id per payout.
import type { PayoutMode } from './model';

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
