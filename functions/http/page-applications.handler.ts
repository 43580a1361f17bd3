import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { applicationsPage } from '../pages/applications-page';
import { staffPage } from '../pages/page-kit';
import { listApplications } from '../use-cases/committee';
import { getSchemeFacts } from '../use-cases/public-scheme';
import { applicationsByStatusQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const scheme = getSchemeFacts(deps, request.params.schemeId ?? '');
  const status = parseQuery(applicationsByStatusQuerySchema, request.query).status ?? 'submitted';
  const list = await listApplications(deps, scheme.id, status);
  return staffPage(request, 200, applicationsPage(scheme, status, list));
});
