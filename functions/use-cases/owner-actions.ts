import { ConflictError, ValidationError } from '../domain/errors';
import { beyondGrant } from '../domain/pot';
import type { Actor } from '../domain/model';
import { REALLOCATABLE, TERMINAL_STATUSES, WITHDRAWABLE } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { OwnerMessage, ReallocationRequest, WithdrawRequest } from '../../schemas/requests.schema';
import { resolveLink } from './links';
import { loadApplication } from './load-application';
import { moveApplication, recordOnHistory, withFreshRead } from './move-application';
import { caseMessages, OWNER_MESSAGES_PER_DAY, OWNER_WROTE } from '../domain/case-contacts';

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

/** A double click, or a retry, within this long of a message with the same text is that message. */
const SAME_MESSAGE_MS = 60_000;

/**
 * The contact person writes to the secretariat from the owner's page: the message is on the case's
 * history and the next reminder sweep mails it to the secretariat, who answers from the case. The
 * same text again within a minute is the same message; at most OWNER_MESSAGES_PER_DAY in a day.
 */
export async function messageSecretariat(deps: Dependencies, linkId: string, input: OwnerMessage): Promise<{ applicationId: string; changed: boolean }> {
  const { app: first } = await ownerContext(deps, linkId);
  return withFreshRead(async () => {
    const app = await loadApplication(deps, first.id);
    const actor: Actor = { kind: 'applicant', email: app.ownerEmail };
    const now = deps.clock.now().getTime();
    const mine = caseMessages(app.history).filter((m) => m.from === 'owner');
    const last = mine.at(-1);
    const repeat = last?.message === input.message && now - Date.parse(last.at) < SAME_MESSAGE_MS;
    if (!repeat && mine.filter((m) => now - Date.parse(m.at) < 86_400_000).length >= OWNER_MESSAGES_PER_DAY) {
      throw new ConflictError('Du har sendt mange meldinger det siste døgnet. Skriv til sekretariatet på e-post, eller vent til i morgen.', 'too_many_messages');
    }
    const application = repeat ? app : await recordOnHistory(deps, app, OWNER_WROTE, actor, { details: { message: input.message } });
    const at = application.history.findLast((e) => e.action === OWNER_WROTE)!.at;
    await deps.store.putReminder({ id: `${app.id}#${OWNER_WROTE}#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: 'secretariat-message', dueAt: at });
    return { applicationId: app.id, changed: !repeat };
  });
}
