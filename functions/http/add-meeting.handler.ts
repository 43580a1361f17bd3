import { dependencies } from '../composition';
import { addMeeting } from '../use-cases/meeting-calendar';
import { staffActor } from '../use-cases/move-application';
import { meetingAdditionSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/**
 * The secretariat adds a meeting to the calendar (next year's plan, an extra meeting), or restores a
 * cancelled configured one by adding it as it was (`restored: true`); a repeat answers 200 with it.
 */
export const handler = httpRoute({ access: 'secretariat', body: meetingAdditionSchema }, async (request) => {
  const { meeting, created, restored } = await addMeeting(dependencies(), request.params.schemeId ?? '', request.body, staffActor(request.staff!, 'secretariat'));
  return json(created ? 201 : 200, { meeting, ...(restored ? { restored } : {}) });
});
