// The staff pages' sign-in through the local HTTP server, as a browser goes through it: a staff page
// without a session, /innlogging, the identity provider's page (the local stand-in for Cognito's
// managed login), the callback with the code, the session, its renewal and the sign-out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/local-system';

interface Answer {
  status: number;
  location: string;
  cookies: string[];
  text: string;
}

/** A cookie jar of one browser: name → value, as Set-Cookie left it. */
class Browser {
  readonly jar = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', path: string, form?: Record<string, string>): Promise<Answer> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(path.startsWith('http') ? path : `${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: { accept: 'text/html', ...(cookie ? { cookie } : {}), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    const cookies = response.headers.getSetCookie();
    for (const set of cookies) {
      const [pair, ...attributes] = set.split(';').map((p) => p.trim());
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
      if (attributes.some((a) => /^max-age=0$/i.test(a))) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location') ?? '', cookies, text: await response.text() };
  }

  /** Every hidden field of a page, by name (e.g. the sign-out button's CSRF token and way back). */
  static hiddenFields(text: string): Record<string, string> {
    return Object.fromEntries([...text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&amp;/g, '&')]));
  }

  /** Presses the sign-out button of /utlogging (?tilbake), with `extra` fields as a tampered form would send them. */
  async signOut(tilbake?: string, extra: Record<string, string> = {}): Promise<Answer> {
    const form = await this.request('GET', `/utlogging${tilbake ? `?tilbake=${encodeURIComponent(tilbake)}` : ''}`);
    expect(form.status).toBe(200);
    return this.request('POST', '/utlogging', { ...Browser.hiddenFields(form.text), ...extra });
  }

  /** Follows the provider's page: fills in role and name and posts it, as a person would. */
  async signInAt(providerUrl: string, role: 'secretariat' | 'finance' | '', name: string, scheme?: string): Promise<Answer> {
    const page = await this.request('GET', providerUrl);
    expect(page.status).toBe(200);
    return this.request('POST', '/lokal/innlogging', { ...Browser.hiddenFields(page.text), role, name, ...(scheme ? { scheme } : {}) });
  }
}

describe('staff sign-in of the web pages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('a staff page without a session goes through the provider and back, with a session cookie and nothing in the URL', async () => {
    const browser = new Browser(h.system.url);
    const page = await browser.request('GET', '/sekretariat/sor-rogaland/rapporter-pa-overtid');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/innlogging?tilbake=%2Fsekretariat%2Fsor-rogaland%2Frapporter-pa-overtid');

    const start = await browser.request('GET', page.location);
    expect(start.status).toBe(303);
    const authorize = new URL(start.location);
    expect(authorize.pathname).toBe('/lokal/innlogging');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${h.system.url}/innlogging/tilbake`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')!.length).toBeGreaterThanOrEqual(22);
    // The attempt (state, PKCE verifier, way back) stays in an HttpOnly cookie the sign-in routes alone see.
    expect(start.cookies).toEqual([expect.stringMatching(/^staff_signin=[^;]+; Path=\/innlogging; HttpOnly; SameSite=Lax; Max-Age=600$/)]);
    expect(start.location).not.toContain(browser.jar.get('staff_signin')!.split('.')[1]!);

    const answered = await browser.signInAt(start.location, 'secretariat', 'Siri Sekretær');
    expect(answered.status).toBe(303);
    const callback = new URL(answered.location);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${h.system.url}/innlogging/tilbake`);
    expect(callback.searchParams.get('state')).toBe(authorize.searchParams.get('state'));

    const done = await browser.request('GET', answered.location);
    expect(done.status, done.text).toBe(303);
    expect(done.location).toBe('/sekretariat/sor-rogaland/rapporter-pa-overtid');
    expect(done.cookies).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^staff_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=(3[56]\d\d)$/),
        expect.stringMatching(/^staff_refresh=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/),
        expect.stringMatching(/^staff_signin=; Path=\/innlogging; HttpOnly; SameSite=Lax; Max-Age=0$/),
      ]),
    );
    const signedIn = await browser.request('GET', done.location);
    expect(signedIn.status).toBe(200);
    expect(signedIn.text).toContain('Siri Sekretær');
    expect(signedIn.text).toMatch(/<form method="post" action="\/utlogging" class="sign-out"><input type="hidden" name="_csrf" value="[A-Za-z0-9_-]{43}"><button type="submit">Logg ut<\/button><\/form>/);

    // The code is single-use: the same answer again is refused, and the attempt is gone anyway.
    const replay = await browser.request('GET', answered.location);
    expect(replay.status).toBe(400);
  });

  it('renews an expired session with the refresh token, without the provider; sign-out revokes it', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging');
    const done = await browser.request('GET', (await browser.signInAt(start.location, 'finance', 'Øystein Økonomi')).location);
    expect(done.location).toBe('/okonomi');

    browser.jar.delete('staff_session'); // the hour is over: the browser dropped the cookie
    const page = await browser.request('GET', '/okonomi');
    expect(page.location).toBe('/innlogging?tilbake=%2Fokonomi');
    const renewed = await browser.request('GET', page.location);
    expect(renewed.status).toBe(303);
    expect(renewed.location).toBe('/okonomi');
    expect(renewed.cookies).toEqual([expect.stringMatching(/^staff_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/)]);
    expect((await browser.request('GET', '/okonomi')).status).toBe(200);

    const refreshToken = browser.jar.get('staff_refresh')!;
    const out = await browser.signOut();
    expect(out.status).toBe(303);
    expect(out.location).toBe(`${h.system.url}/`);
    expect(browser.jar.has('staff_session')).toBe(false);
    expect(browser.jar.has('staff_refresh')).toBe(false);
    expect((await browser.request('GET', '/okonomi')).status).toBe(303);

    // The revoked refresh token renews nothing: back to the provider.
    browser.jar.set('staff_refresh', refreshToken);
    const again = await browser.request('GET', '/innlogging');
    expect(new URL(again.location).pathname).toBe('/lokal/innlogging');
    expect(again.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/^staff_refresh=; .*Max-Age=0$/)]));
  });

  it('sign-out ends the session itself: a copy of its cookie is refused at once, other sign-ins go on', async () => {
    const signIn = async (browser: Browser, name: string) => {
      const start = await browser.request('GET', '/innlogging');
      const done = await browser.request('GET', (await browser.signInAt(start.location, 'secretariat', name)).location);
      expect(done.location).toBe('/sekretariat');
    };
    const browser = new Browser(h.system.url);
    const otherDesk = new Browser(h.system.url);
    await signIn(browser, 'Siri Sekretær');
    await signIn(otherDesk, 'Siri Sekretær');
    // Someone copied the session cookie (the ID token, valid for its hour) and the refresh cookie.
    const copy = new Browser(h.system.url);
    for (const name of ['staff_session', 'staff_refresh']) copy.jar.set(name, browser.jar.get(name)!);
    expect((await copy.request('GET', '/sekretariat')).status).toBe(200);

    expect((await browser.signOut()).status).toBe(303);
    const refused = await copy.request('GET', '/sekretariat');
    expect(refused.status).toBe(303);
    expect(refused.location).toBe('/innlogging?tilbake=%2Fsekretariat');
    // Nor does the (revoked) refresh token renew it: on to the provider.
    const renew = await copy.request('GET', refused.location);
    expect(new URL(renew.location).pathname).toBe('/lokal/innlogging');
    // The same person's other sign-in is another session.
    expect((await otherDesk.request('GET', '/sekretariat')).status).toBe(200);
  });

  it('signed in for one community, a person opens its pages and gets 403 for another\'s', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging?tilbake=%2Fsekretariat');
    const provider = await browser.request('GET', start.location);
    expect(provider.text).toContain('name="scheme" value="all"');
    expect(provider.text).toContain('name="scheme" value="innlandet"');
    const answered = await browser.signInAt(start.location, 'secretariat', 'Ingrid Innlandet', 'innlandet');
    expect(answered.status).toBe(303);
    expect((await browser.request('GET', answered.location)).status).toBe(303);
    const overview = await browser.request('GET', '/sekretariat');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('SSU-møte');
    expect(overview.text).not.toContain('FSU-møte');
    expect((await browser.request('GET', '/sekretariat/innlandet/rapporter-pa-overtid')).status).toBe(200);
    expect((await browser.request('GET', '/sekretariat/sor-rogaland/rapporter-pa-overtid')).status).toBe(403);
    const other = new Browser(h.system.url);
    const unknown = await other.signInAt((await other.request('GET', '/innlogging')).location, 'secretariat', 'Ukjent', 'finnes-ikke');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Velg en ordning.');
  });

  it('refuses a forged or stale answer: another state, no attempt, a provider error', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging');
    const answered = new URL((await browser.signInAt(start.location, 'secretariat', 'Siri Sekretær')).location);

    const otherState = new URL(answered);
    otherState.searchParams.set('state', 'x'.repeat(32));
    const forged = await browser.request('GET', otherState.toString());
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Innloggingen kunne ikke fullføres');
    expect(browser.jar.has('staff_session')).toBe(false);

    const elsewhere = new Browser(h.system.url); // the answer arrives in a browser that did not start it
    expect((await elsewhere.request('GET', answered.toString())).status).toBe(400);

    const cancelled = await browser.request('GET', '/innlogging/tilbake?error=access_denied&state=abc');
    expect(cancelled.status).toBe(400);
    expect(cancelled.text).toContain('Innloggingen ble avbrutt');

    const unknown = await browser.request('GET', '/innlogging/tilbake?code=abc&state=abc&extra=1');
    expect(unknown.status).toBe(400);
  });

  it('only goes back to a path on this site', async () => {
    for (const back of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', '/innlogging', '/lokal/klokke']) {
      const browser = new Browser(h.system.url);
      const start = await browser.request('GET', `/innlogging?tilbake=${encodeURIComponent(back)}`);
      const done = await browser.request('GET', (await browser.signInAt(start.location, 'secretariat', 'Siri Sekretær')).location);
      expect(done.location, back).toBe('/sekretariat');
    }
  });

  it('the provider page refuses a request that did not come from the service', async () => {
    const browser = new Browser(h.system.url);
    const start = new URL((await browser.request('GET', '/innlogging')).location);
    start.searchParams.set('redirect_uri', 'https://evil.example/innlogging/tilbake');
    expect((await browser.request('GET', start.toString())).status).toBe(400);
    // Opened directly, it starts at the service.
    const direct = await browser.request('GET', '/lokal/innlogging?tilbake=%2Fokonomi');
    expect(direct.location).toBe('/innlogging?tilbake=%2Fokonomi');
  });

  it('a person without a staff role gets no session', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging');
    const signIn = h.system.signIn;
    const authorize = new URL(start.location);
    const code = signIn.issueCode('Uten Rolle', [], { codeChallenge: authorize.searchParams.get('code_challenge')!, redirectUri: signIn.callbackUrl });
    const answer = await browser.request('GET', `/innlogging/tilbake?code=${code}&state=${authorize.searchParams.get('state')}`);
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('ingen rolle');
    expect(browser.jar.has('staff_session')).toBe(false);
  });

  it('the wrong role: signing in as someone else from the 403 page comes back to that page', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging?tilbake=%2Fsekretariat');
    const done = await browser.request('GET', (await browser.signInAt(start.location, 'finance', 'Øystein Økonomi')).location);
    expect(done.location).toBe('/sekretariat');

    const refused = await browser.request('GET', '/sekretariat');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Logg ut og logg inn som en annen bruker</button>');
    const fields = Browser.hiddenFields(refused.text);
    expect(fields).toMatchObject({ tilbake: '/sekretariat' });

    const out = await browser.request('POST', '/utlogging', fields);
    expect(out.status).toBe(303);
    // The provider's sign-out may only return to fixed URLs: the sign-in; the way back waits in a cookie only it sees.
    expect(out.location).toBe(`${h.system.url}/innlogging`);
    expect(out.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/^staff_return=[^;]+; Path=\/innlogging; HttpOnly; SameSite=Lax; Max-Age=600$/)]));
    expect(browser.jar.has('staff_session')).toBe(false);
    expect(browser.jar.has('staff_refresh')).toBe(false);

    const again = await browser.request('GET', out.location);
    expect(new URL(again.location).pathname).toBe('/lokal/innlogging');
    expect(again.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/^staff_return=; Path=\/innlogging; .*Max-Age=0$/)]));
    const back = await browser.request('GET', (await browser.signInAt(again.location, 'secretariat', 'Siri Sekretær')).location);
    expect(back.location).toBe('/sekretariat');
    expect((await browser.request('GET', back.location)).status).toBe(200);
  });

  it('a sign-out with a way back that leaves the site is a plain sign-out', async () => {
    const browser = new Browser(h.system.url);
    for (const tilbake of ['//evil.example/x', 'https://evil.example/', '/innlogging', '/lokal/innlogging']) {
      const page = await browser.request('GET', `/utlogging?tilbake=${encodeURIComponent(tilbake)}`);
      expect(Browser.hiddenFields(page.text).tilbake, tilbake).toBeUndefined();
      const out = await browser.signOut(undefined, { tilbake });
      expect(out.location, tilbake).toBe(`${h.system.url}/`);
      expect(out.cookies.some((c) => c.startsWith('staff_return=')), tilbake).toBe(false);
    }
  });

  it('a GET of /utlogging signs no one out, nor does a post without the token of one of our pages', async () => {
    const browser = new Browser(h.system.url);
    const start = await browser.request('GET', '/innlogging');
    await browser.request('GET', (await browser.signInAt(start.location, 'finance', 'Øystein Økonomi')).location);
    const page = await browser.request('GET', '/utlogging');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<button type="submit">Logg ut</button>');
    expect(browser.jar.has('staff_session')).toBe(true);
    expect((await browser.request('GET', '/okonomi')).status).toBe(200);

    // What another site can make a browser post: no token, or a token it made up.
    const forms: Array<Record<string, string>> = [{ tilbake: '/okonomi' }, { _csrf: 'x'.repeat(43) }];
    for (const form of forms) {
      const forged = await browser.request('POST', '/utlogging', form);
      expect(forged.status).toBe(400);
      expect(forged.text).toContain('Skjemaet kunne ikke bekreftes');
      expect(browser.jar.has('staff_session')).toBe(true);
    }
    expect((await browser.request('GET', '/okonomi')).status).toBe(200);
  });
});
