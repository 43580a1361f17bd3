import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { agendaFormPost } from '../pages/decision-flow';
import { firstValue } from '../pages/forms';
import { scheduleApplication } from '../use-cases/schedule-application';
import { scheduleRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The agenda's "Flytt til et annet møte": back to the agenda the case was on, or its errors there. */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  agendaFormPost(
    request,
    (form) => ({ form: 'move', code: 'move', parsed: scheduleRequestSchema.safeParse({ meetingId: firstValue(form, 'meetingId') || undefined }) }),
    (deps, applicationId, data, actor) => scheduleApplication(deps, applicationId, actor, { meetingId: data.meetingId }),
  ),
);
