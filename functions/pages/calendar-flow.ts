// The start page's calendar forms (add a meeting; remove or cancel one, its cases moved on) post to their own
// routes; afterwards the secretariat lands on the start page again: 303 on success, or the page
// re-rendered with the form's errors (staff-form-post.ts).
import type { Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { actsFor } from '../http/staff-auth';
import { redirect, type HttpResult } from '../http/responses';
import { secretariatOverview } from '../use-cases/page-views';
import { csrfToken } from './csrf';
import { staffPage } from './page-kit';
import { secretariatPage, type CalendarFormName, type CalendarForms, type LookupView } from './secretariat-pages';
import { staffFormPost, type StaffFormPost } from './staff-form-post';

/** The start page for a staff member: with a notice after a form post, a failed form's errors, or the case lookup's. */
export async function renderSecretariat(deps: Dependencies, request: RouteRequest<unknown>, forms: Omit<CalendarForms, 'csrf'>, status: number, lookup?: LookupView): Promise<HttpResult> {
  const overview = await secretariatOverview(deps, actsFor(request.staff));
  // staffPage sends this request's CSRF cookie with the header's sign-out form; the page's forms carry the same token.
  return staffPage(request, status, secretariatPage(overview, lookup, { ...forms, csrf: csrfToken(request.event).token }));
}

/** One calendar form post: back to the scheme's calendar on the start page (303), or the page with the form's errors. */
export function calendarFormPost<T, S extends { schemeId: string }>(request: RouteRequest<unknown>, subject: S, read: StaffFormPost<CalendarFormName, T, S>['read'], act: StaffFormPost<CalendarFormName, T, S>['act']): Promise<HttpResult> {
  return staffFormPost(request, subject, {
    read,
    act,
    next: async (_deps, { schemeId }, code) => redirect(`/sekretariat?kalender=${encodeURIComponent(code)}#ordning-${encodeURIComponent(schemeId)}`),
    rerender: (deps, req, _subject, failed, status) => renderSecretariat(deps, req, { failed }, status),
  });
}
