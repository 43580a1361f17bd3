import { dependencies } from '../composition';
import { requestReportSupplement } from '../use-cases/report-supplement';
import { staffActor } from '../use-cases/move-application';
import { reportSupplementSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** A received report the secretariat finds lacking: the owner gets what is missing and a link to send it again, by the next sweep. */
export const handler = httpRoute({ access: 'secretariat', body: reportSupplementSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await requestReportSupplement(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, report: body.report, changed });
});
