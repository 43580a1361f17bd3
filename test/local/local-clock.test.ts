// The local clock endpoint (/lokal/klokke): only on a ManualClock, only from this machine.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveLocalClock } from '../../local/local-clock';
import { isLoopback } from '../../local/local-endpoint';
import { LocalSystem } from '../../local/system';
import { application, cosignLinks, startHarness, submit, type Harness } from '../support/local-system';

async function clockCall(h: Harness, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${h.system.url}${path}`, {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('/lokal/klokke on a ManualClock', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('2026-11-20T09:00:00.000Z');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('keeps idle connections longer than clients do (no request meets a socket being closed)', async () => {
    const response = await fetch(`${h.system.url}/lokal/klokke`);
    await response.arrayBuffer();
    // Node announces its keep-alive timeout; undici's clients keep idle sockets 4 s.
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('GET tells the time and that the clock is manual', async () => {
    expect(await clockCall(h, 'GET', '/lokal/klokke')).toEqual({ status: 200, body: { now: '2026-11-20T09:00:00.000Z', manual: true } });
  });

  it('POST advanceDays moves the clock through system.advance: due reminders go out', async () => {
    const data = application();
    await submit(h, data);
    const [first] = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${first}`, { decision: 'sign' })).status).toBe(200);
    const before = (await h.mails()).length;
    const moved = await clockCall(h, 'POST', '/lokal/klokke', { advanceDays: 7 });
    expect(moved).toEqual({ status: 200, body: { now: '2026-11-27T09:00:00.000Z' } });
    expect(h.clock.now().toISOString()).toBe('2026-11-27T09:00:00.000Z');
    const reminders = (await h.mails()).slice(before).filter((m) => /Påminnelse/.test(m.subject));
    expect(reminders.length, 'co-signature and deadline reminders').toBeGreaterThanOrEqual(1);
  });

  it('POST to moves the clock to an instant; it never goes backwards', async () => {
    expect(await clockCall(h, 'POST', '/lokal/klokke', { to: '2026-12-10T08:00:00Z' })).toEqual({ status: 200, body: { now: '2026-12-10T08:00:00.000Z' } });
    const back = await clockCall(h, 'POST', '/lokal/klokke', { to: '2026-12-01T08:00:00Z' });
    expect(back.status).toBe(409);
    expect(back.body.message).toMatch(/fremover/);
    expect(h.clock.now().toISOString()).toBe('2026-12-10T08:00:00.000Z');
  });

  it('rejects bodies that are not one of the two forms, in Norwegian', async () => {
    for (const body of ['ikke json', {}, { advanceDays: -1 }, { advanceDays: 5000 }, { to: 'i morgen' }, { advanceDays: 1, to: '2027-01-01T00:00:00Z' }, { advanceDays: '3' }]) {
      const res = await clockCall(h, 'POST', '/lokal/klokke', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(String(res.body.message)).toMatch(/advanceDays|JSON/);
    }
    expect(h.clock.now().toISOString()).toBe('2026-12-10T08:00:00.000Z');
  });

  it('POST /lokal/klokke/vent waits for the workflows and tells the time', async () => {
    expect(await clockCall(h, 'POST', '/lokal/klokke/vent')).toEqual({ status: 200, body: { now: '2026-12-10T08:00:00.000Z' } });
    expect((await clockCall(h, 'GET', '/lokal/klokke/vent')).status).toBe(405);
  });

  it('answers only clients on this machine', async () => {
    expect(['127.0.0.1', '127.8.9.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['10.0.0.5', '::ffff:10.0.0.5', '192.168.1.20', 'fe80::1', '', undefined].some(isLoopback)).toBe(false);

    const req = Object.assign(Readable.from([]), { url: '/lokal/klokke', method: 'GET', headers: {}, socket: { remoteAddress: '10.0.0.5' } }) as unknown as IncomingMessage;
    const sent: { status?: number; body?: string } = {};
    const res = {
      headersSent: false,
      writeHead(status: number) {
        sent.status = status;
        return this;
      },
      end(body?: string) {
        sent.body = body;
        return this;
      },
    } as unknown as ServerResponse;
    expect(await serveLocalClock(req, res, h.system)).toBe(true);
    expect(sent.status).toBe(403);
    expect(h.clock.now().toISOString()).toBe('2026-12-10T08:00:00.000Z');
  });
});

describe('/lokal/klokke on the real clock', () => {
  it('does not exist (404), for GET and POST', async () => {
    const system = await LocalSystem.start({ port: 0, dataDir: null, tickMs: 3_600_000 });
    try {
      expect((await fetch(`${system.url}/lokal/klokke`)).status).toBe(404);
      const post = await fetch(`${system.url}/lokal/klokke`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"advanceDays":30}' });
      expect(post.status).toBe(404);
      expect((await fetch(`${system.url}/lokal/klokke/vent`, { method: 'POST' })).status).toBe(404);
    } finally {
      await system.stop();
    }
  });
});
