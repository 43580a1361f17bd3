// End to end, the way `npm start` runs: a child process `node --import tsx local/start.ts` on a free
// port with its own data folder and a manual clock. The test talks to it only over HTTP: the API,
// the local clock endpoint, the local sign-in for a staff session cookie, and the mail store of the
// local SES viewer. One grant goes from the form to the final report and `closed`; then Ctrl-C
// (SIGINT) must stop it cleanly, and after a restart on the same data the owner link still works.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getScheme } from '../../config/schemes';
import { fetchMailStore, type LocalSesMail } from '../../local/ses-local';
import { exampleApplication } from '../../schemas/application.schema';
import { groupThousands } from '../../functions/domain/money';

const ROOT = resolve(import.meta.dirname, '../..');
const START = '2026-11-20T09:00:00Z';

// ---- the child process ---------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  output: () => string;
  url: string;
  viewer: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

/** A port P such that P and P+1 (the mail viewer) are both free. */
async function freePortPair(): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((done, fail) => {
      const probe = createServer();
      probe.once('error', fail);
      probe.listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
      });
    });
    if (port > 0 && port < 65_000 && (await portIsFree(port)) && (await portIsFree(port + 1))) return port;
  }
  throw new Error('no free port pair');
}

const children: ChildProcess[] = [];

async function startServer(port: number, dataDir: string, clockStart: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOCAL_CLOCK: 'manual',
      LOCAL_CLOCK_START: clockStart,
      POWERTOOLS_LOG_LEVEL: 'WARN',
      AWS_SDK_JS_SUPPRESS_NODE_DEPRECATION_WARNING: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));

  // Wait for the printed URLs (the last one before "Stopp med Ctrl-C.").
  const deadline = Date.now() + 25_000;
  while (!/Stopp med Ctrl-C/.test(out)) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start printed no URLs within 25 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const url = /Skjema for søknad:\s+(http:\/\/\S+?)\/\s*$/m.exec(out)?.[1];
  const viewer = /E-post \(lokal SES\):\s+(http:\/\/\S+)\s*$/m.exec(out)?.[1];
  if (!url || !viewer) throw new Error(`URLs not found in:\n${out}`);
  return { child, output: () => out, url, viewer, exited };
}

async function stopWith(server: Server, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  server.child.kill(signal);
  return Promise.race([
    server.exited,
    new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no exit within 15 s after ${signal}:\n${server.output()}`)), 15_000)),
  ]);
}

// ---- HTTP helpers ---------------------------------------------------------------------------------

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function http(base: string, method: string, path: string, options: { json?: unknown; form?: URLSearchParams; cookie?: string; bearer?: string } = {}): Promise<Answer> {
  const response = await fetch(`${base}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
    },
    ...(options.json !== undefined ? { body: JSON.stringify(options.json) } : {}),
    ...(options.form ? { body: options.form.toString() } : {}),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML or text
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** An object as an HTML form posts it: dotted names, repeated keys for lists, '250 000' amounts. */
function toForm(value: unknown, prefix = '', out = new URLSearchParams()): URLSearchParams {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    for (const v of value as string[]) out.append(prefix, v);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => toForm(v, `${prefix}.${i}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) toForm(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === 'number') {
    out.append(prefix, groupThousands(value));
  } else if (typeof value === 'boolean') {
    if (value) out.append(prefix, 'on');
  } else if (value !== undefined) {
    out.append(prefix, String(value));
  }
  return out;
}

/** The hidden inputs of an HTML form (e.g. a CSRF token), to post along with the fields. */
function hiddenInputs(html: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const tag of html.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/type\s*=\s*["']?hidden/i.test(tag)) continue;
    const name = /name\s*=\s*"([^"]*)"/i.exec(tag)?.[1];
    const value = /value\s*=\s*"([^"]*)"/i.exec(tag)?.[1] ?? '';
    if (name) out.push([name, value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>')]);
  }
  return out;
}

function cookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter(Boolean)
    .join('; ');
}

function links(mail: LocalSesMail, page: 'signering' | 'soknad' | 'rapport'): string[] {
  const text = `${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
  return [...new Set(Array.from(text.matchAll(new RegExp(`/${page}/([A-Za-z0-9_-]{22,64})`, 'g')), (m) => m[1] ?? ''))].filter(Boolean);
}

// ---- the test -----------------------------------------------------------------------------------

const dataDir = mkdtempSync(join(tmpdir(), 'grants-npm-start-'));

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, end to end over HTTP', () => {
  it('runs a grant from the form to closed on a manual clock, stops cleanly on Ctrl-C and resumes on the same data', async () => {
    const port = await freePortPair();
    let server = await startServer(port, dataDir, START);
    const base = server.url;
    const out = server.output();

    // One line per URL; the viewer sits next to the app (PORT+1); the clock is announced.
    expect(base).toBe(`http://127.0.0.1:${port}`);
    expect(server.viewer).toBe(`http://127.0.0.1:${port + 1}/`);
    for (const path of ['/', '/sekretariat', '/okonomi', '/innlogging', '/openapi.json']) {
      expect(out.split('\n').filter((line) => line.trimEnd().endsWith(`${base}${path}`)), path).toHaveLength(1);
    }
    expect(out).toMatch(/manuell klokke/);
    expect((await http(base, 'GET', '/lokal/klokke')).body).toEqual({ now: '2026-11-20T09:00:00.000Z', manual: true });
    expect((await http(base, 'GET', '/openapi.json')).status).toBe(200);

    const mails = () => fetchMailStore(server.viewer);
    const mailsTo = async (address: string) => (await mails()).filter((m) => m.destination.to.includes(address) || m.destination.cc.includes(address));
    const moveClock = async (body: unknown) => {
      const res = await http(base, 'POST', '/lokal/klokke', { json: body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return String(res.body.now);
    };
    const settle = async () => expect((await http(base, 'POST', '/lokal/klokke/vent')).status).toBe(200);

    // ---- the application, posted as the HTML form posts it ----------------------------------------
    const data = exampleApplication(getScheme('sor-rogaland')!);
    const form = toForm(data);
    const formPage = await http(base, 'GET', '/soknad/ny/sor-rogaland');
    // The HTML form's own route when the web pages are there, else the API's (it takes the same form).
    const viaPage = formPage.status === 200 && /<form/i.test(formPage.text);
    let submitted: Answer;
    if (viaPage) {
      for (const [name, value] of hiddenInputs(formPage.text)) if (!form.has(name)) form.append(name, value);
      submitted = await http(base, 'POST', '/soknad/ny/sor-rogaland', { form, cookie: cookiesOf(formPage.headers) });
    } else {
      submitted = await http(base, 'POST', '/api/schemes/sor-rogaland/applications', { form });
    }
    expect(submitted.status, submitted.text.slice(0, 500)).toBeLessThan(400);
    await settle();
    const receipt = (await mailsTo(data.owner.email)).find((m) => /Kvittering/.test(m.subject));
    expect(receipt, 'receipt to the owner').toBeDefined();
    const ownerLink = links(receipt!, 'soknad')[0]!;
    // The answer points at the same owner link as the receipt (a redirect to the receipt page, or JSON).
    expect(`${submitted.headers.get('location') ?? ''} ${submitted.text}`).toContain(`/soknad/${ownerLink}`);
    const ownerView = async () => {
      const res = await http(base, 'GET', `/api/owner/${ownerLink}`);
      expect(res.status).toBe(200);
      return res.body as { applicationId: string; status: string; title: string };
    };
    const { applicationId: id, status: first } = await ownerView();
    expect(first).toBe('awaiting_cosignature');

    // ---- every partner signs through the link in their e-mail ------------------------------------
    for (const partner of data.partners) {
      const request = (await mailsTo(partner.email)).filter((m) => links(m, 'signering').length > 0).at(-1);
      expect(request, `signing request to ${partner.email}`).toBeDefined();
      const signed = await http(base, 'POST', `/api/cosign/${links(request!, 'signering')[0]}`, { json: { decision: 'sign' } });
      expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    }
    await settle();
    expect((await ownerView()).status).toBe('scheduled');

    // ---- staff sign in: /innlogging, the local identity provider's page, the callback -------------
    // Returns the ID token of the session cookie: the pages read it from the cookie, the JSON API
    // (like its JWT authorizer in AWS) only from the Authorization header.
    const signIn = async (rolle: 'secretariat' | 'finance', navn: string): Promise<string> => {
      const tilbake = rolle === 'finance' ? '/okonomi' : '/sekretariat';
      const start = await http(base, 'GET', `/innlogging?tilbake=${encodeURIComponent(tilbake)}`);
      expect(start.status).toBe(303);
      const authorize = new URL(start.headers.get('location') ?? '');
      expect(authorize.pathname).toBe('/lokal/innlogging');
      // The sign-in page's form names its fields role/name; the issue spoke of rolle/navn: send both.
      const form = new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), role: rolle, name: navn, rolle, navn });
      const answered = await http(base, 'POST', '/lokal/innlogging', { form });
      expect(answered.status, `POST /lokal/innlogging (${rolle}) answered ${answered.status}: ${answered.text.slice(0, 200)}`).toBe(303);
      const callback = new URL(answered.headers.get('location') ?? '');
      const done = await http(base, 'GET', `${callback.pathname}${callback.search}`, { cookie: cookiesOf(start.headers) });
      expect(done.headers.get('location')).toBe(tilbake);
      const session = cookiesOf(done.headers).split('; ').find((c) => c.startsWith('staff_session='));
      expect(session, 'staff_session cookie').toBeDefined();
      expect((await http(base, 'GET', tilbake, { cookie: session! })).status).toBe(200);
      return session!.slice('staff_session='.length);
    };
    const secretariat = await signIn('secretariat', 'Siri Sekretær');
    const finance = await signIn('finance', 'Øystein Økonomi');
    expect((await http(base, 'GET', `/api/staff/applications/${id}`)).status).toBe(401);
    expect((await http(base, 'GET', `/api/staff/applications/${id}`, { cookie: `staff_session=${secretariat}` })).status).toBe(401);
    const staffView = await http(base, 'GET', `/api/staff/applications/${id}`, { bearer: secretariat });
    expect(staffView.status).toBe(200);
    expect(staffView.body.application.meetingId).toBe('2026-12-10');
    expect((await http(base, 'GET', `/api/staff/applications/${id}`, { bearer: finance })).status).toBe(403);

    // ---- the meeting: approve; finance registers the invoice and marks it paid -------------------
    expect(await moveClock({ to: '2026-12-10T08:00:00Z' })).toBe('2026-12-10T08:00:00.000Z');
    const decision = await http(base, 'POST', `/api/staff/applications/${id}/decisions`, {
      bearer: secretariat,
      json: { outcome: 'approve', amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' },
    });
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    await settle();
    expect((await ownerView()).status).toBe('payout_pending');
    const payouts = await http(base, 'GET', '/api/finance/payouts?projectNumber=R-11326-D11325', { bearer: finance });
    expect(payouts.status).toBe(200);
    const payout = ((payouts.body.payouts ?? payouts.body) as Array<{ id: string; applicationId: string; state: string }>).find((p) => p.applicationId === id)!;
    expect(payout.state).toBe('awaiting_invoice');
    const payoutPath = `/api/finance/payouts/${encodeURIComponent(payout.id)}`;
    expect((await http(base, 'POST', `${payoutPath}/invoice`, { bearer: finance, json: { invoiceNumber: 'F-2026-0001' } })).status).toBe(200);
    expect((await http(base, 'POST', `${payoutPath}/paid`, { bearer: finance, json: {} })).status).toBe(200);
    await settle();
    expect((await ownerView()).status).toBe('active');

    // ---- status report through the link in the decision letter -----------------------------------
    const letter = (await mailsTo(data.owner.email)).find((m) => links(m, 'rapport').length > 0);
    expect(letter, 'decision letter with the report link').toBeDefined();
    const statusLink = links(letter!, 'rapport')[0]!;
    await moveClock({ advanceDays: 160 });
    const report = { progress: 'Teamet er i gang', effect: 'Færre reinnleggelser', spentAmount: 300_000 };
    expect((await http(base, 'POST', `/api/reports/${statusLink}`, { json: report })).status).toBe(201);
    await settle();
    expect((await ownerView()).status).toBe('status_report_received');

    // ---- the final report after the period (the reminder brings the link); then closed -----------
    const now = await moveClock({ to: '2028-02-20T08:00:00Z' });
    expect(now).toBe('2028-02-20T08:00:00.000Z');
    const reminder = (await mailsTo(data.owner.email)).find((m) => links(m, 'rapport').some((l) => l !== statusLink));
    expect(reminder, 'final report reminder').toBeDefined();
    const finalLink = links(reminder!, 'rapport').find((l) => l !== statusLink)!;
    const final = await http(base, 'POST', `/api/reports/${finalLink}`, { json: { ...report, spentAmount: 800_000 } });
    expect(final.status, JSON.stringify(final.body)).toBe(201);
    await settle();
    expect((await ownerView()).status).toBe('closed');

    // ---- Ctrl-C: a clean stop -----------------------------------------------------------------------
    const stopped = await stopWith(server, 'SIGINT');
    expect(stopped, server.output()).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/SIGINT: stopper/);
    await expect(fetch(`${base}/lokal/klokke`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();

    // ---- restart on the same data (the clock where it stopped): the owner link still works --------
    server = await startServer(port, dataDir, now);
    const after = await http(server.url, 'GET', `/api/owner/${ownerLink}`);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ applicationId: id, status: 'closed', title: data.title });
    expect(after.body.reports.map((r: { kind: string }) => r.kind).sort()).toEqual(['final', 'status']);
    const page = await http(server.url, 'GET', `/soknad/${ownerLink}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.text).toContain(data.title);
    expect(await stopWith(server, 'SIGTERM'), server.output()).toEqual({ code: 0, signal: null });
  }, 90_000);
});
