import { dependencies } from '../composition';
import { approveMinutes } from '../use-cases/meeting-minutes';
import { staffActor } from '../use-cases/move-application';
import { minutesApprovalSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { meetingOf } from './routes';

export const handler = httpRoute({ access: 'secretariat', body: minutesApprovalSchema }, async (request) => {
  const { minutes, created } = await approveMinutes(dependencies(), meetingOf(request), request.body, staffActor(request.staff!, 'secretariat'));
  return json(created ? 201 : 200, { approval: minutes.approval });
});
