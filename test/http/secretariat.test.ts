import { afterEach, describe, expect, it, vi } from 'vitest';
import { STATUS_LABELS_NB } from '../../functions/domain/status-transitions';
import { ConflictError } from '../../functions/domain/errors';
import { triggerPayout } from '../../functions/use-cases/payouts';
import { payoutIdFor } from '../../functions/domain/payout';
import { osloDateOf } from '../../functions/domain/oslo-time';
import { SYSTEM } from '../../functions/use-cases/move-application';
import { getScheme } from '../../config/schemes';
import { overrideDependencies } from '../../functions/composition';
import { apiEvent, staffClaims } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { scheduleApplication } from '../../functions/use-cases/schedule-application';

const app = useTestApp();

const as = SECRETARIAT;
const approveBody = (amount = 850_000) => ({ outcome: 'approve', amount, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
/** The 2026 pot as stored: none until the year's first approval creates it from the configuration. */
const pot = () => app.store.getPot('sor-rogaland', 2026);
const left = async () => (await pot())?.remaining ?? app.scheme('sor-rogaland').yearlyPotNok['2026']!;

describe('meetings and agendas', () => {
  it('lists the meeting plan with deadlines and the number of applications on each agenda', async () => {
    await app.scheduled();
    const res = await app.call('list-meetings', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(res.status).toBe(200);
    expect(res.body.meetings).toHaveLength(12);
    const first = res.body.meetings[0];
    expect(first).toMatchObject({ id: '2026-12-10', submissionDeadline: '2026-11-26T22:59:59.999Z', deadlinePassed: false });
    expect(first.applications).toBeGreaterThanOrEqual(1);
    const innlandet = await app.call('list-meetings', { pathParameters: { schemeId: 'innlandet' }, as });
    expect(innlandet.body.meetings[0]).toMatchObject({ id: '2026-12-03', deadlinePassed: true });
  });

  it('shows a meeting’s agenda with criteria, budget and own contribution; 404 for an unknown meeting', async () => {
    const { applicationId } = await app.scheduled();
    const res = await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as });
    expect(res.status).toBe(200);
    expect(res.body.meeting.id).toBe('2026-12-10');
    expect(res.body.criteriaRule).toEqual({ minMet: 4 });
    const item = res.body.items.find((i: { applicationId: string }) => i.applicationId === applicationId);
    expect(item).toMatchObject({ requestedAmount: 850_000, ownContribution: 600_000, status: 'scheduled' });
    expect(typeof res.body.potRemaining).toBe('number');
    const missing = await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-11' }, as });
    expect(missing.status).toBe(404);
    const unknownScheme = await app.call('get-agenda', { pathParameters: { schemeId: 'ukjent', meetingId: '2026-12-10' }, as });
    expect(unknownScheme.status).toBe(404);
  });
});

describe('the portfolio on the agenda', () => {
  it('sums what the open cases ask for, and warns when it is more than is left in the pot', async () => {
    const meetingId = '2027-11-18';
    const agendaOf = () => app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId }, as });
    const pageOf = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-agenda');
    const first = await app.submit();
    await app.cosignAll(first.applicationId);
    await app.schedule(first.applicationId, meetingId);
    const second = await app.submit();
    await app.cosignAll(second.applicationId);
    await app.schedule(second.applicationId, meetingId);
    expect((await agendaOf()).body.demand).toEqual({ openCases: 2, requested: 1_700_000, exceedsPot: false });
    expect((await pageOf()).text).toContain('<dt>Omsøkt i sakene som ikke er avgjort</dt><dd>1 700 000 kr (2 saker)</dd>');
    expect((await pageOf()).text).not.toContain('må prioritere mellom dem');

    // Most of 2027's pot is taken: the two cases ask for more than is left.
    await app.store.ensurePot('sor-rogaland', 2027, app.scheme('sor-rogaland').yearlyPotNok['2027']!);
    const pot = (await app.store.getPot('sor-rogaland', 2027))!;
    await app.store.reserve('sor-rogaland', 2027, 'app_tidligerevedtak', pot.remaining - 1_000_000);
    expect((await agendaOf()).body.demand).toEqual({ openCases: 2, requested: 1_700_000, exceedsPot: true });
    expect((await pageOf()).text).toContain('<strong>Sakene som ikke er avgjort, ber om 1 700 000 kr, mer enn de 1 000 000 kr som er igjen i potten for 2027.</strong> FSU må prioritere mellom dem.');
  });
});

describe("Innlandet's action part", () => {
  it("each meeting's agenda reports the status of the measures since the meeting before; the decision letter says the measure is noted in it", async () => {
    const { applicationId } = await app.active('innlandet', (a) => (a.title = 'Felles jordmorvakt i Nord-Gudbrandsdal'));
    const agendaOf = async (schemeId: string, meetingId: string) => (await app.call('get-agenda', { pathParameters: { schemeId, meetingId }, as })).body;
    // Sent in after the December meeting's deadline, it is granted in the February meeting.
    expect((await app.store.getApplication(applicationId))?.allocation?.meetingId).toBe('2027-02-11');
    const december = await agendaOf('innlandet', '2026-12-03');
    expect(december.actionPlan).toMatchObject({ title: 'handlingsdelen av strategiplanen for Helsefellesskap Innlandet', from: '2025-12-04', to: '2026-12-03' });
    expect(december.actionPlan.rows.find((r: { applicationId: string }) => r.applicationId === applicationId)).toBeUndefined();
    const february = await agendaOf('innlandet', '2027-02-11');
    expect(february.actionPlan).toMatchObject({ from: '2026-12-04', to: '2027-02-11' });
    expect(february.actionPlan.rows.find((r: { applicationId: string }) => r.applicationId === applicationId)).toMatchObject({ status: 'Pågår', newInPeriod: 'ja', statusReport: '' });
    // At the next meeting the measure still runs: it is reported again, as granted before.
    const april = await agendaOf('innlandet', '2027-04-15');
    expect(april.actionPlan).toMatchObject({ from: '2027-02-12', to: '2027-04-15' });
    expect(april.actionPlan.rows.find((r: { applicationId: string }) => r.applicationId === applicationId)).toMatchObject({ newInPeriod: 'nei' });
    // A scheme without an action part has none on its agenda.
    expect((await agendaOf('sor-rogaland', '2026-12-10')).actionPlan).toBeNull();

    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'innlandet', meetingId: '2027-02-11' }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-agenda');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h2 id="handlingsdel">Status for handlingsdelen</h2>');
    expect(page.text).toContain('Tiltak som har fått midler, er anmerket i handlingsdelen av strategiplanen for Helsefellesskap Innlandet. Her er status for dem som ble tildelt, løp eller rapporterte fra 04.12.2026 til 11.02.2027, til orientering for SSU.');
    expect(page.text).toContain(`<td><a href="/sekretariat/soknader/${applicationId}">Felles jordmorvakt i Nord-Gudbrandsdal</a></td>`);
    const sorRogaland = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-agenda');
    expect(sorRogaland.text).not.toContain('handlingsdel');

    // The lifecycle's allocation step sends the decision letter.
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const letter = app.mailer.sent.find((m) => m.subject === '[SSU] Vedtak om tilskudd: «Felles jordmorvakt i Nord-Gudbrandsdal»');
    expect(letter?.text).toContain('Tiltaket anmerkes i handlingsdelen av strategiplanen for Helsefellesskap Innlandet, og status for tiltaket rapporteres i SSU-møtene.');
  });
});

describe('GET applications', () => {
  it('lists applications by status (?status=), submitted by default; 400 for an unknown status or parameter', async () => {
    const scheduled = await app.scheduled();
    const submitted = await app.submit();
    await app.cosignAll(submitted.applicationId);
    const res = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { status: 'scheduled' }, as });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('scheduled');
    const ids = res.body.applications.map((a: { applicationId: string }) => a.applicationId);
    expect(ids).toContain(scheduled.applicationId);
    expect(ids).not.toContain(submitted.applicationId);
    const byDefault = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(byDefault.body.applications.map((a: { applicationId: string }) => a.applicationId)).toContain(submitted.applicationId);
    const bad = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { status: 'godkjent' }, as });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ status: 'Ukjent søknadsstatus.' });
    const extra = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { status: 'scheduled', limit: '5' }, as });
    expect(extra.status).toBe(400);
    expect(extra.body.fieldErrors._form).toBe('Ukjent felt: limit.');
  });

  it('downloads a status\'s list as CSV for Excel, with a grant\'s amount, period and report deadlines; 400 for another format', async () => {
    // A small grant, just decided (the tests after this one need the year's pot).
    const { applicationId } = await app.scheduled();
    await app.approve(applicationId, 40_000);
    const { allocation, title, submittedAt, status } = (await app.store.getApplication(applicationId))!;
    const label = STATUS_LABELS_NB[status];
    const page = (query: Record<string, string>, claims = as) =>
      invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/soknader', pathParameters: { schemeId: 'sor-rogaland' }, query, headers: { Accept: 'text/html' }, claims }), 'page-applications');
    const list = await page({ status });
    expect(list.text).toContain(`<a href="/sekretariat/sor-rogaland/soknader?status=${status}&amp;format=csv" download>Last ned listen som CSV (åpnes i Excel)</a>`);
    const csv = await page({ status, format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="soknader-sor-rogaland-${status}-\\d{4}-\\d\\d-\\d\\d\\.csv"$`));
    const [header, ...rows] = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(header).toBe('Saksnummer;Tittel;Status;Sendt inn;Omsøkt beløp (kr);Møte;Tildelt beløp (kr);Periode fra;Periode til;Frist statusrapport;Frist sluttrapport');
    const a = allocation!;
    expect(rows.find((r) => r.startsWith(`${applicationId};`))).toBe(
      `${applicationId};${title};${label};${submittedAt.slice(0, 10)};${(await app.store.getApplication(applicationId))!.requestedAmount};2026-12-10;${a.amount};${a.periodStart};${a.periodEnd};${a.statusReportDue};${a.finalReportDue}`,
    );
    expect(a.amount).toBe(40_000);
    expect(rows.every((r) => r.includes(`;${label};`))).toBe(true);
    const other = await page({ status, format: 'xlsx' });
    expect(other.status).toBe(400);
    expect(other.text).toContain('Velg csv, eller la formatet stå tomt.');
    expect((await page({ status, format: 'csv' }, FINANCE)).status).toBe(403);
  });

  it('shows the whole case to the secretariat; 404 for an unknown application', async () => {
    const { applicationId } = await app.scheduled();
    const res = await app.call('get-application', { pathParameters: { applicationId }, as });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ id: applicationId, status: 'scheduled', meetingId: '2026-12-10' });
    expect(res.body.data.partners).toHaveLength(3);
    expect(res.body.signatures).toHaveLength(3);
    expect(res.body.application.history.at(-1).actor).toEqual({ kind: 'staff', role: 'secretariat', subject: 'sekretær-1' });
    expect((await app.call('get-application', { pathParameters: { applicationId: 'app_finnesikke' }, as })).status).toBe(404);
    // On an agenda: no next meeting to name.
    expect(res.body.nextMeeting).toBeUndefined();
  });

  it('names the meeting a case not yet on an agenda reaches, and its deadline', async () => {
    const { applicationId } = await app.submit();
    const res = await app.call('get-application', { pathParameters: { applicationId }, as });
    expect(res.body.nextMeeting).toEqual({ id: '2026-12-10', date: '2026-12-10', submissionDeadline: '2026-11-26T22:59:59.999Z' });
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: as }), 'page-application');
    expect(page.text.replace(/\u00a0/g, ' ')).toContain('<dt>Neste mulige møte</dt><dd>10.12.2026, om søknaden er komplett innen søknadsfristen 26.11.2026 kl. 23.59</dd>');
  });
});

describe('finding a case by its number (the overview\'s lookup)', () => {
  const overview = (query: Record<string, string>, claims = as) => invoke(apiEvent({ method: 'GET', path: '/sekretariat', query, headers: { Accept: 'text/html' }, claims }), 'page-secretariat');

  it('goes straight to the case; a malformed, unknown or other community\'s number is shown at the field', async () => {
    const { applicationId } = await app.scheduled();
    const found = await overview({ sak: ` ${applicationId} ` });
    expect(found.status).toBe(303);
    expect(found.headers.location).toBe(`/sekretariat/soknader/${applicationId}`);
    // Pasted from a letter with the words around it.
    const pasted = await overview({ sak: `Saksnummer: ${applicationId}.` });
    expect(pasted.headers.location).toBe(`/sekretariat/soknader/${applicationId}`);

    const malformed = await overview({ sak: 'app_42' });
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('<a href="#finn-sak">Saksnummer eller søkeord: Skriv saksnummeret slik det står i vedtaksbrevet: app_ fulgt av 16 tegn.</a>');
    expect(malformed.text).toContain('value="app_42"');
    expect(malformed.text).toContain('FSU-møte desember 2026'); // the overview is still there
    expect((await overview({ sak: '' })).text).toContain('Skriv saksnummeret du vil åpne, eller ord å søke etter.');
    const short = await overview({ sak: 'ab' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Skriv minst 3 tegn å søke etter, eller hele saksnummeret.');

    const unknown = await overview({ sak: 'app_AAAAAAAAAAAAAAAA' });
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Fant ingen sak med saksnummer app_AAAAAAAAAAAAAAAA i ordningene du arbeider med.');
    // Another community's case is not found for this person (the case page would refuse it).
    const otherCommunity = await overview({ sak: applicationId }, staffClaims(['secretariat', 'scheme:innlandet'], 'sekretær-innlandet'));
    expect(otherCommunity.status).toBe(404);
    // Without a lookup the overview is the overview.
    expect((await overview({})).status).toBe(200);
  });
});

describe('searching for cases by words (the overview\'s lookup)', () => {
  const overview = (query: Record<string, string>, claims = as) => invoke(apiEvent({ method: 'GET', path: '/sekretariat', query, headers: { Accept: 'text/html' }, claims }), 'page-secretariat');

  it('lists the cases whose title, owner or partners have every word, newest first, in the person\'s communities only', async () => {
    const { applicationId: older } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Kombinert jordmorstilling i Dalane')));
    // Sent in a minute later (the clock goes back after).
    const saved = app.clock.now().toISOString();
    app.clock.set(new Date(Date.parse(saved) + 60_000).toISOString());
    const { applicationId: newer } = await app.scheduled('sor-rogaland', (a) => {
      a.title = 'Jordmortjeneste på tvers i Dalane og Sokndal';
      a.owner.name = 'Berit Olsen';
      a.partners[1]!.organisationName = 'Eigersund kommune';
    }).finally(() => app.clock.set(saved));
    const { applicationId: elsewhere } = await app.submit('innlandet', app.application('innlandet', (a) => (a.title = 'Jordmorsamarbeid i Valdres')));

    const found = await overview({ sak: '  JORDMOR dalane ' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('<h2 id="sokeresultat">Søk: «JORDMOR dalane»</h2>');
    expect(found.text).toContain('<p>2 saker passer.</p>');
    const rows = [...found.text.matchAll(/<a href="\/sekretariat\/soknader\/(app_[^"]+)">/g)].map((m) => m[1]);
    expect(rows.filter((id) => [older, newer].includes(id!))).toEqual([newer, older]);
    expect(found.text).not.toContain(elsewhere);
    expect(found.text).toContain('value="JORDMOR dalane"');
    // The same through the API, per community (?q=), in every status.
    const api = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { q: 'jordmor dalane' }, as });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ query: 'jordmor dalane', total: 2 });
    expect(api.body.applications.map((a: { applicationId: string }) => a.applicationId)).toEqual([newer, older]);
    expect(api.body.applications[0]).toMatchObject({ schemeId: 'sor-rogaland', status: 'scheduled', statusLabel: 'Satt opp til behandling i møte', meetingId: '2026-12-10' });
    const inInnlandet = (await app.call('list-applications', { pathParameters: { schemeId: 'innlandet' }, query: { q: 'jordmor' }, as })).body.applications.map((a: { applicationId: string }) => a.applicationId);
    expect(inInnlandet).toContain(elsewhere);
    expect(inInnlandet).not.toContain(newer);
    const both = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { q: 'jordmor', status: 'submitted' }, as });
    expect(both.status).toBe(400);
    expect(both.body.fieldErrors).toEqual({ status: 'Et søk (q) går over alle statuser: bruk enten q eller status.' });
    expect((await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { q: ' jo ' }, as })).body.fieldErrors).toEqual({ q: 'Skriv minst 3 tegn å søke etter.' });

    // By the owner's address (part of it), across statuses.
    const { ownerEmail } = (await app.store.getApplication(newer))!;
    const byAddress = await overview({ sak: `${ownerEmail.split('@')[0]} jordmor` });
    expect(byAddress.text).toContain(`/sekretariat/soknader/${newer}"`);
    // By the owner's name as the application gives it.
    expect((await overview({ sak: 'berit olsen sokndal' })).text).toContain(`/sekretariat/soknader/${newer}"`);
    // By a partner's organisation name.
    const byPartner = await overview({ sak: 'jordmor EIGERSUND' });
    expect(byPartner.text).toContain(`/sekretariat/soknader/${newer}"`);
    expect(byPartner.text).not.toContain(`/sekretariat/soknader/${older}"`);
    // Someone working for Innlandet only finds Innlandet's.
    const innlandet = await overview({ sak: 'jordmor' }, staffClaims(['secretariat', 'scheme:innlandet'], 'sekretær-innlandet'));
    expect(innlandet.text).toContain(`/sekretariat/soknader/${elsewhere}"`);
    expect(innlandet.text).not.toContain(newer);
    // Nothing matches: said so, not an error.
    const none = await overview({ sak: 'ingen slik tittel finnes' });
    expect(none.status).toBe(200);
    expect(none.text).toContain('Ingen saker i ordningene du arbeider med passer søket.');
  });
});

describe('POST …/meeting (schedule-application)', () => {
  it('moves an application to another meeting', async () => {
    const { applicationId } = await app.scheduled();
    const res = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: '2027-01-28' }, as });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ status: 'scheduled', meetingId: '2027-01-28' });
    expect(res.body.meeting.id).toBe('2027-01-28');
    const agenda = await app.store.listAgenda('sor-rogaland', '2027-01-28');
    expect(agenda.map((a) => a.id)).toContain(applicationId);
    expect((await app.store.listAgenda('sor-rogaland', '2026-12-10')).map((a) => a.id)).not.toContain(applicationId);
  });

  it('moved away and back: each move puts its own notice for the owner, the move back too; a repeat of a move puts nothing new', async () => {
    const { applicationId } = await app.scheduled(); // moved by hand to 10.12
    const move = async (meetingId: string) => expect((await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId }, as })).status).toBe(200);
    await move('2027-01-28');
    await move('2026-12-10');
    await move('2026-12-10'); // a double post
    await move('2027-01-28');
    const notices = (await app.store.listDueReminders('2099-01-01T00:00:00.000Z')).filter((r) => r.applicationId === applicationId && r.kind === 'meeting-moved');
    expect(notices.map((r) => r.id).sort()).toEqual([
      `${applicationId}#meeting-moved#2026-12-10`,
      `${applicationId}#meeting-moved#2026-12-10#2`,
      `${applicationId}#meeting-moved#2027-01-28`,
      `${applicationId}#meeting-moved#2027-01-28#2`,
    ]);
  });

  it('a move written whose notice was not (a failure after the write): the repeat puts the notice and restarts the wait', async () => {
    const { applicationId } = await app.scheduled();
    let failOnce = true;
    const store = new Proxy(app.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop !== 'putReminder') return value.bind(target);
        return async (...args: unknown[]) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('ProvisionedThroughputExceededException');
          }
          return value.apply(target, args);
        };
      },
    });
    const cancel = vi.spyOn(app.deps.workflow, 'cancel');
    const staff = { kind: 'staff', role: 'secretariat', subject: 'sek-1' } as const;
    try {
      await expect(scheduleApplication({ ...app.deps, store }, applicationId, staff, { meetingId: '2027-01-28' })).rejects.toThrow('ProvisionedThroughputExceededException');
      expect((await app.store.getApplication(applicationId))!.meetingId).toBe('2027-01-28');
      expect(cancel).not.toHaveBeenCalled();
      await scheduleApplication({ ...app.deps, store }, applicationId, staff, { meetingId: '2027-01-28' });
      expect(cancel).toHaveBeenCalledWith(applicationId, 'MeetingMoved');
    } finally {
      cancel.mockRestore();
    }
    const due = await app.store.listDueReminders('2099-01-01T00:00:00.000Z');
    expect(due.some((r) => r.id === `${applicationId}#meeting-moved#2027-01-28`)).toBe(true);
  });

  it('answers 400 for a missing or malformed meeting, 404 for a date without a meeting, 409 before co-signature or for a meeting already held', async () => {
    const { applicationId } = await app.submit();
    const missing = await app.call('schedule-application', { pathParameters: { applicationId }, json: {}, as });
    expect(missing.status).toBe(400);
    expect(missing.body.fieldErrors).toEqual({ meetingId: 'Velg hvilket møte søknaden skal behandles i.' });
    const malformed = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: 'neste torsdag' }, as });
    expect(malformed.body.fieldErrors.meetingId).toBe('Velg et møte i møteplanen (dato ÅÅÅÅ-MM-DD).');
    const extra = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: '2026-12-10', status: 'approved' }, as });
    expect(extra.status).toBe(400);
    expect(extra.body.fieldErrors._form).toBe('Ukjent felt: status.');
    const early = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: '2026-12-10' }, as });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('not_schedulable');
    await app.cosignAll(applicationId);
    const noMeeting = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: '2026-12-11' }, as });
    expect(noMeeting.status).toBe(404);
    expect(noMeeting.body.message).toBe('Fant ikke møtet i møteplanen.');
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2026-12-10T08:00:00.000Z'); // the December meeting starts now
      const held = await app.call('schedule-application', { pathParameters: { applicationId }, json: { meetingId: '2026-12-10' }, as });
      expect(held.status).toBe(409);
      expect(held.body.reason).toBe('meeting_passed');
    } finally {
      app.clock.set(saved);
    }
    expect((await app.store.getApplication(applicationId))?.status).toBe('submitted');
  });
});

describe('POST …/information-requests', () => {
  it('asks the owner for more information (201); the owner sees it; a second request is 409', async () => {
    const { applicationId, ownerLinkId } = await app.scheduled();
    const bad = await app.call('request-information', { pathParameters: { applicationId }, json: { message: '' }, as });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ message: 'Feltet må fylles ut.' });
    const res = await app.call('request-information', { pathParameters: { applicationId }, json: { message: 'Hvem har pasientansvaret om natten?' }, as });
    expect(res.status).toBe(201);
    expect(res.body.application.status).toBe('more_information_requested');
    expect(res.body.decision).toMatchObject({ outcome: 'more_information', reason: 'Hvem har pasientansvaret om natten?' });
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body).toMatchObject({ status: 'more_information_requested', informationRequest: 'Hvem har pasientansvaret om natten?' });
    const again = await app.call('request-information', { pathParameters: { applicationId }, json: { message: 'Og mer?' }, as });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('not_scheduled');
  });
});

describe('POST …/decisions (record-decision)', () => {
  it('approves: 201, the allocation with report due dates, the pot reduced; a second decision is 409 and takes nothing', async () => {
    const { applicationId, ownerLinkId } = await app.scheduled();
    const before = await left();
    // The committee decides in its meeting (10.12, 09:00): before it starts, nothing is recorded.
    const early = await app.call('record-decision', { pathParameters: { applicationId }, json: approveBody(800_000), as });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'meeting_not_held', message: 'Møtet 10.12.2026 har ikke startet ennå. Vedtaket registreres når møtet er i gang.' });
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');
    expect(await app.store.listDecisions(applicationId)).toEqual([]);
    expect(await left()).toBe(before);
    // Nor can the committee grant a period that is already over.
    const past = await app.decide(applicationId, { ...approveBody(800_000), periodStart: '2026-01-01', periodEnd: '2026-12-09' }, as);
    expect(past.status).toBe(400);
    expect(past.body.fieldErrors).toEqual({ periodEnd: 'Perioden er allerede over (sluttdato 09.12.2026). Velg en sluttdato fra og med 10.12.2026.' });
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');
    expect(await left()).toBe(before);
    const res = await app.decide(applicationId, { ...approveBody(800_000), comment: 'Innvilget med redusert beløp.' }, as);
    expect(res.status).toBe(201);
    expect(res.body.application.status).toBe('approved');
    expect(res.body.application.allocation).toMatchObject({
      amount: 800_000,
      potYear: 2026,
      meetingId: '2026-12-10',
      decidedAt: '2026-12-10T08:00:00.000Z',
      statusReportDue: '2027-06-10',
      finalReportDue: '2028-02-29',
    });
    expect(res.body.decision).toMatchObject({ outcome: 'approve', amount: 800_000, decidedBy: 'sekretær-1' });
    expect(await left()).toBe(before - 800_000);
    expect((await pot())?.reservations[applicationId]).toBe(800_000);

    const again = await app.decide(applicationId, approveBody(800_000), as);
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('already_decided');
    expect(await left()).toBe(before - 800_000);
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body.allocation.amount).toBe(800_000);
    // The committee's note goes with the grant: in the letter, its copy to the group's leaders, and on the owner's page.
    expect(owner.body.allocation.note).toBe('Innvilget med redusert beløp.');
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const letters = app.mailer.sent.filter((m) => m.text.includes(applicationId) && m.subject.startsWith('[FSU] Vedtak om tilskudd'));
    expect(letters).toHaveLength(2);
    for (const letter of letters) expect(letter.text).toContain('Merknad fra FSU:\n> Innvilget med redusert beløp.');
    const ownerPage = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status');
    expect(ownerPage.text).toContain('<dt>Merknad fra FSU</dt><dd class="long-text">Innvilget med redusert beløp.</dd>');
  });

  it('answers 400 naming the field for amounts and periods the committee may not grant, and writes nothing', async () => {
    const { applicationId } = await app.scheduled();
    const before = await app.store.getApplication(applicationId);
    const potBefore = await pot();
    const tooMuch = await app.decide(applicationId, approveBody(900_000), as);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.fieldErrors.amount).toMatch(/^Tildelt beløp kan ikke være større enn omsøkt beløp \(850\s000\skr\)\.$/);
    const tooLong = await app.decide(applicationId, { ...approveBody(), periodEnd: '2028-01-01' }, as);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fieldErrors.periodEnd).toBe('Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.12.2027).');
    const backwards = await app.decide(applicationId, { ...approveBody(), periodEnd: '2026-12-31' }, as);
    expect(backwards.body.fieldErrors.periodEnd).toBe('Sluttdato må være etter startdato.');
    const noReason = await app.decide(applicationId, { outcome: 'reject' }, as);
    expect(noReason.body.fieldErrors).toEqual({ reason: 'Skriv en begrunnelse for avslaget.' });
    const unknown = await app.decide(applicationId, { outcome: 'kanskje' }, as);
    expect(unknown.status).toBe(400);
    expect(Object.values(unknown.body.fieldErrors)).toContain('Velg innvilge, avslå eller utsette.');
    expect(await app.store.getApplication(applicationId)).toEqual(before);
    expect(await pot()).toEqual(potBefore);
    expect(await app.store.listDecisions(applicationId)).toEqual([]);
  });

  it('rejects with a reason the owner can read, and defers to a later meeting', async () => {
    const rejected = await app.scheduled();
    const res = await app.decide(rejected.applicationId, { outcome: 'reject', reason: 'Mangler forankring i kommunen.' }, as);
    expect(res.status).toBe(201);
    expect(res.body.application.status).toBe('rejected');
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: rejected.ownerLinkId } });
    expect(owner.body).toMatchObject({ status: 'rejected', rejectionReason: 'Mangler forankring i kommunen.' });

    const deferred = await app.scheduled();
    const defer = await app.decide(deferred.applicationId, { outcome: 'defer' }, as);
    expect(defer.status).toBe(201);
    expect(defer.body.application.status).toBe('deferred');
    expect(defer.body.application.meetingId).toBeUndefined();
    await app.schedule(deferred.applicationId, '2027-01-28');
    expect((await app.store.getApplication(deferred.applicationId))?.status).toBe('scheduled');
  });

  it('answers 404 for an unknown application', async () => {
    const res = await app.decide('app_finnesikke', approveBody(), as);
    expect(res.status).toBe(404);
  });
});

describe('the yearly pot: its total is configuration, what is left is state', () => {
  /** Runs the handlers on Sør-Rogaland's configuration with other pots, as a new deployment would. */
  const configurePots = (yearlyPotNok: Record<string, number>) => {
    const base = app.scheme('sor-rogaland');
    overrideDependencies({ scheme: (id) => (id === base.id ? { ...base, yearlyPotNok } : getScheme(id)) });
  };
  afterEach(() => {
    overrideDependencies({ scheme: getScheme });
  });
  const agendaPot = async () => (await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as })).body.potRemaining;

  it('a changed total shows on the agenda at once and is applied to the stored pot by the next approval', async () => {
    const { applicationId } = await app.scheduled();
    await app.decide((await app.scheduled()).applicationId, approveBody(100_000), as);
    const stored = (await pot())!;
    expect(await agendaPot()).toBe(stored.remaining);

    configurePots({ '2026': stored.total + 2_000_000 });
    expect(await agendaPot()).toBe(stored.remaining + 2_000_000);
    expect(await pot()).toEqual(stored); // a page view writes nothing

    const res = await app.decide(applicationId, approveBody(300_000), as);
    expect(res.status).toBe(201);
    expect(await pot()).toMatchObject({ total: stored.total + 2_000_000, remaining: stored.remaining + 2_000_000 - 300_000 });

    // Lowered below what is already allocated: nothing is left, and an approval says so.
    configurePots({ '2026': 100_000 });
    expect(await agendaPot()).toBeLessThan(0);
    const refused = await app.decide((await app.scheduled()).applicationId, approveBody(1_000), as);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('pot_exhausted');
  });

  it('a year the configuration gives no pot: approval is 409 no_pot, nothing is written, the agenda shows no pot', async () => {
    const { applicationId } = await app.scheduled();
    const before = await pot();
    configurePots({ '2027': 10_000_000 });
    const res = await app.decide(applicationId, approveBody(100_000), as);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ reason: 'no_pot', message: 'Det er ikke satt av noen pott for 2026.' });
    expect(await pot()).toEqual(before);
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');
    expect(await agendaPot()).toBeUndefined();
  });
});

describe('reallocation decisions and repayment claims', () => {
  it('decides a reallocation request (200); a second decision is 409; unknown ids 404; a missing choice 400', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Mer opplæring.', amount: 40_000 } });
    const reallocationId = requested.body.id as string;
    const invalid = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId }, json: {}, as });
    expect(invalid.status).toBe(400);
    expect(invalid.body.fieldErrors).toEqual({ approved: 'Feltet må fylles ut.' });
    const res = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId }, json: { approved: true, reason: 'Innenfor formålet.' }, as });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: reallocationId, state: 'approved', reason: 'Innenfor formålet.' });
    const again = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId }, json: { approved: false }, as });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('already_decided');
    const unknown = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: 'realloc_finnesikke' }, json: { approved: true }, as });
    expect(unknown.status).toBe(404);
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body.reallocations).toEqual([expect.objectContaining({ id: reallocationId, state: 'approved' })]);
  });

  it('a repayment claim is written on the grant first: a claim whose grant write fails leaves finance nothing, a crash before its payout is finished by a repeat, and another claim is refused', async () => {
    const { applicationId } = await app.active();
    const repaymentId = payoutIdFor(applicationId, 'repayment');
    const claim = (json: Record<string, unknown>) => app.call('claim-repayment', { pathParameters: { applicationId }, json, as });
    const failing = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new ConflictError('Søknaden ble endret av noen andre samtidig.', 'stale'));
    const failed = await claim({ amount: 100_000, reason: 'Feil bruk.' });
    failing.mockRestore();
    expect(failed.status).toBe(409);
    expect(await app.store.getPayout(repaymentId)).toBeUndefined();
    expect((await app.store.getApplication(applicationId))!.repaymentClaimed).toBeUndefined();

    // The grant write succeeds and the process stops before the payout (a crash): finance has nothing yet.
    const body = { amount: 80_000, reason: 'Midler brukt til drift.' };
    const crashing = vi.spyOn(app.store, 'putPayout').mockRejectedValueOnce(new Error('connection reset'));
    expect((await claim(body)).status).toBe(500);
    crashing.mockRestore();
    expect((await app.store.getApplication(applicationId))!.repaymentClaimed).toBe(80_000);
    expect(await app.store.getPayout(repaymentId)).toBeUndefined();
    // Another claim is refused, and finishes nothing; the repeat of the claim made finishes it, with its amount.
    expect((await claim({ amount: 50_000, reason: 'Noe annet.' })).body.reason).toBe('already_claimed');
    expect(await app.store.getPayout(repaymentId)).toBeUndefined();
    const repeat = await claim(body);
    expect(repeat.status, repeat.text).toBe(201);
    expect(repeat.body.payout).toMatchObject({ id: repaymentId, amount: -80_000, state: 'repayment_claimed' });
    expect(await app.store.getPayout(repaymentId)).toMatchObject({ amount: -80_000 });
    const decisions = (await app.call('get-application', { pathParameters: { applicationId }, as })).body.decisions;
    expect(decisions.filter((d: { outcome: string }) => d.outcome === 'claim_repayment')).toEqual([expect.objectContaining({ amount: 80_000, reason: body.reason })]);
    // And once more: nothing new.
    expect((await claim(body)).status).toBe(201);
    expect((await app.store.getApplication(applicationId))!.history.filter((h) => h.action === 'repayment-claimed')).toHaveLength(1);
  });

  it('claims repayment (201) as a negative payout; 400 naming the amount above the allocation; 409 before payout; 400 without a reason', async () => {
    const { applicationId } = await app.active();
    const bad = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 100_000 }, as });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ reason: 'Feltet må fylles ut.' });
    const tooMuch = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 900_000, reason: 'Feil bruk.' }, as });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.fieldErrors).toEqual({ amount: 'Kravet kan ikke være større enn tilskuddet (850 000 kr).' });
    expect((await app.store.getApplication(applicationId))?.status).toBe('active');
    const res = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 100_000, reason: 'Midler brukt til drift.' }, as });
    expect(res.status).toBe(201);
    expect(res.body.application).toMatchObject({ status: 'repayment_claimed', repaymentClaimed: 100_000 });
    expect(res.body.payout).toMatchObject({ amount: -100_000, state: 'repayment_claimed', projectNumber: 'R-11326-D11325' });
    const { applicationId: notPaid } = await app.scheduled();
    const early = await app.call('claim-repayment', { pathParameters: { applicationId: notPaid }, json: { amount: 1_000, reason: 'Feil.' }, as });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('not_active');
  });

  it('takes back a grant closed after its reports with its payout never invoiced; a closed grant that was paid is claimed back instead', async () => {
    const { applicationId, payout } = await app.closed(0, { paid: false });
    expect(payout.state).toBe('awaiting_invoice');
    // The secretariat is told, with the final report, that the grant closed unpaid.
    const closedMail = app.mailer.sent.find((m) => m.idempotencyKey === `final-report-received#${applicationId}`);
    expect(closedMail?.text).toContain('Tilskuddet er nå avsluttet, men er ikke utbetalt');
    const casePage = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: as }), 'page-application');
    expect((await casePage()).text).toContain('Tilskuddet er avsluttet, men aldri utbetalt.');
    const year = (await app.store.getApplication(applicationId))!.allocation!.potYear;
    const potBefore = (await app.store.getPot('sor-rogaland', year))!.remaining;
    const res = await app.call('revoke-grant', { pathParameters: { applicationId }, json: { reason: 'Fakturaen kom aldri.' }, as });
    expect(res.status, res.text).toBe(200);
    expect(res.body.application).toMatchObject({ status: 'revoked' });
    expect(res.body.application.history.at(-1)).toMatchObject({ action: 'grant-revoked', from: 'closed', to: 'revoked' });
    expect(res.body.payout).toMatchObject({ id: payout.id, state: 'cancelled' });
    expect((await app.store.getPot('sor-rogaland', year))!.remaining).toBe(potBefore + payout.amount);
    expect((await casePage()).text).not.toContain('<h2 id="tilbaketrekking">');

    const paid = await app.closed(0);
    expect(app.mailer.sent.find((m) => m.idempotencyKey === `final-report-received#${paid.applicationId}`)?.text).not.toContain('ikke utbetalt');
    const refused = await app.call('revoke-grant', { pathParameters: { applicationId: paid.applicationId }, json: { reason: 'For sent.' }, as });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('paid');
  });

  it('takes back a grant not yet paid: refused before its payout exists and once it is paid; nothing half-written when the grant write fails; finance cannot act on the cancelled payout', async () => {
    const { applicationId } = await app.scheduled();
    await app.approve(applicationId);
    const body = { reason: 'Prosjektet blir ikke gjennomført.' };
    const early = await app.call('revoke-grant', { pathParameters: { applicationId }, json: body, as });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('not_ready');
    const payout = await triggerPayout(app.deps, applicationId, SYSTEM);
    const year = (await app.store.getApplication(applicationId))!.allocation!.potYear;
    const potBefore = (await app.store.getPot('sor-rogaland', year))!.remaining;

    // The grant write fails (someone changed the grant meanwhile): the payout is given back its state, the pot untouched.
    const failing = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new ConflictError('Søknaden ble endret av noen andre samtidig.', 'stale'));
    const failed = await app.call('revoke-grant', { pathParameters: { applicationId }, json: body, as });
    failing.mockRestore();
    expect(failed.status).toBe(409);
    expect(await app.store.getPayout(payout.id)).toEqual(expect.objectContaining({ state: payout.state }));
    expect((await app.store.getPayout(payout.id))!.cancelledAt).toBeUndefined();
    expect((await app.store.getApplication(applicationId))!.status).toBe('payout_pending');
    expect((await app.store.getPot('sor-rogaland', year))!.remaining).toBe(potBefore);

    const res = await app.call('revoke-grant', { pathParameters: { applicationId }, json: body, as });
    expect(res.status).toBe(200);
    expect(res.body.application).toMatchObject({ status: 'revoked' });
    expect(res.body.payout).toMatchObject({ id: payout.id, state: 'cancelled', amount: 850_000 });
    expect((await app.store.getPot('sor-rogaland', year))!.remaining).toBe(potBefore + 850_000);
    for (const [route, json] of [['register-invoice', { invoiceNumber: 'F-1' }], ['mark-paid', {}]] as const) {
      const refused = await app.call(route, { pathParameters: { payoutId: payout.id }, json, as: FINANCE });
      expect(refused.status, route).toBe(409);
      expect(refused.body.reason, route).toBe('cancelled');
    }
    // A repeat (a retry after a lost answer) is the same revocation: nothing more goes back to the pot.
    expect((await app.call('revoke-grant', { pathParameters: { applicationId }, json: body, as })).status).toBe(200);
    expect((await app.store.getPot('sor-rogaland', year))!.remaining).toBe(potBefore + 850_000);

    const { applicationId: paid } = await app.active();
    const refused = await app.call('revoke-grant', { pathParameters: { applicationId: paid }, json: body, as });
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe('paid');
    const rejected = await app.scheduled();
    expect((await app.call('revoke-grant', { pathParameters: { applicationId: rejected.applicationId }, json: body, as })).body.reason).toBe('not_granted');
  });
});

describe('follow-up reports for the committee', () => {
  it('half-year report as JSON and as a safe CSV download', async () => {
    const { applicationId } = await app.active('sor-rogaland', (a) => (a.title = '=HYPERLINK("http://evil.example";"klikk")'));
    const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-07-01', to: '2026-12-31' }, as });
    expect(res.status).toBe(200);
    expect(res.body.scheme).toMatchObject({ id: 'sor-rogaland', committee: 'FSU', reportTo: 'SSU' });
    const row = res.body.rows.find((r: { applicationId: string }) => r.applicationId === applicationId);
    expect(row).toMatchObject({ amount: 850_000, decidedAt: '2026-12-10', status: 'Pågår' });
    // (grants taken back are listed, not counted: see below)
    expect(res.body.allocated).toBe(res.body.rows.filter((r: { newInPeriod: string; revokedOn: string }) => r.newInPeriod === 'ja' && r.revokedOn === '').reduce((s: number, r: { amount: number }) => s + r.amount, 0));

    const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-07-01', to: '2026-12-31', format: 'csv' }, as });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="halvarsrapport-sor-rogaland-2026-07-01-2026-12-31.csv"');
    expect(csv.text.startsWith('\uFEFFSøknad;Tittel;Status nå;Tildelt (kr)')).toBe(true);
    const line = csv.text.split('\r\n').find((l) => l.startsWith(applicationId));
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"";""klikk"")"`);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(res.body.rows.length + 1);
  });

  it('half-year report: each grant with its national guideline areas, and the totals by area for the report to the regional health authority', async () => {
    const scheme = app.scheme('innlandet');
    const { applicationId: named } = await app.active('innlandet', (a) => (a.guidelineAreas = ['waiting-times', 'cost-shift']));
    const { applicationId: other } = await app.active('innlandet', (a) => {
      a.guidelineAreas = [];
      a.otherNeed = 'Felles vaktordning for jordmødre i distriktet.';
    });
    // Sent in after the December deadline, they are granted in the February 2027 meeting.
    const res = await app.call('half-year-report', { pathParameters: { schemeId: 'innlandet' }, query: { from: '2027-01-01', to: '2027-06-30' }, as });
    expect(res.status).toBe(200);
    const label = (id: string) => scheme.guidelineAreas.find((a) => a.id === id)!.label;
    const rowOf = (id: string) => res.body.rows.find((r: { applicationId: string }) => r.applicationId === id);
    expect(rowOf(named).guidelineAreas).toBe(`${label('waiting-times')}; ${label('cost-shift')}`);
    expect(rowOf(other).guidelineAreas).toBe('Andre behov');
    type Total = { id: string; grants: number; newGrants: number; allocated: number };
    const totals: Total[] = res.body.byGuidelineArea;
    expect(totals.map((t) => t.id)).toEqual([...scheme.guidelineAreas.map((a) => a.id), 'other-need']);
    // Each total agrees with the rows that name the area.
    for (const t of totals) {
      const rows = res.body.rows.filter((r: { guidelineAreas: string }) => r.guidelineAreas.split('; ').includes(t.id === 'other-need' ? 'Andre behov' : label(t.id)));
      expect(t.grants, t.id).toBe(rows.length);
      expect(t.allocated, t.id).toBe(rows.filter((r: { newInPeriod: string }) => r.newInPeriod === 'ja').reduce((s: number, r: { amount: number }) => s + r.amount, 0));
    }
    expect(totals.find((t) => t.id === 'cost-shift')!.grants).toBeGreaterThanOrEqual(1);
    expect(totals.find((t) => t.id === 'other-need')).toMatchObject({ grants: 1, newGrants: 1, allocated: rowOf(other).amount });

    const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'innlandet' }, query: { from: '2027-01-01', to: '2027-06-30', format: 'csv' }, as });
    expect(csv.text.split('\r\n')[0]!.endsWith(';Krav om tilbakebetaling (kr);Nasjonale føringer;Trukket tilbake;Omdisponert (kr);Utbetalt;Tilbakebetalt (kr);Partnere'
      + ';Siste rapport;Siste rapport sendt;Siste rapport utfylt;Krav fremmet;Omdisponert i perioden (kr);Tilbakebetalt i perioden (kr)')).toBe(true);
    expect(csv.text.split('\r\n').find((l) => l.startsWith(other))!).toMatch(/;Andre behov;;0;\d{4}-\d\d-\d\d;0;"[^"]+";;;;;0;0$/);
  });

  it('half-year report: a grant decided earlier is listed while it runs or reports, with what its reports say it spent, but not counted as allocated', async () => {
    const { applicationId } = await app.active('sor-rogaland', (a) => (a.title = 'Tildelt i fjor, rapporterer i år'));
    const link = await app.reportLink(applicationId, 'status');
    expect((await app.call('submit-report', { pathParameters: { linkId: link }, json: { spentAmount: 300_000, progress: 'I rute.', effect: 'Kortere ventetid.' } })).status).toBe(201);
    const next = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2027-01-01', to: '2027-06-30' }, as });
    expect(next.status).toBe(200);
    const row = next.body.rows.find((r: { applicationId: string }) => r.applicationId === applicationId);
    expect(row).toMatchObject({ decidedAt: '2026-12-10', newInPeriod: 'nei', spentAmount: 300_000, effect: 'Kortere ventetid.', statusReport: '2026-11-20' });
    expect(next.body.newGrants).toBe(0);
    expect(next.body.allocated).toBe(0);
    expect(next.body.spentReported).toBeGreaterThanOrEqual(300_000);
    // After the grant period (it ends 2027-12-31) and without reports in the period, it is no longer listed.
    const later = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2028-07-01', to: '2028-12-31' }, as });
    expect(later.body.rows.map((r: { applicationId: string }) => r.applicationId)).not.toContain(applicationId);
  });

  it('half-year report: a grant taken back is listed, with the day, when it was decided or taken back in the period; it counts in no allocated total, only as taken back', async () => {
    const saved = app.clock.now().toISOString();
    const { applicationId } = await app.payoutPending('sor-rogaland', (a) => (a.title = 'Tildelt i desember, trukket tilbake i januar'));
    try {
      app.clock.set('2027-01-15T10:00:00.000Z');
      expect((await app.call('revoke-grant', { pathParameters: { applicationId }, json: { reason: 'Prosjektet blir ikke gjennomført.' }, as })).status).toBe(200);
    } finally {
      app.clock.set(saved);
    }
    type Row = { applicationId: string; amount: number; newInPeriod: string; revokedOn: string };
    const report = async (from: string, to: string) => {
      const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as });
      expect(res.status).toBe(200);
      return res.body as { rows: Row[]; newGrants: number; allocated: number; revokedGrants: number; revokedAmount: number; byGuidelineArea: Array<{ allocated: number }> };
    };
    const standing = (rows: Row[]) => rows.filter((r) => r.newInPeriod === 'ja' && r.revokedOn === '');
    const revokedIn = (rows: Row[], from: string, to: string) => rows.filter((r) => r.revokedOn >= from && r.revokedOn <= to && r.revokedOn !== '');

    const decided = await report('2026-07-01', '2026-12-31');
    expect(decided.rows.find((r) => r.applicationId === applicationId)).toMatchObject({ status: 'Tilskuddet er trukket tilbake', amount: 850_000, newInPeriod: 'ja', revokedOn: '2027-01-15' });
    expect(decided.newGrants).toBe(standing(decided.rows).length);
    expect(decided.allocated).toBe(standing(decided.rows).reduce((s, r) => s + r.amount, 0));
    expect(revokedIn(decided.rows, '2026-07-01', '2026-12-31').map((r) => r.applicationId)).not.toContain(applicationId);

    const takenBack = await report('2027-01-01', '2027-06-30');
    expect(takenBack.rows.find((r) => r.applicationId === applicationId)).toMatchObject({ newInPeriod: 'nei', revokedOn: '2027-01-15' });
    expect(revokedIn(takenBack.rows, '2027-01-01', '2027-06-30').map((r) => r.applicationId)).toContain(applicationId);
    expect(takenBack.revokedGrants).toBe(revokedIn(takenBack.rows, '2027-01-01', '2027-06-30').length);
    expect(takenBack.revokedAmount).toBe(revokedIn(takenBack.rows, '2027-01-01', '2027-06-30').reduce((s, r) => s + r.amount, 0));
    // Its grant period would run to the end of 2027, but taken back it did not run on: not listed after.
    expect((await report('2027-07-01', '2027-12-31')).rows.map((r) => r.applicationId)).not.toContain(applicationId);

    const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2027-01-01', to: '2027-06-30', format: 'csv' }, as });
    // taken back before it was paid: no payout day
    expect(csv.text.split('\r\n').find((l) => l.startsWith(applicationId))!).toMatch(/;2027-01-15;0;;0;"[^"]+";;;;;0;0$/);
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2027-01-01', til: '2027-06-30' }, headers: { Accept: 'text/html' }, claims: as }), 'page-half-year-report');
    expect(page.text).toContain(`<dt>Trukket tilbake før utbetaling</dt><dd>${takenBack.revokedGrants} tilskudd,`);
    expect(page.text).toContain('<td>Tilskuddet er trukket tilbake 15.01.2027</td>');
  });

  it('half-year report: what each grant was allowed to move to other uses (reallocations approved by the end of the period)', async () => {
    const { applicationId, ownerLinkId } = await app.active('sor-rogaland', (a) => (a.title = 'Omdisponert i perioden'));
    const saved = app.clock.now().toISOString();
    try {
      for (const [at, amount, approved] of [['2026-12-15T10:00:00.000Z', 40_000, true], ['2026-12-20T10:00:00.000Z', 25_000, false], ['2027-02-01T10:00:00.000Z', 10_000, true]] as const) {
        app.clock.set(at);
        const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: `Flytte ${amount} kr til kurs.`, amount } });
        expect(requested.status, requested.text).toBe(201);
        const decided = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: requested.body.id }, json: { approved, reason: 'Behandlet i FSU.' }, as });
        expect(decided.status, decided.text).toBe(200);
      }
    } finally {
      app.clock.set(saved);
    }
    const report = async (from: string, to: string) => (await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as })).body as { rows: Array<{ applicationId: string; reallocated: number; reallocatedInPeriod: number }>; reallocated: number; reallocatedInPeriod: number };
    const second = await report('2026-07-01', '2026-12-31');
    // the approved one of the half-year; the refused one is not counted, the later one not yet
    expect(second.rows.find((r) => r.applicationId === applicationId)!.reallocated).toBe(40_000);
    expect(second.reallocated).toBe(second.rows.reduce((s, r) => s + r.reallocated, 0));
    expect(second.reallocatedInPeriod).toBe(second.rows.reduce((s, r) => s + r.reallocatedInPeriod, 0));
    // up to the end of the next half-year, and what of it was approved in that half-year
    expect((await report('2027-01-01', '2027-06-30')).rows.find((r) => r.applicationId === applicationId)).toMatchObject({ reallocated: 50_000, reallocatedInPeriod: 10_000 });
    const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-07-01', to: '2026-12-31', format: 'csv' }, as });
    expect(csv.text.split('\r\n').find((l) => l.startsWith(applicationId))!).toMatch(/;;40000;\d{4}-\d\d-\d\d;0;"[^"]+";;;;;40000;0$/);
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2026-07-01', til: '2026-12-31' }, headers: { Accept: 'text/html' }, claims: as }), 'page-half-year-report');
    expect(second.reallocated).toBe(second.reallocatedInPeriod);
    expect(page.text.replace(/\u00a0/g, ' ')).toContain(`<dt>Omdisponert med godkjenning</dt><dd>${second.reallocatedInPeriod.toLocaleString('nb-NO').replace(/\u00a0/g, ' ')} kr godkjent i perioden</dd>`);
  });

  it('half-year report: the money finance paid out and got back in the period, with each grant\'s payout day and repayments', async () => {
    const { applicationId, payout } = await app.active('sor-rogaland', (a) => (a.title = 'Utbetalt, og delvis tilbakebetalt etter perioden'));
    const paidOn = osloDateOf(new Date(payout.paidAt!));
    type Row = { applicationId: string; amount: number; paidOn: string; repaid: number; repaidInPeriod: number; partners: string };
    type Body = { rows: Row[]; paidOut: number; payoutsPaid: number; repaid: number };
    const report = async (from: string, to: string) => {
      const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as });
      expect(res.status).toBe(200);
      return res.body as Body;
    };
    const paidIn = (body: Body, from: string, to: string) => body.rows.filter((r) => r.paidOn !== '' && r.paidOn >= from && r.paidOn <= to);
    const year = await report(`${paidOn.slice(0, 4)}-01-01`, `${paidOn.slice(0, 4)}-12-31`);
    expect(year.rows.find((r) => r.applicationId === applicationId)).toMatchObject({ paidOn, repaid: 0 });
    // Every grant paid in the period is listed: the total is theirs.
    expect(year.paidOut).toBe(paidIn(year, `${paidOn.slice(0, 4)}-01-01`, `${paidOn.slice(0, 4)}-12-31`).reduce((s, r) => s + r.amount, 0));
    expect(year.payoutsPaid).toBe(paidIn(year, `${paidOn.slice(0, 4)}-01-01`, `${paidOn.slice(0, 4)}-12-31`).length);

    // The grant period ends 2027-12-31; a part is claimed back and repaid in February 2028, with no report in that half-year.
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2028-02-01T10:00:00.000Z');
      const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 50_000, reason: 'Ikke brukt.' }, as });
      expect(claim.status, claim.text).toBe(201);
      expect((await app.call('mark-paid', { pathParameters: { payoutId: claim.body.payout.id }, as: FINANCE })).status).toBe(200);
    } finally {
      app.clock.set(saved);
    }
    const repaidIn = await report('2028-01-01', '2028-06-30');
    // Listed because money moved in the period.
    expect(repaidIn.rows.find((r) => r.applicationId === applicationId)).toMatchObject({ paidOn, repaid: 50_000, repaidInPeriod: 50_000 });
    expect(repaidIn.repaid).toBeGreaterThanOrEqual(50_000);
    expect(repaidIn.repaid).toBe(repaidIn.rows.reduce((s, r) => s + r.repaidInPeriod, 0));
    expect(repaidIn.paidOut).toBe(paidIn(repaidIn, '2028-01-01', '2028-06-30').reduce((s, r) => s + r.amount, 0));
    // Repaid after the end of the earlier period: not in it.
    expect((await report('2027-07-01', '2027-12-31')).rows.find((r) => r.applicationId === applicationId)).toMatchObject({ repaid: 0 });

    const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2028-01-01', to: '2028-06-30', format: 'csv' }, as });
    // The partners of the version decided on, by name, last (for the report on which municipalities take part).
    const { data } = (await app.store.getVersion(applicationId, 1))!;
    expect(data.partners.length).toBeGreaterThan(1);
    expect(csv.text.split('\r\n').find((l) => l.startsWith(applicationId))!.endsWith(`;${paidOn};50000;"${data.partners.map((p) => p.organisationName).join('; ')}";;;;2028-02-01;0;50000`)).toBe(true);
    expect(repaidIn.rows.find((r) => r.applicationId === applicationId)).toMatchObject({ partners: data.partners.map((p) => p.organisationName).join('; ') });
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2028-01-01', til: '2028-06-30' }, headers: { Accept: 'text/html' }, claims: as }), 'page-half-year-report');
    const text = page.text.replace(/\u00a0/g, ' ');
    expect(text).toContain(`<dt>Tilbakebetalt i perioden</dt><dd>${repaidIn.repaid.toLocaleString('nb-NO').replace(/\u00a0/g, ' ')} kr</dd>`);
    expect(text).toContain('<dt>Utbetalt i perioden</dt><dd>');
  });

  it('half-year report page: one click to the last half-year, the year so far and last year; the one shown is marked', async () => {
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, headers: { Accept: 'text/html' }, claims: as }), 'page-half-year-report');
    expect(page.status).toBe(200);
    // TestApp's day is 20.11.2026: the default is the last whole half-year.
    expect(page.text).toContain('<strong aria-current="page">Forrige halvår: 01.01.2026–30.06.2026</strong>');
    expect(page.text).toContain('<a href="/sekretariat/sor-rogaland/halvarsrapport?fra=2026-01-01&amp;til=2026-11-20">Hittil i år (til oppfølgingsmøtet med RHF i november): 01.01.2026–20.11.2026</a>');
    expect(page.text).toContain('<a href="/sekretariat/sor-rogaland/halvarsrapport?fra=2025-01-01&amp;til=2025-12-31">Hele fjoråret (til årsrapporten): 01.01.2025–31.12.2025</a>');
  });

  it('half-year report: 400 with field errors for bad dates, an empty period is empty', async () => {
    const bad = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-13-01', to: '2026-12-31', format: 'pdf' }, as });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ from: 'Skriv en gyldig dato (DD.MM.ÅÅÅÅ).', format: 'Velg json eller csv.' });
    const backwards = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-12-31', to: '2026-07-01' }, as });
    expect(backwards.body.fieldErrors).toEqual({ to: 'Til-dato kan ikke være før fra-dato.' });
    const missing = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(missing.body.fieldErrors).toEqual({ from: 'Feltet må fylles ut.', to: 'Feltet må fylles ut.' });
    const empty = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2025-01-01', to: '2025-06-30' }, as });
    expect(empty.body).toMatchObject({ grants: 0, allocated: 0, rows: [] });
  });

  it('half-year report: the period is in Oslo days (a decision at 00:30 on 1 July is in the second half-year)', async () => {
    const decidedAt = '2026-06-30T22:30:00.000Z'; // 1 July 2026 00:30 in Oslo (CEST)
    const data = app.application('sor-rogaland', (a) => (a.title = 'Vedtatt like etter midnatt'));
    const applicationId = 'app_half_year_boundary';
    await app.store.createApplication(
      {
        id: applicationId, schemeId: 'sor-rogaland', status: 'active', revision: 1, version: 1, title: data.title, ownerEmail: data.owner.email,
        ownerIsInternalUnit: false, requestedAmount: data.requestedAmount, submittedAt: '2026-06-01T10:00:00.000Z', history: [],
        allocation: { amount: 400_000, periodStart: '2026-08-01', periodEnd: '2027-07-31', potYear: 2026, decidedAt, statusReportDue: '2027-01-01', finalReportDue: '2027-09-01' },
      },
      { applicationId, version: 1, createdAt: '2026-06-01T10:00:00.000Z', data },
      [],
    );
    const report = async (from: string, to: string) =>
      (await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as })).body as { rows: Array<{ applicationId: string; decidedAt: string }> };
    expect((await report('2026-01-01', '2026-06-30')).rows.map((r) => r.applicationId)).not.toContain(applicationId);
    expect((await report('2026-07-01', '2026-12-31')).rows.find((r) => r.applicationId === applicationId)).toMatchObject({ decidedAt: '2026-07-01' });
  });

  it('lists status reports that are overdue', async () => {
    const { applicationId } = await app.active();
    const none = await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(none.status).toBe(200);
    expect(none.body.reports).toEqual([]);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2027-06-22T10:00:00.000Z');
      const res = await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as });
      expect(res.body.reports).toContainEqual(expect.objectContaining({ applicationId, kind: 'status', dueDate: '2027-06-10', daysOverdue: 12 }));
      // The page counts them in Norwegian (one report, or more).
      const n = res.body.reports.length;
      const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: { Accept: 'text/html' }, claims: as }), 'page-overdue-reports');
      expect(page.text).toContain(`<caption>${n === 1 ? '1 rapport' : `${n} rapporter`} på overtid, eldste frist først</caption>`);
      // Each row opens the case, where the secretariat follows it up or gives a later deadline.
      expect(page.text).toContain(`<td><a href="/sekretariat/soknader/${applicationId}">`);
    } finally {
      app.clock.set(saved);
    }
  });
});

describe('naming the staff member', () => {
  it("uses the token's name or e-mail on the pages and in the case history, and keeps the sub in the audit", async () => {
    const sub = '5c1e9a2b-7d3f-4e8a-9b1c-2d3e4f5a6b7c';
    const kari = { ...staffClaims(['secretariat'], sub), email: 'kari@helse-stavanger.no' };
    const { applicationId } = await app.scheduled();
    const rejected = await app.decide(applicationId, { outcome: 'reject', reason: 'Utenfor ordningens formål.' }, kari);
    expect(rejected.status).toBe(201);
    expect(rejected.body.decision.decidedBy).toBe(sub);
    const history = (await app.store.getApplication(applicationId))!.history;
    expect(history.at(-1)!.actor).toEqual({ kind: 'staff', role: 'secretariat', subject: sub, name: 'kari@helse-stavanger.no' });

    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: kari }), 'page-application');
    expect(casePage.text).toContain('Innlogget som <strong>kari@helse-stavanger.no</strong>');
    expect(casePage.text).toContain('Sekretariatet (kari@helse-stavanger.no)');
    expect(casePage.text).not.toContain(sub);
    // Without a naming claim the sub is all there is (and an actor carries no copy of it).
    const plain = await app.scheduled();
    expect((await app.decide(plain.applicationId, { outcome: 'reject', reason: 'Utenfor formålet.' }, as)).status).toBe(201);
    expect((await app.store.getApplication(plain.applicationId))!.history.at(-1)!.actor).toEqual({ kind: 'staff', role: 'secretariat', subject: 'sekretær-1' });
  });
});

describe("the case's mail log", () => {
  it('lists every mail about the case that went out (when, to whom, the subject), on the case and in its JSON', async () => {
    // (a small grant: the tests before have used most of the year's pot)
    const { applicationId } = await app.scheduled();
    await app.approve(applicationId, 50_000);
    // HTTP functions send no mail: the lifecycle's steps do (the decision letter, its copy to the group's leaders, finance).
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const aboutCase = app.mailer.sent.filter((m) => m.tags?.['application'] === applicationId);
    expect(aboutCase.length).toBeGreaterThanOrEqual(2);
    const view = await app.call('get-application', { pathParameters: { applicationId }, as });
    expect(view.status).toBe(200);
    const mails = view.body.mails as Array<{ key: string; sentAt: string; subject: string; to: string[]; cc?: string[] }>;
    expect(mails.map((m) => m.key).sort()).toEqual(aboutCase.map((m) => m.idempotencyKey).sort());
    for (const m of mails) {
      const sent = aboutCase.find((x) => x.idempotencyKey === m.key)!;
      expect(m).toMatchObject({ subject: sent.subject, to: sent.to });
      expect(m.cc).toEqual(sent.cc);
      expect(m).not.toHaveProperty('text');
    }
    expect(mails.map((m) => m.sentAt)).toEqual([...mails.map((m) => m.sentAt)].sort());

    const page = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: as }), 'page-application')).text.replace(/\u00a0/g, ' ');
    expect(page).toContain('<h2 id="e-post">E-post om saken</h2>');
    expect(page).toContain(`<summary>${mails.length} e-poster sendt, den siste `);
    // The copy of the decision to the service-model group's leaders, with its cc.
    const copy = aboutCase.find((m) => m.idempotencyKey.endsWith('#kopi'))!;
    expect(copy.cc?.length).toBeGreaterThan(0);
    expect(page).toContain(`<td>${copy.to.join(', ')}<br>kopi: ${copy.cc!.join(', ')}</td><td>${copy.subject}</td>`);
    const payout = aboutCase.find((m) => m.subject.includes('Utbetaling av tilskudd'))!.subject.replace(/\u00a0/g, ' ');
    expect(payout).toMatch(/^\[FSU\] Utbetaling av tilskudd 50 000 kr til \S.* – prosjektnummer R-11326-D11325$/);
    expect(page).toContain(`${payout}</td>`);

    // A case with no mail yet says so.
    const fresh = await app.submit();
    const none = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId: fresh.applicationId }, headers: { Accept: 'text/html' }, claims: as }), 'page-application')).text;
    const logged = (await app.call('get-application', { pathParameters: { applicationId: fresh.applicationId }, as })).body.mails as unknown[];
    expect(none.includes('Ingen e-post om saken er sendt.')).toBe(logged.length === 0);
  });
});
