import { dependencies } from '../composition';
import { withdrawApplication } from '../use-cases/owner-actions';
import { coerceFormBody, withdrawRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute(
  { access: 'public', uses: [stepFunctions], body: withdrawRequestSchema, fromForm: (form) => coerceFormBody('withdraw', form) },
  async ({ params, body }) => json(200, await withdrawApplication(dependencies(), params.linkId ?? '', body)),
);
