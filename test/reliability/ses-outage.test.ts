// SES failing for a while (every SendEmail throws while the ManualClock is inside an outage window):
// the lifecycle steps retry with backoff on the runtime clock (MailNotSentError has a retrier of its
// own, good for about seven hours), the reminder sweep fails and tries
// again on its next run (a reminder is marked sent only after it was sent), and once SES is back
// every letter and reminder goes out, exactly once.
import type { SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APPROVAL, application, cosignLinks, linkIds, startHarness, status, submit, untilMeeting, type Harness } from '../support/local-system';

const MINUTE = 60_000;
// Every refused send is a WARN line: keep the output readable (set before the logger is created).
const previousLevel = vi.hoisted(() => {
  const previous = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  return previous;
});

let h: Harness;
let outage: { from: number; to: number } = { from: 0, to: 0 };
let refused = 0;
let sweepFailures = 0;

/** Moves the clock in steps like the real schedule (the sweep every 15 minutes); a failed sweep is retried on the next one. */
async function run(ms: number, stepMs = 15 * MINUTE): Promise<void> {
  await h.system.settle();
  for (let left = ms; left > 0; left -= stepMs) {
    h.clock.advance(Math.min(stepMs, left));
    await h.system.settle();
    try {
      await h.system.lifecycle.tick();
    } catch {
      sweepFailures += 1;
    }
    await h.system.settle();
  }
}

const down = () => {
  const now = h.clock.now().getTime();
  return now >= outage.from && now < outage.to;
};

beforeAll(async () => {
  h = await startHarness();
  // Every SendEmail the system makes fails while the clock is inside the outage.
  const ses = (h.system.deps.mailer as unknown as { ses: SESClient }).ses;
  ses.middlewareStack.add(
    (next) => async (args) => {
      if (down()) {
        refused += 1;
        throw Object.assign(new Error('Service Unavailable (simulated SES outage)'), { name: 'ServiceUnavailable', $fault: 'server' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'simulated-ses-outage' },
  );
});
afterAll(async () => {
  await h?.stop();
  if (previousLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
});

describe('an SES outage', () => {
  const data = application({ title: 'Søknad under e-postbrudd' });
  let id = '';
  let ownerLink = '';

  it('letters of a lifecycle step: retried with backoff until SES is back, then sent once', async () => {
    const now = h.clock.now().getTime();
    outage = { from: now, to: now + 12 * MINUTE };
    ({ id, ownerLink } = await submit(h, data)); // the receipt and the signing requests fail to go out
    expect(await h.mailsTo(data.owner.email)).toEqual([]);
    await run(11 * MINUTE, 30_000);
    expect(refused, 'attempts refused during the outage').toBeGreaterThan(3);
    expect(await h.mails()).toEqual([]);
    await run(20 * MINUTE, 30_000); // SES is back; the next retry gets through
    expect((await h.mailsTo(data.owner.email)).filter((m) => /mottatt/i.test(m.subject))).toHaveLength(1);
    for (const partner of data.partners) {
      expect((await h.mailsTo(partner.email)).filter((m) => linkIds(m, 'signering').length > 0), partner.email).toHaveLength(1);
    }
    expect(await status(h, ownerLink)).toBe('awaiting_cosignature');
  });

  it('a reminder due during the outage: the sweep fails, and the first sweep after it sends the reminder once', async () => {
    // Two of three partners sign; the owner is reminded the day before the submission deadline (26.11).
    const links = await cosignLinks(h, data);
    for (const link of links.slice(0, 2)) expect((await h.call('POST', `/api/cosign/${link}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    const due = (await h.system.deps.store.listDueReminders('2100-01-01T00:00:00.000Z')).filter((r) => r.applicationId === id && r.kind === 'submission-deadline');
    expect(due.length).toBeGreaterThan(0);
    const dueAt = Date.parse(due[0]!.dueAt);
    const reminders = async () => (await h.mailsTo(data.owner.email)).filter((m) => /frist/i.test(m.subject));
    const before = (await reminders()).length;

    outage = { from: dueAt - 30 * MINUTE, to: dueAt + 3 * 60 * MINUTE };
    await run(dueAt - 60 * MINUTE - h.clock.now().getTime(), 6 * 60 * MINUTE);
    const failuresBefore = sweepFailures;
    await run(3 * 60 * MINUTE); // the reminder is due, SES is down: every sweep in the window fails
    expect(sweepFailures - failuresBefore, 'sweeps that failed during the outage').toBeGreaterThan(5);
    expect((await reminders()).length).toBe(before);
    await run(60 * MINUTE); // back: the next sweep sends it
    expect((await reminders()).length).toBe(before + 1);
    await run(2 * 60 * MINUTE);
    expect((await reminders()).length, 'not sent twice').toBe(before + 1);
  });

  it('the decision letter and the payout notice during an outage: sent once after it, one payout trigger', async () => {
    const [, , last] = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${last}`, { decision: 'sign' })).status).toBe(200);
    await run(30 * MINUTE, 5 * MINUTE);
    expect(await status(h, ownerLink)).toBe('scheduled');

    // 45 minutes: longer than the general retry budget of a step (8 retries from 5 s, full jitter: ≤ 21 minutes).
    await untilMeeting(h, id);
    const now = h.clock.now().getTime();
    outage = { from: now, to: now + 45 * MINUTE };
    const decided = await h.call('POST', `/api/staff/applications/${id}/decisions`, APPROVAL, 'secretariat');
    expect(decided.status, JSON.stringify(decided.body)).toBe(201);
    const letters = async () => (await h.mailsTo(data.owner.email)).filter((m) => linkIds(m, 'rapport').length > 0);
    await run(44 * MINUTE, MINUTE);
    expect(await letters()).toEqual([]);
    await run(40 * MINUTE, MINUTE);
    expect(await letters()).toHaveLength(1);
    const finance = (await h.mails()).filter((m) => /Utbetaling av tilskudd/.test(m.subject));
    expect(finance).toHaveLength(1);
    expect(await status(h, ownerLink)).toBe('payout_pending');
    const triggers = (await h.system.lifecycle.runtime.listPublishedEvents()).filter((e) => e.detailType === 'PayoutTrigger' && (e.detail as { grantId: string }).grantId === id);
    expect(triggers).toHaveLength(1);
    // The workflows did not give up: nothing failed.
    const executions = (await h.system.lifecycle.runtime.listExecutions({})).executions.filter((e) => e.name.includes(id));
    expect(executions.map((e) => `${e.machineKey}:${e.status}`).sort()).toEqual(['application:SUCCEEDED', 'grant:RUNNING']);
  });
});
