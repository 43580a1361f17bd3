import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { requestInformation } from '../use-cases/agenda-actions';
import { agendaFormPost } from '../pages/decision-flow';
import { informationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  agendaFormPost(request, (form) => ({ form: 'info', code: 'info', parsed: informationRequestSchema.safeParse({ message: form.message }) }), requestInformation),
);
