// A new contact person for a project: the owner has left, or handed the project over. The
// secretariat records the new name and address; from then on the owner's mail goes there, the old
// owner's link stops working, and the next reminder sweep sends the new contact a link of their own
// and tells the old address that mail goes elsewhere now. What the partners signed (the
// application's owner) stays as it was. A corrected name at the same address changes only the name.
import { ConflictError } from '../domain/errors';
import type { Actor, ApplicationRecord } from '../domain/model';
import { OWNER_CHANGED, ownerChangeable, ownerHandovers } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { OwnerChange } from '../../schemas/requests.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { newLink } from './links';
import { recordOnHistory } from './move-application';
import { ownerLinkValidityDays } from './submit-application';

export async function changeOwner(deps: Dependencies, applicationId: string, input: OwnerChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  if (!ownerChangeable(app)) {
    throw new ConflictError('Saken er avsluttet. Kontaktpersonen kan ikke endres.', 'case_closed');
  }
  const email = input.email; // trimmed and lower-cased by its schema
  const newAddress = app.ownerEmail.toLowerCase() !== email;
  const same = !newAddress && (app.ownerName ?? (await loadCurrentVersion(deps, app)).data.owner.name) === input.name;
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

/** One reminder per new address: its id names the handover. */
export function ownerChangeReminderId(applicationId: string, handover: number): string {
  return `${applicationId}#${OWNER_CHANGED}#${handover}`;
}

/** The owner's link of the `handover`th new address: the older ones revoked, the new one mailed by the next sweep. */
async function handOverOwnerLink(deps: Dependencies, app: ApplicationRecord, handover: number): Promise<void> {
  const links = await deps.store.listLinks(app.id);
  const current = links.some((l) => l.purpose === 'owner' && l.state === 'active' && l.handover === handover);
  if (!current) {
    await deps.store.revokeLinks(app.id, 'owner');
    const scheme = loadScheme(deps, app.schemeId);
    const { data } = await loadCurrentVersion(deps, app);
    const now = deps.clock.now();
    await deps.store.putLinks([newLink(deps, { purpose: 'owner', applicationId: app.id, schemeId: app.schemeId, handover }, now, ownerLinkValidityDays(scheme, data, now))]);
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
