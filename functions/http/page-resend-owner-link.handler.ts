import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { resendOwnerLink } from '../use-cases/change-owner';
import { ownerLinkResendSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Send lenken på nytt": the owner's link to the owner's address again. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    () => ({ form: 'ownerLink', code: 'lenke', parsed: ownerLinkResendSchema.safeParse({}) }),
    (deps, applicationId, _nothing, actor) => resendOwnerLink(deps, applicationId, actor),
  ),
);
