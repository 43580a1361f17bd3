import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { toFormBody } from '../pages/forms';
import { ownerPath, ownerStatusPage } from '../pages/owner-pages';
import { page, PAGE_FORM } from '../pages/page-kit';
import { requestReallocation } from '../use-cases/owner-actions';
import { getOwnerView } from '../use-cases/owner-view';
import { coerceFormBody, reallocationRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';

export const handler = httpRoute({ access: 'public', ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const parsed = reallocationRequestSchema.safeParse(coerceFormBody('reallocation', form));
  if (!parsed.success) {
    return page(400, ownerStatusPage(await getOwnerView(deps, linkId), linkId, { reallocation: { values: form, errors: toFieldErrors(parsed.error) } }));
  }
  try {
    await requestReallocation(deps, linkId, parsed.data);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return page(409, ownerStatusPage(await getOwnerView(deps, linkId), linkId, { reallocation: { values: form, errors: {} }, problem: error.message }));
  }
  return redirect(`${ownerPath(linkId)}?melding=omdisponering`);
});
