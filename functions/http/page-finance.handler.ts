import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { financeView, ownProjectNumbers } from '../pages/finance-flow';
import { flash, staffPage } from '../pages/page-kit';
import { FINANCE_NOTICES, financeFilter, financePage } from '../pages/finance-page';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'finance', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const filter = financeFilter(request.query, ownProjectNumbers(deps, request)[0]?.projectNumber ?? '');
  const { view, headers } = await financeView(deps, request, filter);
  return staffPage(request, 200, { ...financePage({ ...view, notice: flash(FINANCE_NOTICES, request.query.melding) }), headers });
});
