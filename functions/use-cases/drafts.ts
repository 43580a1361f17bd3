// Drafts of the application form: saved as typed, e-mailed as a link, opened again, and removed
// when the application is submitted. The draft checks only what storing needs
// (schemas/application-draft.schema.ts); the submission checks the whole application.
import { logger } from '../adapters/logger';
import type { Dependencies } from '../composition';
import { DomainError, GoneError, NotFoundError, ValidationError } from '../domain/errors';
import { draftReminderAt } from '../domain/deadlines';
import { findMeeting } from '../domain/meeting-calendar';
import { draftPath } from '../http/routes';
import { draftDeadlineReminder, draftSaved } from '../mail/templates';
import type { ApplicationDraft } from '../ports/drafts';
import { checkDraftForm } from '../../schemas/application-draft.schema';
import type { FormBody } from '../../schemas/form-body';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { pageUrl } from './links';
import { loadScheme } from './load-application';
import { targetMeeting } from './schedule-application';
import { MailNotSentError, notify, schemeMailContext } from './notify';

/** A draft not saved for this long is deleted. */
export const DRAFT_VALID_DAYS = 60;
const DRAFT_ID = /^[A-Za-z0-9_-]{22,64}$/;
const NOT_FOUND = 'Fant ikke utkastet. Det kan være sendt inn, eller lenken kan være feil.';

type DraftDeps = Pick<Dependencies, 'drafts' | 'clock'>;

export interface SavedDraft {
  draft: ApplicationDraft;
  /** false: the draft is saved, but the e-mail with its link could not be sent now (the next save tries again) */
  mailed: boolean;
}

/** A draft that is there and not expired, of this scheme when one is named (unknown and another scheme's look the same: 404). */
export async function openDraft(deps: DraftDeps, draftId: string, schemeId?: string): Promise<ApplicationDraft> {
  if (!DRAFT_ID.test(draftId)) throw new NotFoundError(NOT_FOUND);
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
  deps: Pick<Dependencies, 'drafts' | 'clock' | 'ids' | 'mailer' | 'publicBaseUrl' | 'scheme'>,
  input: { schemeId: string; form: FormBody; formKey: string; draftId?: string },
): Promise<SavedDraft> {
  const scheme = loadScheme(deps, input.schemeId);
  const checked = checkDraftForm(input.form);
  if ('errors' in checked) throw new ValidationError(checked.errors, 'Utkastet ble ikke lagret. Rett opp feltene som er markert.');
  const now = deps.clock.now();
  const next = targetMeeting(scheme, now);
  const remindAt = next && draftReminderAt(next.submissionDeadline, now);
  const change = {
    values: checked.values,
    updatedAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + DRAFT_VALID_DAYS * 86_400_000).toISOString(),
    ...(next && remindAt ? { reminder: { at: remindAt, meetingId: next.id } } : {}),
  };
  let draft: ApplicationDraft;
  if (input.draftId !== undefined) {
    await openDraft(deps, input.draftId, scheme.id);
    draft = (await deps.drafts.update(input.draftId, change)) ?? notFound();
  } else {
    ({ draft } = await deps.drafts.create({ id: deps.ids.linkId(), schemeId: scheme.id, formKey: input.formKey, createdAt: change.updatedAt, ...change }));
  }
  return { draft, mailed: await mailDraftLink(deps, scheme, draft, checked.ownerEmail) };
}

/** The applicant deletes the draft from its form (404 or 410 as for opening it). */
export async function deleteDraft(deps: DraftDeps, draftId: string, schemeId: string): Promise<void> {
  await openDraft(deps, draftId, schemeId);
  await deps.drafts.delete(draftId);
}

/** After the application is submitted, the draft has done its job; one that is gone or another scheme's is left as it is. */
export async function discardDraft(deps: DraftDeps, draftId: string, schemeId: string): Promise<void> {
  if (await findDraft(deps, draftId, schemeId)) await deps.drafts.delete(draftId);
}

function notFound(): never {
  throw new NotFoundError(NOT_FOUND);
}

async function mailDraftLink(deps: Pick<Dependencies, 'mailer' | 'clock' | 'publicBaseUrl'>, scheme: SchemeConfig, draft: ApplicationDraft, ownerEmail: string): Promise<boolean> {
  const next = targetMeeting(scheme, deps.clock.now());
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

/**
 * Part of the reminder sweep: the authors of drafts not sent in are reminded of the next submission
 * deadline, once per draft and meeting. Returns what could not be sent (it stays due).
 */
export async function sendDraftReminders(deps: Pick<Dependencies, 'drafts' | 'mailer' | 'scheme' | 'publicBaseUrl'>, now: Date): Promise<string[]> {
  const failed: string[] = [];
  for (const draft of await deps.drafts.listDueReminders(now.toISOString())) {
    const reminder = draft.reminder!;
    const scheme = deps.scheme(draft.schemeId);
    const meeting = scheme && findMeeting(scheme, reminder.meetingId);
    const checked = checkDraftForm(draft.values);
    const relevant = meeting && 'ownerEmail' in checked && Date.parse(draft.expiresAt) > now.getTime() && Date.parse(meeting.submissionDeadline) > now.getTime();
    if (relevant) {
      const mail = draftDeadlineReminder(schemeMailContext(scheme), { draftLink: pageUrl(deps, draftPath(draft.id)), meetingTitle: meeting.title, deadline: meeting.submissionDeadline });
      try {
        await notify(deps, `draft-reminder#${draft.id}#${meeting.id}`, [checked.ownerEmail], mail);
      } catch (error) {
        // The draft's id is its capability: the failure is named by scheme and meeting only.
        logger.warn('Draft reminder not sent; it stays due', { schemeId: scheme.id, meetingId: meeting.id, errorName: (error as Error).name });
        failed.push(`draft-reminder#${scheme.id}#${meeting.id}`);
        continue;
      }
    }
    await deps.drafts.markReminded(draft.id, reminder);
  }
  return failed;
}
