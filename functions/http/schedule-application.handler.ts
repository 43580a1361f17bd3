import * as z from 'zod/mini';
import { dependencies } from '../composition';
import { isIsoDate } from '../domain/oslo-time';
import { scheduleApplication } from '../use-cases/schedule-application';
import { staffActor } from '../use-cases/move-application';
import { norwegianErrorMap } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

const MEETING_MESSAGE = 'Velg et møte i møteplanen (dato ÅÅÅÅ-MM-DD).';

/** Meeting ids are the meeting's date. */
export const scheduleRequestSchema = z.strictObject(
  {
    meetingId: z
      .string({ error: (i) => (i.input === undefined ? 'Velg hvilket møte søknaden skal behandles i.' : MEETING_MESSAGE) })
      .check(z.trim(), z.maxLength(10, { error: MEETING_MESSAGE }), z.refine(isIsoDate, { error: MEETING_MESSAGE })),
  },
  { error: norwegianErrorMap },
);

export const handler = httpRoute({ access: 'secretariat', body: scheduleRequestSchema }, async ({ params, body, staff }) => {
  const result = await scheduleApplication(dependencies(), params.applicationId ?? '', staffActor(staff!, 'secretariat'), { meetingId: body.meetingId });
  return json(200, result);
});
