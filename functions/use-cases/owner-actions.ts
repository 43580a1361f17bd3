import { ConflictError, ValidationError } from '../domain/errors';
import { beyondGrant } from '../domain/pot';
import type { Actor } from '../domain/model';
import { REALLOCATABLE, TERMINAL_STATUSES, WITHDRAWABLE } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { OwnerMessage, ReallocationRequest, WithdrawRequest } from '../../schemas/requests.schema';
import { resolveLink } from './links';
import { loadApplication } from './load-application';
import { moveApplication, withFreshRead } from './move-application';
import { writeCaseMessage } from './case-messages';

/** The owner's link, the application and the owner as the actor (the owner's actions: here and revise-application.ts). */
export async function ownerContext(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['owner'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const actor: Actor = { kind: 'applicant', email: app.ownerEmail };
  return { link, app, actor };
}

export async function withdrawApplication(deps: Dependencies, linkId: string, request: WithdrawRequest) {
  const { app, actor } = await ownerContext(deps, linkId);
  if (TERMINAL_STATUSES.includes(app.status) || !WITHDRAWABLE.includes(app.status)) {
    throw new ConflictError('Søknaden kan ikke trekkes nå. Ta kontakt med sekretariatet.', 'not_withdrawable');
  }
  const updated = await moveApplication(deps, app, 'withdrawn', 'withdrawn', actor, {
    remove: ['meetingId'],
    ...(request.reason ? { details: { reason: request.reason } } : {}),
  });
  await deps.store.revokeLinks(app.id, 'cosign');
  await deps.workflow.cancel(app.id, 'Withdrawn');
  return { applicationId: app.id, status: updated.status };
}

/** Reallocation needs the committee's prior approval: the request waits for a decision. */
export async function requestReallocation(deps: Dependencies, linkId: string, request: ReallocationRequest) {
  const { app, actor } = await ownerContext(deps, linkId);
  if (!REALLOCATABLE.includes(app.status)) throw new ConflictError('Omdisponering kan bare søkes om for et tilskudd som er tildelt og ikke avsluttet.', 'not_active');
  const pending = (await deps.store.listReallocations(app.id)).find((r) => r.state === 'requested');
  if (pending && pending.description === request.description && pending.amount === request.amount) {
    // The same request again (a retry): make sure the committee's process runs, and answer as before.
    await deps.workflow.startSideProcess(app.id, 'reallocation', pending.id);
    return pending;
  }
  if (pending) throw new ConflictError('Det finnes allerede en søknad om omdisponering som venter på behandling.', 'reallocation_pending');
  const beyond = app.allocation && beyondGrant(request.amount, app.allocation.amount, 'Beløpet som omdisponeres');
  if (beyond) throw new ValidationError({ amount: beyond });
  const at = deps.clock.now().toISOString();
  const reallocation = { applicationId: app.id, schemeId: app.schemeId, id: deps.ids.id('realloc'), requestedAt: at, description: request.description, amount: request.amount, state: 'requested' as const };
  await deps.store.putReallocation(reallocation);
  try {
    await deps.store.transition({
      applicationId: app.id,
      expectedRevision: app.revision,
      from: [app.status],
      audit: { at, actor, action: 'reallocation-requested', details: { reallocationId: reallocation.id, amount: request.amount } },
    });
  } catch (error) {
    // Nothing half-written: a request without its history entry and its process would wait for ever.
    await deps.store.removePendingReallocation(app.id, reallocation.id);
    throw error;
  }
  await deps.workflow.startSideProcess(app.id, 'reallocation', reallocation.id);
  return reallocation;
}

/** The contact person writes to the secretariat from the owner's page (see case-messages.ts); at most OWNER_MESSAGES_PER_DAY a day. */
export function messageSecretariat(deps: Dependencies, linkId: string, input: OwnerMessage): Promise<{ applicationId: string; changed: boolean }> {
  return withFreshRead(async () => {
    const { app, actor } = await ownerContext(deps, linkId);
    const { changed } = await writeCaseMessage(deps, app, 'owner', actor, input.message);
    return { applicationId: app.id, changed };
  });
}
