import { requestInformation } from '../use-cases/record-decision';
import { PAGE_FORM } from '../pages/page-kit';
import { agendaFormPost } from '../pages/decision-flow';
import { informationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...PAGE_FORM }, (request) =>
  agendaFormPost(request, (form) => ({ form: 'info', code: 'info', parsed: informationRequestSchema.safeParse({ message: form.message }) }), requestInformation),
);
