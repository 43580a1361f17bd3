import { messageSecretariat } from '../use-cases/owner-actions';
import { ownerMessageSchema } from '../../schemas/requests.schema';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: ownerMessageSchema, formKey: 'ownerMessage', section: 'message', act: messageSecretariat, uses: [], message: 'melding' });
