import { dependencies } from '../composition';
import { runningGrantFollowUp } from '../use-cases/committee';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params }) => {
  return json(200, await runningGrantFollowUp(dependencies(), params.schemeId ?? ''));
});
