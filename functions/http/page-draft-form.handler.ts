import { dependencies } from '../composition';
import { applicationFormPage, draftSavedNotice } from '../pages/application-form-page';
import { page, PAGE } from '../pages/page-kit';
import { openDraft } from '../use-cases/drafts';
import { getPublicScheme } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';
import { applicationFormPath } from './routes';

// The form as the draft left it; it posts to the scheme's form route, which saves or submits.
export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const deps = dependencies();
  const draft = await openDraft(deps, params.draftId ?? '');
  const scheme = await getPublicScheme(deps, draft.schemeId);
  const notice = draftSavedNotice(query.melding, draft);
  return page(
    200,
    applicationFormPage({ scheme, action: applicationFormPath(scheme.id), values: draft.values, errors: {}, mode: 'new', idempotencyKey: draft.formKey, draft, ...(notice ? { notice } : {}) }),
  );
});
