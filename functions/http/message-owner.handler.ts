import { dependencies } from '../composition';
import { messageOwner } from '../use-cases/change-owner';
import { staffActor } from '../use-cases/move-application';
import { ownerMessageSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The secretariat writes to the project's contact person; the next reminder sweep mails it. */
export const handler = httpRoute({ access: 'secretariat', body: ownerMessageSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await messageOwner(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(202, { applicationId: application.id, sentTo: application.ownerEmail, changed });
});
