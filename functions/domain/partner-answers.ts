// The partners' answers to a version of an application, and why an application is back with its
// owner: what the owner's page and the revision form both say (pure).
import type { ApplicationRecord, SignatureRecord } from './model';
import { partnerAddressBounced } from './case-contacts';

/**
 * Every party of a version with its answer to it: whom the owner still waits for, whose link the
 * owner had sent again today (`resentToday`: when it went out, or empty while the sweep has it), and
 * whose link has run out unanswered (`linkExpired`: it cannot be sent again; a new version gives
 * every partner a new one).
 */
export function partnerAnswers(
  app: Pick<ApplicationRecord, 'history' | 'version'>,
  partners: ReadonlyArray<{ organisationName: string }>,
  signatures: readonly SignatureRecord[],
  resends: ReadonlyMap<number, { sentAt?: string }> = new Map(),
  expiredLinks: ReadonlySet<number> = new Set(),
) {
  return partners.map((p, i) => {
    const s = signatures.find((x) => x.partnerIndex === i);
    if (s) return { organisationName: p.organisationName, answer: s.decision, at: s.at, reason: s.reason };
    const resent = resends.get(i);
    return {
      organisationName: p.organisationName,
      answer: 'waiting' as const,
      ...(partnerAddressBounced(app.history, app.version, i) ? { mailBounced: true } : {}),
      ...(resent ? { resentToday: resent } : {}),
      ...(expiredLinks.has(i) ? { linkExpired: true } : {}),
    };
  });
}

/**
 * Why an application is back with its owner, as the owner's page and the revision form both say it:
 * who declined and why, or (the signing ran out) who never answered. Undefined when it did not come
 * back from the partners (a question from the committee has its own notice).
 */
export function sentBackBy(app: Pick<ApplicationRecord, 'status' | 'history'>, answers: ReturnType<typeof partnerAnswers>) {
  if (app.status !== 'draft') return undefined;
  const expired = app.history.findLast((h) => h.to === 'draft')?.action === 'cosignatures-expired';
  const declined = answers.flatMap((p) => (p.answer === 'declined' ? [{ organisationName: p.organisationName, at: p.at, reason: p.reason }] : []));
  const silent = expired ? answers.filter((p) => p.answer === 'waiting').map((p) => p.organisationName) : [];
  return declined.length + silent.length > 0 ? { declined, silent } : undefined;
}

export type SentBack = NonNullable<ReturnType<typeof sentBackBy>>;

/** The partners are asked to sign a version newer than the one answered. */
export function signingMovedOn(app: Pick<ApplicationRecord, 'status' | 'version'>, answeredVersion: number): boolean {
  return app.status === 'awaiting_cosignature' && app.version > answeredVersion;
}

/**
 * A partner answered an earlier version through its link, and the application has changed since:
 * the version the partners are asked to sign now, and whether it waits for this partner's answer
 * (`asked`: the person at the address the earlier version gave is a party of it and has not answered
 * it; such a partner got a new link with the newer version's request) or does not ask this person at
 * all (the address is not among its partners: another contact person, or the party left out).
 * Undefined when there is nothing to say (answered the newer one too, or the signing is over).
 */
export function newerVersionAwaiting(
  app: Pick<ApplicationRecord, 'status' | 'version'>,
  answered: { version: number; email: string },
  current: { partners: ReadonlyArray<{ email: string }>; signatures: readonly Pick<SignatureRecord, 'partnerIndex'>[] },
): { version: number; asked: boolean } | undefined {
  if (!signingMovedOn(app, answered.version)) return undefined;
  const email = answered.email.trim().toLowerCase();
  const index = current.partners.findIndex((p) => p.email.trim().toLowerCase() === email);
  if (index < 0) return { version: app.version, asked: false };
  return current.signatures.some((s) => s.partnerIndex === index) ? undefined : { version: app.version, asked: true };
}
