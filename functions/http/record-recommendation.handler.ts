import { dependencies } from '../composition';
import { recordRecommendation } from '../use-cases/agenda-actions';
import { staffActor } from '../use-cases/move-application';
import { recommendationRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'secretariat', body: recommendationRequestSchema }, async ({ params, body, staff }) => {
  const { created, ...result } = await recordRecommendation(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(created ? 201 : 200, result);
});
