// The grant domain's records. Pure types: no AWS, no zod runtime.
import type { ApplicationInput } from '../../schemas/application.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export const APPLICATION_STATUSES = [
  'draft',
  'awaiting_cosignature',
  'submitted',
  'scheduled',
  // two-level schemes: the preparatory body has given its recommendation; the committee decides next
  'recommended',
  'more_information_requested',
  'deferred',
  'approved',
  'rejected',
  'withdrawn',
  'payout_pending',
  'active',
  'status_report_received',
  'final_report_received',
  'closed',
  'repayment_claimed',
  // the committee took back a grant before any of it was paid out (the payout cancelled, the pot given back)
  'revoked',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export type Actor =
  | { kind: 'applicant'; email: string }
  | { kind: 'partner'; partnerIndex: number; email: string }
  // name: how people read it (kept when it says more than the subject, a UUID in Cognito)
  | { kind: 'staff'; role: StaffRole; subject: string; name?: string }
  | { kind: 'system'; name: string };

export type StaffRole = 'secretariat' | 'finance';

export interface AuditEntry {
  at: string; // ISO instant
  actor: Actor;
  action: string; // e.g. 'submitted', 'signed', 'decision:approve'
  from?: ApplicationStatus;
  to?: ApplicationStatus;
  details?: Record<string, string | number | boolean>;
}

export interface Allocation {
  amount: number; // whole NOK
  periodStart: string; // YYYY-MM-DD
  periodEnd: string; // YYYY-MM-DD
  potYear: number;
  decidedAt: string;
  meetingId?: string;
  statusReportDue: string; // YYYY-MM-DD
  finalReportDue: string; // YYYY-MM-DD
  /** The committee's note to the owner with the grant (a condition, say): in the decision letter and on the owner's page. */
  note?: string;
}

/** The application's current state: one item, the single source of truth for its status. */
export interface ApplicationRecord {
  id: string;
  schemeId: string;
  status: ApplicationStatus;
  /** Incremented on every write; conditional writes compare it (no lost updates). */
  revision: number;
  /** The application version partners sign; a revision bumps it and asks for signatures again. */
  version: number;
  title: string;
  /** where the owner's mail goes: the application's, or the contact person the secretariat set since */
  ownerEmail: string;
  /**
   * The contact person's name: the application's owner, or the one the secretariat set since.
   * Absent on applications sent in before it was kept here (their version names the owner).
   */
  ownerName?: string;
  /**
   * The partners' organisation names in the current version, for the secretariat's search (which
   * reads no version). Absent on applications sent in, or last revised, before it was kept here.
   */
  partnerOrganisations?: string[];
  /** where the owner's mail went before the last new address: told of the change by the next sweep */
  previousOwnerEmail?: string;
  ownerIsInternalUnit: boolean;
  requestedAmount: number;
  submittedAt: string;
  /** Meeting the application is on the agenda of (meeting id = YYYY-MM-DD of the meeting). */
  meetingId?: string;
  allocation?: Allocation;
  /** Two-level schemes: the preparatory body's recommendation for the current round. */
  recommendation?: Recommendation;
  rejectionReason?: string;
  informationRequest?: string;
  repaymentClaimed?: number;
  history: AuditEntry[];
}

export interface Recommendation {
  recommended: boolean;
  /** 1 = highest priority, in schemes whose preparatory body ranks the applications */
  rank?: number;
  comment?: string;
  /** which of the body's members took part (whom they represent), where members are set up */
  participants?: string[];
  /** e.g. 'SSU' */
  by: string;
  at: string; // ISO instant
  recordedBy: string;
}

export interface ApplicationVersion {
  applicationId: string;
  version: number;
  createdAt: string;
  data: ApplicationInput;
  /** a revision: the owner's note to the partners on what changed, if the owner wrote one */
  changeNote?: string;
  /**
   * A revision sent while the committee's question was open: the question as asked, and the owner's
   * answer to it ("Svar til FSU"). Absent on other versions, and on answers sent before it was kept.
   */
  question?: string;
  answer?: string;
}

export type LinkPurpose = 'owner' | 'cosign' | 'status-report' | 'final-report';
export type LinkState = 'active' | 'used' | 'revoked';

/** An opaque capability: the only thing a person ever receives. */
export interface LinkRecord {
  id: string; // >= 128 random bits, base64url
  purpose: LinkPurpose;
  applicationId: string;
  schemeId: string;
  /** cosign links: which partner and which application version */
  partnerIndex?: number;
  version?: number;
  /** an owner link made for a new contact person: which handover (see ownerHandovers) */
  handover?: number;
  createdAt: string;
  expiresAt: string; // ISO instant
  state: LinkState;
  usedAt?: string;
}

export interface SignatureRecord {
  applicationId: string;
  version: number;
  partnerIndex: number;
  organisationName: string;
  contactName: string;
  decision: 'signed' | 'declined';
  reason?: string;
  at: string;
}

export interface Meeting {
  schemeId: string;
  id: string; // YYYY-MM-DD
  date: string; // YYYY-MM-DD
  time: string; // HH:MM (Oslo)
  startsAt: string; // ISO instant of the meeting start
  submissionDeadline: string; // ISO instant, last moment a complete application reaches it
  title: string;
  /** a meeting the secretariat added to the configured calendar: when and by whom */
  added?: { at: string; by: string };
  /** false: it decides only cases already in process; new applications go to a meeting that takes them (application rounds) */
  newApplications?: false;
}

/** A meeting the secretariat added to the scheme's configured calendar (next year's plan, an extra meeting). */
export interface AddedMeetingRecord {
  schemeId: string;
  date: string; // YYYY-MM-DD, the meeting's id
  time: string; // HH:MM (Oslo)
  title: string;
  /** false: a meeting for cases already in process only (see Meeting) */
  newApplications?: false;
  addedAt: string;
  addedBy: string;
}

/** A configured meeting the secretariat cancelled (moved to another day, or not held): the calendar leaves it out. */
export interface CancelledMeetingRecord {
  schemeId: string;
  date: string; // YYYY-MM-DD, the configured meeting's id
  cancelledAt: string;
  cancelledBy: string;
}

/** What the secretariat changed in a scheme's configured calendar. */
export interface CalendarChanges {
  added: readonly AddedMeetingRecord[];
  cancelled: readonly CancelledMeetingRecord[];
}

/**
 * What the committee decided: on an application on its agenda (approve … more_information), or on a
 * running grant (revoke, a reallocation request, a repayment claim).
 */
export type DecisionOutcome = 'approve' | 'reject' | 'defer' | 'more_information' | 'revoke' | 'approve_reallocation' | 'refuse_reallocation' | 'claim_repayment' | 'change_period';

export interface DecisionRecord {
  applicationId: string;
  /** Absent on decisions stored before meeting minutes existed: those are in no meeting's minutes. */
  schemeId?: string;
  id: string;
  outcome: DecisionOutcome;
  at: string;
  decidedBy: string;
  /** The meeting whose agenda the application was on: the decision is in that meeting's minutes. */
  meetingId?: string;
  /** Two-level schemes: the preparatory body's recommendation the committee decided on. */
  recommendation?: Recommendation;
  amount?: number;
  periodStart?: string;
  periodEnd?: string;
  reason?: string;
  /** What a decision on a running grant was asked to decide, when not the grant itself (the reallocation request's text). */
  matter?: string;
}

/**
 * How a case left a meeting's agenda without a decision: the owner withdrew it, it was moved to
 * another meeting, the workflow closed it, or (never stored: read from the question's decision
 * record, askedBeforeMeeting) more information was asked for before the meeting.
 */
export type AgendaDepartureKind = 'withdrawn' | 'moved' | 'closed' | 'asked';

/**
 * A case that left a meeting's agenda without the committee's decision: it keeps its number on that
 * agenda and in its minutes. One per case and meeting (the latest time it left); carries what the
 * number and the line need, so the agenda reads no case for it.
 */
export interface AgendaDepartureRecord {
  schemeId: string;
  meetingId: string;
  applicationId: string;
  title: string;
  submittedAt: string;
  /** the preparatory body's rank the case had on the agenda, in schemes whose body ranks */
  rank?: number;
  kind: AgendaDepartureKind;
  at: string;
  /** the meeting it was moved to (kind 'moved') */
  movedTo?: string;
  /**
   * the case's revision the change that took it off was made on: of two changes made on the same
   * revision at once (a withdrawal and a move), the first to note its departure is the one that may
   * go on. Absent on departures noted before it was kept.
   */
  revision?: number;
}

/** A meeting of a scheme's calendar, as a route's path names it. */
export interface MeetingRef {
  schemeId: string;
  meetingId: string;
}

/** The committee's approval of a meeting's minutes: after it the minutes are final. */
export interface MinutesApproval {
  at: string;
  /** the staff member who recorded the approval */
  by: string;
  /** e.g. where it was approved ("Godkjent i FSU-møtet 14. januar") */
  note?: string;
}

/**
 * The parts of a meeting's minutes otherwise read from current state (the cases' titles, amounts
 * asked and statuses, what is left in the pot, the committee's configuration), as they stood at the
 * approval. The decisions themselves are never rewritten, so the snapshot names them (by case and
 * decision id) rather than copying their texts; the totals are counted from them.
 */
export interface MinutesSnapshot {
  committee: { shortName: string; name: string };
  preparation: Pick<NonNullable<SchemeConfig['preparation']>, 'body' | 'ranked' | 'members'> | null;
  /** each decision of the minutes, in the minutes' order, with its case as it stood */
  cases: MinutesSnapshotCase[];
  /** left in the pot of the meeting's year; absent when no pot was configured */
  potRemaining?: number;
  /** the cases that left the agenda without a decision, under their numbers (absent: approved before they were kept) */
  leftWithoutDecision?: MinutesSnapshotDeparture[];
}

/** A case that left the agenda without a decision, as approved minutes keep it. */
export interface MinutesSnapshotDeparture {
  number: number;
  applicationId: string;
  title: string;
  kind: AgendaDepartureKind;
  at: string;
  /** the meeting it went to; `offCalendar`: taken off the calendar since (cancelled, or an added meeting removed) */
  movedTo: { id: string; date: string; offCalendar?: true } | null;
}

export interface MinutesSnapshotCase {
  decisionId: string;
  number: number;
  applicationId: string;
  title: string;
  owner: { organisationName: string; unit: string };
  partners: string[];
  requestedAmount: number;
  statusLabel: string;
}

/** What the secretariat keeps for a meeting's minutes beside its decisions: who attended, and the approval. */
export interface MinutesRecord {
  schemeId: string;
  meetingId: string;
  /** present (til stede): one entry per person, as the secretariat writes it (name, role) */
  present: string[];
  /** sent apologies (forfall) */
  absent: string[];
  /** who stepped aside as disqualified (inhabil) while a case was dealt with, by application id (only cases with someone) */
  recused?: Record<string, string[]>;
  recordedAt: string;
  recordedBy: string;
  approval?: MinutesApproval;
  /**
   * What the minutes showed when the approval was recorded, written with it: approved minutes render
   * from it, so later decisions, payouts or pot changes leave them as approved. Absent on drafts and
   * on approvals recorded before it was kept (those render from current state, and say so).
   */
  snapshot?: MinutesSnapshot;
  /** 1 for the first write; each write is conditional on the revision it read */
  revision: number;
  /**
   * The decisions registered to be recorded in the meeting's minutes, each before anything of it is
   * written (minutesEntry: case, decision and when), and how many registrations there have been
   * (it only grows): the approval takes in every decision registered before it read the record,
   * and is refused (and tried again) if one was registered since. Written only by the
   * registration, never with the record; absent where no decision was registered.
   */
  registeredDecisions?: string[];
  registrations?: number;
}

/**
 * The secretariat's register of who leads a service-model group or professional council: the
 * addresses that get the copy of the committee's decisions, where the secretariat has changed them
 * from the configuration's (a new leader). The group itself (id, kind, name) stays configuration.
 */
export interface GroupLeadersRecord {
  schemeId: string;
  groupId: string;
  leaderEmail: string;
  deputyLeaderEmail: string;
  updatedAt: string;
  /** the staff member who changed them */
  updatedBy: Actor;
  /** the addresses before this change */
  previous: { leaderEmail: string; deputyLeaderEmail: string };
  /** 1 for the first write; each write is conditional on the revision it read */
  revision: number;
}

export interface PotRecord {
  schemeId: string;
  year: number;
  total: number;
  remaining: number;
  /** applicationId -> reserved amount; the reservation is the idempotency key of an allocation */
  reservations: Record<string, number>;
}

export type PayoutMode = 'cost_booking' | 'invoice';
/** In the order a payout goes through them (finance's lists and sums use it). */
export const PAYOUT_STATES = ['pending', 'awaiting_invoice', 'invoiced', 'paid', 'repayment_claimed', 'repaid', 'cancelled'] as const;
export type PayoutState = (typeof PAYOUT_STATES)[number];

export interface PayoutRecord {
  id: string;
  applicationId: string;
  schemeId: string;
  projectNumber: string;
  payee: string;
  /** the payee's organisation number, to match the invoice against (absent on payouts made before it was kept) */
  payeeOrganisationNumber?: string;
  amount: number; // negative for a repayment claim
  mode: PayoutMode;
  state: PayoutState;
  createdAt: string;
  invoiceNumber?: string;
  invoicedAt?: string;
  paidAt?: string;
  /** a grant payout cancelled because the committee took the grant back before it was paid */
  cancelledAt?: string;
  revision: number;
}

export type ReportKind = 'status' | 'final';

/** What a report says: the owner's answers. */
export interface ReportContent {
  progress: string;
  effect: string;
  spentAmount: number;
  lessonsLearned?: string;
  deviations?: string;
}

export interface ReportRecord extends ReportContent {
  applicationId: string;
  kind: ReportKind;
  /** when it was first sent (where the half-year report places it) */
  submittedAt: string;
  /** when the owner last supplemented it, at the secretariat's request (the content is that version) */
  supplementedAt?: string;
  /** while the secretariat's request to fill it in waits: when it was made (requests before the scheme's list of them have none) */
  supplementRequestedAt?: string;
  /** the versions before, oldest first, each with when it was sent */
  earlier?: Array<ReportContent & { sentAt: string }>;
}

export type ReallocationState = 'requested' | 'approved' | 'refused';

export interface ReallocationRecord {
  applicationId: string;
  /** Requests made before the scheme's pending list existed have none (and are not on it). */
  schemeId?: string;
  id: string;
  requestedAt: string;
  description: string;
  amount: number;
  state: ReallocationState;
  decidedAt?: string;
  reason?: string;
}

export type ReminderKind =
  | 'cosign'
  | 'submission-deadline'
  | 'status-report-due'
  | 'status-report-overdue'
  | 'final-report-due'
  | 'final-report-overdue'
  /** the secretariat moved the case to another meeting: the next sweep tells the owner (HTTP functions send no mail) */
  | 'meeting-moved'
  /** the secretariat gave the project a new contact person: the next sweep sends them the owner's link */
  | 'owner-changed'
  /** the secretariat sent the owner's link again: the next sweep mails it */
  | 'owner-link'
  /** the secretariat wrote to the contact person: the next sweep mails the message */
  | 'owner-message'
  /** the contact person wrote to the secretariat: the next sweep mails the message */
  | 'secretariat-message'
  /** a grant paid on invoice whose invoice has not come: the owner is reminded to send it */
  | 'invoice-missing'
  /** the secretariat moved a report's deadline: the next sweep tells the owner */
  | 'status-report-extended'
  | 'final-report-extended'
  /** a moved deadline's "report missing" notice to the secretariat (the workflow's wait ran to the old date) */
  | 'status-report-missing'
  | 'final-report-missing'
  /** a final report came: if the workflow has not closed the grant a while later (it had stopped waiting), the sweep does */
  | 'grant-close'
  /** the owner asked for a later deadline: the next sweep tells the secretariat */
  | 'status-report-deadline-request'
  | 'final-report-deadline-request'
  /** the committee said no to that request: the next sweep tells the owner why */
  | 'status-report-deadline-declined'
  | 'final-report-deadline-declined'
  /** a report came: the next sweep mails the owner the receipt */
  | 'status-report-receipt'
  | 'final-report-receipt'
  /** the committee gave the grant another period: the next sweep sends the owner the decision (copy to the group's leaders) */
  | 'grant-period-changed'
  /** the owner asked for a new period: the next sweep tells the secretariat */
  | 'grant-period-request'
  /** the committee said no to that request: the next sweep tells the owner why */
  | 'grant-period-declined'
  /** the secretariat asked the owner to supplement a report: the next sweep mails the owner what is missing and the link */
  | 'report-supplement'
  /** the owner let that request's link expire unanswered: the sweep tells the secretariat */
  | 'report-supplement-lapsed'
  /** the secretariat withdrew a request the owner had been mailed: the sweep tells the owner */
  | 'report-supplement-withdrawn'
  /** the owner supplemented it: the next sweep tells the secretariat */
  | 'report-supplemented';

export interface ReminderRecord {
  id: string; // deterministic (`${applicationId}#${kind}#${dueAt}`; a meeting move: `…#meeting-moved#${meetingId}`, then `#2`, `#3` for a case moved back to it) so a repeat is a no-op
  applicationId: string;
  schemeId: string;
  kind: ReminderKind;
  dueAt: string; // ISO instant
  sentAt?: string;
  /** overdue reminders are numbered; the sender schedules the next one until the configured maximum */
  seq?: number;
  /** co-signature reminders belong to one application version */
  version?: number;
  /** a signing link sent again at the owner's request: to this partner alone, and not repeated */
  partnerIndex?: number;
  /** a report's reminders belong to one deadline: after a move ("utsatt frist") the old ones are skipped */
  reportDue?: string;
  /** a new contact person: the address mail went to before, told of the change (and whom to ask if it was a mistake) */
  previousOwnerEmail?: string;
}
