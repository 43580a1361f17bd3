import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { staffPage } from '../pages/page-kit';
import { secretariatPage } from '../pages/secretariat-pages';
import { secretariatOverview } from '../use-cases/page-views';
import { httpRoute } from './http-route';
import { mayActFor } from './staff-auth';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  return staffPage(request, 200, secretariatPage(await secretariatOverview(dependencies(), (schemeId) => mayActFor(request.staff!, schemeId))));
});
