import { dependencies } from '../composition';
import { groupRegisterView } from '../use-cases/group-register';
import { httpRoute } from './http-route';
import { json } from './responses';

/** The scheme's service-model groups and professional councils, each with the leaders who get the copy of the decisions (404 without groups). */
export const handler = httpRoute({ access: 'secretariat' }, async ({ params }) => json(200, await groupRegisterView(dependencies(), params.schemeId ?? '')));
