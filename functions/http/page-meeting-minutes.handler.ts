import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { staffPage } from '../pages/page-kit';
import { minutesPage } from '../pages/minutes-page';
import { meetingMinutes } from '../use-cases/meeting-minutes';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const minutes = await meetingMinutes(dependencies(), request.params.schemeId ?? '', request.params.meetingId ?? '');
  return staffPage(request, 200, minutesPage(minutes));
});
