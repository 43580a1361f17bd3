// The whole case's forms post to their own routes; afterwards the secretariat lands on the case
// again: 303 on success, or the case re-rendered with the form's errors (staff-form-post.ts).
import type { Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { casePath } from '../http/routes';
import { getApplicationForStaff } from '../use-cases/committee';
import { getSchemeFacts } from '../use-cases/public-scheme';
import { casePage, type CaseForms, type CaseFormName } from './case-page';
import { csrfToken } from './csrf';
import { staffPage } from './page-kit';
import { staffFormPost, type FailedForm, type StaffFormPost } from './staff-form-post';

/** The case page for a staff member: with a notice after a form post, or a failed form's errors. */
export async function renderCase(deps: Dependencies, request: RouteRequest<unknown>, applicationId: string, forms: Omit<CaseForms, 'csrf'>, status: number): Promise<HttpResult> {
  const view = await getApplicationForStaff(deps, applicationId);
  // staffPage sends this request's CSRF cookie with the header's sign-out form; the page's forms carry the same token.
  return staffPage(request, status, casePage(view, getSchemeFacts(deps, view.application.schemeId), { ...forms, csrf: csrfToken(request.event).token }));
}

/** The whole case for the archive: every part open, no forms. */
export async function renderCasePrint(deps: Dependencies, request: RouteRequest<unknown>, applicationId: string): Promise<HttpResult> {
  const view = await getApplicationForStaff(deps, applicationId);
  return staffPage(request, 200, casePage(view, getSchemeFacts(deps, view.application.schemeId), { csrf: csrfToken(request.event).token }, true));
}

/** One form post of the case page: back to the case (303), or the case with the form's errors. */
export function caseFormPost<T>(request: RouteRequest<unknown>, read: StaffFormPost<CaseFormName, T>['read'], act: StaffFormPost<CaseFormName, T>['act']): Promise<HttpResult> {
  return staffFormPost(request, request.params.applicationId ?? '', {
    read,
    act,
    next: async (_deps, applicationId, code) => redirect(`${casePath(applicationId)}?registrert=${encodeURIComponent(code)}`),
    rerender: (deps, req, applicationId, failed: FailedForm<CaseFormName>, status) => renderCase(deps, req, applicationId, { failed }, status),
  });
}
