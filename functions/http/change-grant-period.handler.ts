import { dependencies } from '../composition';
import { changeGrantPeriod } from '../use-cases/change-grant-period';
import { staffActor } from '../use-cases/move-application';
import { periodChangeSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The committee gives a running grant another period (a later start, a longer period, an earlier end); the owner gets the decision by the next sweep. */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], body: periodChangeSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await changeGrantPeriod(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  const { periodStart, periodEnd, statusReportDue, finalReportDue } = application.allocation!;
  return json(200, { applicationId: application.id, periodStart, periodEnd, statusReportDue, finalReportDue, changed });
});
