import { dependencies } from '../composition';
import { recordDecision } from '../use-cases/agenda-actions';
import { staffActor } from '../use-cases/move-application';
import { decisionRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: decisionRequestSchema }, async ({ params, body, staff }) => {
  return json(201, await recordDecision(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat')));
});
