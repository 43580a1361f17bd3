import { dependencies } from '../composition';
import { updateGroupLeaders } from '../use-cases/group-register';
import { staffActor } from '../use-cases/move-application';
import { groupLeadersSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { json } from './responses';

/** A group's new leader and deputy: the copy of the decisions sent from now on goes to them. */
export const handler = httpRoute({ access: 'secretariat', body: groupLeadersSchema }, async ({ params, body, staff }) =>
  json(200, await updateGroupLeaders(dependencies(), params.schemeId ?? '', params.groupId ?? '', body, staffActor(staff!, 'secretariat'))),
);
