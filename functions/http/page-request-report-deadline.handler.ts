import { dependencies } from '../composition';
import { toFormBody } from '../pages/forms';
import { formRefusal, page } from '../pages/page-kit';
import { linkForm } from '../pages/kept-text';
import { DEADLINE_REQUEST_LABELS, reportPage, reportPath } from '../pages/report-page';
import { getReportForm, requestDeadline } from '../use-cases/reports';
import { coerceFormBody, deadlineRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';

/** The report page's "Be om utsatt frist": back to the report page with a notice, or its errors. */
export const handler = httpRoute({ access: 'public', ...linkForm(DEADLINE_REQUEST_LABELS, 'report') }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const again = async (status: number, errors: Record<string, string>, problem?: string) =>
    page(status, reportPage(await getReportForm(deps, linkId), linkId, undefined, undefined, { values: form, errors, ...(problem ? { problem } : {}) }));
  const parsed = deadlineRequestSchema.safeParse(coerceFormBody('deadlineRequest', form));
  if (!parsed.success) return again(400, toFieldErrors(parsed.error));
  try {
    await requestDeadline(deps, linkId, parsed.data);
  } catch (error) {
    const refused = formRefusal(error);
    if (!refused) throw error;
    return again(refused.status, refused.errors, refused.problem);
  }
  return redirect(`${reportPath(linkId)}?melding=utsettelse`);
});
