// A grant pays for a measure still to come: a period applied for starts no earlier than the day it
// is sent (a continuation: nor before the day after the grant it continues), and on the agenda a
// period that starts before the meeting is flagged, with an approval form that offers one the
// committee can grant (moved to start after the meeting, as long as it was) and says so.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { declinedByPartner, invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp(); // 20.11.2026: the next meeting that takes applications is 10.12.2026, then 28.01.2027

const HTML = { Accept: 'text/html' };
const submit = (json: unknown) => app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json });
const agendaPage = async (meetingId: string) =>
  (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId }, headers: HTML, claims: SECRETARIAT }), 'page-agenda')).text.replace(/\u00a0/g, ' ');
/** The agenda's approval form of one case (its inputs' values and hints). */
const approvalForm = (page: string, title: string) => page.slice(page.indexOf(`aria-label="Innvilg «${title}»"`), page.indexOf(`aria-label="Avslå «${title}»"`));

describe('a period that starts before the day the application is sent', () => {
  it('is refused at the start date on submission, together with an end already over; today is accepted', async () => {
    const before = await app.countApplications('sor-rogaland');
    const past = await submit(app.application('sor-rogaland', (a) => Object.assign(a, { periodStart: '2026-01-01', periodEnd: '2026-12-31' })));
    expect(past.status).toBe(400);
    expect(past.body.fieldErrors).toEqual({ periodStart: 'Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 20.11.2026.' });
    const over = await submit(app.application('sor-rogaland', (a) => Object.assign(a, { periodStart: '2026-01-01', periodEnd: '2026-06-30' })));
    expect(over.body.fieldErrors).toEqual({
      periodStart: 'Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 20.11.2026.',
      periodEnd: 'Perioden er allerede over (sluttdato 30.06.2026). Velg en sluttdato fra og med 20.11.2026.',
    });
    expect(await app.countApplications('sor-rogaland')).toBe(before);
    const today = await submit(app.application('sor-rogaland', (a) => Object.assign(a, { periodStart: '2026-11-20', periodEnd: '2027-11-19' })));
    expect(today.status, today.text).toBe(201);
  });

  it('is refused in a revision, on the day of the revision', async () => {
    const { ownerLinkId, applicationId } = await declinedByPartner(app, 'Startet før revisjonen');
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-01-05T09:00:00.000Z');
      const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application('sor-rogaland', (a) => { a.title = 'Startet før revisjonen'; a.periodStart = '2027-01-01'; a.periodEnd = '2027-12-31'; }) });
      expect(res.status).toBe(400);
      expect(res.body.fieldErrors).toEqual({ periodStart: 'Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 05.01.2027.' });
      expect(await app.store.getVersion(applicationId, 2)).toBeUndefined();
    });
  });

  it('a continuation is held to both start rules: the message names the later day', async () => {
    const { applicationId: earlier } = await app.active('sor-rogaland', (a) => (a.title = 'Kombinert stilling, år 1')); // 2027-01-01–2027-12-31
    const continuation = (periodStart: string, periodEnd: string) =>
      app.application('sor-rogaland', (a) => Object.assign(a, { title: 'Kombinert stilling, år 2', continues: earlier, periodStart, periodEnd }));
    // The earlier grant still runs: the day after it ends is the later bound.
    expect((await submit(continuation('2027-06-01', '2028-05-31'))).body.fieldErrors).toEqual({ periodStart: 'En videreføring kan tidligst starte 01.01.2028, dagen etter at forrige tilskuddsperiode sluttet.' });
    await app.clock.setBackAfter(async () => {
      // Sent when the earlier grant has ended: today is.
      app.clock.set('2028-02-10T09:00:00.000Z');
      expect((await submit(continuation('2028-01-01', '2028-12-31'))).body.fieldErrors).toEqual({ periodStart: 'Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 10.02.2028.' });
    });
  });
});

describe('on the agenda, a period that starts before the meeting', () => {
  it('is flagged, and the approval form offers the period moved to after the meeting, saying from what; it can be granted as offered', async () => {
    // Sent 20.11.2026 to start 01.12.2026: the December meeting decides it on 10.12.
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => Object.assign(a, { title: 'Oppstart før møtet', periodStart: '2026-12-01', periodEnd: '2027-11-30' }));
    const { meetingId } = (await app.store.getApplication(applicationId))!;
    const agenda = await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, as: SECRETARIAT });
    const item = agenda.body.items.find((i: { applicationId: string }) => i.applicationId === applicationId);
    expect(item).toMatchObject({ periodStart: '2026-12-01', periodEnd: '2027-11-30', periodStartsBeforeMeeting: true, grantablePeriod: { periodStart: '2027-01-01', periodEnd: '2027-12-31' } });

    const page = await app.duringMeeting(applicationId, () => agendaPage(meetingId!));
    expect(page).toContain('<dt>Periode</dt><dd>01.12.2026–30.11.2027 <strong>Perioden starter før møtet.</strong></dd>');
    const form = approvalForm(page, 'Oppstart før møtet');
    expect(form).toMatch(/name="periodStart"[^>]*value="2027-01-01"/);
    expect(form).toMatch(/name="periodEnd"[^>]*value="2027-12-31"/);
    expect(form).toContain('Flyttet fra søknadens periode 01.12.2026–30.11.2027, som starter før møtet.');

    const granted = await app.decide(applicationId, { outcome: 'approve', amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(granted.status, granted.text).toBe(201);
  });

  it('after a deferral, the next meeting offers a period that can be granted instead of the one that is over by then', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => Object.assign(a, { title: 'Utsatt til januar', periodStart: '2026-12-15', periodEnd: '2027-01-20' }));
    expect((await app.decide(applicationId, { outcome: 'defer' })).status).toBe(201);
    await app.schedule(applicationId, '2027-01-28');
    const page = await app.duringMeeting(applicationId, () => agendaPage('2027-01-28'));
    const form = approvalForm(page, 'Utsatt til januar');
    // Not from the first of a month: it starts on the meeting's day, as long as it was.
    expect(form).toMatch(/name="periodStart"[^>]*value="2027-01-28"/);
    expect(form).toMatch(/name="periodEnd"[^>]*value="2027-03-05"/);
    expect(form).toContain('Flyttet fra søknadens periode 15.12.2026–20.01.2027, som starter før møtet.');
  });

  it('is not flagged when it starts on or after the meeting, and the form offers the period applied for', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => Object.assign(a, { title: 'Oppstart etter møtet' })); // 2027-01-01–2027-12-31
    const { meetingId } = (await app.store.getApplication(applicationId))!;
    const page = await app.duringMeeting(applicationId, () => agendaPage(meetingId!));
    expect(page).toContain('<dt>Periode</dt><dd>01.01.2027–31.12.2027</dd>');
    const form = approvalForm(page, 'Oppstart etter møtet');
    expect(form).toMatch(/name="periodStart"[^>]*value="2027-01-01"/);
    expect(form).not.toContain('Flyttet fra');
  });
});
