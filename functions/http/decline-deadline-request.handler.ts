import { dependencies } from '../composition';
import { declineDeadlineRequest } from '../use-cases/report-deadlines';
import { staffActor } from '../use-cases/move-application';
import { deadlineDeclineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The committee's no to the owner's request for a later deadline; the owner is told why by the next sweep. */
export const handler = httpRoute({ access: 'secretariat', body: deadlineDeclineSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await declineDeadlineRequest(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, report: body.report, changed });
});
