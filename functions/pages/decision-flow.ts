// The agenda's decision forms post to their own routes; afterwards the secretariat lands on the
// agenda again: 303 on success, or the agenda re-rendered with the form's errors (staff-form-post.ts).
import type { Dependencies } from '../composition';
import { ConflictError, ValidationError } from '../domain/errors';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { getAgenda } from '../use-cases/committee';
import { agendaPlaceOf } from '../use-cases/page-views';
import { csrfToken } from './csrf';
import { staffPage } from './page-kit';
import { agendaPath } from '../http/routes';
import { agendaPage, type AgendaForms, type DecisionFormName } from './secretariat-pages';
import { staffFormPost, type StaffFormPost } from './staff-form-post';

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
  // staffPage sends this request's CSRF cookie with the header's sign-out form; the page's forms carry the same token.
  return staffPage(request, status, agendaPage(agenda, csrfToken(request.event).token, { failed: { applicationId, ...failed } }));
}

/** One agenda form post: back to the agenda (303), or the agenda with the form's errors. */
export function agendaFormPost<T>(
  request: RouteRequest<unknown>,
  read: StaffFormPost<DecisionFormName, T>['read'],
  act: StaffFormPost<DecisionFormName, T>['act'],
  rules?: StaffFormPost<DecisionFormName, T>['rules'],
): Promise<HttpResult> {
  return staffFormPost(request, request.params.applicationId ?? '', { read, act, next: decisionRedirect, rerender: rerenderAgenda, ...(rules ? { rules } : {}) });
}
