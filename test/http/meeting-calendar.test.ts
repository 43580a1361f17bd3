// The meeting calendar the secretariat keeps: meetings added to the configured plan (next year's,
// an extra one), taken off again, and meetings cancelled with their cases moved on, through the JSON
// API and the start page; applications are scheduled to an added meeting like to a configured one.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { invoke, SECRETARIAT, START, useTestApp } from '../support/test-app';
import { scheduleApplication } from '../../functions/use-cases/schedule-application';
import { SYSTEM } from '../../functions/use-cases/move-application';
import { cancelMeeting } from '../../functions/use-cases/cancel-meeting';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html' };
const add = (json: Record<string, unknown>, schemeId = 'sor-rogaland') => app.call('add-meeting', { pathParameters: { schemeId }, json, as });
const remove = (meetingId: string, json?: Record<string, unknown>, schemeId = 'sor-rogaland') => app.call('remove-meeting', { pathParameters: { schemeId, meetingId }, ...(json ? { json } : {}), as });
const meetings = async (schemeId = 'sor-rogaland') => (await app.call('list-meetings', { pathParameters: { schemeId }, as })).body.meetings as Array<{ id: string; added?: unknown; applications: number }>;
const added = async (schemeId = 'sor-rogaland') => (await app.store.listCalendarChanges(schemeId)).added;

describe('adding a meeting (API)', () => {
  it('puts it in the calendar with its deadline, for the secretariat and for applicants; a repeat changes nothing', async () => {
    app.clock.set(START);
    const res = await add({ date: '2028-02-10', time: '10:00', title: 'FSU-møte februar 2028' });
    expect(res.status, res.text).toBe(201);
    expect(res.body.meeting).toEqual({
      schemeId: 'sor-rogaland',
      id: '2028-02-10',
      date: '2028-02-10',
      time: '10:00',
      title: 'FSU-møte februar 2028',
      startsAt: '2028-02-10T09:00:00.000Z',
      submissionDeadline: '2028-01-27T22:59:59.999Z',
      added: { at: START, by: expect.any(String) },
    });
    const calendar = await meetings();
    expect(calendar.at(-1)).toMatchObject({ id: '2028-02-10', added: expect.any(Object), applications: 0 });
    const scheme = await app.call('get-scheme', { pathParameters: { schemeId: 'sor-rogaland' } });
    expect(scheme.body.upcomingMeetings.at(-1)).toMatchObject({ id: '2028-02-10', submissionDeadline: '2028-01-27T22:59:59.999Z', open: true });
    expect(scheme.body.upcomingMeetings.at(-1)).not.toHaveProperty('added');

    // A double post: the same meeting, 200, nothing new.
    const again = await add({ date: '2028-02-10', time: '10:00', title: 'FSU-møte februar 2028' });
    expect(again.status).toBe(200);
    expect(again.body.meeting).toEqual(res.body.meeting);
    expect(await added()).toHaveLength(1);
    // Only the scheme it was added to has it.
    expect((await meetings('innlandet')).some((m) => m.id === '2028-02-10')).toBe(false);
  });

  it('refuses a day that has a meeting (409), and a past, far or malformed meeting at its field (400), writing nothing', async () => {
    app.clock.set(START);
    const before = await added();
    const taken = await add({ date: '2028-02-10', time: '12:00', title: 'Et annet møte' });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ reason: 'meeting_exists', message: 'Møteplanen har allerede et møte 10.02.2028 (FSU-møte februar 2028).' });
    const configured = await add({ date: '2026-12-10', time: '13:00', title: 'FSU-møte desember 2026' });
    expect(configured.status).toBe(409);
    expect(configured.body.reason).toBe('meeting_exists');
    // The configured meeting as it is: nothing to add, the same meeting (as a repeated restoration).
    const same = await add({ date: '2026-12-10', time: '09:00', title: 'FSU-møte desember 2026' });
    expect(same.status).toBe(200);
    expect(same.body.meeting).toMatchObject({ id: '2026-12-10', time: '09:00' });
    expect(same.body.meeting).not.toHaveProperty('added');

    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ date: '2026-11-19', time: '09:00', title: 'For sent' }, { date: 'Møtet må være fram i tid.' }],
      [{ date: '2026-11-20', time: '09:30', title: 'I dag, men nettopp' }, { time: 'Møtet må begynne senere enn nå.' }],
      [{ date: '2030-01-10', time: '09:00', title: 'Langt fram' }, { date: 'Møtet kan legges høyst 3 år fram i tid.' }],
      [{ date: '2027-02-30', time: '09:00', title: 'Ingen slik dag' }, { date: 'Skriv en gyldig dato (DD.MM.ÅÅÅÅ).' }],
      [{ date: '2027-03-04', time: '9', title: 'Rart klokkeslett' }, { time: 'Skriv klokkeslettet som TT:MM, for eksempel 09:00.' }],
      [{ date: '2027-03-04', time: '24:00', title: 'Midnatt' }, { time: 'Skriv klokkeslettet som TT:MM, for eksempel 09:00.' }],
      [{ date: '2027-03-04', time: '09:00', title: '   ' }, { title: expect.stringMatching(/må fylles ut|minst/) }],
      [{ date: '2027-03-04', time: '09:00', title: 'x'.repeat(201) }, { title: expect.stringContaining('200') }],
    ];
    for (const [json, fieldErrors] of cases) {
      const res = await add(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.fieldErrors).toEqual(fieldErrors);
    }
    const extra = await add({ date: '2027-03-04', time: '09:00', title: 'Ekstra', place: 'Stavanger' });
    expect(extra.status).toBe(400);
    expect(Object.keys(extra.body.fieldErrors)).toEqual(['_form']);
    expect((await add({ date: '2027-03-04', time: '09:00', title: 'Ekstra' }, 'finnes-ikke')).status).toBe(404);
    expect(await added()).toEqual(before);
  });
});

describe('an added meeting in the lifecycle', () => {
  it('an application complete after the December deadline goes to the extra January meeting, not the next configured one', async () => {
    app.clock.set(START);
    const res = await add({ date: '2027-01-07', time: '12:00', title: 'Ekstra FSU-møte januar 2027' });
    expect(res.status, res.text).toBe(201);
    app.clock.set('2026-11-30T09:00:00.000Z'); // after 26.11, the deadline of 10.12
    const { applicationId } = await app.submit();
    await app.cosignAll(applicationId);
    const { meeting } = await scheduleApplication(app.deps, applicationId, SYSTEM);
    expect(meeting).toMatchObject({ id: '2027-01-07', submissionDeadline: '2026-12-24T22:59:59.999Z' });
    expect((await meetings()).find((m) => m.id === '2027-01-07')?.applications).toBe(1);

    // With a case on its agenda, it stays.
    const refused = await remove('2027-01-07');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'meeting_has_cases', message: 'Møtet har 1 sak på sakslisten. Velg hvilket møte saken skal flyttes til.' });
    // The agenda and the minutes work as for any meeting.
    expect((await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2027-01-07' }, as })).body.items).toHaveLength(1);
  });
});

describe('taking an added meeting off again (API)', () => {
  it('only one the secretariat added, not held, with nothing on its agenda', async () => {
    app.clock.set(START);
    expect((await add({ date: '2027-05-06', time: '09:00', title: 'Feil dato' })).status).toBe(201);
    const res = await remove('2027-05-06');
    expect(res.status, res.text).toBe(200);
    expect(res.body.removed).toMatchObject({ id: '2027-05-06', title: 'Feil dato' });
    expect((await meetings()).some((m) => m.id === '2027-05-06')).toBe(false);
    expect((await remove('2027-05-06')).status).toBe(404);

    expect((await add({ date: '2026-11-27', time: '09:00', title: 'Snart holdt' })).status).toBe(201);
    app.clock.set('2026-11-27T09:00:00.000Z');
    const held = await remove('2026-11-27');
    expect(held.status).toBe(409);
    expect(held.body.reason).toBe('meeting_passed');
    expect((await added()).some((m) => m.date === '2026-11-27')).toBe(true);
  });
});

describe('cancelling a meeting (API)', () => {
  const agendaIds = async (meetingId: string) =>
    ((await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId }, as })).body.items as Array<{ applicationId: string }>).map((i) => i.applicationId).sort();

  it('a configured meeting without cases leaves the calendar for the secretariat and for applicants; its day can have a meeting again', async () => {
    app.clock.set(START);
    const res = await remove('2027-02-25');
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ removed: { id: '2027-02-25', title: 'FSU-møte februar 2027' }, moved: [] });
    expect(res.body).not.toHaveProperty('movedTo');
    expect((await meetings()).some((m) => m.id === '2027-02-25')).toBe(false);
    const scheme = await app.call('get-scheme', { pathParameters: { schemeId: 'sor-rogaland' } });
    expect(scheme.body.upcomingMeetings.some((m: { id: string }) => m.id === '2027-02-25')).toBe(false);
    expect((await app.store.listCalendarChanges('sor-rogaland')).cancelled).toEqual([{ schemeId: 'sor-rogaland', date: '2027-02-25', cancelledAt: START, cancelledBy: expect.any(String) }]);
    // Gone: a repeat finds no such meeting.
    expect((await remove('2027-02-25')).status).toBe(404);
    // Moved to the afternoon of the same day: added like any meeting, marked as added.
    const back = await add({ date: '2027-02-25', time: '13:00', title: 'FSU-møte februar 2027 (flyttet)' });
    expect(back.status, back.text).toBe(201);
    expect((await meetings()).find((m) => m.id === '2027-02-25')).toMatchObject({ time: '13:00', added: expect.any(Object) });
  });

  it("with open cases: they go to the meeting named, each as if moved by hand, and then the meeting goes; a wrong destination is a 400 at its field, changing nothing", async () => {
    app.clock.set(START);
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const { applicationId } = await app.submit();
      await app.cosignAll(applicationId);
      expect((await scheduleApplication(app.deps, applicationId, SYSTEM)).meeting.id).toBe('2026-12-10');
      ids.push(applicationId);
    }
    const onDecember = await agendaIds('2026-12-10');
    expect(onDecember).toEqual(expect.arrayContaining(ids));

    const refused = await remove('2026-12-10');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ reason: 'meeting_has_cases', message: `Møtet har ${onDecember.length} saker på sakslisten. Velg hvilket møte sakene skal flyttes til.` });
    expect((await add({ date: '2026-11-25', time: '09:00', title: 'Snart holdt' })).status).toBe(201);
    app.clock.set('2026-11-25T12:00:00.000Z');
    const wrong: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ moveCasesTo: '2026-12-11' }, { moveCasesTo: 'Fant ikke møtet i møteplanen.' }],
      [{ moveCasesTo: '2026-12-10' }, { moveCasesTo: 'Velg et annet møte enn det som avlyses.' }],
      [{ moveCasesTo: '2026-11-25' }, { moveCasesTo: 'Møtet er allerede holdt. Velg et senere møte.' }],
      [{ moveCasesTo: '10.12.2026' }, { moveCasesTo: 'Velg et møte i møteplanen (dato ÅÅÅÅ-MM-DD).' }],
    ];
    for (const [json, fieldErrors] of wrong) {
      const res = await remove('2026-12-10', json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.fieldErrors).toEqual(fieldErrors);
    }
    expect(Object.keys((await remove('2026-12-10', { moveCasesTo: '2027-01-28', notify: false })).body.fieldErrors)).toEqual(['_form']);
    expect(await agendaIds('2026-12-10')).toEqual(onDecember);
    expect((await meetings()).some((m) => m.id === '2026-12-10')).toBe(true);

    const res = await remove('2026-12-10', { moveCasesTo: '2027-01-28' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ removed: { id: '2026-12-10' }, movedTo: { id: '2027-01-28' } });
    expect([...res.body.moved].sort()).toEqual(onDecember);
    expect(await agendaIds('2027-01-28')).toEqual(expect.arrayContaining(ids));
    expect((await meetings()).some((m) => m.id === '2026-12-10')).toBe(false);
    for (const id of ids) {
      const view = await app.call('get-application', { pathParameters: { applicationId: id }, as });
      expect(view.body.application).toMatchObject({ status: 'scheduled', meetingId: '2027-01-28' });
      expect(view.body.application.history.at(-1)).toMatchObject({ action: 'moved-to-meeting', details: { meetingId: '2027-01-28' } });
    }
    // Each owner hears of the new meeting from the next reminder sweep.
    const due = await app.store.listDueReminders(app.clock.now().toISOString(), 500);
    for (const id of ids) expect(due.some((r) => r.id === `${id}#meeting-moved#2027-01-28`)).toBe(true);
  });

  it('a configured meeting cancelled by mistake is listed as cancelled and put back as it was: the configured meeting again; its moved cases stay where they went', async () => {
    app.clock.set(START);
    const { applicationId } = await app.submit();
    await app.cosignAll(applicationId);
    await scheduleApplication(app.deps, applicationId, SYSTEM, { meetingId: '2027-06-17' });
    expect((await remove('2027-06-17', { moveCasesTo: '2027-08-26' })).status).toBe(200);
    const plan = async () => (await app.call('list-meetings', { pathParameters: { schemeId: 'sor-rogaland' }, as })).body as { meetings: Array<{ id: string }>; cancelledMeetings: Array<{ id: string }> };
    const cancelledJune = async () => (await plan()).cancelledMeetings.filter((m) => m.id === '2027-06-17');
    expect(await cancelledJune()).toEqual([expect.objectContaining({ id: '2027-06-17', time: '09:00', title: 'FSU-møte juni 2027', cancelled: { at: START, by: expect.any(String) } })]);

    const june = { date: '2027-06-17', time: '09:00', title: 'FSU-møte juni 2027' };
    const restored = await add(june);
    expect(restored.status, restored.text).toBe(201);
    expect(restored.body).toMatchObject({ restored: true, meeting: { id: '2027-06-17', startsAt: '2027-06-17T07:00:00.000Z' } });
    expect(restored.body.meeting).not.toHaveProperty('added');
    const after = await plan();
    expect(after.cancelledMeetings.some((m) => m.id === '2027-06-17')).toBe(false);
    expect(after.meetings.find((m) => m.id === '2027-06-17')).not.toHaveProperty('added');
    const changes = await app.store.listCalendarChanges('sor-rogaland');
    expect(changes.cancelled.some((c) => c.date === '2027-06-17')).toBe(false);
    expect(changes.added.some((a) => a.date === '2027-06-17')).toBe(false);
    expect((await app.store.getApplication(applicationId))!.meetingId).toBe('2027-08-26');
    // A repeat: the same meeting, nothing new.
    const again = await add(june);
    expect(again.status).toBe(200);
    expect(again.body).not.toHaveProperty('restored');

    // Cancelled again, it can be restored again; once its time has passed, neither listed nor restored.
    expect((await remove('2027-06-17')).status).toBe(200);
    app.clock.set('2027-06-17T07:00:00.000Z'); // the hour it would have started
    try {
      expect(await cancelledJune()).toEqual([]);
      expect((await add(june)).body.fieldErrors).toEqual({ time: 'Møtet må begynne senere enn nå.' });
      app.clock.set('2027-06-18T07:00:00.000Z');
      const late = await add(june);
      expect(late.status).toBe(400);
      expect(late.body.fieldErrors).toEqual({ date: 'Møtet må være fram i tid.' });
    } finally {
      app.clock.set(START);
    }
    expect((await add(june)).status).toBe(201);
  });
});

describe('a cancellation at the same moment as a scheduling', () => {
  /** The store, with one of its writes preceded (once) by what the other party does meanwhile. */
  function interleaved(method: 'transition' | 'cancelConfiguredMeeting', meanwhile: () => Promise<unknown>): typeof app.store {
    let done = false;
    return new Proxy(app.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop !== method) return value.bind(target);
        return async (...args: unknown[]) => {
          if (!done) {
            done = true;
            await meanwhile();
          }
          return value.apply(target, args);
        };
      },
    });
  }
  const complete = async () => {
    const { applicationId } = await app.submit();
    await app.cosignAll(applicationId);
    return applicationId;
  };
  const meetingOf = async (id: string) => (await app.store.getApplication(id))!.meetingId;
  const actor = { kind: 'staff', role: 'secretariat', subject: 'sek-2' } as const;

  it('the scheduling read the calendar before the cancellation and writes after it: it looks again and takes the next meeting', async () => {
    app.clock.set(START);
    const id = await complete();
    const store = interleaved('transition', () => cancelMeeting(app.deps, 'sor-rogaland', '2027-03-18', {}, actor));
    // Aimed at the first meeting after 25.02 (as after a deferral there): 18.03, cancelled while it writes.
    const { meeting } = await scheduleApplication({ ...app.deps, store }, id, SYSTEM, { after: '2027-02-25' });
    expect(meeting.id).toBe('2027-04-22');
    expect(await meetingOf(id)).toBe('2027-04-22');
  });

  it('the cancellation looked at the agenda before the scheduling wrote: it looks again after its own write and moves the late case too', async () => {
    app.clock.set(START);
    const id = await complete();
    const store = interleaved('cancelConfiguredMeeting', () => scheduleApplication(app.deps, id, SYSTEM, { after: '2027-04-22' }));
    const result = await cancelMeeting({ ...app.deps, store }, 'sor-rogaland', '2027-05-27', {}, actor);
    expect(result.moved).toEqual([id]);
    // No case was on it at the first look, so none to follow: the late one goes to the next meeting it reaches, and is told.
    const now = await meetingOf(id);
    expect(now).not.toBe('2027-05-27');
    expect((await meetings()).map((m) => m.id)).toContain(now);
    expect((await app.store.getApplication(id))!.history.at(-1)).toMatchObject({ action: 'moved-to-meeting', details: { meetingId: now } });
  });
});

describe('the start page', () => {
  const page = async (query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat', query, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-secretariat');
  const post = (path: string, routeId: string, pathParameters: Record<string, string>, token: string, form: Record<string, string>) =>
    invoke(formPost(token, { path, pathParameters, form, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), routeId);

  it("each scheme's calendar has the form to add a meeting, marks the added ones and offers to remove those that can go", async () => {
    app.clock.set(START);
    const start = await page();
    expect(start.status).toBe(200);
    const token = csrfTokenOf(start);
    expect(start.text).toContain('<form method="post" action="/sekretariat/sor-rogaland/moter" novalidate aria-label="Legg til et møte for FSU">');
    expect(start.text).toContain('<summary>Legg til et møte i møteplanen</summary>');
    // The usual time of the scheme's meetings is filled in.
    expect(start.text).toMatch(/<input type="time" id="nytt-mote-sor-rogaland-time" name="time" value="09:00"/);

    const addForm = (form: Record<string, string>) => post('/sekretariat/{schemeId}/moter', 'page-add-meeting', { schemeId: 'sor-rogaland' }, token, form);
    const bad = await addForm({ date: '2026-11-01', time: '09:00', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<title>Feil: Sekretariatet: møteplan');
    expect(bad.text).toContain('href="#nytt-mote-sor-rogaland-title"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="add-meeting" open>');

    const ok = await addForm({ date: '2027-09-09', time: '13:00', title: 'Ekstra FSU-møte september 2027' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/sekretariat?kalender=lagt-til#ordning-sor-rogaland');
    const after = await page({ kalender: 'lagt-til' });
    expect(after.text).toContain('Møtet er lagt til i møteplanen.');
    expect(after.text).toMatch(/Ekstra FSU-møte september 2027<\/a> <span class="tag">lagt til<\/span><form method="post" action="\/sekretariat\/sor-rogaland\/moter\/2027-09-09\/fjerning"/);
    expect(after.text).toContain('09.09.2027 kl. 13.00');
    // A configured meeting is cancelled behind "Avlys" (a second step), not at one click.
    expect(after.text).toMatch(/<details class="cancel-meeting"><summary>Avlys<\/summary>\n<form method="post" action="\/sekretariat\/sor-rogaland\/moter\/2027-01-28\/fjerning" novalidate aria-label="Avlys FSU-møte januar 2027">/);

    const removed = await post('/sekretariat/{schemeId}/moter/{meetingId}/fjerning', 'page-remove-meeting', { schemeId: 'sor-rogaland', meetingId: '2027-09-09' }, token, {});
    expect(removed.status).toBe(303);
    expect(removed.headers.location).toBe('/sekretariat?kalender=fjernet#ordning-sor-rogaland');
    // A post from another site: its form has no token matching the cookie.
    const forged = await invoke(
      { ...apiEvent({ method: 'POST', path: '/sekretariat/{schemeId}/moter', pathParameters: { schemeId: 'sor-rogaland' }, form: { _csrf: 'x'.repeat(43), date: '2027-10-07', time: '09:00', title: 'Uten gyldig skjema' }, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), cookies: [`__Host-csrf=${token}`] },
      'page-add-meeting',
    );
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Skjemaet kunne ikke bekreftes.');
    expect((await added()).some((m) => m.date === '2027-10-07')).toBe(false);
  });

  it('"Avlys" on a meeting with open cases asks where they go, proposing the next meeting; a wrong choice shows at the field; then they move', async () => {
    app.clock.set(START);
    const start = await page();
    const token = csrfTokenOf(start);
    // January has the cases moved from the cancelled December meeting.
    const january = /<details class="cancel-meeting"><summary>Avlys<\/summary>\n<form method="post" action="\/sekretariat\/sor-rogaland\/moter\/2027-01-28\/fjerning"[^]*?<\/details>/.exec(start.text)?.[0] ?? '';
    expect(january).toMatch(/Møtet har \d+ saker på sakslisten\. De flyttes til møtet du velger, og søkerne får e-post om det nye møtet\./);
    expect(january).toContain('<label for="avlys-sor-rogaland-2027-01-28-moveCasesTo">Flytt sakene til</label>');
    expect(january).toContain('<option value="2027-02-25" selected>FSU-møte februar 2027 (flyttet) (25.02.2027)</option>');
    expect(january).not.toContain('value="2027-01-28"');
    expect(january).toContain('<button type="submit" class="secondary small">Avlys møtet og flytt sakene</button>');

    const cancel = (form: Record<string, string>) => post('/sekretariat/{schemeId}/moter/{meetingId}/fjerning', 'page-remove-meeting', { schemeId: 'sor-rogaland', meetingId: '2027-01-28' }, token, form);
    const bad = await cancel({ moveCasesTo: '2027-01-28' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#avlys-sor-rogaland-2027-01-28-moveCasesTo"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('Velg et annet møte enn det som avlyses.');
    expect(bad.text).toContain('<details class="cancel-meeting" open><summary>Avlys</summary>');
    const none = await cancel({});
    expect(none.status).toBe(409);
    expect(none.text).toMatch(/Møtet har \d+ saker på sakslisten\. Velg hvilket møte sakene skal flyttes til\./);
    expect((await meetings()).some((m) => m.id === '2027-01-28')).toBe(true);

    const ok = await cancel({ moveCasesTo: '2027-02-25' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe('/sekretariat?kalender=flyttet#ordning-sor-rogaland');
    expect((await page({ kalender: 'flyttet' })).text).toContain('sakene er flyttet til møtet du valgte');
    expect((await meetings()).some((m) => m.id === '2027-01-28')).toBe(false);
    expect((await meetings()).find((m) => m.id === '2027-02-25')?.applications).toBeGreaterThanOrEqual(2);
  });

  it('lists the configured meetings cancelled, each with "Sett inn igjen", which puts it back as it was', async () => {
    app.clock.set(START);
    const start = await page();
    const token = csrfTokenOf(start);
    const cancelledList = (text: string) => /<h3>Avlyste møter<\/h3>[^]*?<\/ul>/.exec(text.slice(text.indexOf('id="ordning-sor-rogaland"')))?.[0] ?? '';
    const list = cancelledList(start.text);
    expect(list).toContain('Saker som ble flyttet da det ble avlyst, blir stående på møtet de ble flyttet til.');
    expect(list).toContain('<li>FSU-møte januar 2027, 28.01.2027 kl. 09.00 (avlyst 20.11.2026)');
    expect(list).toContain('<form method="post" action="/sekretariat/sor-rogaland/moter" class="inline" aria-label="Sett inn igjen FSU-møte januar 2027">');
    expect(list).toContain('<button type="submit" class="secondary small">Sett inn igjen</button>');
    // A configured meeting's "Avlys" says where it can be put back.
    expect(start.text).toContain('Avlyser du ved en feil, setter du møtet inn igjen under «Avlyste møter».');

    const fields = Object.fromEntries([...list.slice(list.indexOf('aria-label="Sett inn igjen FSU-møte januar 2027"')).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].slice(0, 5).map((m) => [m[1]!, m[2]!]));
    expect(fields).toMatchObject({ date: '2027-01-28', time: '09:00', title: 'FSU-møte januar 2027', gjenopprett: 'ja' });
    const { _csrf: _, ...form } = fields;
    const restored = await post('/sekretariat/{schemeId}/moter', 'page-add-meeting', { schemeId: 'sor-rogaland' }, token, form);
    expect(restored.status, restored.text).toBe(303);
    expect(restored.headers.location).toBe('/sekretariat?kalender=gjenopprettet#ordning-sor-rogaland');
    const after = await page({ kalender: 'gjenopprettet' });
    expect(after.text).toContain('Møtet er tilbake i møteplanen. Saker som ble flyttet da det ble avlyst, står på møtet de ble flyttet til');
    expect(after.text).toMatch(/FSU-møte januar 2027<\/a><details class="cancel-meeting">/);
    expect(cancelledList(after.text)).not.toContain('januar 2027');
    expect((await meetings()).find((m) => m.id === '2027-01-28')).not.toHaveProperty('added');
  });
});
