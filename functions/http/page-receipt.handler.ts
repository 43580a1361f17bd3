import { dependencies } from '../composition';
import { ownerPath, receiptPage } from '../pages/owner-pages';
import { page, PAGE } from '../pages/page-kit';
import { getOwnerView } from '../use-cases/owner-view';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const view = await getOwnerView(deps, linkId);
  const statusUrl = `${deps.publicBaseUrl.replace(/\/$/, '')}${ownerPath(linkId)}`;
  return page(200, receiptPage(view, linkId, statusUrl, query.melding === 'allerede-sendt'));
});
