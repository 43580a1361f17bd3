// A new contact person for a project: the owner has left, or handed the project over. The
// secretariat records the new name and address; from then on the owner's mail goes there, the old
// owner's link stops working, and the next reminder sweep sends the new contact a link of their own
// and tells the old address that mail goes elsewhere now. What the partners signed (the
// application's owner) stays as it was. A corrected name at the same address changes only the name.
// Also here, as it hands out owner links the same way: the owner's link sent again (resendOwnerLink).
import { ConflictError } from '../domain/errors';
import type { Actor, ApplicationRecord } from '../domain/model';
import { contactName, OWNER_CHANGED, ownerChangeReminderId, OWNER_LINK_SENT, ownerHandovers } from '../domain/case-contacts';
import { ownerChangeable } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { OwnerChange, OwnerMessage } from '../../schemas/requests.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { currentOwnerLink, linkExpired, newLink } from './links';
import { recordOnHistory, withFreshRead } from './move-application';
import { writeCaseMessage } from './case-messages';
import { ownerLinkValidityDays } from './submit-application';

export function changeOwner(deps: Dependencies, applicationId: string, input: OwnerChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(() => changeOwnerOnce(deps, applicationId, input, actor));
}

async function changeOwnerOnce(deps: Dependencies, applicationId: string, input: OwnerChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  if (!ownerChangeable(app)) {
    throw new ConflictError('Saken er avsluttet. Prosjektansvarlig kan ikke endres.', 'case_closed');
  }
  const email = input.email; // trimmed and lower-cased by its schema
  const newAddress = app.ownerEmail.toLowerCase() !== email;
  const same = !newAddress && contactName(app, (await loadCurrentVersion(deps, app)).data) === input.name;
  // The new address finds the case from "Mistet lenken?" (noted first: a retry notes it again).
  if (newAddress) await deps.store.putOwnerAddress(app.id, email);
  const application = same
    ? app
    : await recordOnHistory(deps, app, OWNER_CHANGED, actor, {
        set: { ownerEmail: email, ownerName: input.name, ...(newAddress ? { previousOwnerEmail: app.ownerEmail } : {}) },
        details: { newAddress },
      });
  const handover = ownerHandovers(application.history);
  // Each step can be repeated: a retry after a failure in between finishes what the first began.
  if (handover > 0) await handOverOwnerLink(deps, application, handover);
  return { application, changed: !same };
}

/** A new owner link, valid as long as the owner's first one was (see ownerLinkValidityDays). */
async function issueOwnerLink(deps: Dependencies, app: ApplicationRecord, handover?: number): Promise<void> {
  const scheme = loadScheme(deps, app.schemeId);
  const { data } = await loadCurrentVersion(deps, app);
  const now = deps.clock.now();
  const fields = { purpose: 'owner' as const, applicationId: app.id, schemeId: app.schemeId, ...(handover !== undefined ? { handover } : {}) };
  await deps.store.putLinks([newLink(deps, fields, now, ownerLinkValidityDays(scheme, data, now))]);
}

/** A double click, or a retry, within this long of a sending is that sending: one mail. */
export const OWNER_LINK_REPEAT_MS = 60_000;

/**
 * The owner's link sent again (the mail with it was lost): the link they have, or a new one when
 * theirs no longer works (expired). The next reminder sweep mails it to the owner's address.
 */
export function resendOwnerLink(deps: Dependencies, applicationId: string, actor: Actor): Promise<{ application: ApplicationRecord; sentTo: string }> {
  return withFreshRead(() => resendOwnerLinkOnce(deps, applicationId, actor));
}

async function resendOwnerLinkOnce(deps: Dependencies, applicationId: string, actor: Actor): Promise<{ application: ApplicationRecord; sentTo: string }> {
  const app = await loadApplication(deps, applicationId);
  const now = deps.clock.now();
  const last = app.history.at(-1);
  const repeat = last?.action === OWNER_LINK_SENT && now.getTime() - Date.parse(last.at) < OWNER_LINK_REPEAT_MS;
  const application = repeat ? app : await recordOnHistory(deps, app, OWNER_LINK_SENT, actor);
  const sentAt = application.history.findLast((e) => e.action === OWNER_LINK_SENT)!.at;
  const current = currentOwnerLink(await deps.store.listLinks(app.id));
  if (!current || current.state === 'revoked' || linkExpired(current, now)) await issueOwnerLink(deps, application);
  await deps.store.putReminder({ id: `${app.id}#${OWNER_LINK_SENT}#${sentAt}`, applicationId: app.id, schemeId: app.schemeId, kind: 'owner-link', dueAt: now.toISOString() });
  return { application, sentTo: application.ownerEmail };
}

/** The owner's link of the `handover`th new address: the older ones revoked, the new one mailed by the next sweep. */
async function handOverOwnerLink(deps: Dependencies, app: ApplicationRecord, handover: number): Promise<void> {
  const links = await deps.store.listLinks(app.id);
  const current = links.some((l) => l.purpose === 'owner' && l.state === 'active' && l.handover === handover);
  if (!current) {
    await deps.store.revokeLinks(app.id, 'owner');
    await issueOwnerLink(deps, app, handover);
  }
  await deps.store.putReminder({
    id: ownerChangeReminderId(app.id, handover),
    applicationId: app.id,
    schemeId: app.schemeId,
    kind: 'owner-changed',
    dueAt: deps.clock.now().toISOString(),
    ...(app.previousOwnerEmail ? { previousOwnerEmail: app.previousOwnerEmail } : {}),
  });
}

/** The secretariat writes to the project's contact person from the case page (see case-messages.ts). */
export function messageOwner(deps: Dependencies, applicationId: string, input: OwnerMessage, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(async () => writeCaseMessage(deps, await loadApplication(deps, applicationId), 'secretariat', actor, input.message));
}
