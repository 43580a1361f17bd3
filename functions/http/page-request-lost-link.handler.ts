import { dependencies } from '../composition';
import { toFormBody } from '../pages/forms';
import { LOST_LINK_PATH, lostLinkPage } from '../pages/lost-link-page';
import { page, PAGE_FORM } from '../pages/page-kit';
import { requestLostLink } from '../use-cases/lost-link';
import { coerceFormBody, lostLinkSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';

/** "Send meg lenken": the fields' errors at the fields; otherwise the same notice whatever was typed. */
export const handler = httpRoute({ access: 'public', ...PAGE_FORM }, async ({ body }) => {
  const form = toFormBody(body);
  const parsed = lostLinkSchema.safeParse(coerceFormBody('lostLink', form));
  if (!parsed.success) return page(400, lostLinkPage({ values: form, errors: toFieldErrors(parsed.error) }));
  await requestLostLink(dependencies(), parsed.data);
  return redirect(`${LOST_LINK_PATH}?melding=sendt`);
});
