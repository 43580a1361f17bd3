import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { calendarFormPost } from '../pages/calendar-flow';
import { firstValue, pickFields } from '../pages/forms';
import { cancelMeeting } from '../use-cases/cancel-meeting';
import { coerceFormBody, meetingCancellationSchema } from '../../schemas/requests.schema';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { httpRoute } from './http-route';
import { meetingOf } from './routes';

/** The start page's "Fjern" / "Avlys" on a meeting not yet held, with where its open cases go. */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) => {
  const meeting = meetingOf(request);
  return calendarFormPost(
    request,
    meeting,
    (form) => ({
      form: `remove:${meeting.schemeId}:${meeting.meetingId}`,
      code: firstValue(form, 'moveCasesTo') ? 'flyttet' : 'fjernet',
      parsed: meetingCancellationSchema.safeParse(coerceFormBody('meetingCancellation', pickFields(form, ['moveCasesTo']))),
    }),
    (deps, subject, data, actor) => cancelMeeting(deps, subject.schemeId, subject.meetingId, data, actor),
  );
});
