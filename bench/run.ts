// `npm run bench` — the four benchmarks on this machine; prints a table per benchmark, a progress
// line per step (stderr), and writes bench/results/latest.json.
//
//   npm run bench                       all four
//   npm run bench -- cold cost          some of them (cold, throughput, cost, scale)
//   BENCH_SCALE_GRANTS=1000 BENCH_SCALE_BATCH=50 BENCH_COLD_RUNS=7 BENCH_REQUESTS=400
import './env';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runColdStart, type ColdStartResult } from './cold-start';
import { runCost, type CostResult, type GrantCost } from './cost';
import { fmt, progress, table, usd } from './lib';
import { total } from './meter';
import type { ScaleResult } from './scale';
import { runThroughput, type ThroughputResult } from './throughput';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ALL = ['cold', 'throughput', 'cost', 'scale'] as const;
type Name = (typeof ALL)[number];
const selected: Name[] = process.argv.slice(2).length ? (process.argv.slice(2).filter((a): a is Name => (ALL as readonly string[]).includes(a))) : [...ALL];
const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function printCold(r: ColdStartResult): void {
  console.log(`\n## 1. Cold start (median of ${r.runs} fresh \`node\` processes; target: ${r.target})\n`);
  const rows = [r.anchor, ...r.bundles].map((b) => [
    b.name,
    kb(b.bytes),
    b.error ? `error: ${b.error.slice(0, 60)}` : fmt(b.medianMs),
    b.runsMs.length ? fmt(Math.min(...b.runsMs)) : '–',
    b.kind === 'anchor' ? '(anchor)' : mark(b.meetsTarget === true),
  ]);
  console.log(table(['bundle', 'size', 'median import ms', 'min ms', '≤ ½ anchor'], rows));
  const met = r.bundles.filter((b) => b.meetsTarget).length;
  console.log(`\n${met} of ${r.bundles.length} handlers meet the target.`);
  console.log('\nWhere the import time goes (probes built the same way):\n');
  console.log(table(['probe', 'size', 'import ms'], r.probes.map((p) => [p.name, kb(p.bytes), fmt(p.medianMs)])));
  console.log(`\nWhat ${r.composition.bundle} (${kb(r.composition.bytes)}) is made of:\n`);
  console.log(table(['source', 'bytes', 'share'], r.composition.parts.slice(0, 10).map((p) => [p.source, kb(p.bytes), `${(p.share * 100).toFixed(0)} %`])));
}

function printThroughput(r: ThroughputResult): void {
  const s = r.submissions;
  const raw = r.rawPutItem;
  console.log(`\n## 2. Submission throughput (${s.requests} requests after a warm-up, ${s.concurrency} concurrent clients; target: ≥ ½ the raw rate)\n`);
  console.log(
    table(
      ['what', 'requests/s', 'p50 ms', 'p99 ms', 'errors'],
      [
        ['POST /api/schemes/sor-rogaland/applications (LocalSystem, real handlers)', fmt(s.perSecond), fmt(s.p50Ms), fmt(s.p99Ms), s.errors],
        [`raw dynalite PutItem (${raw.itemBytes}-byte item)`, fmt(raw.perSecond), fmt(raw.p50Ms), fmt(raw.p99Ms), raw.errors],
        [`reference: GET /api/schemes/sor-rogaland, same API, ${fmt(r.noStorageRoute.dynamoCallsPerRequest)} DynamoDB calls`, fmt(r.noStorageRoute.perSecond), fmt(r.noStorageRoute.p50Ms), fmt(r.noStorageRoute.p99Ms), r.noStorageRoute.errors],
      ],
    ),
  );
  console.log(
    `\nRatio ${(r.ratio * 100).toFixed(1)} % of the raw rate: ${mark(r.meetsTarget)}. Each submission made ${fmt(s.dynamoCallsPerSubmission)} DynamoDB calls of its own ` +
      `(+ ${fmt(s.standInCallsPerSubmission)} by the local workflow journal) including the workflow it starts; the workflows settled ${fmt(s.settleSeconds)} s after the last answer. Scans: ${s.scans}. ` +
      `A request through the local API that stores nothing runs at ${((r.noStorageRoute.perSecond / raw.perSecond) * 100).toFixed(0)} % of the raw rate: ` +
      `the ceiling of any route here before its first DynamoDB call.`,
  );
}

function costRows(g: GrantCost): Array<Array<string | number>> {
  const d = g.dynamo;
  const commands = Object.entries(d.commands).map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    ['state transitions', g.transitions, usd(g.usdPer1000.stepFunctions!)],
    ['Lambda invocations', `${g.lambda.invocations} (${Object.entries(g.lambda.byFunction).filter(([k]) => ['lifecycle-step', 'await-step', 'send-due-reminders'].includes(k)).map(([k, v]) => `${k} ${v}`).join(', ')}, HTTP ${g.http.requests})`, usd(g.usdPer1000.lambdaRequests!)],
    ['Lambda GB-s (512 MB, measured locally)', fmt(g.lambda.gbSeconds, 2), usd(g.usdPer1000.lambdaCompute!)],
    ['DynamoDB calls', `${total(d.commands)} (${commands})`, ''],
    ['DynamoDB items read / written', `${(d.items.GetItem ?? 0) + (d.items.Query ?? 0)} / ${(d.items.PutItem ?? 0) + (d.items.UpdateItem ?? 0) + (d.items.DeleteItem ?? 0)}`, ''],
    ['DynamoDB RRU / WRU (+ GSI WRU est.)', `${fmt(d.rru, 1)} / ${fmt(d.wru, 0)} (+ ${fmt(d.gsiWru, 0)})`, usd(g.usdPer1000.dynamoDb!)],
    ['e-mails (recipients / messages)', `${g.mail.recipients} / ${g.mail.messages}`, usd(g.usdPer1000.ses!)],
    ['API Gateway requests', g.http.requests, usd(g.usdPer1000.apiGateway!)],
    ['EventBridge events + schedules', `${g.events.putEvents} + ${g.events.scheduleInvocations}`, usd(g.usdPer1000.eventBridge!)],
    ['**total per 1,000 grants**', '', `**${usd(g.usdPer1000.total)}**`],
  ];
}

function printCost(r: CostResult): void {
  console.log(`\n## 3. Cost of one grant (USD per 1,000 grants, eu-north-1 list prices as of ${r.pricesDate})\n`);
  for (const g of [r.happy, r.longest]) {
    console.log(`\n### ${g.path === 'happy' ? 'Happy path' : 'Longest legal path (6 deferrals, 12-month period, no report ever arrives)'} — final status ${g.finalStatus}\n`);
    console.log(table(['item', 'per grant', 'USD / 1,000 grants'], costRows(g)));
    console.log(`\nExecutions: ${g.executions.map((e) => `${e.machine} ${e.status} ${e.transitions} transitions / ${e.historyEvents} events / ${e.days} days`).join('; ')}`);
  }
  console.log(`\nTargets: happy path ${r.happy.transitions} ≤ ${r.targets.happyTransitionsMax} transitions ${mark(r.targets.happyMeets)}; Scan commands ${r.targets.scans} ${mark(r.targets.noScan)}.`);
  console.log(`Fixed, whatever the number of grants: the 15-minute reminder sweep, ${r.fixedPerYear.sweeps.toLocaleString('en')} runs a year ≈ ${usd(r.fixedPerYear.usd)} a year.`);
  console.log(`\nPrices: ${r.prices.join('; ')}.`);
  for (const a of r.assumptions) console.log(`- ${a}`);
}

function printScale(r: ScaleResult): void {
  console.log(`\n## 4. Scale (${r.grants} grants through the whole lifecycle, batches of ${r.batch}, ManualClock)\n`);
  console.log(
    table(
      ['phase', 'seconds'],
      [...r.phases.map((p) => [p.phase, fmt(p.seconds)]), ['**total wall time**', `**${fmt(r.wallSeconds)}**`]],
    ),
  );
  console.log(
    `\nClosed: ${r.closed} of ${r.grants}. Peak RSS (sampled every 100 ms) ${fmt(r.peakRssMb, 0)} MB; maxRSS ${fmt(r.maxRssMb, 0)} MB. ` +
      `${r.httpRequests} HTTP requests, ${r.dynamo.appCalls} DynamoDB calls (+ ${r.dynamo.standInCalls} journal/scheduler), ${r.mails} e-mails, ${r.dynamo.scans} Scans.`,
  );
}

function runScaleChild(grants: number, batch: number): Promise<ScaleResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./scale.ts', import.meta.url)), String(grants), String(batch)], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      for (const line of d.toString().split('\n')) if (line.startsWith('[bench') || line.startsWith('scale failed')) process.stderr.write(`${line}\n`);
    });
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as ScaleResult);
      else reject(new Error(`scale child exited with ${code}`));
    });
  });
}

const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
  /** other work on the machine skews timings: the 1-minute load average when each benchmark started */
  loadAverage: {} as Record<string, number>,
};
const started = performance.now();
let failed = false;
progress(`running ${selected.join(', ')} on ${cpus().length} cores, Node ${process.version}`);
for (const name of selected) {
  (results.loadAverage as Record<string, number>)[name] = Number(loadavg()[0]!.toFixed(2));
  try {
    if (name === 'cold') printCold((results.coldStart = await runColdStart(progress, env('BENCH_COLD_RUNS', 7))) as ColdStartResult);
    if (name === 'throughput') {
      const throughput = await runThroughput(progress, { requests: env('BENCH_REQUESTS', 400) });
      results.throughput = throughput;
      printThroughput(throughput);
      if (throughput.submissions.scans > 0) failed = true;
    }
    if (name === 'cost') {
      const cost = await runCost(progress);
      results.cost = cost;
      printCost(cost);
      if (!cost.targets.noScan) failed = true;
    }
    if (name === 'scale') {
      const grants = env('BENCH_SCALE_GRANTS', 1000);
      progress(`scale: ${grants} grants in a child process (its memory measured alone)`);
      const scale = await runScaleChild(grants, env('BENCH_SCALE_BATCH', 50));
      results.scale = scale;
      printScale(scale);
      if (scale.dynamo.scans > 0 || scale.closed !== scale.grants) failed = true;
    }
  } catch (error) {
    failed = true;
    results[`${name}Error`] = (error as Error).message;
    progress(`${name} FAILED: ${(error as Error).stack ?? String(error)}`);
  }
}
results.seconds = (performance.now() - started) / 1000;
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
progress(`done in ${fmt(results.seconds as number)} s (load average at the start of each: ${JSON.stringify(results.loadAverage)}); wrote bench/results/latest.json`);
process.exit(failed ? 1 : 0);
