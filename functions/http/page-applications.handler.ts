import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { applicationsCsvFile, applicationsPage } from '../pages/applications-page';
import { osloDateOf } from '../domain/oslo-time';
import { csvAttachment } from './responses';
import { staffPage } from '../pages/page-kit';
import { listApplications } from '../use-cases/committee';
import { getSchemeFacts } from '../use-cases/public-scheme';
import { applicationsByStatusQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const scheme = getSchemeFacts(deps, request.params.schemeId ?? '');
  const query = parseQuery(applicationsByStatusQuerySchema, request.query);
  // A complete application goes straight onto an agenda, so "Sendt inn" is nearly always empty: open on the agendas' cases.
  const status = query.status ?? 'scheduled';
  const list = await listApplications(deps, scheme.id, status);
  if (query.format === 'csv') return csvAttachment(applicationsCsvFile(scheme.id, status, list, osloDateOf(deps.clock.now())));
  return staffPage(request, 200, applicationsPage(scheme, status, list));
});
