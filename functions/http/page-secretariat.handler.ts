import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { caseNotFound, readCaseLookup } from '../pages/case-lookup';
import { staffPage } from '../pages/page-kit';
import { secretariatPage } from '../pages/secretariat-pages';
import { findCase, secretariatOverview } from '../use-cases/page-views';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { casePath } from './routes';
import { mayActFor } from './staff-auth';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const actsFor = (schemeId: string) => mayActFor(request.staff!, schemeId);
  let lookup = readCaseLookup(request.query);
  if (lookup?.applicationId) {
    const found = await findCase(deps, lookup.applicationId, actsFor);
    if (found) return redirect(casePath(found));
    lookup = caseNotFound(lookup);
  }
  const status = !lookup ? 200 : lookup.notFound ? 404 : 400;
  return staffPage(request, status, secretariatPage(await secretariatOverview(deps, actsFor), lookup?.form));
});
