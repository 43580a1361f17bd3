import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { osloDateOf } from '../domain/oslo-time';
import { halfYearPage, readHalfYearQuery } from '../pages/half-year-page';
import { staffPage } from '../pages/page-kit';
import { halfYearCsvFile, halfYearReport } from '../use-cases/half-year-report';
import { getSchemeFacts } from '../use-cases/public-scheme';
import { meetingsHeldBetween } from '../use-cases/meeting-minutes';
import { httpRoute } from './http-route';
import { csvAttachment } from './responses';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, async (request) => {
  const deps = dependencies();
  const scheme = getSchemeFacts(deps, request.params.schemeId ?? '');
  const asked = readHalfYearQuery(request.query, osloDateOf(deps.clock.now()));
  if (!asked.period) return staffPage(request, 400, halfYearPage(scheme, asked));
  const report = await halfYearReport(deps, scheme.id, asked.period.from, asked.period.to);
  if (asked.csv) return csvAttachment(halfYearCsvFile(report));
  const meetings = await meetingsHeldBetween(deps, scheme.id, asked.period.from, asked.period.to);
  return staffPage(request, 200, halfYearPage(scheme, asked, { ...report, meetings }));
});
