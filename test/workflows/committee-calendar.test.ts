// The case's meeting as the secretariat and the calendar move it, and the ways an application ends
// without a decision being sent by the committee's own hand: on the local runtime, clock moved on.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeGrant, application, DAY, REPORT, decide, executionsOf, groupOf, scheduled, signAll, status, submit, type Harness, startHarness, APPROVAL } from '../support/local-system';

const SECRETARIAT = 'fsu-sekretariat@helse-stavanger.example';

async function meetingOf(h: Harness, id: string): Promise<string | undefined> {
  const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
  return view.body.application.meetingId as string | undefined;
}

/** Moves the clock to an Oslo date at noon, a day at a time (what falls due on the way runs). */
async function advanceTo(h: Harness, isoDate: string): Promise<void> {
  const target = Date.parse(`${isoDate}T11:00:00Z`);
  await h.system.advance(target - h.clock.now().getTime());
}

/** On the agenda, then asked for more information: the workflow waits for the owner's answer. */
async function questioned(h: Harness, data: ReturnType<typeof application>) {
  const app = await scheduled(h, data);
  const asked = await h.call('POST', `/api/staff/applications/${app.id}/information-requests`, { message: 'Beskriv pasientansvaret nærmere.' }, 'secretariat');
  expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
  await h.system.settle();
  expect(await status(h, app.ownerLink)).toBe('more_information_requested');
  return app;
}

/** The secretariat moves the case to another meeting, and the workflow follows. */
async function moveTo(h: Harness, id: string, meetingId: string): Promise<void> {
  const res = await h.call('POST', `/api/staff/applications/${id}/meeting`, { meetingId }, 'secretariat');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  await h.system.settle();
}

const overdueNotices = async (h: Harness, title: string) =>
  (await h.mailsTo(SECRETARIAT)).filter((m) => m.subject.includes('Vedtak mangler') && m.subject.includes(title.slice(0, 30)));

describe('the meeting a case waits for', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('moved to a later meeting by the secretariat, the case waits for that meeting; undecided there, it goes to the next one not yet held', async () => {
    const data = application({ title: 'Flyttet til januarmøtet' });
    const { id, ownerLink } = await scheduled(h, data);
    expect(await meetingOf(h, id)).toBe('2026-12-10');
    const moved = await h.call('POST', `/api/staff/applications/${id}/meeting`, { meetingId: '2027-01-28' }, 'secretariat');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await advanceTo(h, '2026-11-21');
    const told = (await h.mailsTo(data.owner.email)).filter((m) => m.subject.includes('flyttet til FSU-møtet 28.01.2027'));
    expect(told.map((m) => m.body.text)).toEqual([expect.stringContaining('Søknaden er flyttet fra FSUs møte 10.12.2026 til møtet 28.01.2027 og behandles der.')]);

    // A month after the December meeting the case is still on January's agenda, and nobody is told a decision is missing.
    await advanceTo(h, '2027-01-15');
    expect(await meetingOf(h, id)).toBe('2027-01-28');
    expect(await overdueNotices(h, data.title)).toEqual([]);

    // Undecided a month after January's meeting: the secretariat is told, and the case goes to the
    // next meeting not yet held (25.02 was held three days before; 18.03 is next).
    await advanceTo(h, '2027-03-01');
    expect(await overdueNotices(h, data.title)).toHaveLength(1);
    expect(await meetingOf(h, id)).toBe('2027-03-18');
    expect(await status(h, ownerLink)).toBe('scheduled');
    expect(await executionsOf(h, id)).toEqual(['application:RUNNING']);

    // And the committee can still grant it there.
    await decide(h, id, { ...APPROVAL, periodStart: '2027-04-01', periodEnd: '2028-03-31' });
    expect(await status(h, ownerLink)).toBe('payout_pending');
  });

  it('its meeting cancelled by the secretariat, the case goes to the meeting chosen: the owner is told, and the decision waits for that meeting', async () => {
    const data = application({ title: 'Desembermøtet ble avlyst' });
    const { id, ownerLink } = await scheduled(h, data);
    expect(await meetingOf(h, id)).toBe('2026-12-10');
    const removal = '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/removal';
    expect((await h.call('POST', removal, undefined, 'secretariat')).status).toBe(409);
    const cancelled = await h.call('POST', removal, { moveCasesTo: '2027-01-28' }, 'secretariat');
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(cancelled.body.moved).toContain(id);
    await h.system.settle();

    // The next sweep tells the owner of the new meeting.
    await advanceTo(h, '2026-11-21');
    const told = (await h.mailsTo(data.owner.email)).filter((m) => m.subject.includes('flyttet til FSU-møtet 28.01.2027'));
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('FSUs møte 10.12.2026 er avlyst. Søknaden er flyttet til møtet 28.01.2027 og behandles der.');
    // A month after the cancelled meeting nobody is told a decision is missing: the case waits for January.
    await advanceTo(h, '2027-01-15');
    expect(await meetingOf(h, id)).toBe('2027-01-28');
    expect(await overdueNotices(h, data.title)).toEqual([]);
    const calendar = await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings', undefined, 'secretariat');
    expect(calendar.body.meetings.some((m: { id: string }) => m.id === '2026-12-10')).toBe(false);

    await decide(h, id, { ...APPROVAL, periodStart: '2027-03-01', periodEnd: '2028-02-29' });
    expect(await status(h, ownerLink)).toBe('payout_pending');
  });

  it('moved away and back to the meeting it was first on: the owner is told each time, and once per move', async () => {
    const data = application({ title: 'Flyttet bort og tilbake' });
    const { id } = await scheduled(h, data);
    const move = async (meetingId: string) => {
      await moveTo(h, id, meetingId);
      await h.system.advance(60 * 60 * 1000); // the next sweep
    };
    await move('2027-01-28');
    await move('2026-12-10');
    await move('2026-12-10'); // a double post changes nothing
    const mails = (await h.mailsTo(data.owner.email)).filter((m) => m.subject.includes('FSU-møtet')).map((m) => m.subject.replace(/:.*/, ''));
    expect(mails).toEqual([
      '[FSU] Søknaden behandles i FSU-møtet 10.12.2026',
      '[FSU] Søknaden er flyttet til FSU-møtet 28.01.2027',
      '[FSU] Søknaden er flyttet til FSU-møtet 10.12.2026',
    ]);
    const back = (await h.mailsTo(data.owner.email)).at(-1)!;
    expect(back.body.text).toContain('Søknaden er flyttet fra FSUs møte 28.01.2027 til møtet 10.12.2026 og behandles der.');
    expect(await meetingOf(h, id)).toBe('2026-12-10');
  });

  it('moved to a later meeting and back to an earlier one: the decision is missed a month after the meeting it is on, not the later one', async () => {
    const data = application({ title: 'Flyttet frem og tilbake' });
    const { id } = await scheduled(h, data);
    await moveTo(h, id, '2027-02-25');
    await advanceTo(h, '2027-01-15'); // the workflow now waits for February's meeting
    await moveTo(h, id, '2027-01-28');
    // A month after 28.01 (not after 25.02): the secretariat is told, and the case goes to the next meeting not yet held.
    await advanceTo(h, '2027-03-01');
    expect(await overdueNotices(h, data.title)).toHaveLength(1);
    expect(await meetingOf(h, id)).toBe('2027-03-18');
  });

  it('rejected while the owner answers a question: the rejection letter goes out, with the copy to the group\'s leaders', async () => {
    const data = application({ title: 'Avslått mens svaret ventes' });
    const { id, ownerLink } = await questioned(h, data);

    const rejected = await h.call('POST', `/api/staff/applications/${id}/decisions`, { outcome: 'reject', reason: 'Søknaden er ufullstendig og avvises.' }, 'secretariat');
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('rejected');
    expect((await h.mailsTo(data.owner.email)).filter((m) => /ufullstendig og avvises/.test(m.body.text ?? ''))).toHaveLength(1);
    expect((await h.mailsTo(groupOf(data).leaderEmail)).filter((m) => /ufullstendig og avvises/.test(m.body.text ?? ''))).toHaveLength(1);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED']);
  });

  it('a question left unanswered: the application is closed without a decision, and the owner is told why, not that they withdrew it', async () => {
    const data = application({ title: 'Spørsmål uten svar' });
    const { id, ownerLink } = await questioned(h, data);
    await h.system.advance(91 * DAY);
    expect(await status(h, ownerLink)).toBe('withdrawn');
    const letters = (await h.mailsTo(data.owner.email)).filter((m) => m.subject.includes('Søknaden er avsluttet uten vedtak'));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.body.text).toContain('FSU ba om mer informasjon, og vi har ikke fått svar innen 90 dager.');
    expect(letters[0]!.body.text).toContain('Den er ikke trukket av deg.');
    expect(letters[0]!.destination.cc).toEqual([SECRETARIAT]);
    expect((await h.call('GET', `/api/owner/${ownerLink}`)).body.statusLabel).toBe('Avsluttet uten vedtak');
    expect((await h.mailsTo(data.owner.email)).some((m) => m.subject.includes('Søknaden er trukket'))).toBe(false);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED']);
  });

  describe('complete after the calendar\'s last deadline (Sør-Rogaland\'s calendar ends in 2027)', () => {
    let h2: Harness;
    beforeEach(async () => {
      h2 = await startHarness('2027-12-20T09:00:00.000Z');
    });
    afterEach(async () => {
      await h2.stop();
    });
    const late = () => application({ title: 'Etter siste møte', periodStart: '2028-02-01', periodEnd: '2029-01-31' });
    /**
     * Submitted and signed: the workflow waits for the calendar at once, without the clock moving (a
     * missing meeting is not retried like a failure: each retry would sleep on the clock).
     */
    const completeAfterCalendar = async (data: ReturnType<typeof application>) => {
      const app = await submit(h2, data);
      await signAll(h2, data);
      await h2.system.settle();
      return app;
    };

    it('it waits for the next meetings: the owner and the secretariat are told once; a meeting the secretariat adds takes it the next day', async () => {
      const data = late();
      const { id, ownerLink } = await completeAfterCalendar(data);
      expect(await status(h2, ownerLink)).toBe('submitted');
      expect((await h2.mailsTo(data.owner.email)).filter((m) => m.subject.includes('Søknaden venter på ny møteplan'))).toHaveLength(1);
      expect((await h2.mailsTo(SECRETARIAT)).filter((m) => m.subject.includes('Møteplanen mangler møter'))).toHaveLength(1);

      // Days go by: it looks every day, and nobody is told again.
      await h2.system.advance(3 * DAY);
      expect(await status(h2, ownerLink)).toBe('submitted');
      // The secretariat adds next year's first meeting on its start page; the next daily look takes it.
      const added = await h2.call('POST', '/api/staff/schemes/sor-rogaland/meetings', { date: '2028-02-10', time: '09:00', title: 'FSU-møte februar 2028' }, 'secretariat');
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      await h2.system.advance(DAY);
      expect(await status(h2, ownerLink)).toBe('scheduled');
      expect(await meetingOf(h2, id)).toBe('2028-02-10');
      expect((await h2.mailsTo(data.owner.email)).filter((m) => m.subject.includes('Søknaden venter på ny møteplan'))).toHaveLength(1);
      expect((await h2.mailsTo(SECRETARIAT)).filter((m) => m.subject.includes('Møteplanen mangler møter'))).toHaveLength(1);
      expect((await h2.mailsTo(data.owner.email)).filter((m) => m.subject.includes('Søknaden behandles i FSU-møtet 10.02.2028'))).toHaveLength(1);
    });

    it('withdrawn by the owner while it waits: the lifecycle ends as withdrawn at its next look', async () => {
      const data = late();
      const { id, ownerLink } = await completeAfterCalendar(data);
      const res = await h2.call('POST', `/api/owner/${ownerLink}/withdrawal`, { reason: 'Vi venter til neste år' });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      await h2.system.advance(8 * DAY);
      expect(await status(h2, ownerLink)).toBe('withdrawn');
      const all = await h2.system.lifecycle.runtime.listExecutions({});
      expect(all.executions.filter((e) => e.name.includes(id)).map((e) => e.status)).toEqual(['SUCCEEDED']);
    });

    it('with no new meeting for 180 days it is closed without a decision, saying there is no meeting left', async () => {
      const data = late();
      const { ownerLink } = await completeAfterCalendar(data);
      await h2.system.advance(181 * DAY);
      expect(await status(h2, ownerLink)).toBe('withdrawn');
      const letter = (await h2.mailsTo(data.owner.email)).find((m) => m.subject.includes('Søknaden er avsluttet uten vedtak'));
      expect(letter?.body.text).toContain('Møteplanen har ingen flere FSU-møter som søknaden kan settes opp til.');
    });
  });

  it('a reallocation asked for before the summer break waits for the first meeting after it, instead of lapsing as refused', async () => {
    const data = application({ title: 'Omdisponering over sommeren' });
    const { id, ownerLink } = await activeGrant(h, data);
    await advanceTo(h, '2027-06-20'); // after FSU's June meeting; the next is 26.08
    const req = await h.call('POST', `/api/owner/${ownerLink}/reallocations`, { description: 'Flytte 100 000 fra utstyr til personell', amount: 100_000 });
    expect(req.status, JSON.stringify(req.body)).toBeLessThan(300);
    await h.system.settle();
    await advanceTo(h, '2027-08-26'); // 67 days on: past the 60 days that used to end it
    const waiting = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(waiting.body.reallocations.map((r: { state: string }) => r.state)).toEqual(['requested']);
    const decided = await h.call('POST', `/api/staff/applications/${id}/reallocations/${req.body.id}`, { approved: true, reason: 'Godkjent i møtet 26.08.2027' }, 'secretariat');
    expect(decided.status, JSON.stringify(decided.body)).toBeLessThan(300);
    await h.system.settle();
    const view = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(view.body.reallocations.map((r: { state: string }) => r.state)).toEqual(['approved']);
    expect((await executionsOf(h, '')).filter((e) => e.startsWith('reallocation:SUCCEEDED'))).toHaveLength(1);
  });

  it('a grant repaid in full after its status report: at the end of the period the secretariat is not told a final report came', async () => {
    const data = application({ title: 'Tilbakebetalt i sin helhet' });
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    await advanceTo(h, '2027-06-01');
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.settle();
    const claim = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: APPROVAL.amount, reason: 'Prosjektet er lagt ned' }, 'secretariat');
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    await h.system.settle();
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const repayment = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string; amount: number }) => p.applicationId === id && p.amount < 0);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(repayment.id)}/paid`, {}, 'finance')).status).toBe(200);
    expect(await status(h, ownerLink)).toBe('closed');

    await advanceTo(h, '2028-01-10'); // the period ended 31.12.2027
    expect((await h.mailsTo(SECRETARIAT)).filter((m) => m.subject.includes('Sluttrapport mottatt') && m.subject.includes(data.title))).toEqual([]);
    expect(await status(h, ownerLink)).toBe('closed');
  });
});
