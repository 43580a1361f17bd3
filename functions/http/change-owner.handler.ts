import { dependencies } from '../composition';
import { changeOwner } from '../use-cases/change-owner';
import { staffActor } from '../use-cases/move-application';
import { ownerChangeSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The project's new contact person (the owner left, or handed it over): the owner's link and mail go there from now on. */
export const handler = httpRoute({ access: 'secretariat', body: ownerChangeSchema }, async ({ params, body, staff }) => {
  const { application, changed } = await changeOwner(dependencies(), params.applicationId ?? '', body, staffActor(staff!, 'secretariat'));
  return json(200, { applicationId: application.id, changed });
});
