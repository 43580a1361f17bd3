import { dependencies } from '../composition';
import { COSIGN_NOTICES, cosignPage } from '../pages/cosign-page';
import { flash, page, PAGE } from '../pages/page-kit';
import { getCosignPage } from '../use-cases/page-views';
import { httpRoute } from './http-route';

// Read-only: opening the link (also by mail scanners that prefetch it) never signs or consumes it.
export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const linkId = params.linkId ?? '';
  return page(200, cosignPage(await getCosignPage(dependencies(), linkId), linkId, undefined, flash(COSIGN_NOTICES, query.svar)));
});
