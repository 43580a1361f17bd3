import { dependencies } from '../composition';
import { cosignApplication } from '../use-cases/cosign-application';
import { coerceFormBody, signatureRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute(
  { access: 'public', body: signatureRequestSchema, fromForm: (form) => coerceFormBody('signature', form) },
  async ({ params, body }) => json(200, await cosignApplication(dependencies(), params.linkId ?? '', body)),
);
