import { recordRecommendation } from '../use-cases/record-decision';
import { pickFields } from '../pages/forms';
import { PAGE_FORM } from '../pages/page-kit';
import { agendaFormPost } from '../pages/decision-flow';
import { parseFormBody } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...PAGE_FORM }, (request) =>
  agendaFormPost(
    request,
    (form) => ({ form: 'recommend', code: 'recommend', parsed: parseFormBody('recommendation', pickFields(form, ['recommended', 'rank', 'comment'])) }),
    recordRecommendation,
  ),
);
