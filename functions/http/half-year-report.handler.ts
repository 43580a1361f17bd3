import { dependencies } from '../composition';
import { halfYearCsvFile, halfYearReport } from '../use-cases/half-year-report';
import { halfYearQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { csvAttachment, json } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const { from, to, format } = parseQuery(halfYearQuerySchema, query);
  const report = await halfYearReport(dependencies(), params.schemeId ?? '', from, to);
  return format === 'csv' ? csvAttachment(halfYearCsvFile(report)) : json(200, report);
});
