// The owner's revised application. Apart from the other owner actions (owner-actions.ts) because it
// alone validates a whole application: the withdrawal and reallocation functions do not bundle it.
import { ConflictError } from '../domain/errors';
import { REVISABLE } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import { loadScheme } from './load-application';
import { moveApplication } from './move-application';
import { ownerContext } from './owner-actions';
import { acceptApplication, cosignLinks } from './submit-application';

/** The owner sends a revised application (after a partner declined or the committee asked for more). */
export async function reviseApplication(deps: Dependencies, linkId: string, body: unknown) {
  const { app, actor } = await ownerContext(deps, linkId);
  if (!REVISABLE.includes(app.status)) throw new ConflictError('Søknaden kan ikke endres nå.', 'not_revisable');
  const scheme = loadScheme(deps, app.schemeId);
  const data = await acceptApplication(deps, scheme, body, app.id);
  const now = deps.clock.now();
  const version = app.version + 1;
  // New version and its signature links first; the status change is the commit point. Old
  // versions' signature links stop working (revoked before the new ones exist: the store's
  // putLinks is create-only, so a link cannot be revoked by writing it again).
  await deps.store.putVersion({ applicationId: app.id, version, createdAt: now.toISOString(), data });
  await deps.store.revokeLinks(app.id, 'cosign');
  await deps.store.putLinks(cosignLinks(deps, scheme, app, version, data, now));
  const updated = await moveApplication(deps, app, 'awaiting_cosignature', 'revised', actor, {
    set: { version, title: data.title, requestedAmount: data.requestedAmount, ownerEmail: data.owner.email, ownerName: data.owner.name, ownerIsInternalUnit: data.owner.isInternalUnit },
    remove: ['informationRequest'],
    details: { version },
  });
  await deps.workflow.completeStep(app.id, 'revision', { version });
  return { applicationId: app.id, status: updated.status, version };
}
