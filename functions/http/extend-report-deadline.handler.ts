import { dependencies } from '../composition';
import { extendReportDeadline } from '../use-cases/report-deadlines';
import { staffActor } from '../use-cases/move-application';
import { reportDeadlineSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** "Utsatt frist": a report's new deadline; its reminders follow, and the owner is told by the next sweep. */
export const handler = httpRoute({ access: 'secretariat', body: reportDeadlineSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await extendReportDeadline(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, report: body.report, dueDate: body.dueDate, changed });
});
