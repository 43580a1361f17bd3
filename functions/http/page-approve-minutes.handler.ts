import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { pickFields } from '../pages/forms';
import { minutesFormPost } from '../pages/minutes-flow';
import { approveMinutes } from '../use-cases/meeting-minutes';
import { coerceFormBody, minutesApprovalSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  minutesFormPost(
    request,
    (form) => ({ form: 'approval', code: 'godkjent', parsed: minutesApprovalSchema.safeParse(coerceFormBody('minutesApproval', pickFields(form, ['note']))) }),
    approveMinutes,
  ),
);
