import { dependencies } from '../composition';
import { decideReallocation } from '../use-cases/committee';
import { staffActor } from '../use-cases/move-application';
import { reallocationDecisionSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: reallocationDecisionSchema }, async ({ params, body, staff }) => {
  const actor = staffActor(staff!, 'secretariat');
  return json(200, await decideReallocation(dependencies(), params.applicationId ?? '', params.reallocationId ?? '', body, actor));
});
