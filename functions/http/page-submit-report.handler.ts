import { dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import { toFormBody } from '../pages/forms';
import { page, PAGE_FORM } from '../pages/page-kit';
import { reportPage, reportPath } from '../pages/report-page';
import { getReportForm, submitReport } from '../use-cases/reports';
import { coerceFormBody, reportRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...PAGE_FORM }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const parsed = reportRequestSchema.safeParse(coerceFormBody('report', form));
  if (!parsed.success) {
    return page(400, reportPage(await getReportForm(deps, linkId), linkId, { values: form, errors: toFieldErrors(parsed.error) }));
  }
  let sent: Awaited<ReturnType<typeof submitReport>>;
  try {
    sent = await submitReport(deps, linkId, parsed.data);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    return page(409, reportPage(await getReportForm(deps, linkId), linkId, { values: form, errors: {}, problem: error.message }));
  }
  return redirect(`${reportPath(linkId)}?melding=${'supplemented' in sent ? 'utfylt' : 'mottatt'}`);
});
