import { dependencies } from '../composition';
import { resendSigningLink } from '../use-cases/resend-signing-link';
import { coerceFormBody, signingLinkResendSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The owner asks for a partner's signing link to be sent again; the next reminder sweep mails it. */
export const handler = httpRoute({ access: 'public', body: signingLinkResendSchema, fromForm: (form) => coerceFormBody('signingLinkResend', form) }, async ({ params, body }) => {
  return json(202, await resendSigningLink(dependencies(), params.linkId ?? '', body));
});
