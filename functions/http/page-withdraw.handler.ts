import { withdrawApplication } from '../use-cases/owner-actions';
import { withdrawRequestSchema } from '../../schemas/requests.schema';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: withdrawRequestSchema, formKey: 'withdraw', section: 'withdraw', act: withdrawApplication, message: 'trukket' });
