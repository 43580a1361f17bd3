import { dependencies } from '../composition';
import { attendanceView, recordAttendance } from '../use-cases/meeting-minutes';
import { staffActor } from '../use-cases/move-application';
import { attendanceRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { meetingOf } from './routes';

export const handler = httpRoute({ access: 'secretariat', body: attendanceRequestSchema }, async (request) => {
  const { minutes } = await recordAttendance(dependencies(), meetingOf(request), request.body, staffActor(request.staff!, 'secretariat'));
  return json(200, { attendance: attendanceView(minutes) });
});
