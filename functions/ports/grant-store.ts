// What the use cases need from storage. One DynamoDB single-table adapter implements all of it
// (functions/adapters/dynamodb-grant-store.ts); every state change is a conditional write.
import type {
  AddedMeetingRecord,
  AgendaDepartureRecord,
  ApplicationRecord,
  ApplicationStatus,
  ApplicationVersion,
  AuditEntry,
  CalendarChanges,
  CancelledMeetingRecord,
  DecisionRecord,
  GroupLeadersRecord,
  LinkRecord,
  MinutesRecord,
  PayoutRecord,
  PayoutState,
  PotRecord,
  ReallocationRecord,
  ReminderRecord,
  ReportContent,
  ReportKind,
  ReportRecord,
  SignatureRecord,
} from '../domain/model';

/** A conditional update of an application: it applies only if status and revision still match. */
export interface ApplicationTransition {
  applicationId: string;
  expectedRevision: number;
  /** statuses the item must be in; omit to keep the status as it is (e.g. recording a field) */
  from?: readonly ApplicationStatus[];
  to?: ApplicationStatus;
  /** fields to set (allow-listed by the caller; never a request body) */
  set?: Partial<Omit<ApplicationRecord, 'id' | 'schemeId' | 'revision' | 'history' | 'status'>>;
  /** fields to remove */
  remove?: ReadonlyArray<'meetingId' | 'informationRequest' | 'rejectionReason' | 'recommendation'>;
  audit: AuditEntry;
}

export interface IdempotencyClaim {
  /** true when this call made the claim; false when an earlier call with the same key did */
  fresh: boolean;
  applicationId: string;
  requestHash: string;
  /** when the first call claimed the key (ISO instant); absent on claims written before it was kept */
  claimedAt?: string;
}

export interface ApplicationStore {
  /** Claims an idempotency key for a submission; a repeat returns the first claim. */
  claimSubmissionKey(schemeId: string, key: string, applicationId: string, requestHash: string, at: string): Promise<IdempotencyClaim>;
  /** Moves a claim from one application to another, as claimed anew at `at`; false when it no longer names `from`. */
  reassignSubmissionKey(schemeId: string, key: string, from: string, to: string, at: string): Promise<boolean>;
  /** Writes version and links first and the application item last (the commit point); safe to repeat. */
  createApplication(app: ApplicationRecord, version: ApplicationVersion, links: LinkRecord[]): Promise<void>;
  getApplication(applicationId: string): Promise<ApplicationRecord | undefined>;
  /** Many applications at once (a list's cases): each found one once, in the order asked; unknown ids are left out. */
  getApplications(applicationIds: readonly string[]): Promise<ApplicationRecord[]>;
  /** Conditional update; throws ConflictError if status or revision no longer match. Returns the new record. */
  transition(t: ApplicationTransition): Promise<ApplicationRecord>;
  /**
   * Versions are immutable once an application names them: the first write wins and a repeat is a
   * no-op (false). `replacing` (the createdAt of a version no application names: a revision that
   * failed before its commit) overwrites that one only.
   */
  putVersion(version: ApplicationVersion, replacing?: string): Promise<boolean>;
  getVersion(applicationId: string, version: number): Promise<ApplicationVersion | undefined>;
  listByStatus(schemeId: string, status: ApplicationStatus): Promise<ApplicationRecord[]>;
  /** Every version, of any application, that names this one as the grant it continues (oldest first). */
  listVersionsContinuing(applicationId: string): Promise<Array<{ applicationId: string; version: number }>>;
  /** Notes that the application's contact person has this address (createApplication does for the first): a repeat changes nothing (false). */
  putOwnerAddress(applicationId: string, address: string): Promise<boolean>;
  /** The applications whose contact person has, or once had, this address (one Query; the caller checks the one they have now). */
  listByOwnerAddress(address: string): Promise<string[]>;
  /** Applications on a meeting's agenda (those whose meetingId is set to it). */
  listAgenda(schemeId: string, meetingId: string): Promise<ApplicationRecord[]>;
  /** The same cases as `listAgenda`, only their ids and statuses (the calendar counts every meeting's). */
  listAgendaStatuses(schemeId: string, meetingId: string): Promise<AgendaEntry[]>;
}

export type AgendaEntry = Pick<ApplicationRecord, 'id' | 'status'>;

export interface LinkStore {
  putLinks(links: LinkRecord[]): Promise<void>;
  getLink(linkId: string): Promise<LinkRecord | undefined>;
  /** Marks an active, unexpired link used; throws GoneError if it is used, revoked or expired. */
  consumeLink(linkId: string, at: string): Promise<LinkRecord>;
  /** Revokes every active link of a purpose for an application (e.g. old co-sign links after a revision). */
  /** Revokes the application's active links of a purpose; with `only`, those of them it accepts. */
  revokeLinks(applicationId: string, purpose: LinkRecord['purpose'], only?: (link: LinkRecord) => boolean): Promise<void>;
  listLinks(applicationId: string): Promise<LinkRecord[]>;
}

export interface SignatureStore {
  /** Conditional on no signature for (application, version, partner); throws ConflictError on a repeat. */
  putSignature(signature: SignatureRecord): Promise<void>;
  listSignatures(applicationId: string, version: number): Promise<SignatureRecord[]>;
}

export interface DecisionStore {
  /** Idempotent on (applicationId, id). */
  putDecision(decision: DecisionRecord): Promise<void>;
  listDecisions(applicationId: string): Promise<DecisionRecord[]>;
  /** The decisions recorded on a meeting's agenda (its minutes), in the order they were made. */
  listMeetingDecisions(schemeId: string, meetingId: string): Promise<DecisionRecord[]>;
  /**
   * Notes that a case left a meeting's agenda without a decision. One per case and meeting: a
   * departure made on a later revision of the case (it came back and left again) replaces it, a
   * repeat of it is noted again; of two made on the same revision (a withdrawal and a move at once)
   * the first holds it. Answers the departure noted now: this one, or the one that holds it.
   */
  putAgendaDeparture(departure: AgendaDepartureRecord): Promise<AgendaDepartureRecord>;
  /** A meeting's decisions (as listMeetingDecisions) and the cases that left its agenda without one: the same single Query. */
  listMeetingCases(schemeId: string, meetingId: string): Promise<MeetingCaseRecords>;
}

export interface MeetingCaseRecords {
  decisions: DecisionRecord[];
  departures: AgendaDepartureRecord[];
}

/** The secretariat's changes to a scheme's configured calendar: meetings added, configured ones cancelled. */
export interface CalendarStore {
  /** A scheme's added meetings and cancelled configured ones (one Query on the scheme's partition). */
  listCalendarChanges(schemeId: string): Promise<CalendarChanges>;
  /** Adds the meeting unless its day has an added meeting already; false then. */
  addMeeting(meeting: AddedMeetingRecord): Promise<boolean>;
  /** Removes an added meeting; false when it was not there. */
  removeAddedMeeting(schemeId: string, date: string): Promise<boolean>;
  /** Cancels a configured meeting unless it is cancelled already; false then. */
  cancelConfiguredMeeting(cancellation: CancelledMeetingRecord): Promise<boolean>;
  /** Takes a configured meeting's cancellation back; false when it was not cancelled. */
  restoreConfiguredMeeting(schemeId: string, date: string): Promise<boolean>;
}

/** The group leaders' addresses the secretariat has set (the rest of the register is configuration). */
export interface GroupLeadersStore {
  /** A scheme's changed groups (one Query on the scheme's partition). */
  listGroupLeaders(schemeId: string): Promise<GroupLeadersRecord[]>;
  /** Writes the record if the stored one is still the revision before it (none, for revision 1); false when someone else wrote first. */
  saveGroupLeaders(record: GroupLeadersRecord): Promise<boolean>;
}

export interface MinutesStore {
  getMinutesRecord(schemeId: string, meetingId: string): Promise<MinutesRecord | undefined>;
  /** Every meeting's record in a scheme (one Query): the calendar shows which minutes are approved. */
  listMinutesRecords(schemeId: string): Promise<MinutesRecord[]>;
  /**
   * Writes the record if the stored one is still the revision before it (none, for revision 1) and
   * not approved, and with `registrations`, if no decision has been registered since the record was
   * read with that many; false when someone else wrote first. Approved minutes are never written
   * again. The registrations are left as they are.
   */
  saveMinutesRecord(record: MinutesRecord, registrations?: number): Promise<boolean>;
  /**
   * Registers a decision to be recorded in the meeting's minutes (an entry, see minutesEntry),
   * before anything of it is written: one conditional write, false when the minutes are approved.
   * Before any attendance, the meeting's item holds only the registrations (no record is read back).
   */
  registerMinutesDecision(schemeId: string, meetingId: string, entry: string): Promise<boolean>;
  /** Takes a registration back: its decision was not written after all. */
  unregisterMinutesDecision(schemeId: string, meetingId: string, entry: string): Promise<void>;
}

export interface PotStore {
  /** Creates the year's pot if it does not exist (never resets a pot in use). */
  ensurePot(schemeId: string, year: number, total: number): Promise<void>;
  getPot(schemeId: string, year: number): Promise<PotRecord | undefined>;
  /**
   * A changed total: moves the total and what is left by the same difference, conditional on the
   * total still being `from` (false when it is not: someone else changed it first).
   */
  setPotTotal(schemeId: string, year: number, from: number, to: number): Promise<boolean>;
  /**
   * Atomically takes `amount` from the pot for an application: a single conditional UpdateItem
   * (remaining >= amount and no reservation yet), so concurrent approvals never overdraw it.
   * A repeat for the same application returns without taking more. Throws ConflictError('pot_exhausted').
   */
  reserve(schemeId: string, year: number, applicationId: string, amount: number): Promise<void>;
  /** Gives a reservation back (compensation when the application write that follows fails). */
  release(schemeId: string, year: number, applicationId: string): Promise<void>;
}

export interface PayoutStore {
  /** Idempotent on payout id (a repeat does nothing new). */
  putPayout(payout: PayoutRecord): Promise<void>;
  getPayout(payoutId: string): Promise<PayoutRecord | undefined>;
  listPayoutsByProject(projectNumber: string, state?: PayoutState): Promise<PayoutRecord[]>;
  listPayoutsForApplication(applicationId: string): Promise<PayoutRecord[]>;
  /** Conditional on state and revision. */
  updatePayout(payoutId: string, expectedRevision: number, from: readonly PayoutState[], to: PayoutState, set: Partial<Pick<PayoutRecord, 'invoiceNumber' | 'invoicedAt' | 'paidAt' | 'cancelledAt'>>): Promise<PayoutRecord>;
}

export interface ReportStore {
  /** One report per kind per application: throws ConflictError on a second. */
  putReport(report: ReportRecord): Promise<void>;
  /**
   * The report's new content (a supplement the secretariat asked for), if the stored version is still
   * the one sent at `previousAt` (its supplementedAt, else its submittedAt): the stored content moves
   * to `earlier`. False when another version came first (or there is no such report).
   */
  supplementReport(applicationId: string, kind: ReportKind, content: ReportContent, at: string, previousAt: string): Promise<boolean>;
  /** The report waits for the owner to fill it in, asked at `requestAt` (a later request replaces an earlier); the scheme's list shows it until it is supplemented. */
  markSupplementRequested(applicationId: string, kind: ReportKind, requestAt: string): Promise<void>;
  /** Off the scheme's list: the request made at `requestAt` was withdrawn (a later request stays). */
  clearSupplementRequest(applicationId: string, kind: ReportKind, requestAt: string): Promise<void>;
  /** A scheme's reports waiting to be filled in, the longest-waiting first (one Query on a sparse index). */
  listSupplementRequests(schemeId: string): Promise<ReportRecord[]>;
  listReports(applicationId: string): Promise<ReportRecord[]>;
  listReportsBySchemeBetween(schemeId: string, fromIso: string, toIso: string): Promise<ReportRecord[]>;
}

export interface ReallocationStore {
  putReallocation(r: ReallocationRecord): Promise<void>;
  /** Removes a request not yet decided (compensation when the application write that follows fails); a no-op otherwise. */
  removePendingReallocation(applicationId: string, id: string): Promise<void>;
  getReallocation(applicationId: string, id: string): Promise<ReallocationRecord | undefined>;
  listReallocations(applicationId: string): Promise<ReallocationRecord[]>;
  /** A scheme's requests still waiting for the committee's prior approval, oldest first. */
  listPendingReallocations(schemeId: string): Promise<ReallocationRecord[]>;
  decideReallocation(applicationId: string, id: string, state: 'approved' | 'refused', at: string, reason?: string): Promise<ReallocationRecord>;
}

export interface ReminderStore {
  /** Idempotent on reminder id; false: a reminder with this id was there already (nothing written) */
  putReminder(r: ReminderRecord): Promise<boolean>;
  /** Unsent reminders with dueAt <= until, oldest first (Query on a sparse index; never Scan). */
  listDueReminders(untilIso: string, limit?: number): Promise<ReminderRecord[]>;
  /** Conditional on not yet sent; returns false if another worker sent it first. */
  markReminderSent(reminderId: string, at: string): Promise<boolean>;
  /** An application's reminders not yet sent nor cancelled, soonest first (one Query on its reminders' index partition). */
  listPendingReminders(applicationId: string): Promise<ReminderRecord[]>;
  /** An application's reminders sent or still to be sent (not the cancelled), soonest first: the same Query. */
  listLiveReminders(applicationId: string): Promise<ReminderRecord[]>;
  /** Cancels unsent reminders of an application (e.g. the report arrived): of these kinds, and of those the ones `which` picks. */
  cancelReminders(applicationId: string, kinds: readonly ReminderRecord['kind'][], which?: (r: ReminderRecord) => boolean): Promise<void>;
}

/** A mail about a case that went out: when, to whom and its subject (never its text). */
export interface SentMailRecord {
  applicationId: string;
  /** the mail's idempotency key: one record per mail */
  key: string;
  /** the mail's name in its message tags (mailRef): how a bounce finds it */
  ref: string;
  sentAt: string;
  subject: string;
  to: string[];
  cc?: string[];
  /** the addresses SES reported as a permanent bounce of this mail */
  bouncedTo?: string[];
  /** the addresses SES gave up on for now (a transient bounce: a full mailbox, a server that refused for the time being) */
  softBouncedTo?: string[];
  /** the addresses whose owners marked this mail as spam (an SES complaint) */
  complainedBy?: string[];
}

/** What SES reported back about a mail that went out: the addresses it bounced from (for good or for now), or that complained. */
export type SentMailOutcome = 'bouncedTo' | 'softBouncedTo' | 'complainedBy';

/** The case's mail log, which the secretariat reads on the case page. */
export interface MailLogStore {
  /** Idempotent on (application, key): a repeat keeps the first record. */
  recordSentMail(mail: SentMailRecord): Promise<void>;
  /** The case's mails, oldest first (one Query on the case's partition). */
  listSentMail(applicationId: string): Promise<SentMailRecord[]>;
  /** Adds addresses to what SES reported about the case's mail with this ref; false when the log has no such mail. A repeat changes nothing. */
  markSentMail(applicationId: string, ref: string, outcome: SentMailOutcome, addresses: readonly string[]): Promise<boolean>;
}

/**
 * Which execution runs a grant's final-report phase. More than one can reach it (the schedule the
 * grant phase set for the old end, one set for an earlier end the committee moved it to); the phase
 * runs once, and only after the grant phase is done with the status report.
 */
export interface FinalReportPhaseStore {
  /** The grant phase has set the final-report schedule: the phase may run from now on. A repeat changes nothing. */
  handOverFinalReport(applicationId: string, at: string): Promise<void>;
  /** This execution runs the phase: false before the hand-over, or when another execution has it (a retry of the one that has it gets true). */
  claimFinalReport(applicationId: string, executionName: string, at: string): Promise<boolean>;
  /** Whether the grant phase has handed over (one GetItem). */
  finalReportHandedOver(applicationId: string): Promise<boolean>;
}

/**
 * What earlier versions did not write, written once for the data they left (use-cases/upgrade-stored-data.ts).
 * Each write is conditional on what it fills in being absent, so it never goes back over newer data.
 */
export interface UpgradeStore {
  /** Whether the named upgrade step has gone through every application (one GetItem). */
  upgradeDone(step: string): Promise<boolean>;
  markUpgradeDone(step: string, at: string): Promise<void>;
  /** The case's search fields from its current version, if the case has none yet (no revision or history: nothing the case says changes). */
  fillSearchFields(applicationId: string, fields: Required<Pick<ApplicationRecord, 'ownerName' | 'partnerOrganisations'>>): Promise<boolean>;
  /** A request for reallocation made before the scheme's pending list: on the list, if it still waits. */
  addPendingReallocation(applicationId: string, id: string, schemeId: string): Promise<boolean>;
}

export type GrantStore = ApplicationStore &
  UpgradeStore &
  LinkStore &
  SignatureStore &
  DecisionStore &
  MinutesStore &
  CalendarStore &
  GroupLeadersStore &
  PotStore &
  PayoutStore &
  ReportStore &
  ReallocationStore &
  ReminderStore &
  MailLogStore &
  FinalReportPhaseStore;
