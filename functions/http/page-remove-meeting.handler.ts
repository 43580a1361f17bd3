import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { calendarFormPost } from '../pages/calendar-flow';
import { removeMeeting } from '../use-cases/meeting-calendar';
import { httpRoute } from './http-route';
import { meetingOf } from './routes';

/** The start page's "Fjern" button on a meeting the secretariat added. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) => {
  const meeting = meetingOf(request);
  return calendarFormPost(
    request,
    meeting,
    () => ({ form: `remove:${meeting.schemeId}:${meeting.meetingId}`, code: 'fjernet', parsed: { success: true, data: undefined } }),
    (deps, subject) => removeMeeting(deps, subject.schemeId, subject.meetingId),
  );
});
