import { dependencies } from '../composition';
import { requestDeadline } from '../use-cases/reports';
import { coerceFormBody, deadlineRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The owner asks for a later deadline for the report its link is for; the next sweep tells the secretariat. */
export const handler = httpRoute(
  { access: 'public', body: deadlineRequestSchema, fromForm: (form) => coerceFormBody('deadlineRequest', form) },
  async ({ params, body }) => json(202, await requestDeadline(dependencies(), params.linkId ?? '', body)),
);
