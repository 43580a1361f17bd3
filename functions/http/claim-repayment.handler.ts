import { dependencies } from '../composition';
import { claimRepayment } from '../use-cases/payouts';
import { staffActor } from '../use-cases/move-application';
import { repaymentClaimSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: repaymentClaimSchema }, async ({ params, body, staff }) => {
  return json(201, await claimRepayment(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat')));
});
