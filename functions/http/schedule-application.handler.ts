import { dependencies } from '../composition';
import { scheduleApplication } from '../use-cases/schedule-application';
import { staffActor } from '../use-cases/move-application';
import { scheduleRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: scheduleRequestSchema }, async ({ params, body, staff }) => {
  const result = await scheduleApplication(dependencies(), params.applicationId ?? '', staffActor(staff!, 'secretariat'), { meetingId: body.meetingId });
  return json(200, result);
});
