import { dependencies } from '../composition';
import { flash, page, PAGE } from '../pages/page-kit';
import { REPORT_NOTICES, reportPage } from '../pages/report-page';
import { getReportForm } from '../use-cases/reports';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const linkId = params.linkId ?? '';
  return page(200, reportPage(await getReportForm(dependencies(), linkId), linkId, undefined, flash(REPORT_NOTICES, query.melding)));
});
