import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { advanceTo, application, DAY, decide, scheduled, startHarness, status, type Harness } from '../support/local-system';

const YEAR_MS = 365 * DAY;
const MAX_HISTORY_EVENTS = 25_000;

describe('the longest legal grant', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('six deferrals, a 12-month period, both reports never arriving: no execution reaches one year or 25,000 events', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    // Deferred at six meetings in a row (the most the workflow allows), approved at the seventh.
    for (const meeting of ['2026-12-10', '2027-01-28', '2027-02-25', '2027-03-18', '2027-04-22', '2027-05-27']) {
      await advanceTo(h, `${meeting}T12:00:00.000Z`);
      await decide(h, id, { outcome: 'defer', reason: `Utsatt i møtet ${meeting}` });
      expect(await status(h, ownerLink)).toBe('scheduled');
    }
    await advanceTo(h, '2027-06-17T12:00:00.000Z');
    await decide(h, id, { outcome: 'approve', amount: 850_000, periodStart: '2027-07-01', periodEnd: '2028-06-30' });
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const payout = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string }) => p.applicationId === id);
    await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-77' }, 'finance');
    await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance');
    expect(await status(h, ownerLink)).toBe('active');

    // Neither report ever arrives: every overdue reminder goes out, then the waits end.
    await advanceTo(h, '2029-04-01T00:00:00.000Z');
    const overdue = (await h.mailsTo(data.owner.email)).filter((m) => /passert/i.test(m.subject));
    expect(overdue.length).toBe(2 * 12); // maxOverdueReminders for each of the two reports
    const secretariat = await h.mailsTo('fsu-sekretariat@helse-stavanger.example');
    expect(secretariat.filter((m) => /passert/i.test(m.subject)).length).toBeGreaterThanOrEqual(2);

    const runtime = h.system.lifecycle.runtime;
    const executions = (await runtime.listExecutions({})).executions.filter((e) => e.name.includes(id));
    expect(executions.map((e) => e.machineKey).sort()).toEqual(['application', 'final-report', 'grant']);
    for (const e of executions) {
      const d = await runtime.describeExecution({ executionArn: e.executionArn });
      expect(d.status, `${d.name} ${d.error ?? ''} ${d.cause ?? ''}`).toBe('SUCCEEDED');
      expect(d.stopDate!.getTime() - d.startDate.getTime(), `${d.name} duration`).toBeLessThan(YEAR_MS);
      expect(d.historyEvents, `${d.name} history`).toBeLessThan(MAX_HISTORY_EVENTS);
      expect(d.historyEvents).toBeGreaterThan(5);
    }
  });
});
