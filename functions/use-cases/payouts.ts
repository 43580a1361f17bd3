import { ConflictError, NotFoundError } from '../domain/errors';
import type { Actor, ApplicationRecord, PayoutRecord, PayoutState } from '../domain/model';
import { claimEndsGrant, payoutIdFor, payoutModeFor, repaymentClaimable } from '../domain/payout';
import { REPAYABLE } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import type { RepaymentClaim } from '../../schemas/requests.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { moveApplication } from './move-application';

function payee(scheme: SchemeConfig, data: { partners: Array<{ organisationName: string }>; owner: { partnerIndex: number; unit: string; isInternalUnit: boolean } }): string {
  const organisation = data.partners[data.owner.partnerIndex]?.organisationName ?? '';
  return data.owner.isInternalUnit ? `${scheme.hospitalTrust.name}, ${data.owner.unit}` : organisation;
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
    payee: payee(scheme, version.data),
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

export async function listPayouts(deps: Dependencies, projectNumber: string, state?: PayoutState) {
  return deps.store.listPayoutsByProject(projectNumber, state);
}

async function loadPayout(deps: Dependencies, payoutId: string): Promise<PayoutRecord> {
  const payout = await deps.store.getPayout(payoutId);
  if (!payout) throw new NotFoundError('Fant ikke utbetalingen.');
  return payout;
}

export async function registerInvoice(deps: Dependencies, payoutId: string, invoiceNumber: string) {
  const payout = await loadPayout(deps, payoutId);
  if (payout.state !== 'awaiting_invoice') throw new ConflictError('Utbetalingen venter ikke på faktura.', 'not_awaiting_invoice');
  return deps.store.updatePayout(payout.id, payout.revision, ['awaiting_invoice'], 'invoiced', { invoiceNumber, invoicedAt: deps.clock.now().toISOString() });
}

/** Paid (or booked) grant: the grant becomes active. Repaid claim: the grant is closed. */
export async function markPaid(deps: Dependencies, payoutId: string, actor: Actor) {
  const payout = await loadPayout(deps, payoutId);
  const isRepayment = payout.amount < 0;
  const from: PayoutState[] = isRepayment ? ['repayment_claimed'] : ['pending', 'invoiced'];
  const app = await loadApplication(deps, payout.applicationId);
  // Paid after the status report came in (payout_pending → status_report_received), or part of a grant
  // paid back while it runs on: the status stays, and the history alone says when the money moved.
  const historyOnly = isRepayment
    ? app.history.some((h) => h.action === 'repayment-claimed' && h.details?.grantContinues === true) && !app.history.some((h) => h.action === 'repaid-partly')
    : app.status === 'status_report_received' && !app.history.some((h) => h.action === 'paid');
  // A retry after a crash between the payout and the application write finishes the application write.
  const repairing = (payout.state === 'paid' && (app.status === 'payout_pending' || historyOnly)) || (payout.state === 'repaid' && (app.status === 'repayment_claimed' || historyOnly));
  if (!from.includes(payout.state) && !repairing) {
    throw new ConflictError(payout.state === 'awaiting_invoice' ? 'Registrer fakturaen før utbetalingen markeres som betalt.' : 'Utbetalingen er allerede registrert som betalt.', 'not_payable');
  }
  const updated = repairing ? payout : await deps.store.updatePayout(payout.id, payout.revision, from, isRepayment ? 'repaid' : 'paid', { paidAt: deps.clock.now().toISOString() });
  if (!isRepayment && app.status === 'payout_pending') {
    await moveApplication(deps, app, 'active', 'paid', actor, { details: { payoutId: payout.id } });
    await deps.workflow.completeStep(app.id, 'payout', { payoutId: payout.id });
  } else if (isRepayment && app.status === 'repayment_claimed') {
    // The claim ended the grant's workflow; the money back ends the grant.
    await moveApplication(deps, app, 'closed', 'repaid', actor, { details: { payoutId: payout.id } });
  } else if (historyOnly) {
    const action = isRepayment ? 'repaid-partly' : 'paid';
    await deps.store.transition({ applicationId: app.id, expectedRevision: app.revision, audit: { at: deps.clock.now().toISOString(), actor, action, details: { payoutId: payout.id } } });
  }
  return updated;
}

/** Misuse can mean repayment of all or part: a negative payout trigger to finance. */
export async function claimRepayment(deps: Dependencies, applicationId: string, claim: RepaymentClaim, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  const grantPayout = await deps.store.getPayout(payoutIdFor(app.id, 'grant'));
  // A partial claim leaves the grant running: a second claim is refused by name. (A repeat after a
  // crash before the application write finds no claim on it, and the payout put is idempotent.)
  if (app.repaymentClaimed !== undefined && REPAYABLE.includes(app.status)) {
    throw new ConflictError('Det er allerede krevd tilbakebetaling av dette tilskuddet.', 'already_claimed');
  }
  if (!app.allocation || !repaymentClaimable(app, grantPayout)) {
    throw new ConflictError('Tilbakebetaling kan bare kreves for et utbetalt tilskudd som ikke er avsluttet.', 'not_active');
  }
  if (claim.amount > app.allocation.amount) {
    throw new ConflictError(`Kravet kan ikke være større enn tildelt beløp.`, 'amount_too_large');
  }
  const payout: PayoutRecord = {
    id: payoutIdFor(app.id, 'repayment'),
    applicationId: app.id,
    schemeId: scheme.id,
    projectNumber: scheme.projectNumber,
    payee: grantPayout?.payee ?? app.title,
    amount: -claim.amount,
    mode: grantPayout?.mode ?? 'invoice',
    state: 'repayment_claimed',
    createdAt: deps.clock.now().toISOString(),
    revision: 1,
  };
  await deps.store.putPayout(payout);
  const details = { amount: claim.amount, reason: claim.reason };
  let updated: ApplicationRecord;
  if (claimEndsGrant(claim, app.allocation.amount)) {
    updated = await moveApplication(deps, app, 'repayment_claimed', 'repayment-claimed', actor, { set: { repaymentClaimed: claim.amount }, details });
    await deps.workflow.cancel(app.id, 'RepaymentClaimed');
  } else {
    // Part of the grant back, and the grant runs on: its status, workflow and report reminders stay.
    updated = await deps.store.transition({
      applicationId: app.id,
      expectedRevision: app.revision,
      set: { repaymentClaimed: claim.amount },
      audit: { at: deps.clock.now().toISOString(), actor, action: 'repayment-claimed', details: { ...details, grantContinues: true } },
    });
  }
  await deps.workflow.startSideProcess(app.id, 'repayment', payout.id);
  return { application: updated, payout };
}
