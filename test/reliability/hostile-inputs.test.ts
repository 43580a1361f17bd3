// 10,000 generated malformed and hostile requests through the real handlers with real API Gateway v2
// events over dynalite: JSON bodies (wrong types, huge strings, deep nesting, prototype-pollution
// keys, unicode, nulls), urlencoded bodies, bad content types, bad path parameters and link ids,
// oversized bodies, hostile query strings. Every answer is a 4xx (never a 5xx), every 400 explains
// itself in Norwegian, and nothing is stored: not one write reaches DynamoDB, and the items
// counted by Query (every status, every link, payouts, reports, reminders…) are the same after.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../functions/http/routes';
import { APPLICATION_STATUSES } from '../../functions/domain/model';
import { apiEvent, staffClaims, type ApiEventOptions } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, startTestApp, type ApiResponse, type TestApp } from '../support/test-app';

const TOTAL_RUNS = 10_000;
/** The JSON API (every route but the web pages); get-openapi takes no input at all, so it is checked like a page. */
const API = ROUTES.filter((r) => r.path.startsWith('/api/'));
const OTHERS = ROUTES.filter((r) => !API.includes(r));
const RUNS_PER_ROUTE = Math.ceil(TOTAL_RUNS / ROUTES.length);

let app: TestApp;
/** every write that reached DynamoDB while the hostile requests ran: `<route> [<case>] <command>` */
const writes: string[] = [];
let current = '';
let known: { schemeIds: string[]; applicationIds: string[]; linkIds: string[]; payoutIds: string[]; reallocationIds: string[] };
let before: Record<string, number>;
let sentBefore: number;

/** Everything a request could have created, counted with Query/GetItem only (never Scan). */
async function census(): Promise<Record<string, number>> {
  const s = app.store;
  const counts: Record<string, number> = {};
  for (const scheme of ['sor-rogaland', 'innlandet']) {
    for (const status of APPLICATION_STATUSES) counts[`app:${scheme}:${status}`] = (await s.listByStatus(scheme, status)).length;
    counts[`reports:${scheme}`] = (await s.listReportsBySchemeBetween(scheme, '2000-01-01', '2100-01-01')).length;
    counts[`pot:${scheme}`] = (await s.getPot(scheme, 2026))?.remaining ?? -1;
  }
  for (const project of ['R-11326-D11325', app.scheme('innlandet').projectNumber]) counts[`payouts:${project}`] = (await s.listPayoutsByProject(project)).length;
  counts.reminders = (await s.listDueReminders('2100-01-01T00:00:00.000Z', 10_000)).length;
  for (const id of known.applicationIds) {
    const a = await s.getApplication(id);
    counts[`rev:${id}`] = a?.revision ?? -1;
    counts[`links:${id}`] = (await s.listLinks(id)).filter((l) => l.state === 'active').length;
    counts[`sigs:${id}`] = (await s.listSignatures(id, a?.version ?? 1)).length;
    counts[`decisions:${id}`] = (await s.listDecisions(id)).length;
    counts[`reallocations:${id}`] = (await s.listReallocations(id)).length;
    counts[`payouts-of:${id}`] = (await s.listPayoutsForApplication(id)).length;
  }
  return counts;
}

// ---- generators ---------------------------------------------------------------------------------

const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', '__defineGetter__', 'hasOwnProperty', 'toString', 'valueOf'];
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates, controls
  fc.constantFrom('', ' ', '\u0000', '\u202e\u0041', 'Ω≈ç√∫', '🙂'.repeat(30), '<script>alert(1)</script>', "' OR 1=1 --", '${7*7}', '{{7*7}}', '../../etc/passwd', '%00', 'null', 'NaN', '1e309'),
  fc.integer({ min: 101, max: 70_000 }).map((n) => 'x'.repeat(n)), // longer than any field allows
);
const hostileKey = fc.oneof(fc.constantFrom(...POLLUTING_KEYS, '', ' ', 'a.b', 'a[0]', '$where', 'k'.repeat(150)), fc.string({ unit: 'binary', maxLength: 12 }));
const scalar = fc.oneof(hostileString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 53), 1e308, -0));
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(fc.oneof(hostileKey, fc.constantFrom('decision', 'outcome', 'amount', 'title', 'partners', 'budget', 'reason', 'invoiceNumber', 'spentAmount', 'approved')), tie('value'), { maxKeys: 6 }),
})).value;

/** JSON text that is never a valid request: an object with a polluting or unknown key, or not an object. */
const hostileJson = fc.oneof(
  fc.tuple(jsonish, fc.constantFrom(...POLLUTING_KEYS), jsonish).map(([v, key, inner]) => {
    const rest = JSON.stringify(v && typeof v === 'object' && !Array.isArray(v) ? v : { value: v }).slice(1);
    return `{${JSON.stringify(key)}:${JSON.stringify(inner) ?? 'null'}${rest === '}' ? '}' : `,${rest}`}`;
  }),
  fc.tuple(jsonish, hostileString).map(([v, k]) => JSON.stringify({ ...(v && typeof v === 'object' && !Array.isArray(v) ? v : {}), [`ukjent-${k}`]: v })),
  jsonish.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)).map((v) => JSON.stringify(v) ?? 'null'),
  fc.integer({ min: 2, max: 60_000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.integer({ min: 2, max: 20_000 }).map((depth) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)),
  fc.integer({ min: 2, max: 5_000 }).map((depth) => `{"partners":${'['.repeat(depth)}${']'.repeat(depth)},"title":null}`),
);
const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '{"a":1}{"b":2}', '\u0000', '\ufeff{"a":', '{"__proto__":'),
  hostileString.filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);
const formBody = fc
  .array(fc.tuple(fc.oneof(hostileKey, fc.constantFrom('__proto__[polluted]', 'constructor[prototype][polluted]', 'a[0][1][2][3][4][5]', 'partners[999][email]', 'budget[-1][money]', 'decision', 'outcome', 'amount')), hostileString), { maxLength: 8 })
  .map((pairs) => {
    const params = new URLSearchParams();
    for (const [k, v] of pairs) params.append(k, v);
    params.append('__proto__[polluted]', 'ja'); // ignored by the form coercion…
    params.append('ukjent_felt', 'x'); // …but no form has this field, so the post is never valid
    return params.toString();
  });
const badContentType = fc.constantFrom('text/plain', 'application/xml', 'text/html', 'multipart/form-data; boundary=x', 'application/octet-stream', 'application/json-patch+json', '*/*', 'application/x-www-form-urlencodedx', ';;;', 'application');
const OVERSIZED = `{"title":"${'x'.repeat(300 * 1024)}"}`;

function hostileParam(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString,
    fc.stringMatching(/^[A-Za-z0-9_-]{22,64}$/), // link-id shaped, unknown
    fc.constantFrom('app_', 'app_x', 'PAYOUT#x', '../sor-rogaland', 'sor-rogaland/../innlandet', 'SOR-ROGALAND', 'sor-rogaland ', '2026-13-45', '%2e%2e', 'pay_' + 'x'.repeat(200)),
  );
}

const VALID_BODIES: Record<string, () => unknown> = {
  'submit-application': () => app.application(),
  'revise-application': () => app.application(),
  'withdraw-application': () => ({ reason: 'Prosjektet er lagt ned' }),
  'request-reallocation': () => ({ description: 'Flytte midler', amount: 10_000 }),
  'cosign-application': () => ({ decision: 'sign' }),
  'submit-report': () => ({ progress: 'Godt i gang', effect: 'Bedre', spentAmount: 1_000 }),
  'request-report-deadline': () => ({ dueDate: '2027-09-30', reason: 'Forsinket oppstart' }),
  'schedule-application': () => ({ meetingId: '2026-12-10' }),
  'request-information': () => ({ message: 'Mer informasjon, takk.' }),
  'record-decision': () => ({ outcome: 'defer' }),
  'record-recommendation': () => ({ recommended: true, rank: 1 }),
  'decide-reallocation': () => ({ approved: true }),
  'claim-repayment': () => ({ amount: 1_000, reason: 'Ubrukte midler' }),
  'change-owner': () => ({ name: 'Ny Kontakt', email: 'ny.kontakt@kommune.example' }),
  'extend-report-deadline': () => ({ report: 'status', dueDate: '2027-09-30', reason: 'Prosjektleder sykmeldt' }),
  'decline-deadline-request': () => ({ report: 'status', reason: 'Fristen står' }),
  'request-report-supplement': () => ({ report: 'status', reason: 'Effekten mangler' }),
  'withdraw-report-supplement': () => ({ report: 'status' }),
  'update-group-leaders': () => ({ leaderEmail: 'leder@helse-stavanger.example', deputyLeaderEmail: 'nestleder@helse-stavanger.example' }),
  'change-grant-period': () => ({ periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' }),
  'message-owner': () => ({ message: 'Vi mangler fakturaen.' }),
  'message-secretariat': () => ({ message: 'Fakturaen er sendt.' }),
  'resend-signing-link': () => ({ partnerIndex: 1 }),
  'request-lost-link': () => ({ caseNumber: 'app_0000000000000000', email: 'kari@example.no' }),
  'request-period-change': () => ({ periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' }),
  'decline-period-request': () => ({ reason: 'Perioden står' }),
  'resend-owner-link': () => ({}),
  'register-invoice': () => ({ invoiceNumber: 'F-1' }),
  'mark-paid': () => ({}),
};

type Case = Omit<ApiEventOptions, 'method' | 'path'> & { kind: string };

function casesFor(route: RouteDefinition): fc.Arbitrary<Case> {
  const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const realParam = (name: string): fc.Arbitrary<string> => {
    const pool = name === 'schemeId' ? known.schemeIds : name === 'linkId' ? known.linkIds : name === 'payoutId' ? known.payoutIds : name === 'reallocationId' ? known.reallocationIds : name === 'meetingId' ? ['2026-12-10'] : known.applicationIds;
    return fc.constantFrom(...pool);
  };
  // The applicants' web forms act on any post to a real link (their only fields are optional, and
  // the link is the capability), so page posts get unknown ids only; everything else gets both.
  const realAllowed = API.includes(route) || route.method === 'GET';
  const params = (hostile: boolean) =>
    names.length === 0
      ? fc.constant({})
      : fc
          .tuple(...names.map((n, i) => ((hostile && i === names.length - 1) || !realAllowed ? hostileParam() : fc.oneof(realParam(n), hostileParam()))))
          .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]!])));
  const claims = route.access === 'secretariat' ? SECRETARIAT : route.access === 'finance' ? FINANCE : undefined;
  const withAuth = <T extends object>(c: T) => (claims ? { ...c, claims } : c);
  const base64 = fc.boolean();

  const common: Array<fc.Arbitrary<Case>> = [
    // bad path parameters (or link ids) with an otherwise valid request: nothing found (a route without any has none to get wrong)
    ...(names.length > 0
      ? [fc.tuple(params(true), fc.boolean()).map(([pathParameters]) => {
        const body = VALID_BODIES[route.id];
        return withAuth({ kind: 'bad-path-param', pathParameters, ...(route.method === 'POST' ? { json: body ? body() : {} } : {}) });
      })]
      : []),
    // hostile query strings (unknown keys are refused by the strict query schemas)
    fc.tuple(params(names.length > 0), fc.dictionary(hostileKey, hostileString, { minKeys: 1, maxKeys: 4 })).map(([pathParameters, query]) =>
      withAuth({ kind: 'query', pathParameters, query: { ...query, 'ukjent[felt]': 'x' } }),
    ),
    // staff routes without a token or with the wrong role
    ...(claims
      ? [fc.tuple(params(false), fc.constantFrom(undefined, staffClaims([]), staffClaims([route.access === 'finance' ? 'secretariat' : 'finance']), { 'cognito:groups': `[${route.access}]` })).map(([pathParameters, c]) => ({ kind: 'auth', pathParameters, ...(c ? { claims: c } : {}) }))]
      : []),
  ];
  if (route.method === 'GET') {
    return fc.oneof(...common, fc.tuple(params(true), hostileJson).map(([pathParameters, body]) => withAuth({ kind: 'get-with-body', pathParameters, body, headers: { 'content-type': 'application/json' } })));
  }
  return fc.oneof(
    ...common,
    fc.tuple(params(false), hostileJson, base64).map(([pathParameters, body, b64]) => withAuth({ kind: 'json', pathParameters, body, base64: b64, headers: { 'Content-Type': 'application/json; charset=utf-8' } })),
    fc.tuple(params(false), malformedJson).map(([pathParameters, body]) => withAuth({ kind: 'malformed-json', pathParameters, body, headers: { 'content-type': 'application/json' } })),
    fc.tuple(params(false), formBody, base64).map(([pathParameters, body, b64]) => withAuth({ kind: 'form', pathParameters, body, base64: b64, headers: { 'content-type': 'application/x-www-form-urlencoded' } })),
    fc.tuple(params(false), badContentType, fc.oneof(hostileJson, formBody)).map(([pathParameters, type, body]) => withAuth({ kind: 'content-type', pathParameters, body, headers: { 'content-type': type } })),
    fc.tuple(params(false), fc.constantFrom(undefined, '', '   ')).map(([pathParameters, body]) => withAuth({ kind: 'empty', pathParameters, ...(body === undefined ? {} : { body }), headers: { 'content-type': 'application/json' } })),
    fc.tuple(params(false), fc.boolean()).map(([pathParameters, b64]) => withAuth({ kind: 'oversized', pathParameters, body: OVERSIZED, base64: b64, headers: { 'content-type': 'application/json' } })),
  );
}

// ---- checks -------------------------------------------------------------------------------------

const ENGLISH = /\b(Invalid input|Invalid option|Expected|Required|Unrecognized key|Too small|Too big|must be|is required|Invalid type|Unexpected token|Internal Server Error)\b/;
const NORWEGIAN = /[æøåÆØÅ]|\b(må|er|ikke|kan|skal|mangler|ugyldig|ukjent|felt|feltet|velg|bruk|lenken|finnes|gyldig|tekst|tall|dato|innhold|forespørselen|høyst|minst|tegn|beløpet|skriv|oppgi)\b/i;

function checkApiAnswer(route: RouteDefinition, c: Case, res: ApiResponse): void {
  const where = `${route.method} ${route.path} [${c.kind}] → ${res.status} ${res.text.slice(0, 300)}`;
  expect(res.status, where).toBeGreaterThanOrEqual(400);
  expect(res.status, where).toBeLessThan(500);
  if (res.status !== 400) return;
  const body = res.body as { message?: unknown; fieldErrors?: Record<string, unknown> } | undefined;
  expect(body, where).toBeTypeOf('object');
  const messages = [
    ...(typeof body!.message === 'string' ? [body!.message] : []),
    ...Object.values(body!.fieldErrors ?? {}).map((m) => {
      expect(typeof m, where).toBe('string');
      return m as string;
    }),
  ];
  expect(messages.length, where).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m, where).not.toMatch(ENGLISH);
    expect(m, where).toMatch(NORWEGIAN);
  }
}

beforeAll(async () => {
  app = await startTestApp();
  // Some real state, so that half of the path parameters exist.
  const active = await app.active();
  const scheduled = await app.scheduled();
  const submitted = await app.submit();
  const realloc = await app.call('request-reallocation', { pathParameters: { linkId: active.ownerLinkId }, json: { description: 'Flytte midler', amount: 10_000 } });
  expect(realloc.status).toBe(201);
  const ids = [active.applicationId, scheduled.applicationId, submitted.applicationId];
  const links = (await Promise.all(ids.map((id) => app.store.listLinks(id)))).flat();
  known = {
    schemeIds: ['sor-rogaland', 'innlandet'],
    applicationIds: ids,
    linkIds: [...links.map((l) => l.id), await app.reportLink(active.applicationId, 'status')],
    payoutIds: [active.payout.id],
    reallocationIds: [realloc.body.id],
  };
  // Every write command that reaches DynamoDB from now on (a DocumentClient shares its client's stack).
  (app.dynamo.client.middlewareStack as unknown as { add(mw: unknown, o: object): void }).add(
    (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
      if (/^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? '')) writes.push(`${current} ${context.commandName}`);
      return next(args);
    },
    { step: 'initialize', name: 'count-writes' },
  );
  before = await census();
  sentBefore = app.mailer.sent.length;
  writes.length = 0;
}, 60_000);
afterAll(async () => app?.stop());

describe(`${TOTAL_RUNS.toLocaleString('en')} hostile requests through the handlers`, () => {
  it('covers every route of the table', () => {
    expect(API.length).toBeGreaterThanOrEqual(24);
    expect(RUNS_PER_ROUTE * ROUTES.length).toBeGreaterThanOrEqual(TOTAL_RUNS);
  });

  it.each(API.map((r) => [r.id, r] as const))('%s: only 4xx, 400s explained in Norwegian', async (_id, route) => {
    await fc.assert(
      fc.asyncProperty(casesFor(route), async (c) => {
        current = `${route.id} [${c.kind}]`;
        const res = await invoke(apiEvent({ ...c, method: route.method, path: route.path }), route.id);
        checkApiAnswer(route, c, res);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  });

  // The web pages answer people with HTML (a page explaining the problem) and the OpenAPI document
  // takes no input: they must never fail.
  it.each(OTHERS.map((r) => [r.id, r] as const))('%s: never a 5xx', async (_id, route) => {
    await fc.assert(
      fc.asyncProperty(casesFor(route), async (c) => {
        current = `${route.id} [${c.kind}]`;
        const res = await invoke(apiEvent({ ...c, method: route.method, path: route.path }), route.id);
        expect(res.status, `${route.method} ${route.path} [${c.kind}] → ${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS_PER_ROUTE },
    );
  });

  it('regressions: ids longer than a DynamoDB key may be are not found (404, not 500); a too-long field name is refused in Norwegian', async () => {
    const long = 'x'.repeat(3_000);
    for (const [routeId, pathParameters] of [
      ['get-application', { applicationId: long }],
      ['schedule-application', { applicationId: long }],
      ['get-agenda', { schemeId: 'sor-rogaland', meetingId: 'y'.repeat(1_100) }],
      ['mark-paid', { payoutId: long }],
      ['decide-reallocation', { applicationId: known.applicationIds[0]!, reallocationId: long }],
    ] as const) {
      const route = ROUTES.find((r) => r.id === routeId)!;
      current = `${routeId} [regression]`;
      const body = VALID_BODIES[routeId];
      const res = await app.call(routeId, { pathParameters, ...(route.method === 'POST' ? { json: body ? body() : {} } : {}), as: route.access === 'finance' ? FINANCE : SECRETARIAT });
      expect(res.status, `${routeId}: ${res.text}`).toBe(404);
    }
    // A JSON null is a body, not the absence of one: a route whose body is optional refuses it (found by seed 544883559).
    current = 'resend-owner-link [regression]';
    const nullBody = await invoke(
      apiEvent({ method: 'POST', path: '/api/staff/applications/{applicationId}/owner-link', pathParameters: { applicationId: known.applicationIds[0]! }, body: 'null', headers: { 'content-type': 'application/json' }, claims: SECRETARIAT }),
      'resend-owner-link',
    );
    expect(nullBody.status, nullBody.text).toBe(400);
    expect(nullBody.body.fieldErrors).toEqual({ _form: 'Innholdet må være et JSON-objekt med feltene, for eksempel {"navn": "…"}.' });
    const arrayBody = await invoke(
      apiEvent({ method: 'POST', path: '/api/staff/applications/{applicationId}/information-requests', pathParameters: { applicationId: known.applicationIds[1]! }, body: '[{"message":"x"}]', headers: { 'content-type': 'application/json' }, claims: SECRETARIAT }),
      'request-information',
    );
    expect(arrayBody.body.fieldErrors, arrayBody.text).toEqual({ _form: 'Innholdet må være et JSON-objekt med feltene, for eksempel {"navn": "…"}.' });
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: { ['k'.repeat(150)]: 1 } });
    expect(res.status).toBe(400);
    expect(Object.values(res.body.fieldErrors as Record<string, string>)).toEqual(['Feltet har ugyldig verdi.']);
  });

  it('stored nothing: no write reached DynamoDB, the census by Query is unchanged, no mail, no pollution', async () => {
    expect(writes).toEqual([]);
    expect(await census()).toEqual(before);
    expect(app.mailer.sent.length).toBe(sentBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
