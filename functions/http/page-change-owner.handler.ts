import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { changeOwner } from '../use-cases/change-owner';
import { coerceFormBody, ownerChangeSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Ny prosjektansvarlig": the new name and address of the project owner. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'owner', code: 'kontaktperson', parsed: ownerChangeSchema.safeParse(coerceFormBody('ownerChange', pickFields(form, ['name', 'email']))) }),
    changeOwner,
  ),
);
