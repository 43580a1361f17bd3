// Building and resolving the opaque links people receive. A link is looked up server-side; its
// purpose, expiry and state decide what it may do.
import { GoneError, NotFoundError } from '../domain/errors';
import type { ApplicationRecord, LinkPurpose, LinkRecord, SignatureRecord } from '../domain/model';
import type { Dependencies } from '../composition';
import { reportKindOfLink } from '../domain/reports';
import { lastWithdrawal } from '../domain/report-supplement';
import { casePath } from '../http/routes';

const PAGE_PATHS: Record<LinkPurpose, string> = {
  owner: '/soknad',
  cosign: '/signering',
  'status-report': '/rapport',
  'final-report': '/rapport',
};

/** The URL a person receives: a page on the public site, never an API or a task token. */
export function linkUrl(deps: Pick<Dependencies, 'publicBaseUrl'>, link: Pick<LinkRecord, 'id' | 'purpose'>): string {
  return `${deps.publicBaseUrl.replace(/\/$/, '')}${PAGE_PATHS[link.purpose]}/${link.id}`;
}

/** A page of the site by its path; the staff pages are behind the staff sign-in (no capability in the URL). */
export function pageUrl(deps: Pick<Dependencies, 'publicBaseUrl'>, path: string): string {
  return `${deps.publicBaseUrl.replace(/\/$/, '')}${path}`;
}

/** The secretariat's page of the whole case. */
export function caseUrl(deps: Pick<Dependencies, 'publicBaseUrl'>, applicationId: string): string {
  return pageUrl(deps, casePath(applicationId));
}

export function newLink(
  deps: Pick<Dependencies, 'ids'>,
  fields: Omit<LinkRecord, 'id' | 'state' | 'createdAt' | 'expiresAt'>,
  now: Date,
  validForDays: number,
): LinkRecord {
  return {
    ...fields,
    id: deps.ids.linkId(),
    state: 'active',
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + validForDays * 86_400_000).toISOString(),
  };
}

/**
 * The owner's link mail goes out with: the newest one not revoked (a new contact person gets a new
 * link and the old one is revoked), else the newest.
 */
export function currentOwnerLink<L extends Pick<LinkRecord, 'purpose' | 'state' | 'createdAt'>>(links: readonly L[]): L | undefined {
  const owner = links.filter((l) => l.purpose === 'owner').sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return owner.find((l) => l.state !== 'revoked') ?? owner[0];
}

/** The URL of the owner's page that mail goes out with (see currentOwnerLink); undefined when the case has no owner link. */
export function ownerLinkUrl(deps: Pick<Dependencies, 'publicBaseUrl'>, links: readonly LinkRecord[]): string | undefined {
  const link = currentOwnerLink(links);
  return link && linkUrl(deps, link);
}

/** The shape of every opaque id a person receives (links, drafts): anything else is not found before a read. */
export function isLinkIdShaped(id: string): boolean {
  return /^[A-Za-z0-9_-]{22,64}$/.test(id);
}

/** The current version's signing links of the partners that have not answered it. */
export function unansweredSigningLinks(app: Pick<ApplicationRecord, 'version'>, links: readonly LinkRecord[], signatures: readonly Pick<SignatureRecord, 'partnerIndex'>[]): LinkRecord[] {
  return links.filter((l) => l.purpose === 'cosign' && l.state === 'active' && l.version === app.version && !signatures.some((s) => s.partnerIndex === l.partnerIndex));
}

/** The partners whose signing link for the current version ran out before they answered (their link cannot be sent again). */
export function expiredSigningLinks(app: Pick<ApplicationRecord, 'version'>, links: readonly LinkRecord[], signatures: readonly Pick<SignatureRecord, 'partnerIndex'>[], now: Date): Set<number> {
  return new Set(unansweredSigningLinks(app, links, signatures).flatMap((l) => (linkExpired(l, now) && l.partnerIndex !== undefined ? [l.partnerIndex] : [])));
}

/** Whether a link's time is up (it answers 410 from then on). */
export function linkExpired(link: Pick<LinkRecord, 'expiresAt'>, now: Date): boolean {
  return Date.parse(link.expiresAt) <= now.getTime();
}

/** Where a partner finds the link of the version to sign now: every version has its own, in its own mail. */
export const USE_NEWEST_SIGNING_MAIL = 'Bruk lenken i den nyeste e-posten om signering.';

/**
 * Why a link stopped working, where the holder can be told (a signing link: the application changed,
 * was sent back, or withdrawn; a link to fill in a report: the secretariat withdrew its request).
 */
async function revokedLinkMessage(deps: Pick<Dependencies, 'store'>, link: LinkRecord): Promise<string> {
  const report = reportKindOfLink(link.purpose);
  const app = link.purpose === 'cosign' || report ? await deps.store.getApplication(link.applicationId) : undefined;
  if (app && report && lastWithdrawal(app.history, report)) return 'Sekretariatet trenger ikke lenger at rapporten fylles ut. Rapporten står slik den ble sendt.';
  if (!app || report) return 'Lenken er ikke lenger gyldig. Bruk den nyeste lenken du har fått på e-post.';
  if (app.status === 'withdrawn') return 'Søknaden er trukket eller avsluttet. Du trenger ikke å signere den.';
  if (app.version !== link.version && app.status === 'awaiting_cosignature') return `Søknaden er endret etter at du fikk denne lenken. ${USE_NEWEST_SIGNING_MAIL}`;
  return 'Lenken er ikke lenger gyldig. Søknaden er sendt tilbake til søkeren for endring; får du en ny lenke på e-post, bruk den.';
}

/** An expired link: what its holder can do instead (the 410 page has no other way on). */
const EXPIRED_LINK_MESSAGES: Record<LinkPurpose, string> = {
  owner: 'Lenken er utløpt. Du kan få en ny lenke til søknaden på e-post: velg «Mistet lenken til søknaden din?» på forsiden.',
  cosign: 'Lenken er utløpt, og søknaden kan ikke lenger signeres med den. Sender prosjektansvarlig søknaden inn på nytt, får du en ny lenke på e-post.',
  'status-report': 'Lenken er utløpt. Be sekretariatet om en ny lenke til rapporten.',
  'final-report': 'Lenken er utløpt. Be sekretariatet om en ny lenke til rapporten.',
};

/**
 * Resolves a link for a purpose. Unknown ids and ids of another purpose are indistinguishable (404);
 * expired or revoked links are 410. `allowUsed` lets read-only views show a link that has acted.
 */
export async function resolveLink(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  linkId: string,
  purposes: readonly LinkPurpose[],
  options: { allowUsed?: boolean } = {},
): Promise<LinkRecord> {
  if (!isLinkIdShaped(linkId)) throw new NotFoundError('Lenken finnes ikke.');
  const link = await deps.store.getLink(linkId);
  if (!link || !purposes.includes(link.purpose)) throw new NotFoundError('Lenken finnes ikke.');
  if (link.state === 'revoked') throw new GoneError(await revokedLinkMessage(deps, link));
  if (linkExpired(link, deps.clock.now())) throw new GoneError(EXPIRED_LINK_MESSAGES[link.purpose]);
  if (link.state === 'used' && !options.allowUsed) throw new GoneError('Lenken er allerede brukt.');
  return link;
}
