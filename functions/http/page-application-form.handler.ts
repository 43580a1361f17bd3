import { dependencies } from '../composition';
import { applicationFormPage, FORM_NOTICES, newFormKey } from '../pages/application-form-page';
import { flash, page, PAGE } from '../pages/page-kit';
import { getPublicScheme } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';
import { applicationFormPath } from './routes';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const scheme = await getPublicScheme(dependencies(), params.schemeId ?? '');
  const notice = flash(FORM_NOTICES, query.melding);
  return page(200, applicationFormPage({ scheme, action: applicationFormPath(scheme.id), values: {}, errors: {}, mode: 'new', idempotencyKey: newFormKey(), notice }));
});
