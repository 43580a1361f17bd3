// The owner's status page posts small forms (withdraw, request reallocation): parse, act through one
// use case, and either redirect back with a message or re-render the status page with the problem.
import type * as z from 'zod/mini';
import { dependencies, type Dependencies, type Wiring } from '../composition';
import { toFormBody } from '../pages/forms';
import { linkForm } from '../pages/kept-text';
import { OWNER_FORM_LABELS, ownerPath, ownerStatusPage } from '../pages/owner-pages';
import { formRefusal, page } from '../pages/page-kit';
import { getOwnerPage } from '../use-cases/page-views';
import { coerceFormBody, type RequestSchemaKey } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';

export function ownerFormAction<S extends z.ZodMiniType>(options: {
  schema: S;
  formKey: RequestSchemaKey;
  section: 'withdraw' | 'reallocation' | 'message' | 'period' | 'signing';
  act: (deps: Dependencies, linkId: string, data: z.output<S>) => Promise<unknown>;
  /** ?melding=… shown on the status page after the redirect */
  message: string;
  /** the parts beyond storage the action needs (httpRoute's `uses`) */
  uses: readonly Wiring[];
}) {
  return httpRoute({ access: 'public', uses: options.uses, ...linkForm(OWNER_FORM_LABELS[options.section], 'owner') }, async ({ params, body }) => {
    const deps = dependencies();
    const linkId = params.linkId ?? '';
    const form = toFormBody(body);
    const parsed = options.schema.safeParse(coerceFormBody(options.formKey, form));
    if (!parsed.success) {
      return page(400, ownerStatusPage(await getOwnerPage(deps, linkId), linkId, { [options.section]: { values: form, errors: toFieldErrors(parsed.error) } }));
    }
    try {
      await options.act(deps, linkId, parsed.data);
    } catch (error) {
      // A rule the use case checks (the amount, the period): at the field, as the schema's errors.
      const refused = formRefusal(error);
      if (!refused) throw error;
      return page(refused.status, ownerStatusPage(await getOwnerPage(deps, linkId), linkId, { [options.section]: { values: form, errors: refused.errors }, ...(refused.problem ? { problem: refused.problem } : {}) }));
    }
    return redirect(`${ownerPath(linkId)}?melding=${options.message}`);
  });
}
