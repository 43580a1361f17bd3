import { ConflictError, NotFoundError } from '../domain/errors';
import type { Actor, PayoutRecord, PayoutState } from '../domain/model';
import { payoutIdFor, payoutModeFor, repaymentClaimable } from '../domain/payout';
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
  // Paid after the status report came in (payout_pending → status_report_received): the status stays,
  // and the history alone says when the money went out.
  const paidLate = !isRepayment && app.status === 'status_report_received' && !app.history.some((h) => h.action === 'paid');
  // A retry after a crash between the payout and the application write finishes the application write.
  const repairing = (payout.state === 'paid' && (app.status === 'payout_pending' || paidLate)) || (payout.state === 'repaid' && app.status === 'repayment_claimed');
  if (!from.includes(payout.state) && !repairing) {
    throw new ConflictError(payout.state === 'awaiting_invoice' ? 'Registrer fakturaen før utbetalingen markeres som betalt.' : 'Utbetalingen er allerede registrert som betalt.', 'not_payable');
  }
  const updated = repairing ? payout : await deps.store.updatePayout(payout.id, payout.revision, from, isRepayment ? 'repaid' : 'paid', { paidAt: deps.clock.now().toISOString() });
  if (!isRepayment && app.status === 'payout_pending') {
    await moveApplication(deps, app, 'active', 'paid', actor, { details: { payoutId: payout.id } });
    await deps.workflow.completeStep(app.id, 'payout', { payoutId: payout.id });
  } else if (paidLate) {
    await deps.store.transition({ applicationId: app.id, expectedRevision: app.revision, audit: { at: deps.clock.now().toISOString(), actor, action: 'paid', details: { payoutId: payout.id } } });
  }
  // The claim ended the grant's workflow; the money back ends the grant.
  if (isRepayment && app.status === 'repayment_claimed') {
    await moveApplication(deps, app, 'closed', 'repaid', actor, { details: { payoutId: payout.id } });
  }
  return updated;
}

/** Misuse can mean repayment of all or part: a negative payout trigger to finance. */
export async function claimRepayment(deps: Dependencies, applicationId: string, claim: RepaymentClaim, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  const grantPayout = await deps.store.getPayout(payoutIdFor(app.id, 'grant'));
  if (!app.allocation || !repaymentClaimable(app.status, grantPayout)) {
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
  const updated = await moveApplication(deps, app, 'repayment_claimed', 'repayment-claimed', actor, {
    set: { repaymentClaimed: claim.amount },
    details: { amount: claim.amount, reason: claim.reason },
  });
  await deps.workflow.cancel(app.id, 'RepaymentClaimed');
  await deps.workflow.startSideProcess(app.id, 'repayment', payout.id);
  return { application: updated, payout };
}
