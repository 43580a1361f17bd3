import { dependencies } from '../composition';
import { removeMeeting } from '../use-cases/meeting-calendar';
import { httpRoute } from './http-route';
import { json } from './responses';
import { meetingOf } from './routes';

/** An added meeting taken off the calendar again: not held, nothing on its agenda. */
export const handler = httpRoute({ access: 'secretariat' }, async (request) => {
  const { schemeId, meetingId } = meetingOf(request);
  return json(200, { removed: await removeMeeting(dependencies(), schemeId, meetingId) });
});
