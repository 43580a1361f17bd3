import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { ValidationError } from '../domain/errors';
import { registerInvoice } from '../use-cases/payouts';
import { financeFormPost } from '../pages/finance-flow';
import { invoiceRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'finance', ...STAFF_PAGE_FORM }, (request) =>
  financeFormPost(request, 'faktura', async (deps, payoutId, form) => {
    const parsed = invoiceRequestSchema.safeParse({ invoiceNumber: form.invoiceNumber });
    // At the field, like the use case's own refusals.
    if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
    await registerInvoice(deps, payoutId, parsed.data.invoiceNumber);
  }),
);
