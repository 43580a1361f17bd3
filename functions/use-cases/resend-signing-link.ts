// The owner asks for a partner's signing link to be sent again: the partner lost the mail, or it
// went to spam. It is the link the partner already has (a new one would make the old mail's link
// stop working for no reason); the next reminder sweep mails it, at most once a day per partner, so
// an owner's link cannot be used to fill a partner's inbox.
import { ConflictError, ValidationError } from '../domain/errors';
import { osloDateOf } from '../domain/oslo-time';
import { signingResendId } from '../domain/reminders';
import type { Dependencies } from '../composition';
import type { SigningLinkResend } from '../../schemas/requests.schema';
import { linkExpired, unansweredSigningLinks } from './links';
import { loadCurrentVersion } from './load-application';
import { ownerContext } from './owner-actions';

export async function resendSigningLink(deps: Dependencies, linkId: string, { partnerIndex }: SigningLinkResend): Promise<{ applicationId: string; partnerIndex: number }> {
  const { app } = await ownerContext(deps, linkId);
  if (app.status !== 'awaiting_cosignature') {
    throw new ConflictError('Partene er ikke bedt om å signere søknaden nå, så det er ingen lenke å sende.', 'not_signing');
  }
  const now = deps.clock.now();
  const [version, links, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listLinks(app.id), deps.store.listSignatures(app.id, app.version)]);
  const partner = version.data.partners[partnerIndex];
  if (!partner) throw new ValidationError({ partnerIndex: 'Velg en av samarbeidspartene.' });
  if (signatures.some((s) => s.partnerIndex === partnerIndex)) throw new ConflictError(`${partner.organisationName} har allerede svart.`, 'already_answered');
  const link = unansweredSigningLinks(app, links, signatures).find((l) => l.partnerIndex === partnerIndex);
  if (!link || linkExpired(link, now)) throw new ConflictError(`Lenken til ${partner.organisationName} gjelder ikke lenger. Endre søknaden og send den inn på nytt («Endre søknaden»), så får alle partene en ny lenke.`, 'link_expired');
  const planned = await deps.store.putReminder({
    id: signingResendId(app, partnerIndex, osloDateOf(now)),
    applicationId: app.id,
    schemeId: app.schemeId,
    kind: 'cosign',
    dueAt: now.toISOString(),
    version: app.version,
    partnerIndex,
  });
  if (!planned) throw new ConflictError(`Lenken er allerede sendt på nytt til ${partner.organisationName} i dag. Du kan sende den igjen i morgen.`, 'already_resent_today');
  return { applicationId: app.id, partnerIndex };
}
