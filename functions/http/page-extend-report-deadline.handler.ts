import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { extendReportDeadline } from '../use-cases/report-deadlines';
import { coerceFormBody, reportDeadlineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Utsett en rapportfrist": which report, the new date and the committee's reason. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'reportDeadline', code: 'rapportfrist', parsed: reportDeadlineSchema.safeParse(coerceFormBody('reportDeadline', pickFields(form, ['report', 'dueDate', 'reason']))) }),
    extendReportDeadline,
  ),
);
