// A meeting the secretariat adds in a year the configuration sets no pot for: the start page, the
// meeting's agenda and their JSON say so ahead of the meeting, before the committee's "Innvilg"
// meets "Det er ikke satt av noen pott".
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, START, useTestApp } from '../support/test-app';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const WARNING = 'Det er ikke satt av noen pott for 2028.';
const ASK = 'Be den som drifter løsningen legge inn potten for 2028 i konfigurasjonen.';

const startPage = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat');
const agendaPage = (meetingId: string) =>
  invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId }, headers: HTML, claims: as }), 'page-agenda');
const meetings = (schemeId = 'sor-rogaland') => app.call('list-meetings', { pathParameters: { schemeId }, as });
const agenda = (meetingId: string) => app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId }, as });
/** The start page's section for one scheme. */
const section = (text: string, schemeId: string) => text.split('<section aria-labelledby="ordning-').find((s) => s.startsWith(`${schemeId}"`)) ?? '';

describe('a meeting in a year without a pot', () => {
  it('no warning while every meeting ahead has its pot', async () => {
    app.clock.set(START);
    expect((await meetings()).body.missingPots).toEqual([]);
    expect((await agenda('2027-01-28')).body.missingPotYear).toBeNull();
    const start = await startPage();
    expect(start.status).toBe(200);
    expect(start.text).not.toContain('Det er ikke satt av noen pott');
    expect((await agendaPage('2027-01-28')).text).not.toContain('Det er ikke satt av noen pott');
  });

  it('once one is added, the start page, the agenda and the JSON say no pot is set for its year and what to do', async () => {
    app.clock.set(START);
    const added = await app.call('add-meeting', { pathParameters: { schemeId: 'sor-rogaland' }, json: { date: '2028-02-10', time: '09:00', title: 'FSU-møte februar 2028' }, as });
    expect(added.status, added.text).toBe(201);

    expect((await meetings()).body.missingPots).toEqual([{ year: 2028, meetings: [{ id: '2028-02-10', date: '2028-02-10', title: 'FSU-møte februar 2028' }] }]);
    expect((await meetings('innlandet')).body.missingPots).toEqual([]);
    const start = (await startPage()).text;
    expect(section(start, 'sor-rogaland')).toContain(
      `<p class="notice warning"><strong>${WARNING}</strong> FSU kan ikke innvilge tilskudd i FSU-møte februar 2028 (10.02.2028) før potten er lagt inn. Avslag og utsettelse kan registreres som vanlig. ${ASK}</p>`,
    );
    expect(section(start, 'innlandet')).not.toContain('Det er ikke satt av noen pott');

    expect((await agenda('2028-02-10')).body).toMatchObject({ missingPotYear: 2028 });
    const page = await agendaPage('2028-02-10');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<strong>${WARNING}</strong> FSU kan ikke innvilge tilskudd i dette møtet før potten er lagt inn.`);
    expect(page.text).toContain(ASK);
    expect(page.text).toContain('<dt>Igjen i potten for 2028</dt><dd>Ingen pott registrert</dd>');
    // The meetings of 2027 have their pot: no warning on their agendas.
    expect((await agendaPage('2027-01-28')).text).not.toContain('Det er ikke satt av noen pott');

    // A second meeting that year joins the same warning.
    await app.call('add-meeting', { pathParameters: { schemeId: 'sor-rogaland' }, json: { date: '2028-03-09', time: '09:00', title: 'FSU-møte mars 2028' }, as });
    expect(section((await startPage()).text, 'sor-rogaland')).toContain('FSU kan ikke innvilge tilskudd i FSU-møte februar 2028 (10.02.2028) og FSU-møte mars 2028 (09.03.2028) før potten er lagt inn.');
  });

  it('the warning is what the approval meets in the meeting: "Innvilg" there is refused for the same year', async () => {
    app.clock.set(START);
    const { applicationId } = await app.submit();
    await app.cosignAll(applicationId);
    await app.schedule(applicationId, '2028-02-10');
    const approve = await app.decide(applicationId, { outcome: 'approve', amount: 100_000, periodStart: '2028-03-01', periodEnd: '2028-12-31' });
    expect(approve.status).toBe(409);
    expect(approve.body).toMatchObject({ reason: 'no_pot', message: 'Det er ikke satt av noen pott for 2028.' });
  });

  it("on the meeting's day the warning stays; after it, it goes (for the meetings still ahead it stays)", async () => {
    app.clock.set('2028-02-10T13:00:00.000Z'); // the meeting has started, the committee may still be deciding
    expect((await agenda('2028-02-10')).body.missingPotYear).toBe(2028);
    expect((await meetings()).body.missingPots[0].meetings.map((m: { id: string }) => m.id)).toEqual(['2028-02-10', '2028-03-09']);

    app.clock.set('2028-02-11T09:00:00.000Z');
    expect((await agenda('2028-02-10')).body.missingPotYear).toBeNull();
    expect((await agendaPage('2028-02-10')).text).not.toContain('Det er ikke satt av noen pott');
    expect((await meetings()).body.missingPots).toEqual([{ year: 2028, meetings: [{ id: '2028-03-09', date: '2028-03-09', title: 'FSU-møte mars 2028' }] }]);
    expect(section((await startPage()).text, 'sor-rogaland')).toContain('FSU kan ikke innvilge tilskudd i FSU-møte mars 2028 (09.03.2028) før potten er lagt inn.');
  });
});
