import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { toFormBody } from '../pages/forms';
import { ownerPath, ownerStatusPage } from '../pages/owner-pages';
import { page, PAGE_FORM } from '../pages/page-kit';
import { withdrawApplication } from '../use-cases/owner-actions';
import { getOwnerView } from '../use-cases/owner-view';
import { coerceFormBody, withdrawRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';

export const handler = httpRoute({ access: 'public', ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const parsed = withdrawRequestSchema.safeParse(coerceFormBody('withdraw', form));
  if (!parsed.success) {
    return page(400, ownerStatusPage(await getOwnerView(deps, linkId), linkId, { withdraw: { values: form, errors: toFieldErrors(parsed.error) } }));
  }
  try {
    await withdrawApplication(deps, linkId, parsed.data);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return page(409, ownerStatusPage(await getOwnerView(deps, linkId), linkId, { problem: error.message }));
  }
  return redirect(`${ownerPath(linkId)}?melding=trukket`);
});
