import { dependencies } from '../composition';
import { listApplications } from '../use-cases/committee';
import { listApplicationsQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const { status } = parseQuery(listApplicationsQuerySchema, query);
  return json(200, { status, applications: await listApplications(dependencies(), params.schemeId ?? '', status) });
});
