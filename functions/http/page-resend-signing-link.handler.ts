import { resendSigningLink } from '../use-cases/resend-signing-link';
import { signingLinkResendSchema } from '../../schemas/requests.schema';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: signingLinkResendSchema, formKey: 'signingLinkResend', section: 'signing', act: resendSigningLink, uses: [], message: 'signeringslenke' });
