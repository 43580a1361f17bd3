import { ConflictError, GoneError, ValidationError } from '../domain/errors';
import { groupRegister, publishedAnchoring, type AnchoringGroup } from '../domain/anchoring';
import type { Actor, ApplicationRecord, SignatureRecord } from '../domain/model';
import type { Dependencies } from '../composition';
import type { SignatureRequest } from '../../schemas/requests.schema';
import type { ApplicationInput } from '../../schemas/application.schema';
import { newerVersionAwaiting, signingMovedOn } from '../domain/partner-answers';
import { resolveLink, USE_NEWEST_SIGNING_MAIL } from './links';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { SYSTEM } from './move-application';

/** What a partner sees before signing, and the committee on its agenda: the exact version, without anyone's contact details. */
export function publicProjectDescription(data: ApplicationInput, register: readonly AnchoringGroup[]) {
  return {
    title: data.title,
    summary: data.summary,
    challenge: data.challenge,
    need: data.need,
    expectedEffect: data.expectedEffect,
    criteriaMet: data.criteriaMet,
    guidelineAreas: data.guidelineAreas,
    otherNeed: data.otherNeed,
    priorityPatientGroups: data.priorityPatientGroups,
    partners: data.partners.map((p) => ({ organisationName: p.organisationName, organisationNumber: p.organisationNumber, kind: p.kind, role: p.role })),
    owner: { organisationName: data.partners[data.owner.partnerIndex]?.organisationName ?? '', unit: data.owner.unit },
    requestedAmount: data.requestedAmount,
    /** the case number of the grant this one continues */
    continues: data.continues,
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    budget: data.budget,
    patientResponsibility: data.patientResponsibility,
    anchoring: publishedAnchoring(data.anchoring, register),
  };
}

/** Why a partner's link of a version no longer signs it; undefined while the partners are asked to sign that version. */
export type SigningClosed = 'declined-by-partner' | 'changed';

/** Another partner declined this very version (the owner revises it), or the application moved on otherwise. */
function signingClosed(app: ApplicationRecord, version: number, signatures: readonly SignatureRecord[]): SigningClosed | undefined {
  if (app.status === 'awaiting_cosignature' && app.version === version) return undefined;
  return app.status === 'draft' && app.version === version && signatures.some((s) => s.decision === 'declined') ? 'declined-by-partner' : 'changed';
}

const CLOSED_MESSAGES: Record<SigningClosed, string> = {
  'declined-by-partner': 'Signeringen er stoppet fordi en av samarbeidspartene har avslått å signere. Prosjektansvarlig kan endre søknaden og sende den inn på nytt. Da får du en ny lenke på e-post.',
  changed: 'Søknaden er endret etter at du fikk lenken. Du får en ny lenke når søknaden er klar for signering igjen.',
};

/**
 * Said on a link whose answer counted for an earlier version while a newer one waits for the same
 * partner: the newer version is answered through its own link, which only its e-mail carries.
 */
function newerVersionMessage(decision: SignatureRecord['decision'], answered: number, current: { version: number; asked: boolean }): string {
  const [given, answer] = decision === 'signed' ? ['signerte', 'Signaturen din'] : ['avslo å signere', 'Avslaget ditt'];
  // Left out of the newer version (another contact person, or the party is no longer in it): nothing for this person to do.
  if (!current.asked) return `Søknaden er endret etter at du ${given}. ${answer} gjaldt versjon ${answered}. Den nye versjonen (versjon ${current.version}) er sendt til signering uten deg som kontaktperson, så du skal ikke svare på den. Har du spørsmål om søknaden, kan du kontakte prosjektansvarlig.`;
  return `Søknaden er endret etter at du ${given}. ${answer} gjaldt versjon ${answered}, og den nye versjonen (versjon ${current.version}) må du signere eller avslå på nytt. ${USE_NEWEST_SIGNING_MAIL} Finner du ikke den e-posten, kan du be prosjektansvarlig sende lenken på nytt.`;
}

/** The version that waits for the answer of a partner who answered an earlier one (see newerVersionAwaiting). */
async function awaitingNewerAnswer(deps: Dependencies, app: ApplicationRecord, answered: SignatureRecord, email: string) {
  if (!signingMovedOn(app, answered.version)) return undefined; // no reads for the usual link
  const [current, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listSignatures(app.id, app.version)]);
  const newer = newerVersionAwaiting(app, { version: answered.version, email }, { partners: current.data.partners, signatures });
  return newer && { ...newer, message: newerVersionMessage(answered.decision, answered.version, newer) };
}

export async function getCosignView(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['cosign'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const version = await deps.store.getVersion(app.id, link.version ?? 0);
  if (!version) throw new Error(`Version ${String(link.version)} of ${app.id} is missing`);
  const partner = version.data.partners[link.partnerIndex ?? -1];
  const signatures = await deps.store.listSignatures(app.id, version.version);
  const answer = signatures.find((s) => s.partnerIndex === link.partnerIndex);
  const closed = signingClosed(app, version.version, signatures);
  const newer = answer && partner ? await awaitingNewerAnswer(deps, app, answer, partner.email) : undefined;
  return {
    applicationId: app.id,
    version: version.version,
    current: !closed,
    /** why this version is no longer to be signed (only while this partner has not answered it) */
    ...(closed && !answer ? { closed, closedMessage: CLOSED_MESSAGES[closed] } : {}),
    partner: partner ? { organisationName: partner.organisationName, contactName: partner.contactName, role: partner.role } : undefined,
    answer: answer ? { decision: answer.decision, at: answer.at } : undefined,
    /** answered, but the application changed since: its newer version waits for this partner's answer (`asked`: through the newest e-mail's link, never this one), or no longer asks this person */
    ...(newer ? { newerVersion: newer } : {}),
    /** a revised version: what the owner says changed, if anything */
    changeNote: version.version > 1 ? version.changeNote : undefined,
    project: publicProjectDescription(version.data, groupRegister(loadScheme(deps, app.schemeId))),
  };
}

/**
 * A partner's answer. The link answers once: the same partner posting again (a double click, back
 * and send again) is told the answer it gave, and nothing is written or sent twice.
 */
export async function cosignApplication(deps: Dependencies, linkId: string, request: SignatureRequest) {
  const link = await resolveLink(deps, linkId, ['cosign'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const partnerIndex = link.partnerIndex ?? -1;
  const signatures = await deps.store.listSignatures(app.id, link.version ?? 0);
  const given = signatures.find((s) => s.partnerIndex === partnerIndex);
  if (given) return alreadyAnswered(deps, app.id, given);
  if (link.state === 'used') throw new GoneError('Lenken er allerede brukt.');
  const closed = signingClosed(app, link.version ?? 0, signatures);
  if (closed) throw new ConflictError(CLOSED_MESSAGES[closed], closed === 'changed' ? 'version_changed' : 'signing_stopped');
  const version = await loadCurrentVersion(deps, app);
  const partner = version.data.partners[partnerIndex];
  if (!partner) throw new Error(`Partner ${partnerIndex} of ${app.id} is missing`);
  if (request.decision === 'decline' && !request.reason) throw new ValidationError({ reason: 'Skriv en begrunnelse når du avslår.' });
  const signature: SignatureRecord = {
    applicationId: app.id,
    version: version.version,
    partnerIndex,
    organisationName: partner.organisationName,
    contactName: partner.contactName,
    decision: request.decision === 'sign' ? 'signed' : 'declined',
    ...(request.reason ? { reason: request.reason } : {}),
    at: deps.clock.now().toISOString(),
  };
  try {
    await deps.store.putSignature(signature);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    // Another post of this link got there first (a double click), or a retry after a crash: answer with what is stored.
    const stored = (await deps.store.listSignatures(app.id, version.version)).find((s) => s.partnerIndex === partnerIndex);
    if (!stored) throw error;
    return alreadyAnswered(deps, app.id, stored);
  }
  await deps.store.consumeLink(link.id, signature.at).catch(() => undefined); // the signature itself is the single-use guard
  const updated = await advanceCosignature(deps, app.id);
  return { applicationId: app.id, decision: signature.decision, status: updated.status };
}

function partnerActor(partner: { email: string }, partnerIndex: number): Actor {
  return { kind: 'partner', partnerIndex, email: partner.email };
}

/** The partner's stored answer, told again; the application is moved on in case the first post stopped before it did. */
async function alreadyAnswered(deps: Dependencies, applicationId: string, given: SignatureRecord) {
  const app = await loadApplication(deps, applicationId);
  const updated = given.version === app.version ? await advanceCosignature(deps, app.id) : app;
  return { applicationId: app.id, decision: given.decision, status: updated.status, alreadyAnswered: true, answeredAt: given.at };
}

/**
 * Moves an application on when its partners have answered: any decline sends it back to the owner
 * for revision (status draft); all signed makes it submitted. Safe to call any number of times.
 * The decline is the declining partner's act on the history, whoever's post moved it on; every
 * signature in is nobody's in particular (the last to sign only completed it), so the system's.
 */
export async function advanceCosignature(deps: Dependencies, applicationId: string): Promise<ApplicationRecord> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const app = await loadApplication(deps, applicationId);
    if (app.status !== 'awaiting_cosignature') return app;
    const version = await loadCurrentVersion(deps, app);
    const signatures = await deps.store.listSignatures(app.id, app.version);
    const declined = signatures.find((s) => s.decision === 'declined');
    const allSigned = version.data.partners.every((_, i) => signatures.some((s) => s.partnerIndex === i && s.decision === 'signed'));
    if (!declined && !allSigned) return app;
    const decliner = declined && version.data.partners[declined.partnerIndex];
    const actor = declined && decliner ? partnerActor(decliner, declined.partnerIndex) : SYSTEM;
    const at = deps.clock.now().toISOString();
    try {
      const updated = await deps.store.transition({
        applicationId: app.id,
        expectedRevision: app.revision,
        from: ['awaiting_cosignature'],
        to: declined ? 'draft' : 'submitted',
        audit: { at, actor, action: declined ? 'declined-by-partner' : 'cosigned-by-all', from: app.status, to: declined ? 'draft' : 'submitted', details: { version: app.version } },
      });
      await deps.workflow.completeStep(app.id, 'cosignature', declined
        ? { outcome: 'declined', version: app.version, partnerIndex: declined.partnerIndex }
        : { outcome: 'signed', version: app.version });
      return updated;
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error; // lost a race with another partner: re-read
    }
  }
  throw new ConflictError('Søknaden ble endret samtidig. Prøv igjen.', 'stale');
}

/** The partners (organisation names) that have not signed the current version. */
export async function missingPartners(deps: Dependencies, app: ApplicationRecord): Promise<string[]> {
  const [version, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listSignatures(app.id, app.version)]);
  return version.data.partners.filter((_, i) => !signatures.some((s) => s.partnerIndex === i && s.decision === 'signed')).map((p) => p.organisationName);
}
