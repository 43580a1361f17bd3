import { dependencies } from '../composition';
import { requestInformation } from '../use-cases/agenda-actions';
import { staffActor } from '../use-cases/move-application';
import { informationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: informationRequestSchema }, async ({ params, body, staff }) => {
  return json(201, await requestInformation(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat')));
});
