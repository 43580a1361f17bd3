import { dependencies } from '../composition';
import { applicationTypedFields, revisionFormPage } from '../pages/application-form-page';
import { linkForm } from '../pages/kept-text';
import { toFormBody } from '../pages/forms';
import { ownerPath } from '../pages/owner-pages';
import { formRefusal, page } from '../pages/page-kit';
import { reviseApplication } from '../use-cases/revise-application';
import { getRefusedRevisionForm } from '../use-cases/page-views';
import { formToApplicationInput } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...linkForm(applicationTypedFields, 'owner') }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  try {
    await reviseApplication(deps, linkId, formToApplicationInput(form));
  } catch (error) {
    // Any refusal (a field, a write that lost, every partner signed meanwhile) shows the form again
    // with what the owner typed: an error page would lose the whole revision.
    const refused = formRefusal(error);
    if (!refused) throw error;
    const { status, ...shown } = refused;
    return page(status, revisionFormPage(linkId, await getRefusedRevisionForm(deps, linkId), { values: form, ...shown }));
  }
  return redirect(`${ownerPath(linkId)}?melding=revidert`);
});
