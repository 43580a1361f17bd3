import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { caseNotFound, readCaseLookup } from '../pages/case-lookup';
import { renderSecretariat } from '../pages/calendar-flow';
import { flash } from '../pages/page-kit';
import { CALENDAR_NOTICES } from '../pages/secretariat-pages';
import { findCase } from '../use-cases/page-views';
import { searchCases } from '../use-cases/search-cases';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { casePath } from './routes';
import { actsFor } from './staff-auth';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  let lookup = readCaseLookup(request.query);
  if (lookup?.applicationId) {
    const found = await findCase(deps, lookup.applicationId, actsFor(request.staff));
    if (found) return redirect(casePath(found));
    lookup = caseNotFound(lookup);
  }
  const search = lookup?.search ? await searchCases(deps, lookup.search, actsFor(request.staff)) : undefined;
  const status = !lookup || search ? 200 : lookup.notFound ? 404 : 400;
  return renderSecretariat(deps, request, { notice: flash(CALENDAR_NOTICES, request.query.kalender) }, status, lookup && { form: lookup.form, ...(search ? { search } : {}) });
});
