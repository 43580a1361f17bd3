import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { changeGrantPeriod } from '../use-cases/change-grant-period';
import { coerceFormBody, periodChangeSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The case page's "Ny prosjektperiode": the committee's new start and end, its reason, and the meeting it was decided in. */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'period', code: 'periode', parsed: periodChangeSchema.safeParse(coerceFormBody('periodChange', pickFields(form, ['periodStart', 'periodEnd', 'reason', 'meetingId']))) }),
    changeGrantPeriod,
  ),
);
