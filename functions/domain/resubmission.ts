// The owner's deadline to send an application in again once it came back to them (a partner
// declined, the signing ran out, or the committee asked for more information): the workflow's wait
// for the revision ends then, and the application is closed without a decision. The step that mails
// the owner keeps it on the history, so the owner's page and the case give the deadline the mail gave.
import type { ApplicationRecord, ApplicationStatus, AuditEntry } from './model';
import { addDaysToInstant, waitSeconds } from './wait-budget';

/** Revision and information answers are expected within this many days. */
export const ANSWER_DAYS = 90;

/** The history entry that keeps the deadline the owner was given (details: respondBy, version). */
export const RESUBMISSION_DUE = 'resubmission-due';

/** Back with the owner, waiting for the application to be sent in again. */
export const AWAITING_RESUBMISSION: readonly ApplicationStatus[] = ['draft', 'more_information_requested'];

/**
 * When the wait for the owner's new version ends, seen from `now` in an execution that started at
 * `executionStart`: ANSWER_DAYS on, or sooner at the end of the execution's budget.
 */
export function resubmissionDeadline(now: Date, executionStart: Date): Date {
  return new Date(now.getTime() + waitSeconds(addDaysToInstant(now, ANSWER_DAYS), executionStart, now) * 1000);
}

/**
 * The deadline the owner was given for the current version, while the application waits for it to
 * be sent in again; undefined once it has been (a new version), once it has ended, and on
 * applications sent back before the deadline was kept.
 */
export function resubmissionDue(app: Pick<ApplicationRecord, 'status' | 'version'> & { history: readonly Pick<AuditEntry, 'action' | 'details'>[] }): string | undefined {
  if (!AWAITING_RESUBMISSION.includes(app.status)) return undefined;
  const details = app.history.findLast((h) => h.action === RESUBMISSION_DUE)?.details;
  return details?.version === app.version && typeof details.respondBy === 'string' ? details.respondBy : undefined;
}
