import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { registerInvoice } from '../use-cases/payouts';
import { checkCsrf } from '../pages/csrf';
import { afterFinanceAction, rerenderFinance } from '../pages/finance-flow';
import { toFormBody } from '../pages/forms';
import { invoiceRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'finance', ...STAFF_PAGE_FORM }, async (request) => {
  const form = toFormBody(request.body);
  checkCsrf(request.event, form);
  const deps = dependencies();
  const payoutId = request.params.payoutId ?? '';
  const parsed = invoiceRequestSchema.safeParse({ invoiceNumber: form.invoiceNumber });
  if (!parsed.success) return rerenderFinance(deps, request, form, { payoutId, values: form, errors: toFieldErrors(parsed.error) }, 400);
  try {
    await registerInvoice(deps, payoutId, parsed.data.invoiceNumber);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return rerenderFinance(deps, request, form, { payoutId, values: form, errors: {}, problem: error.message }, 409);
  }
  return afterFinanceAction(deps, request, form, payoutId, 'faktura');
});
