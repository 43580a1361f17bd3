import { dependencies } from '../composition';
import { revokeGrant } from '../use-cases/payouts';
import { staffActor } from '../use-cases/move-application';
import { revocationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The committee takes back a grant of which nothing is paid (paid money is claimed back instead). */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: revocationRequestSchema }, async ({ params, body, staff }) => {
  return json(200, await revokeGrant(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat')));
});
