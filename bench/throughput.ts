// Benchmark 2: submission throughput through the local HTTP API (LocalSystem in memory, the real
// handlers, the workflow starting behind every submission) with 16 concurrent clients, next to raw
// dynalite PutItem with 16 concurrent clients in the same run.
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { createLocalTable } from '../local/dynamodb-table';
import { DynamoMeter, total } from './meter';
import { application, fmt, percentile, startBench, type Progress } from './lib';

type Dynalite = (options?: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export interface RateResult {
  requests: number;
  concurrency: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface ThroughputResult {
  /** DynamoDB calls per submission: the application's own, and the local workflow runtime's journal (Step Functions' state in AWS) */
  submissions: RateResult & { dynamoCallsPerSubmission: number; standInCallsPerSubmission: number; settleSeconds: number; scans: number };
  rawPutItem: RateResult & { itemBytes: number };
  /**
   * The same local API answering a route that makes no DynamoDB call (the scheme's public
   * description): what the HTTP stand-in, middy and a handler cost before any storage.
   */
  noStorageRoute: RateResult & { dynamoCallsPerRequest: number };
  ratio: number;
  meetsTarget: boolean;
}

/** Runs `count` jobs on `concurrency` workers; returns the rate and the latency of each job. */
async function drive(count: number, concurrency: number, job: (i: number) => Promise<boolean>): Promise<RateResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const s = performance.now();
        const ok = await job(i).catch(() => false);
        latencies.push(performance.now() - s);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { requests: count, concurrency, seconds, perSecond: count / seconds, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), errors };
}

async function rawPutItem(progress: Progress, count: number, warmup: number, concurrency: number): Promise<ThroughputResult['rawPutItem']> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    await createLocalTable(client, 'raw-bench');
    // About the size of an application item (≈ 600 bytes).
    const payload = 'x'.repeat(480);
    const put = (i: number) =>
      client
        .send(new PutItemCommand({ TableName: 'raw-bench', Item: { pk: { S: `RAW#${i}` }, sk: { S: 'ITEM' }, title: { S: `Søknad ${i}` }, payload: { S: payload }, n: { N: String(i) } } }))
        .then(() => true);
    await drive(warmup, concurrency, (i) => put(1_000_000 + i));
    progress(`throughput: raw dynalite PutItem, ${count} requests, ${concurrency} concurrent`);
    const result = await drive(count, concurrency, put);
    return { ...result, itemBytes: 480 + 60 };
  } finally {
    client.destroy();
    server.closeAllConnections?.();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function runThroughput(progress: Progress, options: { requests?: number; warmup?: number; concurrency?: number } = {}): Promise<ThroughputResult> {
  const count = options.requests ?? 400;
  const warmup = options.warmup ?? 48;
  const concurrency = options.concurrency ?? 16;

  progress(`throughput: raw dynalite PutItem warm-up (${warmup})`);
  const raw = await rawPutItem(progress, count, warmup, concurrency);

  progress('throughput: starting the local system (in memory)');
  const b = await startBench();
  const meter = new DynamoMeter().attach(b.dynamo);
  try {
    const bodies = Array.from({ length: warmup + count }, () => application());
    const submit = async (i: number) => (await b.call('POST', '/api/schemes/sor-rogaland/applications', bodies[i])).status === 201;
    progress(`throughput: ${warmup} warm-up submissions`);
    await drive(warmup, concurrency, submit);
    await b.system.settle();
    meter.reset();
    progress(`throughput: ${count} submissions through the HTTP API, ${concurrency} concurrent clients`);
    const result = await drive(count, concurrency, (i) => submit(warmup + i));
    const t0 = performance.now();
    await b.system.settle();
    const settleSeconds = (performance.now() - t0) / 1000;
    progress(`throughput: ${fmt(result.perSecond)} submissions/s; the workflows behind them settled ${fmt(settleSeconds)} s later`);
    const submissionCalls = { app: total(meter.app.commands), standIn: total(meter.standIn.commands), scans: meter.scans };

    const describeScheme = async () => (await b.call('GET', '/api/schemes/sor-rogaland')).status === 200;
    await drive(warmup, concurrency, describeScheme);
    meter.reset();
    progress(`throughput: ${count} × GET /api/schemes/sor-rogaland (no storage) through the same API, ${concurrency} concurrent clients`);
    const noStorage = await drive(count, concurrency, describeScheme);
    return {
      submissions: {
        ...result,
        dynamoCallsPerSubmission: submissionCalls.app / count,
        standInCallsPerSubmission: submissionCalls.standIn / count,
        settleSeconds,
        scans: submissionCalls.scans + meter.scans,
      },
      rawPutItem: raw,
      noStorageRoute: { ...noStorage, dynamoCallsPerRequest: (total(meter.app.commands) + total(meter.standIn.commands)) / count },
      ratio: result.perSecond / raw.perSecond,
      meetsTarget: result.perSecond >= raw.perSecond / 2,
    };
  } finally {
    meter.detach();
    await b.stop();
  }
}
