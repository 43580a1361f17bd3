import { dependencies } from '../composition';
import { listPayouts } from '../use-cases/payout-lists';
import { payoutQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'finance' }, async ({ query }) => {
  const { projectNumber, state } = parseQuery(payoutQuerySchema, query);
  return json(200, { projectNumber, state, payouts: await listPayouts(dependencies(), projectNumber, state) });
});
