// The HTTP handlers wired to a real (local) DynamoDB: dynalite + DynamoGrantStore, a recording
// mailer, no workflow, a manual clock. Calls go through the handler modules with real API Gateway
// v2 events, and helpers move an application along its lifecycle through those same handlers.
import { afterAll, beforeAll, expect } from 'vitest';
import type { Context } from 'aws-lambda';
import { overrideDependencies, resetDependencies, type Dependencies } from '../../functions/composition';
import { DynamoEndedSessions } from '../../functions/adapters/dynamodb-ended-sessions';
import { DynamoDraftStore } from '../../functions/adapters/dynamodb-drafts';
import { resetConfigForTests } from '../../functions/config/env';
import { DynamoGrantStore } from '../../functions/adapters/dynamodb-grant-store';
import { newApplicationId, newId, newLinkId } from '../../functions/adapters/ids';
import { APPLICATION_STATUSES, type LinkRecord, type PayoutRecord, type ReportKind } from '../../functions/domain/model';
import type { Mailer, OutgoingMail } from '../../functions/ports/mailer';
import { noWorkflow } from '../../functions/ports/workflow';
import { newLink } from '../../functions/use-cases/links';
import { finalReportOpensOn } from '../../functions/domain/reports';
import { osloInstant } from '../../functions/domain/oslo-time';
import { periodFromNow } from './example-period';
import { triggerPayout } from '../../functions/use-cases/payouts';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { targetMeeting } from '../../functions/use-cases/schedule-application';
import { applicationMeeting, meetingStarted } from '../../functions/domain/meeting-calendar';
import { loadCalendar } from '../../functions/use-cases/meeting-calendar';
import type { HttpResult } from '../../functions/http/responses';
import { getScheme } from '../../config/schemes';
import { exampleApplication, type ApplicationInput } from '../../schemas/application.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { LocalAuth } from '../../local/local-auth';
import { LocalStaffSignIn } from '../../local/local-staff-sign-in';
import { lambdaContext, routeEvent, staffClaims, type ApiEvent, type ApiEventOptions, type Claims } from './api-events';
import { startDynalite, type LocalDynamo } from './dynalite';

/** 2026-11-20 10:00 Oslo: Sør-Rogaland's next reachable meeting is 2026-12-10 (deadline 26.11). */
export const START = '2026-11-20T09:00:00.000Z';

/** A status report as an owner sends it (statusReportIn). */
export const STATUS_REPORT = { progress: 'Teamet er etablert.', effect: 'For tidlig å si.', spentAmount: 200_000 };

export const SECRETARIAT = staffClaims(['secretariat'], 'sekretær-1');
export const FINANCE = staffClaims(['finance'], 'okonomi-1');

export class RecordingMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  private readonly keys = new Set<string>();
  async send(mail: OutgoingMail): Promise<{ sent: boolean }> {
    if (this.keys.has(mail.idempotencyKey)) return { sent: false };
    this.keys.add(mail.idempotencyKey);
    this.sent.push(mail);
    return { sent: true };
  }
}

export interface ManualClock {
  now(): Date;
  set(iso: string): void;
  advanceDays(days: number): void;
  /** Runs `act`, then sets the clock back to where it was: a test file's tests share one clock, and some move it. */
  setBackAfter<T>(act: () => Promise<T>): Promise<T>;
}

export function manualClock(startIso = START): ManualClock {
  let current = new Date(startIso);
  return {
    now: () => new Date(current.getTime()),
    set: (iso) => {
      current = new Date(iso);
    },
    advanceDays: (days) => {
      current = new Date(current.getTime() + days * 86_400_000);
    },
    async setBackAfter(act) {
      const saved = current;
      try {
        return await act();
      } finally {
        current = saved;
      }
    },
  };
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** the parsed body when it is JSON (else undefined) */
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** API Gateway v2's `cookies` (Set-Cookie values besides any in the headers) */
  cookies: string[];
}

export type CallOptions = Omit<ApiEventOptions, 'method' | 'path'> & { as?: Claims };

type Handler = (event: ApiEvent, context: Context) => Promise<HttpResult>;

const handlerCache = new Map<string, Promise<Handler>>();

/** The route's handler module, loaded like the Lambda runtime does: by file. */
export function loadHandler(routeId: string): Promise<Handler> {
  let loaded = handlerCache.get(routeId);
  if (!loaded) {
    const url = new URL(`../../functions/http/${routeId}.handler.ts`, import.meta.url).href;
    loaded = import(/* @vite-ignore */ url).then((m: { handler?: Handler }) => {
      if (typeof m.handler !== 'function') throw new Error(`functions/http/${routeId}.handler.ts exports no handler`);
      return m.handler;
    });
    handlerCache.set(routeId, loaded);
  }
  return loaded;
}

export async function invoke(event: ApiEvent, routeId: string): Promise<ApiResponse> {
  const handler = await loadHandler(routeId);
  const result = await handler(event, lambdaContext(routeId));
  const headers = result.headers ?? {};
  const text = typeof result.body === 'string' ? result.body : '';
  const isJson = /^application\/json/.test(headers['content-type'] ?? '');
  return { status: result.statusCode, headers, text, body: isJson && text !== '' ? JSON.parse(text) : undefined, cookies: result.cookies ?? [] };
}

/** The last path segment of a link URL: the link id. */
export function linkIdOf(url: string): string {
  const id = url.split('/').pop();
  if (!id) throw new Error(`No link id in ${url}`);
  return id;
}

export interface Submitted {
  applicationId: string;
  ownerLinkId: string;
}

export interface TestApp {
  deps: Dependencies;
  store: DynamoGrantStore;
  mailer: RecordingMailer;
  clock: ManualClock;
  dynamo: LocalDynamo;
  scheme(id?: string): SchemeConfig;
  /** Calls a route's handler with a real API Gateway v2 event (`as` adds JWT claims). */
  call(routeId: string, options?: CallOptions): Promise<ApiResponse>;
  /** A valid application body for a scheme (with a title of its own), with changes. */
  application(schemeId?: string, change?: (a: ApplicationInput) => void): ApplicationInput;
  submit(schemeId?: string, body?: unknown, headers?: Record<string, string>): Promise<Submitted>;
  cosignLinks(applicationId: string, version?: number): Promise<LinkRecord[]>;
  cosignAll(applicationId: string): Promise<void>;
  schedule(applicationId: string, meetingId?: string): Promise<void>;
  /** submit → every partner signs → scheduled on the next reachable meeting */
  scheduled(schemeId?: string, change?: (a: ApplicationInput) => void): Promise<Submitted>;
  /**
   * Runs `act` at the start of the meeting whose agenda the application is on (the committee decides
   * in its meetings), when the clock is earlier; the clock is set back after, so a test's other dates
   * stay as they were.
   */
  duringMeeting<T>(applicationId: string, act: () => Promise<T>): Promise<T>;
  /** record-decision as the secretariat (or `as`) during the case's meeting. */
  decide(applicationId: string, json: unknown, as?: Claims): Promise<ApiResponse>;
  approve(applicationId: string, amount?: number): Promise<void>;
  /** Every one approved for `amount` (period 2027) through record-decision at the same moment: a race for the pot. */
  approveAtOnce(applicationIds: readonly string[], amount: number): Promise<ApiResponse[]>;
  /** … → approved → payout triggered (as the lifecycle's allocate step does): status payout_pending */
  payoutPending(schemeId?: string, change?: (a: ApplicationInput) => void): Promise<Submitted & { payout: PayoutRecord }>;
  /** … → approved → payout triggered (by the lifecycle) → invoiced if needed → paid: status active */
  active(schemeId?: string, change?: (a: ApplicationInput) => void): Promise<Submitted & { payout: PayoutRecord }>;
  /**
   * … active → status and final report (spent `spentAmount`) → closed by the lifecycle's close step;
   * `paid: false`: from payoutPending instead, the grant closes with its payout never paid.
   */
  closed(spentAmount: number, options?: { paid?: boolean }): Promise<Submitted & { payout: PayoutRecord }>;
  /** The report link the lifecycle e-mails when a report is due. */
  reportLink(applicationId: string, kind: ReportKind, validForDays?: number): Promise<string>;
  /** … active → its status report (STATUS_REPORT) sent through its link: the grant, and that link. */
  statusReportIn(): Promise<Submitted & { payout: PayoutRecord; reportLinkId: string }>;
  /** Every application of a scheme, by querying each status (never a Scan). */
  countApplications(schemeId: string): Promise<number>;
  stop(): Promise<void>;
}

function expectStatus(response: ApiResponse, expected: number[], what: string): void {
  if (!expected.includes(response.status)) {
    throw new Error(`${what}: expected ${expected.join('/')} but got ${response.status}: ${response.text}`);
  }
}

/**
 * The test file's TestApp: started before its tests and stopped after them (call it at the top of
 * the file). What it returns stands for the started app, so the tests use it as they would the app.
 */
/** A Sør-Rogaland application its first partner declined to sign: back with the owner (status draft). */
export async function declinedByPartner(app: TestApp, title: string, reason = 'Uklart budsjett.'): Promise<Submitted> {
  const submitted = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = title)));
  const [first] = await app.cosignLinks(submitted.applicationId);
  const res = await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'decline', reason } });
  if (res.body.status !== 'draft') throw new Error(`The decline left the application ${String(res.body.status)}`);
  return submitted;
}

export function useTestApp(options: { start?: string } = {}): TestApp {
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterAll(async () => started?.stop());
  return new Proxy({} as TestApp, {
    get(_, key) {
      if (!started) throw new Error('The test app starts in beforeAll: use it inside the tests');
      const value: unknown = Reflect.get(started, key);
      return typeof value === 'function' ? value.bind(started) : value;
    },
  });
}

export async function startTestApp(options: { start?: string } = {}): Promise<TestApp> {
  const dynamo = await startDynalite();
  process.env.TABLE_NAME = dynamo.tableName;
  process.env.AWS_REGION = 'eu-north-1';
  process.env.DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.PUBLIC_BASE_URL = 'https://tilskudd.example';
  process.env.MAIL_FROM = 'ikke-svar@tilskudd.example';
  process.env.AWS_ACCESS_KEY_ID ??= 'local';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'local';
  resetConfigForTests();
  resetDependencies();

  const store = new DynamoGrantStore({ client: dynamo.client, tableName: dynamo.tableName });
  const mailer = new RecordingMailer();
  const clock = manualClock(options.start);
  const PUBLIC_BASE_URL = 'https://tilskudd.example';
  const deps = overrideDependencies({
    store,
    mailer,
    workflow: noWorkflow,
    clock,
    scheme: getScheme,
    ids: { applicationId: newApplicationId, linkId: newLinkId, id: newId },
    publicBaseUrl: PUBLIC_BASE_URL,
    staffSignIn: new LocalStaffSignIn(new LocalAuth(), PUBLIC_BASE_URL),
    endedSessions: new DynamoEndedSessions({ client: dynamo.client, tableName: dynamo.tableName }),
    drafts: new DynamoDraftStore({ client: dynamo.client, tableName: dynamo.tableName }),
  });

  const schemeOf = (id = 'sor-rogaland'): SchemeConfig => {
    const scheme = getScheme(id);
    if (!scheme) throw new Error(`No scheme ${id}`);
    return scheme;
  };

  let examples = 0;
  const app: TestApp = {
    deps,
    store,
    mailer,
    clock,
    dynamo,
    scheme: schemeOf,
    call(routeId, { as, ...rest } = {}) {
      return invoke(routeEvent(routeId, { ...rest, ...(as ? { claims: as } : {}) }), routeId);
    },
    application(schemeId = 'sor-rogaland', change) {
      const body = exampleApplication(schemeOf(schemeId));
      // Identical content counts as the same submission: every example gets its own title.
      body.title = `${body.title} (${++examples})`;
      Object.assign(body, periodFromNow(body, clock.now()));
      change?.(body);
      return body;
    },
    async submit(schemeId = 'sor-rogaland', body, headers) {
      const response = await app.call('submit-application', {
        pathParameters: { schemeId },
        json: body ?? app.application(schemeId),
        ...(headers ? { headers } : {}),
      });
      expectStatus(response, [201], 'submit');
      return { applicationId: response.body.applicationId, ownerLinkId: linkIdOf(response.body.statusUrl) };
    },
    async cosignLinks(applicationId, version) {
      const current = version ?? (await store.getApplication(applicationId))?.version;
      const links = await store.listLinks(applicationId);
      return links
        .filter((l) => l.purpose === 'cosign' && l.version === current)
        .sort((a, b) => (a.partnerIndex ?? 0) - (b.partnerIndex ?? 0));
    },
    async cosignAll(applicationId) {
      for (const link of await app.cosignLinks(applicationId)) {
        const response = await app.call('cosign-application', { pathParameters: { linkId: link.id }, json: { decision: 'sign' } });
        expectStatus(response, [200, 201], 'cosign');
      }
      expect((await store.getApplication(applicationId))?.status).toBe('submitted');
    },
    async schedule(applicationId, meetingId) {
      const application = await store.getApplication(applicationId);
      if (!application) throw new Error(`No application ${applicationId}`);
      const target = meetingId ?? targetMeeting(schemeOf(application.schemeId), await loadCalendar({ store }, schemeOf(application.schemeId)), clock.now())?.id;
      if (!target) throw new Error('No reachable meeting');
      const response = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: target }, as: SECRETARIAT });
      expectStatus(response, [200], 'schedule');
    },
    async scheduled(schemeId = 'sor-rogaland', change) {
      const submitted = await app.submit(schemeId, app.application(schemeId, change));
      await app.cosignAll(submitted.applicationId);
      await app.schedule(submitted.applicationId);
      return submitted;
    },
    async duringMeeting(applicationId, act) {
      const application = await store.getApplication(applicationId);
      const meeting = application && applicationMeeting(await loadCalendar({ store }, schemeOf(application.schemeId)), application);
      if (!meeting || meetingStarted(meeting, clock.now())) return act();
      const saved = clock.now().toISOString();
      clock.set(meeting.startsAt);
      try {
        return await act();
      } finally {
        clock.set(saved);
      }
    },
    decide(applicationId, json, as = SECRETARIAT) {
      return app.duringMeeting(applicationId, () => app.call('record-decision', { pathParameters: { applicationId }, json, as }));
    },
    async approve(applicationId, amount) {
      const current = await store.getApplication(applicationId);
      if (!current) throw new Error(`No application ${applicationId}`);
      const version = await store.getVersion(applicationId, current.version);
      const response = await app.duringMeeting(applicationId, () => app.call('record-decision', {
        pathParameters: { applicationId },
        as: SECRETARIAT,
        json: {
          outcome: 'approve',
          amount: amount ?? current.requestedAmount,
          periodStart: version?.data.periodStart ?? '2027-01-01',
          periodEnd: version?.data.periodEnd ?? '2027-12-31',
        },
      }));
      expectStatus(response, [200, 201], 'approve');
    },
    approveAtOnce(applicationIds, amount) {
      // They are on one agenda: all decided in that meeting.
      return app.duringMeeting(applicationIds[0]!, () => Promise.all(
        applicationIds.map((applicationId) =>
          app.call('record-decision', {
            pathParameters: { applicationId },
            json: { outcome: 'approve', amount, periodStart: '2027-01-01', periodEnd: '2027-12-31' },
            as: SECRETARIAT,
          }),
        ),
      ));
    },
    async payoutPending(schemeId = 'sor-rogaland', change) {
      const submitted = await app.scheduled(schemeId, change);
      await app.approve(submitted.applicationId);
      // The lifecycle workflow triggers the payout after the decision; no HTTP route does.
      return { ...submitted, payout: await triggerPayout(deps, submitted.applicationId, { kind: 'system', name: 'lifecycle' }) };
    },
    async active(schemeId = 'sor-rogaland', change) {
      const { payout: triggered, ...submitted } = await app.payoutPending(schemeId, change);
      let payout = triggered;
      if (payout.state === 'awaiting_invoice') {
        const invoiced = await app.call('register-invoice', {
          pathParameters: { payoutId: payout.id },
          as: FINANCE,
          json: { invoiceNumber: `F-${submitted.applicationId.slice(-6)}` },
        });
        expectStatus(invoiced, [200], 'register-invoice');
      }
      const paid = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as: FINANCE, json: {} });
      expectStatus(paid, [200], 'mark-paid');
      payout = paid.body;
      expect((await store.getApplication(submitted.applicationId))?.status).toBe('active');
      return { ...submitted, payout };
    },
    async closed(spentAmount, { paid = true } = {}) {
      const grant = paid ? await app.active() : await app.payoutPending();
      const allocation = (await store.getApplication(grant.applicationId))!.allocation!;
      const saved = clock.now().toISOString();
      try {
        for (const kind of ['status', 'final'] as const) {
          // The final report comes after the period: the clock moves there for it, and back after.
          if (kind === 'final') clock.set(osloInstant(finalReportOpensOn(allocation), '09:00').toISOString());
          const report = await app.call('submit-report', {
            pathParameters: { linkId: await app.reportLink(grant.applicationId, kind) },
            json: { progress: 'Tiltaket er gjennomført.', spentAmount, effect: 'Færre reinnleggelser.', ...(kind === 'final' ? { lessonsLearned: 'Felles opplæring tidlig.' } : {}) },
          });
          expectStatus(report, [201], `${kind} report`);
        }
        await runLifecycleStep(deps, 'close', { applicationId: grant.applicationId, executionStartTime: clock.now().toISOString() });
      } finally {
        clock.set(saved);
      }
      expect((await store.getApplication(grant.applicationId))?.status).toBe('closed');
      return grant;
    },
    async statusReportIn() {
      const grant = await app.active();
      const reportLinkId = await app.reportLink(grant.applicationId, 'status');
      expectStatus(await app.call('submit-report', { pathParameters: { linkId: reportLinkId }, json: STATUS_REPORT }), [201], 'status report');
      return { ...grant, reportLinkId };
    },
    async reportLink(applicationId, kind, validForDays = 120) {
      const application = await store.getApplication(applicationId);
      if (!application) throw new Error(`No application ${applicationId}`);
      const link = newLink(
        deps,
        { purpose: kind === 'status' ? 'status-report' : 'final-report', applicationId, schemeId: application.schemeId },
        clock.now(),
        validForDays,
      );
      await store.putLinks([link]);
      return link.id;
    },
    async countApplications(schemeId) {
      const lists = await Promise.all(APPLICATION_STATUSES.map((s) => store.listByStatus(schemeId, s)));
      return lists.reduce((n, l) => n + l.length, 0);
    },
    async stop() {
      resetDependencies();
      await dynamo.stop();
    },
  };
  return app;
}
