import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { withdrawReportSupplement } from '../use-cases/report-supplement';
import { coerceFormBody, reportSupplementWithdrawalSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Trekk ønsket" beside a report waiting to be filled in. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'supplementWithdrawal', code: 'utfyllingtrukket', parsed: reportSupplementWithdrawalSchema.safeParse(coerceFormBody('reportSupplementWithdrawal', pickFields(form, ['report']))) }),
    withdrawReportSupplement,
  ),
);
