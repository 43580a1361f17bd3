import { dependencies } from '../composition';
import { ValidationError } from '../domain/errors';
import { applicationFormPage, IDEMPOTENCY_FIELD, linkIdOf, newFormKey } from '../pages/application-form-page';
import { firstValue, toFormBody, without } from '../pages/forms';
import { ownerPath } from '../pages/owner-pages';
import { page, PAGE_FORM } from '../pages/page-kit';
import { getPublicScheme } from '../use-cases/public-scheme';
import { submitApplication } from '../use-cases/submit-application';
import { formToApplicationInput } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

// The same use case as POST /api/schemes/{schemeId}/applications. The form's hidden key plays the
// Idempotency-Key header's part: a double post (double click, reload) makes one application.
export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  const scheme = getPublicScheme(deps, params.schemeId ?? '');
  const form = toFormBody(body);
  const posted = firstValue(form, IDEMPOTENCY_FIELD);
  const key = IDEMPOTENCY_KEY.test(posted) ? posted : undefined;
  try {
    const result = await submitApplication(deps, { schemeId: scheme.id, body: formToApplicationInput(without(form, IDEMPOTENCY_FIELD)), ...(key ? { idempotencyKey: key } : {}) });
    return redirect(ownerPath(linkIdOf(result.statusUrl), '/kvittering'));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const action = `/soknad/ny/${encodeURIComponent(scheme.id)}`;
    return page(400, applicationFormPage({ scheme, action, values: form, errors: error.fieldErrors, mode: 'new', idempotencyKey: key ?? newFormKey() }));
  }
});
