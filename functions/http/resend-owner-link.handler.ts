import { dependencies } from '../composition';
import { resendOwnerLink } from '../use-cases/change-owner';
import { staffActor } from '../use-cases/move-application';
import { ownerLinkResendSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The owner's link sent again (the mail with it was lost), by the next reminder sweep. */
export const handler = httpRoute({ access: 'secretariat', body: ownerLinkResendSchema, bodyOptional: true }, async ({ params, staff }) => {
  const { application, sentTo } = await resendOwnerLink(dependencies(), params.applicationId ?? '', staffActor(staff!, 'secretariat'));
  return json(202, { applicationId: application.id, sentTo });
});
