import { requestNewPeriod } from '../use-cases/change-grant-period';
import { periodRequestSchema } from '../../schemas/requests.schema';
import { ownerFormAction } from './owner-form-action';

export const handler = ownerFormAction({ schema: periodRequestSchema, formKey: 'periodRequest', section: 'period', act: requestNewPeriod, uses: [], message: 'periode' });
