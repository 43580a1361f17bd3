import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { financeView, ownProjectNumbers } from '../pages/finance-flow';
import { flash, staffPage } from '../pages/page-kit';
import { FINANCE_NOTICES, financeCsvFile, financeFilter, financePage } from '../pages/finance-page';
import { osloDateOf } from '../domain/oslo-time';
import { listPayoutsWithTitles } from '../use-cases/payout-lists';
import { csvAttachment } from './responses';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'finance', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const filter = financeFilter(request.query, ownProjectNumbers(deps, request)[0]?.projectNumber ?? '');
  if (request.query.format === 'csv') {
    const { payouts, titles } = await listPayoutsWithTitles(deps, filter.projectNumber, filter.state);
    return csvAttachment(financeCsvFile(filter, payouts, titles, osloDateOf(deps.clock.now())));
  }
  const { view, headers } = await financeView(deps, request, filter);
  return staffPage(request, 200, { ...financePage({ ...view, notice: flash(FINANCE_NOTICES, request.query.melding) }), headers });
});
