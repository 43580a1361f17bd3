import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { staffActor } from '../use-cases/move-application';
import { markPaid } from '../use-cases/payouts';
import { checkCsrf } from '../pages/csrf';
import { afterFinanceAction, rerenderFinance } from '../pages/finance-flow';
import { toFormBody } from '../pages/forms';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'finance', uses: [stepFunctions], ...STAFF_PAGE_FORM }, async (request) => {
  const form = toFormBody(request.body);
  checkCsrf(request.event, form);
  const deps = dependencies();
  const payoutId = request.params.payoutId ?? '';
  try {
    await markPaid(deps, payoutId, staffActor(request.staff!, 'finance'));
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return rerenderFinance(deps, request, form, { payoutId, values: {}, errors: {}, problem: error.message }, 409);
  }
  return afterFinanceAction(deps, request, form, payoutId, 'betalt');
});
