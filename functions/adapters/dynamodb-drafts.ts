import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApplicationDraft, DraftChange, DraftGuard, DraftStore } from '../ports/drafts';
import { unlessConditionFails } from './conditional-write';
import { GSI1, keys, TTL_ATTRIBUTE, ttlSeconds } from './table-design';

function toDraft(item: Record<string, unknown>): ApplicationDraft {
  const { id, schemeId, values, formKey, createdAt, updatedAt, expiresAt, reminder } = item as unknown as ApplicationDraft;
  return { id, schemeId, values, formKey, createdAt, updatedAt, expiresAt, ...(reminder ? { reminder } : {}) };
}

/** A draft with a reminder to send is in the sparse index of due reminders, ordered by when. */
const reminderIndex = (id: string, reminder: NonNullable<ApplicationDraft['reminder']>) => ({
  [GSI1.partitionKey]: keys.draftsDue(),
  [GSI1.sortKey]: keys.draftReminderOrder(reminder.at, id),
});

/**
 * One item per draft (pk DRAFT#<id>; in gsi1 under DRAFTS_DUE until its deadline reminder is sent),
 * and a claim per form rendering (pk DRAFTKEY#<scheme>#<formKey>) naming the draft it made. The
 * claim is written first: a save that stopped between the two is finished by its repeat, under the
 * same id. DynamoDB's TTL removes both after the draft expires.
 */
export class DynamoDraftStore implements DraftStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async create(draft: ApplicationDraft): Promise<{ draft: ApplicationDraft; created: boolean }> {
    const { client, tableName } = this.options;
    const claim = keys.draftClaim(draft.schemeId, draft.formKey);
    const claimed = await unlessConditionFails(() =>
      client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...claim, entity: 'draft-claim', draftId: draft.id, [TTL_ATTRIBUTE]: ttlSeconds(draft.expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
    if (claimed) {
      await this.put(draft);
      return { draft, created: true };
    }
    const existing = await client.send(new GetCommand({ TableName: tableName, Key: claim, ConsistentRead: true }));
    const id = String(existing.Item?.draftId);
    const updated = await this.update(id, draft, { schemeId: draft.schemeId, now: draft.updatedAt });
    if (updated) return { draft: updated, created: false };
    // The first save stopped after its claim: finish it under the claimed id.
    const finished = { ...draft, id };
    await this.put(finished);
    return { draft: finished, created: true };
  }

  async get(id: string): Promise<ApplicationDraft | undefined> {
    const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: keys.draft(id), ConsistentRead: true }));
    return out.Item ? toDraft(out.Item) : undefined;
  }

  async update(id: string, change: DraftChange, guard: DraftGuard): Promise<ApplicationDraft | undefined> {
    const values: Record<string, unknown> = {
      ':values': change.values,
      ':updatedAt': change.updatedAt,
      ':expiresAt': change.expiresAt,
      ':ttl': ttlSeconds(change.expiresAt),
      ':scheme': guard.schemeId,
      ':now': guard.now,
    };
    const names: Record<string, string> = { '#values': 'values', '#ttl': TTL_ATTRIBUTE, '#reminder': 'reminder', '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey, '#scheme': 'schemeId', '#expires': 'expiresAt' };
    let update = 'SET #values = :values, updatedAt = :updatedAt, expiresAt = :expiresAt, #ttl = :ttl';
    if (change.reminder) {
      const index = reminderIndex(id, change.reminder);
      Object.assign(values, { ':reminder': change.reminder, ':gpk': index[GSI1.partitionKey], ':gsk': index[GSI1.sortKey] });
      update += ', #reminder = :reminder, #gpk = :gpk, #gsk = :gsk';
    } else {
      update += ' REMOVE #reminder, #gpk, #gsk';
    }
    const out = await unlessConditionFails(() =>
      this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.draft(id),
          UpdateExpression: update,
          // ISO instants of one format compare as strings: still valid at `now`.
          ConditionExpression: 'attribute_exists(pk) AND #scheme = :scheme AND #expires > :now',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out?.Attributes ? toDraft(out.Attributes) : undefined;
  }

  async listDueReminders(until: string, limit = 100): Promise<ApplicationDraft[]> {
    const out = await this.options.client.send(
      new QueryCommand({
        TableName: this.options.tableName,
        IndexName: GSI1.indexName,
        KeyConditionExpression: '#gpk = :due AND #gsk <= :until',
        ExpressionAttributeNames: { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey },
        ExpressionAttributeValues: { ':due': keys.draftsDue(), ':until': keys.dueUntil(until) },
        Limit: limit,
      }),
    );
    return (out.Items ?? []).map(toDraft);
  }

  async markReminded(id: string, reminder: NonNullable<ApplicationDraft['reminder']>, next?: NonNullable<ApplicationDraft['reminder']>): Promise<void> {
    const index = next && reminderIndex(id, next);
    await unlessConditionFails(() =>
      this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.draft(id),
          UpdateExpression: index ? 'SET #reminder = :next, #gpk = :gpk, #gsk = :gsk' : 'REMOVE #gpk, #gsk',
          // A save in between set the next reminder: that one stays.
          ConditionExpression: '#reminder.#at = :at AND #reminder.meetingId = :meeting',
          ExpressionAttributeNames: { '#gpk': GSI1.partitionKey, '#gsk': GSI1.sortKey, '#reminder': 'reminder', '#at': 'at' },
          ExpressionAttributeValues: {
            ':at': reminder.at,
            ':meeting': reminder.meetingId,
            ...(index ? { ':next': next, ':gpk': index[GSI1.partitionKey], ':gsk': index[GSI1.sortKey] } : {}),
          },
        }),
      ),
    );
  }

  async delete(id: string, schemeId?: string): Promise<void> {
    const only = schemeId === undefined ? {} : { ConditionExpression: '#scheme = :scheme', ExpressionAttributeNames: { '#scheme': 'schemeId' }, ExpressionAttributeValues: { ':scheme': schemeId } };
    await unlessConditionFails(() => this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keys.draft(id), ...only })));
  }

  private async put(draft: ApplicationDraft): Promise<void> {
    const index = draft.reminder ? reminderIndex(draft.id, draft.reminder) : {};
    const item = { ...keys.draft(draft.id), entity: 'draft', ...draft, ...index, [TTL_ATTRIBUTE]: ttlSeconds(draft.expiresAt) };
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: item }));
  }
}
