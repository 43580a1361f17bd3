import { dependencies } from '../composition';
import { markPaid } from '../use-cases/payouts';
import { staffActor } from '../use-cases/move-application';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'finance', uses: [stepFunctions] }, async ({ params, staff }) => {
  return json(200, await markPaid(dependencies(), params.payoutId ?? '', staffActor(staff!, 'finance')));
});
