import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { staffActor } from '../use-cases/move-application';
import { markPaid } from '../use-cases/payouts';
import { financeFormPost } from '../pages/finance-flow';
import { paidNotice } from '../pages/finance-page';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'finance', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  financeFormPost(request, paidNotice, (deps, payoutId) => markPaid(deps, payoutId, staffActor(request.staff!, 'finance'))),
);
