import { dependencies } from '../composition';
import { halfYearCsvFile, halfYearReport } from '../use-cases/half-year-report';
import { meetingsHeldBetween } from '../use-cases/meeting-minutes';
import { halfYearQuerySchema } from '../../schemas/requests.schema';
import { httpRoute, parseQuery } from './http-route';
import { csvAttachment, json } from './responses';

export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const deps = dependencies();
  const { from, to, format } = parseQuery(halfYearQuerySchema, query);
  const report = await halfYearReport(deps, params.schemeId ?? '', from, to);
  if (format === 'csv') return csvAttachment(halfYearCsvFile(report));
  // The meetings of the period and their minutes (not in the CSV: that lists the grants).
  return json(200, { ...report, meetings: await meetingsHeldBetween(deps, report.scheme.id, from, to) });
});
