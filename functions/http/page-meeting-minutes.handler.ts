import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { flash } from '../pages/page-kit';
import { renderMinutes } from '../pages/minutes-flow';
import { MINUTES_NOTICES } from '../pages/minutes-page';
import { httpRoute } from './http-route';
import { meetingOf } from './routes';

/** A meeting's minutes, with the attendance and approval forms while they are open (404 for an unknown meeting). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, (request) =>
  renderMinutes(dependencies(), request, meetingOf(request), { notice: flash(MINUTES_NOTICES, request.query.registrert) }, 200),
);
