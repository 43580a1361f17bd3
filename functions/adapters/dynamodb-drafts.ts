import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ApplicationDraft, DraftStore } from '../ports/drafts';
import { unlessConditionFails } from './conditional-write';
import { keys, TTL_ATTRIBUTE } from './table-design';

const ttl = (expiresAt: string) => Math.ceil(Date.parse(expiresAt) / 1000);

function toDraft(item: Record<string, unknown>): ApplicationDraft {
  const { id, schemeId, values, formKey, createdAt, updatedAt, expiresAt } = item as unknown as ApplicationDraft;
  return { id, schemeId, values, formKey, createdAt, updatedAt, expiresAt };
}

/**
 * One item per draft (pk DRAFT#<id>), and a claim per form rendering (pk DRAFTKEY#<scheme>#<formKey>)
 * naming the draft it made. The claim is written first: a save that stopped between the two is
 * finished by its repeat, under the same id. DynamoDB's TTL removes both after the draft expires.
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
          Item: { ...claim, entity: 'draft-claim', draftId: draft.id, [TTL_ATTRIBUTE]: ttl(draft.expiresAt) },
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
    const updated = await this.update(id, draft);
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

  async update(id: string, change: Pick<ApplicationDraft, 'values' | 'updatedAt' | 'expiresAt'>): Promise<ApplicationDraft | undefined> {
    const out = await unlessConditionFails(() =>
      this.options.client.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: keys.draft(id),
          UpdateExpression: 'SET #values = :values, updatedAt = :updatedAt, expiresAt = :expiresAt, #ttl = :ttl',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#values': 'values', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':values': change.values, ':updatedAt': change.updatedAt, ':expiresAt': change.expiresAt, ':ttl': ttl(change.expiresAt) },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out?.Attributes ? toDraft(out.Attributes) : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: keys.draft(id) }));
  }

  private async put(draft: ApplicationDraft): Promise<void> {
    const item = { ...keys.draft(draft.id), entity: 'draft', ...draft, [TTL_ATTRIBUTE]: ttl(draft.expiresAt) };
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: item }));
  }
}
