// Ended staff sessions against dynalite: remembered with a TTL, read consistently, repeatable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoEndedSessions } from '../../functions/adapters/dynamodb-ended-sessions';
import { startDynalite, type LocalDynamo } from '../support/dynalite';

describe('DynamoEndedSessions', () => {
  let dynamo: LocalDynamo;
  let sessions: DynamoEndedSessions;
  beforeAll(async () => {
    dynamo = await startDynalite();
    sessions = new DynamoEndedSessions({ client: dynamo.client, tableName: dynamo.tableName });
  });
  afterAll(async () => dynamo?.stop());

  it('knows a session as ended from the sign-out on, and no other', async () => {
    expect(await sessions.hasEnded('s-1')).toBe(false);
    const until = new Date('2026-11-23T12:00:00Z');
    await sessions.end('s-1', until);
    await sessions.end('s-1', until);
    expect(await sessions.hasEnded('s-1')).toBe(true);
    expect(await sessions.hasEnded('s-2')).toBe(false);
    const item = await dynamo.client.send(new GetCommand({ TableName: dynamo.tableName, Key: { pk: 'SESSION#s-1', sk: 'ENDED' } }));
    // DynamoDB's TTL removes it once every token of the session has expired.
    expect(item.Item).toEqual({ pk: 'SESSION#s-1', sk: 'ENDED', entity: 'ended-session', ttl: until.getTime() / 1000 });
  });
});
