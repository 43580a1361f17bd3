import { dependencies } from '../composition';
import { getPublicScheme } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'public' }, async ({ params }) => {
  return json(200, await getPublicScheme(dependencies(), params.schemeId ?? ''));
});
