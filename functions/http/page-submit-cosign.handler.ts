import { dependencies } from '../composition';
import { ConflictError, ValidationError } from '../domain/errors';
import { COSIGN_LABELS, cosignPage, cosignPath } from '../pages/cosign-page';
import { linkForm } from '../pages/kept-text';
import { toFormBody } from '../pages/forms';
import { page } from '../pages/page-kit';
import { cosignApplication } from '../use-cases/cosign-application';
import { getCosignPage } from '../use-cases/page-views';
import { coerceFormBody, signatureRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

const SIGNING_CLOSED = ['signing_stopped', 'version_changed'];

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...linkForm(COSIGN_LABELS, 'partner') }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const parsed = signatureRequestSchema.safeParse(coerceFormBody('signature', form));
  let errors = parsed.success ? undefined : toFieldErrors(parsed.error);
  if (parsed.success) {
    try {
      const result = await cosignApplication(deps, linkId, parsed.data);
      // Posted again (a double click, back and send again): the page says the answer is saved, and when.
      if ('alreadyAnswered' in result) return page(200, cosignPage(await getCosignPage(deps, linkId), linkId));
      return redirect(`${cosignPath(linkId)}?svar=${result.decision === 'signed' ? 'signert' : 'avslatt'}`);
    } catch (error) {
      // This version is no longer to be signed: the page says why at the top, without the form.
      if (error instanceof ConflictError && SIGNING_CLOSED.includes(error.reason)) return page(409, cosignPage(await getCosignPage(deps, linkId), linkId));
      if (!(error instanceof ValidationError)) throw error;
      errors = error.fieldErrors;
    }
  }
  // Without a choice the decision error has no field of its own: it is the form's.
  const fieldErrors = { ...errors };
  if (fieldErrors.decision) {
    fieldErrors._form = fieldErrors.decision;
    delete fieldErrors.decision;
  }
  return page(400, cosignPage(await getCosignPage(deps, linkId), linkId, { values: form, errors: fieldErrors }));
});
