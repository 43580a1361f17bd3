import { dependencies } from '../composition';
import { claimRepayment } from '../use-cases/payouts';
import { staffActor } from '../use-cases/move-application';
import { repaymentClaimSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: repaymentClaimSchema }, async ({ params, body, staff }) => {
  // API clients written before the choice was asked for leave it out: the claim ends the grant, as it always did (the page asks).
  const claim = { ...body, endGrant: body.endGrant ?? true };
  return json(201, await claimRepayment(dependencies(), params.applicationId ?? '', claim, staffActor(staff!, 'secretariat')));
});
