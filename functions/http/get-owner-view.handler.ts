import { dependencies } from '../composition';
import { getOwnerView } from '../use-cases/owner-view';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'public' }, async ({ params }) => {
  return json(200, await getOwnerView(dependencies(), params.linkId ?? ''));
});
