import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { claimRepayment } from '../use-cases/payouts';
import { coerceFormBody, repaymentClaimSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The case page's repayment claim (a negative payout trigger to finance). */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'repayment', code: 'tilbakebetaling', parsed: repaymentClaimSchema.safeParse(coerceFormBody('repaymentClaim', pickFields(form, ['amount', 'reason', 'endGrant', 'meetingId']))) }),
    claimRepayment,
  ),
);
