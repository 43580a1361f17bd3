import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { requestReportSupplement } from '../use-cases/report-supplement';
import { coerceFormBody, reportSupplementSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Be om utfyllende rapport": which report, and what is missing. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'reportSupplement', code: 'rapportutfylling', parsed: reportSupplementSchema.safeParse(coerceFormBody('reportSupplement', pickFields(form, ['report', 'reason']))) }),
    requestReportSupplement,
  ),
);
