// The owner's revised application. Apart from the other owner actions (owner-actions.ts) because it
// alone validates a whole application: the withdrawal and reallocation functions do not bundle it.
import { isDeepStrictEqual } from 'node:util';
import { ConflictError, ValidationError } from '../domain/errors';
import type { ApplicationRecord, ApplicationVersion } from '../domain/model';
import { notRevisable, REVISABLE } from '../domain/status-transitions';
import { partnerOrganisations } from '../domain/case-search';
import type { Dependencies } from '../composition';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { moveApplication } from './move-application';
import { ownerContext } from './owner-actions';
import { acceptApplication, cosignLinks } from './submit-application';
import { ABANDONED_WRITE_AFTER_MS } from '../domain/abandoned-writes';
import { splitRevisionBody } from '../../schemas/application.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';


/**
 * The owner sends a revised application: after a partner declined, when the committee asked for
 * more, or to correct it before every partner has signed. Each is a new version the partners sign.
 */
export async function reviseApplication(deps: Dependencies, linkId: string, body: unknown) {
  const { app, actor } = await ownerContext(deps, linkId);
  if (!REVISABLE.includes(app.status)) throw notRevisable(app);
  const scheme = loadScheme(deps, app.schemeId);
  const { application, changeNote, answer, noteErrors } = splitRevisionBody(body);
  // The committee's question is answered with this version: the answer is required, and kept beside the question it answers.
  const question = app.status === 'more_information_requested' ? app.informationRequest : undefined;
  const unanswered = question && !answer && !noteErrors?.answer ? { answer: `Skriv svaret til ${scheme.committee.shortName}.` } : undefined;
  const data = await acceptRevision(deps, scheme, application, app.id, noteErrors || unanswered ? { ...noteErrors, ...unanswered } : undefined);
  // While the partners sign, the same application sent again (a double click, a retry after a lost
  // answer) is the version they are signing: nothing new to sign, so no new version.
  if (await partnersAreSigning(deps, app, data)) {
    return { applicationId: app.id, status: app.status, version: app.version };
  }
  const now = deps.clock.now();
  const version = app.version + 1;
  // New version and its signature links first; the status change is the commit point. The other
  // signature links are revoked after it: a revision that fails before it leaves the partners' links
  // working, and a partner signing the old version meanwhile is refused by its version
  // (cosign-application), not only by the revocation.
  await writeNewVersion(deps, { applicationId: app.id, version, createdAt: now.toISOString(), data, ...(changeNote ? { changeNote } : {}), ...(question && answer ? { question, answer } : {}) }, now);
  const links = cosignLinks(deps, scheme, app, version, data, now);
  const ours = new Set(links.map((l) => l.id));
  await deps.store.putLinks(links);
  let updated;
  try {
    updated = await moveApplication(deps, app, 'awaiting_cosignature', 'revised', actor, {
      set: { version, title: data.title, requestedAmount: data.requestedAmount, ownerEmail: data.owner.email, ownerName: data.owner.name, partnerOrganisations: partnerOrganisations(data), ownerIsInternalUnit: data.owner.isInternalUnit },
      remove: ['informationRequest'],
      details: { version },
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Lost to another write: our links sign nothing. When that write was this same revision (a
    // double click's other post), the revision is made: answer as it would.
    await deps.store.revokeLinks(app.id, 'cosign', (l) => ours.has(l.id));
    const committed = await loadApplication(deps, app.id);
    if (committed.version === version && (await partnersAreSigning(deps, committed, data))) {
      return { applicationId: app.id, status: committed.status, version };
    }
    throw error;
  }
  // The older versions' links, and those another post at once made for this version: each partner is asked once.
  await deps.store.revokeLinks(app.id, 'cosign', (l) => !ours.has(l.id));
  // Before every partner signed, the workflow waits for signatures: the revision ends that wait, and it asks for the new version's.
  if (app.status === 'awaiting_cosignature') await deps.workflow.completeStep(app.id, 'cosignature', { outcome: 'revised', version });
  else await deps.workflow.completeStep(app.id, 'revision', { version });
  return { applicationId: app.id, status: updated.status, version };
}

/** The application as for a first submission; an error in the owner's note is told together with the application's. */
async function acceptRevision(deps: Dependencies, scheme: SchemeConfig, application: unknown, selfId: string, noteErrors: Record<string, string> | undefined) {
  try {
    const data = await acceptApplication(deps, scheme, application, selfId);
    if (noteErrors) throw new ValidationError(noteErrors);
    return data;
  } catch (error) {
    if (noteErrors && error instanceof ValidationError) throw new ValidationError({ ...error.fieldErrors, ...noteErrors });
    throw error;
  }
}

/** Whether the partners are asked to sign exactly this application now (sending it again makes nothing new). */
async function partnersAreSigning(deps: Dependencies, app: ApplicationRecord, data: unknown): Promise<boolean> {
  return app.status === 'awaiting_cosignature' && sameData((await loadCurrentVersion(deps, app)).data, data);
}

/** Writes version N; one left there by an abandoned attempt is replaced, one being written right now is a conflict. */
async function writeNewVersion(deps: Dependencies, v: ApplicationVersion, now: Date): Promise<void> {
  if (await deps.store.putVersion(v)) return;
  const there = await deps.store.getVersion(v.applicationId, v.version);
  if (!there || sameData(there.data, v.data)) return; // a repeat of this revision
  // A version item no application names, older than this, was left by a revision that failed before its commit: the next one replaces it.
  const abandoned = now.getTime() - Date.parse(there.createdAt) >= ABANDONED_WRITE_AFTER_MS;
  if (!abandoned || !(await deps.store.putVersion(v, there.createdAt))) {
    throw new ConflictError('Søknaden ble endret samtidig. Last siden på nytt og prøv igjen.', 'stale');
  }
}

/** As stored: a field left undefined is not written. */
function sameData(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}
