import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalSystem } from '../../local/system';
import { clearMailStore } from '../../local/ses-local';
import { ManualClock } from '../../local/workflow-runtime';
import { APPROVAL, application, cosignLinks, DAY, harnessFor, linkIds, REPORT, status, submit, untilMeeting, type Harness } from '../support/local-system';

const dataDir = mkdtempSync(join(tmpdir(), 'grants-restart-'));

async function boot(at: Date): Promise<Harness> {
  const clock = new ManualClock(at);
  const system = await LocalSystem.start({ port: 0, dataDir, clock, tickMs: 3_600_000 });
  return harnessFor(system, clock);
}

describe('restarting the local system in the middle of the lifecycle', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('resumes every grant where it was, and sends each e-mail once', async () => {
    const data = application();
    let h = await boot(new Date('2026-11-20T09:00:00.000Z'));
    await clearMailStore(h.system.ses.endpoint);
    const { id, ownerLink } = await submit(h, data);
    const links = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${links[0]}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();

    // Restart 1: while the application waits for the other partners' signatures.
    let now = h.clock.now();
    await h.stop();
    h = await boot(now);
    for (const link of links.slice(1)) expect((await h.call('POST', `/api/cosign/${link}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('scheduled');
    await untilMeeting(h, id);
    const decided = await h.call('POST', `/api/staff/applications/${id}/decisions`, APPROVAL, 'secretariat');
    expect(decided.status).toBe(201);
    await h.system.settle();

    // Restart 2: while the grant phase waits for the status report.
    now = h.clock.now();
    await h.stop();
    h = await boot(now);
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const payout = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string }) => p.applicationId === id);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-9' }, 'finance')).status).toBe(200);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance')).status).toBe(200);
    await h.system.advance(170 * DAY);
    const letter = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').length > 0)!;
    const statusLink = linkIds(letter, 'rapport')[0]!;
    expect((await h.call('POST', `/api/reports/${statusLink}`, REPORT)).status).toBe(201);
    await h.system.settle();

    // Restart 3: between the status report and the end of the period (the schedule is pending).
    now = h.clock.now();
    await h.stop();
    h = await boot(now);
    await h.system.advance(300 * DAY);
    const finalMail = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').some((l) => l !== statusLink))!;
    expect(finalMail, 'final report reminder after restarts').toBeDefined();
    const finalLink = linkIds(finalMail, 'rapport').find((l) => l !== statusLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: 800_000 })).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('closed');

    // Each e-mail once: no two mails with the same recipient and subject, but for the periodic reminders.
    const mails = await h.mails();
    const keys = mails.filter((m) => !/Påminnelse|passert/i.test(m.subject)).map((m) => `${m.destination.to.join(',')}|${m.subject}`);
    expect(keys.length).toBeGreaterThan(8);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    const events = await h.system.lifecycle.runtime.listPublishedEvents();
    expect(events.filter((e) => e.detailType === 'PayoutTrigger' && (e.detail as { grantId: string }).grantId === id)).toHaveLength(1);
    await h.stop();
  });
});
