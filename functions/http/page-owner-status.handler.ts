import { dependencies } from '../composition';
import { OWNER_NOTICES, ownerStatusPage } from '../pages/owner-pages';
import { flash, page, PAGE } from '../pages/page-kit';
import { getOwnerView } from '../use-cases/owner-view';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const linkId = params.linkId ?? '';
  const view = await getOwnerView(dependencies(), linkId);
  return page(200, ownerStatusPage(view, linkId, { notice: flash(OWNER_NOTICES, query.melding) }));
});
