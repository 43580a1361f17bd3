// A two-level scheme on the local runtime: the application workflow waits in its committee-review
// step through the first level's recommendation, and goes on only with the committee's decision.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getScheme } from '../../config/schemes';
import { exampleApplication } from '../../schemas/application.schema';
import { signAll, startHarness, status, submit, untilMeeting, type Harness } from '../support/local-system';

const NORD = 'lofoten-vesteralen-salten';

describe('two-level review on the local runtime (Helse Nord)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('ranking, then the regional committee’s approval: the grant starts and finance gets the payout', async () => {
    const scheme = getScheme(NORD)!;
    const data = exampleApplication(scheme);
    const { id, ownerLink } = await submit(h, data, NORD);
    await signAll(h, data);
    expect(await status(h, ownerLink)).toBe('scheduled');

    const early = await h.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'defer' }, 'secretariat');
    expect(early.status).toBe(409);

    const ranked = await h.call('POST', `/api/staff/applications/${id}/recommendations`, { recommended: true, rank: 1 }, 'secretariat');
    expect(ranked.status, JSON.stringify(ranked.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('recommended');
    const executions = (await h.system.lifecycle.runtime.listExecutions({})).executions.filter((e) => e.name.includes(id));
    expect(executions.map((e) => `${e.machineKey}:${e.status}`)).toEqual(['application:RUNNING']);

    const approval = { outcome: 'approve', amount: data.requestedAmount, periodStart: data.periodStart, periodEnd: data.periodEnd };
    await untilMeeting(h, id); // the regional committee decides in its meeting
    const approved = await h.call('POST', `/api/staff/applications/${id}/decisions`, approval, 'secretariat');
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('payout_pending');
    const payouts = await h.call('GET', `/api/finance/payouts?projectNumber=${encodeURIComponent(scheme.projectNumber)}`, undefined, 'finance');
    expect((payouts.body.payouts ?? payouts.body).map((p: { applicationId: string }) => p.applicationId)).toContain(id);
    const letter = (await h.mailsTo(data.owner.email)).find((m) => /^\[KU\] Vedtak om tilskudd/.test(m.subject));
    expect(letter, 'decision letter to the owner').toBeDefined();
  });
});
