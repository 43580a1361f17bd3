// A report the secretariat finds lacking ("mangelfull"): it asks the owner to supplement it, saying
// what is missing. The owner gets a new link to the report (the first acted when it was sent), sees
// the report as sent with the secretariat's words, and sends it again; the new version replaces the
// report's content, the earlier ones are kept with it, and the secretariat is told. The grant's
// status and its workflow are not touched: the report was received, and stays received.
import { ConflictError } from '../domain/errors';
import { osloDateOf } from '../domain/oslo-time';
import { openSupplementRequest, REPORT_SUPPLEMENT_REQUESTED, REPORT_SUPPLEMENTED, supplementStepAt, type SupplementRequest } from '../domain/report-supplement';
import type { Actor, ApplicationRecord, LinkRecord, ReminderRecord, ReportContent, ReportKind, ReportRecord } from '../domain/model';
import type { Dependencies } from '../composition';
import type { ReportSupplement } from '../../schemas/requests.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import * as mail from '../mail/templates';
import { reportLinkPurpose } from '../domain/reports';
import { caseUrl, linkExpired, linkUrl, newLink } from './links';
import { loadApplication } from './load-application';
import { recordOnHistory, withFreshRead } from './move-application';
import { mailContext, notify } from './notify';

/** How long the link to supplement a report works. */
export const SUPPLEMENT_LINK_DAYS = 60;

/** When the owner is reminded once of a request not answered. */
export const SUPPLEMENT_REMINDER_DAYS = 14;

const NAMES: Record<ReportKind, string> = { status: 'statusrapporten', final: 'sluttrapporten' };

/** The reminders that mail a request (seq 2: the one two weeks on) are named by the request's instant. */
const reminderId = (applicationId: string, requestAt: string, seq?: number) => `${applicationId}#report-supplement#${requestAt}${seq ? `#${seq}` : ''}`;
const requestAtOf = (applicationId: string, reminder: ReminderRecord) => reminder.id.slice(reminderId(applicationId, '').length).replace(/#\d+$/, '');

/**
 * The secretariat asks for more in a report the owner has sent (409 before it is sent). A repeat
 * with the same words finishes what the first began; other words while a request waits replace it
 * (its link stops working, the owner gets the new words and a new link), and so does asking again
 * once the owner has let the request's link expire.
 */
export function requestReportSupplement(deps: Dependencies, applicationId: string, input: ReportSupplement, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(async () => {
    const app = await loadApplication(deps, applicationId);
    const name = NAMES[input.report];
    if (!(await deps.store.listReports(app.id)).some((r) => r.kind === input.report)) {
      throw new ConflictError(`Prosjektansvarlig har ikke sendt ${name} ennå.`, 'no_report');
    }
    const open = openSupplementRequest(app.history, input.report);
    const repeat = open?.reason === input.reason && !requestLink(await deps.store.listLinks(app.id), open, deps.clock.now()).lapsed;
    // Replaced: the waiting request's mails are not planned any more (the sweep would skip them).
    if (open && !repeat) await endSupplementReminders(deps, app, input.report);
    const application = repeat ? app : await recordOnHistory(deps, app, REPORT_SUPPLEMENT_REQUESTED, actor, { details: { kind: input.report, reason: input.reason } });
    await issueSupplementLink(deps, application, openSupplementRequest(application.history, input.report)!);
    return { application, changed: !repeat };
  });
}

/** The request's link (made once: a link made after the request is its; an earlier request's stops working), and the sweep's mail with it. */
async function issueSupplementLink(deps: Dependencies, app: ApplicationRecord, request: SupplementRequest): Promise<void> {
  const purpose = reportLinkPurpose(request.kind);
  const now = deps.clock.now();
  if (!requestLink(await deps.store.listLinks(app.id), request, now).working) {
    await deps.store.putLinks([newLink(deps, { purpose, applicationId: app.id, schemeId: app.schemeId }, now, SUPPLEMENT_LINK_DAYS)]);
  }
  await deps.store.revokeLinks(app.id, purpose, (l) => l.createdAt < request.at);
  const remindAt = new Date(Date.parse(request.at) + SUPPLEMENT_REMINDER_DAYS * 86_400_000).toISOString();
  await Promise.all([
    deps.store.putReminder({ id: reminderId(app.id, request.at), applicationId: app.id, schemeId: app.schemeId, kind: 'report-supplement', dueAt: request.at }),
    deps.store.putReminder({ id: reminderId(app.id, request.at, 2), applicationId: app.id, schemeId: app.schemeId, kind: 'report-supplement', dueAt: remindAt, seq: 2 }),
  ]);
}

/**
 * The owner sends the report again, through the request's link: the new content (the earlier kept
 * with it), on the history, and the secretariat told by the next sweep. A retry after the content
 * was saved finishes the rest.
 */
export function supplementReport(deps: Dependencies, link: LinkRecord, kind: ReportKind, content: ReportContent): Promise<{ applicationId: string; kind: ReportKind; status: ApplicationRecord['status']; supplemented: true }> {
  return withFreshRead(async () => {
    const app = await loadApplication(deps, link.applicationId);
    const request = openSupplementRequest(app.history, kind);
    const report = (await deps.store.listReports(app.id)).find((r) => r.kind === kind);
    if (!request || !report) throw new ConflictError('Rapporten er allerede sendt inn.', 'already_reported');
    const at = deps.clock.now().toISOString();
    const saved = report.supplementedAt !== undefined && report.supplementedAt > request.at;
    if (!saved && !(await deps.store.supplementReport(app.id, kind, content, at, report.supplementedAt ?? report.submittedAt))) {
      throw new ConflictError('Rapporten ble endret samtidig. Last siden på nytt.', 'stale');
    }
    const updated = await recordOnHistory(deps, app, REPORT_SUPPLEMENTED, { kind: 'applicant', email: app.ownerEmail }, { details: { kind } });
    const recordedAt = updated.history.at(-1)!.at;
    await deps.store.consumeLink(link.id, at).catch(() => undefined);
    await endSupplementReminders(deps, updated, kind);
    await deps.store.putReminder({ id: `${app.id}#report-supplemented#${recordedAt}`, applicationId: app.id, schemeId: app.schemeId, kind: 'report-supplemented', dueAt: recordedAt });
    return { applicationId: app.id, kind, status: updated.status, supplemented: true };
  });
}

/** Among a case's links, the request's (made after it, unused): the one that works, or whether it expired unused (none made yet: neither). */
export function requestLink<L extends Pick<LinkRecord, 'purpose' | 'state' | 'createdAt' | 'expiresAt'>>(links: readonly L[], request: SupplementRequest, now: Date): { working?: L; lapsed: boolean } {
  const unused = links.filter((l) => l.purpose === reportLinkPurpose(request.kind) && l.state === 'active' && l.createdAt >= request.at);
  const working = unused.findLast((l) => !linkExpired(l, now));
  return working ? { working, lapsed: false } : { lapsed: unused.length > 0 };
}

/** The unsent mails of a request for this report, unless the other report has one waiting too (reminders are cancelled by kind). */
async function endSupplementReminders(deps: Dependencies, app: ApplicationRecord, kind: ReportKind): Promise<void> {
  if (!openSupplementRequest(app.history, kind === 'status' ? 'final' : 'status')) await deps.store.cancelReminders(app.id, ['report-supplement']);
}

/**
 * To the owner: what the secretariat asks for, and the link; the second time, a reminder (none:
 * answered or replaced meanwhile).
 */
export async function sendSupplementRequest(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, links: readonly LinkRecord[]): Promise<void> {
  const request = supplementStepAt(app.history, REPORT_SUPPLEMENT_REQUESTED, requestAtOf(app.id, r));
  if (!request || openSupplementRequest(app.history, request.kind)?.at !== request.at) return;
  const link = requestLink(links, request, deps.clock.now()).working;
  if (!link) return;
  await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportSupplementRequested(mailContext(scheme, app), {
    kind: request.kind, reason: request.reason, requestedAt: osloDateOf(new Date(request.at)), link: linkUrl(deps, link), reminder: r.seq === 2,
  }));
}

/** To the secretariat: the report came again. */
export async function sendSupplemented(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord): Promise<void> {
  const step = supplementStepAt(app.history, REPORT_SUPPLEMENTED, r.dueAt);
  const report: ReportRecord | undefined = step && (await deps.store.listReports(app.id)).find((x) => x.kind === step.kind);
  if (!step || !report) return;
  await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.reportSupplemented(mailContext(scheme, app), {
    kind: step.kind, supplementedAt: report.supplementedAt ?? step.at, spentAmount: report.spentAmount, caseLink: caseUrl(deps, app.id),
  }));
}
