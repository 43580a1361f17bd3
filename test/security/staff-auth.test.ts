// Every staff route of the table (JSON API and web pages) answers 401 without a token and 403 with a
// token of the wrong role: through the local HTTP server (its JWT authorizer stand-in and then the
// handler) and through the handlers alone (defence in depth behind the authorizer).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type RouteDefinition } from '../../functions/http/routes';
import { apiEvent, fillPath, staffClaims } from '../support/api-events';
import { startHarness, type Harness } from '../support/local-system';
import { invoke, startTestApp, type TestApp } from '../support/test-app';

const STAFF = ROUTES.filter((r) => r.access !== 'public');
const otherRole = (route: RouteDefinition) => (route.access === 'secretariat' ? 'finance' : 'secretariat');
const params = (route: RouteDefinition) =>
  Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1]!, m[1] === 'schemeId' ? 'sor-rogaland' : m[1] === 'meetingId' ? '2026-12-10' : 'app_abcdefghijklmnop']));
const body = (route: RouteDefinition) => (route.method === 'POST' ? JSON.stringify({ outcome: 'defer' }) : undefined);

it('the table has staff routes of both roles, API and pages', () => {
  expect(STAFF.filter((r) => r.access === 'secretariat').length).toBeGreaterThanOrEqual(11);
  expect(STAFF.filter((r) => r.access === 'finance').length).toBeGreaterThanOrEqual(3);
});

describe('through the local HTTP server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it.each(STAFF.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: 401 without a token, 401 with a forged one, 403 with the wrong role', async (_name, route) => {
    const url = `${h.system.url}${fillPath(route.path, params(route))}`;
    const send = (authorization?: string) =>
      fetch(url, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        ...(body(route) ? { body: body(route) } : {}),
        redirect: 'manual',
      });
    expect((await send()).status).toBe(401);
    const forged = h.system.auth.issue('sekretær', [route.access]).replace(/\.[^.]+$/, '.AAAA');
    expect((await send(`Bearer ${forged}`)).status).toBe(401);
    expect((await send(`Bearer ${h.system.auth.issue('feil-rolle', [otherRole(route)])}`)).status).toBe(403);
    expect((await send(`Bearer ${h.system.auth.issue('ingen-rolle', [])}`)).status).toBe(403);
  });
});

describe('through the handlers (API Gateway v2 events)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  it.each(STAFF.map((r) => [r.id, r] as const))('%s: 401 without claims, 403 with the wrong role', async (_id, route) => {
    const request = (claims?: ReturnType<typeof staffClaims>) =>
      invoke(
        apiEvent({
          method: route.method,
          path: route.path,
          pathParameters: params(route),
          ...(body(route) ? { body: body(route), headers: { 'content-type': 'application/json' } } : {}),
          ...(claims ? { claims } : {}),
        }),
        route.id,
      );
    expect((await request()).status).toBe(401);
    expect((await request(staffClaims([otherRole(route)]))).status).toBe(403);
    expect((await request(staffClaims([]))).status).toBe(403);
  });
});
