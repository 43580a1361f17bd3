import { dependencies } from '../composition';
import { ValidationError } from '../domain/errors';
import { applicationFormPage } from '../pages/application-form-page';
import { toFormBody } from '../pages/forms';
import { ownerPath } from '../pages/owner-pages';
import { page, PAGE_FORM } from '../pages/page-kit';
import { reviseApplication } from '../use-cases/revise-application';
import { getRevisionForm } from '../use-cases/page-views';
import { formToApplicationInput } from '../../schemas/application.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  try {
    await reviseApplication(deps, linkId, formToApplicationInput(form));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const view = await getRevisionForm(deps, linkId);
    return page(
      400,
      applicationFormPage({
        scheme: view.scheme,
        action: ownerPath(linkId, '/revisjon'),
        values: form,
        errors: error.fieldErrors,
        mode: 'revision',
        informationRequest: view.informationRequest,
        declines: view.declines,
        backUrl: ownerPath(linkId),
      }),
    );
  }
  return redirect(`${ownerPath(linkId)}?melding=revidert`);
});
