// "Det tildeles midler for inntil 12 måneder om gangen" (002): a project that goes on applies again
// and names the grant it continues; the committee sees that grant on the agenda and the case.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();

const HTML = { Accept: 'text/html' };
const submit = (schemeId: string, json: unknown) => app.call('submit-application', { pathParameters: { schemeId }, json });

describe('an application that continues an earlier grant', () => {
  it('is refused by field, with nothing written, unless it names a grant of the same scheme and starts after that grant ended', async () => {
    const { applicationId: earlier } = await app.active('sor-rogaland', (a) => (a.title = 'Ambulant rehabiliteringsteam, år 1')); // 2027-01-01–2027-12-31
    const { applicationId: notGranted } = await app.scheduled();
    const { applicationId: elsewhere } = await app.active('innlandet');
    const before = await app.countApplications('sor-rogaland');
    const continuation = (continues: string, periodStart = '2028-01-01', periodEnd = '2028-12-31') =>
      app.application('sor-rogaland', (a) => Object.assign(a, { title: 'Ambulant rehabiliteringsteam, år 2', continues, periodStart, periodEnd }));

    const overlapping = await submit('sor-rogaland', continuation(earlier, '2027-07-01', '2028-06-30'));
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.fieldErrors).toEqual({ periodStart: 'En videreføring kan tidligst starte 01.01.2028, dagen etter at forrige tilskuddsperiode sluttet.' });
    for (const other of ['app_AAAAAAAAAAAAAAAA', notGranted, elsewhere]) {
      const res = await submit('sor-rogaland', continuation(other));
      expect(res.status, other).toBe(400);
      expect(res.body.fieldErrors).toEqual({ continues: `Fant ingen innvilget søknad med saksnummer ${other} i Helsefellesskapet i Sør-Rogaland.` });
    }
    const malformed = await submit('sor-rogaland', continuation('sak 42'));
    expect(malformed.body.fieldErrors).toEqual({ continues: 'Skriv saksnummeret slik det står i vedtaksbrevet: app_ fulgt av 16 tegn.' });
    expect(await app.countApplications('sor-rogaland')).toBe(before);
  });

  it('is accepted, and the agenda and the case show the grant it continues with what its latest report says', async () => {
    const { applicationId: earlier } = await app.active('sor-rogaland', (a) => (a.title = 'Felles legevaktlege, år 1'));
    const report = await app.call('submit-report', {
      pathParameters: { linkId: await app.reportLink(earlier, 'status') },
      json: { progress: 'Vaktordningen er i drift.', spentAmount: 400_000, effect: 'Færre innleggelser om natten.' },
    });
    expect(report.status).toBe(201);
    const body = app.application('sor-rogaland', (a) => Object.assign(a, { title: 'Felles legevaktlege, år 2', continues: earlier, periodStart: '2028-01-01', periodEnd: '2028-12-31' }));
    const submitted = await app.submit('sor-rogaland', body);
    await app.cosignAll(submitted.applicationId);
    await app.schedule(submitted.applicationId);
    const { meetingId } = (await app.store.getApplication(submitted.applicationId))!;

    const agenda = await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, as: SECRETARIAT });
    const item = agenda.body.items.find((i: { applicationId: string }) => i.applicationId === submitted.applicationId);
    expect(item.continues).toBe(earlier);
    expect(item.earlierGrant).toMatchObject({
      applicationId: earlier, title: 'Felles legevaktlege, år 1', status: 'Statusrapport mottatt', amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31',
      latestReport: { kind: 'status', submittedOn: '2026-11-20', spentAmount: 400_000, effect: 'Færre innleggelser om natten.' }, repaymentClaimed: 0,
    });

    const facts = `<dt>Videreføring av</dt><dd><a href="/sekretariat/soknader/${earlier}">Felles legevaktlege, år 1</a> (${earlier}): 850 000 kr for 01.01.2027–31.12.2027, statusrapport mottatt</dd>`;
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, headers: HTML, claims: SECRETARIAT }), 'page-agenda');
    expect(page.text.replace(/\u00a0/g, ' ')).toContain(facts);
    expect(page.text.replace(/\u00a0/g, ' ')).toContain('Statusrapport 20.11.2026: brukt 400 000 kr.');
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId: submitted.applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text.replace(/\u00a0/g, ' ')).toContain(facts);
    // The partners who sign see that it is a continuation.
    const [link] = await app.cosignLinks(submitted.applicationId);
    const cosign = await invoke(apiEvent({ method: 'GET', path: '/signer/{linkId}', pathParameters: { linkId: link!.id }, headers: HTML }), 'page-cosign');
    expect(cosign.text).toContain(`<dt>Videreføring av</dt><dd>tiltaket med saksnummer ${earlier}</dd>`);

    // The committee may grant another period than applied for, but not one that funds the same months twice.
    const pot = (await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, as: SECRETARIAT })).body.potRemaining;
    expect(typeof pot).toBe('number');
    const overlapping = await app.decide(submitted.applicationId, { outcome: 'approve', amount: 500_000, periodStart: '2027-06-01', periodEnd: '2028-05-31' });
    expect(overlapping.status).toBe(400);
    expect(overlapping.body.fieldErrors).toEqual({ periodStart: 'En videreføring kan tidligst starte 01.01.2028, dagen etter at forrige tilskuddsperiode sluttet.' });
    expect((await app.store.getApplication(submitted.applicationId))?.status).toBe('scheduled');
    expect((await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, as: SECRETARIAT })).body.potRemaining).toEqual(pot);
    const approved = await app.decide(submitted.applicationId, { outcome: 'approve', amount: 500_000, periodStart: '2028-01-01', periodEnd: '2028-06-30' });
    expect(approved.status).toBe(201);
  });

  it("shows on the earlier grant's case the applications that go on with it; a revision that drops the reference drops it", async () => {
    const { applicationId: earlier } = await app.active('sor-rogaland', (a) => (a.title = 'Jordmor i kombinert stilling, år 1'));
    const goOn = (title: string) => app.application('sor-rogaland', (a) => Object.assign(a, { title, continues: earlier, periodStart: '2028-01-01', periodEnd: '2028-12-31' }));
    const kept = await app.submit('sor-rogaland', goOn('Jordmor i kombinert stilling, år 2'));
    const dropped = await app.submit('sor-rogaland', goOn('Jordmor i kombinert stilling, år 2 (utkast)'));
    const caseOf = () => app.call('get-application', { pathParameters: { applicationId: earlier }, as: SECRETARIAT });
    expect((await caseOf()).body.continuations.map((c: { applicationId: string }) => c.applicationId).sort()).toEqual([kept.applicationId, dropped.applicationId].sort());

    const [first] = await app.cosignLinks(dropped.applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'decline', reason: 'Dette er et nytt tiltak.' } })).body.status).toBe('draft');
    const revision = app.application('sor-rogaland', (a) => (a.title = 'Jordmor i kombinert stilling, nytt tiltak'));
    expect((await app.call('revise-application', { pathParameters: { linkId: dropped.ownerLinkId }, json: revision })).status).toBe(200);

    const view = (await caseOf()).body;
    expect(view.continuations).toEqual([{ applicationId: kept.applicationId, title: 'Jordmor i kombinert stilling, år 2', status: 'awaiting_cosignature', statusLabel: 'Venter på signering fra partene', submittedAt: expect.any(String) }]);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId: earlier }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<dt>Videreføres i</dt><dd><ul class="plain"><li><a href="/sekretariat/soknader/${kept.applicationId}">Jordmor i kombinert stilling, år 2</a> (${kept.applicationId}): venter på signering fra partene, sendt inn 20.11.2026 kl. 10.00</li></ul></dd>`);
    expect(casePage.text).not.toContain(dropped.applicationId);
  });

  it('a revision cannot name the application itself', async () => {
    const submitted = await app.submit('sor-rogaland', app.application());
    const [first] = await app.cosignLinks(submitted.applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'decline', reason: 'Rett budsjettet.' } })).body.status).toBe('draft');
    const revision = app.application('sor-rogaland', (a) => Object.assign(a, { continues: submitted.applicationId }));
    const res = await app.call('revise-application', { pathParameters: { linkId: submitted.ownerLinkId }, json: revision });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ continues: `Fant ingen innvilget søknad med saksnummer ${submitted.applicationId} i Helsefellesskapet i Sør-Rogaland.` });
    expect(await app.store.getVersion(submitted.applicationId, 2)).toBeUndefined();
  });
});
