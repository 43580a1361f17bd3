// Creates the single table (design: functions/adapters/table-design.ts) on a local DynamoDB
// stand-in such as dynalite, and waits until it is ACTIVE. Safe to call on an existing table
// (e.g. dynalite persisted on disk). Used by the local server and by the test helper.
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTableInput } from '../functions/adapters/table-design';

export async function createLocalTable(
  client: DynamoDBClient | DynamoDBDocumentClient,
  tableName: string,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  // A document client shares the base client's middleware stack, so it can send base commands.
  const raw = client as unknown as DynamoDBClient;
  try {
    await raw.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (err) {
    if ((err as { name?: unknown }).name !== 'ResourceInUseException') throw err;
  }
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const out = await raw.send(new DescribeTableCommand({ TableName: tableName }));
    const table = out.Table;
    const indexesActive = (table?.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && indexesActive) return;
    if (Date.now() > deadline) throw new Error(`Table ${tableName} did not become ACTIVE in time`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
