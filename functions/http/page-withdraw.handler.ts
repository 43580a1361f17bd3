import { withdrawApplication } from '../use-cases/owner-actions';
import { withdrawRequestSchema } from '../../schemas/requests.schema';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: withdrawRequestSchema, formKey: 'withdraw', section: 'withdraw', act: withdrawApplication, uses: [stepFunctions], message: 'trukket' });
