// Benchmark 3: what one grant costs. Runs the happy path and the longest legal path (as in
// test/workflows/longest-grant.test.ts) on the local system, one grant per fresh system, and counts:
// state transitions (describeExecution over the grant's executions), Lambda invocations (every
// handler call, by function name) with their durations, DynamoDB commands / items / capacity units
// (a middleware on the system's DynamoDB client; the workflow journal and local scheduler items are
// Step Functions' and EventBridge Scheduler's own state in AWS and are counted apart), e-mails
// (recipients of every SES SendEmail), HTTP requests and EventBridge events. Priced per 1,000 grants.
import { DynamoMeter, InvocationMeter, MailMeter, addBuckets, total, type DynamoBucket } from './meter';
import { sendSecretariatNotices } from '../functions/use-cases/secretariat-notices';
import { PRICE_LINES, PRICES } from './prices';
import { DAY, PROJECT_NUMBER, application, expectStatus, linkIds, mailsTo, startBench, type Bench, type Progress } from './lib';

export interface GrantCost {
  path: string;
  applicationId: string;
  finalStatus: string;
  executions: Array<{ machine: string; status: string; transitions: number; historyEvents: number; days: number }>;
  transitions: number;
  lambda: { invocations: number; byFunction: Record<string, number>; gbSeconds: number; totalMs: number };
  http: { requests: number; byRoute: Record<string, number> };
  sweeps: { attributable: number; idle: number };
  dynamo: DynamoBucket & { scans: number; standIn: { commands: number; note: string } };
  mail: { messages: number; recipients: number };
  events: { putEvents: number; scheduleInvocations: number };
  usdPer1000: Record<string, number> & { total: number };
}

export interface CostResult {
  prices: readonly string[];
  pricesDate: string;
  assumptions: string[];
  happy: GrantCost;
  longest: GrantCost;
  targets: { happyTransitionsMax: number; happyMeets: boolean; scans: number; noScan: boolean };
  /** the 15-minute sweep runs whether or not there are grants */
  fixedPerYear: { sweeps: number; usd: number };
}

type Fn = (payload: unknown) => Promise<unknown>;

interface Metered {
  b: Bench;
  dynamo: DynamoMeter;
  mail: MailMeter;
  invocations: InvocationMeter;
  functionMs: Record<string, number>;
  idleDynamo: DynamoBucket;
  sweeps: { attributable: number; idle: number; ms: number };
}

async function meteredSystem(): Promise<Metered> {
  const b = await startBench();
  const dynamo = new DynamoMeter().attach(b.dynamo, { shadow: { endpoint: process.env.DYNAMODB_ENDPOINT!, tableName: process.env.TABLE_NAME! } });
  const mail = new MailMeter().attach(b.ses);
  const invocations = new InvocationMeter().install();
  const functionMs: Record<string, number> = {};
  // Durations of the workflow Lambdas: wrap the local functions the runtime calls.
  const functions = (b.system.lifecycle.runtime as unknown as { functions: Record<string, Fn> }).functions;
  for (const [arn, fn] of Object.entries(functions)) {
    const name = arn.split(':').pop()!;
    functions[arn] = async (payload) => {
      const t0 = performance.now();
      try {
        return await fn(payload);
      } finally {
        functionMs[name] = (functionMs[name] ?? 0) + (performance.now() - t0);
      }
    };
  }
  const m: Metered = { b, dynamo, mail, invocations, functionMs, idleDynamo: addBuckets(dynamo.app, dynamo.app, -1), sweeps: { attributable: 0, idle: 0, ms: 0 } };
  // The reminder sweep: a sweep that found nothing due is the fixed 15-minute cost, not this grant's.
  const lifecycle = b.system.lifecycle;
  const tick = lifecycle.tick;
  lifecycle.tick = async () => {
    await b.system.settle();
    // Notices to each secretariat (the agenda is closed, the half-year report is due) are a fixed
    // cost per scheme, not this grant's: sent here unmetered, so the sweep knows them sent.
    dynamo.enabled = false;
    mail.enabled = false;
    try {
      await sendSecretariatNotices(b.system.deps);
    } finally {
      dynamo.enabled = true;
      mail.enabled = true;
    }
    const before = dynamo.snapshot().app;
    const mailsBefore = mail.messages;
    const t0 = performance.now();
    await tick();
    const ms = performance.now() - t0;
    const delta = addBuckets(dynamo.snapshot().app, before, -1);
    const idle = mail.messages === mailsBefore && total(delta.commands) === (delta.commands.Query ?? 0) && (delta.items.Query ?? 0) === 0;
    if (idle) {
      m.sweeps.idle += 1;
      m.idleDynamo = addBuckets(m.idleDynamo, delta);
    } else {
      m.sweeps.attributable += 1;
      m.sweeps.ms += ms;
    }
  };
  return m;
}

function reset(m: Metered): void {
  m.dynamo.reset();
  m.invocations.reset();
  m.mail.messages = 0;
  m.mail.recipients = 0;
  m.b.http.calls = 0;
  m.b.http.ms = 0;
  for (const k of Object.keys(m.functionMs)) delete m.functionMs[k];
  m.idleDynamo = addBuckets(m.dynamo.app, m.dynamo.app, -1);
  m.sweeps = { attributable: 0, idle: 0, ms: 0 };
}

async function advanceTo(b: Bench, iso: string, stepDays = 1): Promise<void> {
  await b.system.advance(Date.parse(iso) - b.clock.now().getTime(), stepDays * DAY);
}

async function signAll(b: Bench, data: ReturnType<typeof application>): Promise<void> {
  const mails = await b.mails();
  for (const partner of data.partners) {
    const mail = mailsTo(mails, partner.email).filter((x) => linkIds(x, 'signering').length > 0).at(-1);
    const link = mail && linkIds(mail, 'signering')[0];
    if (!link) throw new Error(`No signing link for ${partner.organisationName}`);
    expectStatus(await b.call('GET', `/api/cosign/${link}`), 200, 'cosign view');
    expectStatus(await b.call('POST', `/api/cosign/${link}`, { decision: 'sign' }), 200, 'cosign');
  }
  await b.system.settle();
}

async function payOut(b: Bench, id: string): Promise<void> {
  const payouts = await b.call('GET', `/api/finance/payouts?projectNumber=${PROJECT_NUMBER}`, undefined, 'finance');
  expectStatus(payouts, 200, 'list payouts');
  const payout = (payouts.body.payouts as Array<{ id: string; applicationId: string; state: string }>).find((p) => p.applicationId === id);
  if (!payout) throw new Error('No payout triggered');
  if (payout.state === 'awaiting_invoice') expectStatus(await b.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-1' }, 'finance'), 200, 'invoice');
  expectStatus(await b.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance'), 200, 'paid');
  await b.system.settle();
}

const REPORT = { progress: 'Godt i gang', effect: 'Færre reinnleggelser', spentAmount: 300_000 };

/** Submitted and signed by every partner through the links in their e-mails. */
async function submitSigned(b: Bench, data: ReturnType<typeof application>): Promise<string> {
  const submitted = await b.call('POST', '/api/schemes/sor-rogaland/applications', data);
  expectStatus(submitted, 201, 'submit');
  await b.system.settle();
  await signAll(b, data);
  return submitted.body.applicationId as string;
}

async function happyPath(b: Bench): Promise<string> {
  const data = application();
  const id = await submitSigned(b, data);
  await b.system.advanceToMeeting(id); // decided in the meeting
  expectStatus(await b.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'approve', amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 'secretariat'), 201, 'decision');
  await b.system.settle();
  await payOut(b, id);
  const letter = mailsTo(await b.mails(), data.owner.email).find((m) => linkIds(m, 'rapport').length > 0);
  const statusLink = letter && linkIds(letter, 'rapport')[0];
  if (!statusLink) throw new Error('No status-report link in the decision letter');
  await b.system.advance(160 * DAY);
  expectStatus(await b.call('GET', `/api/reports/${statusLink}`), 200, 'report form');
  expectStatus(await b.call('POST', `/api/reports/${statusLink}`, REPORT), 201, 'status report');
  await b.system.settle();
  await b.system.advance(280 * DAY); // 23.02.2028: the period is over, the final report not yet overdue
  const reminder = mailsTo(await b.mails(), data.owner.email).find((m) => linkIds(m, 'rapport').some((l) => l !== statusLink));
  const finalLink = reminder && linkIds(reminder, 'rapport').find((l) => l !== statusLink);
  if (!finalLink) throw new Error('No final-report link');
  expectStatus(await b.call('GET', `/api/reports/${finalLink}`), 200, 'report form');
  expectStatus(await b.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: 800_000, lessonsLearned: 'Samarbeid lønner seg' }), 201, 'final report');
  await b.system.settle();
  // The sweeps after it: the owner's receipt, and the closing check an hour later (the workflow closed it first).
  await b.system.advance(2 * 3_600_000);
  return id;
}

/** test/workflows/longest-grant.test.ts: six deferrals, a 12-month period, neither report ever arrives. */
async function longestPath(b: Bench): Promise<string> {
  const data = application();
  const id = await submitSigned(b, data);
  for (const meeting of ['2026-12-10', '2027-01-28', '2027-02-25', '2027-03-18', '2027-04-22', '2027-05-27']) {
    await advanceTo(b, `${meeting}T12:00:00.000Z`, 2);
    expectStatus(await b.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'defer', reason: `Utsatt i møtet ${meeting}` }, 'secretariat'), 201, 'defer');
    await b.system.settle();
  }
  await advanceTo(b, '2027-06-17T12:00:00.000Z', 2);
  expectStatus(await b.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'approve', amount: 850_000, periodStart: '2027-07-01', periodEnd: '2028-06-30' }, 'secretariat'), 201, 'approve');
  await b.system.settle();
  await payOut(b, id);
  await advanceTo(b, '2029-04-01T00:00:00.000Z', 2);
  return id;
}

async function measure(path: string, progress: Progress, flow: (b: Bench) => Promise<string>): Promise<GrantCost> {
  const m = await meteredSystem();
  try {
    reset(m); // seeding the schemes is not a grant's cost
    progress(`cost: ${path} path running`);
    const id = await flow(m.b);
    await m.b.system.settle();
    const runtime = m.b.system.lifecycle.runtime;
    const mine = (await runtime.listExecutions({})).executions.filter((e) => e.name.includes(id));
    const executions = await Promise.all(
      mine.map(async (e) => {
        const d = await runtime.describeExecution({ executionArn: e.executionArn });
        const days = ((d.stopDate ?? m.b.clock.now()).getTime() - d.startDate.getTime()) / DAY;
        return { machine: d.machineKey, status: d.status, transitions: d.stateTransitions, historyEvents: d.historyEvents, days: Math.round(days) };
      }),
    );
    const transitions = executions.reduce((s, e) => s + e.transitions, 0);
    const app = await m.b.system.deps.store.getApplication(id);
    const byFunction = { ...m.invocations.counts };
    byFunction['send-due-reminders'] = m.sweeps.attributable;
    const routeIds = Object.keys(byFunction).filter((k) => !['lifecycle-step', 'await-step', 'send-due-reminders'].includes(k));
    const httpByRoute = Object.fromEntries(routeIds.map((k) => [k, byFunction[k]!]));
    const invocations = total(byFunction);
    const totalMs = (m.functionMs['lifecycle-step'] ?? 0) + (m.functionMs['await-step'] ?? 0) + m.b.http.ms + m.sweeps.ms;
    // Lambda bills each invocation's duration rounded up to 1 ms.
    const gbSeconds = ((totalMs + invocations) / 1000) * PRICES.lambdaMemoryGb;
    const dynamo = addBuckets(m.dynamo.app, m.idleDynamo, -1);
    const events = runtime.publishedEvents().filter((e) => e.executionArn.includes(id)).length;
    const scheduleInvocations = executions.filter((e) => e.machine === 'final-report').length;
    const usd = {
      stepFunctions: transitions * PRICES.stepFunctionsPerTransition * 1000,
      lambdaRequests: invocations * PRICES.lambdaPerRequest * 1000,
      lambdaCompute: gbSeconds * PRICES.lambdaPerGbSecond * 1000,
      dynamoDb: (dynamo.rru * PRICES.dynamoPerRru + (dynamo.wru + dynamo.gsiWru) * PRICES.dynamoPerWru) * 1000,
      ses: m.mail.recipients * PRICES.sesPerEmail * 1000,
      apiGateway: m.b.http.calls * PRICES.apiGatewayHttpPerRequest * 1000,
      eventBridge: (events * PRICES.eventBridgePerEvent + scheduleInvocations * PRICES.schedulerPerInvocation) * 1000,
    };
    return {
      path,
      applicationId: id,
      finalStatus: app?.status ?? 'missing',
      executions,
      transitions,
      lambda: { invocations, byFunction, gbSeconds, totalMs },
      http: { requests: m.b.http.calls, byRoute: httpByRoute },
      sweeps: { attributable: m.sweeps.attributable, idle: m.sweeps.idle },
      dynamo: {
        ...dynamo,
        scans: m.dynamo.scans,
        standIn: { commands: total(m.dynamo.standIn.commands), note: 'workflow journal + local scheduler items: Step Functions / Scheduler state in AWS, not priced as DynamoDB' },
      },
      mail: { messages: m.mail.messages, recipients: m.mail.recipients },
      events: { putEvents: events, scheduleInvocations },
      usdPer1000: { ...usd, total: Object.values(usd).reduce((s, n) => s + n, 0) },
    };
  } finally {
    m.invocations.uninstall();
    m.dynamo.detach();
    await m.b.stop();
  }
}

export async function runCost(progress: Progress): Promise<CostResult> {
  const happy = await measure('happy', progress, happyPath);
  progress(`cost: happy path ${happy.transitions} transitions, ${happy.lambda.invocations} Lambda invocations, ${total(happy.dynamo.commands)} DynamoDB calls, ${happy.mail.recipients} e-mails`);
  const longest = await measure('longest', progress, longestPath);
  progress(`cost: longest path ${longest.transitions} transitions, ${longest.lambda.invocations} Lambda invocations, ${total(longest.dynamo.commands)} DynamoDB calls, ${longest.mail.recipients} e-mails`);
  const scans = happy.dynamo.scans + longest.dynamo.scans;
  const sweepsPerYear = 4 * 24 * 365;
  return {
    prices: PRICE_LINES,
    pricesDate: PRICES.date,
    assumptions: [
      'Lambda durations are measured locally (dynalite on loopback, local SES); AWS adds network latency per DynamoDB/SES call, so real GB-s are higher. HTTP durations are measured at the client (they include the local API Gateway stand-in).',
      'DynamoDB units are dynalite\'s ConsumedCapacity (table); GSI writes are estimated from the item before and after each write (projection ALL): +1× the table units per index holding the item, 2× when its index key changed. Failed conditional writes are billed at ≥1 WRU.',
      'Reminder sweeps that found nothing due are the fixed 15-minute schedule (35,040 a year whatever the number of grants), not a grant\'s cost; sweeps that sent this grant\'s mail are counted. The notices to each secretariat (the agenda is closed: one e-mail per meeting; the half-year report is due: two a year) are fixed per scheme too and not counted with the grant.',
      'The HTTP requests are the flow\'s API calls, including the GET of each link page before acting (co-sign view, report form) and finance listing payouts.',
      'Not included: CloudWatch Logs, X-Ray, data transfer, storage, free tiers.',
    ],
    happy,
    longest,
    targets: { happyTransitionsMax: 60, happyMeets: happy.transitions <= 60, scans, noScan: scans === 0 },
    fixedPerYear: {
      sweeps: sweepsPerYear,
      // An idle sweep: two empty Queries (due reminders, due draft reminders) of 0.5 RRU each.
      usd: sweepsPerYear * (PRICES.lambdaPerRequest + 0.05 * PRICES.lambdaMemoryGb * PRICES.lambdaPerGbSecond + 2 * 0.5 * PRICES.dynamoPerRru + PRICES.schedulerPerInvocation),
    },
  };
}
