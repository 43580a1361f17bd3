import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { calendarFormPost } from '../pages/calendar-flow';
import { pickFields } from '../pages/forms';
import { addMeeting } from '../use-cases/meeting-calendar';
import { coerceFormBody, meetingAdditionSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The start page's "add a meeting" form of one scheme. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) => {
  const schemeId = request.params.schemeId ?? '';
  return calendarFormPost(
    request,
    { schemeId },
    (form) => ({ form: `add:${schemeId}`, code: 'lagt-til', parsed: meetingAdditionSchema.safeParse(coerceFormBody('meetingAddition', pickFields(form, ['date', 'time', 'title']))) }),
    (deps, subject, data, actor) => addMeeting(deps, subject.schemeId, data, actor),
  );
});
