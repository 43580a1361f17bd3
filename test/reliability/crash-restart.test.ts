// The local system killed at every step of the lifecycle and started again on the same data: the
// crash comes right after the step's request is answered, while the workflow is still working
// (LocalSystem.stop() shuts the runtime down without recording anything more). Two grants (invoice
// and cost booking) go through the whole lifecycle this way: both complete, none is lost, and no
// payout trigger or e-mail goes out twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalSystem } from '../../local/system';
import { clearMailStore } from '../../local/ses-local';
import { ManualClock } from '../../local/workflow-runtime';
import type { ApplicationInput } from '../../schemas/application.schema';
import { APPROVAL, application, DAY, harnessFor, linkIds, REPORT, status, untilMeeting, type Harness } from '../support/local-system';

const dataDir = mkdtempSync(join(tmpdir(), 'grants-crash-'));
const MINUTE = 60_000;

async function boot(at: Date): Promise<Harness> {
  const clock = new ManualClock(at);
  const system = await LocalSystem.start({ port: 0, dataDir, clock, tickMs: 3_600_000 });
  return harnessFor(system, clock);
}

/** A grant of its own: its own title and e-mail addresses, so mails and links can be told apart. */
function grant(tag: string, owner: 'municipality' | 'internal-unit'): ApplicationInput {
  const data = JSON.parse(JSON.stringify(application({}, owner)).replaceAll('@', `.${tag}@`)) as ApplicationInput;
  return { ...data, title: `${data.title} (${tag})` };
}

interface Tracked {
  tag: string;
  data: ApplicationInput;
  id: string;
  ownerLink: string;
  statusLink?: string;
}

describe('crash and restart at every step of the lifecycle', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('every grant completes, none is lost, no payout trigger or e-mail is duplicated', async () => {
    let h = await boot(new Date('2026-11-20T09:00:00.000Z'));
    await clearMailStore(h.system.ses.endpoint);
    const restarts: string[] = [];

    /**
     * Kills the workflow runtime now, mid-step: nothing it does from here on is recorded. Lambda
     * calls already running finish (in AWS they run apart from Step Functions), then the rest of
     * the system stops and a new one starts on the same data and lets retries run.
     */
    async function crash(point: string): Promise<void> {
      restarts.push(point);
      const now = h.clock.now();
      const runtime = h.system.lifecycle.runtime;
      await runtime.shutdown();
      await runtime.settle();
      await h.stop();
      h = await boot(now);
      // Retries back off on the runtime clock and an abandoned mail claim is retaken after 5 minutes.
      await h.system.advance(15 * MINUTE, MINUTE);
    }

    const grants: Tracked[] = [];
    for (const [tag, owner] of [['faktura', 'municipality'], ['kostnad', 'internal-unit']] as const) {
      const data = grant(tag, owner);
      const res = await h.call('POST', '/api/schemes/sor-rogaland/applications', data);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      grants.push({ tag, data, id: res.body.applicationId, ownerLink: String(res.body.statusUrl).split('/').pop()! });
    }
    await crash('after submission');
    for (const g of grants) expect(await status(h, g.ownerLink)).toBe('awaiting_cosignature');

    // Each partner signs; the system dies after each signature (the last one starts the scheduling).
    for (let partner = 0; partner < 3; partner++) {
      for (const g of grants) {
        const mails = (await h.mailsTo(g.data.partners[partner]!.email)).filter((m) => linkIds(m, 'signering').length > 0);
        expect(mails, `${g.tag}: one signing request to partner ${partner}`).toHaveLength(1);
        const res = await h.call('POST', `/api/cosign/${linkIds(mails[0]!, 'signering')[0]}`, { decision: 'sign' });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
      }
      await crash(`after signature ${partner + 1}`);
    }
    for (const g of grants) expect(await status(h, g.ownerLink)).toBe('scheduled');
    await crash('after scheduling');

    // The committee decides each in its meeting, in the order of the meetings.
    const meetingOf = async (id: string) => (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.application.meetingId as string;
    const byMeeting = (await Promise.all(grants.map(async (g) => ({ g, meetingId: await meetingOf(g.id) })))).sort((a, b) => a.meetingId.localeCompare(b.meetingId));
    for (const { g } of byMeeting) {
      await untilMeeting(h, g.id);
      const res = await h.call('POST', `/api/staff/applications/${g.id}/decisions`, APPROVAL, 'secretariat');
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await crash('after the decision');
    for (const g of grants) expect(await status(h, g.ownerLink)).toBe('payout_pending');

    const payouts = (await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance')).body.payouts as Array<{ id: string; applicationId: string; state: string }>;
    for (const g of grants) {
      const payout = payouts.filter((p) => p.applicationId === g.id);
      expect(payout, `${g.tag}: one payout`).toHaveLength(1);
      const path = `/api/finance/payouts/${encodeURIComponent(payout[0]!.id)}`;
      if (payout[0]!.state === 'awaiting_invoice') expect((await h.call('POST', `${path}/invoice`, { invoiceNumber: `F-${g.tag}` }, 'finance')).status).toBe(200);
      expect((await h.call('POST', `${path}/paid`, {}, 'finance')).status).toBe(200);
    }
    await crash('after payout');
    expect(new Set(payouts.filter((p) => grants.some((g) => g.id === p.applicationId)).map((p) => p.state))).toEqual(new Set(['awaiting_invoice', 'pending']));

    await h.system.advance(160 * DAY);
    for (const g of grants) {
      expect(await status(h, g.ownerLink)).toBe('active');
      const letter = (await h.mailsTo(g.data.owner.email)).find((m) => linkIds(m, 'rapport').length > 0)!;
      g.statusLink = linkIds(letter, 'rapport')[0]!;
      expect((await h.call('POST', `/api/reports/${g.statusLink}`, REPORT)).status).toBe(201);
    }
    await crash('after the status report');
    for (const g of grants) expect(await status(h, g.ownerLink)).toBe('status_report_received');

    // Up to the end of the period (2027-12-31): the system dies right after the schedules start the final-report phase.
    const finalReportRunning = async () =>
      (await h.system.lifecycle.runtime.listExecutions({ status: 'RUNNING' })).executions.filter((e) => e.machineKey === 'final-report' && grants.some((g) => e.name.includes(g.id))).length;
    await h.system.advance(Date.parse('2027-12-30T12:00:00.000Z') - h.clock.now().getTime());
    while ((await finalReportRunning()) < grants.length) {
      expect(h.clock.now().getTime()).toBeLessThan(Date.parse('2028-01-10T00:00:00.000Z'));
      h.clock.advance(6 * 3_600_000);
      await h.system.lifecycle.tick();
    }
    await crash('after the final-report phase starts');

    await h.system.advance(50 * DAY); // the final report is due 60 days after the period; a reminder brings the link
    for (const g of grants) {
      const reminder = (await h.mailsTo(g.data.owner.email)).find((m) => linkIds(m, 'rapport').some((l) => l !== g.statusLink));
      expect(reminder, `${g.tag}: final report reminder`).toBeDefined();
      const finalLink = linkIds(reminder!, 'rapport').find((l) => l !== g.statusLink)!;
      expect((await h.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: 800_000 })).status).toBe(201);
    }
    await h.system.settle();

    // Every grant completed; none lost.
    for (const g of grants) expect(await status(h, g.ownerLink), g.tag).toBe('closed');
    const runtime = h.system.lifecycle.runtime;
    for (const g of grants) {
      const executions = (await runtime.listExecutions({})).executions.filter((e) => e.name.includes(g.id));
      expect(executions.map((e) => `${e.machineKey}:${e.status}`).sort(), g.tag).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    }
    expect(await runtime.listExecutions({ status: 'RUNNING' })).toEqual({ executions: [] });
    expect(restarts).toHaveLength(9);

    // No payout trigger twice.
    const events = await runtime.listPublishedEvents();
    for (const g of grants) {
      expect(events.filter((e) => e.detailType === 'PayoutTrigger' && (e.detail as { grantId: string }).grantId === g.id), g.tag).toHaveLength(1);
    }
    // No e-mail twice: no two mails about one grant with the same recipient and subject, but for the periodic reminders.
    const mails = await h.mails();
    const grantOf = (text: string) => grants.find((g) => text.includes(g.id) || text.includes(g.data.title))?.tag ?? '?';
    const keys = mails
      .filter((m) => !/Påminnelse|passert/i.test(m.subject))
      .map((m) => `${m.destination.to.join(',')}|${m.subject}|${grantOf(`${m.body.text ?? ''}${m.body.html ?? ''}`)}`);
    expect(keys.length).toBeGreaterThan(15);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
    await h.stop();
  }, 90_000);
});
