import { dependencies } from '../composition';
import { cosignApplication } from '../use-cases/cosign-application';
import { coerceFormBody, signatureRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute(
  { access: 'public', uses: [stepFunctions], body: signatureRequestSchema, fromForm: (form) => coerceFormBody('signature', form) },
  async ({ params, body }) => json(200, await cosignApplication(dependencies(), params.linkId ?? '', body)),
);
