import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { calendarFormPost } from '../pages/calendar-flow';
import { firstValue, pickFields } from '../pages/forms';
import { RESTORE_FIELD } from '../pages/secretariat-pages';
import { addMeeting } from '../use-cases/meeting-calendar';
import { coerceFormBody, meetingAdditionSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The start page's "add a meeting" form of one scheme, and its "Sett inn igjen" of a cancelled meeting (the same post). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) => {
  const schemeId = request.params.schemeId ?? '';
  return calendarFormPost(
    request,
    { schemeId },
    (form) => ({ form: `add:${schemeId}`, code: firstValue(form, RESTORE_FIELD) ? 'gjenopprettet' : 'lagt-til', parsed: meetingAdditionSchema.safeParse(coerceFormBody('meetingAddition', pickFields(form, ['date', 'time', 'title', 'newApplications']))) }),
    (deps, subject, data, actor) => addMeeting(deps, subject.schemeId, data, actor),
  );
});
