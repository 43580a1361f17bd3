import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { revokeGrant } from '../use-cases/payouts';
import { coerceFormBody, revocationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The case page's revocation of a grant not yet paid (the payout cancelled, the money back in the pot). */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'revocation', code: 'tilbaketrukket', parsed: revocationRequestSchema.safeParse(coerceFormBody('revocation', pickFields(form, ['reason', 'meetingId']))) }),
    revokeGrant,
  ),
);
