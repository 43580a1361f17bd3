import { createHash } from 'node:crypto';
import { agendaVisitKey } from '../domain/meeting-calendar';
import type { ApplicationRecord, Meeting } from '../domain/model';
import type { Dependencies } from '../composition';
import { scheduledForMeeting, type DecisionCopy, type MailContext, type RenderedMail, type ScheduledForMeetingData, type SchemeMailContext } from '../mail/templates';
import { anchoringGroup } from '../domain/anchoring';
import { currentGroupRegister } from './group-register';
import { loadCurrentVersion, loadScheme } from './load-application';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export function schemeMailContext(scheme: SchemeConfig): SchemeMailContext {
  return {
    name: scheme.name,
    committeeShortName: scheme.committee.shortName,
    secretariatEmail: scheme.secretariatEmail,
    statusReportAfterMonths: scheme.statusReportAfterMonths,
    ...(scheme.actionPlan ? { actionPlanTitle: scheme.actionPlan.title } : {}),
  };
}

export function mailContext(scheme: SchemeConfig, app: Pick<ApplicationRecord, 'id' | 'title'>): MailContext {
  return { scheme: schemeMailContext(scheme), application: { id: app.id, title: app.title } };
}

/**
 * A mail that could not be sent (SES down or throttling, another caller still sending it, …). The
 * lifecycle workflows retry this error by name for hours (a retrier of its own before the general
 * one, whose budget of about ten minutes an SES outage can outlast); the reminder sweep tries again
 * on its next run. The mail key makes a retry that follows a lost answer send nothing twice.
 */
export class MailNotSentError extends Error {
  override readonly name = 'MailNotSentError';
  constructor(readonly idempotencyKey: string, cause: unknown) {
    super(`Mail ${idempotencyKey} was not sent: ${(cause as Error | undefined)?.name ?? 'Error'}`, { cause });
  }
}

/** The message tag that names the case a mail is about (mail-bounced.ts reads it back). */
export const APPLICATION_TAG = 'application';
/** The message tag that names the mail itself, by mailRef (a bounce marks it on the case's mail log). */
export const MAIL_TAG = 'mail';

/** A mail's name in a message tag and on the case's mail log: a hash of its key (SES tags allow no '#'). */
export function mailRef(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/** What sending a mail needs: the mailer, and the store and clock for the case's mail log. */
export type MailDeps = Pick<Dependencies, 'mailer' | 'store' | 'clock'>;

/**
 * Sends a rendered mail once per key (the mailer's outbox makes repeats no-ops). A mail about a case
 * goes on the case's mail log, also on a repeat (the first call may have crashed after sending).
 */
export async function notify(deps: MailDeps, key: string, to: string[], mail: RenderedMail, cc: string[] = []): Promise<void> {
  const recipients = [...new Set(to.filter(Boolean))];
  if (recipients.length === 0) return;
  const copies = [...new Set(cc.filter((c) => c && !recipients.includes(c)))];
  try {
    await deps.mailer.send({
      idempotencyKey: key, to: recipients, ...(copies.length ? { cc: copies } : {}), subject: mail.subject, text: mail.text, html: mail.html,
      ...(mail.applicationId ? { tags: { [APPLICATION_TAG]: mail.applicationId, [MAIL_TAG]: mailRef(key) } } : {}),
    });
  } catch (error) {
    throw new MailNotSentError(key, error);
  }
  if (mail.applicationId) {
    await deps.store.recordSentMail({
      applicationId: mail.applicationId, key, ref: mailRef(key), sentAt: deps.clock.now().toISOString(), subject: mail.subject, to: recipients, ...(copies.length ? { cc: copies } : {}),
    });
  }
}

/**
 * Tells the project owner which meeting the case is on: once per case, meeting and time on its
 * agenda, whether the workflow scheduled it or the secretariat moved it there (then from which
 * meeting, and whether that one was cancelled). Moved away and back, the owner hears of it again.
 */
export async function notifyMeeting(
  deps: MailDeps,
  scheme: SchemeConfig,
  app: Pick<ApplicationRecord, 'id' | 'title' | 'ownerEmail' | 'history'>,
  meeting: Pick<Meeting, 'id' | 'date' | 'submissionDeadline'>,
  statusLink: string,
  /** where it comes from: a meeting it was moved from, or the meeting that deferred it */
  from: Pick<ScheduledForMeetingData, 'movedFrom' | 'deferredFrom'> = {},
): Promise<void> {
  const data: ScheduledForMeetingData = { meetingDate: meeting.date, submissionDeadline: meeting.submissionDeadline, statusLink, ...from };
  await notify(deps, `scheduled#${app.id}#${agendaVisitKey(meeting.id, app.history)}`, [app.ownerEmail], scheduledForMeeting(mailContext(scheme, app), data));
}

/**
 * A decision of the committee to the owner, and a copy to the leader and deputy of the service-model
 * group or professional council that anchors the project (002: "Tilbakemeldingen sendes med kopi
 * til leder og nestleder"). The copy is its own e-mail without the owner's links: they act.
 */
export async function sendDecision(deps: Dependencies, app: ApplicationRecord, key: string, letter: (copy: DecisionCopy) => RenderedMail, ownerCc: string[] = []): Promise<void> {
  // The register as the secretariat keeps it now: a new leader gets the copies of decisions sent after the change.
  const [version, register] = await Promise.all([loadCurrentVersion(deps, app), currentGroupRegister(deps, loadScheme(deps, app.schemeId))]);
  const group = anchoringGroup(version.data.anchoring, register);
  if (!group) {
    await notify(deps, key, [app.ownerEmail], letter({}), ownerCc);
    return;
  }
  await notify(deps, key, [app.ownerEmail], letter({ copyTo: [`leder og nestleder i ${group.name}`] }), ownerCc);
  await notify(deps, `${key}#kopi`, [group.leaderEmail], letter({ copyFor: group.name }), [group.deputyLeaderEmail]);
}
