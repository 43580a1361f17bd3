import { dependencies } from '../composition';
import { ConflictError, ValidationError } from '../domain/errors';
import { staffActor } from '../use-cases/move-application';
import { recordDecision } from '../use-cases/record-decision';
import { checkCsrf } from '../pages/csrf';
import { firstValue, toFormBody, type FormBody } from '../pages/forms';
import { PAGE_FORM } from '../pages/page-kit';
import { decisionRequestSchema, coerceFormBody } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/application.schema';
import { decisionRedirect, rerenderAgenda } from '../pages/decision-flow';
import { httpRoute } from './http-route';

const FIELDS: Record<string, readonly string[]> = {
  approve: ['outcome', 'amount', 'periodStart', 'periodEnd', 'comment'],
  reject: ['outcome', 'reason'],
  defer: ['outcome', 'reason'],
};

/** Only the fields of the chosen outcome reach the (strict) decision schema. */
function pick(form: FormBody, names: readonly string[]): FormBody {
  return Object.fromEntries(names.filter((n) => form[n] !== undefined).map((n) => [n, form[n]]));
}

export const handler = httpRoute({ access: 'secretariat', ...PAGE_FORM }, async (request) => {
  const { params, body, event, staff } = request;
  const form = toFormBody(body);
  checkCsrf(event, form);
  const deps = dependencies();
  const applicationId = params.applicationId ?? '';
  const outcome = firstValue(form, 'outcome');
  const formName = outcome === 'reject' || outcome === 'defer' ? outcome : 'approve';
  const parsed = decisionRequestSchema.safeParse(coerceFormBody('decision', pick(form, FIELDS[outcome] ?? ['outcome'])));
  if (!parsed.success) return rerenderAgenda(deps, request, applicationId, { form: formName, values: form, errors: toFieldErrors(parsed.error) }, 400);
  try {
    const place = await decisionRedirect(deps, applicationId, outcome);
    await recordDecision(deps, applicationId, parsed.data, staffActor(staff!, 'secretariat'));
    return place;
  } catch (error) {
    if (error instanceof ValidationError) return rerenderAgenda(deps, request, applicationId, { form: formName, values: form, errors: error.fieldErrors }, 400);
    if (error instanceof ConflictError) return rerenderAgenda(deps, request, applicationId, { form: formName, values: form, errors: {}, problem: error.message }, 409);
    throw error;
  }
});
