import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { financeView } from '../pages/finance-flow';
import { flash, staffPage } from '../pages/page-kit';
import { FINANCE_NOTICES, financeFilter, financePage } from '../pages/finance-page';
import { financeProjectNumbers } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'finance', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const filter = financeFilter(request.query, financeProjectNumbers(deps)[0]?.projectNumber ?? '');
  const { view, headers } = await financeView(deps, request.event, filter);
  return staffPage(request, 200, { ...financePage({ ...view, notice: flash(FINANCE_NOTICES, request.query.melding) }), headers });
});
