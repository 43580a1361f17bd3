// A mail about a case that could not be delivered (a permanent bounce, reported by SES through the
// configuration set's topic). A partner's signing request that bounces is told to the owner, who can
// correct the address until every partner has signed; the owner's own mail, or anyone else's, is
// told to the secretariat. Recorded on the case (partner and owner), once per address and version,
// and the mail itself is marked on the case's mail log; so is a complaint (a mail marked as spam).
import { createHash } from 'node:crypto';
import { MAIL_BOUNCED } from '../domain/case-contacts';
import type { AuditEntry } from '../domain/model';
import type { Dependencies } from '../composition';
import * as mail from '../mail/templates';
import { caseUrl, ownerLinkUrl } from './links';
import { loadApplication, loadCurrentVersion } from './load-application';
import { recordOnHistory, SYSTEM, withFreshRead } from './move-application';
import { mailContext, notify } from './notify';

const WEEK_MS = 7 * 86_400_000;
/** The key prefix of the secretariat's notices of the owner's mail that bounced for now. */
const OWNER_SOFT_BOUNCE = 'soft-bounced-owner#';

/** `ref`: the bounced mail's ref (its message tag), marked on the case's mail log when given. */
export async function mailBounced(deps: Dependencies, applicationId: string, addresses: readonly string[], ref?: string): Promise<void> {
  const app = await deps.store.getApplication(applicationId);
  const scheme = app && deps.scheme(app.schemeId);
  if (!app || !scheme) return; // gone, or a case of a scheme this stage does not run: nothing to tell
  if (ref) await deps.store.markSentMail(app.id, ref, 'bouncedTo', addresses.map(normalised));
  const { data } = await loadCurrentVersion(deps, app);
  const ctx = mailContext(scheme, app);
  for (const address of new Set(addresses.map(normalised))) {
    const partnerIndex = data.partners.findIndex((p) => p.email.toLowerCase() === address);
    const recipient: mail.BouncedRecipient = address === app.ownerEmail.toLowerCase() ? 'owner' : partnerIndex >= 0 ? 'partner' : 'other';
    // Only the owner can correct a partner's address, and only while the partners sign.
    if (recipient === 'partner' && app.status === 'awaiting_cosignature') {
      await record(deps, app.id, { recipient, partnerIndex, version: app.version });
      const statusLink = ownerLinkUrl(deps, await deps.store.listLinks(app.id)) ?? deps.publicBaseUrl;
      await notify(deps, `bounced#${app.id}#v${app.version}#p${partnerIndex}`, [app.ownerEmail], mail.partnerMailBounced(ctx, { partnerOrganisation: data.partners[partnerIndex]!.organisationName, statusLink }));
      continue;
    }
    if (recipient === 'owner') await record(deps, app.id, { recipient });
    // The key names the address by a hash: keys are logged, addresses are not.
    await notify(deps, `bounced#${app.id}#${createHash('sha256').update(address).digest('hex').slice(0, 16)}`, [scheme.secretariatEmail], mail.mailBounced(ctx, { address, recipient, caseLink: caseUrl(deps, app.id) }));
  }
}

/**
 * SES gave up delivering a mail about a case for now (a transient bounce: a full mailbox, a server
 * that refused for the time being; the address may be right): marked on the case's mail log. A
 * partner's signing request, while the partners sign, is told to the owner once per version, who
 * can tell the partner; a mail to the contact person is told to the secretariat, which can reach
 * them another way, at most once a week per case (a full mailbox bounces every mail until emptied).
 * Nothing on the history: the owner's page does not mark the address wrong.
 */
export async function mailSoftBounced(deps: Dependencies, applicationId: string, addresses: readonly string[], ref: string): Promise<void> {
  const app = await deps.store.getApplication(applicationId);
  const scheme = app && deps.scheme(app.schemeId);
  if (!app || !scheme) return;
  const bounced = new Set(addresses.map(normalised));
  await deps.store.markSentMail(app.id, ref, 'softBouncedTo', [...bounced]);
  if (bounced.has(app.ownerEmail.toLowerCase())) {
    const log = await deps.store.listSentMail(app.id);
    const mailSubject = log.find((m) => m.ref === ref)?.subject;
    // Keyed by the bounced mail (SNS may deliver its event twice); the case's mail log says when the secretariat was last told.
    const key = `${OWNER_SOFT_BOUNCE}${app.id}#${ref}`;
    const since = deps.clock.now().getTime() - WEEK_MS;
    const toldLately = log.some((m) => m.key !== key && m.key.startsWith(`${OWNER_SOFT_BOUNCE}${app.id}#`) && Date.parse(m.sentAt) > since);
    if (!toldLately) await notify(deps, key, [scheme.secretariatEmail], mail.ownerMailDeferred(mailContext(scheme, app), { ...(mailSubject ? { mailSubject } : {}), caseLink: caseUrl(deps, app.id) }));
  }
  if (app.status !== 'awaiting_cosignature') return;
  const [{ data }, links] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listLinks(app.id)]);
  const statusLink = ownerLinkUrl(deps, links) ?? deps.publicBaseUrl;
  for (const address of bounced) {
    const partnerIndex = data.partners.findIndex((p) => p.email.toLowerCase() === address);
    if (partnerIndex < 0 || address === app.ownerEmail.toLowerCase()) continue;
    await notify(deps, `soft-bounced#${app.id}#v${app.version}#p${partnerIndex}`, [app.ownerEmail], mail.partnerMailDeferred(mailContext(scheme, app), { partnerOrganisation: data.partners[partnerIndex]!.organisationName, statusLink }));
  }
}

/** One history entry per bounced recipient (and version, for a partner): a repeated event adds none. */
function record(deps: Dependencies, applicationId: string, details: Record<string, string | number>): Promise<void> {
  const same = (e: AuditEntry) => e.action === MAIL_BOUNCED && Object.entries(details).every(([k, v]) => e.details?.[k] === v);
  // Written meanwhile (a partner signed): read again.
  return withFreshRead(async () => {
    const app = await loadApplication(deps, applicationId);
    if (!app.history.some(same)) await recordOnHistory(deps, app, MAIL_BOUNCED, SYSTEM, { details });
  }, 5);
}

const normalised = (address: string): string => address.trim().toLowerCase();

/**
 * A recipient marked a mail about a case as spam (an SES complaint): marked on the case's mail log,
 * so the secretariat sees who does not want the mail; nobody is mailed about it.
 */
export async function mailComplained(deps: Pick<Dependencies, 'store'>, applicationId: string, addresses: readonly string[], ref: string): Promise<void> {
  await deps.store.markSentMail(applicationId, ref, 'complainedBy', addresses.map(normalised));
}
