// The GrantStore on one DynamoDB table (design: ./table-design.ts). Every state change is a single
// conditional write; the audit trail is appended in the same UpdateItem as the state change, so
// no transactions are needed (dynalite, the local stand-in, has none). Reads of items use
// ConsistentRead; queries follow LastEvaluatedKey so results are complete. No table scans.
import { createHash } from 'node:crypto';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
  type TranslateConfig,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, GoneError, NotFoundError } from '../domain/errors';
import { POT_BUSY_MESSAGE } from '../domain/pot';
import { payoutListKey } from '../domain/payout';
import { ABANDONED_WRITE_AFTER_MS } from '../domain/abandoned-writes';
import { SUBMISSION_CLAIM_DAYS } from '../domain/retention';
import type {
  AddedMeetingRecord,
  AgendaDepartureRecord,
  CalendarChanges,
  GroupLeadersRecord,
  CancelledMeetingRecord,
  ApplicationRecord,
  ApplicationStatus,
  ApplicationVersion,
  DecisionRecord,
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
import type { AgendaEntry, ApplicationTransition, GrantStore, IdempotencyClaim, MeetingCaseRecords, SentMailOutcome, SentMailRecord } from '../ports/grant-store';
import { unlessConditionFails } from './conditional-write';
import { GSI1, GSI2, INTERNAL_ATTRIBUTES, TTL_ATTRIBUTE, keys } from './table-design';

/** How the document client (un)marshals: undefined fields are dropped, never written. */
export const DOCUMENT_TRANSLATE_CONFIG: TranslateConfig = { marshallOptions: { removeUndefinedValues: true } };

/** Create once per module (outside the handler) and inject into DynamoGrantStore. */
export function createDocumentClient(config?: DynamoDBClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config ?? {}), DOCUMENT_TRANSLATE_CONFIG);
}

export interface DynamoGrantStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
}

export const STALE_APPLICATION_MESSAGE =
  'Søknaden er endret av noen andre, eller har en status som ikke tillater dette. Last inn på nytt og prøv igjen.';
export const POT_EXHAUSTED_MESSAGE = 'Potten har ikke nok midler igjen til denne tildelingen.';
export const POT_MISSING_MESSAGE = 'Det er ikke opprettet noen pott for dette året.';
export const ALREADY_SIGNED_MESSAGE = 'Organisasjonen har allerede svart på denne versjonen av søknaden.';
export const ALREADY_REPORTED_MESSAGE = 'Denne rapporten er allerede levert.';
export const STALE_PAYOUT_MESSAGE =
  'Utbetalingen er endret av noen andre, eller har en status som ikke tillater dette. Last inn på nytt og prøv igjen.';
export const REALLOCATION_DECIDED_MESSAGE = 'Søknaden om omdisponering er allerede behandlet.';

/** Submission idempotency claims expire (DynamoDB TTL) after this long. */
const IDEMPOTENCY_TTL_SECONDS = SUBMISSION_CLAIM_DAYS * 24 * 60 * 60;

/** Fields a transition may set: exactly the keys of ApplicationTransition['set']. */
const SETTABLE_APPLICATION_FIELDS = [
  'version',
  'title',
  'ownerEmail',
  'ownerName',
  'partnerOrganisations',
  'previousOwnerEmail',
  'ownerIsInternalUnit',
  'requestedAmount',
  'submittedAt',
  'meetingId',
  'allocation',
  'recommendation',
  'rejectionReason',
  'informationRequest',
  'repaymentClaimed',
] as const satisfies ReadonlyArray<keyof NonNullable<ApplicationTransition['set']>>;
/** The entity of a case's departure from an agenda: it shares the meeting's minutes partition with the decisions. */
const AGENDA_DEPARTURE = 'agenda-departure';
const REMOVABLE_APPLICATION_FIELDS = ['meetingId', 'informationRequest', 'rejectionReason', 'recommendation'] as const;
const SETTABLE_PAYOUT_FIELDS = ['invoiceNumber', 'invoicedAt', 'paidAt', 'cancelledAt'] as const;
/** What puts a report on its scheme's list of reports waiting to be filled in (gsi2 keys, and the request's instant). */
const SUPPLEMENT_WAIT_ATTRIBUTES = [GSI2.partitionKey, GSI2.sortKey, 'supplementRequestedAt'] as const;

type Item = Record<string, unknown>;

/**
 * DynamoDB refuses a key over these sizes with a ValidationException. Ids come from URLs, so an id
 * that long cannot exist: reads answer "not found" instead of failing (a 404, not a 500).
 */
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

function withinKeyLimits(pk: string, sk = ''): boolean {
  return Buffer.byteLength(pk) <= MAX_PARTITION_KEY_BYTES && Buffer.byteLength(sk) <= MAX_SORT_KEY_BYTES;
}

/** BatchGetItem's limit per call, and how often unprocessed keys are asked for again before giving up. */
const BATCH_GET_MAX_KEYS = 100;
const BATCH_GET_ATTEMPTS = 6;

function strip<T>(item: Item): T {
  const out: Item = {};
  for (const [k, v] of Object.entries(item)) if (!INTERNAL_ATTRIBUTES.includes(k)) out[k] = v;
  return out as T;
}

/** What saveMinutesRecord writes: the record, not the registrations (registerMinutesDecision's). */
const MINUTES_RECORD_FIELDS = ['schemeId', 'meetingId', 'present', 'absent', 'recused', 'recordedAt', 'recordedBy', 'approval', 'snapshot', 'revision'] as const satisfies ReadonlyArray<keyof MinutesRecord>;

/** A meeting's minutes record as stored; none while its item holds only registrations (decisions registered before any attendance). */
function minutesRecordOf(item: Item): MinutesRecord | undefined {
  if (item['recordedAt'] === undefined) return undefined;
  const { registeredDecisions, ...record } = strip<MinutesRecord & { registeredDecisions?: Set<string> }>(item);
  return { ...record, ...(registeredDecisions ? { registeredDecisions: [...registeredDecisions].sort() } : {}) };
}

/** Collects ExpressionAttributeNames/Values; every attribute name goes through a placeholder. */
class Expr {
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};
  private counter = 0;

  /** `#attr` for our own identifier-like attribute names. */
  name(attr: string): string {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(attr)) throw new Error(`Unsafe attribute name: ${attr}`);
    this.names[`#${attr}`] = attr;
    return `#${attr}`;
  }

  /** A placeholder for an arbitrary map key (e.g. an application id in the pot's reservations). */
  mapKey(key: string): string {
    const p = `#k${this.counter++}`;
    this.names[p] = key;
    return p;
  }

  value(label: string, v: unknown): string {
    const p = `:${label}`;
    if (p in this.values) throw new Error(`Duplicate value placeholder ${p}`);
    this.values[p] = v;
    return p;
  }

  /** Names/values ready for a command (values omitted when empty, as DynamoDB requires). */
  attributes(): { ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } {
    return Object.keys(this.values).length > 0
      ? { ExpressionAttributeNames: this.names, ExpressionAttributeValues: this.values }
      : { ExpressionAttributeNames: this.names };
  }
}

/** `SET a, b REMOVE c` from parts (omitting empty clauses). */
function updateExpression(set: string[], remove: string[]): string {
  const parts: string[] = [];
  if (set.length > 0) parts.push(`SET ${set.join(', ')}`);
  if (remove.length > 0) parts.push(`REMOVE ${remove.join(', ')}`);
  return parts.join(' ');
}

/** An address as the table keys it: hashed, so a key holds no personal data (keys show in Contributor Insights and in operators' tools). */
function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

const soonestFirst = (items: Item[]): ReminderRecord[] =>
  items.map((i) => strip<ReminderRecord>(i)).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));

export class DynamoGrantStore implements GrantStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  /** applicationId -> schemeId (immutable), to derive index keys without re-reading. Bounded. */
  private readonly schemeOf = new Map<string, string>();

  constructor(options: DynamoGrantStoreOptions) {
    this.client = options.client;
    this.tableName = options.tableName;
  }

  // ---------------------------------------------------------------- helpers

  private async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    if (!withinKeyLimits(key.pk, key.sk)) return undefined;
    const out = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item;
  }

  /** Put that only creates; returns false if the item already existed. */
  private async putIfAbsent(item: Item): Promise<boolean> {
    const put = new PutCommand({
      TableName: this.tableName,
      Item: item,
      ConditionExpression: 'attribute_not_exists(#pk)',
      ExpressionAttributeNames: { '#pk': 'pk' },
    });
    return (await unlessConditionFails(() => this.client.send(put))) !== undefined;
  }

  /** One conditional UpdateItem returning the new record; undefined when the condition failed. */
  private async updateIf<T>(key: { pk: string; sk: string }, e: Expr, updateExpr: string, condition: string): Promise<T | undefined> {
    const out = await unlessConditionFails(() =>
      this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: updateExpr, ConditionExpression: condition, ...e.attributes(), ReturnValues: 'ALL_NEW' }),
      ),
    );
    if (!out) return undefined;
    if (!out.Attributes) throw new Error('UpdateItem returned no attributes');
    return strip<T>(out.Attributes);
  }

  /** One conditional UpdateItem that reads nothing back; false when the condition failed. */
  private async tryUpdate(key: { pk: string; sk: string }, e: Expr, updateExpr: string, condition: string): Promise<boolean> {
    const update = new UpdateCommand({ TableName: this.tableName, Key: key, UpdateExpression: updateExpr, ConditionExpression: condition, ...e.attributes() });
    return (await unlessConditionFails(() => this.client.send(update))) !== undefined;
  }

  /** Query every page (or until `limit` items). */
  private async queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>, limit?: number): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const remaining = limit === undefined ? undefined : limit - items.length;
      const out = await this.client.send(
        new QueryCommand({
          ...input,
          TableName: this.tableName,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
          ...(remaining !== undefined ? { Limit: remaining } : {}),
        }),
      );
      items.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey && (limit === undefined || items.length < limit));
    return items;
  }

  /** An index partition [whose sort keys begin with skPrefix]; `only`: just these attributes of each item. */
  private async queryIndex(index: typeof GSI1 | typeof GSI2, pk: string, skPrefix?: string, only?: readonly string[]): Promise<Item[]> {
    if (!withinKeyLimits(pk, skPrefix)) return [];
    const e = new Expr();
    let cond = `${e.name(index.partitionKey)} = ${e.value('pk', pk)}`;
    if (skPrefix !== undefined) cond += ` AND begins_with(${e.name(index.sortKey)}, ${e.value('prefix', skPrefix)})`;
    const projection = only ? { ProjectionExpression: only.map((a) => e.name(a)).join(', ') } : {};
    return this.queryAll({ IndexName: index.indexName, KeyConditionExpression: cond, ...projection, ...e.attributes() });
  }

  private async queryPartition(pk: string, skPrefix: string): Promise<Item[]> {
    if (!withinKeyLimits(pk, skPrefix)) return [];
    const e = new Expr();
    const cond = `${e.name('pk')} = ${e.value('pk', pk)} AND begins_with(${e.name('sk')}, ${e.value('prefix', skPrefix)})`;
    return this.queryAll({ KeyConditionExpression: cond, ConsistentRead: true, ...e.attributes() });
  }

  private async schemeIdOf(applicationId: string): Promise<string> {
    const cached = this.schemeOf.get(applicationId);
    if (cached !== undefined) return cached;
    if (!withinKeyLimits(keys.application(applicationId).pk)) throw new NotFoundError('Fant ikke søknaden.');
    const out = await this.client.send(
      new GetCommand({
        TableName: this.tableName,
        Key: keys.application(applicationId),
        ConsistentRead: true,
        ProjectionExpression: '#schemeId',
        ExpressionAttributeNames: { '#schemeId': 'schemeId' },
      }),
    );
    const schemeId = out.Item?.['schemeId'];
    if (typeof schemeId !== 'string') throw new NotFoundError('Fant ikke søknaden.');
    this.remember(applicationId, schemeId);
    return schemeId;
  }

  private remember(applicationId: string, schemeId: string): void {
    if (this.schemeOf.size >= 1000) this.schemeOf.clear();
    this.schemeOf.set(applicationId, schemeId);
  }

  // ---------------------------------------------------------------- applications

  async claimSubmissionKey(schemeId: string, key: string, applicationId: string, requestHash: string, at: string): Promise<IdempotencyClaim> {
    const k = keys.idempotency(schemeId, key);
    const created = await this.putIfAbsent({
      ...k,
      entity: 'idempotency',
      schemeId,
      applicationId,
      requestHash,
      createdAt: at,
      [TTL_ATTRIBUTE]: Math.floor(Date.parse(at) / 1000) + IDEMPOTENCY_TTL_SECONDS,
    });
    if (created) return { fresh: true, applicationId, requestHash };
    const existing = await this.get(k);
    if (!existing) throw new Error('Idempotency claim disappeared between write and read');
    return {
      fresh: false,
      applicationId: String(existing['applicationId']),
      requestHash: String(existing['requestHash']),
      ...(typeof existing['createdAt'] === 'string' ? { claimedAt: existing['createdAt'] } : {}),
    };
  }

  async reassignSubmissionKey(schemeId: string, key: string, from: string, to: string, at: string): Promise<boolean> {
    const e = new Expr();
    const set = [
      `${e.name('applicationId')} = ${e.value('to', to)}`,
      `${e.name('createdAt')} = ${e.value('at', at)}`,
      `${e.name(TTL_ATTRIBUTE)} = ${e.value('ttl', Math.floor(Date.parse(at) / 1000) + IDEMPOTENCY_TTL_SECONDS)}`,
    ];
    return this.tryUpdate(keys.idempotency(schemeId, key), e, `SET ${set.join(', ')}`, `${e.name('applicationId')} = ${e.value('from', from)}`);
  }

  async createApplication(app: ApplicationRecord, version: ApplicationVersion, links: LinkRecord[]): Promise<void> {
    // Version, links and the address in one round trip: none means anything before the application item.
    await Promise.all([this.putVersion(version), this.putLinks(links), this.putOwnerAddress(app.id, app.ownerEmail)]);
    // The commit point: the application item, written last and only once.
    await this.putIfAbsent(this.applicationItem(app));
    this.remember(app.id, app.schemeId);
  }

  private applicationItem(app: ApplicationRecord): Item {
    const bySubmitted = keys.bySubmitted(app.submittedAt, app.id);
    return {
      ...app,
      history: app.history ?? [],
      ...keys.application(app.id),
      entity: 'application',
      [GSI1.partitionKey]: keys.applicationStatus(app.schemeId, app.status),
      [GSI1.sortKey]: bySubmitted,
      // gsi2sk is always present; the item is in gsi2 only while gsi2pk (the agenda) is set.
      [GSI2.sortKey]: bySubmitted,
      ...(app.meetingId !== undefined ? { [GSI2.partitionKey]: keys.agenda(app.schemeId, app.meetingId) } : {}),
    };
  }

  async putOwnerAddress(applicationId: string, address: string): Promise<boolean> {
    return this.putIfAbsent({ ...keys.ownerAddress(addressHash(address), applicationId), applicationId, entity: 'owner-address' });
  }

  // ---------------------------------------------------------------- upgrades

  async upgradeDone(step: string): Promise<boolean> {
    return (await this.get(keys.upgrade(step))) !== undefined;
  }

  async markUpgradeDone(step: string, at: string): Promise<void> {
    await this.putIfAbsent({ ...keys.upgrade(step), step, doneAt: at, entity: 'upgrade' });
  }

  async fillSearchFields(applicationId: string, fields: Required<Pick<ApplicationRecord, 'ownerName' | 'partnerOrganisations'>>): Promise<boolean> {
    const e = new Expr();
    // the name a change of contact person set stays
    const set = `${e.name('partnerOrganisations')} = ${e.value('orgs', fields.partnerOrganisations)}, ${e.name('ownerName')} = if_not_exists(${e.name('ownerName')}, ${e.value('name', fields.ownerName)})`;
    return this.tryUpdate(keys.application(applicationId), e, `SET ${set}`, `attribute_exists(${e.name('pk')}) AND attribute_not_exists(${e.name('partnerOrganisations')})`);
  }

  async listByOwnerAddress(address: string): Promise<string[]> {
    const items = await this.queryPartition(keys.ownerAddress(addressHash(address), '').pk, 'APP#');
    return items.map((i) => String(i['applicationId']));
  }

  async getApplication(applicationId: string): Promise<ApplicationRecord | undefined> {
    const item = await this.get(keys.application(applicationId));
    return item ? strip<ApplicationRecord>(item) : undefined;
  }

  async getApplications(applicationIds: readonly string[]): Promise<ApplicationRecord[]> {
    const ids = [...new Set(applicationIds)];
    const wanted = ids.map(keys.application).filter((key) => withinKeyLimits(key.pk, key.sk));
    const chunks = Array.from({ length: Math.ceil(wanted.length / BATCH_GET_MAX_KEYS) }, (_, i) => wanted.slice(i * BATCH_GET_MAX_KEYS, (i + 1) * BATCH_GET_MAX_KEYS));
    const found = (await Promise.all(chunks.map((chunk) => this.batchGet(chunk)))).flat().map((item) => strip<ApplicationRecord>(item));
    // BatchGetItem answers in any order.
    const byId = new Map(found.map((app) => [app.id, app]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** One BatchGetItem, asked again for the keys DynamoDB leaves unprocessed (throttling), with backoff. */
  private async batchGet(wanted: ReadonlyArray<{ pk: string; sk: string }>): Promise<Item[]> {
    const items: Item[] = [];
    let pending: Array<Record<string, unknown>> = [...wanted];
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt === BATCH_GET_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} key(s) unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 25));
      const out = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...(out.Responses?.[this.tableName] ?? []));
      pending = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return items;
  }

  async transition(t: ApplicationTransition): Promise<ApplicationRecord> {
    const e = new Expr();
    const set: string[] = [];
    const remove: string[] = [];
    const fields = (t.set ?? {}) as Record<string, unknown>;
    const removals = t.remove ?? [];

    for (const f of Object.keys(fields)) {
      if (!(SETTABLE_APPLICATION_FIELDS as readonly string[]).includes(f)) throw new Error(`Field not allowed in a transition: ${f}`);
    }
    for (const f of removals) {
      if (!(REMOVABLE_APPLICATION_FIELDS as readonly string[]).includes(f)) throw new Error(`Field not removable: ${f}`);
      if (fields[f] !== undefined) throw new Error(`Field both set and removed: ${f}`);
    }
    if (t.from !== undefined && t.from.length === 0) throw new Error('transition.from must not be empty');

    const meetingId = fields['meetingId'];
    const needsScheme = t.to !== undefined || typeof meetingId === 'string';
    const schemeId = needsScheme ? await this.schemeIdOf(t.applicationId) : undefined;

    // Condition: the item exists, the revision is the one the caller read, the status is allowed.
    let condition = `attribute_exists(${e.name('pk')}) AND ${e.name('revision')} = ${e.value('expectedRevision', t.expectedRevision)}`;
    if (t.from !== undefined) {
      const list = t.from.map((s, i) => e.value(`from${i}`, s)).join(', ');
      condition += ` AND ${e.name('status')} IN (${list})`;
    }

    set.push(`${e.name('revision')} = ${e.name('revision')} + ${e.value('one', 1)}`);
    set.push(
      `${e.name('history')} = list_append(if_not_exists(${e.name('history')}, ${e.value('emptyList', [])}), ${e.value('auditEntry', [t.audit])})`,
    );
    if (t.to !== undefined && schemeId !== undefined) {
      set.push(`${e.name('status')} = ${e.value('to', t.to)}`);
      set.push(`${e.name(GSI1.partitionKey)} = ${e.value('statusKey', keys.applicationStatus(schemeId, t.to))}`);
    }
    let i = 0;
    for (const f of SETTABLE_APPLICATION_FIELDS) {
      const v = fields[f];
      if (v === undefined) continue;
      set.push(`${e.name(f)} = ${e.value(`set${i++}`, v)}`);
    }
    if (typeof fields['submittedAt'] === 'string') {
      const bySubmitted = keys.bySubmitted(fields['submittedAt'], t.applicationId);
      set.push(`${e.name(GSI1.sortKey)} = ${e.value('gsi1sk', bySubmitted)}`);
      set.push(`${e.name(GSI2.sortKey)} = ${e.value('gsi2sk', bySubmitted)}`);
    }
    if (typeof meetingId === 'string' && schemeId !== undefined) {
      set.push(`${e.name(GSI2.partitionKey)} = ${e.value('agendaKey', keys.agenda(schemeId, meetingId))}`);
    }
    for (const f of removals) remove.push(e.name(f));
    if (removals.includes('meetingId')) remove.push(e.name(GSI2.partitionKey));

    const updated = await this.updateIf<ApplicationRecord>(keys.application(t.applicationId), e, updateExpression(set, remove), condition);
    if (!updated) throw new ConflictError(STALE_APPLICATION_MESSAGE, 'stale');
    return updated;
  }

  /** Versions are immutable snapshots: the first write wins, a repeat is a no-op (see the port for `replacing`). */
  async putVersion(version: ApplicationVersion, replacing?: string): Promise<boolean> {
    const earlier = version.data.continues;
    const continuation = earlier
      ? { [GSI1.partitionKey]: keys.continuations(earlier), [GSI1.sortKey]: keys.continuationOrder(version.createdAt, version.applicationId, version.version) }
      : {};
    const item = { ...version, ...keys.version(version.applicationId, version.version), ...continuation, entity: 'version' };
    if (replacing === undefined) return this.putIfAbsent(item);
    const put = new PutCommand({
      TableName: this.tableName,
      Item: item,
      ConditionExpression: '#createdAt = :replacing',
      ExpressionAttributeNames: { '#createdAt': 'createdAt' },
      ExpressionAttributeValues: { ':replacing': replacing },
    });
    return (await unlessConditionFails(() => this.client.send(put))) !== undefined;
  }

  async listVersionsContinuing(applicationId: string): Promise<Array<{ applicationId: string; version: number }>> {
    // Only the ids: a version item carries the whole project description.
    const items = await this.queryIndex(GSI1, keys.continuations(applicationId), undefined, ['applicationId', 'version']);
    return items.map((i) => ({ applicationId: String(i.applicationId), version: Number(i.version) }));
  }

  async getVersion(applicationId: string, version: number): Promise<ApplicationVersion | undefined> {
    const item = await this.get(keys.version(applicationId, version));
    return item ? strip<ApplicationVersion>(item) : undefined;
  }

  async listByStatus(schemeId: string, status: ApplicationStatus): Promise<ApplicationRecord[]> {
    const items = await this.queryIndex(GSI1, keys.applicationStatus(schemeId, status));
    return items.map((i) => strip<ApplicationRecord>(i));
  }

  async listAgenda(schemeId: string, meetingId: string): Promise<ApplicationRecord[]> {
    const items = await this.queryIndex(GSI2, keys.agenda(schemeId, meetingId));
    return items.map((i) => strip<ApplicationRecord>(i));
  }

  // A case's item carries its whole history: the calendar reads every meeting's agenda, so only these two.
  async listAgendaStatuses(schemeId: string, meetingId: string): Promise<AgendaEntry[]> {
    const items = await this.queryIndex(GSI2, keys.agenda(schemeId, meetingId), undefined, ['id', 'status']);
    return items.map((i) => ({ id: String(i.id), status: i.status as ApplicationStatus }));
  }

  // ---------------------------------------------------------------- links

  /** Create-only: an existing link (perhaps already used) is never overwritten. */
  async putLinks(links: LinkRecord[]): Promise<void> {
    await Promise.all(
      links.map((l) =>
        this.putIfAbsent({
          ...l,
          ...keys.link(l.id),
          entity: 'link',
          [GSI1.partitionKey]: keys.appLinks(l.applicationId),
          [GSI1.sortKey]: `${l.purpose}#${l.createdAt}#${l.id}`,
        }),
      ),
    );
  }

  async getLink(linkId: string): Promise<LinkRecord | undefined> {
    const item = await this.get(keys.link(linkId));
    return item ? strip<LinkRecord>(item) : undefined;
  }

  async consumeLink(linkId: string, at: string): Promise<LinkRecord> {
    const e = new Expr();
    const used = await this.updateIf<LinkRecord>(
      keys.link(linkId),
      e,
      `SET ${e.name('state')} = ${e.value('used', 'used')}, ${e.name('usedAt')} = ${e.value('at', at)}`,
      `attribute_exists(${e.name('pk')}) AND ${e.name('state')} = ${e.value('active', 'active')} AND ${e.name('expiresAt')} > ${e.value('now', at)}`,
    );
    if (used) return used;
    if (!(await this.get(keys.link(linkId)))) throw new NotFoundError('Fant ikke lenken.');
    throw new GoneError();
  }

  async revokeLinks(applicationId: string, purpose: LinkRecord['purpose'], only: (link: LinkRecord) => boolean = () => true): Promise<void> {
    const items = await this.queryIndex(GSI1, keys.appLinks(applicationId), `${purpose}#`);
    await Promise.all(
      items
        .filter((i) => i['state'] === 'active' && i['purpose'] === purpose && only(strip<LinkRecord>(i)))
        .map(async (i) => {
          const e = new Expr();
          // false: used or revoked meanwhile, nothing to do
          await this.tryUpdate(keys.link(String(i['id'])), e, `SET ${e.name('state')} = ${e.value('revoked', 'revoked')}`, `${e.name('state')} = ${e.value('active', 'active')}`);
        }),
    );
  }

  async listLinks(applicationId: string): Promise<LinkRecord[]> {
    const items = await this.queryIndex(GSI1, keys.appLinks(applicationId));
    return items.map((i) => strip<LinkRecord>(i));
  }

  // ---------------------------------------------------------------- signatures

  async putSignature(signature: SignatureRecord): Promise<void> {
    const created = await this.putIfAbsent({
      ...signature,
      ...keys.signature(signature.applicationId, signature.version, signature.partnerIndex),
      entity: 'signature',
    });
    if (!created) throw new ConflictError(ALREADY_SIGNED_MESSAGE, 'already_signed');
  }

  async listSignatures(applicationId: string, version: number): Promise<SignatureRecord[]> {
    const items = await this.queryPartition(keys.application(applicationId).pk, keys.signaturePrefix(version));
    return items.map((i) => strip<SignatureRecord>(i));
  }

  // ---------------------------------------------------------------- decisions

  async putDecision(decision: DecisionRecord): Promise<void> {
    const { schemeId, meetingId } = decision;
    const minutes = schemeId && meetingId ? { [GSI1.partitionKey]: keys.meetingDecisions(schemeId, meetingId), [GSI1.sortKey]: keys.decisionOrder(decision.at, decision.applicationId, decision.id) } : {};
    await this.putIfAbsent({ ...decision, ...keys.decision(decision.applicationId, decision.id), ...minutes, entity: 'decision' });
  }

  async listMeetingDecisions(schemeId: string, meetingId: string): Promise<DecisionRecord[]> {
    return (await this.listMeetingCases(schemeId, meetingId)).decisions;
  }

  async putAgendaDeparture(departure: AgendaDepartureRecord): Promise<AgendaDepartureRecord> {
    const key = keys.agendaDeparture(departure.applicationId, departure.meetingId);
    const e = new Expr();
    const [pk, at, revision] = ['pk', 'at', 'revision'].map((n) => e.name(n));
    // The latest time the case left the meeting's agenda (departures noted before revisions were kept)...
    const when = e.value('at', departure.at);
    const later = `${at} < ${when}`;
    let condition = `attribute_not_exists(${pk}) OR (attribute_not_exists(${revision}) AND ${later})`;
    if (departure.revision !== undefined) {
      // ...else by the case's revision: a change made on a later one replaces it; of two made on the
      // same one, the first noted holds it (a later repeat of it is noted again), until it is so old that
      // its change cannot still be on its way (it died before its write).
      const ours = e.value('revision', departure.revision);
      const same = `${revision} = ${ours}`;
      const [kind, movedTo] = [e.name('kind'), e.name('movedTo')];
      const repeat = `${kind} = ${e.value('kind', departure.kind)} AND ${departure.movedTo ? `${movedTo} = ${e.value('movedTo', departure.movedTo)}` : `attribute_not_exists(${movedTo})`} AND ${at} <= ${when}`;
      const abandoned = `${at} < ${e.value('abandoned', new Date(Date.parse(departure.at) - ABANDONED_WRITE_AFTER_MS).toISOString())}`;
      condition += ` OR ${revision} < ${ours} OR (${same} AND ((${repeat}) OR ${abandoned}))`;
    }
    const put = new PutCommand({
      TableName: this.tableName,
      Item: {
        ...departure,
        ...key,
        [GSI1.partitionKey]: keys.meetingDecisions(departure.schemeId, departure.meetingId),
        [GSI1.sortKey]: keys.decisionOrder(departure.at, departure.applicationId, 'left'),
        entity: AGENDA_DEPARTURE,
      },
      ConditionExpression: condition,
      ...e.attributes(),
    });
    if ((await unlessConditionFails(() => this.client.send(put))) !== undefined) return departure;
    const held = await this.get(key);
    if (!held) throw new Error(`Agenda departure ${key.sk} of ${departure.applicationId} refused but not there`);
    return strip<AgendaDepartureRecord>(held);
  }

  async listMeetingCases(schemeId: string, meetingId: string): Promise<MeetingCaseRecords> {
    const items = await this.queryIndex(GSI1, keys.meetingDecisions(schemeId, meetingId));
    const out: MeetingCaseRecords = { decisions: [], departures: [] };
    for (const item of items) {
      if (item.entity === AGENDA_DEPARTURE) out.departures.push(strip<AgendaDepartureRecord>(item));
      else out.decisions.push(strip<DecisionRecord>(item));
    }
    return out;
  }

  /** Oldest first (by `at`, then id). */
  async listDecisions(applicationId: string): Promise<DecisionRecord[]> {
    const items = await this.queryPartition(keys.application(applicationId).pk, 'DECISION#');
    return items
      .map((i) => strip<DecisionRecord>(i))
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.at < b.at ? -1 : 1));
  }

  // ---------------------------------------------------------------- minutes

  async getMinutesRecord(schemeId: string, meetingId: string): Promise<MinutesRecord | undefined> {
    const item = await this.get(keys.minutesRecord(schemeId, meetingId));
    return item ? minutesRecordOf(item) : undefined;
  }

  async listMinutesRecords(schemeId: string): Promise<MinutesRecord[]> {
    const items = await this.queryPartition(keys.schemePartition(schemeId), keys.minutesRecordPrefix);
    return items.flatMap((i) => minutesRecordOf(i) ?? []);
  }

  async saveMinutesRecord(record: MinutesRecord, registrations?: number): Promise<boolean> {
    const e = new Expr();
    const set = [`${e.name('entity')} = ${e.value('entity', 'minutes')}`];
    const remove: string[] = [];
    // The record's own attributes (the registrations stay as the registrations left them).
    for (const field of MINUTES_RECORD_FIELDS) {
      const value = record[field];
      if (value === undefined) remove.push(e.name(field));
      else set.push(`${e.name(field)} = ${e.value(field, value)}`);
    }
    // Approved minutes are final: never written again.
    let condition = `attribute_not_exists(${e.name('approval')}) AND `;
    condition += record.revision === 1 ? `attribute_not_exists(${e.name('revision')})` : `${e.name('revision')} = ${e.value('previous', record.revision - 1)}`;
    if (registrations !== undefined) {
      const counted = e.name('registrations');
      condition += registrations === 0 ? ` AND attribute_not_exists(${counted})` : ` AND ${counted} = ${e.value('registrations', registrations)}`;
    }
    return this.tryUpdate(keys.minutesRecord(record.schemeId, record.meetingId), e, updateExpression(set, remove), condition);
  }

  async registerMinutesDecision(schemeId: string, meetingId: string, entry: string): Promise<boolean> {
    const e = new Expr();
    const update = `ADD ${e.name('registeredDecisions')} ${e.value('entry', new Set([entry]))}, ${e.name('registrations')} ${e.value('one', 1)} SET ${e.name('schemeId')} = ${e.value('schemeId', schemeId)}, ${e.name('meetingId')} = ${e.value('meetingId', meetingId)}, ${e.name('entity')} = ${e.value('entity', 'minutes')}`;
    return this.tryUpdate(keys.minutesRecord(schemeId, meetingId), e, update, `attribute_not_exists(${e.name('approval')})`);
  }

  async unregisterMinutesDecision(schemeId: string, meetingId: string, entry: string): Promise<void> {
    const e = new Expr();
    // false: approved meanwhile (never written again), or nothing there
    await this.tryUpdate(keys.minutesRecord(schemeId, meetingId), e, `DELETE ${e.name('registeredDecisions')} ${e.value('entry', new Set([entry]))}`, `attribute_exists(${e.name('pk')}) AND attribute_not_exists(${e.name('approval')})`);
  }

  /** Writes the item if the stored one is still the revision before it (none, for revision 1); false when someone else wrote first. */
  private async putNextRevision(item: Item, revision: number): Promise<boolean> {
    if (revision === 1) return this.putIfAbsent(item);
    const put = new PutCommand({
      TableName: this.tableName,
      Item: item,
      ConditionExpression: '#revision = :previous',
      ExpressionAttributeNames: { '#revision': 'revision' },
      ExpressionAttributeValues: { ':previous': revision - 1 },
    });
    return (await unlessConditionFails(() => this.client.send(put))) !== undefined;
  }

  // ---------------------------------------------------------------- group leaders

  async listGroupLeaders(schemeId: string): Promise<GroupLeadersRecord[]> {
    const items = await this.queryPartition(keys.schemePartition(schemeId), keys.groupLeadersPrefix);
    return items.map((i) => strip<GroupLeadersRecord>(i));
  }

  async saveGroupLeaders(record: GroupLeadersRecord): Promise<boolean> {
    return this.putNextRevision({ ...record, ...keys.groupLeaders(record.schemeId, record.groupId), entity: 'group-leaders' }, record.revision);
  }

  // ---------------------------------------------------------------- calendar

  async listCalendarChanges(schemeId: string): Promise<CalendarChanges> {
    const items = await this.queryPartition(keys.schemePartition(schemeId), keys.calendarChangePrefix);
    const changes = { added: [] as AddedMeetingRecord[], cancelled: [] as CancelledMeetingRecord[] };
    for (const item of items) {
      if (item.entity === 'meeting-cancellation') changes.cancelled.push(strip<CancelledMeetingRecord>(item));
      else changes.added.push(strip<AddedMeetingRecord>(item));
    }
    return changes;
  }

  async addMeeting(meeting: AddedMeetingRecord): Promise<boolean> {
    return this.putIfAbsent({ ...meeting, ...keys.addedMeeting(meeting.schemeId, meeting.date), entity: 'meeting' });
  }

  async removeAddedMeeting(schemeId: string, date: string): Promise<boolean> {
    return this.deleteIfExists(keys.addedMeeting(schemeId, date));
  }

  async cancelConfiguredMeeting(cancellation: CancelledMeetingRecord): Promise<boolean> {
    return this.putIfAbsent({ ...cancellation, ...keys.meetingCancellation(cancellation.schemeId, cancellation.date), entity: 'meeting-cancellation' });
  }

  async restoreConfiguredMeeting(schemeId: string, date: string): Promise<boolean> {
    return this.deleteIfExists(keys.meetingCancellation(schemeId, date));
  }

  /** Deletes the item; false when it was not there. */
  private async deleteIfExists(key: { pk: string; sk: string }): Promise<boolean> {
    const e = new Expr();
    const exists = `attribute_exists(${e.name('pk')})`;
    const remove = new DeleteCommand({ TableName: this.tableName, Key: key, ConditionExpression: exists, ...e.attributes() });
    return (await unlessConditionFails(() => this.client.send(remove))) !== undefined;
  }

  // ---------------------------------------------------------------- pot

  async ensurePot(schemeId: string, year: number, total: number): Promise<void> {
    await this.putIfAbsent({ ...keys.pot(schemeId, year), entity: 'pot', schemeId, year, total, remaining: total, reservations: {} });
  }

  async getPot(schemeId: string, year: number): Promise<PotRecord | undefined> {
    const item = await this.get(keys.pot(schemeId, year));
    return item ? strip<PotRecord>(item) : undefined;
  }

  async setPotTotal(schemeId: string, year: number, from: number, to: number): Promise<boolean> {
    const e = new Expr();
    const total = e.name('total');
    const remaining = e.name('remaining');
    return this.tryUpdate(keys.pot(schemeId, year), e, `SET ${total} = ${e.value('to', to)}, ${remaining} = ${remaining} + ${e.value('delta', to - from)}`, `${total} = ${e.value('from', from)}`);
  }

  async reserve(schemeId: string, year: number, applicationId: string, amount: number): Promise<void> {
    if (!Number.isFinite(amount) || amount <= 0) throw new RangeError(`Reservation amount must be positive: ${amount}`);
    const e = new Expr();
    const app = `${e.name('reservations')}.${e.mapKey(applicationId)}`;
    const amt = e.value('amount', amount);
    const reserved = await this.tryUpdate(
      keys.pot(schemeId, year),
      e,
      `SET ${e.name('remaining')} = ${e.name('remaining')} - ${amt}, ${app} = ${amt}`,
      `attribute_exists(${e.name('pk')}) AND ${e.name('remaining')} >= ${amt} AND attribute_not_exists(${app})`,
    );
    if (reserved) return;
    const pot = await this.get(keys.pot(schemeId, year));
    if (!pot) throw new ConflictError(POT_MISSING_MESSAGE, 'pot_missing');
    const reservations = (pot['reservations'] ?? {}) as Record<string, number>;
    if (reservations[applicationId] !== undefined) return; // already reserved: idempotent repeat
    throw new ConflictError(POT_EXHAUSTED_MESSAGE, 'pot_exhausted');
  }

  async release(schemeId: string, year: number, applicationId: string): Promise<void> {
    // Read the amount, then give back exactly that amount, conditional on the reservation still
    // being that amount; retry if it changed meanwhile. No reservation: nothing to release.
    for (let attempt = 0; attempt < 5; attempt++) {
      const pot = await this.get(keys.pot(schemeId, year));
      const amount = ((pot?.['reservations'] ?? {}) as Record<string, number>)[applicationId];
      if (amount === undefined) return;
      const e = new Expr();
      const app = `${e.name('reservations')}.${e.mapKey(applicationId)}`;
      const amt = e.value('amount', amount);
      if (await this.tryUpdate(keys.pot(schemeId, year), e, `SET ${e.name('remaining')} = ${e.name('remaining')} + ${amt} REMOVE ${app}`, `${app} = ${amt}`)) return;
    }
    throw new ConflictError(POT_BUSY_MESSAGE, 'stale');
  }

  // ---------------------------------------------------------------- payouts

  async putPayout(payout: PayoutRecord): Promise<void> {
    await this.putIfAbsent(this.payoutItem(payout));
  }

  private payoutItem(p: PayoutRecord): Item {
    return {
      ...p,
      ...keys.payout(p.id),
      entity: 'payout',
      [GSI1.partitionKey]: keys.project(p.projectNumber),
      [GSI1.sortKey]: payoutListKey(p),
      [GSI2.partitionKey]: keys.appPayouts(p.applicationId),
      [GSI2.sortKey]: `${p.createdAt}#${p.id}`,
    };
  }

  async getPayout(payoutId: string): Promise<PayoutRecord | undefined> {
    const item = await this.get(keys.payout(payoutId));
    return item ? strip<PayoutRecord>(item) : undefined;
  }

  async listPayoutsByProject(projectNumber: string, state?: PayoutState): Promise<PayoutRecord[]> {
    const items = await this.queryIndex(GSI1, keys.project(projectNumber), state === undefined ? undefined : `${state}#`);
    return items.map((i) => strip<PayoutRecord>(i));
  }

  async listPayoutsForApplication(applicationId: string): Promise<PayoutRecord[]> {
    const items = await this.queryIndex(GSI2, keys.appPayouts(applicationId));
    return items.map((i) => strip<PayoutRecord>(i));
  }

  async updatePayout(
    payoutId: string,
    expectedRevision: number,
    from: readonly PayoutState[],
    to: PayoutState,
    set: Partial<Pick<PayoutRecord, 'invoiceNumber' | 'invoicedAt' | 'paidAt' | 'cancelledAt'>>,
  ): Promise<PayoutRecord> {
    if (from.length === 0) throw new Error('updatePayout.from must not be empty');
    for (const f of Object.keys(set)) {
      if (!(SETTABLE_PAYOUT_FIELDS as readonly string[]).includes(f)) throw new Error(`Field not allowed in a payout update: ${f}`);
    }
    // createdAt (immutable) is part of the state index key.
    const current = await this.get(keys.payout(payoutId));
    if (!current) throw new NotFoundError('Fant ikke utbetalingen.');

    const e = new Expr();
    const updates = [
      `${e.name('state')} = ${e.value('to', to)}`,
      `${e.name('revision')} = ${e.name('revision')} + ${e.value('one', 1)}`,
      `${e.name(GSI1.sortKey)} = ${e.value('gsi1sk', payoutListKey({ state: to, createdAt: String(current['createdAt']), id: payoutId }))}`,
    ];
    for (const f of SETTABLE_PAYOUT_FIELDS) {
      const v = set[f];
      if (v !== undefined) updates.push(`${e.name(f)} = ${e.value(f, v)}`);
    }
    const fromList = from.map((s, i) => e.value(`from${i}`, s)).join(', ');
    const updated = await this.updateIf<PayoutRecord>(
      keys.payout(payoutId),
      e,
      // cancelledAt says when a payout was cancelled: gone again when a cancellation is undone
      updateExpression(updates, to === 'cancelled' ? [] : [e.name('cancelledAt')]),
      `attribute_exists(${e.name('pk')}) AND ${e.name('revision')} = ${e.value('expectedRevision', expectedRevision)} AND ${e.name('state')} IN (${fromList})`,
    );
    if (!updated) throw new ConflictError(STALE_PAYOUT_MESSAGE, 'stale');
    return updated;
  }

  // ---------------------------------------------------------------- reports

  /** Needs the application (for its scheme, the report index's partition); NotFoundError without it. */
  async putReport(report: ReportRecord): Promise<void> {
    const schemeId = await this.schemeIdOf(report.applicationId);
    const created = await this.putIfAbsent({
      ...report,
      ...keys.report(report.applicationId, report.kind),
      entity: 'report',
      [GSI1.partitionKey]: keys.schemeReports(schemeId),
      [GSI1.sortKey]: `${report.submittedAt}#${report.applicationId}#${report.kind}`,
    });
    if (!created) throw new ConflictError(ALREADY_REPORTED_MESSAGE, 'already_reported');
  }

  async supplementReport(applicationId: string, kind: ReportKind, content: ReportContent, at: string, previousAt: string): Promise<boolean> {
    const stored = await this.get(keys.report(applicationId, kind));
    if (!stored) return false;
    const before = strip<ReportRecord>(stored);
    const sentAt = before.supplementedAt ?? before.submittedAt;
    if (sentAt !== previousAt) return false;
    const e = new Expr();
    const earlier = { sentAt, progress: before.progress, effect: before.effect, spentAmount: before.spentAmount, ...(before.lessonsLearned ? { lessonsLearned: before.lessonsLearned } : {}), ...(before.deviations ? { deviations: before.deviations } : {}) };
    const set = [
      `${e.name('progress')} = ${e.value('progress', content.progress)}`,
      `${e.name('effect')} = ${e.value('effect', content.effect)}`,
      `${e.name('spentAmount')} = ${e.value('spentAmount', content.spentAmount)}`,
      `${e.name('supplementedAt')} = ${e.value('at', at)}`,
      `${e.name('earlier')} = list_append(if_not_exists(${e.name('earlier')}, ${e.value('none', [])}), ${e.value('earlier', [earlier])})`,
      ...(content.lessonsLearned ? [`${e.name('lessonsLearned')} = ${e.value('lessonsLearned', content.lessonsLearned)}`] : []),
      ...(content.deviations ? [`${e.name('deviations')} = ${e.value('deviations', content.deviations)}`] : []),
    ];
    // answered: off the scheme's list of reports waiting to be filled in
    const remove = [
      ...(content.lessonsLearned ? [] : [e.name('lessonsLearned')]),
      ...(content.deviations ? [] : [e.name('deviations')]),
      ...SUPPLEMENT_WAIT_ATTRIBUTES.map((a) => e.name(a)),
    ];
    // Conditional on the version read: two supplements at once, one wins.
    const condition = before.supplementedAt
      ? `${e.name('supplementedAt')} = ${e.value('previous', previousAt)}`
      : `attribute_not_exists(${e.name('supplementedAt')}) AND ${e.name('submittedAt')} = ${e.value('previous', previousAt)}`;
    return this.tryUpdate(keys.report(applicationId, kind), e, `SET ${set.join(', ')} REMOVE ${remove.join(', ')}`, condition);
  }

  async markSupplementRequested(applicationId: string, kind: ReportKind, requestAt: string): Promise<void> {
    const schemeId = await this.schemeIdOf(applicationId);
    const e = new Expr();
    const set = [
      `${e.name('supplementRequestedAt')} = ${e.value('at', requestAt)}`,
      `${e.name(GSI2.partitionKey)} = ${e.value('gsi2pk', keys.supplementRequests(schemeId))}`,
      `${e.name(GSI2.sortKey)} = ${e.value('gsi2sk', `${requestAt}#${applicationId}#${kind}`)}`,
    ];
    // Not back over a later request (a repeat of an earlier one finishing late).
    const condition = `attribute_exists(${e.name('pk')}) AND (attribute_not_exists(${e.name('supplementRequestedAt')}) OR ${e.name('supplementRequestedAt')} <= ${e.value('at2', requestAt)})`;
    await this.tryUpdate(keys.report(applicationId, kind), e, `SET ${set.join(', ')}`, condition);
  }

  async clearSupplementRequest(applicationId: string, kind: ReportKind, requestAt: string): Promise<void> {
    const e = new Expr();
    const remove = SUPPLEMENT_WAIT_ATTRIBUTES.map((a) => e.name(a)).join(', ');
    await this.tryUpdate(keys.report(applicationId, kind), e, `REMOVE ${remove}`, `${e.name('supplementRequestedAt')} = ${e.value('at', requestAt)}`);
  }

  async listSupplementRequests(schemeId: string): Promise<ReportRecord[]> {
    return (await this.queryIndex(GSI2, keys.supplementRequests(schemeId))).map((i) => strip<ReportRecord>(i));
  }

  async listReports(applicationId: string): Promise<ReportRecord[]> {
    const items = await this.queryPartition(keys.application(applicationId).pk, 'REPORT#');
    return items.map((i) => strip<ReportRecord>(i));
  }

  /**
   * Reports with fromIso <= submittedAt, and submittedAt <= toIso or starting with toIso
   * (so a date 'YYYY-MM-DD' as toIso includes that whole day). Oldest first.
   */
  async listReportsBySchemeBetween(schemeId: string, fromIso: string, toIso: string): Promise<ReportRecord[]> {
    const e = new Expr();
    const cond = `${e.name(GSI1.partitionKey)} = ${e.value('pk', keys.schemeReports(schemeId))} AND ${e.name(GSI1.sortKey)} BETWEEN ${e.value('from', fromIso)} AND ${e.value('to', `${toIso}\uffff`)}`;
    const items = await this.queryAll({ IndexName: GSI1.indexName, KeyConditionExpression: cond, ...e.attributes() });
    return items.map((i) => strip<ReportRecord>(i));
  }

  // ---------------------------------------------------------------- the case's mail log

  async recordSentMail(mail: SentMailRecord): Promise<void> {
    await this.putIfAbsent({ ...mail, ...keys.sentMail(mail.applicationId, mail.key), entity: 'sent-mail' });
  }

  async markSentMail(applicationId: string, ref: string, outcome: SentMailOutcome, addresses: readonly string[]): Promise<boolean> {
    const mail = (await this.listSentMail(applicationId)).find((m) => m.ref === ref);
    if (!mail) return false;
    const known = mail[outcome] ?? [];
    const all = [...new Set([...known, ...addresses])];
    if (all.length === known.length) return true;
    const e = new Expr();
    // Unconditional but for existence: the set only grows, and a lost race with another event is redone by SNS's retry at worst.
    return this.tryUpdate(keys.sentMail(applicationId, mail.key), e, `SET ${e.name(outcome)} = ${e.value('all', all)}`, `attribute_exists(${e.name('pk')})`);
  }

  async listSentMail(applicationId: string): Promise<SentMailRecord[]> {
    const items = await this.queryPartition(keys.application(applicationId).pk, keys.sentMailPrefix);
    return items.map((i) => strip<SentMailRecord>(i)).sort((a, b) => a.sentAt.localeCompare(b.sentAt) || a.key.localeCompare(b.key));
  }

  // ---------------------------------------------------------------- reallocations

  /** Create-only: a repeat with the same id is a no-op (the first request wins). */
  async putReallocation(r: ReallocationRecord): Promise<void> {
    const pending = r.schemeId && r.state === 'requested'
      ? { [GSI1.partitionKey]: keys.pendingReallocations(r.schemeId), [GSI1.sortKey]: `${r.requestedAt}#${r.applicationId}#${r.id}` }
      : {};
    await this.putIfAbsent({ ...r, ...keys.reallocation(r.applicationId, r.id), ...pending, entity: 'reallocation' });
  }

  async addPendingReallocation(applicationId: string, id: string, schemeId: string): Promise<boolean> {
    const stored = await this.get(keys.reallocation(applicationId, id));
    if (!stored) return false;
    const r = strip<ReallocationRecord>(stored);
    const e = new Expr();
    const set = [
      `${e.name('schemeId')} = ${e.value('schemeId', schemeId)}`,
      `${e.name(GSI1.partitionKey)} = ${e.value('gsi1pk', keys.pendingReallocations(schemeId))}`,
      `${e.name(GSI1.sortKey)} = ${e.value('gsi1sk', `${r.requestedAt}#${applicationId}#${id}`)}`,
    ];
    return this.tryUpdate(keys.reallocation(applicationId, id), e, `SET ${set.join(', ')}`, `${e.name('state')} = ${e.value('requested', 'requested')} AND attribute_not_exists(${e.name('schemeId')})`);
  }

  async removePendingReallocation(applicationId: string, id: string): Promise<void> {
    const e = new Expr();
    const requested = `${e.name('state')} = ${e.value('requested', 'requested')}`;
    await unlessConditionFails(() => this.client.send(new DeleteCommand({ TableName: this.tableName, Key: keys.reallocation(applicationId, id), ConditionExpression: requested, ...e.attributes() })));
  }

  async listPendingReallocations(schemeId: string): Promise<ReallocationRecord[]> {
    const e = new Expr();
    const cond = `${e.name(GSI1.partitionKey)} = ${e.value('pk', keys.pendingReallocations(schemeId))}`;
    const items = await this.queryAll({ IndexName: GSI1.indexName, KeyConditionExpression: cond, ...e.attributes() });
    return items.map((i) => strip<ReallocationRecord>(i));
  }

  async getReallocation(applicationId: string, id: string): Promise<ReallocationRecord | undefined> {
    const item = await this.get(keys.reallocation(applicationId, id));
    return item ? strip<ReallocationRecord>(item) : undefined;
  }

  async listReallocations(applicationId: string): Promise<ReallocationRecord[]> {
    const items = await this.queryPartition(keys.application(applicationId).pk, 'REALLOC#');
    return items.map((i) => strip<ReallocationRecord>(i));
  }

  /** Conditional on state 'requested': ConflictError('already_decided') otherwise, NotFoundError if absent. */
  async decideReallocation(
    applicationId: string,
    id: string,
    state: 'approved' | 'refused',
    at: string,
    reason?: string,
  ): Promise<ReallocationRecord> {
    const e = new Expr();
    const updates = [`${e.name('state')} = ${e.value('state', state)}`, `${e.name('decidedAt')} = ${e.value('at', at)}`];
    if (reason !== undefined) updates.push(`${e.name('reason')} = ${e.value('reason', reason)}`);
    const decided = await this.updateIf<ReallocationRecord>(
      keys.reallocation(applicationId, id),
      e,
      // Off the scheme's pending list once decided.
      updateExpression(updates, [e.name(GSI1.partitionKey), e.name(GSI1.sortKey)]),
      `attribute_exists(${e.name('pk')}) AND ${e.name('state')} = ${e.value('requested', 'requested')}`,
    );
    if (decided) return decided;
    if (!(await this.get(keys.reallocation(applicationId, id)))) throw new NotFoundError('Fant ikke søknaden om omdisponering.');
    throw new ConflictError(REALLOCATION_DECIDED_MESSAGE, 'already_decided');
  }

  // ---------------------------------------------------------------- reminders

  async putReminder(r: ReminderRecord): Promise<boolean> {
    return this.putIfAbsent({
      ...r,
      ...keys.reminder(r.id),
      entity: 'reminder',
      // Sparse "due" index: only unsent reminders carry gsi1 keys.
      ...(r.sentAt === undefined ? { [GSI1.partitionKey]: keys.remindersDue(), [GSI1.sortKey]: `${r.dueAt}#${r.id}` } : {}),
      [GSI2.partitionKey]: keys.appReminders(r.applicationId),
      [GSI2.sortKey]: `${r.kind}#${r.dueAt}`,
    });
  }

  async listDueReminders(untilIso: string, limit?: number): Promise<ReminderRecord[]> {
    const e = new Expr();
    const cond = `${e.name(GSI1.partitionKey)} = ${e.value('pk', keys.remindersDue())} AND ${e.name(GSI1.sortKey)} <= ${e.value('until', keys.dueUntil(untilIso))}`;
    const items = await this.queryAll({ IndexName: GSI1.indexName, KeyConditionExpression: cond, ...e.attributes() }, limit);
    return items.map((i) => strip<ReminderRecord>(i));
  }

  // ---------------------------------------------------------------- final-report phase

  async handOverFinalReport(applicationId: string, at: string): Promise<void> {
    await this.putIfAbsent({ ...keys.finalReportPhase(applicationId), applicationId, handedOverAt: at, entity: 'final-report-phase' });
  }

  async claimFinalReport(applicationId: string, executionName: string, at: string): Promise<boolean> {
    const e = new Expr();
    const by = e.value('by', executionName);
    return this.tryUpdate(
      keys.finalReportPhase(applicationId),
      e,
      `SET ${e.name('claimedBy')} = ${by}, ${e.name('claimedAt')} = if_not_exists(${e.name('claimedAt')}, ${e.value('at', at)})`,
      `attribute_exists(${e.name('pk')}) AND (attribute_not_exists(${e.name('claimedBy')}) OR ${e.name('claimedBy')} = ${by})`,
    );
  }

  async finalReportHandedOver(applicationId: string): Promise<boolean> {
    return (await this.get(keys.finalReportPhase(applicationId))) !== undefined;
  }

  async markReminderSent(reminderId: string, at: string): Promise<boolean> {
    const e = new Expr();
    return this.tryUpdate(
      keys.reminder(reminderId),
      e,
      `SET ${e.name('sentAt')} = ${e.value('at', at)} REMOVE ${e.name(GSI1.partitionKey)}, ${e.name(GSI1.sortKey)}`,
      `attribute_exists(${e.name('pk')}) AND attribute_not_exists(${e.name('sentAt')}) AND attribute_not_exists(${e.name('cancelled')})`,
    );
  }

  async listPendingReminders(applicationId: string): Promise<ReminderRecord[]> {
    return soonestFirst(await this.pendingReminderItems(applicationId));
  }

  async listLiveReminders(applicationId: string): Promise<ReminderRecord[]> {
    return soonestFirst(await this.liveReminderItems(applicationId));
  }

  private async liveReminderItems(applicationId: string): Promise<Item[]> {
    return (await this.queryIndex(GSI2, keys.appReminders(applicationId))).filter((i) => i['cancelled'] === undefined);
  }

  private async pendingReminderItems(applicationId: string): Promise<Item[]> {
    return (await this.liveReminderItems(applicationId)).filter((i) => i['sentAt'] === undefined);
  }

  async cancelReminders(applicationId: string, kinds: readonly ReminderRecord['kind'][], which: (r: ReminderRecord) => boolean = () => true): Promise<void> {
    if (kinds.length === 0) return;
    const targets = (await this.pendingReminderItems(applicationId)).filter((i) => kinds.includes(i['kind'] as ReminderRecord['kind']) && which(strip<ReminderRecord>(i)));
    await Promise.all(
      targets.map(async (i) => {
        const e = new Expr();
        // false: sent meanwhile
        await this.tryUpdate(
          keys.reminder(String(i['id'])),
          e,
          `SET ${e.name('cancelled')} = ${e.value('yes', true)} REMOVE ${e.name(GSI1.partitionKey)}, ${e.name(GSI1.sortKey)}`,
          `attribute_exists(${e.name('pk')}) AND attribute_not_exists(${e.name('sentAt')})`,
        );
      }),
    );
  }
}
