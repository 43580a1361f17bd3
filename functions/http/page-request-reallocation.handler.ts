import { requestReallocation } from '../use-cases/owner-actions';
import { reallocationRequestSchema } from '../../schemas/requests.schema';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: reallocationRequestSchema, formKey: 'reallocation', section: 'reallocation', act: requestReallocation, uses: [stepFunctions], message: 'omdisponering' });
