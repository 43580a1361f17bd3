import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { caseFormPost } from '../pages/case-flow';
import { pickFields } from '../pages/forms';
import { messageOwner } from '../use-cases/change-owner';
import { coerceFormBody, ownerMessageSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

/** The case page's "Skriv til prosjektansvarlig": a message by e-mail, kept on the case. */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  caseFormPost(
    request,
    (form) => ({ form: 'ownerMessage', code: 'melding', parsed: ownerMessageSchema.safeParse(coerceFormBody('ownerMessage', pickFields(form, ['message']))) }),
    messageOwner,
  ),
);
