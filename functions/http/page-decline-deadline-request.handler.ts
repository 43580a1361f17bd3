import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { declineDeadlineRequest } from '../use-cases/report-deadlines';
import { coerceFormBody, deadlineDeclineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Avslå ønsket": the committee's no to the owner's request for a later deadline, and why. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'deadlineDecline', code: 'fristavslag', parsed: deadlineDeclineSchema.safeParse(coerceFormBody('deadlineDecline', pickFields(form, ['report', 'reason']))) }),
    declineDeadlineRequest,
  ),
);
