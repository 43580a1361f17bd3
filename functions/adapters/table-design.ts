// The single-table design as data: used by the CDK stack (infra), the local stand-in (dynalite)
// and the DynamoDB adapter. Pure data and pure functions: no AWS SDK runtime imports here.
//
// One table, string keys `pk`/`sk`, two overloaded GSIs (`gsi1`: gsi1pk/gsi1sk, `gsi2`: gsi2pk/gsi2sk),
// projection ALL, PAY_PER_REQUEST. Every read is a GetItem or a Query on a key range; nothing scans.
// Every state change is a conditional write (attribute_not_exists / revision / state conditions).
// Sparse indexes: an item is in a GSI only while it carries both that GSI's key attributes.
//
// Access patterns → keys ("#" separates parts; <n> = zero-padded number)
//
// | Entity / pattern                         | pk                              | sk                             | gsi1pk / gsi1sk                                   | gsi2pk / gsi2sk                                  |
// |------------------------------------------|---------------------------------|--------------------------------|---------------------------------------------------|--------------------------------------------------|
// | application (getApplication)             | APP#<appId>                     | META                           | SCHEME#<s>#STATUS#<status> / <submittedAt>#<appId> | AGENDA#<s>#<meetingId> / <submittedAt>#<appId>  |
// |   listByStatus                           |                                 |                                | Query gsi1pk                                      |                                                  |
// |   listAgenda(Statuses) (sparse)          |                                 |                                |                                                   | Query gsi2pk; gsi2pk removed with meetingId      |
// | application version                      | APP#<appId>                     | VERSION#<version:6>            | CONTINUES#<earlierId> / <createdAt>#<appId>#<v:6> (sparse: only with `continues`) | –           |
// |   listVersionsContinuing (continuations) |                                 |                                | Query gsi1pk                                      |                                                  |
// | signature (once per version+partner)     | APP#<appId>                     | SIG#<version:6>#<partner:3>    | –                                                 | –                                                |
// |   listSignatures                         | Query pk, begins_with SIG#<version:6>#                          |                                                   |                                                  |
// | link (capability)                        | LINK#<linkId>                   | LINK                           | APPLINKS#<appId> / <purpose>#<createdAt>#<linkId> | –                                                |
// |   listLinks / revokeLinks(purpose)       |                                 |                                | Query gsi1pk [begins_with <purpose>#]             |                                                  |
// | decision                                 | APP#<appId>                     | DECISION#<decisionId>          | MINUTES#<s>#<meetingId> / <at>#<appId>#<decId> (sparse: only with meeting) | –                       |
// | case off an agenda without a decision    | APP#<appId>                     | LEFT#<meetingId>               | MINUTES#<s>#<meetingId> / <at>#<appId>#left       | –                                                |
// |   listMeetingDecisions / listMeetingCases (the minutes, the agenda's numbers) |    |                                | Query gsi1pk (both kinds; split by entity)        |                                                  |
// | meeting minutes' attendance and approval (and the decisions registered for them) | SCHEME#<s> | MINUTES#<meetingId> | –                                 | –                                                |
// |   listMinutesRecords (the calendar)      | Query pk, begins_with MINUTES#  |                                |                                                   |                                                  |
// | meeting added by the secretariat         | SCHEME#<s>                      | MEETING#<date>                 | –                                                 | –                                                |
// | configured meeting cancelled             | SCHEME#<s>                      | MEETING#<date>#CANCELLED       | –                                                 | –                                                |
// |   listCalendarChanges (the calendar)     | Query pk, begins_with MEETING#  |                                |                                                   |                                                  |
// | group leaders' addresses (the register)  | SCHEME#<s>                      | GROUPLEADERS#<groupId>         | –                                                 | –                                                |
// |   listGroupLeaders (decision copies)     | Query pk, begins_with GROUPLEADERS#                             |                                                   |                                                  |
// | pot (total, remaining, reservations)     | SCHEME#<s>                      | POT#<year>                     | –                                                 | –                                                |
// | payout                                   | PAYOUT#<payoutId>               | PAYOUT                         | PROJECT#<projectNumber> / <state>#<createdAt>#<id> | APPPAYOUTS#<appId> / <createdAt>#<id>           |
// |   listPayoutsByProject [state] (once per project number of a scheme: the current one and formerProjectNumbers) | | | Query gsi1pk [begins_with <state>#] |                  |
// |   listPayoutsForApplication              |                                 |                                |                                                   | Query gsi2pk                                     |
// | report (one per kind)                    | APP#<appId>                     | REPORT#<kind>                  | SCHEMEREPORTS#<s> / <submittedAt>#<appId>#<kind>  | SUPPLEMENTWAIT#<s> / <requestAt>#<appId>#<kind> (sparse: while the secretariat's request to fill it in waits) |
// |   listReportsBySchemeBetween             |                                 |                                | Query gsi1pk, gsi1sk BETWEEN from AND to+U+FFFF   |                                                  |
// |   listSupplementRequests                 |                                 |                                |                                                   | Query gsi2pk; gsi2 keys removed when supplemented |
// | reallocation                             | APP#<appId>                     | REALLOC#<reallocId>            | REALLOCPENDING#<s> / <requestedAt>#<appId>#<id> (sparse: while requested) | –                |
// |   listPendingReallocations               |                                 |                                | Query gsi1pk; gsi1 keys removed when decided      |                                                  |
// | contact person's address (lost links)    | OWNERADDR#<sha256(address)>     | APP#<appId>                    | –                                                 | –                                                |
// |   listByOwnerAddress                     | Query pk (the address as a hash: no address in a key)                                            |                                                  |
// | final-report phase (hand-over, claim)     | APP#<appId>                     | PHASE#final-report             | –                                                 | –                                                |
// | mail sent about a case (the case's log)  | APP#<appId>                     | SENTMAIL#<mailKey>             | –                                                 | –                                                |
// |   listSentMail                           | Query pk, begins_with SENTMAIL# (sorted by sentAt in memory: tens per case)                      |                                                  |
// | reminder                                 | REMINDER#<reminderId>           | REMINDER                       | REMINDERS_DUE / <dueAt>#<reminderId> (sparse)     | APPREMINDERS#<appId> / <kind>#<dueAt>            |
// |   listDueReminders                       |                                 |                                | Query gsi1sk <= <until>#U+FFFF; gsi1 keys removed when sent or cancelled |                           |
// |   cancelReminders                        |                                 |                                |                                                   | Query gsi2pk                                     |
// | upgrade step done (once per deployment)  | UPGRADE#<step>                  | UPGRADE                        | –                                                 | –                                                |
// | submission idempotency key               | IDEMPOTENCY#<s>#<key>           | SUBMISSION                     | –                                                 | –                                                |
// | ended staff session (sign-out)           | SESSION#<sessionId>             | ENDED                          | –                                                 | –                                                |
// | application form draft                   | DRAFT#<draftId>                 | DRAFT                          | DRAFTS_DUE / <remindAt>#<draftId> (sparse: until reminded) | –                                       |
// |   listDueReminders (deadline reminders)  |                                 |                                | Query gsi1sk <= <until>#U+FFFF                    |                                                  |
// | draft per form rendering (claim)         | DRAFTKEY#<s>#<formKey>          | DRAFT                          | –                                                 | –                                                |
//
// Non-key bookkeeping attributes (stripped from every record the adapter returns):
// `entity` (item type, for operators), `ttl` (epoch seconds; set on idempotency claims, ended sessions and drafts; enable
// DynamoDB TTL on TTL_ATTRIBUTE in CDK — dynalite has no UpdateTimeToLive), `cancelled` (reminders).
// REMINDERS_DUE is one GSI partition: fine for this volume (thousands of reminders a year).
// The calendar is the scheme's configuration (functions/domain/meeting-calendar.ts) with the secretariat's
// changes to it (meetings added, configured ones cancelled); what it records for a meeting's minutes
// (attendance, approval) is stored too. An approval carries what the minutes showed then (`snapshot`: a few
// hundred bytes per case, the decisions' texts left in their own items), which listMinutesRecords reads too.
// The same item lists the decisions registered for the minutes (`registeredDecisions`, a string set, and
// `registrations`, a count; use-cases/minutes-registration.ts): a decision made in the meeting adds itself
// there before it writes anything (refused once `approval` is set), the approval is conditional on the
// count it read. Before any attendance the item holds only these, and reads as no record.
// A pot is created by the first approval of its year, from the configured total (use-cases/yearly-pot.ts).
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const GSI1 = { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' } as const;
export const GSI2 = { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' } as const;
export const GLOBAL_SECONDARY_INDEXES = [GSI1, GSI2] as const;

/** Attribute for DynamoDB TTL (epoch seconds). Enable it on the table in CDK (`timeToLiveAttribute`). */
export const TTL_ATTRIBUTE = 'ttl';

/** An instant as TTL_ATTRIBUTE's epoch seconds (rounded up: the item lives at least until then). */
export const ttlSeconds = (instant: Date | string): number => Math.ceil(new Date(instant).getTime() / 1000);

/** Attributes that are storage bookkeeping, never part of a domain record. */
export const INTERNAL_ATTRIBUTES: readonly string[] = [
  TABLE_KEYS.partitionKey,
  TABLE_KEYS.sortKey,
  GSI1.partitionKey,
  GSI1.sortKey,
  GSI2.partitionKey,
  GSI2.sortKey,
  'entity',
  TTL_ATTRIBUTE,
  'cancelled',
];

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttrs = [TABLE_KEYS.partitionKey, TABLE_KEYS.sortKey, ...GLOBAL_SECONDARY_INDEXES.flatMap((g) => [g.partitionKey, g.sortKey])];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keyAttrs.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: GLOBAL_SECONDARY_INDEXES.map((g) => ({
      IndexName: g.indexName,
      KeySchema: [
        { AttributeName: g.partitionKey, KeyType: 'HASH' },
        { AttributeName: g.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** The partition of a scheme's own items (its pots, its meetings' minutes records). */
const schemePartition = (schemeId: string) => `SCHEME#${schemeId}`;

/** Key builders (pure). The adapter is the only writer; other code should not need these. */
export const keys = {
  application: (appId: string) => ({ pk: `APP#${appId}`, sk: 'META' }),
  applicationStatus: (schemeId: string, status: string) => `SCHEME#${schemeId}#STATUS#${status}`,
  agenda: (schemeId: string, meetingId: string) => `AGENDA#${schemeId}#${meetingId}`,
  bySubmitted: (submittedAt: string, appId: string) => `${submittedAt}#${appId}`,
  version: (appId: string, version: number) => ({ pk: `APP#${appId}`, sk: `VERSION#${pad(version, 6)}` }),
  continuations: (earlierId: string) => `CONTINUES#${earlierId}`,
  continuationOrder: (createdAt: string, appId: string, version: number) => `${createdAt}#${appId}#${pad(version, 6)}`,
  signature: (appId: string, version: number, partnerIndex: number) => ({
    pk: `APP#${appId}`,
    sk: `SIG#${pad(version, 6)}#${pad(partnerIndex, 3)}`,
  }),
  signaturePrefix: (version: number) => `SIG#${pad(version, 6)}#`,
  link: (linkId: string) => ({ pk: `LINK#${linkId}`, sk: 'LINK' }),
  appLinks: (appId: string) => `APPLINKS#${appId}`,
  decision: (appId: string, decisionId: string) => ({ pk: `APP#${appId}`, sk: `DECISION#${decisionId}` }),
  meetingDecisions: (schemeId: string, meetingId: string) => `MINUTES#${schemeId}#${meetingId}`,
  decisionOrder: (at: string, appId: string, decisionId: string) => `${at}#${appId}#${decisionId}`,
  // one per case and meeting, in the meeting's minutes partition beside its decisions
  agendaDeparture: (appId: string, meetingId: string) => ({ pk: `APP#${appId}`, sk: `LEFT#${meetingId}` }),
  schemePartition,
  minutesRecord: (schemeId: string, meetingId: string) => ({ pk: schemePartition(schemeId), sk: `MINUTES#${meetingId}` }),
  minutesRecordPrefix: 'MINUTES#',
  addedMeeting: (schemeId: string, date: string) => ({ pk: schemePartition(schemeId), sk: `MEETING#${date}` }),
  // its own item, so the day of a cancelled configured meeting can have an added one (moved to another hour)
  meetingCancellation: (schemeId: string, date: string) => ({ pk: schemePartition(schemeId), sk: `MEETING#${date}#CANCELLED` }),
  calendarChangePrefix: 'MEETING#',
  groupLeaders: (schemeId: string, groupId: string) => ({ pk: schemePartition(schemeId), sk: `GROUPLEADERS#${groupId}` }),
  groupLeadersPrefix: 'GROUPLEADERS#',
  pot: (schemeId: string, year: number) => ({ pk: schemePartition(schemeId), sk: `POT#${year}` }),
  payout: (payoutId: string) => ({ pk: `PAYOUT#${payoutId}`, sk: 'PAYOUT' }),
  project: (projectNumber: string) => `PROJECT#${projectNumber}`,
  appPayouts: (appId: string) => `APPPAYOUTS#${appId}`,
  report: (appId: string, kind: string) => ({ pk: `APP#${appId}`, sk: `REPORT#${kind}` }),
  schemeReports: (schemeId: string) => `SCHEMEREPORTS#${schemeId}`,
  supplementRequests: (schemeId: string) => `SUPPLEMENTWAIT#${schemeId}`,
  reallocation: (appId: string, id: string) => ({ pk: `APP#${appId}`, sk: `REALLOC#${id}` }),
  ownerAddress: (addressHash: string, appId: string) => ({ pk: `OWNERADDR#${addressHash}`, sk: `APP#${appId}` }),
  finalReportPhase: (appId: string) => ({ pk: `APP#${appId}`, sk: 'PHASE#final-report' }),
  sentMail: (appId: string, mailKey: string) => ({ pk: `APP#${appId}`, sk: `SENTMAIL#${mailKey}` }),
  sentMailPrefix: 'SENTMAIL#',
  pendingReallocations: (schemeId: string) => `REALLOCPENDING#${schemeId}`,
  reminder: (reminderId: string) => ({ pk: `REMINDER#${reminderId}`, sk: 'REMINDER' }),
  remindersDue: () => 'REMINDERS_DUE',
  /** the upper bound of a due index's sort keys (<dueAt>#<id>) for everything due at `untilIso` */
  dueUntil: (untilIso: string) => `${untilIso}#\uffff`,
  appReminders: (appId: string) => `APPREMINDERS#${appId}`,
  upgrade: (step: string) => ({ pk: `UPGRADE#${step}`, sk: 'UPGRADE' }),
  idempotency: (schemeId: string, key: string) => ({ pk: `IDEMPOTENCY#${schemeId}#${key}`, sk: 'SUBMISSION' }),
  draft: (draftId: string) => ({ pk: `DRAFT#${draftId}`, sk: 'DRAFT' }),
  draftClaim: (schemeId: string, formKey: string) => ({ pk: `DRAFTKEY#${schemeId}#${formKey}`, sk: 'DRAFT' }),
  draftsDue: () => 'DRAFTS_DUE',
  draftReminderOrder: (at: string, draftId: string) => `${at}#${draftId}`,
} as const;
