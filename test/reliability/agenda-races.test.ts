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
