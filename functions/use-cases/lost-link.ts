// "Mistet lenken?": the contact person asks for the link to their case again, from the public
// form, with the address the case has (and its case number, if they have it). The link goes only
// to the case's own address, by the same path as the secretariat's "Send lenken på nytt".
import type { ApplicationRecord } from '../domain/model';
import { OWNER_LINK_SENT } from '../domain/case-contacts';
import type { Dependencies } from '../composition';
import type { LostLink } from '../../schemas/requests.schema';
import { resendOwnerLink } from './change-owner';

/** How many times a day the contact person may have the link mailed from the public form (more is quietly ignored). */
export const LOST_LINK_PER_DAY = 3;

/** With the address alone, the links of at most this many of its cases (the newest) are mailed. */
export const LOST_LINK_MAX_CASES = 10;

/**
 * The contact person lost the link: with the address the case has, and its case number if they
 * have it, the next sweep mails the link they have (a new one if theirs has expired) to that
 * address, the same as the secretariat's "Send lenken på nytt"; with the address alone, each case
 * that has that address now gets its own mail. The answer is the same whatever was typed, so the
 * form tells nobody which addresses or cases exist; a link only ever goes to its case's own address.
 */
export async function requestLostLink(deps: Dependencies, input: LostLink): Promise<void> {
  const ids = input.caseNumber ? [input.caseNumber] : await deps.store.listByOwnerAddress(input.email);
  const apps = (await deps.store.getApplications(ids)).filter((app) => app.ownerEmail.toLowerCase() === input.email);
  const newest = apps.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt)).slice(0, LOST_LINK_MAX_CASES);
  for (const app of newest) await resendLostLink(deps, app);
}

/** One case's link, unless the form has sent it LOST_LINK_PER_DAY times in the last day. */
async function resendLostLink(deps: Dependencies, app: ApplicationRecord): Promise<void> {
  const since = deps.clock.now().getTime() - 86_400_000;
  const today = app.history.filter((e) => e.action === OWNER_LINK_SENT && e.actor.kind === 'applicant' && Date.parse(e.at) > since);
  if (today.length >= LOST_LINK_PER_DAY) return;
  await resendOwnerLink(deps, app.id, { kind: 'applicant', email: app.ownerEmail });
}
