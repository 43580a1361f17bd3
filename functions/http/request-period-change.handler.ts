import { dependencies } from '../composition';
import { requestNewPeriod } from '../use-cases/change-grant-period';
import { coerceFormBody, periodRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The contact person asks for a new period through the owner's link; the committee decides, and the next sweep tells the secretariat. */
export const handler = httpRoute({ access: 'public', body: periodRequestSchema, fromForm: (form) => coerceFormBody('periodRequest', form) }, async ({ params, body }) => {
  return json(202, await requestNewPeriod(dependencies(), params.linkId ?? '', body));
});
