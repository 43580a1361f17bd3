import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { csrfToken } from '../pages/csrf';
import { flash, staffPage } from '../pages/page-kit';
import { agendaNotices, agendaPage } from '../pages/secretariat-pages';
import { getAgenda } from '../use-cases/committee';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const { params, query, event } = request;
  const agenda = await getAgenda(dependencies(), params.schemeId ?? '', params.meetingId ?? '');
  // staffPage sends this request's CSRF cookie with the header's sign-out form; the page's forms carry the same token.
  return staffPage(request, 200, agendaPage(agenda, csrfToken(event).token, { notice: flash(agendaNotices(agenda.committee.shortName), query.registrert) }));
});
