// The sign-out posts a form whose answer redirects to the identity provider's logout, on Cognito's
// own domain in AWS (locally the stand-in answers on our origin, so the staff-page tests cannot see
// this). Chromium holds a form's redirects to the page's form-action: the pages that carry the
// sign-out form must name the provider's origin, and only those.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { resetConfigForTests } from '../../functions/config/env';
import { PAGE_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy } from '../../functions/http/responses';
import { page as publicPage, renderErrorPage, signOutPage } from '../../functions/pages/page-kit';
import { describeBrowser, launchBrowser } from './browser';

const PROVIDER = 'https://tilskudd-dev.auth.eu-north-1.amazoncognito.com';
const SIGN_IN_ENV = { STAFF_USER_POOL_ID: 'eu-north-1_AbC123', STAFF_PAGES_CLIENT_ID: 'abc123', STAFF_SIGN_IN_URL: PROVIDER };
const event = { headers: { accept: 'text/html' }, requestContext: { http: { method: 'GET' } }, rawPath: '/okonomi', rawQueryString: '' };
const policyOf = (result: { headers?: Record<string, unknown> }) => result.headers?.['content-security-policy'];

process.env.TABLE_NAME ??= 'grants';

function withSignIn(configured: boolean): void {
  for (const [k, v] of Object.entries(SIGN_IN_ENV)) {
    if (configured) process.env[k] = v;
    else delete process.env[k];
  }
  resetConfigForTests();
}
afterEach(() => withSignIn(false));

it('pages with the sign-out form let it end at the provider; other pages allow this origin only', () => {
  withSignIn(true);
  const expected = `default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self' ${PROVIDER}; frame-ancestors 'none'`;
  expect(policyOf(signOutPage(event, undefined))).toBe(expected);
  expect(policyOf(renderErrorPage(403, { error: 'ForbiddenError', message: 'Du har ikke tilgang.' }, event)!)).toBe(expected);
  expect(policyOf(renderErrorPage(404, { error: 'NotFoundError', message: 'Fant ikke siden.' }, event)!)).toBe(PAGE_CONTENT_SECURITY_POLICY);
  expect(policyOf(publicPage(200, { title: 'Søknad', body: '' }))).toBe(PAGE_CONTENT_SECURITY_POLICY);
  // Locally the provider is this origin: nothing to add.
  withSignIn(false);
  expect(policyOf(signOutPage(event, undefined))).toBe(PAGE_CONTENT_SECURITY_POLICY);
});

describeBrowser('Chromium and a form post that redirects to another origin', () => {
  let browser: Browser;
  let provider: Server;
  let site: Server;
  let providerOrigin = '';
  let providerHits = 0;
  let siteOrigin = '';
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  beforeAll(async () => {
    provider = createServer((req, res) => {
      if (req.url === '/logout') providerHits++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Logget ut</title><h1>Logget ut hos leverandøren</h1>');
    });
    providerOrigin = await listen(provider);
    // The site: a page whose policy comes from ?policy=, with a form that posts to /utlogging, which answers 303 to the provider.
    site = createServer((req, res) => {
      const url = new URL(req.url ?? '/', siteOrigin);
      if (req.method === 'POST') return void res.writeHead(303, { location: `${providerOrigin}/logout` }).end();
      const policy = url.searchParams.get('policy') === 'provider' ? pageContentSecurityPolicy([providerOrigin]) : PAGE_CONTENT_SECURITY_POLICY;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy }).end('<title>Side</title><form method="post" action="/utlogging"><button>Logg ut</button></form>');
    });
    siteOrigin = await listen(site);
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    provider?.close();
    site?.close();
  });

  it("is blocked by form-action 'self' (the page policy without the provider), and reaches the provider when the policy names it", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${siteOrigin}/?policy=self`);
      const violation = page.waitForEvent('console', { predicate: (m) => m.text().includes('Content Security Policy'), timeout: 10_000 });
      await page.getByRole('button', { name: 'Logg ut' }).click({ noWaitAfter: true });
      expect((await violation).text()).toContain(`violates the following Content Security Policy directive: "form-action 'self'"`);
      await page.waitForTimeout(300);
      expect(providerHits).toBe(0);
      expect(page.url().startsWith(providerOrigin)).toBe(false);

      await page.goto(`${siteOrigin}/?policy=provider`);
      await page.getByRole('button', { name: 'Logg ut' }).click();
      await page.waitForURL(`${providerOrigin}/logout`);
      expect(await page.locator('h1').textContent()).toBe('Logget ut hos leverandøren');
      expect(providerHits).toBe(1);
    } finally {
      await page.close();
    }
  }, 30_000);
});
