// A report the secretariat finds lacking ("mangelfull"): it asks the owner to supplement it, saying
// what is missing. The owner gets a new link to the report (the first acted when it was sent), sees
// the report as sent with the secretariat's words, and sends it again; the new version replaces the
// report's content, the earlier ones are kept with it, and the secretariat is told. The scheme lists
// the reports waiting to be filled in; a request whose link lapses unanswered is told to the
// secretariat, which may ask anew or withdraw a request it no longer needs. The grant's status and
// its workflow are not touched: the report was received, and stays received.
import { ConflictError } from '../domain/errors';
import { osloDateOf } from '../domain/oslo-time';
import { lastWithdrawal, openSupplementRequest, REPORT_SUPPLEMENT_REQUESTED, REPORT_SUPPLEMENT_WITHDRAWN, REPORT_SUPPLEMENTED, supplementStepAt, type SupplementRequest } from '../domain/report-supplement';
import type { Actor, ApplicationRecord, LinkRecord, ReminderRecord, ReportContent, ReportKind, ReportRecord } from '../domain/model';
import type { Dependencies } from '../composition';
import type { ReportSupplement, ReportSupplementWithdrawal } from '../../schemas/requests.schema';
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

/** A request's mails: to the owner (seq 2: the reminder two weeks on), and to the secretariat if its link lapses unanswered. */
const SUPPLEMENT_REMINDER_KINDS = ['report-supplement', 'report-supplement-lapsed'] as const;
type SupplementReminderKind = (typeof SUPPLEMENT_REMINDER_KINDS)[number];

/** A step's mails are named by its report and instant (both reports can be asked about, or filled in, at once), which the sweep reads back. */
const reminderId = (kind: SupplementReminderKind | 'report-supplemented' | 'report-supplement-withdrawn', step: Pick<SupplementRequest, 'kind' | 'at'>, applicationId: string, seq?: number) => `${applicationId}#${kind}#${step.kind}#${step.at}${seq ? `#${seq}` : ''}`;
function requestOf(reminder: ReminderRecord): { kind?: ReportKind; at: string } {
  const [kind, at] = reminder.id.slice(`${reminder.applicationId}#${reminder.kind}#`.length).replace(/#\d+$/, '').split('#');
  // Mails planned before they were named by the report have the instant alone.
  return kind === 'status' || kind === 'final' ? { kind, at: at ?? '' } : { at: kind ?? '' };
}
const ofRequest = (reminder: ReminderRecord, request: SupplementRequest) => {
  const named = requestOf(reminder);
  return named.at === request.at && (named.kind ?? request.kind) === request.kind;
};

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
    // Nothing below writes a link before issueSupplementLink reads them: one read serves both.
    const [reports, links] = await Promise.all([deps.store.listReports(app.id), deps.store.listLinks(app.id)]);
    if (!reports.some((r) => r.kind === input.report)) {
      throw new ConflictError(`Prosjektansvarlig har ikke sendt ${name} ennå.`, 'no_report');
    }
    const open = openSupplementRequest(app.history, input.report);
    const repeat = open?.reason === input.reason && !requestLink(links, open, deps.clock.now()).lapsed;
    // Replaced: the waiting request's mails are not planned any more (the sweep would skip them).
    if (open && !repeat) await endSupplementReminders(deps, app, open);
    const application = repeat ? app : await recordOnHistory(deps, app, REPORT_SUPPLEMENT_REQUESTED, actor, { details: { kind: input.report, reason: input.reason } });
    const request = openSupplementRequest(application.history, input.report)!;
    await deps.store.markSupplementRequested(app.id, request.kind, request.at);
    await issueSupplementLink(deps, application, request, links);
    return { application, changed: !repeat };
  });
}

/**
 * The request's link (made once: a link made after the request is its; an earlier request's stops
 * working), and the sweep's mails with it: the request, a reminder two weeks on, and word to the
 * secretariat when the link expires unanswered.
 */
async function issueSupplementLink(deps: Dependencies, app: ApplicationRecord, request: SupplementRequest, links: readonly LinkRecord[]): Promise<void> {
  const purpose = reportLinkPurpose(request.kind);
  const now = deps.clock.now();
  let link = requestLink(links, request, now).working;
  if (!link) {
    link = newLink(deps, { purpose, applicationId: app.id, schemeId: app.schemeId }, now, SUPPLEMENT_LINK_DAYS);
    await deps.store.putLinks([link]);
  }
  await deps.store.revokeLinks(app.id, purpose, (l) => l.createdAt < request.at);
  const remindAt = new Date(Date.parse(request.at) + SUPPLEMENT_REMINDER_DAYS * 86_400_000).toISOString();
  const mail = (kind: SupplementReminderKind, dueAt: string, seq?: number) =>
    deps.store.putReminder({ id: reminderId(kind, request, app.id, seq), applicationId: app.id, schemeId: app.schemeId, kind, dueAt, ...(seq ? { seq } : {}) });
  await Promise.all([mail('report-supplement', request.at), mail('report-supplement', remindAt, 2), mail('report-supplement-lapsed', link.expiresAt)]);
}

/**
 * The secretariat withdraws its request (it no longer needs the answer): on the history, the
 * request's link stops working, its planned mails are cancelled, it leaves the scheme's list, and
 * an owner who was mailed it is told by the next sweep. 409 without a request waiting; a repeat
 * finishes what the first began and changes nothing.
 */
export function withdrawReportSupplement(deps: Dependencies, applicationId: string, input: ReportSupplementWithdrawal, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(async () => {
    const app = await loadApplication(deps, applicationId);
    const open = openSupplementRequest(app.history, input.report);
    if (!open) {
      const done = lastWithdrawal(app.history, input.report);
      if (!done) throw new ConflictError(`Sekretariatet har ikke bedt om utfylling av ${NAMES[input.report]}, eller den er sendt inn.`, 'no_open_request');
      await finishWithdrawal(deps, app, done);
      return { application: app, changed: false };
    }
    // Told only if the request reached the owner: its first mail went out.
    const mailed = !(await deps.store.listPendingReminders(app.id)).some((r) => r.kind === 'report-supplement' && !r.seq && ofRequest(r, open));
    const application = await recordOnHistory(deps, app, REPORT_SUPPLEMENT_WITHDRAWN, actor, { details: { kind: open.kind, requestedAt: open.at, tell: mailed } });
    await finishWithdrawal(deps, application, lastWithdrawal(application.history, open.kind)!);
    return { application, changed: true };
  });
}

async function finishWithdrawal(deps: Dependencies, app: ApplicationRecord, { at, request, tell }: NonNullable<ReturnType<typeof lastWithdrawal>>): Promise<void> {
  await deps.store.revokeLinks(app.id, reportLinkPurpose(request.kind), (l) => l.createdAt >= request.at);
  await endSupplementReminders(deps, app, request);
  await deps.store.clearSupplementRequest(app.id, request.kind, request.at);
  if (tell) await deps.store.putReminder({ id: reminderId('report-supplement-withdrawn', { kind: request.kind, at }, app.id), applicationId: app.id, schemeId: app.schemeId, kind: 'report-supplement-withdrawn', dueAt: at });
}

/** To the owner: the request they were mailed is withdrawn (none: the secretariat asked again since). */
export async function sendSupplementWithdrawn(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord): Promise<void> {
  const kind = requestOf(r).kind;
  const withdrawal = kind && lastWithdrawal(app.history, kind);
  if (!withdrawal || withdrawal.at !== r.dueAt) return;
  await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportSupplementWithdrawn(mailContext(scheme, app), { kind: withdrawal.request.kind, requestedAt: osloDateOf(new Date(withdrawal.request.at)) }));
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
    await endSupplementReminders(deps, updated, request);
    await deps.store.putReminder({ id: reminderId('report-supplemented', { kind, at: recordedAt }, app.id), applicationId: app.id, schemeId: app.schemeId, kind: 'report-supplemented', dueAt: recordedAt });
    return { applicationId: app.id, kind, status: updated.status, supplemented: true };
  });
}

/**
 * A scheme's reports waiting to be filled in, the longest-waiting first: what was asked, and until
 * when the owner's link works (lapsed: it expired unanswered, and the secretariat can ask anew).
 */
export async function waitingSupplementRequests(deps: Pick<Dependencies, 'store' | 'clock'>, schemeId: string) {
  const now = deps.clock.now();
  const reports = await deps.store.listSupplementRequests(schemeId);
  const apps = new Map((await deps.store.getApplications(reports.map((r) => r.applicationId))).map((a) => [a.id, a]));
  const rows = await Promise.all(
    reports.map(async (report) => {
      const app = apps.get(report.applicationId);
      const links = app ? await deps.store.listLinks(app.id) : [];
      const request = app && openSupplementRequest(app.history, report.kind);
      if (!request) return [];
      const { working, lapsed } = requestLink(links, request, now);
      return [{ applicationId: app.id, title: app.title, kind: request.kind, requestedAt: request.at, reason: request.reason, ...(working ? { linkExpiresAt: working.expiresAt } : {}), lapsed }];
    }),
  );
  return rows.flat();
}

/** Among a case's links, the request's (made after it, unused): the one that works, or whether it expired unused (none made yet: neither). */
export function requestLink<L extends Pick<LinkRecord, 'purpose' | 'state' | 'createdAt' | 'expiresAt'>>(links: readonly L[], request: SupplementRequest, now: Date): { working?: L; lapsed: boolean } {
  const unused = links.filter((l) => l.purpose === reportLinkPurpose(request.kind) && l.state === 'active' && l.createdAt >= request.at);
  const working = unused.findLast((l) => !linkExpired(l, now));
  return working ? { working, lapsed: false } : { lapsed: unused.length > 0 };
}

/** The request's mails not yet sent (another report's request keeps its own). */
async function endSupplementReminders(deps: Dependencies, app: ApplicationRecord, request: SupplementRequest): Promise<void> {
  await deps.store.cancelReminders(app.id, SUPPLEMENT_REMINDER_KINDS, (r) => ofRequest(r, request));
}

/** The sweep's reminder for the request still waiting (none: answered or replaced since). */
function waitingRequestOf(app: ApplicationRecord, r: ReminderRecord): SupplementRequest | undefined {
  const { kind, at } = requestOf(r);
  const report = kind ?? supplementStepAt(app.history, REPORT_SUPPLEMENT_REQUESTED, at)?.kind;
  const open = report && openSupplementRequest(app.history, report);
  return open?.at === at ? open : undefined;
}

/**
 * To the owner: what the secretariat asks for, and the link; the second time, a reminder (none:
 * answered or replaced meanwhile).
 */
export async function sendSupplementRequest(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, links: readonly LinkRecord[]): Promise<void> {
  const request = waitingRequestOf(app, r);
  if (!request) return;
  const link = requestLink(links, request, deps.clock.now()).working;
  if (!link) return;
  await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportSupplementRequested(mailContext(scheme, app), {
    kind: request.kind, reason: request.reason, requestedAt: osloDateOf(new Date(request.at)), link: linkUrl(deps, link), linkExpiresAt: link.expiresAt, reminder: r.seq === 2,
  }));
}

/** To the secretariat: the request's link expired and the report did not come again (none: it still works, e.g. a repeat made a new one). */
export async function sendSupplementLapsed(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, links: readonly LinkRecord[]): Promise<void> {
  const request = waitingRequestOf(app, r);
  if (!request || !requestLink(links, request, deps.clock.now()).lapsed) return;
  await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.reportSupplementLapsed(mailContext(scheme, app), {
    kind: request.kind, reason: request.reason, requestedAt: osloDateOf(new Date(request.at)), expiredAt: osloDateOf(new Date(r.dueAt)), caseLink: caseUrl(deps, app.id),
  }));
}

/** To the secretariat: the report came again. */
export async function sendSupplemented(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord): Promise<void> {
  const step = supplementStepAt(app.history, REPORT_SUPPLEMENTED, r.dueAt, requestOf(r).kind);
  const report: ReportRecord | undefined = step && (await deps.store.listReports(app.id)).find((x) => x.kind === step.kind);
  if (!step || !report) return;
  await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.reportSupplemented(mailContext(scheme, app), {
    kind: step.kind, supplementedAt: report.supplementedAt ?? step.at, spentAmount: report.spentAmount, caseLink: caseUrl(deps, app.id),
  }));
}
