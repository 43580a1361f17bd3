import { dependencies } from '../composition';
import { meetingMinutes } from '../use-cases/meeting-minutes';
import { httpRoute } from './http-route';
import { json } from './responses';
import { meetingOf } from './routes';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params }) => {
  return json(200, await meetingMinutes(dependencies(), meetingOf({ params })));
});
