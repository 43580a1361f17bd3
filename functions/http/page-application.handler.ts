import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { casePage } from '../pages/case-page';
import { staffPage } from '../pages/page-kit';
import { getApplicationForStaff } from '../use-cases/committee';
import { getPublicScheme } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';

/** The secretariat's whole case (404 for an unknown application). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const view = await getApplicationForStaff(deps, request.params.applicationId ?? '');
  return staffPage(request, 200, casePage(view, getPublicScheme(deps, view.application.schemeId)));
});
