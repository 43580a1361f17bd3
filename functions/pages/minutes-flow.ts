// The minutes' forms (attendance, approval) post to their own routes; afterwards the secretariat
// lands on the minutes again: 303 on success, or the minutes re-rendered with the form's errors
// (staff-form-post.ts).
import type { Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { meetingOf, minutesPath } from '../http/routes';
import type { MeetingRef } from '../domain/model';
import { meetingMinutes } from '../use-cases/meeting-minutes';
import { csrfToken } from './csrf';
import { minutesPage, type MinutesFormName, type MinutesForms } from './minutes-page';
import { staffPage } from './page-kit';
import { staffFormPost, type StaffFormPost } from './staff-form-post';

/** The minutes for a staff member: with a notice after a form post, or a failed form's errors. */
export async function renderMinutes(deps: Dependencies, request: RouteRequest<unknown>, meeting: MeetingRef, forms: Omit<MinutesForms, 'csrf'>, status: number): Promise<HttpResult> {
  const minutes = await meetingMinutes(deps, meeting);
  // staffPage sends this request's CSRF cookie with the header's sign-out form; the page's forms carry the same token.
  return staffPage(request, status, minutesPage(minutes, { ...forms, csrf: csrfToken(request.event).token }));
}

/** One form post of the minutes: back to the minutes (303), or the minutes with the form's errors. */
export function minutesFormPost<T>(
  request: RouteRequest<unknown>,
  read: StaffFormPost<MinutesFormName, T, MeetingRef>['read'],
  act: StaffFormPost<MinutesFormName, T, MeetingRef>['act'],
): Promise<HttpResult> {
  return staffFormPost(request, meetingOf(request), {
    read,
    act,
    next: async (_deps, meeting, code) => redirect(`${minutesPath(meeting.schemeId, meeting.meetingId)}?registrert=${encodeURIComponent(code)}`),
    rerender: (deps, req, meeting, failed, status) => renderMinutes(deps, req, meeting, { failed }, status),
  });
}
