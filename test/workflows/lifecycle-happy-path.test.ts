import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { application, DAY, groupOf, linkIds, signAll, startHarness, status, submit, untilMeeting, type Harness } from '../support/local-system';

describe('the grant lifecycle on the local runtime (happy path)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('takes a grant from submission through co-signature, decision, payout and both reports to closed', async () => {
    const data = application();
    const { id, ownerLink } = await submit(h, data);
    expect(await status(h, ownerLink)).toBe('awaiting_cosignature');
    // receipt to the owner, a signing request to every partner
    expect((await h.mailsTo(data.owner.email)).map((m) => m.subject).join('|')).toMatch(/mottatt/i);
    // … naming the meeting it reaches if every partner signs in time
    const receipt = (await h.mailsTo(data.owner.email)).find((m) => /Kvittering/.test(m.subject))!;
    expect(receipt.body.text?.replace(/\s+/g, ' ')).toContain('Signerer alle innen søknadsfristen 26.11.2026 kl. 23.59, behandles søknaden i FSU-møtet 10.12.2026; ellers i et senere møte.');
    const request = (await h.mailsTo(data.partners[1]!.email)).find((m) => /Signering av søknad/.test(m.subject))!;
    expect(request.body.text?.replace(/\s+/g, ' ')).toContain('Skal søknaden behandles i FSU-møtet 10.12.2026, må alle ha signert innen søknadsfristen 26.11.2026 kl. 23.59.');
    for (const p of data.partners) expect((await h.mailsTo(p.email)).length).toBeGreaterThanOrEqual(1);

    await signAll(h, data);
    expect(await status(h, ownerLink)).toBe('scheduled');
    const staffView = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(staffView.body.application.meetingId).toBe('2026-12-10');

    await untilMeeting(h, id); // the committee decides in its meeting
    const decision = await h.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'approve', amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' }, 'secretariat');
    expect(decision.status, JSON.stringify(decision.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('payout_pending');

    // decision letter to the owner, and its copy to the service-model group's leader and deputy
    // (its own e-mail: the owner's report link stays with the owner)
    const letter = (await h.mailsTo(data.owner.email)).find((m) => /vedtak|innvilget|tilskudd/i.test(m.subject) && linkIds(m, 'rapport').length);
    expect(letter, 'decision letter').toBeDefined();
    expect(letter!.destination.cc).toEqual([]);
    expect(letter!.body.text).toContain('R-11326-D11325');
    expect(letter!.body.text).toContain(`Kopi: leder og nestleder i ${groupOf(data).name}`);
    const copy = (await h.mailsTo(groupOf(data).deputyLeaderEmail)).find((m) => m.subject === letter!.subject);
    expect(copy, 'copy of the decision letter').toBeDefined();
    expect(copy!.destination).toMatchObject({ to: [groupOf(data).leaderEmail], cc: [groupOf(data).deputyLeaderEmail] });
    expect(copy!.body.text).toContain('R-11326-D11325');
    expect(copy!.body.text).not.toMatch(/https?:\/\//);

    // finance got the trigger keyed by the project number; the event went to EventBridge too
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    expect(payouts.status).toBe(200);
    const payout = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string }) => p.applicationId === id);
    expect(payout).toMatchObject({ amount: 800_000, mode: 'invoice', state: 'awaiting_invoice' });
    const events = h.system.lifecycle.runtime.publishedEvents();
    expect(events.some((e) => e.detailType === 'PayoutTrigger' && (e.detail as { grantId: string }).grantId === id)).toBe(true);
    // Finance's event names the payee with its organisation number, to match the invoice against.
    expect(events.find((e) => e.detailType === 'PayoutTrigger' && (e.detail as { grantId: string }).grantId === id)!.detail).toMatchObject({ payee: data.partners[data.owner.partnerIndex]!.organisationName, payeeOrganisationNumber: data.partners[data.owner.partnerIndex]!.organisationNumber });

    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-2026-001' }, 'finance')).status).toBe(200);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance')).status).toBe(200);
    expect(await status(h, ownerLink)).toBe('active');

    // status report: due 6 months after the decision; report through the link in the letter
    const statusLink = linkIds(letter!, 'rapport')[0]!;
    await h.system.advance(160 * DAY);
    const report = { progress: 'Godt i gang', effect: 'Færre reinnleggelser', spentAmount: 300_000 };
    const sent = await h.call('POST', `/api/reports/${statusLink}`, report);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('status_report_received');

    // the final-report phase starts by schedule at the end of the period; a reminder brings the link
    // the period ends 2027-12-31; the final report is due 60 days later, with a reminder 14 days before
    await h.system.advance(460 * DAY - 160 * DAY);
    const reminder = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').some((l) => l !== statusLink));
    expect(reminder, 'final report reminder').toBeDefined();
    const finalLink = linkIds(reminder!, 'rapport').find((l) => l !== statusLink)!;
    const final = await h.call('POST', `/api/reports/${finalLink}`, { ...report, spentAmount: 800_000, lessonsLearned: 'Samarbeid lønner seg' });
    expect(final.status, JSON.stringify(final.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('closed');

    const executions = await h.system.lifecycle.runtime.listExecutions({});
    const mine = executions.executions.filter((e) => e.name.endsWith(id));
    expect(mine.map((e) => `${e.machineKey}:${e.status}`).sort()).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
  });
});
