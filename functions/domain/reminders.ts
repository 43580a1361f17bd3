// Reminders: which kinds belong to which report, and whether a reminder still has something to say
// when its time comes (the sweep sends only those; the case page lists them as planned).
import { APPLICATION_STATUSES, type ApplicationRecord, type ReminderKind, type ReminderRecord, type ReportKind } from './model';
import { REPORTABLE_FROM, reportDueDate } from './reports';
import { ON_AGENDA, TERMINAL_STATUSES } from './status-transitions';
import { PERIOD_CHANGEABLE } from './grant-period';

/** Each report's reminder kinds: before and after the deadline, the notices around it. */
export const REPORT_REMINDERS = {
  status: {
    due: 'status-report-due', overdue: 'status-report-overdue', missing: 'status-report-missing', extended: 'status-report-extended',
    receipt: 'status-report-receipt', request: 'status-report-deadline-request', declined: 'status-report-deadline-declined',
  },
  final: {
    due: 'final-report-due', overdue: 'final-report-overdue', missing: 'final-report-missing', extended: 'final-report-extended',
    receipt: 'final-report-receipt', request: 'final-report-deadline-request', declined: 'final-report-deadline-declined',
  },
} as const satisfies Record<ReportKind, Record<string, ReminderKind>>;

/** The reminders a report's arrival (or a new deadline) ends. */
export const REPORT_REMINDER_KINDS: Record<ReportKind, ReminderKind[]> = {
  status: [REPORT_REMINDERS.status.due, REPORT_REMINDERS.status.overdue, REPORT_REMINDERS.status.missing],
  final: [REPORT_REMINDERS.final.due, REPORT_REMINDERS.final.overdue, REPORT_REMINDERS.final.missing],
};

/** The key a reminder's mail goes out under, and has on the case's mail log. */
export const reminderMailKey = (reminderId: string): string => `reminder#${reminderId}`;

const invoiceReminderPrefix = (applicationId: string): string => `${applicationId}#invoice-missing#`;

/** The owner's reminders to send the invoice: the first is number 1; the sweep chains the next ones (2, 3, …). */
export const invoiceReminderId = (applicationId: string, seq: number): string => `${invoiceReminderPrefix(applicationId)}${seq}`;

/** Whether a mail on the case's log is one of the owner's reminders to send the invoice. */
export const isInvoiceReminderMail = (applicationId: string, mailKey: string): boolean => mailKey.startsWith(reminderMailKey(invoiceReminderPrefix(applicationId)));

/** The owner's resend of a partner's signing link: one per partner, version and day (Oslo); the id is the once-a-day rule. */
export const signingResendId = (app: Pick<ApplicationRecord, 'id' | 'version'>, partnerIndex: number, day: string): string =>
  `${app.id}#cosign#v${app.version}#p${partnerIndex}#${day}`;

/** Whether a reminder chases a report past its deadline. */
export function isOverdueReminder(r: Pick<ReminderRecord, 'kind'>): boolean {
  return r.kind === REPORT_REMINDERS.status.overdue || r.kind === REPORT_REMINDERS.final.overdue;
}

/**
 * Whether the secretariat gets this reminder in copy: the first `copies` overdue reminders of a
 * deadline. It hears that a report is overdue, not every fortnight: the overdue page lists it, and
 * "report missing" says when the reminders end.
 */
export function overdueCopiedToSecretariat(r: Pick<ReminderRecord, 'kind' | 'seq'>, copies: number): boolean {
  return isOverdueReminder(r) && (r.seq ?? 1) <= copies;
}

/** The report a reminder is about (undefined: not a report reminder). */
export function reportKindOfReminder(kind: ReminderKind): ReportKind | undefined {
  return (Object.keys(REPORT_REMINDERS) as ReportKind[]).find((k) => (Object.values(REPORT_REMINDERS[k]) as string[]).includes(kind));
}

/** The status an application must still have for a reminder of this kind to make sense. */
const STILL_WAITING: Record<ReminderRecord['kind'], readonly ApplicationRecord['status'][]> = {
  cosign: ['awaiting_cosignature'],
  'submission-deadline': ['awaiting_cosignature'],
  // the status report is owed 6 months after the allocation, paid out or not (an invoice may come late)
  'status-report-due': REPORTABLE_FROM.status,
  'status-report-overdue': REPORTABLE_FROM.status,
  // the final report is owed whether or not the status report came
  'final-report-due': REPORTABLE_FROM.final,
  'final-report-overdue': REPORTABLE_FROM.final,
  // a moved deadline: told to the owner, and its "missing" notice to the secretariat, while the report is owed
  'status-report-extended': REPORTABLE_FROM.status,
  'final-report-extended': REPORTABLE_FROM.final,
  'status-report-missing': REPORTABLE_FROM.status,
  'final-report-missing': REPORTABLE_FROM.final,
  'grant-close': ['final_report_received'],
  'status-report-deadline-request': REPORTABLE_FROM.status,
  'final-report-deadline-request': REPORTABLE_FROM.final,
  'status-report-deadline-declined': REPORTABLE_FROM.status,
  'final-report-deadline-declined': REPORTABLE_FROM.final,
  // a receipt goes out whatever happened since (the grant may have closed already)
  'status-report-receipt': APPLICATION_STATUSES,
  'final-report-receipt': APPLICATION_STATUSES,
  'meeting-moved': ON_AGENDA,
  // a grant closed with a repayment claim still has an owner to reach
  'owner-changed': APPLICATION_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s) || s === 'closed'),
  // the owner can look at a case that has ended too
  'owner-link': APPLICATION_STATUSES,
  // a decision goes out whatever happened since it was made
  'grant-period-changed': APPLICATION_STATUSES,
  // a request the committee can still answer: the grant runs
  'grant-period-request': PERIOD_CHANGEABLE,
  'grant-period-declined': APPLICATION_STATUSES,
  // the secretariat can ask for more in a report whatever the grant's status (a closed grant's final report too)
  'report-supplement': APPLICATION_STATUSES,
  'report-supplement-lapsed': APPLICATION_STATUSES,
  'report-supplement-withdrawn': APPLICATION_STATUSES,
  'report-supplemented': APPLICATION_STATUSES,
  // a message goes out whatever happened since it was written
  'owner-message': APPLICATION_STATUSES,
  'secretariat-message': APPLICATION_STATUSES,
  // the statuses a grant can have while its payout waits (the payout's own state decides: see deliver)
  'invoice-missing': ['payout_pending', 'status_report_received', 'final_report_received', 'closed'],
};

/**
 * Whether a reminder still has something to say when its time comes: the case is still where the
 * reminder was made for (the same version for co-signature; the same deadline for a report). The
 * sweep sends those only; the case page lists them as planned.
 */
export function reminderStillDue(r: ReminderRecord, app: ApplicationRecord): boolean {
  return STILL_WAITING[r.kind].includes(app.status) && (r.version === undefined || r.version === app.version) && forCurrentDeadline(r, app);
}

/** A report reminder made for a deadline that has moved since is not sent (reminders made before deadlines could move carry none). */
function forCurrentDeadline(r: ReminderRecord, app: ApplicationRecord): boolean {
  const kind = reportKindOfReminder(r.kind);
  return r.reportDue === undefined || !kind || r.reportDue === reportDueDate(kind, app.allocation);
}

