import { dependencies } from '../composition';
import { cancelMeeting } from '../use-cases/cancel-meeting';
import { staffActor } from '../use-cases/move-application';
import { meetingCancellationSchema } from '../../schemas/requests.schema';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { httpRoute } from './http-route';
import { json } from './responses';
import { meetingOf } from './routes';

/** A meeting not yet held taken off the calendar (added: deleted; configured: cancelled), its open cases moved on. */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: meetingCancellationSchema, bodyOptional: true }, async (request) => {
  const { schemeId, meetingId } = meetingOf(request);
  return json(200, await cancelMeeting(dependencies(), schemeId, meetingId, request.body, staffActor(request.staff!, 'secretariat')));
});
