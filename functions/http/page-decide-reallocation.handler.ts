import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { decideReallocation } from '../use-cases/committee';
import { coerceFormBody, reallocationDecisionSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** The case page's decision on a reallocation request (the committee's prior approval). */
export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) => {
  const reallocationId = request.params.reallocationId ?? '';
  return caseFormPost(
    request,
    (form) => ({ form: `reallocation:${reallocationId}`, code: 'omdisponering', parsed: reallocationDecisionSchema.safeParse(coerceFormBody('reallocationDecision', pickFields(form, ['approved', 'reason', 'meetingId']))) }),
    (deps, applicationId, data, actor) => decideReallocation(deps, applicationId, reallocationId, data, actor),
  );
});
