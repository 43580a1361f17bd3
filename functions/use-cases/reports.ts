import { ConflictError, ValidationError } from '../domain/errors';
import { formatNorwegianDate, osloDateOf } from '../domain/oslo-time';
import { finalReportOpensOn, reportAcceptable, reportDueDate, reportFigureProblems, reportKindOfLink, waitsForStatusReport } from '../domain/reports';
import { declinedDeadlineRequest, lastDeadlineMove, openDeadlineRequest, reportDueState, reportPending } from '../domain/report-deadlines';
import type { Actor, ApplicationRecord, ApplicationStatus, ReportContent, ReportKind, ReportRecord } from '../domain/model';
import { openSupplementRequest } from '../domain/report-supplement';
import { supplementReport } from './report-supplement';
import type { Dependencies } from '../composition';
import type { DeadlineRequest, ReportRequest } from '../../schemas/requests.schema';
import { caseUrl, resolveLink } from './links';
import { loadApplication, loadScheme } from './load-application';
import { moveApplication, SYSTEM } from './move-application';
import { mailContext, notify } from './notify';
import * as mail from '../mail/templates';
import { payoutIdFor, UNPAID_PAYOUT_STATES } from '../domain/payout';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { reportReceiptReminder, requestLaterDeadline } from './report-deadlines';
import { REPORT_REMINDER_KINDS } from '../domain/reminders';

// Where a report moves its grant (reportAcceptable says when it may be sent). It ends that report's
// reminders only (REPORT_REMINDER_KINDS): a missing status report does not cancel the final one's.
const REPORT_STEP: Record<ReportKind, ApplicationStatus> = { status: 'status_report_received', final: 'final_report_received' };

async function reportContext(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['status-report', 'final-report'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const kind: ReportKind = reportKindOfLink(link.purpose) ?? 'final'; // resolveLink let only report links through
  return { link, app, kind };
}

/** The day a final report opens, while the grant period still runs (undefined once it can be sent, and for the status report). */
function opensLater(kind: ReportKind, app: ApplicationRecord, today: string): string | undefined {
  if (kind !== 'final' || !app.allocation) return undefined;
  const opensOn = finalReportOpensOn(app.allocation);
  return today < opensOn ? opensOn : undefined;
}

/** What a report said, as the owner sent it (the report page shows it back). */
function reportContent(r: ReportRecord) {
  return {
    submittedAt: r.submittedAt, ...(r.supplementedAt ? { supplementedAt: r.supplementedAt } : {}), progress: r.progress, effect: r.effect, spentAmount: r.spentAmount,
    ...(r.lessonsLearned ? { lessonsLearned: r.lessonsLearned } : {}),
    ...(r.deviations ? { deviations: r.deviations } : {}),
  };
}

/** How long after a final report the sweep closes a grant the workflow has not closed (its final-report phase had ended). */
export const LATE_CLOSE_AFTER_MS = 60 * 60_000;

/**
 * A received final report closes the grant and tells the secretariat: the workflow's last step, or
 * the sweep for a report that came after the workflow stopped waiting for it. A grant that ended
 * otherwise (repaid in full, so closed without a final report) gets no such notice. Safe to repeat.
 */
export async function closeWithFinalReport(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig): Promise<void> {
  const closed = app.status === 'final_report_received' ? await moveApplication(deps, app, 'closed', 'closed', SYSTEM) : app;
  const report = (await deps.store.listReports(app.id)).find((r) => r.kind === 'final');
  if (!report) return;
  // Closed with its money never paid (an invoice never sent): the secretariat follows it up, or takes the grant back.
  const payout = closed.status === 'closed' ? await deps.store.getPayout(payoutIdFor(app.id, 'grant')) : undefined;
  await notify(deps, `final-report-received#${app.id}`, [scheme.secretariatEmail], mail.reportReceived(mailContext(scheme, app), {
    kind: 'final', submittedAt: report.submittedAt, spentAmount: report.spentAmount, adminLink: caseUrl(deps, app.id),
    closedUnpaid: !!payout && UNPAID_PAYOUT_STATES.includes(payout.state),
  }));
}

export async function getReportForm(deps: Dependencies, linkId: string) {
  const { link, app, kind } = await reportContext(deps, linkId);
  const reports = await deps.store.listReports(app.id);
  const submitted = reports.find((r) => r.kind === kind);
  // Beside the final report: the status report it follows, to build on.
  const statusReport = kind === 'final' ? reports.find((r) => r.kind === 'status') : undefined;
  const today = osloDateOf(deps.clock.now());
  const opensOn = opensLater(kind, app, today);
  // Sent, and the secretariat asked for more: the form again, filled in as it was sent.
  const supplement = submitted && link.state === 'active' ? openSupplementRequest(app.history, kind) : undefined;
  const open = link.state === 'active' && ((!submitted && reportAcceptable(kind, app, today)) || !!supplement);
  const moved = lastDeadlineMove(app.history, kind);
  const request = openDeadlineRequest(app.history, kind);
  const declined = declinedDeadlineRequest(app.history, kind);
  const dueDate = reportDueDate(kind, app.allocation);
  const standing = dueDate ? reportDueState(!!submitted, app.status, dueDate, today) : undefined;
  return {
    applicationId: app.id,
    title: app.title,
    kind,
    dueDate,
    // Owed and its deadline's day past, as the overdue reminders say; or owed no more (a claim or a revocation ended the grant).
    overdue: standing?.state === 'owed' && standing.overdueDays > 0,
    notOwed: standing?.state === 'not-owed',
    // A deadline the committee moved: from which date, and why; and whom to ask for more time.
    ...(moved ? { deadlineMoved: moved } : {}),
    // The owner may ask for a later deadline while the report is owed (also before its form opens);
    // a request not yet answered by a move.
    mayRequestDeadline: link.state === 'active' && !submitted && !!app.allocation && reportPending(kind, app.status),
    ...(request ? { deadlineRequest: { dueDate: request.dueDate, requestedOn: osloDateOf(new Date(request.at)) } } : {}),
    // The committee's no to the last request (the owner may ask again).
    ...(declined ? { deadlineDeclined: { dueDate: declined.dueDate, reason: declined.reason, answeredOn: osloDateOf(new Date(declined.at)) } } : {}),
    secretariatEmail: loadScheme(deps, app.schemeId).secretariatEmail,
    allocation: app.allocation,
    submittedAt: submitted?.submittedAt,
    open,
    ...(opensOn && !submitted ? { opensOn } : {}),
    // The period is over, but the final report follows the status report, which is not in yet (nor overdue).
    ...(kind === 'final' && link.state === 'active' && !submitted && !opensOn && waitsForStatusReport(app, today) ? { waitsForStatusReport: true } : {}),
    ...(submitted ? { report: reportContent(submitted) } : {}),
    ...(supplement ? { supplementRequest: { reason: supplement.reason, requestedOn: osloDateOf(new Date(supplement.at)) } } : {}),
    ...(statusReport ? { statusReport: reportContent(statusReport) } : {}),
  };
}

/** The owner asks for a later deadline for the report its link is for (while the form is open to it). */
export async function requestDeadline(deps: Dependencies, linkId: string, input: DeadlineRequest): Promise<{ applicationId: string; kind: ReportKind; changed: boolean }> {
  const { link, app, kind } = await reportContext(deps, linkId);
  if (link.state !== 'active') throw new ConflictError('Rapporten er allerede sendt inn.', 'already_reported');
  const { changed } = await requestLaterDeadline(deps, app.id, kind, input);
  return { applicationId: app.id, kind, changed };
}

/** The status report (6 months) and the final report, each once, through the owner's report link. */
export async function submitReport(deps: Dependencies, linkId: string, request: ReportRequest) {
  const { link, app, kind } = await reportContext(deps, linkId);
  if (link.state !== 'active') throw new ConflictError('Rapporten er allerede sendt inn.', 'already_reported');
  const content: ReportContent = {
    progress: request.progress,
    effect: request.effect,
    spentAmount: request.spentAmount,
    ...(request.lessonsLearned ? { lessonsLearned: request.lessonsLearned } : {}),
    ...(request.deviations ? { deviations: request.deviations } : {}),
  };
  const problems = reportFigureProblems(request, app.allocation);
  const overspent = Object.keys(problems).length > 0;
  // Sent before, and the secretariat asked for more: the report again, through the request's link.
  if (openSupplementRequest(app.history, kind)) {
    if (overspent) throw new ValidationError(problems);
    return supplementReport(deps, link, kind, content);
  }
  const today = osloDateOf(deps.clock.now());
  if (!reportAcceptable(kind, app, today)) {
    const opensOn = opensLater(kind, app, today);
    throw new ConflictError(kind === 'status'
      ? 'Statusrapporten kan sendes når tilskuddet er tildelt og før sluttrapporten.'
      : opensOn
        ? `Sluttrapporten kan sendes fra ${formatNorwegianDate(opensOn)}, når tilskuddsperioden er over.`
        : 'Sluttrapporten kan sendes når statusrapporten er mottatt.', 'not_due');
  }
  if (overspent) throw new ValidationError(problems);
  const at = deps.clock.now().toISOString();
  const report: ReportRecord = { applicationId: app.id, kind, submittedAt: at, ...content };
  const actor: Actor = { kind: 'applicant', email: app.ownerEmail };
  try {
    await deps.store.putReport(report); // conditional: one report of each kind
  } catch (error) {
    // A retry after a crash between the report and the status change: finish the status change.
    if (!(error instanceof ConflictError)) throw error;
  }
  const updated = await moveApplication(deps, app, REPORT_STEP[kind], `report:${kind}`, actor);
  await deps.store.consumeLink(link.id, at).catch(() => undefined);
  await deps.store.cancelReminders(app.id, REPORT_REMINDER_KINDS[kind]);
  await deps.store.putReminder(reportReceiptReminder(app, kind, at));
  // A final report after the workflow stopped waiting (every reminder had gone out): the sweep closes the grant instead.
  if (kind === 'final') {
    await deps.store.putReminder({ id: `${app.id}#grant-close`, applicationId: app.id, schemeId: app.schemeId, kind: 'grant-close', dueAt: new Date(Date.parse(at) + LATE_CLOSE_AFTER_MS).toISOString() });
  }
  await deps.workflow.completeStep(app.id, kind === 'status' ? 'status-report' : 'final-report', { kind, submittedAt: at });
  return { applicationId: app.id, kind, status: updated.status };
}
