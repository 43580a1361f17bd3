import { dependencies } from '../composition';
import { applicationFormPage } from '../pages/application-form-page';
import { dateTime } from '../pages/format';
import { html } from '../pages/html';
import { page, PAGE } from '../pages/page-kit';
import { openDraft } from '../use-cases/drafts';
import { getPublicScheme } from '../use-cases/public-scheme';
import { DRAFT_EMAIL_FIELD } from '../../schemas/application-draft.schema';
import { httpRoute } from './http-route';
import { applicationFormPath } from './routes';

// The form as the draft left it; it posts to the scheme's form route, which saves or submits.
export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ params, query }) => {
  const deps = dependencies();
  const draft = await openDraft(deps, params.draftId ?? '');
  const scheme = getPublicScheme(deps, draft.schemeId);
  const email = draft.values[DRAFT_EMAIL_FIELD];
  const notice =
    query.melding === 'lagret'
      ? html`<div class="notice success" role="status"><p>Utkastet er lagret ${dateTime(draft.updatedAt)}. Lenken til utkastet er sendt til ${email}.</p></div>`
      : query.melding === 'lagret-uten-epost'
        ? html`<div class="notice warning" role="status"><p>Utkastet er lagret, men vi fikk ikke sendt e-posten med lenken nå. Ta vare på adressen til denne siden, eller lagre igjen senere, så prøver vi på nytt.</p></div>`
        : undefined;
  return page(
    200,
    applicationFormPage({ scheme, action: applicationFormPath(scheme.id), values: draft.values, errors: {}, mode: 'new', idempotencyKey: draft.formKey, draft, ...(notice ? { notice } : {}) }),
  );
});
