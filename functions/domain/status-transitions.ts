// The application lifecycle as a transition table; every status change goes through assertTransition.
import { ConflictError } from './errors';
import type { Allocation, ApplicationStatus, PayoutState } from './model';
import { formatNorwegianDate } from './oslo-time';

export const ALLOWED_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ['awaiting_cosignature', 'withdrawn'],
  // all partners signed | a partner declined: back to the owner for revision | owner withdraws
  // → awaiting_cosignature: the owner corrected it before everyone signed (a new version, signed anew)
  awaiting_cosignature: ['submitted', 'draft', 'withdrawn', 'awaiting_cosignature'],
  submitted: ['scheduled', 'withdrawn', 'rejected'],
  // scheduled → scheduled: moved to another meeting; → recommended: two-level schemes only
  scheduled: ['recommended', 'more_information_requested', 'deferred', 'approved', 'rejected', 'withdrawn', 'scheduled'],
  // → recommended: a corrected recommendation; → scheduled: moved to another meeting (or the decision is overdue), a new round
  recommended: ['recommended', 'more_information_requested', 'deferred', 'approved', 'rejected', 'withdrawn', 'scheduled'],
  // a revised application is a new version, so partners sign again
  more_information_requested: ['awaiting_cosignature', 'withdrawn', 'rejected'],
  deferred: ['scheduled', 'withdrawn', 'rejected'],
  approved: ['payout_pending'],
  // → status_report_received: the report is due 6 months after the allocation, paid out or not yet
  // (an owner who invoices late still reports on time)
  // → revoked: the committee takes the grant back before it is paid (see revocationRefusal in payout.ts)
  payout_pending: ['active', 'status_report_received', 'revoked'],
  // final report without a status report: the status report went missing, the final one is still owed
  active: ['status_report_received', 'final_report_received', 'repayment_claimed', 'revoked'],
  status_report_received: ['final_report_received', 'repayment_claimed', 'revoked'],
  final_report_received: ['closed', 'repayment_claimed', 'revoked'],
  repayment_claimed: ['closed'],
  rejected: [],
  withdrawn: [],
  revoked: [],
  // the final report may show the money was not used as described: a claim, and closed again once repaid;
  // → revoked: closed after its final report and never paid (an invoice never sent), the money is taken back
  closed: ['repayment_claimed', 'revoked'],
};

/** The lifecycle is over and nothing is due; only a closed grant can still be claimed back, or taken back if never paid (side processes). */
export const TERMINAL_STATUSES: readonly ApplicationStatus[] = ['rejected', 'withdrawn', 'closed', 'revoked'];

/** Whether the project can get a new contact person: while the case runs, or while a repayment claim keeps a closed grant going. */
export function ownerChangeable(app: { status: ApplicationStatus; repaymentClaimed?: number | undefined }): boolean {
  return !TERMINAL_STATUSES.includes(app.status) || (app.status === 'closed' && !!app.repaymentClaimed);
}

/** On a meeting's agenda and not yet decided (recommended: two-level schemes, after the first level). */
export const ON_AGENDA: readonly ApplicationStatus[] = ['scheduled', 'recommended'];

/** The cases of an agenda still to be decided (an approved or rejected case stays on its agenda, decided). */
export function openOnAgenda<T extends { status: ApplicationStatus }>(agenda: readonly T[]): T[] {
  return agenda.filter((a) => ON_AGENDA.includes(a.status));
}

/** What the project owner may do, by status (the owner's page offers only these). */
export const WITHDRAWABLE: readonly ApplicationStatus[] = ['draft', 'awaiting_cosignature', 'submitted', 'scheduled', 'recommended', 'more_information_requested', 'deferred'];
// awaiting_cosignature: a mistake seen before everyone signed (a partner's address, a figure) is corrected at once
export const REVISABLE: readonly ApplicationStatus[] = ['draft', 'awaiting_cosignature', 'more_information_requested'];
export const REALLOCATABLE: readonly ApplicationStatus[] = ['payout_pending', 'active', 'status_report_received'];
/**
 * When the committee may claim repayment, by status (the grant must also be paid out: repaymentClaimable
 * in payout.ts). Closed too: the final report is where misuse most often shows, and it closes the grant.
 */
export const REPAYABLE: readonly ApplicationStatus[] = ['active', 'status_report_received', 'final_report_received', 'closed'];
/**
 * When the committee may take a grant back, by status (nothing of it may be paid yet: revocationRefusal
 * in payout.ts). Not while approved: the payout to cancel is created by the next workflow step.
 * Closed too: a grant can close after its reports with its payout never invoiced, its money still reserved.
 */
export const REVOCABLE: readonly ApplicationStatus[] = ['payout_pending', 'active', 'status_report_received', 'final_report_received', 'closed'];

/** Money has been allocated and the grant is not yet closed (counts against the pot, needs follow-up). */
export const ACTIVE_GRANT_STATUSES: readonly ApplicationStatus[] = [
  'approved',
  'payout_pending',
  'active',
  'status_report_received',
  'final_report_received',
  'repayment_claimed',
];

/** Money was granted: the active grants and the closed ones. */
export const GRANTED_STATUSES: readonly ApplicationStatus[] = [...ACTIVE_GRANT_STATUSES, 'closed'];

export const STATUS_LABELS_NB: Record<ApplicationStatus, string> = {
  draft: 'Sendt tilbake for endring',
  awaiting_cosignature: 'Venter på signering fra partene',
  submitted: 'Sendt inn',
  scheduled: 'Satt opp til behandling i møte',
  recommended: 'Innstilling gitt, venter på vedtak',
  more_information_requested: 'Mer informasjon etterspurt',
  deferred: 'Utsatt til et senere møte',
  approved: 'Innvilget',
  rejected: 'Avslått',
  withdrawn: 'Trukket',
  payout_pending: 'Venter på utbetaling',
  active: 'Pågår',
  status_report_received: 'Statusrapport mottatt',
  final_report_received: 'Sluttrapport mottatt',
  closed: 'Avsluttet',
  repayment_claimed: 'Krav om tilbakebetaling',
  revoked: 'Tilskuddet er trukket tilbake',
};

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/** Throws ConflictError (409, reason 'invalid-transition') for a transition the lifecycle forbids. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus): void {
  if (canTransition(from, to)) return;
  throw new ConflictError(
    `Søknaden kan ikke endres fra «${STATUS_LABELS_NB[from]}» til «${STATUS_LABELS_NB[to]}».`,
    'invalid-transition',
  );
}

/** Why the workflow closed an application nobody withdrew (it ends as withdrawn, with this reason). */
export type ExpiryReason = 'no-answer' | 'no-revision' | 'no-meeting' | 'too-many-rounds';

/**
 * The reason, from the status it was in when its time or rounds ran out: waiting for the owner's
 * answer to a question, or for a new version after a partner declined; or, with nothing to wait
 * for, no meeting left in the calendar to put it on; otherwise the limit on rounds.
 */
export function expiryReason(status: ApplicationStatus, meetingAhead: boolean): ExpiryReason {
  if (status === 'more_information_requested') return 'no-answer';
  if (status === 'draft') return 'no-revision';
  if (!meetingAhead) return 'no-meeting';
  return 'too-many-rounds';
}

/**
 * The status as the owner's page and the case name it: an application the workflow closed
 * (expired, see expiryReason) is not one the owner withdrew, though both end as withdrawn; and,
 * given today's date in Oslo, a grant paid before its period starts is not yet "Pågår" but
 * "Innvilget: starter 01.02.2027" (the status itself stays active).
 */
export function statusLabelOf(app: ClosedApplication, today?: string): string {
  if (expiredEntry(app)) return 'Avsluttet uten vedtak';
  const start = app.allocation?.periodStart;
  if (app.status === 'active' && today !== undefined && start !== undefined && today < start) return `Innvilget: starter ${formatNorwegianDate(start)}`;
  return STATUS_LABELS_NB[app.status];
}

/**
 * The status as the owner's own page names it: while the payment waits for the owner's invoice, whose
 * turn it is ("Venter på utbetaling" read as if the owner waited); otherwise as statusLabelOf.
 */
export function ownerStatusLabel(app: ClosedApplication, payoutState: PayoutState | undefined, today: string): string {
  return app.status === 'payout_pending' && payoutState === 'awaiting_invoice' ? 'Innvilget: venter på faktura fra dere' : statusLabelOf(app, today);
}

type ClosedApplication = {
  status: ApplicationStatus;
  history: readonly { action: string; details?: Record<string, string | number | boolean> }[];
  allocation?: Pick<Allocation, 'periodStart'>;
};

/**
 * The history entry by which the workflow closed an application ('expired', ending its history as
 * withdrawn), with the ExpiryReason in its details (entries before reasons were kept have none).
 */
export function expiredEntry<A extends ClosedApplication>(app: A): A['history'][number] | undefined {
  const last = app.history.at(-1);
  return app.status === 'withdrawn' && last?.action === 'expired' ? last : undefined;
}

/** The owner may not revise it now: where the application stands instead (a stale page's button, an old bookmark), and whom to ask. */
export function notRevisable(app: ClosedApplication): ConflictError {
  return new ConflictError(`Søknaden kan ikke endres nå: den har status «${statusLabelOf(app)}». Må noe rettes, ta kontakt med sekretariatet.`, 'not_revisable');
}
