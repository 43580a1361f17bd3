// Shared helpers of the benchmarks: the local system on a ManualClock, an HTTP client for its API,
// statistics and table printing. No vitest here: `npm run bench` runs under tsx.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESClient } from '@aws-sdk/client-ses';
import { apiClient } from '../local/api-client';
import { LocalSystem } from '../local/system';
import { clearMailStore, fetchMailStore, type LocalSesMail } from '../local/ses-local';
import { ManualClock } from '../local/workflow-runtime';
import { getScheme } from '../config/schemes';
import { exampleApplication, type ApplicationInput } from '../schemas/application.schema';

export const DAY = 86_400_000;
export const START = '2026-11-20T09:00:00.000Z';
export const PROJECT_NUMBER = 'R-11326-D11325';

export interface CallResult {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  ms: number;
}

export interface Bench {
  system: LocalSystem;
  clock: ManualClock;
  call(method: string, path: string, body?: unknown, as?: 'secretariat' | 'finance', headers?: Record<string, string>): Promise<CallResult>;
  /** every HTTP call made through call(): count and client-side milliseconds */
  http: { calls: number; ms: number };
  mails(): Promise<LocalSesMail[]>;
  /** the SDK client behind the system's DynamoDB document client (shared middleware stack) */
  dynamo: DynamoDBClient;
  /** the SES client the system's mailer uses */
  ses: SESClient;
  stop(): Promise<void>;
}

export async function startBench(options: { start?: string; dataDir?: string | null } = {}): Promise<Bench> {
  const clock = new ManualClock(options.start ?? START);
  const system = await LocalSystem.start({ port: 0, dataDir: options.dataDir ?? null, clock, tickMs: 3_600_000 });
  await clearMailStore(system.ses.endpoint);
  const api = apiClient(system, { secretariat: 'sekretariat-bench', finance: 'okonomi-bench' });
  const http = { calls: 0, ms: 0 };
  // Private in TypeScript; the benchmarks meter the very clients the system uses.
  const dynamo = (system as unknown as { raw: DynamoDBClient }).raw;
  const ses = (system.deps.mailer as unknown as { ses: SESClient }).ses;
  if (!dynamo?.middlewareStack || !ses?.middlewareStack) throw new Error('LocalSystem internals changed: cannot reach its DynamoDB/SES clients');
  return {
    system,
    clock,
    http,
    dynamo,
    ses,
    async call(method, path, body, as, headers) {
      const t0 = performance.now();
      const answer = await api(method, path, body, as, headers);
      const ms = performance.now() - t0;
      http.calls += 1;
      http.ms += ms;
      return { ...answer, ms };
    },
    mails: () => fetchMailStore(system.ses.endpoint),
    stop: () => system.stop(),
  };
}

export function expectStatus(result: CallResult, expected: number, what: string): void {
  if (result.status !== expected) throw new Error(`${what}: expected ${expected}, got ${result.status}: ${JSON.stringify(result.body).slice(0, 300)}`);
}

let counter = 0;
/** A valid Sør-Rogaland application with a title of its own (identical content would be deduplicated). */
export function application(change?: (a: ApplicationInput) => void): ApplicationInput {
  const a = exampleApplication(getScheme('sor-rogaland')!);
  a.title = `${a.title} (benk ${++counter}-${process.pid})`;
  change?.(a);
  return a;
}

export { linkIds, mailsTo } from '../local/ses-local';

// ---- statistics and output ----------------------------------------------------------------------

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export function table(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map((r) => line(r.map(String)))].join('\n');
}

export type Progress = (message: string) => void;

export const progress: Progress = (message) => {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
};

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
export const usd = (n: number): string => `$${n < 0.01 ? n.toFixed(4) : n.toFixed(2)}`;

export async function inBatches<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  }
  return out;
}
