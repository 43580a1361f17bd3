import { dependencies } from '../composition';
import { getReportForm } from '../use-cases/reports';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'public' }, async ({ params }) => {
  return json(200, await getReportForm(dependencies(), params.linkId ?? ''));
});
