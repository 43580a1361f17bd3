import { createHash } from 'node:crypto';
import { ConflictError, ValidationError, type FieldErrors } from '../domain/errors';
import type { ApplicationRecord, LinkRecord } from '../domain/model';
import { addDays, osloDateOf } from '../domain/oslo-time';
import { periodAlreadyOver, periodEndsBeforeDecision, periodStartProblem } from '../domain/grant-period';
import { reachableMeeting } from '../domain/meeting-calendar';
import { partnerOrganisations } from '../domain/case-search';
import { TERMINAL_STATUSES } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { IdempotencyClaim } from '../ports/grant-store';
import { buildApplicationSchema, type ApplicationInput } from '../../schemas/application.schema';
import { toFieldErrors, validFieldsOf } from '../../schemas/fields.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { currentOwnerLink, linkUrl, newLink } from './links';
import { continuationProblems } from './continuation';
import { loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';

export interface SubmitApplicationCommand {
  schemeId: string;
  body: unknown;
  /** Client-supplied Idempotency-Key; without one, identical content counts as the same submission. */
  idempotencyKey?: string;
}

export interface SubmitApplicationResult {
  applicationId: string;
  status: ApplicationRecord['status'];
  statusUrl: string;
  /** false when this was a repeat of an earlier submission */
  created: boolean;
  /** a repeat under another key (the same application from a form loaded afresh), not of the same post */
  sentBefore?: boolean;
}

const schemaCache = new Map<string, ReturnType<typeof buildApplicationSchema>>();

function applicationSchema(scheme: SchemeConfig): ReturnType<typeof buildApplicationSchema> {
  let schema = schemaCache.get(scheme.id);
  if (!schema) {
    schema = buildApplicationSchema(scheme);
    schemaCache.set(scheme.id, schema);
  }
  return schema;
}

/**
 * The application as its schema and the rules that read the clock and the table accept it; nothing
 * is written. The date rules run on the dates as typed even when other fields failed the schema, so
 * the form shows every problem at once (the schema's message wins at a field both find fault with).
 */
export async function acceptApplication(deps: Pick<Dependencies, 'store' | 'clock'>, scheme: SchemeConfig, raw: unknown, selfId?: string): Promise<ApplicationInput> {
  const schema = applicationSchema(scheme);
  const parsed = schema.safeParse(raw);
  const now = deps.clock.now();
  const today = osloDateOf(now);
  const { periodStart, periodEnd } = parsed.success ? parsed.data : validFieldsOf({ periodStart: schema.shape.periodStart, periodEnd: schema.shape.periodEnd }, raw);
  const start = periodStart === undefined ? undefined : periodStartProblem(periodStart, today);
  const end = periodEnd === undefined ? undefined : periodAlreadyOver(periodEnd, today) ?? (await periodEndsBeforeFirstMeeting(deps, scheme, periodEnd, now, selfId === undefined));
  const problems: FieldErrors = {
    ...(start ? { periodStart: start } : {}),
    ...(end ? { periodEnd: end } : {}),
    // A continuation's own start rule replaces the plain one (it holds the period to both).
    ...(parsed.success ? await continuationProblems(deps, scheme, parsed.data, selfId, today) : {}),
    ...(parsed.success ? {} : toFieldErrors(parsed.error)),
  };
  if (!parsed.success || Object.keys(problems).length) throw new ValidationError(problems);
  return parsed.data;
}

/**
 * The earliest meeting that could decide it: the next whose deadline has not passed (for a new
 * application, the next that takes new ones; a revision may have been on an agenda already).
 */
async function periodEndsBeforeFirstMeeting(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig, end: string, now: Date, isNew: boolean): Promise<string | undefined> {
  const calendar = await loadCalendar(deps, scheme);
  const first = reachableMeeting(calendar, now, scheme.submissionLeadDays, !isNew);
  return periodEndsBeforeDecision(end, first?.date, scheme.committee.shortName);
}

/** Links a project owner keeps for the whole grant: until the final report is long past due. */
export function ownerLinkValidityDays(scheme: SchemeConfig, data: ApplicationInput, now: Date): number {
  const lastUse = addDays(data.periodEnd, scheme.finalReportDueDays + 365);
  return Math.max(30, Math.ceil((Date.parse(`${lastUse}T00:00:00Z`) - now.getTime()) / 86_400_000));
}

export function cosignLinks(deps: Pick<Dependencies, 'ids'>, scheme: SchemeConfig, app: Pick<ApplicationRecord, 'id' | 'schemeId'>, version: number, data: ApplicationInput, now: Date): LinkRecord[] {
  return data.partners.map((_, partnerIndex) =>
    newLink(deps, { purpose: 'cosign', applicationId: app.id, schemeId: app.schemeId, partnerIndex, version }, now, scheme.linkValidityDays),
  );
}

function requestHash(schemeId: string, data: ApplicationInput): string {
  return createHash('sha256').update(schemeId).update('\0').update(JSON.stringify(data)).digest('hex');
}

/**
 * A claim younger than this without its application belongs to a call that may still be running
 * (an HTTP function runs for at most 15 s): the repeat is told to try again instead of writing a
 * second set of links, and only a later repeat finishes the work of a call that crashed.
 */
export const SUBMISSION_IN_PROGRESS_MS = 30_000;

/**
 * A repeat that overtakes the first call (a double click) finds the claim but not yet the
 * application: give the first call a moment to reach its commit point instead of writing a second
 * set of links. If it never appears, the first call crashed and this call finishes the work.
 */
async function awaitCommitted(deps: Pick<Dependencies, 'store'>, applicationId: string): Promise<ApplicationRecord | undefined> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const app = await deps.store.getApplication(applicationId);
    if (app) return app;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

const contentKey = (hash: string): string => `content:${hash}`;

interface ContentClaim {
  claim: IdempotencyClaim;
  /** the application the claim names, if it has been written */
  app?: ApplicationRecord | undefined;
}

/**
 * The claim on this application's words: the application it repeats word for word, while that one
 * is still in process or running (sent again from a form loaded afresh, or by a client with a new
 * key or none); the claims last a week. A repeat of one withdrawn, rejected or closed is a new
 * application, and takes the claim over, so the next repeat finds the new one.
 */
async function claimContent(deps: Pick<Dependencies, 'store'>, schemeId: string, hash: string, newId: string, at: string): Promise<ContentClaim> {
  const key = contentKey(hash);
  for (let attempt = 0; ; attempt++) {
    const claim = await deps.store.claimSubmissionKey(schemeId, key, newId, hash, at);
    if (claim.fresh) return { claim };
    // A claim whose call may still be running: give it a moment to commit (see awaitCommitted).
    const recent = claim.claimedAt !== undefined && Date.parse(at) - Date.parse(claim.claimedAt) < SUBMISSION_IN_PROGRESS_MS;
    const app = recent ? await awaitCommitted(deps, claim.applicationId) : await deps.store.getApplication(claim.applicationId);
    if (!app || !TERMINAL_STATUSES.includes(app.status)) return { claim, app };
    if (await deps.store.reassignSubmissionKey(schemeId, key, claim.applicationId, newId, at)) {
      return { claim: { fresh: true, applicationId: newId, requestHash: hash, claimedAt: at } };
    }
    // Another repeat took it over first: read it once more (that one is live now, or being written).
    if (attempt > 0) return { claim };
  }
}

export async function submitApplication(deps: Dependencies, command: SubmitApplicationCommand): Promise<SubmitApplicationResult> {
  const scheme = loadScheme(deps, command.schemeId);
  const data = await acceptApplication(deps, scheme, command.body);
  const now = deps.clock.now();
  const at = now.toISOString();
  const hash = requestHash(scheme.id, data);
  const newId = deps.ids.applicationId();
  const content = await claimContent(deps, scheme.id, hash, newId, at);
  const duplicate = content.app && !TERMINAL_STATUSES.includes(content.app.status) ? content.app : undefined;

  // A client's key is claimed for the application it repeats, if any: a double post of the same form finds it too.
  const claim = command.idempotencyKey
    ? await deps.store.claimSubmissionKey(scheme.id, command.idempotencyKey, duplicate?.id ?? newId, hash, at)
    : content.claim;
  if (!claim.fresh && claim.requestHash !== hash) {
    throw new ConflictError('Idempotency-Key er allerede brukt for en annen søknad.', 'idempotency_key_reused');
  }
  const existing = claim.fresh ? duplicate : command.idempotencyKey ? await awaitCommitted(deps, claim.applicationId) : content.app;
  if (!claim.fresh && !existing && claim.claimedAt && deps.clock.now().getTime() - Date.parse(claim.claimedAt) < SUBMISSION_IN_PROGRESS_MS) {
    throw new ConflictError('Søknaden er allerede under innsending. Vent litt og prøv igjen.', 'submission_in_progress');
  }
  if (existing) {
    // A repeat names the owner it came from: once the case has another contact person, that sender
    // gets no link (the new contact's is theirs alone, the old one is revoked).
    if (existing.ownerEmail.toLowerCase() !== data.owner.email.toLowerCase()) {
      throw new ConflictError('Søknaden er allerede sendt inn, og saken har fått en ny prosjektansvarlig. Lenken til saken er sendt til den nye prosjektansvarlige.', 'owner_changed');
    }
    const ownerLink = currentOwnerLink(await deps.store.listLinks(existing.id));
    if (!ownerLink) throw new Error(`Owner link of ${existing.id} is missing`);
    await deps.workflow.startLifecycle(existing.id, existing.schemeId);
    // Another post's key (see liveDuplicate): claimed now, or (its double post) after the application was made.
    const sentBefore = claim.fresh || (claim.claimedAt ?? '') > existing.submittedAt;
    return { applicationId: existing.id, status: existing.status, statusUrl: linkUrl(deps, ownerLink), created: false, ...(sentBefore ? { sentBefore } : {}) };
  }

  // A first call, or a retry after a crash before the application item (the commit point) was written.
  if (!claim.fresh) {
    // The crashed call may have written links: they must not reach anyone next to the new ones.
    await deps.store.revokeLinks(claim.applicationId, 'cosign');
    await deps.store.revokeLinks(claim.applicationId, 'owner');
  }
  const owner = data.owner;
  const app: ApplicationRecord = {
    id: claim.applicationId,
    schemeId: scheme.id,
    status: 'awaiting_cosignature',
    revision: 1,
    version: 1,
    title: data.title,
    ownerEmail: owner.email,
    ownerName: owner.name,
    partnerOrganisations: partnerOrganisations(data),
    ownerIsInternalUnit: owner.isInternalUnit,
    requestedAmount: data.requestedAmount,
    submittedAt: at,
    history: [{ at, actor: { kind: 'applicant', email: owner.email }, action: 'submitted', from: 'draft', to: 'awaiting_cosignature' }],
  };
  const ownerLink = newLink(deps, { purpose: 'owner', applicationId: app.id, schemeId: scheme.id }, now, ownerLinkValidityDays(scheme, data, now));
  await deps.store.createApplication(app, { applicationId: app.id, version: 1, createdAt: at, data }, [ownerLink, ...cosignLinks(deps, scheme, app, 1, data, now)]);
  await deps.workflow.startLifecycle(app.id, scheme.id);
  return { applicationId: app.id, status: app.status, statusUrl: linkUrl(deps, ownerLink), created: true };
}
