import { dependencies } from '../composition';
import { halfYearCsv, halfYearReport } from '../use-cases/half-year-report';
import { halfYearQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { json, text } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const { from, to, format } = parseQuery(halfYearQuerySchema, query);
  const report = await halfYearReport(dependencies(), params.schemeId ?? '', from, to);
  if (format !== 'csv') return json(200, report);
  const filename = `halvarsrapport-${report.scheme.id}-${from}-${to}.csv`;
  return text(200, halfYearCsv(report.rows), 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="${filename}"` });
});
