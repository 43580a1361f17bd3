// What the staff pages say about the things several pages show: the pot a meeting draws from, a
// payout's days and states as finance's page names them, one case as one case, and the footer.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import type { ApplicationInput } from '../../schemas/application.schema';

const app = useTestApp();
const HTML = { Accept: 'text/html' };

const staffPage = (route: string, path: string, pathParameters: Record<string, string> = {}) =>
  invoke(apiEvent({ method: 'GET', path, pathParameters, headers: HTML, claims: SECRETARIAT }), route);
const casePage = (applicationId: string) => staffPage('page-application', '/sekretariat/soknader/{applicationId}', { applicationId });
/** The internal unit of the hospital trust owns the project: its grant is a cost booking. */
const internalUnit = (a: ApplicationInput) => {
  a.owner = { partnerIndex: 2, name: 'Ingrid Larsen', email: a.partners[2]!.email, unit: 'Medisinsk klinikk', isInternalUnit: true };
};

describe('the staff pages', () => {
  it('name the pot a meeting draws from by its year, also when read in the next year', async () => {
    await app.scheduled();
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-01-05T09:00:00.000Z');
      const agenda = (await staffPage('page-agenda', '/sekretariat/{schemeId}/moter/{meetingId}', { schemeId: 'sor-rogaland', meetingId: '2026-12-10' })).text;
      expect(agenda).toContain('<dt>Igjen i potten for 2026</dt>');
      expect(agenda).not.toContain('årets pott');
    });
  });

  it('say on the agenda what the meeting decided on a case, not only where it stands now', async () => {
    const { applicationId } = await app.scheduled();
    // Before the decision, the case's facts name the meeting it is on, linked to its item on the agenda.
    expect((await casePage(applicationId)).text).toContain(`<dt>Møte</dt><dd><a href="/sekretariat/sor-rogaland/moter/2026-12-10#sak-${applicationId}">10.12.2026</a></dd>`);
    await app.approve(applicationId, 300_000);
    const agenda = (await staffPage('page-agenda', '/sekretariat/{schemeId}/moter/{meetingId}', { schemeId: 'sor-rogaland', meetingId: '2026-12-10' })).text;
    expect(agenda).toMatch(/<p><strong>Vedtak i møtet:<\/strong> Innvilget, 300 000 kr, \d\d\.\d\d\.\d{4}–\d\d\.\d\d\.\d{4}\. <span class="hint">Status nå: [^<]+\.<\/span><\/p>/);
    const view = (await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as: SECRETARIAT })).body;
    expect(view.items.find((i: { applicationId: string }) => i.applicationId === applicationId).decision).toMatchObject({ outcome: 'approve', amount: 300_000 });
  });

  it('call one case on a meeting to cancel one case: "saken", "den" and "søkeren"', async () => {
    const { applicationId } = await app.submit();
    await app.cosignAll(applicationId);
    await app.schedule(applicationId, '2027-09-23');
    const start = (await staffPage('page-secretariat', '/sekretariat')).text;
    const september = /<form method="post" action="\/sekretariat\/sor-rogaland\/moter\/2027-09-23\/fjerning"[^]*?<\/form>/.exec(start)?.[0] ?? '';
    expect(september).toContain('Møtet har 1 sak på sakslisten. Den flyttes til møtet du velger, og søkeren får e-post om det nye møtet.');
    expect(september).toContain('>Flytt saken til</label>');
    expect(september).toContain('>Avlys møtet og flytt saken</button>');
  });

  it("show a payout as finance's page does: the day it was ordered (\"Bestilt\"), paid and its invoice registered", async () => {
    const { applicationId, payout } = await app.active();
    const page = (await casePage(applicationId)).text;
    expect(page).toContain('<th scope="col">Bestilt</th>');
    expect(page).not.toContain('<th scope="col">Opprettet</th>');
    expect(page).toContain('<td>Betalt<span class="hint">20.11.2026</span></td>');
    expect(page).toContain(`<td>${payout.invoiceNumber}<span class="hint">registrert 20.11.2026</span></td>`);
  });

  it('say "Kostnadsført" in the history of a cost booking, on the case and the owner\'s page, as finance\'s page does', async () => {
    const { applicationId, ownerLinkId, payout } = await app.active('sor-rogaland', internalUnit);
    expect(payout).toMatchObject({ mode: 'cost_booking', state: 'paid' });
    const page = (await casePage(applicationId)).text;
    expect(page).toContain('<td>Kostnadsført</td><td>Økonomi (okonomi-1)</td>');
    expect(page).not.toContain('<td>Utbetalt</td>');
    const owner = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-owner-status')).text;
    expect(owner).toMatch(/<td>Kostnadsført<\/td><\/tr>/);
    // A grant paid on invoice is still "Utbetalt".
    const invoiced = await app.active();
    expect((await casePage(invoiced.applicationId)).text).toContain('<td>Utbetalt</td>');
  });

  it('do not tell the secretariat to ask the secretariat: the footer\'s pointer is for applicants', async () => {
    const staff = (await staffPage('page-secretariat', '/sekretariat')).text;
    expect(staff).toContain('<p>Tilskuddsordning for helsefellesskapene.</p>');
    const home = (await invoke(apiEvent({ method: 'GET', path: '/', headers: HTML }), 'page-home')).text;
    expect(home).toContain('Spørsmål om en søknad? Kontakt sekretariatet i ditt helsefellesskap.');
  });
});
