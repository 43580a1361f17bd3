import { dependencies } from '../composition';
import { getCosignView } from '../use-cases/cosign-application';
import { httpRoute } from './http-route';
import { json } from './responses';

// Read-only: opening the link (also by mail scanners that prefetch it) never signs or consumes it.
export const handler = httpRoute({ access: 'public' }, async ({ params }) => {
  return json(200, await getCosignView(dependencies(), params.linkId ?? ''));
});
