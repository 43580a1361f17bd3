// Test helper: an in-memory dynalite on 127.0.0.1 (random port) with the single table created.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_TRANSLATE_CONFIG } from '../../functions/adapters/dynamodb-grant-store';
import { createLocalTable } from '../../local/dynamodb-table';

export { createLocalTable };

type Dynalite = (options?: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface LocalDynamo {
  endpoint: string;
  tableName: string;
  client: DynamoDBDocumentClient;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<LocalDynamo> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const base = new DynamoDBClient({
    endpoint,
    region: 'eu-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const client = DynamoDBDocumentClient.from(base, DOCUMENT_TRANSLATE_CONFIG);
  const tableName = `grants-test-${randomUUID()}`;
  await createLocalTable(base, tableName);
  return {
    endpoint,
    tableName,
    client,
    async stop() {
      base.destroy();
      server.closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
