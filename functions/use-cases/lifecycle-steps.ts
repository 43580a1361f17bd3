// What each Task state of the lifecycle workflows does. Every step is idempotent: a retried or
// replayed step sends no second e-mail (mail keys) and writes nothing twice (conditional writes).
import { ownContribution } from '../domain/budget';
import { applicantContact } from '../domain/case-contacts';
import { ConflictError } from '../domain/errors';
import { invoiceMissingFrom, recordedClaim, recordedRevocation } from '../domain/payout';
import { overdueWindowDays, REPORT_LINK_DAYS_AFTER_LAST_CHANCE, reportLastChance } from '../domain/report-deadlines';
import { invoiceReminderId, REPORT_REMINDER_KINDS } from '../domain/reminders';
import { submissionDeadline, submissionReminderInstants } from '../domain/deadlines';
import type { ApplicationRecord, LinkRecord, ReminderRecord, SignatureRecord, PayoutRecord } from '../domain/model';
import { addDays, endOfOsloDay, osloInstant } from '../domain/oslo-time';
import { expiredEntry, expiryReason, ON_AGENDA, TERMINAL_STATUSES, type ExpiryReason } from '../domain/status-transitions';
import { applicationMeeting, committeeAnswerDue, decisionOverdueAt, meetingDeadline } from '../domain/meeting-calendar';
import { addDaysToInstant, waitSeconds } from '../domain/wait-budget';
import { ANSWER_DAYS, AWAITING_RESUBMISSION, RESUBMISSION_DUE, resubmissionDeadline, resubmissionDue } from '../domain/resubmission';
import type { Dependencies } from '../composition';
import * as mail from '../mail/templates';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { caseUrl, linkUrl, newLink, ownerLinkUrl, pageUrl } from './links';
import { payoutsPath } from '../http/routes';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { moveApplication, recordOnHistory, SYSTEM, withFreshRead } from './move-application';
import { mailContext, notify, notifyMeeting, sendDecision } from './notify';
import { triggerPayout } from './payouts';
import { meetingInReach, meetingToSchedule, scheduleApplication, targetMeeting } from './schedule-application';
import { reportReminders, reportWaitOver } from './report-deadlines';
import { closeWithFinalReport } from './reports';
import { logger } from '../adapters/logger';

export interface StepInput {
  applicationId: string;
  executionStartTime: string;
  reallocationId?: string;
  payoutId?: string;
  /** the execution's name: which one runs the final-report phase (final-report-period) */
  executionName?: string;
}

export type StepResult = Record<string, unknown>;

/** A reallocation request waits for the committee's next meeting, and at least this many days. */
const REALLOCATION_MIN_WAIT_DAYS = 60;

interface Loaded {
  app: ApplicationRecord;
  scheme: SchemeConfig;
  now: Date;
  start: Date;
}

async function load(deps: Dependencies, input: StepInput): Promise<Loaded> {
  const app = await loadApplication(deps, input.applicationId);
  return { app, scheme: loadScheme(deps, app.schemeId), now: deps.clock.now(), start: new Date(input.executionStartTime) };
}

/** The owner's status link; pass the application's links when already loaded (one Query less). */
async function ownerLink(deps: Dependencies, app: ApplicationRecord, links?: readonly LinkRecord[]): Promise<string> {
  const url = ownerLinkUrl(deps, links ?? (await deps.store.listLinks(app.id)));
  if (!url) throw new Error(`Owner link of ${app.id} is missing`);
  return url;
}

/**
 * The application is back with the owner: until when it can be sent in again (resubmissionDeadline),
 * and the wait for it, which ends then. Kept on the history the first time, while the application
 * still waits for it, so the owner's page and the case give the deadline the mail gives; a repeated
 * step uses the one kept.
 */
async function awaitResubmission(deps: Dependencies, l: Loaded): Promise<{ respondBy: string; wait: { timeoutSeconds: number } }> {
  const respondBy = await withFreshRead(async () => {
    const app = await loadApplication(deps, l.app.id);
    const kept = resubmissionDue(app);
    if (kept) return kept;
    const due = resubmissionDeadline(l.now, l.start).toISOString();
    // Sent in again (or ended) meanwhile: nothing to keep, the wait settles at once.
    if (!AWAITING_RESUBMISSION.includes(app.status)) return due;
    await recordOnHistory(deps, app, RESUBMISSION_DUE, SYSTEM, { details: { respondBy: due, version: app.version } });
    return due;
  });
  return { respondBy, wait: { timeoutSeconds: waitSeconds(new Date(respondBy), l.start, l.now) } };
}

function currentCosignLinks(app: ApplicationRecord, links: readonly LinkRecord[]): LinkRecord[] {
  return links.filter((l) => l.purpose === 'cosign' && l.version === app.version && l.state !== 'revoked');
}

async function putReminders(deps: Dependencies, reminders: ReminderRecord[]): Promise<void> {
  for (const r of reminders) await deps.store.putReminder(r);
}

// --- Application phase -------------------------------------------------------------------------

/** Receipt to the owner (first version), a signing request to every partner, and their reminders. */
async function requestCosignatures(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  const version = await loadCurrentVersion(deps, app);
  const ctx = mailContext(scheme, app);
  const allLinks = await deps.store.listLinks(app.id);
  const links = currentCosignLinks(app, allLinks);
  // The links are listed through an index, which in AWS may lag the write by a moment: send nothing
  // until every partner's link (and the owner's) is seen, and let the step's retry look again.
  const unseen = version.data.partners.some((_, i) => !links.some((l) => l.partnerIndex === i));
  if (unseen || !allLinks.some((l) => l.purpose === 'owner')) throw new LinksNotYetVisible(app.id, version.version);
  const contact = applicantContact(app, version.data);
  const target = meetingInReach(scheme, await loadCalendar(deps, scheme), app, now);
  const reached = meetingDeadline(target);
  const reaches = reached ? { meeting: reached } : {};
  if (app.version === 1) {
    await notify(deps, `receipt#${app.id}`, [app.ownerEmail], mail.applicationReceived(ctx, {
      statusLink: await ownerLink(deps, app, allLinks), partnersToSign: links.length, receivedAt: app.submittedAt, ...reaches,
    }));
  }
  for (const link of links) {
    const partner = version.data.partners[link.partnerIndex ?? -1];
    if (!partner) continue;
    const line = version.data.budget.find((b) => b.partnerIndex === link.partnerIndex);
    await notify(deps, `cosign-request#${link.id}`, [partner.email], mail.cosignRequest(ctx, {
      recipientName: partner.contactName,
      partnerOrganisation: partner.organisationName,
      ownerOrganisation: contact.organisation,
      requestedAmount: version.data.requestedAmount,
      ...(line ? { partnerContribution: mail.formatNok(ownContribution(line)) } : {}),
      link: linkUrl(deps, link),
      expiresAt: link.expiresAt,
      revised: app.version > 1,
      ...(app.version > 1 && version.changeNote ? { changeNote: version.changeNote } : {}),
      ...reaches,
      contact,
    }));
  }
  const expiry = links.reduce((max, link) => Math.max(max, Date.parse(link.expiresAt)), now.getTime());
  const reminders: ReminderRecord[] = [];
  const cosignAt = addDaysToInstant(now, scheme.reminders.cosignEveryDays);
  if (cosignAt.getTime() < expiry) {
    reminders.push({ id: `${app.id}#cosign#v${app.version}#1`, applicationId: app.id, schemeId: scheme.id, kind: 'cosign', dueAt: cosignAt.toISOString(), seq: 1, version: app.version });
  }
  if (target) {
    for (const at of submissionReminderInstants(submissionDeadline(target.date, scheme.submissionLeadDays), scheme.reminders.submissionDeadlineDaysBefore, now)) {
      reminders.push({ id: `${app.id}#submission-deadline#v${app.version}#${target.date}#${at.toISOString()}`, applicationId: app.id, schemeId: scheme.id, kind: 'submission-deadline', dueAt: at.toISOString(), version: app.version });
    }
  }
  await putReminders(deps, reminders);
  // The version asked for rides to the wait: revised meanwhile, the wait ends at once (await-step).
  return { timeoutSeconds: waitSeconds(new Date(expiry), l.start, now), version: app.version };
}

async function sentBackForRevision(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  const declined = (await deps.store.listSignatures(app.id, app.version)).find((s: SignatureRecord) => s.decision === 'declined');
  const { respondBy, wait } = await awaitResubmission(deps, l);
  if (declined) {
    await notify(deps, `declined#${app.id}#v${app.version}`, [app.ownerEmail], mail.declinedByPartner(mailContext(scheme, app), {
      partnerOrganisation: declined.organisationName,
      reason: declined.reason ?? '',
      // Not sent in again by then, the wait ends and the application is closed (Expire), as the expired signing's mail says.
      respondBy,
      reviseLink: await ownerLink(deps, app),
    }));
  }
  return wait;
}

/**
 * The signing links expired before every partner answered: back to the owner, who can send it again.
 * The owner is told who did not answer; a partner who declined meanwhile (its answer raced the
 * timeout) is named as declining. When every partner did answer, it is the decline the owner hears of.
 */
async function cosignaturesExpired(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  if (app.status === 'awaiting_cosignature') {
    await moveApplication(deps, app, 'draft', 'cosignatures-expired', SYSTEM, { details: { version: app.version } });
    await deps.store.revokeLinks(app.id, 'cosign');
  }
  const [version, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listSignatures(app.id, app.version)]);
  const notAnswered = version.data.partners.filter((_, i) => !signatures.some((s) => s.partnerIndex === i)).map((p) => p.organisationName);
  if (notAnswered.length === 0) return sentBackForRevision(deps, l);
  const { respondBy, wait } = await awaitResubmission(deps, l);
  await notify(deps, `cosign-expired#${app.id}#v${app.version}`, [app.ownerEmail], mail.cosignaturesExpired(mailContext(scheme, app), {
    notAnswered,
    declined: signatures.filter((s) => s.decision === 'declined').map((s) => ({ partnerOrganisation: s.organisationName, reason: s.reason ?? '' })),
    // Not sent in again by then, the wait for it ends and the application is closed (Expire).
    respondBy,
    reviseLink: await ownerLink(deps, app),
  }));
  return wait;
}

/** Retried by the workflow (States.TaskFailed): the links' index has not caught up with their write yet. */
class LinksNotYetVisible extends Error {
  override readonly name = 'LinksNotYetVisible';
  constructor(applicationId: string, version: number) {
    super(`Not every link of ${applicationId} version ${version} is visible in the index yet`);
  }
}

class NoMeetingAvailable extends Error {
  override readonly name = 'NoMeetingAvailable';
}

/** Complete: tell the secretariat, put it on the next reachable meeting, tell the owner which. */
async function scheduleForMeeting(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  // Rejected or withdrawn before it reached an agenda (between a round and this step, or while it
  // waited for the calendar): the wait for the decision that follows settles at once with that.
  if (TERMINAL_STATUSES.includes(app.status)) return { timeoutSeconds: 60 };
  const ctx = mailContext(scheme, app);
  const [version, decisions, calendar] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listDecisions(app.id), loadCalendar(deps, scheme)]);
  const lastMeeting = ON_AGENDA.includes(app.status) ? app.meetingId : app.status === 'deferred' ? decisions.filter((d) => d.outcome === 'defer').sort((a, b) => a.at.localeCompare(b.at)).at(-1)?.meetingId : undefined;
  // Told before the case is on an agenda: the meeting the scheduling below puts it on (none in reach: not named).
  const heading = meetingToSchedule(scheme, calendar, app, now, lastMeeting);
  await notify(deps, `complete#${app.id}#v${app.version}`, [scheme.secretariatEmail], mail.applicationComplete(ctx, {
    partners: version.data.partners.map((p) => p.organisationName), adminLink: caseUrl(deps, app.id), ...(heading ? { meetingDate: heading.date } : {}),
    // The owner's answer to the committee's question (kept with the version), not a new application.
    ...(version.question && version.answer ? { answer: { version: version.version, question: version.question, answer: version.answer } } : {}),
  }));
  let result;
  try {
    result = await scheduleApplication(deps, app.id, SYSTEM, lastMeeting ? { after: lastMeeting } : {});
  } catch (error) {
    if ((error as Error).name === 'NotFoundError') throw new NoMeetingAvailable('No later meeting in the calendar');
    throw error;
  }
  const statusLink = await ownerLink(deps, app);
  const { application, meeting, missedMeeting } = result;
  if (missedMeeting) {
    await notify(deps, `moved#${app.id}#${meeting.id}`, [app.ownerEmail], mail.movedToNextMeeting(ctx, {
      missedMeetingDate: missedMeeting.date, missedDeadline: missedMeeting.submissionDeadline, nextMeetingDate: meeting.date, nextDeadline: meeting.submissionDeadline, statusLink,
    }));
  } else {
    // Back on an agenda after a deferral: the notice the deferral's letter promised, saying so.
    await notifyMeeting(deps, scheme, application, meeting, statusLink, app.status === 'deferred' && lastMeeting ? { deferredFrom: lastMeeting } : {});
  }
  return { timeoutSeconds: waitSeconds(decisionOverdueAt(meeting), l.start, now) };
}

/** Days a complete application waits for new meetings in the calendar before it is closed. */
const CALENDAR_WAIT_DAYS = 180;
/** How often the workflow looks at the calendar again while it waits (a meeting the secretariat adds takes it within a day). */
const CALENDAR_RECHECK_DAYS = 1;

/**
 * Complete, but the calendar has no meeting left: tell the owner and the secretariat once, and look
 * again every day until the secretariat has added the next meetings.
 * After CALENDAR_WAIT_DAYS, or at the end of the execution's budget, it gives up (seconds 0).
 */
async function awaitCalendar(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  const since = [...app.history].reverse().find((h) => h.to === 'submitted' || h.to === 'deferred')?.at ?? app.submittedAt;
  const waitedLongEnough = addDaysToInstant(new Date(since), CALENDAR_WAIT_DAYS) <= now;
  // waitSeconds stops at the execution's budget: less than a day left there means no next look.
  const noNextLook = waitSeconds(addDaysToInstant(now, CALENDAR_RECHECK_DAYS), l.start, now) < CALENDAR_RECHECK_DAYS * 86_400;
  if (waitedLongEnough || noNextLook || TERMINAL_STATUSES.includes(app.status)) return { seconds: 0 };
  const data = { waitDays: CALENDAR_WAIT_DAYS };
  await notify(deps, `calendar-missing#${app.id}`, [scheme.secretariatEmail], mail.calendarMissing(mailContext(scheme, app), { ...data, adminLink: caseUrl(deps, app.id) }));
  await notify(deps, `calendar-wait#${app.id}`, [app.ownerEmail], mail.waitingForCalendar(mailContext(scheme, app), { ...data, statusLink: await ownerLink(deps, app) }));
  return { seconds: CALENDAR_RECHECK_DAYS * 86_400 };
}

/**
 * The meeting's decision is not recorded in time: the secretariat is told, and the workflow puts the
 * case on the next meeting (timeoutSeconds 0). Unless the secretariat moved the case to another
 * meeting (the move ends the wait early, or it ran out for the old one): then it waits for that one
 * (the seconds until its decision is overdue).
 */
async function decisionOverdue(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  const meeting = ON_AGENDA.includes(app.status) ? applicationMeeting(await loadCalendar(deps, scheme), app) : undefined;
  if (meeting && decisionOverdueAt(meeting) > now) return { timeoutSeconds: waitSeconds(decisionOverdueAt(meeting), l.start, now) };
  await notify(deps, `decision-overdue#${app.id}#${app.meetingId ?? ''}`, [scheme.secretariatEmail], mail.decisionOverdue(mailContext(scheme, app), app.meetingId ? { meetingDate: app.meetingId } : {}));
  return { timeoutSeconds: 0 };
}

async function latestDecision(deps: Dependencies, app: ApplicationRecord) {
  return (await deps.store.listDecisions(app.id)).sort((a, b) => a.at.localeCompare(b.at)).at(-1);
}

async function deferredStep(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  const decision = await latestDecision(deps, app);
  const statusLink = await ownerLink(deps, app);
  await sendDecision(deps, app, `deferred#${app.id}#${decision?.id ?? ''}`, (copy) =>
    mail.deferred(mailContext(scheme, app), { ...(decision?.reason ? { reason: decision.reason } : {}), ...(copy.copyFor ? {} : { statusLink }), ...copy }),
  );
  return {};
}

async function informationRequested(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  const decision = await latestDecision(deps, app);
  const { respondBy, wait } = await awaitResubmission(deps, l);
  // The meeting the answer reaches if it is in and signed again by that meeting's deadline (as the owner's page says it).
  const reached = meetingDeadline(meetingInReach(scheme, await loadCalendar(deps, scheme), app, l.now));
  await notify(deps, `information#${app.id}#${decision?.id ?? ''}`, [app.ownerEmail], mail.moreInformationRequested(mailContext(scheme, app), {
    message: app.informationRequest ?? decision?.reason ?? '',
    reviseLink: await ownerLink(deps, app),
    respondBy,
    ...(reached ? { meeting: reached } : {}),
  }));
  return wait;
}

async function rejected(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  const decision = await latestDecision(deps, app);
  await sendDecision(deps, app, `rejected#${app.id}`, (copy) =>
    mail.rejectionLetter(mailContext(scheme, app), {
      reason: app.rejectionReason ?? decision?.reason ?? '',
      decidedAt: decision?.at ?? l.now.toISOString(),
      ...(decision?.meetingId ? { meetingDate: decision.meetingId } : {}),
      ...copy,
    }),
  );
  return {};
}

async function withdrawnStep(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme } = l;
  const entry = [...app.history].reverse().find((h) => h.to === 'withdrawn');
  const at = entry?.at ?? l.now.toISOString();
  const reason = expiredEntry(app)?.details?.reason as ExpiryReason | undefined;
  const letter = reason
    ? mail.closedWithoutDecision(mailContext(scheme, app), { closedAt: at, reason, answerDays: ANSWER_DAYS })
    : mail.withdrawn(mailContext(scheme, app), { withdrawnAt: at });
  await notify(deps, `withdrawn#${app.id}`, [app.ownerEmail], letter, [scheme.secretariatEmail]);
  // Withdrawn while the partners signed: those still asked hear that there is nothing to sign.
  if (!reason && entry?.from === 'awaiting_cosignature') await tellPartnersNotToSign(deps, l, at);
  await deps.store.cancelReminders(app.id, ['cosign', 'submission-deadline']);
  return {};
}

async function tellPartnersNotToSign(deps: Dependencies, l: Loaded, withdrawnAt: string): Promise<void> {
  const { app, scheme } = l;
  const [{ data }, signatures] = await Promise.all([loadCurrentVersion(deps, app), deps.store.listSignatures(app.id, app.version)]);
  const ownerOrganisation = data.partners[data.owner.partnerIndex]?.organisationName ?? '';
  for (const [i, partner] of data.partners.entries()) {
    if (signatures.some((s) => s.partnerIndex === i) || partner.email.toLowerCase() === app.ownerEmail.toLowerCase()) continue;
    await notify(deps, `withdrawn#${app.id}#v${app.version}#p${i}`, [partner.email], mail.withdrawnBeforeSigning(mailContext(scheme, app), { recipientName: partner.contactName, ownerOrganisation, withdrawnAt }));
  }
}

/** The application ran out of rounds, time or meetings: it is closed as withdrawn, and the owner is told why. */
async function expired(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  let current = app;
  if (!TERMINAL_STATUSES.includes(app.status) && app.status !== 'approved') {
    const reason = expiryReason(app.status, targetMeeting(scheme, await loadCalendar(deps, scheme), now) !== undefined);
    try {
      current = await moveApplication(deps, app, 'withdrawn', 'expired', SYSTEM, { remove: ['meetingId'], details: { reason } });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      current = await loadApplication(deps, app.id);
    }
  }
  return current.status === 'withdrawn' ? withdrawnStep(deps, { ...l, app: current }) : {};
}

// --- Grant phase --------------------------------------------------------------------------------

async function ensureReportLinks(deps: Dependencies, l: Loaded): Promise<Record<'status-report' | 'final-report', LinkRecord>> {
  const { app, scheme, now } = l;
  const existing = await deps.store.listLinks(app.id);
  const allocation = app.allocation!;
  const wanted = { 'status-report': allocation.statusReportDue, 'final-report': allocation.finalReportDue } as const;
  const out = {} as Record<'status-report' | 'final-report', LinkRecord>;
  const created: LinkRecord[] = [];
  for (const purpose of ['status-report', 'final-report'] as const) {
    const found = existing.find((k) => k.purpose === purpose);
    if (found) {
      out[purpose] = found;
      continue;
    }
    const lasts = overdueWindowDays(scheme.reminders) + REPORT_LINK_DAYS_AFTER_LAST_CHANCE;
    const days = Math.ceil((osloInstant(addDays(wanted[purpose], lasts)).getTime() - now.getTime()) / 86_400_000);
    const link = newLink(deps, { purpose, applicationId: app.id, schemeId: scheme.id }, now, Math.max(days, 30));
    created.push(link);
    out[purpose] = link;
  }
  if (created.length) await deps.store.putLinks(created);
  return out;
}

/** A grant paid on invoice: the first reminder to send it, a while after the decision (the sweep chains the next while none has come). */
function invoiceReminders(app: ApplicationRecord, scheme: SchemeConfig, payout: PayoutRecord): ReminderRecord[] {
  if (payout.state !== 'awaiting_invoice' || !app.allocation || scheme.reminders.maxInvoiceReminders === 0) return [];
  const dueAt = invoiceMissingFrom(app.allocation.decidedAt, scheme.reminders.invoiceAfterDays);
  return [{ id: invoiceReminderId(app.id, 1), applicationId: app.id, schemeId: scheme.id, kind: 'invoice-missing', dueAt: dueAt.toISOString(), seq: 1 }];
}

/** How long a report wait lasts: until the last overdue reminder has had its chance. */
function reportWait(l: Loaded, due: string) {
  return { timeoutSeconds: waitSeconds(reportLastChance(due, l.scheme.reminders), l.start, l.now) };
}

/** Decision letter (with copy to the service-model group's leaders), payout trigger, report reminders. */
async function allocate(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  if (!app.allocation) throw new Error(`Application ${app.id} has no allocation`);
  const allocation = app.allocation;
  const ctx = mailContext(scheme, app);
  const [links, version] = await Promise.all([ensureReportLinks(deps, l), loadCurrentVersion(deps, app)]);
  const reportLinks = { status: linkUrl(deps, links['status-report']), final: linkUrl(deps, links['final-report']) };
  // What the version decided on applied for: the letter says so when the grant differs.
  const applied = { amount: app.requestedAmount, periodStart: version.data.periodStart, periodEnd: version.data.periodEnd };
  await sendDecision(deps, app, `decision-letter#${app.id}`, (copy) =>
    mail.decisionLetter(ctx, {
      amount: allocation.amount,
      periodStart: allocation.periodStart,
      periodEnd: allocation.periodEnd,
      decidedAt: allocation.decidedAt,
      ...(allocation.meetingId ? { meetingDate: allocation.meetingId } : {}),
      projectNumber: scheme.projectNumber,
      ownerIsInternalUnit: app.ownerIsInternalUnit,
      invoiceTo: scheme.hospitalTrust,
      statusReportDue: allocation.statusReportDue,
      finalReportDue: allocation.finalReportDue,
      ...(allocation.note ? { note: allocation.note } : {}),
      applied,
      ...(copy.copyFor ? {} : { reportLinks }),
      ...copy,
    }),
  );
  const payout = await triggerPayout(deps, app.id, SYSTEM);
  // The e-mail to finance says what the event says, with the grant's period and decision date.
  const event = payoutEvent(app, payout, scheme);
  await notify(deps, `payout#${payout.id}`, [scheme.financeEmail], mail.payoutTrigger(ctx, {
    ...event, periodStart: allocation.periodStart, periodEnd: allocation.periodEnd, decidedAt: allocation.decidedAt, adminLink: pageUrl(deps, payoutsPath(payout.projectNumber)),
  }));
  await putReminders(deps, [...reportReminders(app, scheme, 'status', allocation.statusReportDue, now), ...invoiceReminders(app, scheme, payout)]);
  return {
    payout: event,
    wait: reportWait(l, allocation.statusReportDue),
  };
}

/** What finance's event bus gets for a payout (PayoutTrigger, RepaymentClaim). */
function payoutEvent(app: ApplicationRecord, payout: PayoutRecord, scheme: SchemeConfig) {
  return {
    grantId: app.id, payoutId: payout.id, projectNumber: payout.projectNumber, payee: payout.payee,
    ...(payout.payeeOrganisationNumber ? { payeeOrganisationNumber: payout.payeeOrganisationNumber } : {}),
    amount: payout.amount, mode: payout.mode, schemeId: scheme.id,
  };
}

async function reportMissing(deps: Dependencies, l: Loaded, kind: 'status' | 'final'): Promise<StepResult> {
  await reportWaitOver(deps, l.app, l.scheme, kind, l.now);
  return {};
}

/**
 * How far ahead a final-report schedule is set at least. The schedule is created by the workflow's
 * next state, whose retries (grant.asl.json, CreateFinalReportSchedule) must all fall before that
 * moment: a moment that has passed meanwhile would be refused on every retry, and the grant's
 * execution would fail instead of its final-report phase starting (a test holds the two together).
 */
export const FINAL_REPORT_SCHEDULE_LEAD_MS = 60 * 60_000;

/**
 * The final-report phase starts at the end of the period through a one-time EventBridge schedule
 * (created by the workflow itself), not through a wait that could outlive the execution.
 */
async function scheduleFinalReport(deps: Dependencies, l: Loaded): Promise<StepResult> {
  await deps.store.handOverFinalReport(l.app.id, l.now.toISOString());
  return finalReportSchedule(l, `final-report-${l.app.id}`);
}

/** The one-time schedule that starts the final-report phase when the period is over (by its end of day in Oslo). */
function finalReportSchedule(l: Loaded, name: string): { name: string; expression: string; input: string } {
  const { app, now } = l;
  if (!app.allocation) throw new Error(`Application ${app.id} has no allocation`);
  const periodOver = endOfOsloDay(app.allocation.periodEnd);
  // Scheduler rejects moments in the past: a period that already ended starts the phase a while from now.
  const at = new Date(Math.max(periodOver.getTime() + 1, now.getTime() + FINAL_REPORT_SCHEDULE_LEAD_MS));
  return {
    name: name.replace(/[^0-9a-zA-Z-_.]/g, '-').slice(0, 64),
    expression: `at(${at.toISOString().slice(0, 19)})`,
    input: JSON.stringify({ applicationId: app.id, schemeId: app.schemeId }),
  };
}

/**
 * The final-report phase has started: is the period over? The committee may have moved its end
 * since the schedule was set (changeGrantPeriod); then the phase sets a schedule for the new end
 * (named by it, so a retry finds its own) and ends, and starts again then. A period that is over:
 * this execution runs the phase if it claims it; it does not (`runs: false`) when another has it (the
 * schedule at the old end of a period that ended earlier) or the grant phase has not handed over
 * (a period that now ends before the status report is in: the grant phase schedules the phase then).
 */
async function finalReportPeriod(deps: Dependencies, l: Loaded, executionName: string | undefined): Promise<StepResult> {
  const { app, now } = l;
  if (!app.allocation) throw new Error(`Application ${app.id} has no allocation`);
  if (endOfOsloDay(app.allocation.periodEnd) > now) {
    return { periodOver: false, runs: false, schedule: finalReportSchedule(l, `final-report-${app.id}-${app.allocation.periodEnd}`) };
  }
  // An execution of the definition before claims (it passes no name, and reads no `runs`): it runs, as it always did.
  if (executionName === undefined) return { periodOver: true, runs: true, schedule: null };
  let runs = await deps.store.claimFinalReport(app.id, executionName, now.toISOString());
  // A grant phase that ended before hand-overs were recorded (a grant older than them) left none,
  // and no longer waits for the status report: it is handed over now.
  if (!runs && !(await deps.store.finalReportHandedOver(app.id)) && !(await deps.tasks.getWaitingTask(app.id, 'status-report'))) {
    await deps.store.handOverFinalReport(app.id, now.toISOString());
    runs = await deps.store.claimFinalReport(app.id, executionName, now.toISOString());
  }
  if (!runs) logger.info('Final-report phase not run by this execution', { applicationId: app.id, executionName });
  return { periodOver: true, runs, schedule: null };
}

async function prepareFinalReport(deps: Dependencies, l: Loaded): Promise<StepResult> {
  const { app, scheme, now } = l;
  if (!app.allocation) throw new Error(`Application ${app.id} has no allocation`);
  await putReminders(deps, reportReminders(app, scheme, 'final', app.allocation.finalReportDue, now));
  return reportWait(l, app.allocation.finalReportDue);
}

/** The final-report wait is over (closeWithFinalReport). */
async function close(deps: Dependencies, l: Loaded): Promise<StepResult> {
  await closeWithFinalReport(deps, l.app, l.scheme);
  return {};
}

// --- Side paths ---------------------------------------------------------------------------------

async function reallocationRequested(deps: Dependencies, l: Loaded, reallocationId: string): Promise<StepResult> {
  const { app, scheme } = l;
  const r = await deps.store.getReallocation(app.id, reallocationId);
  if (!r) throw new Error(`Reallocation ${reallocationId} is missing`);
  await notify(deps, `reallocation-requested#${r.id}`, [scheme.secretariatEmail], mail.reallocationRequested(mailContext(scheme, app), { description: r.description, amount: r.amount, requestedAt: r.requestedAt, adminLink: caseUrl(deps, app.id) }));
  return { timeoutSeconds: waitSeconds(committeeAnswerDue(await loadCalendar(deps, scheme), l.now, REALLOCATION_MIN_WAIT_DAYS), l.start, l.now) };
}

/** The committee decided, or did not within the time allowed: then the request lapses as refused. */
async function reallocationDecided(deps: Dependencies, l: Loaded, reallocationId: string): Promise<StepResult> {
  const { app, scheme } = l;
  let r = await deps.store.getReallocation(app.id, reallocationId);
  if (!r) throw new Error(`Reallocation ${reallocationId} is missing`);
  // Lapsed undecided: no decision of the committee, so nothing for the group's leaders.
  const lapsed = r.state === 'requested';
  if (lapsed) {
    r = await deps.store.decideReallocation(app.id, r.id, 'refused', l.now.toISOString(), 'Ikke behandlet innen fristen. Send en ny søknad om omdisponering ved behov.');
  }
  // Closed with a revocation: the revocation's own letter tells the owner.
  if (app.status === 'revoked') return {};
  const decided = r;
  const letter = (copy: mail.DecisionCopy) => mail.reallocationDecided(mailContext(scheme, app), {
    approved: decided.state === 'approved', amount: decided.amount, decidedAt: decided.decidedAt ?? l.now.toISOString(), ...(decided.reason ? { reason: decided.reason } : {}), ...copy,
  });
  const key = `reallocation-decided#${r.id}`;
  if (lapsed) await notify(deps, key, [app.ownerEmail], letter({}));
  else await sendDecision(deps, app, key, letter);
  return {};
}

/** Every reminder of the grant's two reports (and their "missing" notices): none is owed once the grant ends early. */
const EVERY_REPORT_REMINDER: readonly ReminderRecord['kind'][] = [...REPORT_REMINDER_KINDS.status, ...REPORT_REMINDER_KINDS.final];

async function repaymentClaimed(deps: Dependencies, l: Loaded, payoutId: string): Promise<StepResult> {
  const { app, scheme } = l;
  const payout = await deps.store.getPayout(payoutId);
  if (!payout) throw new Error(`Payout ${payoutId} is missing`);
  const claim = recordedClaim(app.history);
  // A partial claim that lets the grant run on leaves the status (and the reports) as they were.
  const effect = claim?.effect ?? 'ends';
  await sendDecision(deps, app, `repayment#${payout.id}`, (copy) => mail.repaymentClaim(mailContext(scheme, app), {
    amount: -payout.amount, reason: claim?.reason ?? '', projectNumber: payout.projectNumber, decidedAt: payout.createdAt, effect, ...copy,
  }), [scheme.financeEmail]);
  if (effect === 'ends') await deps.store.cancelReminders(app.id, EVERY_REPORT_REMINDER);
  return { payout: payoutEvent(app, payout, scheme) };
}

/**
 * The committee took the grant back before it was paid: its decision to the owner, with the copy to
 * the group's leaders; to finance, the cancelled payout (the event goes out next); no more report reminders.
 */
async function grantRevoked(deps: Dependencies, l: Loaded, payoutId: string): Promise<StepResult> {
  const { app, scheme } = l;
  const payout = await deps.store.getPayout(payoutId);
  if (!payout) throw new Error(`Payout ${payoutId} is missing`);
  const revocation = recordedRevocation(app.history);
  const decidedAt = revocation?.at ?? l.now.toISOString();
  await sendDecision(deps, app, `grant-revoked#${app.id}`, (copy) =>
    mail.grantRevoked(mailContext(scheme, app), { amount: payout.amount, reason: revocation?.reason ?? '', decidedAt, ...copy }),
  );
  const event = payoutEvent(app, payout, scheme);
  await notify(deps, `payout-cancelled#${payout.id}`, [scheme.financeEmail], mail.payoutCancelled(mailContext(scheme, app), {
    ...event, invoiceNumber: payout.invoiceNumber, cancelledAt: payout.cancelledAt ?? decidedAt, adminLink: pageUrl(deps, payoutsPath(payout.projectNumber)),
  }), [scheme.secretariatEmail]);
  await deps.store.cancelReminders(app.id, EVERY_REPORT_REMINDER);
  return { payout: event };
}

export const LIFECYCLE_ACTIONS = [
  'request-cosignatures', 'sent-back-for-revision', 'cosignatures-expired', 'schedule-for-meeting', 'await-calendar', 'decision-overdue', 'deferred',
  'information-requested', 'rejected', 'withdrawn', 'expired', 'allocate', 'status-report-missing', 'schedule-final-report',
  'final-report-period', 'prepare-final-report', 'final-report-missing', 'close', 'reallocation-requested', 'reallocation-decided', 'reallocation-undecided', 'repayment-claimed',
  'grant-revoked',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

export async function runLifecycleStep(deps: Dependencies, action: LifecycleAction, input: StepInput): Promise<StepResult> {
  const l = await load(deps, input);
  switch (action) {
    case 'request-cosignatures': return requestCosignatures(deps, l);
    case 'sent-back-for-revision': return sentBackForRevision(deps, l);
    case 'cosignatures-expired': return cosignaturesExpired(deps, l);
    case 'schedule-for-meeting': return scheduleForMeeting(deps, l);
    case 'await-calendar': return awaitCalendar(deps, l);
    case 'decision-overdue': return decisionOverdue(deps, l);
    case 'deferred': return deferredStep(deps, l);
    case 'information-requested': return informationRequested(deps, l);
    case 'rejected': return rejected(deps, l);
    case 'withdrawn': return withdrawnStep(deps, l);
    case 'expired': return expired(deps, l);
    case 'allocate': return allocate(deps, l);
    case 'status-report-missing': return reportMissing(deps, l, 'status');
    case 'schedule-final-report': return scheduleFinalReport(deps, l);
    case 'final-report-period': return finalReportPeriod(deps, l, input.executionName);
    case 'prepare-final-report': return prepareFinalReport(deps, l);
    case 'final-report-missing': return reportMissing(deps, l, 'final');
    case 'close': return close(deps, l);
    case 'reallocation-requested': return reallocationRequested(deps, l, required(input.reallocationId, 'reallocationId'));
    case 'reallocation-decided':
    case 'reallocation-undecided': return reallocationDecided(deps, l, required(input.reallocationId, 'reallocationId'));
    case 'repayment-claimed': return repaymentClaimed(deps, l, required(input.payoutId, 'payoutId'));
    case 'grant-revoked': return grantRevoked(deps, l, required(input.payoutId, 'payoutId'));
  }
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required for this step`);
  return value;
}
