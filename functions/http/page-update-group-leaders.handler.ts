import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { groupRegisterFormPost } from '../pages/group-register-flow';
import { pickFields } from '../pages/forms';
import { updateGroupLeaders } from '../use-cases/group-register';
import { coerceFormBody, groupLeadersSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The register page's "Endre lederne" of one group. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) => {
  const subject = { schemeId: request.params.schemeId ?? '', groupId: request.params.groupId ?? '' };
  return groupRegisterFormPost(
    request,
    subject,
    (form) => ({ form: subject.groupId, code: 'lagret', parsed: groupLeadersSchema.safeParse(coerceFormBody('groupLeaders', pickFields(form, ['leaderEmail', 'deputyLeaderEmail']))) }),
    (deps, { schemeId, groupId }, data, actor) => updateGroupLeaders(deps, schemeId, groupId, data, actor),
  );
});
