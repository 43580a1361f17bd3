import { dependencies } from '../composition';
import { messageSecretariat } from '../use-cases/owner-actions';
import { coerceFormBody, ownerMessageSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The contact person writes to the secretariat through the owner's link; the next reminder sweep mails it. */
export const handler = httpRoute({ access: 'public', body: ownerMessageSchema, fromForm: (form) => coerceFormBody('ownerMessage', form) }, async ({ params, body }) => {
  return json(202, await messageSecretariat(dependencies(), params.linkId ?? '', body));
});
