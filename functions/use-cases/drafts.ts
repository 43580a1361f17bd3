// Drafts of the application form: saved as typed, e-mailed as a link, opened again, and removed
// when the application is submitted (their deadline reminders: draft-reminders.ts). The draft checks only what storing needs
// (schemas/application-draft.schema.ts); the submission checks the whole application.
import { logger } from '../adapters/logger';
import type { Dependencies } from '../composition';
import { DomainError, GoneError, NotFoundError, ValidationError } from '../domain/errors';
import { draftReminderAt } from '../domain/deadlines';
import { draftPath } from '../http/routes';
import { draftSaved } from '../mail/templates';
import type { ApplicationDraft } from '../ports/drafts';
import { checkDraftForm } from '../../schemas/application-draft.schema';
import type { FormBody } from '../../schemas/form-body';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import type { Meeting } from '../domain/model';
import { DRAFT_VALID_DAYS } from '../domain/retention';
import { isLinkIdShaped, pageUrl } from './links';
import { loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { targetMeeting } from './schedule-application';
import { MailNotSentError, notify, schemeMailContext } from './notify';

export { DRAFT_VALID_DAYS };
const NOT_FOUND = 'Fant ikke utkastet. Det kan være sendt inn, eller lenken kan være feil.';

type DraftDeps = Pick<Dependencies, 'drafts' | 'clock'>;

export interface SavedDraft {
  draft: ApplicationDraft;
  /** false: the draft is saved, but the e-mail with its link could not be sent now (the next save tries again) */
  mailed: boolean;
}

/** A draft that is there and not expired, of this scheme when one is named (unknown and another scheme's look the same: 404). */
export async function openDraft(deps: DraftDeps, draftId: string, schemeId?: string): Promise<ApplicationDraft> {
  if (!isLinkIdShaped(draftId)) throw new NotFoundError(NOT_FOUND);
  const draft = await deps.drafts.get(draftId);
  if (!draft || (schemeId !== undefined && draft.schemeId !== schemeId)) throw new NotFoundError(NOT_FOUND);
  if (Date.parse(draft.expiresAt) <= deps.clock.now().getTime()) throw new GoneError(`Utkastet er slettet fordi det ikke ble lagret på ${DRAFT_VALID_DAYS} dager.`);
  return draft;
}

/** The draft a form came from, if it is still there (a form re-shown with errors keeps saying it is a draft). */
export async function findDraft(deps: DraftDeps, draftId: string, schemeId: string): Promise<ApplicationDraft | undefined> {
  try {
    return await openDraft(deps, draftId, schemeId);
  } catch (error) {
    if (error instanceof DomainError) return undefined;
    throw error;
  }
}

/**
 * Saves the form as a draft: a new one for a form rendering (its key), or the draft it was opened
 * from. The owner's e-mail gets the link once per draft.
 */
export async function saveDraft(
  deps: Pick<Dependencies, 'drafts' | 'clock' | 'ids' | 'mailer' | 'publicBaseUrl' | 'scheme' | 'store'>,
  input: { schemeId: string; form: FormBody; formKey: string; draftId?: string },
): Promise<SavedDraft> {
  const scheme = loadScheme(deps, input.schemeId);
  const checked = checkDraftForm(input.form);
  if ('errors' in checked) throw new ValidationError(checked.errors, 'Utkastet ble ikke lagret. Rett opp feltene som er markert.');
  const now = deps.clock.now();
  const next = targetMeeting(scheme, await loadCalendar(deps, scheme), now);
  const remindAt = next && draftReminderAt(next.submissionDeadline, now);
  const change = {
    values: checked.values,
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + DRAFT_VALID_DAYS * 86_400_000).toISOString(),
    ...(next && remindAt ? { reminder: { at: remindAt, meetingId: next.id } } : {}),
  };
  let draft: ApplicationDraft;
  if (input.draftId !== undefined) {
    // One conditional write; only a refused one reads the draft, to say why (404 or 410).
    const updated = isLinkIdShaped(input.draftId) ? await deps.drafts.update(input.draftId, change, { schemeId: scheme.id, now: change.updatedAt }) : undefined;
    draft = updated ?? (await refusedSave(deps, input.draftId, scheme.id));
  } else {
    ({ draft } = await deps.drafts.create({ id: deps.ids.linkId(), schemeId: scheme.id, formKey: input.formKey, createdAt: change.updatedAt, ...change }));
  }
  return { draft, mailed: await mailDraftLink(deps, scheme, draft, checked.ownerEmail, next) };
}

/** The applicant deletes the draft from its form (404 or 410 as for opening it). */
export async function deleteDraft(deps: DraftDeps, draftId: string, schemeId: string): Promise<void> {
  await openDraft(deps, draftId, schemeId);
  await deps.drafts.delete(draftId);
}

/** After the application is submitted, the draft has done its job; one that is gone or another scheme's is left as it is. */
export async function removeSubmittedDraft(deps: DraftDeps, draftId: string, schemeId: string): Promise<void> {
  if (isLinkIdShaped(draftId)) await deps.drafts.delete(draftId, schemeId);
}

function notFound(): never {
  throw new NotFoundError(NOT_FOUND);
}

/** Why a save was refused: 404 or 410 as for opening the draft (404 if it went away in between). */
async function refusedSave(deps: DraftDeps, draftId: string, schemeId: string): Promise<never> {
  await openDraft(deps, draftId, schemeId);
  return notFound();
}

/** The link to the draft, to the owner's e-mail, with the next deadline (the meeting the save aimed its reminder at). */
async function mailDraftLink(deps: Pick<Dependencies, 'mailer' | 'store' | 'clock' | 'publicBaseUrl'>, scheme: SchemeConfig, draft: ApplicationDraft, ownerEmail: string, next: Meeting | undefined): Promise<boolean> {
  const mail = draftSaved(schemeMailContext(scheme), {
    draftLink: pageUrl(deps, draftPath(draft.id)),
    validDays: DRAFT_VALID_DAYS,
    ...(next ? { nextDeadline: { meetingTitle: next.title, deadline: next.submissionDeadline } } : {}),
  });
  try {
    await notify(deps, `draft-saved#${draft.id}`, [ownerEmail], mail);
    return true;
  } catch (error) {
    if (!(error instanceof MailNotSentError)) throw error;
    logger.warn('Draft link not e-mailed; the next save of the draft tries again', { schemeId: scheme.id, errorName: (error.cause as Error | undefined)?.name ?? 'Error' });
    return false;
  }
}
