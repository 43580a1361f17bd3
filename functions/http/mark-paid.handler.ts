import { dependencies } from '../composition';
import { markPaid } from '../use-cases/payouts';
import { staffActor } from '../use-cases/move-application';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'finance' }, async ({ params, staff }) => {
  return json(200, await markPaid(dependencies(), params.payoutId ?? '', staffActor(staff!, 'finance')));
});
