import { dependencies } from '../composition';
import { requestReallocation } from '../use-cases/owner-actions';
import { coerceFormBody, reallocationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute(
  { access: 'public', uses: [stepFunctions], body: reallocationRequestSchema, fromForm: (form) => coerceFormBody('reallocation', form) },
  async ({ params, body }) => {
    const reallocation = await requestReallocation(dependencies(), params.linkId ?? '', body);
    return json(201, { id: reallocation.id, state: reallocation.state, amount: reallocation.amount, requestedAt: reallocation.requestedAt });
  },
);
