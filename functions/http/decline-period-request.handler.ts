import { dependencies } from '../composition';
import { declinePeriodRequest } from '../use-cases/change-grant-period';
import { staffActor } from '../use-cases/move-application';
import { periodDeclineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The committee's no to the owner's request for a new period: the period stands, and the owner gets the reason by the next sweep. */
export const handler = httpRoute({ access: 'secretariat', body: periodDeclineSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await declinePeriodRequest(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, changed });
});
