import { dependencies } from '../composition';
import { overdueFollowUp } from '../use-cases/committee';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params }) => {
  return json(200, await overdueFollowUp(dependencies(), params.schemeId ?? ''));
});
