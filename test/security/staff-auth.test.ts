// Every staff route of the table (JSON API and web pages) answers 401 without a token and 403 with a
// token of the wrong role: through the local HTTP server (its JWT authorizer stand-in for the API,
// the handler's session check for the pages) and through the handlers alone (defence in depth
// behind the authorizer). The API takes only the Authorization header, the pages only the session
// cookie: a cookie must not open the API (no CSRF protection there), nor a header a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPageRoute, ROUTES, type RouteDefinition } from '../../functions/http/routes';
import { SESSION_COOKIE } from '../../functions/http/staff-auth';
import { apiEvent, fillPath, staffClaims } from '../support/api-events';
import { startHarness, type Harness } from '../support/local-system';
import { invoke, startTestApp, type TestApp } from '../support/test-app';
import { createHash, randomBytes } from 'node:crypto';
import { dependencies } from '../../functions/composition';
import type { LocalStaffSignIn } from '../../local/local-staff-sign-in';

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
    const carry = (token: string, transport: 'header' | 'cookie'): Record<string, string> =>
      transport === 'header' ? { authorization: `Bearer ${token}` } : { cookie: `${SESSION_COOKIE.name}=${token}` };
    const own = isPageRoute(route) ? 'cookie' : 'header';
    const send = (token?: string, transport: 'header' | 'cookie' = own) =>
      fetch(url, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...(token ? carry(token, transport) : {}) },
        ...(body(route) ? { body: body(route) } : {}),
        redirect: 'manual',
      });
    expect((await send()).status).toBe(401);
    const forged = h.system.auth.issue('sekretær', [route.access]).replace(/\.[^.]+$/, '.AAAA');
    expect((await send(forged)).status).toBe(401);
    expect((await send(h.system.auth.issue('feil-rolle', [otherRole(route)]))).status).toBe(403);
    expect((await send(h.system.auth.issue('ingen-rolle', []))).status).toBe(403);
    // The right role through the other transport opens nothing.
    expect((await send(h.system.auth.issue('rett-rolle', [route.access]), own === 'cookie' ? 'header' : 'cookie')).status).toBe(401);
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

describe('staff pages in AWS: the session cookie arrives in the event\'s cookies (payload format 2.0)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  async function sessionOf(groups: string[]): Promise<string> {
    const signIn = dependencies().staffSignIn as LocalStaffSignIn;
    const verifier = randomBytes(32).toString('base64url');
    const code = signIn.issueCode('sekretær', groups, { codeChallenge: createHash('sha256').update(verifier).digest('base64url'), redirectUri: signIn.callbackUrl });
    return (await signIn.exchangeCode({ code, codeVerifier: verifier, redirectUri: signIn.callbackUrl })).idToken;
  }

  it('opens the page with a valid session of the role; sends a browser without one to the sign-in', async () => {
    const page = (cookies: string[], accept = 'text/html') =>
      invoke({ ...apiEvent({ method: 'GET', path: '/sekretariat', headers: { accept, 'x-forwarded-proto': 'https' } }), cookies }, 'page-secretariat');
    const session = await sessionOf(['secretariat']);
    expect((await page([`__Host-staff_session=${session}`])).status).toBe(200);
    // Over HTTPS only the __Host- cookie counts: a plain one could have been set by a subdomain.
    expect((await page([`staff_session=${session}`])).status).toBe(303);
    const none = await page([]);
    expect(none.status).toBe(303);
    expect(none.headers.location).toBe('/innlogging?tilbake=%2Fsekretariat');
    expect((await page([], 'application/json')).status).toBe(401);
    expect((await page([`__Host-staff_session=${await sessionOf(['finance'])}`])).status).toBe(403);
    expect((await page([`__Host-staff_session=${session.slice(0, -4)}AAAA`])).status).toBe(303);
  });
});

