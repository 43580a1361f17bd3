import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { declinePeriodRequest } from '../use-cases/change-grant-period';
import { coerceFormBody, periodDeclineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Avslå ønsket om ny prosjektperiode": the committee's reason, which the owner gets. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'periodDecline', code: 'periodeavslag', parsed: periodDeclineSchema.safeParse(coerceFormBody('periodDecline', pickFields(form, ['reason']))) }),
    declinePeriodRequest,
  ),
);
