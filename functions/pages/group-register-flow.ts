// The register page's forms (one per group) post to their own route; afterwards the secretariat
// lands on the register again: 303 on success, or the page with the form's errors (staff-form-post.ts).
import type { Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { groupRegisterView } from '../use-cases/group-register';
import { csrfToken } from './csrf';
import { groupRegisterPage, groupRegisterPath, type GroupRegisterForms } from './group-register-page';
import { staffPage } from './page-kit';
import { staffFormPost, type StaffFormPost } from './staff-form-post';

export async function renderGroupRegister(deps: Dependencies, request: RouteRequest<unknown>, schemeId: string, forms: Omit<GroupRegisterForms, 'csrf'>, status: number): Promise<HttpResult> {
  const view = await groupRegisterView(deps, schemeId);
  return staffPage(request, status, groupRegisterPage(view, { ...forms, csrf: csrfToken(request.event).token }));
}

export function groupRegisterFormPost<T>(request: RouteRequest<unknown>, subject: { schemeId: string; groupId: string }, read: StaffFormPost<string, T, typeof subject>['read'], act: StaffFormPost<string, T, typeof subject>['act']): Promise<HttpResult> {
  return staffFormPost(request, subject, {
    read,
    act,
    next: async (_deps, { schemeId, groupId }, code) => redirect(`${groupRegisterPath(schemeId)}?endret=${encodeURIComponent(code)}#gruppe-${encodeURIComponent(groupId)}`),
    rerender: (deps, req, { schemeId }, failed, status) => renderGroupRegister(deps, req, schemeId, { failed }, status),
  });
}
