import { dependencies } from '../composition';
import { ValidationError } from '../domain/errors';
import { listApplications } from '../use-cases/committee';
import { searchCases } from '../use-cases/search-cases';
import { listApplicationsQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { json } from './responses';

/** The scheme's applications in one status, or (q) those that match words, in every status. */
export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const { status, q } = parseQuery(listApplicationsQuerySchema, query);
  const schemeId = params.schemeId ?? '';
  if (q !== undefined) {
    if (status) throw new ValidationError({ status: 'Et søk (q) går over alle statuser: bruk enten q eller status.' });
    const found = await searchCases(dependencies(), q, (id) => id === schemeId);
    return json(200, { query: q, total: found.total, applications: found.cases });
  }
  const listed = status ?? 'submitted';
  return json(200, { status: listed, applications: await listApplications(dependencies(), schemeId, listed) });
});
