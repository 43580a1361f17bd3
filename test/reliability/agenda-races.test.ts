// Races on a meeting's agenda and minutes: the owner withdrawing a case while the secretariat moves
// it to another meeting, and a decision recorded while the minutes of its meeting are approved.
// Each is played both ways round, the store's writes held back so that the two requests interleave
// where they can collide (deterministic), and then at once without help (Promise.all).
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationTransition } from '../../functions/ports/grant-store';
import type { AgendaDepartureRecord } from '../../functions/domain/model';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, START, useTestApp, type ApiResponse, type Submitted } from '../support/test-app';

const app = useTestApp();
const as = SECRETARIAT;

/** Resolvable from outside: one step of a race waits for another. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const store = () => app.store;
const original = { putAgendaDeparture: undefined as unknown, transition: undefined as unknown };
afterEach(() => {
  // Each test's hooks off again.
  if (original.putAgendaDeparture) store().putAgendaDeparture = original.putAgendaDeparture as typeof app.store.putAgendaDeparture;
  if (original.transition) store().transition = original.transition as typeof app.store.transition;
  original.putAgendaDeparture = original.transition = undefined;
});

describe('the owner withdraws a case while the secretariat moves it to another meeting', () => {
  const schemeId = 'innlandet';
  const [june, september] = ['2027-06-10', '2027-09-16'];
  const headings = (text: string) => [...text.matchAll(/<h2 id="[^"]*">(Sak \d+: [^<]+)<\/h2>/g)].map((m) => m[1]);
  const agendaOf = async (meetingId: string) => (await app.call('get-agenda', { pathParameters: { schemeId, meetingId }, as })).body;
  const agendaPage = async (meetingId: string) => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId, meetingId }, headers: { Accept: 'text/html' }, claims: as }), 'page-agenda')).text;
  const withdraw = (c: Submitted) => app.call('withdraw-application', { pathParameters: { linkId: c.ownerLinkId }, json: { reason: 'Prosjektet er lagt ned.' } });
  const move = (c: Submitted) => app.call('schedule-application', { pathParameters: { applicationId: c.applicationId }, json: { meetingId: september }, as });

  async function onJuneAgenda(title: string): Promise<Submitted> {
    app.clock.set(START);
    const submitted = await app.submit(schemeId, app.application(schemeId, (a) => (a.title = title)));
    await app.cosignAll(submitted.applicationId);
    await app.schedule(submitted.applicationId, june);
    return submitted;
  }

  /** One of the two wins: its answer is 2xx, the other's a 409 saying what happened instead, and the case and the June agenda's line say what the winner did. */
  async function expectOneOutcome(c: Submitted, title: string, withdrawal: ApiResponse, moved: ApiResponse) {
    const stored = (await app.store.getApplication(c.applicationId))!;
    const line = (await agendaOf(june)).leftWithoutDecision.find((l: { applicationId: string }) => l.applicationId === c.applicationId);
    const heading = headings(await agendaPage(june)).find((h) => h!.includes(title));
    if (stored.status === 'withdrawn') {
      expect(withdrawal.status, withdrawal.text).toBe(200);
      expect(moved.status, moved.text).toBe(409);
      expect(moved.body).toMatchObject({ reason: 'changed_meanwhile', message: 'Søkeren trakk søknaden i samme øyeblikk, så den er ikke flyttet. Last inn siden på nytt for å se hvor saken står.' });
      expect(line).toMatchObject({ kind: 'withdrawn', movedTo: null });
      expect(heading).toMatch(/– trukket av søkeren/);
    } else {
      expect(stored).toMatchObject({ status: 'scheduled', meetingId: september });
      expect(moved.status, moved.text).toBe(200);
      expect(withdrawal.status, withdrawal.text).toBe(409);
      expect(withdrawal.body).toMatchObject({ reason: 'changed_meanwhile', message: 'Søknaden ble flyttet til møtet 16.09.2027 i samme øyeblikk, så den er ikke trukket. Last inn siden på nytt for å se hvor saken står.' });
      expect(line).toMatchObject({ kind: 'moved', movedTo: { id: september } });
      expect(heading).toMatch(/– flyttet til møtet 16\.09\.2027/);
      // on September's agenda, not withdrawn there
      expect((await agendaOf(september)).items.map((i: { applicationId: string }) => i.applicationId)).toContain(c.applicationId);
    }
  }

  for (const first of ['withdrawal', 'move'] as const) {
    it(`whichever notes its departure first (here the ${first}) wins, even when the other's write would land first; the other gets a 409 and the agenda's line says what happened`, async () => {
      const title = `Felles jordmortjeneste i Valdres (${first} først)`;
      const c = await onJuneAgenda(title);
      app.clock.set('2027-06-01T10:00:00.000Z'); // June's agenda is out
      const firstKind: AgendaDepartureRecord['kind'] = first === 'withdrawal' ? 'withdrawn' : 'moved';
      const firstTo = first === 'withdrawal' ? 'withdrawn' : 'scheduled';
      const firstNoted = signal();
      const otherDone = signal();
      const put = store().putAgendaDeparture.bind(store());
      const transition = store().transition.bind(store());
      original.putAgendaDeparture = store().putAgendaDeparture;
      original.transition = store().transition;
      // The first notes its departure before the other does; its transition waits until the other is through.
      store().putAgendaDeparture = async (d: AgendaDepartureRecord) => {
        if (d.applicationId !== c.applicationId) return put(d);
        if (d.kind === firstKind) return put(d).finally(firstNoted.resolve);
        await firstNoted.promise;
        return put(d);
      };
      store().transition = async (t: ApplicationTransition) => {
        if (t.applicationId === c.applicationId && t.to === firstTo) await otherDone.promise;
        return transition(t);
      };
      const [withdrawal, moved] = first === 'withdrawal'
        ? await Promise.all([withdraw(c), move(c).finally(otherDone.resolve)])
        : await Promise.all([withdraw(c).finally(otherDone.resolve), move(c)]);
      expect((await app.store.getApplication(c.applicationId))!.status).toBe(first === 'withdrawal' ? 'withdrawn' : 'scheduled');
      await expectOneOutcome(c, title, withdrawal, moved);
    });
  }

  it('sent at once, again and again, one wins each time and the agenda says which', async () => {
    const cases: Array<{ c: Submitted; title: string }> = [];
    for (let i = 0; i < 8; i++) {
      const title = `Delt psykolog i Elverum ${i + 1}`;
      cases.push({ c: await onJuneAgenda(title), title });
    }
    app.clock.set('2027-06-01T10:00:00.000Z');
    for (const { c, title } of cases) {
      const [withdrawal, moved] = await Promise.all([withdraw(c), move(c)]);
      await expectOneOutcome(c, title, withdrawal, moved);
    }
  });
});

describe("a decision recorded while its meeting's minutes are approved", () => {
  const schemeId = 'sor-rogaland';
  const key = (d: { applicationId: string; decisionId?: string; id?: string }) => `${d.applicationId}#${d.decisionId ?? d.id}`;
  const attendance = (meetingId: string) => app.call('record-attendance', { pathParameters: { schemeId, meetingId }, json: { present: ['Kari Nordmann, leder'] }, as });
  const approve = (meetingId: string) => app.call('approve-minutes', { pathParameters: { schemeId, meetingId }, json: {}, as });
  const minutes = async (meetingId: string) => (await app.call('get-meeting-minutes', { pathParameters: { schemeId, meetingId }, as })).body;
  const requestReallocation = async (ownerLinkId: string, description: string) => {
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description, amount: 40_000 } });
    expect(requested.status, requested.text).toBe(201);
    return requested.body.id as string;
  };
  const decideReallocation = (applicationId: string, reallocationId: string, meetingId?: string) =>
    app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId }, json: { approved: true, reason: 'Innenfor formålet.', ...(meetingId ? { meetingId } : {}) }, as });

  /** The approval, again while it is told a decision is on its way or was registered meanwhile (as its message asks). */
  async function approved(meetingId: string, first: ApiResponse): Promise<ApiResponse> {
    let answer = first;
    for (let i = 0; i < 3 && answer.status === 409 && ['decision_in_progress', 'minutes_changed'].includes(answer.body.reason); i++) answer = await approve(meetingId);
    expect(answer.status, answer.text).toBe(201);
    return answer;
  }

  /** The invariant: every decision recorded in the meeting is in what its approved minutes keep, and the minutes show it. */
  async function expectEveryDecisionInApprovedMinutes(meetingId: string) {
    const record = (await app.store.getMinutesRecord(schemeId, meetingId))!;
    expect(record.approval).toBeDefined();
    const kept = new Set(record.snapshot!.cases.map(key));
    const decided = await app.store.listMeetingDecisions(schemeId, meetingId);
    expect(decided.map(key).filter((k) => !kept.has(k))).toEqual([]);
    expect((await minutes(meetingId)).cases.map((c: { applicationId: string; decision: { id: string } }) => `${c.applicationId}#${c.decision.id}`).sort()).toEqual(decided.map(key).sort());
  }

  it('a decision on a case of the meeting written while the approval reads: the approval waits for it (409, try again) and then keeps it', async () => {
    app.clock.set(START);
    const meetingId = '2027-04-22';
    const { applicationId } = await app.scheduled();
    await app.schedule(applicationId, meetingId);
    app.clock.set('2027-04-22T07:30:00.000Z'); // the meeting has started
    expect((await attendance(meetingId)).status).toBe(200);
    // The case is decided (its status written) and its decision record is held back until the approval has answered.
    const transitioned = signal();
    const approvalAnswered = signal();
    const [transition, putDecision] = [store().transition.bind(store()), store().putDecision.bind(store())];
    original.transition = store().transition;
    const originalPut = store().putDecision;
    store().transition = async (t: ApplicationTransition) => transition(t).finally(() => t.applicationId === applicationId && transitioned.resolve());
    store().putDecision = async (d) => {
      if (d.applicationId === applicationId) await approvalAnswered.promise;
      return putDecision(d);
    };
    try {
      const decision = app.call('record-decision', { pathParameters: { applicationId }, json: { outcome: 'reject', reason: 'Utenfor formålet.' }, as });
      await transitioned.promise;
      const approval = await approve(meetingId);
      approvalAnswered.resolve();
      expect((await decision).status).toBe(201);
      expect(approval.status, approval.text).toBe(409);
      expect(approval.body).toMatchObject({ reason: 'decision_in_progress', message: 'Et vedtak i dette møtet blir registrert akkurat nå. Vent litt, og godkjenn protokollen på nytt.' });
    } finally {
      store().putDecision = originalPut;
    }
    await approved(meetingId, await approve(meetingId));
    await expectEveryDecisionInApprovedMinutes(meetingId);
    expect((await minutes(meetingId)).totals).toMatchObject({ decisions: 1, rejected: 1 });
  });

  it('a decision on a running grant recorded in the meeting in session between the approval\'s read and its write: the approval goes again and keeps it', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const meetingId = '2027-05-27';
    app.clock.set('2027-05-27T07:30:00.000Z');
    const reallocationId = await requestReallocation(ownerLinkId, 'Flytte 40 000 kr fra reise til kurs.');
    expect((await attendance(meetingId)).status).toBe(200);
    const save = store().saveMinutesRecord.bind(store());
    const originalSave = store().saveMinutesRecord;
    let decided: ApiResponse | undefined;
    // The approval's first write waits until the decision is through.
    store().saveMinutesRecord = async (record, registrations) => {
      if (record.approval && !decided) decided = await decideReallocation(applicationId, reallocationId);
      return save(record, registrations);
    };
    try {
      await approved(meetingId, await approve(meetingId));
    } finally {
      store().saveMinutesRecord = originalSave;
    }
    expect(decided!.status, decided!.text).toBe(200);
    expect((await app.store.listDecisions(applicationId)).at(-1)).toMatchObject({ outcome: 'approve_reallocation', meetingId });
    await expectEveryDecisionInApprovedMinutes(meetingId);
    expect((await minutes(meetingId)).totals).toMatchObject({ reallocationsApproved: 1 });
  });

  it('a decision on a running grant named as made in the meeting, whose minutes are approved after it was checked: refused (409) with nothing written', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const meetingId = '2027-06-17';
    app.clock.set('2027-06-17T07:30:00.000Z');
    expect((await attendance(meetingId)).status).toBe(200);
    app.clock.set('2027-06-21T10:00:00.000Z'); // the Monday after: the decision names its meeting
    const reallocationId = await requestReallocation(ownerLinkId, 'Flytte 40 000 kr til veiledning.');
    const before = (await app.store.getApplication(applicationId))!.revision;
    // The decision's check finds the minutes open; the approval comes right after it.
    const read = store().getMinutesRecord.bind(store());
    const originalRead = store().getMinutesRecord;
    let deciding = false;
    let approval: ApiResponse | undefined;
    store().getMinutesRecord = async (s, m) => {
      const record = await read(s, m);
      if (deciding && m === meetingId) {
        deciding = false;
        approval = await approve(meetingId);
      }
      return record;
    };
    let refused: ApiResponse;
    try {
      deciding = true;
      refused = await decideReallocation(applicationId, reallocationId, meetingId);
    } finally {
      store().getMinutesRecord = originalRead;
    }
    expect(approval!.status, approval!.text).toBe(201);
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'minutes_approved', message: 'Protokollen fra møtet 17.06.2027 er godkjent og kan ikke endres. Velg et annet møte, eller la feltet stå tomt.' });
    expect((await app.store.getReallocation(applicationId, reallocationId))!.state).toBe('requested');
    expect((await app.store.getApplication(applicationId))!.revision).toBe(before);
    await expectEveryDecisionInApprovedMinutes(meetingId);
    // Named as made in a later meeting, it goes through.
    app.clock.set('2027-08-26T07:30:00.000Z');
    expect((await decideReallocation(applicationId, reallocationId, '2027-08-26')).status).toBe(200);
  });

  it('a decision on a case on the agenda of a meeting whose minutes are approved is refused (409): record it in a later meeting', async () => {
    const meetingId = '2027-03-18';
    app.clock.set('2027-03-18T09:00:00.000Z');
    expect((await attendance(meetingId)).status).toBe(200);
    expect((await approve(meetingId)).status).toBe(201);
    // A case on that agenda (written straight to the store: no route puts one there once the meeting is held).
    const data = app.application(schemeId);
    const applicationId = 'app_on_approved_agenda';
    const now = app.clock.now().toISOString();
    await app.store.createApplication(
      { id: applicationId, schemeId, status: 'scheduled', revision: 1, version: 1, title: data.title, ownerEmail: data.owner.email, ownerIsInternalUnit: false, requestedAmount: data.requestedAmount, submittedAt: now, meetingId, history: [] },
      { applicationId, version: 1, createdAt: now, data },
      [],
    );
    for (const json of [{ outcome: 'reject', reason: 'Utenfor formålet.' }, { outcome: 'defer' }, { outcome: 'approve', amount: 100_000, periodStart: '2027-09-01', periodEnd: '2028-08-31' }]) {
      const refused = await app.call('record-decision', { pathParameters: { applicationId }, json, as });
      expect(refused.status, refused.text).toBe(409);
      expect(refused.body).toMatchObject({ reason: 'minutes_approved', message: 'Protokollen fra møtet 18.03.2027 er godkjent og kan ikke endres. Flytt saken til et senere møte, og registrer vedtaket der.' });
    }
    expect((await app.call('request-information', { pathParameters: { applicationId }, json: { message: 'Hva koster det?' }, as })).body.reason).toBe('minutes_approved');
    expect(await app.store.getApplication(applicationId)).toMatchObject({ status: 'scheduled', revision: 1 });
    expect(await app.store.listDecisions(applicationId)).toEqual([]);
  });

  it('sent at once, meeting after meeting: each decision is in the approved minutes, or (the minutes approved first) on the case only', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    for (const meetingId of ['2027-09-23', '2027-10-21', '2027-11-18', '2027-12-09']) {
      app.clock.set(`${meetingId}T09:30:00.000Z`); // the meeting has started (10.30 or 11.30 in Oslo)
      const reallocationId = await requestReallocation(ownerLinkId, `Flytte 40 000 kr (${meetingId}).`);
      expect((await attendance(meetingId)).status).toBe(200);
      const [decided, approval] = await Promise.all([decideReallocation(applicationId, reallocationId), approve(meetingId)]);
      expect(decided.status, decided.text).toBe(200);
      await approved(meetingId, approval);
      await expectEveryDecisionInApprovedMinutes(meetingId);
      const decision = (await app.store.listDecisions(applicationId)).find((d) => d.id === `dec_${reallocationId}`)!;
      const kept = (await app.store.getMinutesRecord(schemeId, meetingId))!.snapshot!.cases.map(key);
      if (decision.meetingId) expect(kept).toContain(key(decision));
      else expect(kept).not.toContain(key(decision));
    }
  });
});
