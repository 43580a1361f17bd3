// A whole grant on the local system at LOG_LEVEL DEBUG with everything it prints captured: no
// Step Functions task token appears in any e-mail, any URL the system builds or any log line, and
// no partner's or owner's e-mail address or name appears in a log line.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WaitingTask } from '../../functions/ports/waiting-tasks';
import { APPROVAL, activeGrant, application, DAY, groupOf, linkIds, REPORT, startHarness, type Harness } from '../support/local-system';

// Before any module of this file is loaded: Powertools reads the level once, when the logger is
// created, and goes back to it at every invocation.
const previousLevel = vi.hoisted(() => {
  const previous = { powertools: process.env.POWERTOOLS_LOG_LEVEL, app: process.env.LOG_LEVEL };
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  process.env.LOG_LEVEL = 'DEBUG';
  return previous;
});

let h: Harness;
const output: string[] = [];
const tokens = new Set<string>();
const builtUrls: string[] = [];
const restore: Array<() => void> = [];

function capture(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => (stream.write = write as typeof stream.write));
  }
  // vitest routes console.* through its own reporter, not process.stdout: capture those too.
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      output.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.name}: ${a.message}\n${a.stack}` : JSON.stringify(a))).join(' '));
      original.apply(console, args);
    };
    restore.push(() => (console[method] = original));
  }
}

beforeAll(async () => {
  h = await startHarness();
  // Every task token the workflow hands out is stored by the await-step Lambda: collect them all.
  const tasks = h.system.deps.tasks;
  const put = tasks.putWaitingTask.bind(tasks);
  tasks.putWaitingTask = async (task: WaitingTask) => {
    tokens.add(task.taskToken);
    return put(task);
  };
  restore.push(() => (tasks.putWaitingTask = put));
  capture();
}, 30_000);

afterAll(async () => {
  for (const undo of restore.splice(0).reverse()) undo();
  await h?.stop();
  for (const [name, value] of [['POWERTOOLS_LOG_LEVEL', previousLevel.powertools], ['LOG_LEVEL', previousLevel.app]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('a whole grant at LOG_LEVEL DEBUG', () => {
  const data = application({ title: 'Søknad med full logging' });
  const personal = [
    ...data.partners.flatMap((p) => [p.email, p.contactName]),
    data.owner.email,
    data.owner.name,
    groupOf(data).leaderEmail,
    groupOf(data).deputyLeaderEmail,
  ];

  it('runs from submission to closed, through a decline and a revision, with every step logged', async () => {
    // A decline and a revision first (more tokens, more mails), then the whole happy path.
    const declined = application({ title: 'Søknad som blir avslått av en partner' });
    const first = await h.call('POST', '/api/schemes/sor-rogaland/applications', declined);
    builtUrls.push(first.body.statusUrl);
    await h.system.settle();
    const cosign = (await h.mailsTo(declined.partners[1]!.email)).flatMap((m) => linkIds(m, 'signering')).at(-1)!;
    expect((await h.call('POST', `/api/cosign/${cosign}`, { decision: 'decline', reason: 'Vi trenger mer tid' })).status).toBe(200);
    await h.system.settle();

    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    builtUrls.push(`${h.system.url}/soknad/${ownerLink}`);
    await h.system.advance(160 * DAY);
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.advance(300 * DAY);
    const reminder = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').some((l) => l !== statusReportLink))!;
    const finalLink = linkIds(reminder, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: APPROVAL.amount })).status).toBe(201);
    await h.system.settle();
    const view = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(view.body.status).toBe('closed');
    const staffView = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(staffView.status).toBe(200);

    expect(tokens.size, 'task tokens handed out').toBeGreaterThanOrEqual(6);
    expect(output.length, 'log lines captured').toBeGreaterThan(50);
    expect(output.some((l) => /"level":"DEBUG"|"level":"INFO"/.test(l))).toBe(true);
  });

  it('no task token in any e-mail, any URL the system built, or any log line', async () => {
    const mails = await h.mails();
    const mailTexts = mails.map((m) => JSON.stringify(m));
    const urls = [...builtUrls, ...mailTexts.flatMap((t) => t.match(/https?:\/\/[^\s"'<>)\\]+/g) ?? [])];
    expect(urls.length).toBeGreaterThan(10);
    for (const token of tokens) {
      // A token is long and random; look for any 24-character slice of it too (a truncated log line).
      const slices = [token, token.slice(0, 24), token.slice(-24)];
      for (const text of [...mailTexts, ...urls, ...output]) {
        for (const slice of slices) expect(text.includes(slice), `token found in: ${text.slice(0, 200)}`).toBe(false);
      }
    }
  });

  it('URLs carry ids only (and a report\'s period): no e-mail address, name or token', () => {
    return h.mails().then((mails) => {
      // (in the HTML part an & is written &amp;)
      const urls = [...builtUrls, ...mails.flatMap((m) => `${m.body.text ?? ''} ${m.body.html ?? ''}`.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).map((u) => u.replace(/&amp;/g, '&'))];
      for (const url of urls) {
        const decoded = decodeURIComponent(url);
        expect(decoded, url).not.toMatch(/@/);
        for (const value of personal) expect(decoded.toLowerCase()).not.toContain(value.toLowerCase());
        // The queries an e-mail carries: the period of a report it links (two dates), and in
        // finance's mails the project number of the payout (the grant's accounting id).
        for (const [key, value] of new URL(url).searchParams) {
          expect(['fra', 'til', 'prosjektnummer'], url).toContain(key);
          expect(value, url).toMatch(key === 'prosjektnummer' ? /^[A-Z0-9-]{1,40}$/ : /^\d{4}-\d\d-\d\d$/);
        }
      }
    });
  });

  it('no partner or owner e-mail address or name in any log line', () => {
    const lines = output.flatMap((chunk) => chunk.split('\n')).filter((l) => l.trim() !== '');
    for (const line of lines) {
      for (const value of personal) expect(line.toLowerCase().includes(value.toLowerCase()), `"${value}" logged: ${line.slice(0, 300)}`).toBe(false);
      expect(line, 'an e-mail address was logged').not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/);
    }
  });
});
