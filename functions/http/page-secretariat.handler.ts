import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { caseNotFound, readCaseLookup } from '../pages/case-lookup';
import { staffPage } from '../pages/page-kit';
import { secretariatPage } from '../pages/secretariat-pages';
import { findCase, secretariatOverview } from '../use-cases/page-views';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { casePath } from './routes';
import { actsFor } from './staff-auth';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const ownSchemes = actsFor(request.staff);
  let lookup = readCaseLookup(request.query);
  if (lookup?.applicationId) {
    const found = await findCase(deps, lookup.applicationId, ownSchemes);
    if (found) return redirect(casePath(found));
    lookup = caseNotFound(lookup);
  }
  const status = !lookup ? 200 : lookup.notFound ? 404 : 400;
  return staffPage(request, status, secretariatPage(await secretariatOverview(deps, ownSchemes), lookup?.form));
});
