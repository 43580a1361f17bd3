import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { recordRecommendation } from '../use-cases/agenda-actions';
import { pickFields } from '../pages/forms';
import { agendaFormPost } from '../pages/decision-flow';
import { parseFormBody } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  agendaFormPost(
    request,
    (form) => ({ form: 'recommend', code: 'recommend', parsed: parseFormBody('recommendation', pickFields(form, ['recommended', 'rank', 'comment', 'participants'])) }),
    recordRecommendation,
  ),
);
