import { dependencies } from '../composition';
import { submitReport } from '../use-cases/reports';
import { coerceFormBody, reportRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute(
  { access: 'public', uses: [stepFunctions], body: reportRequestSchema, fromForm: (form) => coerceFormBody('report', form) },
  async ({ params, body }) => json(201, await submitReport(dependencies(), params.linkId ?? '', body)),
);
