import { dependencies } from '../composition';
import { ownerNotices, ownerStatusPage } from '../pages/owner-pages';
import { flash, page, PAGE } from '../pages/page-kit';
import { getOwnerPage } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const linkId = params.linkId ?? '';
  const view = await getOwnerPage(dependencies(), linkId);
  return page(200, ownerStatusPage(view, linkId, { notice: flash(ownerNotices(view.scheme.committee.shortName), query.melding) }));
});
