// MailOutbox on the single table: one item per idempotency key, pk=`MAIL#<key>`, sk=`MAIL`.
// Only conditional writes and GetItem (no Scan, no transactions). After a failed condition we read
// the item with a consistent GetItem instead of ReturnValuesOnConditionCheckFailure, which dynalite
// ignores. The item holds ids and instants only: no recipients, no mail content.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from './conditional-write';
import { MAIL_CLAIM_STALE_MS, type MailClaimResult, type MailOutbox } from '../ports/mail-outbox';

export const MAIL_ITEM_SK = 'MAIL';
export const mailItemPk = (key: string): string => `MAIL#${key}`;

/** DynamoDB allows 2048 bytes for a partition key; keep ours well inside. */
const MAX_KEY_LENGTH = 1000;

export interface MailOutboxItem {
  pk: string;
  sk: typeof MAIL_ITEM_SK;
  entity: 'mail';
  idempotencyKey: string;
  state: 'claimed' | 'sent';
  claimedAt: string; // ISO instant of the latest claim
  attempts: number; // number of claims (first send + retries after failure or crash)
  messageId?: string;
  sentAt?: string;
}

export interface DynamoMailOutboxOptions {
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
  staleAfterMs?: number;
}

export class DynamoMailOutbox implements MailOutbox {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly staleAfterMs: number;

  constructor({ client, tableName, staleAfterMs = MAIL_CLAIM_STALE_MS }: DynamoMailOutboxOptions) {
    this.doc =
      client instanceof DynamoDBDocumentClient
        ? client
        : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.tableName = tableName;
    this.staleAfterMs = staleAfterMs;
  }

  async claim(key: string, at: Date): Promise<MailClaimResult> {
    assertKey(key);
    // Two rounds at most: a failed condition followed by a missing item means the holder released
    // its claim in between; we then try once more.
    for (let round = 0; round < 2; round++) {
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: mailItemPk(key), sk: MAIL_ITEM_SK },
            UpdateExpression:
              'SET #type = :type, #key = :key, #state = :claimed, #claimedAt = :at ADD #attempts :one',
            ConditionExpression: 'attribute_not_exists(#pk) OR (#state = :claimed AND #claimedAt < :staleBefore)',
            ExpressionAttributeNames: {
              '#pk': 'pk',
              '#type': 'entity',
              '#key': 'idempotencyKey',
              '#state': 'state',
              '#claimedAt': 'claimedAt',
              '#attempts': 'attempts',
            },
            ExpressionAttributeValues: {
              ':type': 'mail',
              ':key': key,
              ':claimed': 'claimed',
              ':at': at.toISOString(),
              ':staleBefore': new Date(at.getTime() - this.staleAfterMs).toISOString(),
              ':one': 1,
            },
          }),
        );
        return 'claimed';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const existing = await this.get(key);
      if (existing?.state === 'sent') return 'sent';
      if (existing?.state === 'claimed') return 'in_progress';
    }
    return 'in_progress';
  }

  async markSent(key: string, messageId: string, at: Date): Promise<void> {
    assertKey(key);
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: mailItemPk(key), sk: MAIL_ITEM_SK },
        UpdateExpression: 'SET #type = :type, #key = :key, #state = :sent, #messageId = :messageId, #sentAt = :at',
        ExpressionAttributeNames: {
          '#type': 'entity',
          '#key': 'idempotencyKey',
          '#state': 'state',
          '#messageId': 'messageId',
          '#sentAt': 'sentAt',
        },
        ExpressionAttributeValues: {
          ':type': 'mail',
          ':key': key,
          ':sent': 'sent',
          ':messageId': messageId,
          ':at': at.toISOString(),
        },
      }),
    );
  }

  async release(key: string, claimedAt?: Date): Promise<void> {
    assertKey(key);
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: mailItemPk(key), sk: MAIL_ITEM_SK },
          ConditionExpression: claimedAt ? '#state = :claimed AND #claimedAt = :at' : '#state = :claimed',
          ExpressionAttributeNames: claimedAt ? { '#state': 'state', '#claimedAt': 'claimedAt' } : { '#state': 'state' },
          ExpressionAttributeValues: claimedAt
            ? { ':claimed': 'claimed', ':at': claimedAt.toISOString() }
            : { ':claimed': 'claimed' },
        }),
      );
    } catch (error) {
      // Already sent, already released, or retaken by a newer claim: nothing of ours to release.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** The outbox item for a key (consistent read), e.g. for diagnostics and tests. */
  async get(key: string): Promise<MailOutboxItem | undefined> {
    const result = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: mailItemPk(key), sk: MAIL_ITEM_SK },
        ConsistentRead: true,
      }),
    );
    return result.Item as MailOutboxItem | undefined;
  }
}

function assertKey(key: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new Error(`Mail idempotency key must be 1-${MAX_KEY_LENGTH} characters`);
  }
}
