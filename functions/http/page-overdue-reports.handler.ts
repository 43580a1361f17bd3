import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { staffPage } from '../pages/page-kit';
import { overduePage } from '../pages/secretariat-pages';
import { overdueFollowUp } from '../use-cases/committee';
import { getSchemeFacts } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const scheme = getSchemeFacts(deps, request.params.schemeId ?? '');
  return staffPage(request, 200, overduePage(scheme, await overdueFollowUp(deps, scheme.id)));
});
