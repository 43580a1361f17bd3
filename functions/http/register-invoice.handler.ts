import { dependencies } from '../composition';
import { registerInvoice } from '../use-cases/payouts';
import { invoiceRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'finance', body: invoiceRequestSchema }, async ({ params, body }) => {
  return json(200, await registerInvoice(dependencies(), params.payoutId ?? '', body.invoiceNumber));
});
