// DynamoGrantStore with a mocked DynamoDBDocumentClient: error mapping and the exact shape of
// the conditional writes. Plus a guard that no runtime code scans the table.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { DynamoGrantStore, createDocumentClient } from '../../functions/adapters/dynamodb-grant-store';
import { createTableInput } from '../../functions/adapters/table-design';
import { ConflictError, GoneError } from '../../functions/domain/errors';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-north-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } }));
const ddb = mockClient(DynamoDBDocumentClient);
const store = new DynamoGrantStore({ client, tableName: 'grants' });

const ccf = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const audit = { at: '2026-03-01T10:00:00.000Z', actor: { kind: 'system', name: 'test' }, action: 'approve' } as const;

beforeEach(() => {
  ddb.reset();
});

describe('transition', () => {
  it('sends one UpdateItem with the revision and status condition, list_append and the index key', async () => {
    ddb.on(GetCommand).resolves({ Item: { schemeId: 'rs' } });
    ddb.on(UpdateCommand).resolves({
      Attributes: { pk: 'APP#a1', sk: 'META', gsi1pk: 'x', gsi1sk: 'y', gsi2sk: 'z', entity: 'application', id: 'a1', status: 'approved', revision: 4 },
    });
    const rec = await store.transition({
      applicationId: 'a1',
      expectedRevision: 3,
      from: ['scheduled', 'deferred'],
      to: 'approved',
      set: { meetingId: '2026-04-10' },
      audit,
    });
    expect(rec).toEqual({ id: 'a1', status: 'approved', revision: 4 });

    const calls = ddb.commandCalls(UpdateCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.TableName).toBe('grants');
    expect(input.Key).toEqual({ pk: 'APP#a1', sk: 'META' });
    expect(input.ConditionExpression).toContain('#revision = :expectedRevision');
    expect(input.ConditionExpression).toContain('#status IN (:from0, :from1)');
    expect(input.ConditionExpression).toContain('attribute_exists(#pk)');
    expect(input.ExpressionAttributeValues?.[':expectedRevision']).toBe(3);
    expect(input.ExpressionAttributeValues?.[':from0']).toBe('scheduled');
    expect(input.UpdateExpression).toContain('#revision = #revision + :one');
    expect(input.UpdateExpression).toMatch(/#history = list_append\(if_not_exists\(#history, :emptyList\), :auditEntry\)/);
    expect(input.ExpressionAttributeValues?.[':auditEntry']).toEqual([audit]);
    expect(input.ExpressionAttributeValues?.[':statusKey']).toBe('SCHEME#rs#STATUS#approved');
    expect(input.ExpressionAttributeValues?.[':agendaKey']).toBe('AGENDA#rs#2026-04-10');
    expect(input.ReturnValues).toBe('ALL_NEW');
    expect(ddb.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('maps ConditionalCheckFailedException to ConflictError(stale)', async () => {
    ddb.on(GetCommand).resolves({ Item: { schemeId: 'rs' } });
    ddb.on(UpdateCommand).rejects(ccf());
    const err = await store
      .transition({ applicationId: 'a2', expectedRevision: 1, from: ['submitted'], to: 'scheduled', audit })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe('stale');
    expect((err as ConflictError).message).toMatch(/^Søknaden er endret av noen andre/);
  });

  it('lets other errors through unchanged', async () => {
    ddb.on(UpdateCommand).rejects(new Error('boom'));
    await expect(store.transition({ applicationId: 'a3', expectedRevision: 1, set: { title: 't' }, audit })).rejects.toThrow('boom');
  });

  it('removing meetingId removes the agenda index key too', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: { id: 'a4' } });
    await store.transition({ applicationId: 'a4', expectedRevision: 1, remove: ['meetingId'], audit });
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toMatch(/REMOVE #meetingId, #gsi2pk$/);
    expect(ddb.commandCalls(GetCommand)).toHaveLength(0); // no read needed
  });
});

describe('other conditional writes', () => {
  it('putSignature maps a condition failure to ConflictError(already_signed)', async () => {
    ddb.on(PutCommand).rejects(ccf());
    const err = await store
      .putSignature({ applicationId: 'a', version: 1, partnerIndex: 0, organisationName: 'o', contactName: 'c', decision: 'signed', at: 'now' })
      .catch((e: unknown) => e);
    expect((err as ConflictError).reason).toBe('already_signed');
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(#pk)');
  });

  it('reserve: one UpdateItem with the remaining/reservation condition; failure without reservation is pot_exhausted', async () => {
    ddb.on(UpdateCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { remaining: 10, reservations: {} } });
    const err = await store.reserve('s', 2026, 'app-1', 100).catch((e: unknown) => e);
    expect((err as ConflictError).reason).toBe('pot_exhausted');
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.UpdateExpression).toBe('SET #remaining = #remaining - :amount, #reservations.#k0 = :amount');
    expect(input.ConditionExpression).toBe('attribute_exists(#pk) AND #remaining >= :amount AND attribute_not_exists(#reservations.#k0)');
    expect(input.ExpressionAttributeNames?.['#k0']).toBe('app-1');
  });

  it('reserve: failure with an existing reservation is an idempotent repeat', async () => {
    ddb.on(UpdateCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { remaining: 0, reservations: { 'app-1': 100 } } });
    await expect(store.reserve('s', 2026, 'app-1', 100)).resolves.toBeUndefined();
  });

  it('consumeLink maps a condition failure on an existing link to GoneError', async () => {
    ddb.on(UpdateCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { id: 'l', state: 'used' } });
    await expect(store.consumeLink('l', '2026-01-01T00:00:00.000Z')).rejects.toBeInstanceOf(GoneError);
  });

  it('claimSubmissionKey returns the earlier claim when the conditional put fails', async () => {
    ddb.on(PutCommand).rejects(ccf());
    ddb.on(GetCommand).resolves({ Item: { applicationId: 'first', requestHash: 'h1' } });
    expect(await store.claimSubmissionKey('s', 'k', 'second', 'h2', '2026-01-01T00:00:00.000Z')).toEqual({
      fresh: false,
      applicationId: 'first',
      requestHash: 'h1',
    });
  });

  it('markReminderSent returns false on a condition failure', async () => {
    ddb.on(UpdateCommand).rejects(ccf());
    expect(await store.markReminderSent('r', '2026-01-01T00:00:00.000Z')).toBe(false);
    const input = ddb.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(input.ConditionExpression).toContain('attribute_not_exists(#sentAt)');
    expect(input.UpdateExpression).toContain('REMOVE #gsi1pk, #gsi1sk');
  });
});

describe('getApplications', () => {
  const item = (id: string) => ({ pk: `APP#${id}`, sk: 'META', gsi1pk: 'x', entity: 'application', id, title: id });

  it('asks for at most 100 keys per BatchGetItem, consistently, and asks again for the keys left unprocessed', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => `a${i}`);
    let first = true;
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Array<{ pk: string }> }> }) => {
      const keysAsked = input.RequestItems.grants!.Keys;
      // The first call answers half and leaves the rest unprocessed, as DynamoDB does when throttled.
      const answered = first ? keysAsked.slice(0, 50) : keysAsked;
      const left = first ? keysAsked.slice(50) : [];
      first = false;
      return { Responses: { grants: answered.map((k) => item(k.pk.slice(4))) }, ...(left.length ? { UnprocessedKeys: { grants: { Keys: left } } } : {}) };
    });
    const apps = await store.getApplications(ids);
    expect(apps.map((a) => a.id)).toEqual(ids);
    expect(apps[0]).toEqual({ id: 'a0', title: 'a0' });
    const calls = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!.grants!);
    expect(calls.map((c) => c.Keys!.length).sort((a, b) => a - b)).toEqual([50, 50, 100]);
    expect(calls.every((c) => c.ConsistentRead === true)).toBe(true);
  });

  it('gives up with an error, not a short list, when keys stay unprocessed', async () => {
    ddb.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: unknown[] }> }) => ({ Responses: { grants: [] }, UnprocessedKeys: { grants: { Keys: input.RequestItems.grants!.Keys } } }));
    await expect(store.getApplications(['a1'])).rejects.toThrow(/unprocessed/);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(6);
  });
});

describe('the calendar', () => {
  it('addMeeting is a put-if-absent on the scheme and day; false when the day has one', async () => {
    ddb.on(PutCommand).rejects(ccf());
    const meeting = { schemeId: 'sor-rogaland', date: '2028-02-10', time: '09:00', title: 'FSU-møte februar 2028', addedAt: '2026-11-20T09:00:00.000Z', addedBy: 'sek-1' };
    expect(await store.addMeeting(meeting)).toBe(false);
    const input = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input.Item).toMatchObject({ ...meeting, pk: 'SCHEME#sor-rogaland', sk: 'MEETING#2028-02-10', entity: 'meeting' });
    expect(input.ConditionExpression).toBe('attribute_not_exists(#pk)');
  });

  it('removeAddedMeeting deletes only an existing item, and lets other errors through', async () => {
    ddb.on(DeleteCommand).rejectsOnce(ccf()).rejectsOnce(new Error('throttled'));
    expect(await store.removeAddedMeeting('sor-rogaland', '2028-02-10')).toBe(false);
    const input = ddb.commandCalls(DeleteCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'SCHEME#sor-rogaland', sk: 'MEETING#2028-02-10' });
    expect(input.ConditionExpression).toBe('attribute_exists(#pk)');
    await expect(store.removeAddedMeeting('sor-rogaland', '2028-02-10')).rejects.toThrow('throttled');
  });

  it('restoreConfiguredMeeting deletes only an existing cancellation, its own item on the scheme and day', async () => {
    ddb.on(DeleteCommand).rejectsOnce(ccf()).resolves({});
    expect(await store.restoreConfiguredMeeting('sor-rogaland', '2026-12-10')).toBe(false);
    expect(await store.restoreConfiguredMeeting('sor-rogaland', '2026-12-10')).toBe(true);
    const input = ddb.commandCalls(DeleteCommand)[0]!.args[0].input;
    expect(input.Key).toEqual({ pk: 'SCHEME#sor-rogaland', sk: 'MEETING#2026-12-10#CANCELLED' });
    expect(input.ConditionExpression).toBe('attribute_exists(#pk)');
  });

  it('cancelConfiguredMeeting is a put-if-absent of its own item on the scheme and day; false when cancelled already', async () => {
    ddb.on(PutCommand).rejects(ccf());
    const cancellation = { schemeId: 'sor-rogaland', date: '2026-12-10', cancelledAt: '2026-11-23T09:00:00.000Z', cancelledBy: 'sek-1' };
    expect(await store.cancelConfiguredMeeting(cancellation)).toBe(false);
    const input = ddb.commandCalls(PutCommand)[0]!.args[0].input;
    expect(input.Item).toMatchObject({ ...cancellation, pk: 'SCHEME#sor-rogaland', sk: 'MEETING#2026-12-10#CANCELLED', entity: 'meeting-cancellation' });
    expect(input.ConditionExpression).toBe('attribute_not_exists(#pk)');
  });

  it('listCalendarChanges is one consistent Query on the scheme partition by the MEETING# prefix, split into additions and cancellations', async () => {
    ddb.on(QueryCommand).resolves({ Items: [
      { pk: 'SCHEME#s', sk: 'MEETING#2026-12-10#CANCELLED', entity: 'meeting-cancellation', schemeId: 's', date: '2026-12-10', cancelledAt: 'c', cancelledBy: 'd' },
      { pk: 'SCHEME#s', sk: 'MEETING#2028-02-10', entity: 'meeting', schemeId: 's', date: '2028-02-10', time: '09:00', title: 'T', addedAt: 'a', addedBy: 'b' },
    ] });
    expect(await store.listCalendarChanges('s')).toEqual({
      added: [{ schemeId: 's', date: '2028-02-10', time: '09:00', title: 'T', addedAt: 'a', addedBy: 'b' }],
      cancelled: [{ schemeId: 's', date: '2026-12-10', cancelledAt: 'c', cancelledBy: 'd' }],
    });
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.ExpressionAttributeValues).toEqual({ ':pk': 'SCHEME#s', ':prefix': 'MEETING#' });
    expect(input.ConsistentRead).toBe(true);
    expect(input.IndexName).toBeUndefined();
  });
});

describe('queries', () => {
  it('listAgendaStatuses reads the agenda index projecting only the id and the status', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ id: 'a1', status: 'scheduled' }] });
    expect(await store.listAgendaStatuses('s', '2026-12-10')).toEqual([{ id: 'a1', status: 'scheduled' }]);
    const input = ddb.commandCalls(QueryCommand)[0]!.args[0].input;
    expect(input.IndexName).toBe('gsi2');
    expect(input.ExpressionAttributeValues).toEqual({ ':pk': 'AGENDA#s#2026-12-10' });
    expect(input.ProjectionExpression?.split(', ').map((n) => input.ExpressionAttributeNames?.[n])).toEqual(['id', 'status']);
  });

  it('follow LastEvaluatedKey until the result is complete', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ pk: 'APP#1', id: '1' }], LastEvaluatedKey: { pk: 'APP#1', sk: 'META' } })
      .resolvesOnce({ Items: [{ pk: 'APP#2', id: '2' }], LastEvaluatedKey: { pk: 'APP#2', sk: 'META' } })
      .resolvesOnce({ Items: [{ pk: 'APP#3', id: '3' }] });
    const list = await store.listByStatus('s', 'submitted');
    expect(list).toEqual([{ id: '1' }, { id: '2' }, { id: '3' }]);
    const calls = ddb.commandCalls(QueryCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.args[0].input.ExclusiveStartKey).toBeUndefined();
    expect(calls[1]!.args[0].input.ExclusiveStartKey).toEqual({ pk: 'APP#1', sk: 'META' });
    expect(calls[2]!.args[0].input.ExclusiveStartKey).toEqual({ pk: 'APP#2', sk: 'META' });
    expect(calls[0]!.args[0].input.IndexName).toBe('gsi1');
  });

  it('listDueReminders stops at the limit', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ id: '1' }], LastEvaluatedKey: { k: 1 } })
      .resolvesOnce({ Items: [{ id: '2' }], LastEvaluatedKey: { k: 2 } });
    expect(await store.listDueReminders('2026-01-01T00:00:00.000Z', 2)).toHaveLength(2);
    const calls = ddb.commandCalls(QueryCommand);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.args[0].input.Limit).toBe(2);
    expect(calls[1]!.args[0].input.Limit).toBe(1);
  });
});

describe('design', () => {
  it('createTableInput: single table, pk/sk and two GSIs, all string keys, projection ALL, on demand', () => {
    const input = createTableInput('t');
    expect(input.BillingMode).toBe('PAY_PER_REQUEST');
    expect(input.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(input.GlobalSecondaryIndexes?.map((g) => [g.IndexName, g.Projection?.ProjectionType])).toEqual([
      ['gsi1', 'ALL'],
      ['gsi2', 'ALL'],
    ]);
    expect(input.AttributeDefinitions?.every((a) => a.AttributeType === 'S')).toBe(true);
  });

  it('createDocumentClient drops undefined values', () => {
    const c = createDocumentClient({ region: 'eu-north-1' });
    expect(c.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });

  it('no code under functions/ uses ScanCommand', async () => {
    const root = fileURLToPath(new URL('../../functions', import.meta.url));
    const offenders: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) await walk(path);
        else if (/\.(ts|mts|cts|js|mjs|cjs|json)$/.test(entry.name) && (await readFile(path, 'utf8')).includes('ScanCommand')) {
          offenders.push(path);
        }
      }
    };
    await walk(root);
    expect(offenders).toEqual([]);
  });
});
