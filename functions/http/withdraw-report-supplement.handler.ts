import { dependencies } from '../composition';
import { withdrawReportSupplement } from '../use-cases/report-supplement';
import { staffActor } from '../use-cases/move-application';
import { reportSupplementWithdrawalSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The secretariat no longer needs a report filled in: the request is withdrawn, and an owner who was mailed it is told. */
export const handler = httpRoute({ access: 'secretariat', body: reportSupplementWithdrawalSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await withdrawReportSupplement(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, report: body.report, changed });
});
