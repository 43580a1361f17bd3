// The agenda's decision forms post to their own routes; afterwards the secretariat lands on the
// agenda again: 303 on success, or the agenda re-rendered with the form's errors.
import type * as z from 'zod/mini';
import { dependencies, type Dependencies } from '../composition';
import type { Actor } from '../domain/model';
import { staffActor } from '../use-cases/move-application';
import { toFieldErrors } from '../../schemas/fields.schema';
import { checkCsrf } from './csrf';
import { toFormBody, type FormBody } from './forms';
import { ConflictError, NotFoundError, ValidationError } from '../domain/errors';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { getAgenda } from '../use-cases/committee';
import { agendaPlaceOf } from '../use-cases/page-views';
import { csrfToken } from './csrf';
import { staffPage } from './page-kit';
import { agendaPage, agendaPath, type AgendaForms, type DecisionFormName } from './secretariat-pages';

/** Where to go after the decision; read before it (deferral and questions take the case off the agenda). */
export async function decisionRedirect(deps: Dependencies, applicationId: string, code: string): Promise<HttpResult> {
  const place = await agendaPlaceOf(deps, applicationId);
  if (!place.meetingId) return redirect('/sekretariat');
  return redirect(`${agendaPath(place.schemeId, place.meetingId)}?registrert=${encodeURIComponent(code)}#sak-${encodeURIComponent(applicationId)}`);
}

export async function rerenderAgenda(
  deps: Dependencies,
  request: RouteRequest<unknown>,
  applicationId: string,
  failed: Omit<NonNullable<AgendaForms['failed']>, 'applicationId'>,
  status: number,
): Promise<HttpResult> {
  const place = await agendaPlaceOf(deps, applicationId);
  if (!place.meetingId) {
    // Not on an agenda (any more): answer with the plain error page.
    if (failed.problem) throw new ConflictError(failed.problem);
    throw new ValidationError(failed.errors);
  }
  const agenda = await getAgenda(deps, place.schemeId, place.meetingId);
  const csrf = csrfToken(request.event);
  return staffPage(request, status, { ...agendaPage(agenda, csrf.token, { failed: { applicationId, ...failed } }), headers: csrf.headers });
}

/**
 * One agenda form post: CSRF, the form parsed by its schema, the use case, then back to the agenda
 * (303, or the agenda re-rendered with the field errors or the conflict next to the form).
 */
export async function agendaFormPost<T>(
  request: RouteRequest<unknown>,
  /** which form of the item was posted (its errors show there), the notice code, and the parse */
  read: (values: FormBody) => { form: DecisionFormName; code: string; parsed: z.core.util.SafeParseResult<T> },
  act: (deps: Dependencies, applicationId: string, data: T, actor: Actor) => Promise<unknown>,
): Promise<HttpResult> {
  const values = toFormBody(request.body);
  checkCsrf(request.event, values);
  const deps = dependencies();
  const applicationId = request.params.applicationId ?? '';
  const { form, code, parsed } = read(values);
  const failed = (errors: Record<string, string>, status: number, problem?: string) =>
    rerenderAgenda(deps, request, applicationId, { form, values, errors, ...(problem ? { problem } : {}) }, status);
  if (!parsed.success) return failed(toFieldErrors(parsed.error), 400);
  try {
    const place = await decisionRedirect(deps, applicationId, code);
    await act(deps, applicationId, parsed.data, staffActor(request.staff!, 'secretariat'));
    return place;
  } catch (error) {
    if (error instanceof ValidationError) return failed(error.fieldErrors, 400);
    if (error instanceof ConflictError) return failed({}, 409, error.message);
    // Something the form named (a meeting) does not exist: an error at that field, the agenda stays.
    if (error instanceof NotFoundError && error.field) return failed({ [error.field]: error.message }, 400);
    throw error;
  }
}
