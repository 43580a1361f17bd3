import { dependencies } from '../composition';
import { GoneError, NotFoundError, ValidationError } from '../domain/errors';
import { ACTION_FIELD, applicationFormPage, DELETE_DRAFT, DRAFT_FIELD, FORM_CONTROLS, IDEMPOTENCY_FIELD, linkIdOf, newFormKey, SAVE_DRAFT } from '../pages/application-form-page';
import { firstValue, toFormBody, without } from '../pages/forms';
import { ownerPath } from '../pages/owner-pages';
import { page, PAGE_FORM } from '../pages/page-kit';
import { deleteDraft, findDraft, removeSubmittedDraft, saveDraft } from '../use-cases/drafts';
import { getPublicScheme, getSchemeFacts } from '../use-cases/public-scheme';
import { submitApplication } from '../use-cases/submit-application';
import { formToApplicationInput } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { applicationFormPath, draftPath } from './routes';
import { sesMailer } from '../wiring/ses-mailer.wiring';
import { stepFunctions } from '../wiring/step-functions.wiring';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

// The same use case as POST /api/schemes/{schemeId}/applications. The form's hidden key plays the
// Idempotency-Key header's part: a double post (double click, reload) makes one application.
// "Lagre utkast" posts here too: it keeps the form as a draft and e-mails its link.
export const handler = httpRoute({ access: 'public', uses: [stepFunctions, sesMailer], ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  // The calendar is read only to show the form again.
  const scheme = getSchemeFacts(deps, params.schemeId ?? '');
  const form = toFormBody(body);
  const posted = firstValue(form, IDEMPOTENCY_FIELD);
  const key = IDEMPOTENCY_KEY.test(posted) ? posted : undefined;
  const draftId = firstValue(form, DRAFT_FIELD) || undefined;
  const fields = without(form, ...FORM_CONTROLS);
  const action = firstValue(form, ACTION_FIELD);
  try {
    if (action === DELETE_DRAFT && draftId) {
      await deleteDraft(deps, draftId, scheme.id);
      return redirect(`${applicationFormPath(scheme.id)}?melding=utkast-slettet`);
    }
    if (action === SAVE_DRAFT) {
      const saved = await saveDraft(deps, { schemeId: scheme.id, form: fields, formKey: key ?? newFormKey(), ...(draftId ? { draftId } : {}) });
      return redirect(`${draftPath(saved.draft.id)}?melding=${saved.mailed ? 'lagret' : 'lagret-uten-epost'}`);
    }
    const result = await submitApplication(deps, { schemeId: scheme.id, body: formToApplicationInput(fields), ...(key ? { idempotencyKey: key } : {}) });
    if (draftId) await removeSubmittedDraft(deps, draftId, scheme.id);
    // Sent before (the same application from a form loaded afresh): the receipt says no new case was made.
    return redirect(`${ownerPath(linkIdOf(result.statusUrl), '/kvittering')}${result.sentBefore ? '?melding=allerede-sendt' : ''}`);
  } catch (error) {
    // Saved onto a draft that is gone meanwhile (60 days unsaved, or deleted): the form again with what
    // was typed, as a new form (a fresh key, no draft), so the next save makes a new draft and link.
    const draftGone = action === SAVE_DRAFT && (error instanceof GoneError || (error instanceof NotFoundError && !error.field));
    if (draftGone) {
      const problem = `${error.message} Det du skrev, står i skjemaet under. Velg «Lagre utkast» for å lagre det som et nytt utkast, med en ny lenke.`;
      return page(error.statusCode, applicationFormPage({ scheme: await getPublicScheme(deps, scheme.id), action: applicationFormPath(scheme.id), values: without(form, DRAFT_FIELD), errors: {}, problem, mode: 'new', idempotencyKey: newFormKey() }));
    }
    if (!(error instanceof ValidationError)) throw error;
    const draft = draftId ? await findDraft(deps, draftId, scheme.id) : undefined;
    return page(400, applicationFormPage({ scheme: await getPublicScheme(deps, scheme.id), action: applicationFormPath(scheme.id), values: form, errors: error.fieldErrors, mode: 'new', idempotencyKey: key ?? newFormKey(), ...(draft ? { draft } : {}) }));
  }
});
