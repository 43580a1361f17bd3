import { dependencies } from '../composition';
import { applicationFormPage, applicationToForm } from '../pages/application-form-page';
import { ownerPath } from '../pages/owner-pages';
import { page, PAGE } from '../pages/page-kit';
import { getRevisionForm } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params }) => {
  const linkId = params.linkId ?? '';
  const view = await getRevisionForm(dependencies(), linkId);
  return page(
    200,
    applicationFormPage({
      scheme: view.scheme,
      action: ownerPath(linkId, '/revisjon'),
      values: applicationToForm(view.data),
      errors: {},
      mode: 'revision',
      informationRequest: view.informationRequest,
      declines: view.declines,
      backUrl: ownerPath(linkId),
    }),
  );
});
