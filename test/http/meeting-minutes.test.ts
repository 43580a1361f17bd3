// A meeting's minutes (møteprotokoll): the decisions recorded on its agenda, in order, with the
// totals, through the JSON API and the page; two-level schemes keep the recommendation decided on.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { invoke, SECRETARIAT, START, useTestApp, type Submitted } from '../support/test-app';
import { meetingCalendar } from '../../functions/domain/meeting-calendar';
import { getScheme } from '../../config/schemes';
import { movedToView } from '../../functions/use-cases/committee';
import { departedCase } from '../../functions/pages/departed-case';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html' };
const decide = (applicationId: string, json: Record<string, unknown>) => app.decide(applicationId, json, as);
const minutes = (schemeId: string, meetingId: string) => app.call('get-meeting-minutes', { pathParameters: { schemeId, meetingId }, as });
const minutesPage = (schemeId: string, meetingId: string) =>
  invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}/protokoll', pathParameters: { schemeId, meetingId }, headers: HTML, claims: as }), 'page-meeting-minutes');

async function submittedOnAgenda(schemeId: string, meetingId: string, title: string): Promise<Submitted> {
  // A minute after the one before: the agenda numbers its cases by submission.
  app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
  const submitted = await app.submit(schemeId, app.application(schemeId, (a) => (a.title = title)));
  await app.cosignAll(submitted.applicationId);
  await app.schedule(submitted.applicationId, meetingId);
  return submitted;
}

const onAgenda = async (schemeId: string, meetingId: string, title: string): Promise<string> => (await submittedOnAgenda(schemeId, meetingId, title)).applicationId;

describe("a meeting's minutes", () => {
  it('list every decision recorded on the agenda in order, with the totals, the pot and the cases still open', async () => {
    const meetingId = '2027-02-25';
    const approved = await onAgenda('sor-rogaland', meetingId, 'Felles rehabiliteringsteam i Dalane');
    const rejected = await onAgenda('sor-rogaland', meetingId, 'Digital hjemmeoppfølging i Sokndal');
    const deferred = await onAgenda('sor-rogaland', meetingId, 'Ambulerende team for eldre i Hå');
    const asked = await onAgenda('sor-rogaland', meetingId, 'Kombinert jordmorstilling i Eigersund');
    const open = await onAgenda('sor-rogaland', meetingId, 'Utskrivningsteam i Klepp');
    // Rejected before any meeting (incomplete): in no meeting's minutes.
    const early = await app.submit();
    await app.cosignAll(early.applicationId);

    // Recorded at the meeting a minute apart: the minutes list them in that order.
    let minute = 0;
    const next = () => app.clock.set(`2027-02-25T08:${String(++minute).padStart(2, '0')}:00.000Z`);
    next();
    expect((await decide(approved, { outcome: 'approve', amount: 500_000, periodStart: '2027-03-01', periodEnd: '2028-02-29', comment: 'Halve beløpet i første omgang.' })).status).toBe(201);
    next();
    expect((await decide(rejected, { outcome: 'reject', reason: 'Mangler enighet om pasientansvaret.' })).status).toBe(201);
    next();
    expect((await decide(deferred, { outcome: 'defer', reason: 'Venter på kommunens budsjett.' })).status).toBe(201);
    next();
    expect((await app.call('request-information', { pathParameters: { applicationId: asked }, json: { message: 'Hvem har arbeidsgiveransvaret?' }, as })).status).toBe(201);
    expect((await decide(early.applicationId, { outcome: 'reject', reason: 'Ufullstendig søknad.' })).status).toBe(201);

    const res = await minutes('sor-rogaland', meetingId);
    expect(res.status).toBe(200);
    expect(res.body.meeting).toMatchObject({ id: meetingId, title: 'FSU-møte februar 2027' });
    expect(res.body.cases.map((c: { number: number; applicationId: string; decision: { outcome: string } }) => [c.number, c.applicationId, c.decision.outcome])).toEqual([
      [1, approved, 'approve'],
      [2, rejected, 'reject'],
      [3, deferred, 'defer'],
      [4, asked, 'more_information'],
    ]);
    const [first, second, , fourth] = res.body.cases;
    expect(first).toMatchObject({ title: 'Felles rehabiliteringsteam i Dalane', requestedAmount: 850_000, statusLabel: 'Innvilget', decision: { amount: 500_000, periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'Halve beløpet i første omgang.', recommendation: null } });
    expect(first.owner.organisationName).not.toBe('');
    expect(first.partners).toHaveLength(3);
    expect(second.decision).toEqual(expect.objectContaining({ reason: 'Mangler enighet om pasientansvaret.' }));
    expect(second.decision.amount).toBeUndefined();
    expect(fourth.decision.reason).toBe('Hvem har arbeidsgiveransvaret?');
    expect(res.body.totals).toEqual({
      decisions: 4, approved: 1, rejected: 1, deferred: 1, moreInformation: 1, revoked: 0,
      reallocationsApproved: 0, reallocationsRefused: 0, repaymentsClaimed: 0, periodsChanged: 0, grantedAmount: 500_000,
    });
    expect(res.body.undecided.map((u: { applicationId: string }) => u.applicationId)).toEqual([open]);
    const pot = await app.store.getPot('sor-rogaland', 2027);
    expect(res.body.potRemaining).toBe(pot!.total - 500_000);
    // Other meetings have none of these.
    expect((await minutes('sor-rogaland', '2027-03-18')).body.cases).toEqual([]);
    expect((await minutes('sor-rogaland', '2027-02-24')).status).toBe(404);

    const page = await minutesPage('sor-rogaland', meetingId);
    expect(page.status).toBe(200);
    for (const expected of [
      '<h1>Protokoll: FSU-møte februar 2027</h1>',
      '<dt>Saker</dt><dd>Behandlet 4 saker: 1 innvilget, 1 avslått, 1 utsatt, 1 bedt om mer informasjon.</dd>',
      '<dt>Tildelt i møtet</dt><dd>500 000 kr</dd>',
      'Sak 1: Felles rehabiliteringsteam i Dalane</h2>',
      '<dt>Vedtak</dt><dd><strong>Innvilget, 500 000 kr, 01.03.2027–29.02.2028</strong></dd>',
      '<dt>Merknad</dt><dd class="long-text">Halve beløpet i første omgang.</dd>',
      '<dt>Vedtak</dt><dd><strong>Avslått</strong></dd>',
      '<dt>Begrunnelse</dt><dd class="long-text">Mangler enighet om pasientansvaret.</dd>',
      '<dt>Spørsmål til prosjektansvarlig</dt><dd class="long-text">Hvem har arbeidsgiveransvaret?</dd>',
      `<a href="/sekretariat/soknader/${approved}">${approved}</a>`,
      `<a href="/sekretariat/sor-rogaland/moter/${meetingId}#sak-${open}">Utskrivningsteam i Klepp</a>`,
    ]) expect(page.text).toContain(expected);
    expect(page.text).not.toContain(early.applicationId);
    const empty = await minutesPage('sor-rogaland', '2027-03-18');
    expect(empty.text).toContain('Ingen vedtak er registrert for dette møtet ennå.');
    expect(empty.text).toContain('<dd>Behandlet 0 saker.</dd>');
  });

  it("are in the half-year report: each meeting held in the period with what it decided and whether its minutes are approved", async () => {
    // The meeting of the test before, later that day; 18.03 is not held yet.
    app.clock.set('2027-02-25T12:00:00.000Z');
    const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2027-01-01', to: '2027-06-30' }, as });
    expect(res.status).toBe(200);
    expect(res.body.meetings.map((m: { id: string }) => m.id)).toEqual(['2027-01-28', '2027-02-25']);
    expect(res.body.meetings[1]).toEqual({
      id: '2027-02-25', date: '2027-02-25', title: 'FSU-møte februar 2027', minutes: 'open', approvedAt: null,
      totals: { decisions: 4, approved: 1, rejected: 1, deferred: 1, moreInformation: 1, revoked: 0, reallocationsApproved: 0, reallocationsRefused: 0, repaymentsClaimed: 0, periodsChanged: 0, grantedAmount: 500_000 },
    });
    // A period without a meeting held: none.
    expect((await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2027-03-01', to: '2027-06-30' }, as })).body.meetings).toEqual([]);
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2027-01-01', til: '2027-06-30' }, headers: HTML, claims: as }), 'page-half-year-report');
    const text = page.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('<caption>Møter i perioden og vedtakene i protokollene</caption>');
    expect(text).toContain('<tr><td>FSU-møte februar 2027 (25.02.2027)</td><td class="num">1</td><td class="num">500 000 kr</td><td class="num">1</td><td class="num">1</td><td class="num">1</td><td><a href="/sekretariat/sor-rogaland/moter/2027-02-25/protokoll" aria-label="Protokoll fra FSU-møte februar 2027">Protokoll</a> (ikke godkjent)</td></tr>');
    const none = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2027-03-01', til: '2027-06-30' }, headers: HTML, claims: as }), 'page-half-year-report');
    expect(none.text).toContain('FSU holdt ingen møter i perioden.');
  });

  it('keep the recommendation the committee decided on (two-level schemes), after the case moves on to a new round', async () => {
    const NORD = 'lofoten-vesteralen-salten';
    const [first, second] = app.scheme(NORD).meetings.map((m) => m.date).filter((d) => d >= '2027-01-01');
    const applicationId = await onAgenda(NORD, first!, 'Felles legevakt med spesialiststøtte');
    const recommended = await app.call('record-recommendation', { pathParameters: { applicationId }, json: { recommended: true, rank: 1, comment: 'Høy overføringsverdi' }, as });
    expect(recommended.status).toBe(201);
    expect((await decide(applicationId, { outcome: 'defer', reason: 'Avventer regional prioritering.' })).status).toBe(201);
    // The next round has a recommendation of its own; the first meeting's minutes keep the first one.
    await app.schedule(applicationId, second!);
    expect((await app.call('record-recommendation', { pathParameters: { applicationId }, json: { recommended: false }, as })).status).toBe(201);

    const res = await minutes(NORD, first!);
    expect(res.body.preparation.body.shortName).toBe(app.scheme(NORD).preparation!.body.shortName);
    const entry = res.body.cases.find((c: { applicationId: string }) => c.applicationId === applicationId);
    expect(entry.decision.recommendation).toMatchObject({ recommended: true, rank: 1, comment: 'Høy overføringsverdi' });
    const page = await minutesPage(NORD, first!);
    expect(page.text).toContain(`<dt>Innstilling fra ${app.scheme(NORD).preparation!.body.shortName}</dt><dd>Innstilt, prioritet 1`);
    expect((await minutes(NORD, second!)).body.cases).toEqual([]);
  });

  it('are linked from the calendar once the meeting is held, from the agenda, and from each decision on the case', async () => {
    app.clock.set(START);
    const meetingId = '2026-12-10';
    const applicationId = await onAgenda('sor-rogaland', meetingId, 'Felles kompetanseløft i Sandnes');
    expect((await decide(applicationId, { outcome: 'reject', reason: 'Utenfor ordningens formål.' })).status).toBe(201);
    const link = `href="/sekretariat/sor-rogaland/moter/${meetingId}/protokoll"`;
    const overview = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat');
    const meetingsNow = await app.call('list-meetings', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(meetingsNow.body.meetings[0]).toMatchObject({ id: meetingId, held: false });
    expect((await overview()).text).not.toContain(link);

    const agenda = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId }, headers: HTML, claims: as }), 'page-agenda');
    expect(agenda.text).toContain(`<a ${link}>Møteprotokollen</a>`);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
    expect(casePage.text).toContain(`Avslått (møtet 10.12.2026, <a ${link}>protokollen</a>)`);

    app.clock.set('2026-12-10T08:00:00.000Z'); // 09:00 in Oslo: the meeting has started
    const meetingsThen = await app.call('list-meetings', { pathParameters: { schemeId: 'sor-rogaland' }, as });
    expect(meetingsThen.body.meetings.slice(0, 2).map((m: { held: boolean }) => m.held)).toEqual([true, false]);
    expect((await overview()).text).toContain(`<a ${link} aria-label="Protokoll fra FSU-møte desember 2026">Protokoll</a> (ikke godkjent)`);
    expect(meetingsThen.body.meetings.slice(0, 2).map((m: { minutes: string }) => m.minutes)).toEqual(['open', 'not_held']);
  });
});

describe("a meeting's attendance and the approval of its minutes", () => {
  const schemeId = 'sor-rogaland';
  const meetingId = '2027-04-22';
  const ref = { schemeId, meetingId };
  const attendance = (json: Record<string, unknown>) => app.call('record-attendance', { pathParameters: ref, json, as });
  const approve = (json: Record<string, unknown> = {}) => app.call('approve-minutes', { pathParameters: ref, json, as });
  async function pagePost(path: 'fremmote' | 'godkjenning', form: Record<string, string>) {
    const page = await minutesPage(schemeId, meetingId);
    const token = csrfTokenOf(page);
    const event = apiEvent({ method: 'POST', path: `/sekretariat/{schemeId}/moter/{meetingId}/protokoll/${path}`, pathParameters: ref, form: { _csrf: token, ...form }, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: as });
    return invoke({ ...event, cookies: [`__Host-csrf=${token}`] }, path === 'fremmote' ? 'page-record-attendance' : 'page-approve-minutes');
  }

  it('are recorded once the meeting has started; the approval needs the attendance and every case decided, and makes the minutes final', async () => {
    app.clock.set(START);
    const granted = await onAgenda(schemeId, meetingId, 'Felles legevaktsamarbeid på Jæren');
    const deferred = await onAgenda(schemeId, meetingId, 'Ambulant rehabiliteringsteam i Ryfylke');

    // Before the meeting: nothing to record, and the page offers no form.
    expect((await attendance({ present: ['Kari Nordmann, leder'] })).body).toMatchObject({ reason: 'meeting_not_held' });
    expect((await approve()).status).toBe(409);
    expect((await minutes(schemeId, meetingId)).body).toMatchObject({ state: 'not_held', attendance: null, approval: null });
    const before = await minutesPage(schemeId, meetingId);
    expect(before.text).toContain('Fremmøtet registreres når møtet er i gang.');
    expect(before.text).not.toContain('<form method="post" action="/sekretariat/sor-rogaland/moter/2027-04-22/protokoll/');

    app.clock.set('2027-04-22T07:00:00.000Z'); // 09:00 in Oslo
    const missing = await approve();
    expect(missing.status).toBe(409);
    expect(missing.body.message).toBe('Registrer hvem som var til stede før protokollen godkjennes.');
    const invalid = await attendance({ present: [], absent: ['Per Olsen'] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.fieldErrors).toEqual({ present: 'Skriv hvem som var til stede, én person per linje.' });
    expect(await app.store.getMinutesRecord(schemeId, meetingId)).toBeUndefined();

    const recorded = await attendance({ present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune'], absent: ['Per Olsen, Helse Stavanger'] });
    expect(recorded.status).toBe(200);
    expect(recorded.body.attendance).toMatchObject({ present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune'], absent: ['Per Olsen, Helse Stavanger'], recordedBy: 'sekretær-1' });
    // A repeat writes nothing new.
    expect((await attendance({ present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune'], absent: ['Per Olsen, Helse Stavanger'] })).status).toBe(200);
    expect((await app.store.getMinutesRecord(schemeId, meetingId))!.revision).toBe(1);

    const open = await approve();
    expect(open.status).toBe(409);
    expect(open.body).toMatchObject({ reason: 'cases_open', message: '2 saker står på sakslisten uten vedtak. Registrer vedtak, eller flytt sakene til et annet møte, før protokollen godkjennes.' });
    const draft = await minutesPage(schemeId, meetingId);
    expect(draft.text).toContain('Utkast: protokollen er ikke godkjent.');
    expect(draft.text).toContain('<li>Ola Hansen, Stavanger kommune</li>');
    // The form holds what is recorded, one person per line.
    expect(draft.text).toMatch(/<textarea id="fremmote-present" name="present"[^>]*>Kari Nordmann, leder\nOla Hansen, Stavanger kommune<\/textarea>/);
    // The approval would be refused: the page says why instead of offering its button.
    expect(draft.text).toContain('<strong>Protokollen kan ikke godkjennes ennå.</strong> 2 saker står på sakslisten uten vedtak.');
    expect(draft.text).not.toContain('action="/sekretariat/sor-rogaland/moter/2027-04-22/protokoll/godkjenning"');
    // What is left is the pot the meeting drew from, as it stands now (not "this year's" whenever it is read).
    expect(draft.text).toContain('<dt>Igjen i potten for 2027 i dag</dt>');

    expect((await decide(granted, { outcome: 'approve', amount: 400_000, periodStart: '2027-05-01', periodEnd: '2028-04-30' })).status).toBe(201);
    expect((await decide(deferred, { outcome: 'defer', reason: 'Venter på kommunens budsjett.' })).status).toBe(201);

    // The page's forms: a line too long is an error at that field, with what was typed kept and nothing written.
    const tooLong = await pagePost('fremmote', { present: `Kari Nordmann, leder\n${'x'.repeat(201)}`, absent: '' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('href="#fremmote-present"');
    expect(summaryMismatches(tooLong.text)).toEqual([]);
    expect(tooLong.text).toContain('Linje 2 har mer enn 200 tegn. Skriv én person per linje.');
    expect((await app.store.getMinutesRecord(schemeId, meetingId))!.revision).toBe(1);
    const corrected = await pagePost('fremmote', { present: 'Kari Nordmann, leder\r\nOla Hansen, Stavanger kommune\r\nPer Olsen, Helse Stavanger\r\n', absent: '' });
    expect(corrected.status).toBe(303);
    expect(corrected.headers.location).toBe('/sekretariat/sor-rogaland/moter/2027-04-22/protokoll?registrert=fremmote');
    expect(await app.store.getMinutesRecord(schemeId, meetingId)).toMatchObject({ present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune', 'Per Olsen, Helse Stavanger'], absent: [], revision: 2 });

    app.clock.set('2027-05-27T09:00:00.000Z');
    const ready = (await minutesPage(schemeId, meetingId)).text;
    expect(ready).toContain('action="/sekretariat/sor-rogaland/moter/2027-04-22/protokoll/godkjenning"');
    expect(ready).not.toContain('Protokollen kan ikke godkjennes ennå.');
    // The example names the community's own committee (SSU, KU, ASU elsewhere), not a date that goes stale.
    expect(ready).toContain('For eksempel «Godkjent i FSU-møtet» og møtets dato.');
    const approved = await pagePost('godkjenning', { note: 'Godkjent i FSU-møtet 27. mai 2027.' });
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe('/sekretariat/sor-rogaland/moter/2027-04-22/protokoll?registrert=godkjent');
    const approval = { at: '2027-05-27T09:00:00.000Z', by: 'sekretær-1', note: 'Godkjent i FSU-møtet 27. mai 2027.' };
    // Approving again answers with the approval made; the minutes can no longer change.
    app.clock.set('2027-05-28T09:00:00.000Z');
    const again = await approve({ note: 'En gang til' });
    expect(again.status).toBe(200);
    expect(again.body.approval).toEqual(approval);
    const late = await attendance({ present: ['Noen andre'] });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ reason: 'minutes_approved', message: 'Protokollen er godkjent og kan ikke endres.' });
    const latePage = await pagePost('fremmote', { present: 'Noen andre' });
    expect(latePage.status).toBe(409);
    expect(latePage.text).toContain('Protokollen er godkjent og kan ikke endres.');
    expect(await app.store.getMinutesRecord(schemeId, meetingId)).toMatchObject({ present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune', 'Per Olsen, Helse Stavanger'], approval, revision: 3 });

    const final = await minutes(schemeId, meetingId);
    expect(final.body).toMatchObject({ state: 'approved', approval, attendance: { absent: [], recordedBy: 'sekretær-1' } });
    // The calendar says which minutes are approved.
    const calendar = await app.call('list-meetings', { pathParameters: { schemeId }, as });
    expect(calendar.body.meetings.find((m: { id: string }) => m.id === meetingId).minutes).toBe('approved');
    const overview = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat');
    expect(overview.text).toContain('aria-label="Protokoll fra FSU-møte april 2027">Protokoll</a> (godkjent)');
    expect(final.body.totals).toMatchObject({ approved: 1, deferred: 1 });
    const page = await invoke(
      apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}/protokoll', pathParameters: ref, query: { registrert: 'godkjent' }, headers: HTML, claims: as }),
      'page-meeting-minutes',
    );
    expect(page.text).toContain('Protokollen er godkjent. Den kan ikke lenger endres.');
    expect(page.text).toContain('<strong>Protokollen er godkjent.</strong> Godkjenningen ble registrert 27.05.2027 kl. 11.00.');
    expect(page.text).toContain('<p class="long-text">Godkjent i FSU-møtet 27. mai 2027.</p>');
    expect(page.text).toContain('<dt>Forfall</dt><dd>Ingen</dd>');
    expect(page.text).not.toContain('Utkast: protokollen er ikke godkjent.');
    expect(page.text).not.toContain('<form method="post" action="/sekretariat/sor-rogaland/moter/2027-04-22/protokoll/');
    // The half-year report says so, with the day of the approval.
    const report = await app.call('half-year-report', { pathParameters: { schemeId }, query: { from: '2027-01-01', to: '2027-06-30' }, as });
    expect(report.body.meetings.find((m: { id: string }) => m.id === meetingId)).toMatchObject({ minutes: 'approved', approvedAt: approval.at, totals: { approved: 1, deferred: 1 } });
  });
});

describe('the attendance form of a new meeting', () => {
  it('starts from the last meeting\'s attendance (a committee meets with the same members), says so, and saves only when the secretariat does', async () => {
    const schemeId = 'sor-rogaland';
    app.clock.set('2027-10-21T07:30:00.000Z'); // the October meeting has started
    const previous = { present: ['Kari Nordmann, leder', 'Ola Hansen, Sola kommune'], absent: ['Per Olsen, Helse Stavanger'] };
    expect((await app.call('record-attendance', { pathParameters: { schemeId, meetingId: '2027-10-21' }, json: previous, as })).status).toBe(200);
    app.clock.set('2027-11-18T08:30:00.000Z'); // the November meeting has started (09:30 in Oslo)
    const json = (await minutes(schemeId, '2027-11-18')).body;
    expect(json).toMatchObject({ attendance: null, previousAttendance: { meetingId: '2027-10-21', ...previous } });
    const page = (await minutesPage(schemeId, '2027-11-18')).text;
    expect(page).toContain('Fylt ut med fremmøtet fra møtet 21.10.2027. Rett det som er annerledes på dette møtet før du lagrer.');
    expect(page).toContain('>Kari Nordmann, leder\nOla Hansen, Sola kommune</textarea>');
    expect(page).toContain('>Per Olsen, Helse Stavanger</textarea>');
    expect(await app.store.getMinutesRecord(schemeId, '2027-11-18')).toBeUndefined();
    // Once recorded, the meeting's own attendance is what the form holds; before a meeting has started there is no form to fill.
    expect((await app.call('record-attendance', { pathParameters: { schemeId, meetingId: '2027-11-18' }, json: { present: ['Kari Nordmann, leder'], absent: [] }, as })).status).toBe(200);
    const after = await minutes(schemeId, '2027-11-18');
    expect(after.body.previousAttendance).toBeNull();
    expect((await minutes(schemeId, '2027-12-09')).body).toMatchObject({ state: 'not_held', previousAttendance: null });
    app.clock.set(START);
  });
});

describe('disqualification (inhabilitet) in the minutes', () => {
  const schemeId = 'sor-rogaland';
  const meetingId = '2027-06-17';
  const ref = { schemeId, meetingId };
  const attendance = (json: Record<string, unknown>) => app.call('record-attendance', { pathParameters: ref, json, as });
  const present = ['Kari Nordmann, leder', 'Ola Hansen, Sandnes kommune'];

  it('records who stepped aside on a case: someone present, on a case of the meeting; the minutes and the page say so, and the form can take it back', async () => {
    app.clock.set(START);
    const granted = await onAgenda(schemeId, meetingId, 'Felles vaktordning i Sandnes');
    const { applicationId: elsewhere } = await app.submit();
    app.clock.set('2027-06-17T07:00:00.000Z'); // 09:00 in Oslo
    expect((await decide(granted, { outcome: 'approve', amount: 300_000, periodStart: '2027-07-01', periodEnd: '2028-06-30' })).status).toBe(201);

    const stranger = await attendance({ present, recused: { [granted]: ['Siri Berg, Stavanger kommune'] } });
    expect(stranger.status).toBe(400);
    expect(stranger.body.fieldErrors).toEqual({ [`recused.${granted}`]: 'Siri Berg, Stavanger kommune står ikke blant dem som var til stede. Skriv navnet slik det står der.' });
    const foreign = await attendance({ present, recused: { [elsewhere]: ['Ola Hansen, Sandnes kommune'] } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fieldErrors).toEqual({ [`recused.${elsewhere}`]: `Saken ${elsewhere} er ikke behandlet i dette møtet.` });
    const notACase = await attendance({ present, recused: { sak2: ['Ola Hansen, Sandnes kommune'] } });
    expect(notACase.status).toBe(400);
    expect(notACase.body.fieldErrors).toEqual({ 'recused.sak2': 'Inhabilitet føres på en sak: saksnummeret er app_ fulgt av 16 tegn.' });
    expect(await app.store.getMinutesRecord(schemeId, meetingId)).toBeUndefined();

    // Written as under «Til stede», in any case of letters: kept as the line there.
    const recorded = await attendance({ present, recused: { [granted]: ['ola hansen, sandnes kommune'] } });
    expect(recorded.status, recorded.text).toBe(200);
    expect(recorded.body.attendance.recused).toEqual({ [granted]: ['Ola Hansen, Sandnes kommune'] });
    // The name alone is the same person: a repeat, nothing written.
    expect((await attendance({ present, recused: { [granted]: ['Ola  hansen'] } })).status).toBe(200);
    expect((await app.store.getMinutesRecord(schemeId, meetingId))!.revision).toBe(1);
    expect((await minutes(schemeId, meetingId)).body.attendance.recused).toEqual({ [granted]: ['Ola Hansen, Sandnes kommune'] });

    const page = await minutesPage(schemeId, meetingId);
    expect(page.text).toContain('<dt>Inhabil, fratrådte</dt><dd><ul class="plain"><li>Ola Hansen, Sandnes kommune</li></ul></dd>');
    expect(page.text).toContain('<legend>Inhabilitet (valgfritt)</legend>');
    expect(page.text).toMatch(new RegExp(`<textarea id="fremmote-recused-${granted}" name="recused.${granted}"[^>]*>Ola Hansen, Sandnes kommune</textarea>`));

    // The page's form: an emptied text area takes it back.
    const token = csrfTokenOf(page);
    const post = (form: Record<string, string>) =>
      invoke(
        { ...apiEvent({ method: 'POST', path: '/sekretariat/{schemeId}/moter/{meetingId}/protokoll/fremmote', pathParameters: ref, form: { _csrf: token, ...form }, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: as }), cookies: [`__Host-csrf=${token}`] },
        'page-record-attendance',
      );
    const wrong = await post({ present: present.join('\n'), [`recused.${granted}`]: 'Siri Berg' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`href="#fremmote-recused-${granted}"`);
    expect(summaryMismatches(wrong.text)).toEqual([]);
    // The name as the attendee's line begins, as the hint says ("slik navnet står under «Til stede»"): the line is what the minutes show.
    const board = ['Ingrid Bø, medlem (Sandnes kommune)', 'Kari Nordmann, leder'];
    expect((await post({ present: board.join('\n'), [`recused.${granted}`]: 'Ingrid Bø' })).status).toBe(303);
    expect((await app.store.getMinutesRecord(schemeId, meetingId))!.recused).toEqual({ [granted]: ['Ingrid Bø, medlem (Sandnes kommune)'] });
    expect((await minutesPage(schemeId, meetingId)).text).toContain('<dt>Inhabil, fratrådte</dt><dd><ul class="plain"><li>Ingrid Bø, medlem (Sandnes kommune)</li></ul></dd>');
    // Two present by that name: which one is not guessed.
    const two = await attendance({ present: [...board, 'Ingrid Bø, Helse Stavanger'], recused: { [granted]: ['Ingrid Bø'] } });
    expect(two.status).toBe(400);
    expect(two.body.fieldErrors).toEqual({ [`recused.${granted}`]: 'Flere som var til stede, heter Ingrid Bø: «Ingrid Bø, medlem (Sandnes kommune)» og «Ingrid Bø, Helse Stavanger». Skriv hele linjen slik den står under «Til stede».' });
    expect((await post({ present: present.join('\n'), [`recused.${granted}`]: '' })).status).toBe(303);
    expect(await app.store.getMinutesRecord(schemeId, meetingId)).not.toHaveProperty('recused');
    expect((await minutesPage(schemeId, meetingId)).text).not.toContain('<dt>Inhabil, fratrådte</dt>');
  });
});

describe('decisions on a running grant in the minutes', () => {
  const schemeId = 'sor-rogaland';
  const meetingId = '2027-01-28';
  const ref = { schemeId, meetingId };

  it('a reallocation decided and a repayment claimed in a meeting are in its minutes, with what they concern; once the minutes are approved, a decision that day is on the case only', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    app.clock.set('2027-01-28T09:30:00.000Z'); // 10:30 in Oslo, the meeting has started
    const reallocate = async (description: string, approved: boolean, reason: string) => {
      const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description, amount: 40_000 } });
      expect(requested.status, requested.text).toBe(201);
      const decided = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: requested.body.id }, json: { approved, reason }, as });
      expect(decided.status, decided.text).toBe(200);
    };
    await reallocate('Flytte 40 000 kr fra reise til kurs.', true, 'Innenfor formålet.');
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 100_000, reason: 'Ett kurs ble avlyst.', endGrant: false }, as });
    expect(claim.status, claim.text).toBe(201);

    const json = (await minutes(schemeId, meetingId)).body;
    expect(json.cases.map((c: { applicationId: string; decision: unknown }) => [c.applicationId, c.decision])).toEqual([
      [applicationId, expect.objectContaining({ outcome: 'approve_reallocation', amount: 40_000, reason: 'Innenfor formålet.', matter: 'Flytte 40 000 kr fra reise til kurs.' })],
      [applicationId, expect.objectContaining({ outcome: 'claim_repayment', amount: 100_000, reason: 'Ett kurs ble avlyst.' })],
    ]);
    expect(json.totals).toMatchObject({ decisions: 2, reallocationsApproved: 1, repaymentsClaimed: 1, grantedAmount: 0 });
    const page = await minutesPage(schemeId, meetingId);
    expect(page.text).toContain('<dd>Behandlet 2 saker: 1 omdisponering godkjent, 1 krav om tilbakebetaling.</dd>');
    expect(page.text).toContain('<dt>Gjelder</dt><dd class="long-text">Flytte 40 000 kr fra reise til kurs.</dd>');
    expect(page.text).toContain('<strong>Omdisponering godkjent, 40 000 kr</strong>');
    expect(page.text).toContain('<dt>Begrunnelse</dt><dd class="long-text">Ett kurs ble avlyst.</dd>');

    // The minutes approved the same day: a later decision that day is the committee's, on the case, and not in final minutes.
    expect((await app.call('record-attendance', { pathParameters: ref, json: { present: ['Kari Nordmann, leder'] }, as })).status).toBe(200);
    expect((await app.call('approve-minutes', { pathParameters: ref, json: {}, as })).status).toBe(201);
    app.clock.set('2027-01-28T13:00:00.000Z');
    await reallocate('Flytte 40 000 kr fra kurs til vikarer.', false, 'Ikke begrunnet.');
    expect((await minutes(schemeId, meetingId)).body.cases).toHaveLength(2);
    const decisions = (await app.call('get-application', { pathParameters: { applicationId }, as })).body.decisions;
    expect(decisions.at(-1)).toMatchObject({ outcome: 'refuse_reallocation', matter: 'Flytte 40 000 kr fra kurs til vikarer.', reason: 'Ikke begrunnet.' });
    expect(decisions.at(-1).meetingId).toBeUndefined();
    expect(decisions.filter((d: { meetingId?: string }) => d.meetingId === meetingId).map((d: { outcome: string }) => d.outcome)).toEqual(['approve_reallocation', 'claim_repayment']);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
    expect(casePage.text).toContain('Omdisponering godkjent, 40 000 kr (Flytte 40 000 kr fra reise til kurs.) (møtet 28.01.2027, <a href="/sekretariat/sor-rogaland/moter/2027-01-28/protokoll">protokollen</a>)');
    expect(casePage.text).toContain('Omdisponering avslått, 40 000 kr (Flytte 40 000 kr fra kurs til vikarer.)<br>');
  });

  it('recorded after the meeting\'s day, a decision names the meeting it was made in: held, its minutes open; a 400 naming the field otherwise, and nothing written', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const held = '2027-02-25';
    app.clock.set('2027-03-01T10:00:00.000Z'); // the Monday after: no meeting today
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte 20 000 kr til veiledning.', amount: 20_000 } });
    const decide = (meetingId: string) => app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: requested.body.id }, json: { approved: true, meetingId }, as });
    for (const [meetingId, message] of [
      ['2027-02-26', 'Velg et møte i møteplanen.'],
      ['2027-03-18', 'Møtet 18.03.2027 har ikke startet ennå.'],
      ['2027-01-28', 'Protokollen fra møtet 28.01.2027 er godkjent og kan ikke endres. Velg et annet møte, eller la feltet stå tomt.'],
      ['28.02.2027', 'Velg et møte i møteplanen (dato ÅÅÅÅ-MM-DD).'],
    ] as const) {
      const refused = await decide(meetingId);
      expect(refused.status, meetingId).toBe(400);
      expect(refused.body.fieldErrors, meetingId).toEqual({ meetingId: message });
    }
    expect((await app.store.getReallocation(applicationId, requested.body.id))!.state).toBe('requested');

    // The case page offers the held meetings whose minutes are open, newest first.
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
    const options = [...casePage.text.matchAll(/<option value="(2027-[\d-]+)">/g)].map((m) => m[1]);
    expect(options.slice(0, 1)).toEqual([held]);
    expect(options).not.toContain('2027-01-28');

    expect((await decide(held)).status).toBe(200);
    const inMinutes = (await minutes('sor-rogaland', held)).body.cases.filter((c: { applicationId: string }) => c.applicationId === applicationId);
    expect(inMinutes.map((c: { decision: { outcome: string; at: string } }) => [c.decision.outcome, c.decision.at])).toEqual([['approve_reallocation', '2027-03-01T10:00:00.000Z']]);
  });
});

describe('approved minutes as a fixed record', () => {
  const schemeId = 'sor-rogaland';
  const [august, september] = ['2027-08-26', '2027-09-23'];
  const attend = (meetingId: string) => app.call('record-attendance', { pathParameters: { schemeId, meetingId }, json: { present: ['Kari Nordmann, leder'] }, as });
  const grant = (applicationId: string, amount: number) => decide(applicationId, { outcome: 'approve', amount, periodStart: '2027-10-01', periodEnd: '2028-09-30' });

  it("keep what they showed at the approval: a later meeting's grant from the same pot and the cases moving on change a draft's figures, not theirs", async () => {
    app.clock.set(START);
    const granted = await onAgenda(schemeId, august, 'Felles nattpatrulje i Stavanger');
    const deferred = await onAgenda(schemeId, august, 'Digital tilsynsordning i Randaberg');
    app.clock.set('2027-08-26T07:01:00.000Z'); // the meeting has started (09:00 in Oslo)
    expect((await grant(granted, 300_000)).status).toBe(201);
    app.clock.set('2027-08-26T07:02:00.000Z');
    expect((await decide(deferred, { outcome: 'defer', reason: 'Venter på kommunens budsjett.' })).status).toBe(201);
    app.clock.set('2027-08-26T12:00:00.000Z');
    expect((await attend(august)).status).toBe(200);
    const draft = (await minutes(schemeId, august)).body;
    expect(draft).toMatchObject({ state: 'open', figuresAsOf: null });
    expect(draft.cases.map((c: { applicationId: string; statusLabel: string }) => [c.applicationId, c.statusLabel])).toEqual([[granted, 'Innvilget'], [deferred, 'Utsatt til et senere møte']]);

    app.clock.set('2027-09-01T09:00:00.000Z');
    const approval = await app.call('approve-minutes', { pathParameters: { schemeId, meetingId: august }, json: {}, as });
    expect(approval.status).toBe(201);
    expect(approval.body).toEqual({ approval: { at: '2027-09-01T09:00:00.000Z', by: 'sekretær-1' } });
    // Written with the approval, in the same record.
    const stored = await app.store.getMinutesRecord(schemeId, august);
    expect(stored).toMatchObject({ approval: { at: '2027-09-01T09:00:00.000Z' }, snapshot: { potRemaining: draft.potRemaining, committee: { shortName: 'FSU' } } });
    expect(stored!.snapshot!.cases.map((c) => [c.number, c.applicationId, c.statusLabel])).toEqual([[1, granted, 'Innvilget'], [2, deferred, 'Utsatt til et senere møte']]);
    const approved = (await minutes(schemeId, august)).body;
    expect(approved).toMatchObject({ state: 'approved', figuresAsOf: '2027-09-01T09:00:00.000Z', potRemaining: draft.potRemaining, totals: draft.totals, undecided: [] });
    expect(approved.cases).toEqual(draft.cases);

    // The deferred case goes to September and is granted there, from the same year's pot: September's draft shows it at once.
    await app.schedule(deferred, september);
    const before = (await minutes(schemeId, september)).body;
    expect(before.potRemaining).toBe(draft.potRemaining);
    expect((await grant(deferred, 200_000)).status).toBe(201);
    app.clock.set('2027-09-23T12:00:00.000Z');
    const after = (await minutes(schemeId, september)).body;
    expect(after).toMatchObject({ figuresAsOf: null, potRemaining: draft.potRemaining - 200_000 });
    expect(after.cases.map((c: { statusLabel: string }) => c.statusLabel)).toEqual(['Innvilget']);

    // August's approved minutes are as they were approved.
    expect((await minutes(schemeId, august)).body).toEqual(approved);
    const page = (await minutesPage(schemeId, august)).text;
    expect(page).toContain('<p>Tall og statuser er slik de var da protokollen ble godkjent 01.09.2027 kl. 11.00.</p>');
    expect(page).toContain('<dt>Igjen i potten for 2027 per godkjenning</dt>');
    expect(page).toContain('<dt>Status ved godkjenning</dt><dd>Utsatt til et senere møte</dd>');
    expect(page).not.toContain('i dag');
    expect(page).not.toContain('Status nå');
    const draftPage = (await minutesPage(schemeId, september)).text;
    expect(draftPage).toContain('<p><strong>Utkast: protokollen er ikke godkjent.</strong> Tall og statuser er slik de er i dag.</p>');
    expect(draftPage).toContain('<dt>Igjen i potten for 2027 i dag</dt>');
    expect(draftPage).toContain('<dt>Status nå</dt><dd>Innvilget</dd>');
  });

  it('approved before the snapshot was kept still render, from current state, and say so', async () => {
    // September's minutes of the test before, approved as an earlier version recorded it: the approval alone.
    expect((await attend(september)).status).toBe(200);
    const draft = (await minutes(schemeId, september)).body;
    const record = (await app.store.getMinutesRecord(schemeId, september))!;
    expect(await app.store.saveMinutesRecord({ ...record, approval: { at: '2027-10-01T09:00:00.000Z', by: 'sekretær-1' }, revision: record.revision + 1 })).toBe(true);

    const old = (await minutes(schemeId, september)).body;
    expect(old).toMatchObject({ state: 'approved', figuresAsOf: null, potRemaining: draft.potRemaining, totals: draft.totals });
    expect(old.cases).toEqual(draft.cases);
    const page = (await minutesPage(schemeId, september)).text;
    expect(page).toContain('<p class="notice">Protokollen ble godkjent før tallene ble lagret med godkjenningen. Tall og statuser er derfor slik de er i dag, ikke slik de var ved godkjenningen.</p>');
    expect(page).toContain('<dt>Igjen i potten for 2027 i dag</dt>');
    expect(page).toContain('<dt>Status nå</dt><dd>Innvilget</dd>');
    expect(page).not.toContain('Utkast: protokollen er ikke godkjent.');
  });
});

describe("the cases' numbers", () => {
  const schemeId = 'sor-rogaland';
  const meetingId = '2027-05-27';
  const agendaJson = () => app.call('get-agenda', { pathParameters: { schemeId, meetingId }, as });
  const agendaPage = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId, meetingId }, headers: HTML, claims: as }), 'page-agenda');
  const headings = (text: string) => [...text.matchAll(/<h2 id="[^"]*">(Sak \d+: [^<]+)<\/h2>/g)].map((m) => m[1]);

  it('are the same on the agenda and in the minutes, and a case decided in the meeting keeps its number after it has left the agenda', async () => {
    app.clock.set(START);
    const titles = ['Felles fallforebygging i Time', 'Delt jordmorstilling i Gjesdal', 'Ambulerende psykiatriteam i Sola', 'Felles vikarpool i Hå'];
    const ids: string[] = [];
    for (const title of titles) ids.push(await onAgenda(schemeId, meetingId, title));
    const before = titles.map((t, i) => `Sak ${i + 1}: ${t}`);
    expect(headings((await agendaPage()).text)).toEqual(before);
    expect((await agendaJson()).body.items.map((i: { number: number; applicationId: string }) => [i.number, i.applicationId])).toEqual(ids.map((id, i) => [i + 1, id]));

    // Decided out of the agenda's order; the second and third leave the agenda (deferred, a question to the owner).
    const at = (minute: number) => app.clock.set(`2027-05-27T07:${String(minute).padStart(2, '0')}:00.000Z`);
    at(1);
    expect((await decide(ids[3]!, { outcome: 'approve', amount: 100_000, periodStart: '2027-06-01', periodEnd: '2028-05-31' })).status).toBe(201);
    at(2);
    expect((await decide(ids[1]!, { outcome: 'defer', reason: 'Venter på budsjettet.' })).status).toBe(201);
    at(3);
    expect((await app.call('request-information', { pathParameters: { applicationId: ids[2]! }, json: { message: 'Hvem leder teamet?' }, as })).status).toBe(201);
    at(4);
    expect((await decide(ids[0]!, { outcome: 'reject', reason: 'Utenfor formålet.' })).status).toBe(201);

    const agenda = await agendaJson();
    expect(agenda.body.items.map((i: { number: number; applicationId: string }) => [i.number, i.applicationId])).toEqual([[1, ids[0]], [4, ids[3]]]);
    expect(agenda.body.decidedAndGone).toEqual([
      { number: 2, applicationId: ids[1], title: titles[1], decision: { outcome: 'defer', at: '2027-05-27T07:02:00.000Z' } },
      { number: 3, applicationId: ids[2], title: titles[2], decision: { outcome: 'more_information', at: '2027-05-27T07:03:00.000Z' } },
    ]);
    const page = (await agendaPage()).text;
    expect(headings(page)).toEqual(before);
    expect(page).toContain('<p>Vedtak i møtet: Utsatt (27.05.2027 kl. 09.02). Saken står ikke lenger på denne sakslisten;');

    // The minutes: each case under its agenda number, in that order (not the order decided).
    const json = (await minutes(schemeId, meetingId)).body;
    expect(json.cases.map((c: { number: number; applicationId: string; decision: { outcome: string } }) => [c.number, c.applicationId, c.decision.outcome])).toEqual([
      [1, ids[0], 'reject'],
      [2, ids[1], 'defer'],
      [3, ids[2], 'more_information'],
      [4, ids[3], 'approve'],
    ]);
    expect(headings((await minutesPage(schemeId, meetingId)).text)).toEqual(before);

    // Approved, the minutes keep those numbers, and so does the agenda.
    expect((await app.call('record-attendance', { pathParameters: { schemeId, meetingId }, json: { present: ['Kari Nordmann, leder'] }, as })).status).toBe(200);
    expect((await app.call('approve-minutes', { pathParameters: { schemeId, meetingId }, json: {}, as })).status).toBe(201);
    expect((await app.store.getMinutesRecord(schemeId, meetingId))!.snapshot!.cases.map((c) => c.number)).toEqual([1, 2, 3, 4]);
    expect(headings((await minutesPage(schemeId, meetingId)).text)).toEqual(before);
    expect(headings((await agendaPage()).text)).toEqual(before);
  });

  const numbersOf = (items: Array<{ number: number; applicationId: string }>) => items.map((i) => [i.number, i.applicationId]);
  const withdraw = (ownerLinkId: string) => app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: { reason: 'Prosjektet er lagt ned.' } });
  const departures = async (scheme: string, id: string) => (await app.store.listMeetingCases(scheme, id)).departures;
  const agendaOf = async (scheme: string, id: string) => (await app.call('get-agenda', { pathParameters: { schemeId: scheme, meetingId: id }, as })).body;
  const agendaPageOf = async (scheme: string, id: string) => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: scheme, meetingId: id }, headers: HTML, claims: as }), 'page-agenda')).text;

  it('a case withdrawn once the agenda is out keeps its number as a line saying so, on the agenda and in the minutes, and the cases after it keep theirs; one withdrawn before leaves no gap', async () => {
    app.clock.set(START);
    const scheme = 'innlandet';
    const april = '2027-04-15';
    const titles = ['Felles legevaktsamarbeid i Gudbrandsdalen', 'Delt ergoterapeut i Ringsaker', 'Digitalt tilsyn i Løten', 'Felles kreftkoordinator i Stange'];
    const cases: Submitted[] = [];
    for (const title of titles) cases.push(await submittedOnAgenda(scheme, april, title));
    const ids = cases.map((c) => c.applicationId);

    // Before the submission deadline the agenda is still being made and nobody has its numbers: the cases after move up.
    app.clock.set('2027-03-20T10:00:00.000Z');
    expect((await withdraw(cases[0]!.ownerLinkId)).status).toBe(200);
    expect(numbersOf((await agendaOf(scheme, april)).items)).toEqual([[1, ids[1]], [2, ids[2]], [3, ids[3]]]);
    expect((await agendaOf(scheme, april)).leftWithoutDecision).toEqual([]);

    // The agenda is out ("Sakslisten er klar"); the owner of Sak 2 withdraws the day before the meeting.
    app.clock.set('2027-04-14T10:00:00.000Z');
    expect((await withdraw(cases[2]!.ownerLinkId)).status).toBe(200);
    const agenda = await agendaOf(scheme, april);
    expect(numbersOf(agenda.items)).toEqual([[1, ids[1]], [3, ids[3]]]);
    const line = { number: 2, applicationId: ids[2], title: titles[2], kind: 'withdrawn', at: '2027-04-14T10:00:00.000Z', movedTo: null };
    expect(agenda.leftWithoutDecision).toEqual([line]);
    const expected = [`Sak 1: ${titles[1]}`, `Sak 2: «${titles[2]}» – trukket av søkeren 14.04.2027`, `Sak 3: ${titles[3]}`];
    expect(headings(await agendaPageOf(scheme, april))).toEqual(expected);

    // A repeat of the withdrawal is refused and writes nothing new.
    app.clock.set('2027-04-14T11:00:00.000Z');
    const stored = await departures(scheme, april);
    expect((await withdraw(cases[2]!.ownerLinkId)).status).toBe(409);
    expect(await departures(scheme, april)).toEqual(stored);

    // In the meeting the others are decided; the minutes keep the line under its number, before and after the approval.
    app.clock.set('2027-04-15T08:01:00.000Z');
    expect((await decide(ids[1]!, { outcome: 'reject', reason: 'Utenfor formålet.' })).status).toBe(201);
    expect((await decide(ids[3]!, { outcome: 'defer', reason: 'Venter på budsjettet.' })).status).toBe(201);
    const json = (await minutes(scheme, april)).body;
    expect(json.cases.map((c: { number: number; applicationId: string }) => [c.number, c.applicationId])).toEqual([[1, ids[1]], [3, ids[3]]]);
    expect(json.leftWithoutDecision).toEqual([line]);
    expect(json.totals.decisions).toBe(2);
    expect(headings((await minutesPage(scheme, april)).text)).toEqual(expected);
    expect((await app.call('record-attendance', { pathParameters: { schemeId: scheme, meetingId: april }, json: { present: ['Kari Nordmann, leder'] }, as })).status).toBe(200);
    expect((await app.call('approve-minutes', { pathParameters: { schemeId: scheme, meetingId: april }, json: {}, as })).status).toBe(201);
    expect((await app.store.getMinutesRecord(scheme, april))!.snapshot!.leftWithoutDecision).toEqual([line]);
    expect((await minutes(scheme, april)).body.leftWithoutDecision).toEqual([line]);
    expect(headings((await minutesPage(scheme, april)).text)).toEqual(expected);
    expect(headings(await agendaPageOf(scheme, april))).toEqual(expected);
  });

  it('a case moved to another meeting once the agenda is out says so on the first agenda and has a number of its own on the new one; moved back, it is the same case under the same number', async () => {
    app.clock.set(START);
    const scheme = 'innlandet';
    const [june, september] = ['2027-06-10', '2027-09-16'];
    const titles = ['Felles jordmortjeneste i Valdres', 'Ambulant rehabilitering i Hamar', 'Delt psykolog i Elverum'];
    const ids: string[] = [];
    for (const title of titles) ids.push(await onAgenda(scheme, june, title));
    const later = await onAgenda(scheme, september, 'Felles frisklivssentral i Gjøvik');

    app.clock.set('2027-06-01T10:00:00.000Z');
    await app.schedule(ids[1]!, september);
    const agenda = await agendaOf(scheme, june);
    expect(numbersOf(agenda.items)).toEqual([[1, ids[0]], [3, ids[2]]]);
    expect(agenda.leftWithoutDecision).toEqual([{ number: 2, applicationId: ids[1], title: titles[1], kind: 'moved', at: '2027-06-01T10:00:00.000Z', movedTo: { id: september, date: september } }]);
    const page = await agendaPageOf(scheme, june);
    expect(headings(page)).toEqual([`Sak 1: ${titles[0]}`, `Sak 2: «${titles[1]}» – flyttet til møtet 16.09.2027`, `Sak 3: ${titles[2]}`]);
    expect(page).toContain(`<a href="/sekretariat/${scheme}/moter/${september}">Sakslisten for møtet 16.09.2027</a>`);
    const septemberAgenda = await agendaOf(scheme, september);
    expect(numbersOf(septemberAgenda.items)).toEqual([[1, ids[1]], [2, later]]);
    expect(septemberAgenda.leftWithoutDecision).toEqual([]);

    // A repeat of the move (a double click, a retried request) writes nothing new.
    app.clock.set('2027-06-01T10:05:00.000Z');
    const stored = await departures(scheme, june);
    await app.schedule(ids[1]!, september);
    expect(await departures(scheme, june)).toEqual(stored);

    // Moved back before the meeting: one case, one number, no line. (September's agenda is not out yet: no line there either.)
    app.clock.set('2027-06-02T10:00:00.000Z');
    await app.schedule(ids[1]!, june);
    const back = await agendaOf(scheme, june);
    expect(numbersOf(back.items)).toEqual([[1, ids[0]], [2, ids[1]], [3, ids[2]]]);
    expect(back.leftWithoutDecision).toEqual([]);
    expect((await agendaOf(scheme, september)).leftWithoutDecision).toEqual([]);
  });

  it('a case that comes onto the agenda after it went out takes the next number and the cases there keep theirs, on the agenda and in the minutes; one that came before the deadline is numbered by submission', async () => {
    app.clock.set(START);
    const scheme = 'innlandet';
    const [september, november] = ['2027-09-16', '2027-11-25'];
    // Sent in first, on September's agenda: later moved to November's, one before its deadline (11.11.2027), two after.
    const moved = await submittedOnAgenda(scheme, september, 'Felles akuttambulanse i Valdres');
    const withdrawn = await submittedOnAgenda(scheme, september, 'Delt fysioterapeut i Tynset');
    const inTime = await onAgenda(scheme, september, 'Felles hukommelsesteam i Lillehammer');
    const there = [await onAgenda(scheme, november, 'Ambulerende jordmor i Kongsvinger'), await onAgenda(scheme, november, 'Felles lindrende team i Brumunddal')];

    // Moved before the deadline: the agenda is still being made, and the case takes its place by submission.
    app.clock.set('2027-10-01T10:00:00.000Z');
    await app.schedule(inTime, november);
    expect(numbersOf((await agendaOf(scheme, november)).items)).toEqual([[1, inTime], [2, there[0]], [3, there[1]]]);

    // Once the agenda is out, cases moved there come after the cases on it, in the order they came, though sent in before them.
    app.clock.set('2027-11-12T10:00:00.000Z');
    await app.schedule(moved.applicationId, november);
    app.clock.set('2027-11-15T10:00:00.000Z');
    await app.schedule(withdrawn.applicationId, november);
    const expected = [[1, inTime], [2, there[0]], [3, there[1]], [4, moved.applicationId], [5, withdrawn.applicationId]];
    expect(numbersOf((await agendaOf(scheme, november)).items)).toEqual(expected);
    const titles = ['Felles hukommelsesteam i Lillehammer', 'Ambulerende jordmor i Kongsvinger', 'Felles lindrende team i Brumunddal', 'Felles akuttambulanse i Valdres', 'Delt fysioterapeut i Tynset'];
    expect(headings(await agendaPageOf(scheme, november))).toEqual(titles.map((t, i) => `Sak ${i + 1}: ${t}`));

    // The last one withdrawn, the first deferred in the meeting: each keeps its number.
    app.clock.set('2027-11-20T10:00:00.000Z');
    expect((await withdraw(withdrawn.ownerLinkId)).status).toBe(200);
    app.clock.set('2027-11-25T09:01:00.000Z');
    expect((await decide(moved.applicationId, { outcome: 'defer', reason: 'Venter på budsjettet.' })).status).toBe(201);
    const agenda = await agendaOf(scheme, november);
    expect(numbersOf(agenda.items)).toEqual(expected.slice(0, 3));
    expect(numbersOf(agenda.decidedAndGone)).toEqual([expected[3]]);
    expect(numbersOf(agenda.leftWithoutDecision)).toEqual([expected[4]]);
    const numbered = [...titles.slice(0, 3).map((t, i) => `Sak ${i + 1}: ${t}`), `Sak 4: ${titles[3]}`, `Sak 5: «${titles[4]}» – trukket av søkeren 20.11.2027`];
    expect(headings(await agendaPageOf(scheme, november))).toEqual(numbered);

    // The minutes: the decision under its number, and the cases without a decision under theirs too.
    const json = (await minutes(scheme, november)).body;
    expect(numbersOf(json.cases)).toEqual([expected[3]]);
    expect(numbersOf(json.leftWithoutDecision)).toEqual([expected[4]]);
    expect(json.undecided.map((u: { number: number; applicationId: string; title: string }) => [u.number, u.applicationId, u.title])).toEqual(expected.slice(0, 3).map(([n, id], i) => [n, id, titles[i]]));
    const page = (await minutesPage(scheme, november)).text;
    expect(headings(page)).toEqual(numbered.slice(3));
    for (const [n, id] of expected.slice(0, 3)) expect(page).toContain(`<li>Sak ${n}: <a href="/sekretariat/${scheme}/moter/${november}#sak-${id}">${titles[(n as number) - 1]}</a>`);
    // (and so does the attendance form, where who stepped aside on each is written)
    expect(page).toContain(`<label for="fremmote-recused-${inTime}">Sak 1: ${titles[0]} (uten vedtak)</label>`);
  });
});

describe('a case moved to a meeting since taken off the calendar', () => {
  it('is named by that meeting\'s day, says it is off the calendar, and links no agenda that no longer exists', () => {
    const calendar = meetingCalendar(getScheme('sor-rogaland')!);
    const [meeting] = calendar;
    expect(movedToView(meeting!.id, calendar)).toEqual({ id: meeting!.id, date: meeting!.date });
    const gone = movedToView('2027-09-16', calendar.filter((m) => m.id !== '2027-09-16'));
    expect(gone).toEqual({ id: '2027-09-16', date: '2027-09-16', offCalendar: true });

    const departure = { number: 2, applicationId: 'app_flyttet00000001', title: 'Flyttet', kind: 'moved' as const, at: '2027-04-10T10:00:00.000Z' };
    const listed = String(departedCase('sor-rogaland', { ...departure, movedTo: movedToView(meeting!.id, calendar) }));
    expect(listed).toContain('/sekretariat/sor-rogaland/moter/');
    const offCalendar = String(departedCase('sor-rogaland', { ...departure, movedTo: gone }));
    expect(offCalendar).toContain('Sak 2: «Flyttet» – flyttet til møtet 16.09.2027, som siden er tatt av møteplanen');
    expect(offCalendar).not.toContain('/moter/2027-09-16');
    expect(offCalendar).toContain('/sekretariat/soknader/app_flyttet00000001');
  });
});
