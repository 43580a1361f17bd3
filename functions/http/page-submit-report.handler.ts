import { dependencies } from '../composition';
import { toFormBody } from '../pages/forms';
import { formRefusal, page } from '../pages/page-kit';
import { linkForm } from '../pages/kept-text';
import { REPORT_LABELS, reportPage, reportPath } from '../pages/report-page';
import { getReportForm, submitReport } from '../use-cases/reports';
import { coerceFormBody, reportRequestSchema } from '../../schemas/requests.schema';
import { toFieldErrors, validFieldsOf } from '../../schemas/fields.schema';
import { reportFigureProblems } from '../domain/reports';
import { httpRoute } from './http-route';
import { redirect } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], ...linkForm(REPORT_LABELS, 'report') }, async ({ params, body }) => {
  const deps = dependencies();
  const linkId = params.linkId ?? '';
  const form = toFormBody(body);
  const coerced = coerceFormBody('report', form);
  const parsed = reportRequestSchema.safeParse(coerced);
  if (!parsed.success) {
    // Empty texts and more spent than granted, at once: the rule runs on the fields that parsed.
    const view = await getReportForm(deps, linkId);
    const errors = { ...reportFigureProblems(validFieldsOf(reportRequestSchema.shape, coerced), view.allocation), ...toFieldErrors(parsed.error) };
    return page(400, reportPage(view, linkId, { values: form, errors }));
  }
  let sent: Awaited<ReturnType<typeof submitReport>>;
  try {
    sent = await submitReport(deps, linkId, parsed.data);
  } catch (error) {
    // A rule the use case checks (more spent than granted): at its field, as the schema's errors.
    const refused = formRefusal(error);
    if (!refused) throw error;
    const { status, ...shown } = refused;
    return page(status, reportPage(await getReportForm(deps, linkId), linkId, { values: form, ...shown }));
  }
  return redirect(`${reportPath(linkId)}?melding=${'supplemented' in sent ? 'utfylt' : 'mottatt'}`);
});
