import { beyondGrant } from '../domain/pot';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { Actor, ApplicationRecord, ApplicationStatus, Meeting, PayoutRecord, PayoutState } from '../domain/model';
import { claimChoiceMissing, claimEffect, CLOSED_GRANT_RUNS_ON, payoutIdFor, payoutModeFor, recordedClaim, recordedRevocation, repaymentRefusal, revocationRefusal, UNPAID_PAYOUT_STATES } from '../domain/payout';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import type { RepaymentClaim, RevocationRequest } from '../../schemas/requests.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { moveApplication, recordOnHistory } from './move-application';
import { decidedInMeeting, decidingInMeeting, recordClaimDecision, recordGrantDecision, REPAYMENT_DECISION_ID, REVOCATION_DECISION_ID } from './grant-decisions';

/** Who is paid, and under which organisation number: the owner's organisation, or the hospital trust for its own units. */
function payeeOf(scheme: SchemeConfig, data: { partners: Array<{ organisationName: string; organisationNumber: string }>; owner: { partnerIndex: number; unit: string; isInternalUnit: boolean } }) {
  const organisation = data.partners[data.owner.partnerIndex];
  return data.owner.isInternalUnit
    ? { payee: `${scheme.hospitalTrust.name}, ${data.owner.unit}`, payeeOrganisationNumber: scheme.hospitalTrust.organisationNumber }
    : { payee: organisation?.organisationName ?? '', ...(organisation ? { payeeOrganisationNumber: organisation.organisationNumber } : {}) };
}

/**
 * The payout trigger to finance, keyed by the community's project number: cost booking for the
 * hospital trust's own units, otherwise an invoice marked with the project number. Idempotent.
 */
export async function triggerPayout(deps: Dependencies, applicationId: string, actor: Actor): Promise<PayoutRecord> {
  const app = await loadApplication(deps, applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  const id = payoutIdFor(app.id, 'grant');
  const existing = await deps.store.getPayout(id);
  if (existing) return existing;
  if (app.status !== 'approved' || !app.allocation) throw new ConflictError('Tilskuddet er ikke innvilget.', 'not_approved');
  const version = await loadCurrentVersion(deps, app);
  const mode = payoutModeFor(app.ownerIsInternalUnit);
  const payout: PayoutRecord = {
    id,
    applicationId: app.id,
    schemeId: scheme.id,
    projectNumber: scheme.projectNumber,
    ...payeeOf(scheme, version.data),
    amount: app.allocation.amount,
    mode,
    state: mode === 'cost_booking' ? 'pending' : 'awaiting_invoice',
    createdAt: deps.clock.now().toISOString(),
    revision: 1,
  };
  await deps.store.putPayout(payout);
  await moveApplication(deps, app, 'payout_pending', 'payout-triggered', actor, { details: { payoutId: id, mode } });
  return payout;
}

async function loadPayout(deps: Dependencies, payoutId: string): Promise<PayoutRecord> {
  const payout = await deps.store.getPayout(payoutId);
  if (!payout) throw new NotFoundError('Fant ikke utbetalingen.');
  return payout;
}

/** Finance's actions on a payout cancelled by a revocation: refused with the reason. */
function assertNotCancelled(payout: PayoutRecord): void {
  if (payout.state === 'cancelled') throw new ConflictError('Utbetalingen er annullert fordi tilskuddet er trukket tilbake, og skal ikke betales.', 'cancelled');
}

export async function registerInvoice(deps: Dependencies, payoutId: string, invoiceNumber: string) {
  const payout = await loadPayout(deps, payoutId);
  assertNotCancelled(payout);
  if (payout.state !== 'awaiting_invoice') throw new ConflictError('Utbetalingen venter ikke på faktura.', 'not_awaiting_invoice');
  const invoiced = await deps.store.updatePayout(payout.id, payout.revision, ['awaiting_invoice'], 'invoiced', { invoiceNumber, invoicedAt: deps.clock.now().toISOString() });
  // The owner is no longer reminded to send it (a reminder left by a crash here is skipped by the sweep).
  await deps.store.cancelReminders(payout.applicationId, ['invoice-missing']);
  return invoiced;
}

/**
 * What marking a payout paid writes to its application, or undefined when that is done already:
 * - the grant paid while the payout waits: the grant becomes active;
 * - paid after the status report came in: the status stays, the history says when;
 * - a claim that ended the grant repaid: the grant is closed;
 * - a partial claim repaid while the grant runs on: the status stays, the history says when.
 */
function applicationWriteOnPayment(app: ApplicationRecord, isRepayment: boolean): { to?: ApplicationStatus; action: string } | undefined {
  const noted = (action: string) => app.history.some((h) => h.action === action);
  if (isRepayment) {
    if (app.status === 'repayment_claimed') return { to: 'closed', action: 'repaid' };
    return recordedClaim(app.history)?.effect === 'runs-on' && !noted('repaid-partly') ? { action: 'repaid-partly' } : undefined;
  }
  if (app.status === 'payout_pending') return { to: 'active', action: 'paid' };
  return app.status === 'status_report_received' && !noted('paid') ? { action: 'paid' } : undefined;
}

/** Paid (or booked) grant: the grant becomes active. Repaid claim: see applicationWriteOnPayment. */
export async function markPaid(deps: Dependencies, payoutId: string, actor: Actor) {
  const payout = await loadPayout(deps, payoutId);
  assertNotCancelled(payout);
  const isRepayment = payout.amount < 0;
  const from: PayoutState[] = isRepayment ? ['repayment_claimed'] : ['pending', 'invoiced'];
  const app = await loadApplication(deps, payout.applicationId);
  const write = applicationWriteOnPayment(app, isRepayment);
  // A retry after a crash between the payout and the application write finishes the application write.
  const repairing = write !== undefined && payout.state === (isRepayment ? 'repaid' : 'paid');
  if (!from.includes(payout.state) && !repairing) {
    throw new ConflictError(payout.state === 'awaiting_invoice' ? 'Registrer fakturaen før utbetalingen markeres som betalt.' : 'Utbetalingen er allerede registrert som betalt.', 'not_payable');
  }
  const updated = repairing ? payout : await deps.store.updatePayout(payout.id, payout.revision, from, isRepayment ? 'repaid' : 'paid', { paidAt: deps.clock.now().toISOString() });
  const details = { payoutId: payout.id };
  if (write?.to) await moveApplication(deps, app, write.to, write.action, actor, { details });
  else if (write) await recordOnHistory(deps, app, write.action, actor, { details });
  if (write?.to === 'active') await deps.workflow.completeStep(app.id, 'payout', details);
  return updated;
}

const REPAYMENT_REFUSALS = {
  already_claimed: 'Det er allerede krevd tilbakebetaling av dette tilskuddet.',
  not_active: 'Tilbakebetaling kan bare kreves for et tilskudd som er utbetalt.',
} as const;

/**
 * Misuse can mean repayment of all or part: a negative payout trigger to finance. The claim on the
 * grant is written first (the commit point: of two claims at once, one wins); its payout is built
 * from the claim recorded, so finance never sees a claim the grant does not have. A repeat of the
 * claim recorded (a retry after a lost answer or a crash) finishes what was left undone.
 */
export async function claimRepayment(deps: Dependencies, applicationId: string, claim: RepaymentClaim, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const meeting = await decidedInMeeting(deps, app.schemeId, claim.meetingId);
  return decidingInMeeting(deps, app, meeting, REPAYMENT_DECISION_ID, () => writeClaim(deps, app, claim, actor, meeting));
}

async function writeClaim(deps: Dependencies, loaded: ApplicationRecord, claim: RepaymentClaim, actor: Actor, meeting: Meeting | undefined) {
  let app = loaded;
  const scheme = loadScheme(deps, app.schemeId);
  const grantPayout = await deps.store.getPayout(payoutIdFor(app.id, 'grant'));
  const recorded = app.repaymentClaimed !== undefined ? recordedClaim(app.history) : undefined;
  const repeat = recorded?.amount === claim.amount && recorded.reason === claim.reason;
  if (!repeat) {
    const refusal = app.allocation ? repaymentRefusal(app, grantPayout) : 'not_active';
    if (refusal) throw new ConflictError(REPAYMENT_REFUSALS[refusal], refusal);
    const allocated = app.allocation!.amount; // checked just above
    const beyond = beyondGrant(claim.amount, allocated, 'Kravet');
    if (beyond) throw new ValidationError({ amount: beyond });
    const choice = claimChoiceMissing(claim, { allocated, status: app.status });
    if (choice) throw new ValidationError({ endGrant: choice });
    const effect = claimEffect(claim, { allocated, status: app.status });
    if (effect === 'after-close' && claim.endGrant === false) throw new ValidationError({ endGrant: CLOSED_GRANT_RUNS_ON });
    const details = { amount: claim.amount, reason: claim.reason };
    app = effect === 'runs-on'
      // Part of the grant back, and the grant runs on: its status, workflow and report reminders stay.
      ? await recordOnHistory(deps, app, 'repayment-claimed', actor, { set: { repaymentClaimed: claim.amount }, details: { ...details, grantContinues: true } })
      : await moveApplication(deps, app, 'repayment_claimed', 'repayment-claimed', actor, { set: { repaymentClaimed: claim.amount }, details });
  }
  const committed = recordedClaim(app.history);
  if (!committed) throw new Error(`Repayment claim on ${app.id} is not in its history`);
  const payout: PayoutRecord = {
    id: payoutIdFor(app.id, 'repayment'),
    applicationId: app.id,
    schemeId: scheme.id,
    // Paid back to the project the grant was paid from, though the scheme may have a new number since.
    projectNumber: grantPayout?.projectNumber ?? scheme.projectNumber,
    payee: grantPayout?.payee ?? app.title,
    ...(grantPayout?.payeeOrganisationNumber ? { payeeOrganisationNumber: grantPayout.payeeOrganisationNumber } : {}),
    amount: -committed.amount,
    mode: grantPayout?.mode ?? 'invoice',
    state: 'repayment_claimed',
    createdAt: committed.at,
    revision: 1,
  };
  await deps.store.putPayout(payout);
  // A closed grant's workflow has ended already.
  if (committed.effect === 'ends') await deps.workflow.cancel(app.id, 'RepaymentClaimed');
  await recordClaimDecision(deps, app, meeting);
  await deps.workflow.startSideProcess(app.id, 'repayment', payout.id);
  // Only a repeat can find the payout there already (finance may have acted on it since).
  return { application: app, payout: (repeat && (await deps.store.getPayout(payout.id))) || payout };
}

const REVOCATION_REFUSALS = {
  paid: 'Tilskuddet er utbetalt og kan ikke trekkes tilbake. Krev det tilbake i stedet (krav om tilbakebetaling).',
  not_granted: 'Bare et innvilget tilskudd som ikke er utbetalt, kan trekkes tilbake.',
  not_ready: 'Utbetalingen av tilskuddet er ikke opprettet ennå. Prøv igjen om et minutt.',
} as const;

/** Why a revoked grant's pending reallocation request was closed (the revocation letter says the rest). */
const REVOKED_REALLOCATION_REASON = 'Tilskuddet er trukket tilbake.';

/**
 * The committee takes back a grant of which nothing is paid: the grant payout is cancelled first
 * (so finance cannot pay it meanwhile; a payment that came first makes this a 409), then the grant
 * is revoked; if that write fails, the payout is given back its state. The money goes back to the
 * year's pot, a pending reallocation request is closed, the report waits end, and the revocation
 * process tells the owner, the group's leaders and finance. A repeat finishes what a crash left undone.
 */
export async function revokeGrant(deps: Dependencies, applicationId: string, request: RevocationRequest, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const meeting = await decidedInMeeting(deps, app.schemeId, request.meetingId);
  return decidingInMeeting(deps, app, meeting, REVOCATION_DECISION_ID, () => writeRevocation(deps, app, request, actor, meeting));
}

async function writeRevocation(deps: Dependencies, app: ApplicationRecord, request: RevocationRequest, actor: Actor, meeting: Meeting | undefined) {
  const grantPayout = await deps.store.getPayout(payoutIdFor(app.id, 'grant'));
  let updated = app;
  let payout = grantPayout;
  if (app.status !== 'revoked') {
    const refusal = revocationRefusal(app, grantPayout);
    if (refusal) throw new ConflictError(REVOCATION_REFUSALS[refusal], refusal);
    const before = grantPayout!; // revocationRefusal answers not_ready without one
    payout = before.state === 'cancelled' ? before : await deps.store.updatePayout(before.id, before.revision, UNPAID_PAYOUT_STATES, 'cancelled', { cancelledAt: deps.clock.now().toISOString() });
    try {
      updated = await moveApplication(deps, app, 'revoked', 'grant-revoked', actor, { details: { reason: request.reason, amount: app.allocation!.amount, payoutId: before.id } });
    } catch (error) {
      if (before.state !== 'cancelled') await deps.store.updatePayout(payout.id, payout.revision, ['cancelled'], before.state, {});
      throw error;
    }
  }
  const { allocation } = updated;
  const revoked = recordedRevocation(updated.history);
  if (!allocation || !payout || !revoked) throw new Error(`Revoked grant ${app.id} has no allocation, payout or revocation`);
  await recordGrantDecision(deps, app, { id: REVOCATION_DECISION_ID, outcome: 'revoke', at: revoked.at, decidedBy: revoked.decidedBy, amount: allocation.amount, reason: revoked.reason }, meeting);
  await deps.store.release(app.schemeId, allocation.potYear, app.id);
  for (const r of await deps.store.listReallocations(app.id)) {
    if (r.state !== 'requested') continue;
    await deps.store.decideReallocation(app.id, r.id, 'refused', deps.clock.now().toISOString(), REVOKED_REALLOCATION_REASON);
    await deps.workflow.completeStep(app.id, 'reallocation-decision', { reallocationId: r.id, approved: false });
  }
  await deps.workflow.cancel(app.id, 'AllocationRevoked');
  await deps.workflow.startSideProcess(app.id, 'revocation', payout.id);
  return { application: updated, payout };
}
