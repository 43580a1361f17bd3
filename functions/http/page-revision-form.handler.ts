import { dependencies } from '../composition';
import { applicationToForm, revisionFormPage } from '../pages/application-form-page';
import { page, PAGE } from '../pages/page-kit';
import { getRevisionForm } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params }) => {
  const linkId = params.linkId ?? '';
  const view = await getRevisionForm(dependencies(), linkId);
  return page(200, revisionFormPage(linkId, view, { values: applicationToForm(view.data), errors: {} }));
});
