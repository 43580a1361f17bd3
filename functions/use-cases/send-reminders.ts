// Reminders live outside the workflow executions (no history growth, no year limit): a sweep every
// 15 minutes Queries the due ones (never Scan), sends each once, and chains the next overdue one.
import type { ApplicationRecord, ReminderRecord, ReportKind } from '../domain/model';
import { applicantContact, caseMessages, contactName, OWNER_LINK_SENT, ownerChangeReminderId, ownerHandovers } from '../domain/case-contacts';
import { addDaysToInstant } from '../domain/wait-budget';
import { osloDateOf, daysBetween } from '../domain/oslo-time';
import { reminderInstants, submissionDeadline } from '../domain/deadlines';
import { applicationMeeting, findMeeting, movedFromMeeting } from '../domain/meeting-calendar';
import { reportDueDate, reportLinkOf } from '../domain/reports';
import { payoutIdFor } from '../domain/payout';
import { lastDeadlineMove, reportPending } from '../domain/report-deadlines';
import { periodChanges } from '../domain/grant-period';
import type { Dependencies } from '../composition';
import * as mail from '../mail/templates';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { caseUrl, linkUrl, ownerLinkUrl, unansweredSigningLinks } from './links';
import { loadCurrentVersion, loadScheme } from './load-application';
import { mailContext, notify, notifyMeeting, sendDecision } from './notify';
import { sendSecretariatNotices } from './secretariat-notices';
import { sendDraftReminders } from './draft-reminders';
import { calendarsOnce, type CalendarOf } from './meeting-calendar';
import { missingPartners } from './cosign-application';
import { meetingInReach, targetMeeting } from './schedule-application';
import { sendDeadlineDeclined, sendDeadlineRequest, sendReportMissing } from './report-deadlines';
import { isOverdueReminder, overdueCopiedToSecretariat, reminderMailKey, reminderStillDue, reportKindOfReminder } from '../domain/reminders';
import { closeWithFinalReport } from './reports';
import { sendPeriodDeclined, sendPeriodRequest } from './change-grant-period';
import { sendSupplementLapsed, sendSupplementRequest, sendSupplementWithdrawn, sendSupplemented } from './report-supplement';
import { logger } from '../adapters/logger';
import { stillInTime, type TimeLeftOption } from './time-left';

/** A sweep that could not send every due reminder or notice; the rest went out, the failed ones stay due. */
export class ReminderSweepIncomplete extends Error {
  override readonly name = 'ReminderSweepIncomplete';
  constructor(readonly failed: string[]) {
    super(`${failed.length} reminder(s) could not be sent; they stay due for the next sweep`);
  }
}

/** Reminders read per run. */
const SWEEP_LIMIT = 200;
/** Time a sweep keeps in hand when it stops taking reminders (a reminder is a few calls and a mail); the rest wait for the next run. */
const SWEEP_MARGIN_MS = 10_000;

export async function sendDueReminders(deps: Dependencies, options: TimeLeftOption = {}): Promise<{ sent: number; skipped: number; left: number }> {
  const now = deps.clock.now();
  const due = await deps.store.listDueReminders(now.toISOString(), SWEEP_LIMIT);
  let sent = 0;
  let skipped = 0;
  const failed: string[] = [];
  const calendarOf = calendarsOnce(deps);
  // A backlog (after an outage) may not fit one run: stop in time, before the function is cut off mid-send.
  const inTime = stillInTime(options, SWEEP_MARGIN_MS);
  let done = 0;
  for (const reminder of due) {
    if (!inTime()) break;
    done++;
    const app = await deps.store.getApplication(reminder.applicationId);
    if (app && reminderStillDue(reminder, app)) {
      try {
        await deliver(deps, app, loadScheme(deps, app.schemeId), reminder, now, calendarOf);
      } catch (error) {
        // One reminder that cannot go out (SES down, a bad address) must not hold back the others.
        logger.warn('Reminder not sent; it stays due', { reminderId: reminder.id, errorName: (error as Error).name });
        failed.push(reminder.id);
        continue;
      }
      sent++;
    } else {
      skipped++;
    }
    // Marked after sending: a crash in between re-sends through the same mail key, which is a no-op.
    await deps.store.markReminderSent(reminder.id, now.toISOString());
  }
  const left = due.length - done;
  // One read of each community's calendar for the whole sweep.
  if (inTime()) failed.push(...(await sendDraftReminders(deps, now, calendarOf)));
  if (inTime()) failed.push(...(await sendSecretariatNotices(deps, now, calendarOf)));
  if (failed.length) throw new ReminderSweepIncomplete(failed);
  if (left > 0) logger.warn('Reminder sweep stopped for time; the rest stay due for the next run', { left });
  return { sent, skipped, left };
}

async function deliver(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, now: Date, calendarOf: CalendarOf): Promise<void> {
  const ctx = mailContext(scheme, app);
  const links = await deps.store.listLinks(app.id);
  const statusLink = ownerLinkUrl(deps, links) ?? deps.publicBaseUrl;
  // A report's own page, or the owner's status page when its link is not there yet.
  const reportUrl = (kind: ReportKind): string => {
    const link = reportLinkOf(links, kind);
    return link ? linkUrl(deps, link) : statusLink;
  };
  switch (r.kind) {
    case 'cosign': {
      const [version, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listSignatures(app.id, app.version)]);
      // One partner's link sent again at the owner's request (partnerIndex), or every partner that has not answered.
      const pending = unansweredSigningLinks(app, links, signatures).filter((l) => r.partnerIndex === undefined || l.partnerIndex === r.partnerIndex);
      // The meeting the application still reaches if every partner signs by its deadline: the partner sees what waiting costs.
      const meeting = pending.length ? meetingInReach(scheme, await calendarOf(scheme), app, now) : undefined;
      const contact = applicantContact(app, version.data);
      for (const link of pending) {
        const partner = version.data.partners[link.partnerIndex ?? -1];
        if (!partner) continue;
        await notify(deps, `reminder#${r.id}#${link.id}`, [partner.email], mail.cosignReminder(ctx, {
          recipientName: partner.contactName, partnerOrganisation: partner.organisationName, link: linkUrl(deps, link), expiresAt: link.expiresAt,
          ...(meeting ? { meeting: { date: meeting.date, submissionDeadline: meeting.submissionDeadline } } : {}),
          ...(r.partnerIndex !== undefined ? { resent: true } : {}),
          contact,
        }));
      }
      if (r.partnerIndex !== undefined) return; // not a chain: the weekly reminders go on as planned
      const next = nextDue(r, scheme.reminders.cosignEveryDays, now);
      const expiry = Math.max(0, ...pending.map((l) => Date.parse(l.expiresAt)));
      if (pending.length && next.getTime() < expiry) await deps.store.putReminder(nextInChain(r, next));
      return;
    }
    case 'submission-deadline': {
      const meeting = targetMeeting(scheme, await calendarOf(scheme), now)?.date;
      if (!meeting) return;
      const deadline = submissionDeadline(meeting, scheme.submissionLeadDays);
      // Held up (an outage) until a later reminder of the same deadline is due too: that one says it.
      if (reminderInstants(deadline, scheme.reminders.submissionDeadlineDaysBefore, new Date(Date.parse(r.dueAt) + 1)).some((at) => at <= now)) return;
      const missing = await missingPartners(deps, app);
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.submissionDeadlineReminder(ctx, {
        meetingDate: meeting, deadline: deadline.toISOString(), daysLeft: Math.max(0, daysBetween(osloDateOf(now), osloDateOf(deadline))), missingPartners: missing, statusLink,
      }));
      return;
    }
    case 'invoice-missing': {
      const payout = await deps.store.getPayout(payoutIdFor(app.id, 'grant'));
      // The invoice came (or the payout was cancelled): nothing to remind of, and no next reminder.
      if (!payout || payout.state !== 'awaiting_invoice' || !app.allocation) return;
      await notify(deps, reminderMailKey(r.id), [app.ownerEmail], mail.invoiceReminder(ctx, {
        amount: payout.amount, projectNumber: payout.projectNumber, decidedAt: app.allocation.decidedAt, statusLink,
        invoiceTo: scheme.hospitalTrust,
      }));
      const seq = r.seq ?? 1;
      // The next one counts from now: after a long mail outage the owner does not get them all at once.
      if (seq < scheme.reminders.maxInvoiceReminders) {
        await deps.store.putReminder(nextInChain(r, addDaysToInstant(now, scheme.reminders.invoiceAfterDays)));
      }
      return;
    }
    case 'meeting-moved': {
      const calendar = await calendarOf(scheme);
      const meeting = applicationMeeting(calendar, app);
      if (!meeting) return;
      const from = movedFromMeeting(app.history, meeting.id);
      await notifyMeeting(deps, scheme, app, meeting, statusLink, from ? { movedFrom: { meetingDate: from, cancelled: !findMeeting(calendar, from) } } : {});
      return;
    }
    case 'secretariat-message': {
      const written = caseMessages(app.history).find((m) => m.from === 'owner' && m.at === r.dueAt);
      if (!written) return;
      await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.ownerWrote(ctx, { message: written.message, caseLink: caseUrl(deps, app.id) }));
      return;
    }
    case 'owner-message': {
      // The message as written on the case (the reminder is due at the instant it was recorded).
      const written = caseMessages(app.history).find((m) => m.from === 'secretariat' && m.at === r.dueAt);
      if (!written) return;
      const recipientName = contactName(app, (await loadCurrentVersion(deps, app)).data);
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.secretariatMessage(ctx, { recipientName, statusLink, message: written.message }));
      return;
    }
    case 'owner-changed':
    case 'owner-link': {
      if (r.previousOwnerEmail && r.previousOwnerEmail.toLowerCase() !== app.ownerEmail.toLowerCase()) {
        await notify(deps, `reminder#${r.id}#previous`, [r.previousOwnerEmail], mail.ownerReplaced(ctx, {}));
      }
      // Changed twice before a sweep: the contact person now gets one mail, from the last change.
      if (r.kind === 'owner-changed' && r.id !== ownerChangeReminderId(app.id, ownerHandovers(app.history))) return;
      const recipientName = contactName(app, (await loadCurrentVersion(deps, app)).data);
      // The link again: asked for by the contact person ("Mistet lenken?") or sent by the secretariat.
      const askedBySelf = app.history.findLast((e) => e.action === OWNER_LINK_SENT && r.id.endsWith(`#${e.at}`))?.actor.kind === 'applicant';
      const letter = r.kind === 'owner-changed' ? mail.ownerChanged(ctx, { recipientName, statusLink }) : mail.ownerLinkResent(ctx, { recipientName, statusLink, askedBySelf });
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], letter);
      return;
    }
    case 'status-report-due':
    case 'final-report-due':
    case 'status-report-overdue':
    case 'final-report-overdue': {
      const kind = reportKindOfReminder(r.kind)!;
      const moved = lastDeadlineMove(app.history, kind);
      const data = { kind, dueDate: reportDueDate(kind, app.allocation) ?? '', link: reportUrl(kind), ...(moved ? { movedFrom: moved.from } : {}) };
      const overdue = isOverdueReminder(r);
      // One before the deadline held up past it (an outage) would say "send it by" a day gone: the overdue ones follow.
      if (!overdue && data.dueDate !== '' && data.dueDate < osloDateOf(now)) return;
      const seq = r.seq ?? 1;
      const copy = overdueCopiedToSecretariat(r, scheme.reminders.overdueCopiesToSecretariat) ? [scheme.secretariatEmail] : [];
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], overdue ? mail.reportOverdue(ctx, data) : mail.reportDue(ctx, data), copy);
      if (overdue && seq < scheme.reminders.maxOverdueReminders) {
        await deps.store.putReminder(nextInChain(r, nextDue(r, scheme.reminders.overdueEveryDays, now)));
      }
      return;
    }
    case 'status-report-extended':
    case 'final-report-extended': {
      const kind = reportKindOfReminder(r.kind)!;
      const move = lastDeadlineMove(app.history, kind);
      if (!move) return;
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportDeadlineExtended(ctx, {
        kind, dueDate: reportDueDate(kind, app.allocation) ?? '', previousDueDate: move.from, reason: move.reason, link: reportUrl(kind),
      }));
      return;
    }
    case 'status-report-missing':
    case 'final-report-missing':
      await sendReportMissing(deps, app, scheme, reportKindOfReminder(r.kind)!);
      return;
    case 'grant-close':
      await closeWithFinalReport(deps, app, scheme);
      return;
    case 'status-report-deadline-request':
    case 'final-report-deadline-request':
      await sendDeadlineRequest(deps, app, scheme, r);
      return;
    case 'status-report-deadline-declined':
    case 'final-report-deadline-declined':
      await sendDeadlineDeclined(deps, app, scheme, r, reportUrl(reportKindOfReminder(r.kind)!));
      return;
    case 'grant-period-changed': {
      const change = periodChanges(app.history).find((c) => c.at === r.dueAt);
      if (!change || !app.allocation) return;
      const { statusReportDue, finalReportDue } = app.allocation;
      await sendDecision(deps, app, `reminder#${r.id}`, (copy) => mail.grantPeriodChanged(ctx, {
        ...change.to, previousStart: change.from.periodStart, previousEnd: change.from.periodEnd, reason: change.reason, decidedAt: change.at,
        ...(reportPending('status', app.status) ? { statusReportDue } : {}), finalReportDue, ...(copy.copyFor ? {} : { statusLink }), ...copy,
      }));
      return;
    }
    case 'grant-period-request':
      await sendPeriodRequest(deps, app, scheme, r);
      return;
    case 'grant-period-declined':
      await sendPeriodDeclined(deps, app, scheme, r, statusLink);
      return;
    case 'report-supplement':
      await sendSupplementRequest(deps, app, scheme, r, links);
      return;
    case 'report-supplement-lapsed':
      await sendSupplementLapsed(deps, app, scheme, r, links);
      return;
    case 'report-supplement-withdrawn':
      await sendSupplementWithdrawn(deps, app, scheme, r);
      return;
    case 'report-supplemented':
      await sendSupplemented(deps, app, scheme, r);
      return;
    case 'status-report-receipt':
    case 'final-report-receipt': {
      const kind = reportKindOfReminder(r.kind)!;
      const report = (await deps.store.listReports(app.id)).find((x) => x.kind === kind);
      if (!report) return;
      await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.reportReceipt(ctx, {
        kind, submittedAt: report.submittedAt, spentAmount: report.spentAmount, link: reportUrl(kind),
      }));
      return;
    }
  }
}

/**
 * When the next of a chain is due: a rhythm after this one's due time; after one that went out late
 * (the sweep or SES down for weeks), a rhythm from now, so the missed ones do not go out at once.
 */
function nextDue(r: ReminderRecord, everyDays: number, now: Date): Date {
  const onRhythm = addDaysToInstant(new Date(r.dueAt), everyDays);
  return onRhythm > now ? onRhythm : addDaysToInstant(now, everyDays);
}

/** The next reminder of a numbered chain (…#1, #2, …): a new id, so the one sent stays sent. */
function nextInChain(r: ReminderRecord, dueAt: Date): ReminderRecord {
  const { sentAt: _sent, ...rest } = r;
  const seq = (r.seq ?? 1) + 1;
  return { ...rest, id: r.id.replace(/#\d+$/, `#${seq}`), dueAt: dueAt.toISOString(), seq };
}
