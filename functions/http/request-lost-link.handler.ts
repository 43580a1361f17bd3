import { dependencies } from '../composition';
import { requestLostLink } from '../use-cases/lost-link';
import { coerceFormBody, lostLinkSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The contact person lost the link: 202 whatever the case number and address, so nothing tells which exist; the link goes to the case's own address. */
export const handler = httpRoute({ access: 'public', body: lostLinkSchema, fromForm: (form) => coerceFormBody('lostLink', form) }, async ({ body }) => {
  await requestLostLink(dependencies(), body);
  return json(202, { accepted: true });
});
