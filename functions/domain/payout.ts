// Payout to finance: how the money moves, and a stable id per payout.
import type { ApplicationStatus, AuditEntry, PayoutMode, PayoutRecord, PayoutState } from './model';
import { REPAYABLE, REVOCABLE } from './status-transitions';
import { actorId } from './staff-name';
import { REMINDER_TIME } from './deadlines';
import { addDays, osloDateOf, osloInstant } from './oslo-time';

type RepaymentTarget = { status: ApplicationStatus; repaymentClaimed?: number | undefined };

/**
 * Why the committee cannot claim repayment now, or undefined when it can: a grant that is paid out,
 * once (closed too: see REPAYABLE). The status alone does not say the money is out (the status
 * report may come before the payment): the grant's own payout must be paid. A partial claim leaves
 * the status as it is, so the claim itself (`repaymentClaimed`) says one was made.
 */
export function repaymentRefusal(app: RepaymentTarget, grantPayout: { state: PayoutState } | undefined): 'already_claimed' | 'not_active' | undefined {
  // first: a grant claimed back in full is no longer repayable by status, and that is not why
  if (app.repaymentClaimed !== undefined) return 'already_claimed';
  if (!REPAYABLE.includes(app.status)) return 'not_active';
  return grantPayout?.state === 'paid' ? undefined : 'not_active';
}

export function repaymentClaimable(app: RepaymentTarget, grantPayout: { state: PayoutState } | undefined): boolean {
  return repaymentRefusal(app, grantPayout) === undefined;
}

/** A grant payout finance has not paid yet, so it can still be cancelled. */
export const UNPAID_PAYOUT_STATES: readonly PayoutState[] = ['pending', 'awaiting_invoice', 'invoiced'];

/**
 * Why the committee cannot take a grant back now, or undefined when it can: a grant of which nothing
 * is paid (its payout is still pending, awaiting an invoice or invoiced). Paid money is claimed back
 * instead (repaymentRefusal). `not_ready`: just approved, the payout is not there yet to cancel.
 */
export function revocationRefusal(app: { status: ApplicationStatus }, grantPayout: { state: PayoutState } | undefined): 'paid' | 'not_granted' | 'not_ready' | undefined {
  if (app.status === 'approved') return 'not_ready';
  if (!REVOCABLE.includes(app.status)) return 'not_granted';
  if (!grantPayout) return 'not_ready';
  // cancelled while the grant still runs: a revocation cut short between its two writes, to be finished
  return UNPAID_PAYOUT_STATES.includes(grantPayout.state) || grantPayout.state === 'cancelled' ? undefined : 'paid';
}

/**
 * What a repayment claim does to its grant: ends it; lets it run on with its reports (a partial
 * claim, see claimEndsGrant); or, on a grant already closed after its final report, opens it as
 * claimed until the money is back, when it is closed again.
 */
export type ClaimEffect = 'ends' | 'runs-on' | 'after-close';

export function claimEffect(claim: { amount: number; endGrant?: boolean | undefined }, grant: { allocated: number; status: ApplicationStatus }): ClaimEffect {
  if (grant.status === 'closed') return 'after-close';
  return claimEndsGrant(claim, grant.allocated) ? 'ends' : 'runs-on';
}

/** A closed grant cannot be told to run on (the form does not ask; an API client may). */
export const CLOSED_GRANT_RUNS_ON = 'Tilskuddet er allerede avsluttet og kan ikke løpe videre.';

/**
 * A partial claim on a running grant must say what happens to the grant: left to a default, a
 * claim of a part would end the grant and its final report without anyone choosing it.
 */
export function claimChoiceMissing(claim: { amount: number; endGrant?: boolean | undefined }, grant: { allocated: number; status: ApplicationStatus }): string | undefined {
  if (grant.status === 'closed' || claim.amount >= grant.allocated || claim.endGrant !== undefined) return undefined;
  return 'Velg om tilskuddet avsluttes eller løper videre når bare en del kreves tilbake.';
}

/** The grant's repayment claim as its history has it: when, how much, why, by whom and what it did (undefined: no claim). */
export function recordedClaim(history: readonly AuditEntry[]): { at: string; amount: number; reason: string; decidedBy: string; effect: ClaimEffect } | undefined {
  const claim = history.findLast((h) => h.action === 'repayment-claimed');
  if (!claim) return undefined;
  const effect: ClaimEffect = claim.details?.grantContinues === true ? 'runs-on' : claim.from === 'closed' ? 'after-close' : 'ends';
  return { at: claim.at, amount: Number(claim.details?.amount ?? 0), reason: String(claim.details?.reason ?? ''), decidedBy: actorId(claim.actor), effect };
}

/**
 * What the committee approved moving to other uses up to `until` (an ISO instant), and from `since`
 * when given, as the grant's history has it: each approval, for the amount its request asked for.
 */
export function reallocatedUpTo(history: readonly AuditEntry[], until: string, since = ''): number {
  const requested = new Map(history.filter((h) => h.action === 'reallocation-requested').map((h) => [h.details?.reallocationId, Number(h.details?.amount ?? 0)]));
  return history
    .filter((h) => h.action === 'reallocation-approved' && h.at >= since && h.at <= until)
    .reduce((sum, h) => sum + (requested.get(h.details?.reallocationId) ?? 0), 0);
}

/** The grant's revocation as its history has it: when, why and by whom (undefined: not revoked). */
export function recordedRevocation(history: readonly AuditEntry[]): { at: string; reason: string; decidedBy: string } | undefined {
  const entry = history.findLast((h) => h.action === 'grant-revoked');
  if (!entry) return undefined;
  return { at: entry.at, reason: String(entry.details?.reason ?? ''), decidedBy: actorId(entry.actor) };
}

/**
 * Whether a repayment claim ends the grant. Repayment may be of "hele eller deler av tilskuddet"
 * (002): a claim of the whole grant ends it; a partial claim ends it only when the committee says
 * so (`endGrant`: the case page requires the choice of a partial claim, see claimChoiceMissing; the
 * JSON API leaves it out for clients from before, and then the claim ends the grant).
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

/**
 * When a grant paid on invoice counts as missing its invoice: the scheme's `invoiceAfterDays` after
 * the day of the decision, at the hour of the reminders. The owner's first reminder to send it goes
 * out then, and from then the secretariat's follow-up lists the grant while the payout waits for it.
 */
export function invoiceMissingFrom(decidedAt: string, invoiceAfterDays: number): Date {
  return osloInstant(addDays(osloDateOf(new Date(decidedAt)), invoiceAfterDays), REMINDER_TIME);
}

/**
 * Every project number a scheme's payouts are under: the current one (new payouts get it) first,
 * then those it had before, whose payouts keep their number and are still finance's to handle.
 */
export function schemeProjectNumbers(scheme: { projectNumber: string; formerProjectNumbers?: readonly string[] | undefined }): string[] {
  return [scheme.projectNumber, ...(scheme.formerProjectNumbers ?? [])];
}

/** The order of finance's lists, and the project index's sort key: by state, then by when the payout was made. */
export function payoutListKey(p: Pick<PayoutRecord, 'state' | 'createdAt' | 'id'>): string {
  return `${p.state}#${p.createdAt}#${p.id}`;
}

/** The lists of several project numbers as one, in the order of each (payoutListKey; code-unit order, as DynamoDB sorts these keys). */
export function mergePayoutLists(lists: readonly (readonly PayoutRecord[])[]): PayoutRecord[] {
  if (lists.length === 1) return [...lists[0]!];
  const keyed = lists.flat().map((p) => ({ p, key: payoutListKey(p) }));
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(({ p }) => p);
}

/** A repayment claim's payout carries the claimed amount as a negative one. */
export function isRepaymentPayout(payout: Pick<PayoutRecord, 'amount'>): boolean {
  return payout.amount < 0;
}

export interface MoneyMoved {
  /** grant payouts paid (or booked) in the period */
  paidOut: number;
  paidOutCount: number;
  /** repayment claims repaid in the period (a positive amount) */
  repaid: number;
  /** by application: the day its grant was paid and what it repaid, up to the end of the period, and what of that in it */
  byApplication: Map<string, { paidAt?: string; repaid: number; repaidInPeriod: number }>;
  /** the applications whose money moved in the period */
  movedIn: Set<string>;
}

/**
 * The money that moved through finance in a period (ISO instants, inclusive), from the payouts
 * finance marked paid: what the hospital trust accounts for to the regional health authority.
 * Cancelled and unpaid payouts moved nothing.
 */
export function moneyMoved(payouts: readonly PayoutRecord[], fromIso: string, toIso: string): MoneyMoved {
  const moved: MoneyMoved = { paidOut: 0, paidOutCount: 0, repaid: 0, byApplication: new Map(), movedIn: new Set() };
  for (const payout of payouts) {
    const { paidAt } = payout;
    if (!paidAt || paidAt > toIso) continue;
    const own = moved.byApplication.get(payout.applicationId) ?? { repaid: 0, repaidInPeriod: 0 };
    const inPeriod = paidAt >= fromIso;
    if (inPeriod) moved.movedIn.add(payout.applicationId);
    if (isRepaymentPayout(payout)) {
      own.repaid += -payout.amount;
      if (inPeriod) {
        own.repaidInPeriod += -payout.amount;
        moved.repaid += -payout.amount;
      }
    } else {
      own.paidAt = paidAt;
      if (inPeriod) {
        moved.paidOut += payout.amount;
        moved.paidOutCount += 1;
      }
    }
    moved.byApplication.set(payout.applicationId, own);
  }
  return moved;
}
