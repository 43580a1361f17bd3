// The whole system on one machine: dynalite (on disk or in memory), local SES with its viewer,
// the local workflow runtime running the synthesized definitions, and the HTTP API from the same
// route table as the CDK app. Used by `npm start`, the demo, end-to-end tests and benchmarks.
import './polyfills';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DOCUMENT_TRANSLATE_CONFIG, DynamoGrantStore } from '../functions/adapters/dynamodb-grant-store';
import { DynamoMailOutbox } from '../functions/adapters/dynamodb-mail-outbox';
import { DynamoWaitingTaskStore } from '../functions/adapters/dynamodb-waiting-tasks';
import { newApplicationId, newId, newLinkId } from '../functions/adapters/ids';
import { createSesClient, SesMailer } from '../functions/adapters/ses-mailer';
import { overrideDependencies, type Dependencies } from '../functions/composition';
import { DynamoEndedSessions } from '../functions/adapters/dynamodb-ended-sessions';
import { DynamoDraftStore } from '../functions/adapters/dynamodb-drafts';
import { resetConfigForTests } from '../functions/config/env';
import type { Clock } from '../functions/ports/clock';
import { getScheme } from '../config/schemes';
import { applicationMeeting } from '../functions/domain/meeting-calendar';
import { loadCalendar } from '../functions/use-cases/meeting-calendar';
import { loadScheme } from '../functions/use-cases/load-application';
import { upgradeStoredData } from '../functions/use-cases/upgrade-stored-data';
import { serveApi } from './api-gateway';
import { serveLocalEndpoints } from './dev-endpoints';
import { createLocalTable } from './dynamodb-table';
import { LocalAuth } from './local-auth';
import { startLocalSes, type LocalSes } from './ses-local';
import { LocalStaffSignIn } from './local-staff-sign-in';
import { LOCAL_MACHINE_ARNS, startLifecycleRuntime, type LifecycleRuntime } from './lifecycle-runtime';
import { StepFunctionsWorkflow } from '../functions/adapters/step-functions-workflow';
import { ManualClock } from './workflow-runtime';

type Dynalite = (options?: { createTableMs?: number; deleteTableMs?: number; updateTableMs?: number; path?: string }) => Server;
const dynalite = createRequire(import.meta.url)('dynalite') as Dynalite;

export const LOCAL_TABLE = 'grants-local';
const LOCAL_MAIL_FROM = 'Tilskuddsordningen <ikke-svar@tilskudd.example>';

export interface LocalSystemOptions {
  port?: number;
  host?: string;
  /** folder for dynalite's data; null keeps everything in memory */
  dataDir?: string | null;
  clock?: Clock;
  /** reminders and schedules are checked this often (real time) */
  tickMs?: number;
  /** local SES (and its mail viewer) port; 0 or omitted: a free port */
  sesPort?: number;
}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

export class LocalSystem {
  private constructor(
    readonly url: string,
    readonly ses: LocalSes,
    readonly deps: Dependencies,
    readonly auth: LocalAuth,
    /** the local identity provider of the staff pages' sign-in */
    readonly signIn: LocalStaffSignIn,
    readonly lifecycle: LifecycleRuntime,
    private readonly servers: { http: Server; dynamo: Server },
    private readonly raw: DynamoDBClient,
    private readonly ticker: NodeJS.Timeout,
  ) {}

  static async start(options: LocalSystemOptions = {}): Promise<LocalSystem> {
    const host = options.host ?? '127.0.0.1';
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.dataDir ? { path: options.dataDir } : {}) });
    const dynamoPort = await listen(dynamo, 0, '127.0.0.1');
    const endpoint = `http://127.0.0.1:${dynamoPort}`;
    const raw = new DynamoDBClient({ endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const client = DynamoDBDocumentClient.from(raw, DOCUMENT_TRANSLATE_CONFIG);
    await createLocalTable(raw, LOCAL_TABLE);
    const ses = await startLocalSes({ host, port: options.sesPort ?? 0 });

    // Idle keep-alive connections stay open longer than clients keep them (undici: 4 s, browsers:
    // longer still, but they retry), so a client never sends on a socket the server is closing
    // (Node's default of 5 s raced the benchmark's clients after a quiet phase: ECONNRESET).
    const http = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 });
    const port = await listen(http, options.port ?? 3000, host);
    const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
    Object.assign(process.env, { TABLE_NAME: LOCAL_TABLE, DYNAMODB_ENDPOINT: endpoint, SES_ENDPOINT: ses.endpoint, PUBLIC_BASE_URL: url, AWS_REGION: 'eu-north-1' });
    resetConfigForTests();

    const clock = options.clock ?? { now: () => new Date() };
    const store = new DynamoGrantStore({ client, tableName: LOCAL_TABLE });
    const tasks = new DynamoWaitingTaskStore({ client, tableName: LOCAL_TABLE });
    const lifecycle = await startLifecycleRuntime({ client, tableName: LOCAL_TABLE, clock });
    const auth = new LocalAuth();
    const signIn = new LocalStaffSignIn(auth, url);
    const deps = overrideDependencies({
      staffSignIn: signIn,
      store,
      mailer: new SesMailer({ ses: createSesClient({ endpoint: ses.endpoint, region: 'eu-north-1' }), from: LOCAL_MAIL_FROM, outbox: new DynamoMailOutbox({ client, tableName: LOCAL_TABLE }), clock }),
      tasks,
      endedSessions: new DynamoEndedSessions({ client, tableName: LOCAL_TABLE }),
      drafts: new DynamoDraftStore({ client, tableName: LOCAL_TABLE }),
      workflow: new StepFunctionsWorkflow({ engine: lifecycle.runtime, tasks, machines: async () => LOCAL_MACHINE_ARNS }),
      clock,
      ids: { applicationId: newApplicationId, linkId: newLinkId, id: newId },
      scheme: getScheme,
      publicBaseUrl: url,
    });
    // Data kept on disk by an earlier version gets what this one writes beside it (as after a deployment).
    const upgraded = await upgradeStoredData(deps);
    if (upgraded.applications > 0) console.log(`Stored data upgraded: ${upgraded.steps.join(', ')} (${upgraded.applications} cases)`);
    for (const f of upgraded.failed) console.warn(`Could not upgrade ${f.applicationId} (${f.step}): ${f.error}; tried again at the next start`);
    // Every grant in flight when the system last stopped continues where it was.
    await lifecycle.runtime.resumeAll();
    const ticker = setInterval(() => void lifecycle.tick().catch((e: unknown) => console.error('Tick failed', e)), options.tickMs ?? 60_000);
    ticker.unref();
    const system = new LocalSystem(url, ses, deps, auth, signIn, lifecycle, { http, dynamo }, raw, ticker);
    http.on('request', (req, res) => {
      system.handle(req, res).catch((error: unknown) => {
        console.error('Local server error', error);
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Intern feil');
      });
    });
    return system;
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    if (await serveLocalEndpoints(req, res, this)) return;
    if (await serveApi(req, res, this.auth)) return;
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Fant ikke siden.');
  }

  /** Waits until no workflow task runs and nothing is due. */
  async settle(): Promise<void> {
    await this.lifecycle.runtime.settle();
  }

  /**
   * Moves a ManualClock on to the start of the meeting whose agenda the application is on (the
   * committee decides in its meetings), sending what falls due on the way; nothing when it has started.
   */
  async advanceToMeeting(applicationId: string): Promise<void> {
    const app = await this.deps.store.getApplication(applicationId);
    const meeting = app && applicationMeeting(await loadCalendar(this.deps, loadScheme(this.deps, app.schemeId)), app);
    const wait = meeting ? Date.parse(meeting.startsAt) - this.deps.clock.now().getTime() : 0;
    if (wait > 0) await this.advance(wait);
  }

  /** Moves a ManualClock forward in steps, sending due reminders and firing schedules on the way. */
  async advance(ms: number, stepMs = 86_400_000): Promise<void> {
    const clock = this.deps.clock;
    if (!(clock instanceof ManualClock)) throw new Error('advance() needs the system to run on a ManualClock');
    let left = ms;
    await this.settle();
    while (left > 0) {
      const step = Math.min(stepMs, left);
      clock.advance(step);
      left -= step;
      await this.lifecycle.tick().catch((error: unknown) => {
        // In AWS the scheduler retries a failed sweep; here the next step's tick does. The rest were sent.
        if ((error as Error).name !== 'ReminderSweepIncomplete') throw error;
      });
      await this.settle();
    }
  }

  /** Stops the HTTP server, the runtime, local SES and dynalite; the journal already holds all progress, so a restart resumes. */
  async stop(): Promise<void> {
    clearInterval(this.ticker);
    // Let running task handlers finish (bounded) so none writes to a closed database; the journal
    // makes an interrupted one safe anyway.
    await Promise.race([this.settle(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    await this.lifecycle.runtime.shutdown();
    this.servers.http.closeAllConnections?.();
    await new Promise<void>((resolve) => this.servers.http.close(() => resolve()));
    await this.ses.stop();
    this.raw.destroy();
    this.servers.dynamo.closeAllConnections?.();
    await new Promise<void>((resolve) => this.servers.dynamo.close(() => resolve()));
  }
}
