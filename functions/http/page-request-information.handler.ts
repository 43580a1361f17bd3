import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { staffActor } from '../use-cases/move-application';
import { requestInformation } from '../use-cases/record-decision';
import { checkCsrf } from '../pages/csrf';
import { toFormBody } from '../pages/forms';
import { PAGE_FORM } from '../pages/page-kit';
import { decisionRedirect, rerenderAgenda } from '../pages/decision-flow';
import { informationRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/application.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...PAGE_FORM }, async (request) => {
  const { params, body, event, staff } = request;
  const form = toFormBody(body);
  checkCsrf(event, form);
  const deps = dependencies();
  const applicationId = params.applicationId ?? '';
  const parsed = informationRequestSchema.safeParse({ message: form.message });
  if (!parsed.success) return rerenderAgenda(deps, request, applicationId, { form: 'info', values: form, errors: toFieldErrors(parsed.error) }, 400);
  try {
    const place = await decisionRedirect(deps, applicationId, 'info');
    await requestInformation(deps, applicationId, parsed.data, staffActor(staff!, 'secretariat'));
    return place;
  } catch (error) {
    if (error instanceof ConflictError) return rerenderAgenda(deps, request, applicationId, { form: 'info', values: form, errors: {}, problem: error.message }, 409);
    throw error;
  }
});
