// A report's reminders and notices (before and after the deadline, "missing", the owner's receipt),
// and moving its deadline ("utsatt frist"): the owner's request and the secretariat's move. The
// reminders live outside the workflow (the sweep sends them); each carries the deadline it was made
// for, so the sweep skips one whose deadline has moved since. The workflow's wait for the report
// still runs to the old date's last chance: its "report missing" step then leaves the notice to the
// sweep, at the new one.
import { ConflictError, ValidationError } from '../domain/errors';
import type { Actor, Allocation, ApplicationRecord, ReminderRecord, ReportKind } from '../domain/model';
import { REMINDER_TIME, reminderInstants } from '../domain/deadlines';
import { addDays, endOfOsloDay, osloDateOf, osloInstant } from '../domain/oslo-time';
import { reportDueDate, reportLinkOf } from '../domain/reports';
import {
  deadlineMoveProblem, declinedDeadlineRequest, lastDeadlineMove, openDeadlineRequest, overdueWindowDays, REPORT_DEADLINE_EXTENDED, REPORT_DEADLINE_REQUEST_DECLINED,
  REPORT_DEADLINE_REQUESTED, REPORT_LINK_DAYS_AFTER_LAST_CHANCE, reportLastChance, reportPending, withMovedDeadline,
} from '../domain/report-deadlines';
import type { Dependencies } from '../composition';
import type { DeadlineDecline, DeadlineRequest, ReportDeadlineRequest } from '../../schemas/requests.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import * as mail from '../mail/templates';
import { caseUrl } from './links';
import { loadApplication, loadScheme } from './load-application';
import { recordOnHistory, withFreshRead } from './move-application';
import { mailContext, notify } from './notify';
import { REPORT_REMINDERS as KINDS, REPORT_REMINDER_KINDS, reportKindOfReminder } from '../domain/reminders';

/** The reminder that mails the owner the receipt for a report (the next sweep sends it). */
export function reportReceiptReminder(app: ApplicationRecord, kind: ReportKind, at: string): ReminderRecord {
  const receipt = KINDS[kind].receipt;
  return { id: `${app.id}#${receipt}`, applicationId: app.id, schemeId: app.schemeId, kind: receipt, dueAt: at };
}

/** Reminders before the deadline, then the first overdue one (the sweep chains the next). */
export function reportReminders(app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind, due: string, now: Date): ReminderRecord[] {
  const { due: dueKind, overdue: overdueKind } = KINDS[kind];
  const base = { applicationId: app.id, schemeId: scheme.id, reportDue: due };
  const before = reminderInstants(endOfOsloDay(due), scheme.reminders.reportDueDaysBefore, now).map((at): ReminderRecord => ({
    ...base, id: `${app.id}#${dueKind}#${at.toISOString()}`, kind: dueKind, dueAt: at.toISOString(),
  }));
  const firstOverdue = osloInstant(addDays(due, 1), REMINDER_TIME);
  // The deadline in the id: a moved deadline's first overdue reminder is a new one, not the one sent for the old date.
  return [...before, { ...base, id: `${app.id}#${overdueKind}#${due}#1`, kind: overdueKind, dueAt: firstOverdue.toISOString(), seq: 1 }];
}

function reportMissingReminder(app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind, due: string): ReminderRecord {
  const missing = KINDS[kind].missing;
  return { id: `${app.id}#${missing}#${due}`, applicationId: app.id, schemeId: scheme.id, kind: missing, dueAt: reportLastChance(due, scheme.reminders).toISOString(), reportDue: due };
}

/** To the secretariat, once per report: it has not come, and the owner has had every reminder. */
export async function sendReportMissing(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind): Promise<void> {
  await notify(deps, `report-missing#${kind}#${app.id}`, [scheme.secretariatEmail], mail.reportMissing(mailContext(scheme, app), { kind, dueDate: reportDueDate(kind, app.allocation) ?? '', link: caseUrl(deps, app.id) }));
}

/**
 * The workflow's wait for a report has run out. Unless the deadline moved meanwhile (its last
 * chance still ahead), the report is missing: the secretariat is told now; otherwise the sweep
 * tells it at the new date's last chance, if the report has not come by then.
 */
export async function reportWaitOver(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind, now: Date): Promise<void> {
  const due = reportDueDate(kind, app.allocation);
  if (due && reportLastChance(due, scheme.reminders) > now) {
    await deps.store.putReminder(reportMissingReminder(app, scheme, kind, due));
    return;
  }
  await sendReportMissing(deps, app, scheme, kind);
}

/** The last day a report's deadline can be moved to: its link outlasts the last chance by REPORT_LINK_DAYS_AFTER_LAST_CHANCE. */
export async function latestDeadline(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind): Promise<string> {
  const link = reportLinkOf(await deps.store.listLinks(app.id), kind);
  const current = reportDueDate(kind, app.allocation)!;
  // No link yet (it is made with the decision letter): the room it will have, counted from this deadline.
  return link ? addDays(osloDateOf(new Date(link.expiresAt)), -overdueWindowDays(scheme.reminders)) : addDays(current, REPORT_LINK_DAYS_AFTER_LAST_CHANCE);
}

/**
 * The owner asks, through the report's link, for a later deadline: the same rules as a move, on the
 * case's history, and the secretariat is told by the next sweep. The committee decides; the
 * secretariat answers on the case, with the new deadline or the committee's no.
 */
export function requestLaterDeadline(deps: Dependencies, applicationId: string, kind: ReportKind, input: DeadlineRequest): Promise<{ changed: boolean }> {
  return withFreshRead(() => requestOnce(deps, applicationId, kind, input));
}

/** The grant's allocation while it still owes this report (its deadline can move); 409 otherwise. */
function owedReport(app: ApplicationRecord, kind: ReportKind): Allocation {
  if (!app.allocation || !reportPending(kind, app.status)) {
    throw new ConflictError(`${kind === 'status' ? 'Statusrapporten' : 'Sluttrapporten'} er sendt inn, eller tilskuddet er avsluttet. Fristen kan ikke endres.`, 'report_not_pending');
  }
  return app.allocation;
}

async function requestOnce(deps: Dependencies, applicationId: string, kind: ReportKind, input: DeadlineRequest): Promise<{ changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  const allocation = owedReport(app, kind);
  const open = openDeadlineRequest(app.history, kind);
  if (open && open.dueDate === input.dueDate && open.reason === input.reason) return { changed: false };
  const scheme = loadScheme(deps, app.schemeId);
  const now = deps.clock.now();
  const problem = deadlineMoveProblem(allocation, { kind, dueDate: input.dueDate }, osloDateOf(now), await latestDeadline(deps, app, scheme, kind));
  if (problem) throw new ValidationError({ dueDate: problem });
  const updated = await recordOnHistory(deps, app, REPORT_DEADLINE_REQUESTED, { kind: 'applicant', email: app.ownerEmail }, {
    details: { report: kind, dueDate: input.dueDate, reason: input.reason },
  });
  const at = updated.history.at(-1)!.at;
  const request = KINDS[kind].request;
  await deps.store.putReminder({ id: `${app.id}#${request}#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: request, dueAt: at });
  return { changed: true };
}

/** To the secretariat: the owner's open request for a later deadline (none: answered or withdrawn meanwhile). */
export async function sendDeadlineRequest(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord): Promise<void> {
  const kind = reportKindOfReminder(r.kind)!;
  const open = openDeadlineRequest(app.history, kind);
  if (!open) return;
  await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.reportDeadlineRequested(mailContext(scheme, app), {
    kind, dueDate: reportDueDate(kind, app.allocation) ?? '', requestedDate: open.dueDate, reason: open.reason, link: caseUrl(deps, app.id),
  }));
}

/**
 * The committee says no to the owner's open request: on the case's history with the committee's
 * reason, and the next sweep tells the owner that the deadline stands. With no open request it is
 * 409; a repeat finds its own answer and changes nothing.
 */
export function declineDeadlineRequest(deps: Dependencies, applicationId: string, input: DeadlineDecline, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(() => declineOnce(deps, applicationId, input, actor));
}

async function declineOnce(deps: Dependencies, applicationId: string, input: DeadlineDecline, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  const kind = input.report;
  owedReport(app, kind);
  const open = openDeadlineRequest(app.history, kind);
  if (!open) {
    const answered = declinedDeadlineRequest(app.history, kind);
    if (answered?.reason !== input.reason) {
      throw new ConflictError(`Prosjektansvarlig har ikke bedt om utsatt frist for ${kind === 'status' ? 'statusrapporten' : 'sluttrapporten'}, eller ønsket er besvart.`, 'no_open_request');
    }
    // A repeat (a double click, a retry after a crash): its mail to the owner, nothing more.
    await putDeclinedReminder(deps, app, kind, answered.at);
    return { application: app, changed: false };
  }
  const application = await recordOnHistory(deps, app, REPORT_DEADLINE_REQUEST_DECLINED, actor, { details: { report: kind, dueDate: open.dueDate, reason: input.reason } });
  await putDeclinedReminder(deps, application, kind, application.history.at(-1)!.at);
  return { application, changed: true };
}

function putDeclinedReminder(deps: Dependencies, app: ApplicationRecord, kind: ReportKind, at: string): Promise<boolean> {
  const declined = KINDS[kind].declined;
  return deps.store.putReminder({ id: `${app.id}#${declined}#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: declined, dueAt: at });
}

/** To the owner: the committee's no, and the deadline that stands (none: the owner asked again, or the deadline moved since). */
export async function sendDeadlineDeclined(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, link: string): Promise<void> {
  const kind = reportKindOfReminder(r.kind)!;
  const declined = declinedDeadlineRequest(app.history, kind);
  if (!declined) return;
  await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportDeadlineDeclined(mailContext(scheme, app), {
    kind, dueDate: reportDueDate(kind, app.allocation) ?? '', requestedDate: declined.dueDate, reason: declined.reason, link,
  }));
}

export function extendReportDeadline(deps: Dependencies, applicationId: string, input: ReportDeadlineRequest, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(() => extendOnce(deps, applicationId, input, actor));
}

async function extendOnce(deps: Dependencies, applicationId: string, input: ReportDeadlineRequest, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  const kind = input.report;
  const allocation = owedReport(app, kind);
  const scheme = loadScheme(deps, app.schemeId);
  const now = deps.clock.now();
  const current = reportDueDate(kind, allocation)!;
  const last = lastDeadlineMove(app.history, kind);
  // A repeat (a double click, a retry, also after other changes to the case) finds its own move: it finishes the reminders, nothing more.
  if (current === input.dueDate && last?.to === input.dueDate && last.reason === input.reason) {
    await putNewDeadlineReminders(deps, app, scheme, kind, now);
    return { application: app, changed: false };
  }
  const problem = deadlineMoveProblem(allocation, { kind, dueDate: input.dueDate }, osloDateOf(now), await latestDeadline(deps, app, scheme, kind));
  if (problem) throw new ValidationError({ dueDate: problem });
  const application = await recordOnHistory(deps, app, REPORT_DEADLINE_EXTENDED, actor, {
    set: { allocation: withMovedDeadline(allocation, { kind, dueDate: input.dueDate }) },
    details: { report: kind, from: current, to: input.dueDate, reason: input.reason },
  });
  await deps.store.cancelReminders(app.id, REPORT_REMINDER_KINDS[kind]);
  await putNewDeadlineReminders(deps, application, scheme, kind, now);
  return { application, changed: true };
}

/** The new deadline's reminders, its "missing" notice, and the mail that tells the owner (sent by the next sweep). */
async function putNewDeadlineReminders(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, kind: ReportKind, now: Date): Promise<void> {
  const due = reportDueDate(kind, app.allocation)!;
  const extended = KINDS[kind].extended;
  const reminders: ReminderRecord[] = [
    { id: `${app.id}#${extended}#${due}`, applicationId: app.id, schemeId: app.schemeId, kind: extended, dueAt: now.toISOString(), reportDue: due },
    ...reportReminders(app, scheme, kind, due, now),
    reportMissingReminder(app, scheme, kind, due),
  ];
  for (const r of reminders) await deps.store.putReminder(r);
}
