import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EndedSessions } from '../ports/ended-sessions';
import { TTL_ATTRIBUTE, ttlSeconds } from './table-design';

const key = (sessionId: string) => ({ pk: `SESSION#${sessionId}`, sk: 'ENDED' });

/** One item per ended session (pk SESSION#<id>, sk ENDED), expired by DynamoDB TTL once its tokens have. */
export class DynamoEndedSessions implements EndedSessions {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async end(sessionId: string, until: Date): Promise<void> {
    const item = { ...key(sessionId), entity: 'ended-session', [TTL_ATTRIBUTE]: ttlSeconds(until) };
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: item }));
  }

  async hasEnded(sessionId: string): Promise<boolean> {
    // Consistent: the sign-out's write counts from the next request on.
    const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: key(sessionId), ConsistentRead: true, ProjectionExpression: 'pk' }));
    return out.Item !== undefined;
  }
}
