import { describe, expect, it, vi } from 'vitest';
import { ConflictError } from '../../functions/domain/errors';
import { newLinkId } from '../../functions/adapters/ids';
import { apiEvent } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { declinedByPartner, FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';

const app = useTestApp();

const declined = (title: string) => declinedByPartner(app, title);

describe('GET /api/owner/{linkId}', () => {
  it('shows status, meeting and history without personal data', async () => {
    const { applicationId, ownerLinkId } = await app.scheduled();
    const res = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applicationId,
      schemeId: 'sor-rogaland',
      status: 'scheduled',
      statusLabel: 'Satt opp til behandling i møte',
      version: 1,
      meeting: { id: '2026-12-10', submissionDeadline: '2026-11-26T22:59:59.999Z' },
    });
    expect(res.body.signatures).toHaveLength(3);
    expect(res.body.partners.map((p: { answer: string }) => p.answer)).toEqual(['signed', 'signed', 'signed']);
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['submitted', 'cosigned-by-all', 'moved-to-meeting']);
    expect(res.text).not.toMatch(/@/);
  });

  it('offers the report forms the owner can send now, and shows a repayment claim with its reason', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const statusLink = await app.reportLink(applicationId, 'status');
    const finalLink = await app.reportLink(applicationId, 'final', 500); // valid past the period
    const view = async () => (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body;
    // The final report waits for the status report (or for it to be overdue).
    expect((await view()).reportForms).toEqual([{ kind: 'status', linkId: statusLink, dueDate: '2027-06-10' }]);
    const page = async () => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(await page()).toContain(`<li><a href="/rapport/${statusLink}">Send inn statusrapport</a> (frist 10.06.2027)</li>`);
    expect((await app.call('get-report-form', { pathParameters: { linkId: finalLink } })).body.open).toBe(false);

    expect((await app.call('submit-report', { pathParameters: { linkId: statusLink }, json: { progress: 'I rute.', effect: 'Kortere ventetid.', spentAmount: 300_000 } })).status).toBe(201);
    // The sent report is listed with the link to read it back.
    expect((await view()).reports).toEqual([{ kind: 'status', submittedAt: app.clock.now().toISOString(), linkId: statusLink }]);
    expect(await page()).toMatch(new RegExp(`<li>Statusrapport sendt [^<]+ \\(<a href="/rapport/${statusLink}">se rapporten</a>\\)</li>`));
    // The final report comes after the period (2027): its form says from when, and opens then.
    expect((await view()).reportForms).toEqual([]);
    expect((await app.call('get-report-form', { pathParameters: { linkId: finalLink } })).body).toMatchObject({ open: false, opensOn: '2028-01-01' });
    const finalPage = await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId: finalLink }, headers: { Accept: 'text/html' } }), 'page-report-form');
    expect(finalPage.text).toContain('Sluttrapport kan sendes fra 01.01.2028, når tilskuddsperioden er over.');
    // No report form yet; only the request for a later deadline, which the owner may make already.
    expect(finalPage.text).not.toContain(`<form method="post" action="/rapport/${finalLink}" novalidate>`);
    expect(finalPage.text.match(/<form /g)).toHaveLength(1);
    expect(finalPage.text).toContain(`<form method="post" action="/rapport/${finalLink}/utsatt-frist"`);
    const early = await app.call('submit-report', { pathParameters: { linkId: finalLink }, json: { progress: 'Ferdig.', effect: 'Kortere ventetid.', spentAmount: 300_000 } });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'not_due', message: 'Sluttrapporten kan sendes fra 01.01.2028, når tilskuddsperioden er over.' });
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2027-12-31T22:59:00.000Z'); // 23:59 on the period's last day in Oslo
      expect((await view()).reportForms).toEqual([]);
      app.clock.set('2027-12-31T23:00:00.000Z'); // midnight: the period is over
      expect((await view()).reportForms).toEqual([{ kind: 'final', linkId: finalLink, dueDate: '2028-02-29' }]);
      expect((await app.call('get-report-form', { pathParameters: { linkId: finalLink } })).body.open).toBe(true);
      // An expired link is not offered (its page would answer 410).
      app.clock.set((await app.store.getLink(finalLink))!.expiresAt);
      expect((await view()).reportForms).toEqual([]);
    } finally {
      app.clock.set(saved);
    }

    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 25_000, reason: 'Kurset ble avlyst.', endGrant: false }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    expect((await view()).repaymentClaim).toEqual({ amount: 25_000, reason: 'Kurset ble avlyst.', claimedOn: '2026-11-20', effect: 'runs-on', projectNumber: 'R-11326-D11325' });
    // How to pay it back, as the claim's letter says.
    expect((await page()).replace(/\u00a0/g, ' ')).toContain('<dt>Krav om tilbakebetaling</dt><dd>25 000 kr (20.11.2026); resten av tilskuddet løper videre. Økonomiavdelingen i helseforetaket sender nærmere informasjon om innbetalingen. Merk innbetalingen med prosjektnummer R-11326-D11325.<br><span class="long-text">Kurset ble avlyst.</span></dd>');
    // The status report was sent: its row says when, not a deadline still to meet.
    expect(await page()).toMatch(/<dt>Statusrapport<\/dt><dd>sendt \d\d\.\d\d\.\d{4} \(frist 10\.06\.2027\)<\/dd>/);
  });

  it('says where the money is: the invoice to send (where to, marked how), the invoice received, paid; costs booked for a unit of the hospital trust', async () => {
    const { applicationId, ownerLinkId, payout } = await app.payoutPending();
    const view = async (linkId = ownerLinkId) => (await app.call('get-owner-view', { pathParameters: { linkId } })).body;
    const page = async (linkId = ownerLinkId) => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
    expect((await view()).payout).toEqual({
      state: 'awaiting_invoice', mode: 'invoice', amount: 850_000, projectNumber: 'R-11326-D11325', invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' },
    });
    expect(await page()).toContain('<dt>Utbetaling</dt><dd>Venter på faktura. Send faktura til Helse Stavanger HF (org.nr. 983974678) på 850 000 kr, merket med prosjektnummer R-11326-D11325.</dd>');
    // The status says whose turn it is: the owner's invoice, not a payment the owner waits for.
    expect((await view()).statusLabel).toBe('Innvilget: venter på faktura fra dere');
    // The conditions of the decision letter, while the grant runs.
    expect(await page()).toContain('<h3>Vilkår for tilskuddet</h3>\n<ul><li>Tilskuddet skal brukes slik det er beskrevet i søknaden.</li><li>Omdisponering av midlene krever forhåndsgodkjenning fra FSU.</li>');
    expect((await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, json: { invoiceNumber: 'F-2026-118' }, as: FINANCE })).status).toBe(200);
    expect(await page()).toContain('<dt>Utbetaling</dt><dd>Fakturaen (F-2026-118) er mottatt 20.11.2026 og venter på utbetaling.</dd>');
    expect((await view()).statusLabel).toBe('Venter på utbetaling');
    expect((await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, json: {}, as: FINANCE })).status).toBe(200);
    expect(await page()).toContain('<dt>Utbetaling</dt><dd>Utbetalt 20.11.2026.</dd>');
    expect((await view()).payout).toMatchObject({ state: 'paid', invoiceNumber: 'F-2026-118', paidOn: '2026-11-20' });
    // Paid before the period starts (01.01.2027): not yet "Pågår", for the owner and on the case alike.
    expect((await view()).statusLabel).toBe('Innvilget: starter 01.01.2027');
    const casePage = async () => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application')).text;
    expect(await casePage()).toContain('<dt>Status</dt><dd>Innvilget: starter 01.01.2027</dd>');
    expect(await casePage()).toContain('Søknader med status «Pågår»</a>');
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2026-12-31T23:00:00.000Z'); // midnight in Oslo: the period's first day
      expect((await view()).statusLabel).toBe('Pågår');
      expect(await casePage()).toContain('<dt>Status</dt><dd>Pågår</dd>');
    } finally {
      app.clock.set(saved);
    }

    // A unit of the hospital trust: the costs are booked on the project number, no invoice.
    const unit = await app.payoutPending('sor-rogaland', (a) => {
      a.owner = { partnerIndex: 2, name: 'Ingrid Larsen', email: a.partners[2]!.email, unit: 'Medisinsk klinikk', isInternalUnit: true };
    });
    expect((await view(unit.ownerLinkId)).payout).not.toHaveProperty('invoiceTo');
    expect(await page(unit.ownerLinkId)).toContain('<dt>Utbetaling</dt><dd>Kostnadene føres på prosjektnummer R-11326-D11325; de er ikke bokført ennå.</dd>');
    expect((await app.call('mark-paid', { pathParameters: { payoutId: unit.payout.id }, json: {}, as: FINANCE })).status).toBe(200);
    expect(await page(unit.ownerLinkId)).toContain('<dt>Utbetaling</dt><dd>Kostnadsført på prosjektnummer R-11326-D11325 20.11.2026.</dd>');
  });

  it('shows what was sent: the current version as the partners see it, on the page too, without addresses or contact names', async () => {
    const { ownerLinkId } = await declined('Slik den ble sendt');
    const sent = app.application('sor-rogaland', (a) => {
      a.title = 'Slik den ble sendt (revidert)';
      a.summary = 'Et revidert sammendrag som partnerne signerer.';
    });
    expect((await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: sent })).status).toBe(200);
    const res = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(res.body.project).toMatchObject({ title: sent.title, summary: sent.summary, requestedAmount: sent.requestedAmount, periodEnd: sent.periodEnd });
    expect(res.body.project.partners).toEqual(sent.partners.map((p) => ({ organisationName: p.organisationName, organisationNumber: p.organisationNumber, kind: p.kind, role: p.role })));
    expect(res.text).not.toMatch(/@/);
    for (const p of sent.partners) expect(res.text).not.toContain(p.contactName);

    const page = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(page).toContain('<h2>Søknaden (versjon 2)</h2>');
    expect(page).toContain(sent.summary);
    expect(page).not.toContain(app.application('sor-rogaland').summary);
    for (const p of sent.partners) expect(page).toContain(`<td>${p.organisationNumber}</td>`);
    expect(page).toContain('<caption>Budsjett</caption>');
  });

  it('before the agenda, names the meeting the application reaches and its deadline; on the agenda, that meeting', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Hvilket møte')));
    const page = async () => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
    const signing = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(signing.body.nextMeeting).toEqual({ id: '2026-12-10', date: '2026-12-10', submissionDeadline: '2026-11-26T22:59:59.999Z' });
    expect(await page()).toContain('Ikke satt opp til et møte ennå. Har alle partene signert innen søknadsfristen 26.11.2026 kl. 23.59, behandles søknaden i møtet 10.12.2026; ellers i et senere møte.');
    const receipt = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/kvittering', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-receipt')).text.replace(/\u00a0/g, ' ');
    expect(receipt).toContain('Har alle partene signert innen søknadsfristen 26.11.2026 kl. 23.59, behandles søknaden i møtet 10.12.2026');
    // After the deadline the next meeting is the one after.
    const saved = app.clock.now().toISOString();
    app.clock.set('2026-11-27T09:00:00.000Z');
    expect((await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.nextMeeting).toMatchObject({ date: '2027-01-28' });
    app.clock.set(saved);
    await app.cosignAll(applicationId);
    await app.schedule(applicationId);
    const scheduled = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(scheduled.body.meeting).toMatchObject({ id: '2026-12-10' });
    expect(scheduled.body.nextMeeting).toBeUndefined();
  });

  it('a deferred application says why, as the mail did', async () => {
    const { applicationId, ownerLinkId } = await app.scheduled();
    expect((await app.decide(applicationId, { outcome: 'defer', reason: 'Venter på budsjettet for 2027.' })).status).toBe(201);
    const view = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body;
    expect(view.deferralReason).toBe('Venter på budsjettet for 2027.');
    const page = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(page).toContain('<div class="notice"><p><strong>FSU utsatte søknaden i møtet 10.12.2026:</strong></p><p class="long-text">Venter på budsjettet for 2027.</p></div>');
  });

  it('answers 404 for an unknown link and for a co-sign link', async () => {
    expect((await app.call('get-owner-view', { pathParameters: { linkId: newLinkId() } })).status).toBe(404);
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Feil lenke')));
    const [cosign] = await app.cosignLinks(applicationId);
    expect((await app.call('get-owner-view', { pathParameters: { linkId: cosign!.id } })).status).toBe(404);
  });
});

describe('POST /api/owner/{linkId}/revision', () => {
  it('a revision after a decline is version 2, asks every partner again and revokes the old links (410)', async () => {
    const { applicationId, ownerLinkId } = await declined('Til revisjon');
    const oldLinks = await app.cosignLinks(applicationId, 1);
    const body = app.application('sor-rogaland', (a) => {
      a.title = 'Til revisjon (revidert)';
      a.budget[0]!.money = 25_000;
      a.partners[2]!.organisationName = 'Time kommune';
    });
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ applicationId, status: 'awaiting_cosignature', version: 2 });
    const stored = await app.store.getApplication(applicationId);
    expect(stored).toMatchObject({ version: 2, title: 'Til revisjon (revidert)', partnerOrganisations: body.partners.map((p) => p.organisationName) });
    expect(stored!.partnerOrganisations).toContain('Time kommune');
    expect(await app.cosignLinks(applicationId, 2)).toHaveLength(3);
    const stillActive = oldLinks.filter((l) => l.state === 'active');
    expect(stillActive).toHaveLength(2);
    for (const link of stillActive) {
      const stale = await app.call('cosign-application', { pathParameters: { linkId: link.id }, json: { decision: 'sign' } });
      expect(stale.status).toBe(410);
    }
    await app.cosignAll(applicationId);
  });

  it('answers 400 with field errors for an invalid revision and keeps version 1', async () => {
    const { applicationId, ownerLinkId } = await declined('Ugyldig revisjon');
    const body = app.application('sor-rogaland', (a) => {
      a.partners[2]!.email = 'ikke-en-adresse';
      a.periodEnd = '2026-02-30';
    });
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors['partners.2.email']).toBe('Skriv en gyldig e-postadresse.');
    expect(res.body.fieldErrors.periodEnd).toBe('Skriv en gyldig dato (DD.MM.ÅÅÅÅ).');
    expect(await app.store.getVersion(applicationId, 2)).toBeUndefined();
    expect((await app.store.getApplication(applicationId))?.status).toBe('draft');
  });

  it('answers 409 while the application is not open for revision (every partner has signed)', async () => {
    const { ownerLinkId } = await app.scheduled();
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application() });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('not_revisable');
    // Where it stands instead, and whom to ask; the form's page (a stale button, a bookmark) says the same.
    const said = 'Søknaden kan ikke endres nå: den har status «Satt opp til behandling i møte». Må noe rettes, ta kontakt med sekretariatet.';
    expect(res.body.message).toBe(said);
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-revision-form');
    expect(form.status).toBe(409);
    expect(form.text).toContain(said);
  });

  it('before every partner signed: version 2 at once, its signatures asked for; a signature on version 1 no longer counts', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Rettes før signering')));
    const [first, second] = await app.cosignLinks(applicationId, 1);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    const body = app.application('sor-rogaland', (a) => {
      a.title = 'Rettes før signering';
      a.partners[1]!.email = 'riktig.adresse@kommune.example';
    });
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ applicationId, status: 'awaiting_cosignature', version: 2 });
    expect((await app.store.getApplication(applicationId))!.history.at(-1)).toMatchObject({ action: 'revised', from: 'awaiting_cosignature', to: 'awaiting_cosignature' });
    expect((await app.call('cosign-application', { pathParameters: { linkId: second!.id }, json: { decision: 'sign' } })).status).toBe(410);
    expect(await app.store.listSignatures(applicationId, 2)).toEqual([]);
    await app.cosignAll(applicationId);
    expect((await app.store.getApplication(applicationId))!.status).toBe('submitted');
  });

  it('a revision that failed before its commit leaves a version no one names: a retry replaces it, a different one only once that attempt is surely over', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avbrutt revisjon')));
    const revise = (title: string) =>
      app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application('sor-rogaland', (a) => (a.title = title)) });
    const transition = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    expect((await revise('Første forsøk')).status).toBe(500);
    transition.mockRestore();
    expect((await app.store.getVersion(applicationId, 2))!.data.title).toBe('Første forsøk');
    expect((await app.store.getApplication(applicationId))!.version).toBe(1);
    // Another revision while the first could still be running: refused, nothing changed.
    const racing = await revise('Andre forsøk');
    expect(racing.status).toBe(409);
    expect(racing.body.reason).toBe('stale');
    expect((await app.store.getApplication(applicationId))!.version).toBe(1);
    // Later, the version left behind is replaced: version 2 is what the application names.
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set(new Date(Date.parse(saved) + 3 * 60_000).toISOString());
      const res = await revise('Andre forsøk');
      expect(res.status, res.text).toBe(200);
      expect((await app.store.getApplication(applicationId))!).toMatchObject({ version: 2, title: 'Andre forsøk' });
      expect((await app.store.getVersion(applicationId, 2))!.data.title).toBe('Andre forsøk');
    } finally {
      app.clock.set(saved);
    }
  });

  it('a double click: one revision, both posts answered as made, and each partner has one link to sign it with', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Dobbeltklikk')));
    const body = app.application('sor-rogaland', (a) => (a.title = 'Dobbeltklikk, rettet'));
    const answers = await Promise.all([1, 2].map(() => app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body })));
    // The browser shows the answer to the second post: it must not be an error.
    expect(answers.map((r) => [r.status, r.body.version])).toEqual([[200, 2], [200, 2]]);
    expect((await app.store.getApplication(applicationId))!).toMatchObject({ version: 2, title: 'Dobbeltklikk, rettet' });
    const active = (await app.store.listLinks(applicationId)).filter((l) => l.purpose === 'cosign' && l.state === 'active');
    expect(active.map((l) => `${l.version}:${l.partnerIndex}`).sort()).toEqual(body.partners.map((_, i) => `2:${i}`));
  });

  it('the same revision sent again after it was made (a retry, a late second click) makes no new version for the partners to sign', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Sendt to ganger')));
    const body = app.application('sor-rogaland', (a) => (a.title = 'Sendt to ganger, rettet'));
    const first = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    const linksAfterFirst = (await app.store.listLinks(applicationId)).filter((l) => l.purpose === 'cosign' && l.state === 'active').map((l) => l.id).sort();
    const again = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect([first.body.version, again.status, again.body.version]).toEqual([2, 200, 2]);
    expect(await app.store.getVersion(applicationId, 3)).toBeUndefined();
    expect((await app.store.listLinks(applicationId)).filter((l) => l.purpose === 'cosign' && l.state === 'active').map((l) => l.id).sort()).toEqual(linksAfterFirst);
    // A real change is a new version.
    const changed = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: { ...body, title: 'Sendt to ganger, rettet igjen' } });
    expect(changed.body.version).toBe(3);
  });

  it('a revision that fails before its commit leaves the partners\' links to the current version working', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Feilet revisjon')));
    const transition = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    expect((await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application() })).status).toBe(500);
    transition.mockRestore();
    await app.cosignAll(applicationId);
    expect((await app.store.getApplication(applicationId))!).toMatchObject({ version: 1, status: 'submitted' });
  });

  it('a repeat of a revision that failed before its commit goes through at once (the same version)', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Gjentatt revisjon')));
    const body = app.application('sor-rogaland', (a) => (a.title = 'Gjentatt revisjon, rettet'));
    const transition = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    expect((await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body })).status).toBe(500);
    transition.mockRestore();
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect(res.status, res.text).toBe(200);
    expect((await app.store.getApplication(applicationId))!).toMatchObject({ version: 2, title: 'Gjentatt revisjon, rettet' });
  });
});

describe('POST /api/owner/{linkId}/withdrawal', () => {
  it('withdraws, revokes the co-sign links and refuses a second withdrawal (409)', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Trekkes')));
    const [link] = await app.cosignLinks(applicationId);
    const res = await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: { reason: 'Prosjektet er utsatt.' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ applicationId, status: 'withdrawn' });
    const revoked = await app.call('get-cosign-view', { pathParameters: { linkId: link!.id } });
    expect(revoked.status).toBe(410);
    const again = await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: {} });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('not_withdrawable');
  });

  it('accepts an HTML form post and rejects unknown fields', async () => {
    const { ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Trekkes via skjema')));
    const bad = await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, form: { reason: 'x', status: 'approved' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors._form).toBe('Ukjent felt: status.');
    const res = await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, form: { reason: 'Vi trekker søknaden.' } });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('withdrawn');
  });
});

describe('POST /api/owner/{linkId}/reallocations', () => {
  it('records a request for an active grant (201) and refuses a second while one is pending (409)', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    // More than the grant (850 000 kr) cannot be moved: 400 naming the field, nothing stored.
    const tooMuch = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Alt og mer.', amount: 850_001 } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.fieldErrors).toEqual({ amount: 'Beløpet som omdisponeres kan ikke være større enn tilskuddet (850 000 kr).' });
    // The owner's page: the form again with what was typed, the rule's message at the amount.
    const onPage = await invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/omdisponering', pathParameters: { linkId: ownerLinkId }, form: { description: 'Alt og mer.', amount: '850 001' }, headers: { Accept: 'text/html' } }), 'page-request-reallocation');
    expect(onPage.status).toBe(400);
    expect(onPage.text).toContain('>Alt og mer.</textarea>');
    expect(onPage.text).toMatch(/<input[^>]*id="omdisponering-amount"[^>]*value="850 001"[^>]*aria-invalid="true"/);
    expect(onPage.text).toContain('href="#omdisponering-amount"');
    expect(summaryMismatches(onPage.text)).toEqual([]);
    expect(await app.store.listReallocations(applicationId)).toHaveLength(0);
    const res = await app.call('request-reallocation', {
      pathParameters: { linkId: ownerLinkId },
      form: { description: 'Flytte midler fra utstyr til opplæring.', amount: '50 000' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'requested', amount: 50_000 });
    expect(await app.store.listReallocations(applicationId)).toHaveLength(1);
    // The owner's page no longer offers a second request, which would be refused: it says when it can come.
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).not.toContain('action="/soknad/' + ownerLinkId + '/omdisponering"');
    expect(ownerPage).toContain('<p>Du kan søke om en ny omdisponering når FSU har avgjort denne.</p>');
    const second = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'En til.', amount: 10_000 } });
    expect(second.status).toBe(409);
    expect(second.body.reason).toBe('reallocation_pending');
  });

  it('leaves nothing behind when the grant write fails: a new request is taken after', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const failing = vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new ConflictError('Søknaden ble endret av noen andre samtidig.', 'stale'));
    const failed = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte midler til vikarer.', amount: 40_000 } });
    failing.mockRestore();
    expect(failed.status).toBe(409);
    expect(await app.store.listReallocations(applicationId)).toEqual([]);
    const again = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte midler til kurs.', amount: 30_000 } });
    expect(again.status).toBe(201);
    expect((await app.store.listReallocations(applicationId)).map((r) => r.amount)).toEqual([30_000]);
  });

  it('a request the committee did not decide in time lapses as refused: the owner is told, the group\'s leaders get no copy (no decision was made)', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const res = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte midler til kurs.', amount: 20_000 } });
    expect(res.status).toBe(201);
    await runLifecycleStep(app.deps, 'reallocation-undecided', { applicationId, reallocationId: res.body.id, executionStartTime: app.clock.now().toISOString() });
    const letters = app.mailer.sent.filter((m) => m.text.includes(applicationId) && m.subject.includes('Vedtak om omdisponering'));
    expect(letters.map((m) => m.to)).toEqual([[(await app.store.getApplication(applicationId))!.ownerEmail]]);
    expect(letters[0]!.text).toContain('Ikke behandlet innen fristen.');
    expect(letters[0]!.text).not.toMatch(/Kopi:|som kopi/);
  });

  it('answers 400 for an invalid amount and 409 before the grant is paid out', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'For tidlig omdisponering')));
    const bad = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Noe', amount: -5 } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.amount).toBe('Beløpet må være større enn 0 kr.');
    const early = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Noe', amount: 5_000 } });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('not_active');
    expect(await app.store.listReallocations(applicationId)).toHaveLength(0);
  });
});

describe('a lost link (the contact person asks for it)', () => {
  const lost = (json: Record<string, unknown>) => app.call('request-lost-link', { json });
  const linkMails = (email: string, applicationId: string) => app.mailer.sent.filter((m) => m.to.includes(email) && m.text.includes(applicationId) && m.text.includes('/soknad/'));

  it('with the case number and the case\'s address, the next sweep mails the link there; any other pair answers the same and sends nothing', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const before = app.mailer.sent.length;
    for (const json of [
      { caseNumber: applicationId, email: 'noen.andre@example.no' },
      { caseNumber: 'app_0000000000000000', email: ownerEmail },
    ]) {
      const res = await lost(json);
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: true });
    }
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.slice(before).filter((m) => m.text.includes(applicationId))).toEqual([]);

    const res = await lost({ caseNumber: applicationId, email: ownerEmail.toUpperCase() });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true });
    const sentBefore = linkMails(ownerEmail, applicationId).length;
    await sendDueReminders(app.deps);
    const sent = linkMails(ownerEmail, applicationId).slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`https://tilskudd.example/soknad/${ownerLinkId}`);
    // The contact person asked: the mail says so, not that the secretariat sent it.
    expect(sent[0]!.text).toContain('Du ba om lenken til søknaden i');
    expect(sent[0]!.text).not.toContain('sender deg lenken til søknaden');
    const history = (await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'owner-link-sent');
    expect(history.at(-1)!.actor).toEqual({ kind: 'applicant', email: ownerEmail });

    // At most three a day from the form (a minute apart: the same minute is one).
    for (let i = 0; i < 4; i++) {
      app.clock.set(new Date(app.clock.now().getTime() + 120_000).toISOString());
      await lost({ caseNumber: applicationId, email: ownerEmail });
    }
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'owner-link-sent' && e.actor.kind === 'applicant')).toHaveLength(3);
    // Where the case number is: in the mails about the case (someone whose application is still being signed has no decision letter).
    expect((await lost({ caseNumber: 'feil', email: 'ikke-epost' })).body.fieldErrors).toEqual({ caseNumber: 'Skriv saksnummeret slik det står i e-postene om saken: app_ fulgt av 16 tegn.', email: 'Skriv en gyldig e-postadresse.' });
  });

  it('with the address alone, each case that has that address now gets its own mail; one whose contact moved on does not, and the new contact\'s address finds it', async () => {
    const kari = 'kari.lostlink@kommune.example';
    const withOwner = (email: string) => (a: { owner: { email: string } }) => { a.owner.email = email; };
    const first = await app.submit('sor-rogaland', app.application('sor-rogaland', withOwner(kari)));
    const second = await app.submit('innlandet', app.application('innlandet', withOwner(kari)));
    const handedOver = await app.submit('sor-rogaland', app.application('sor-rogaland', withOwner(kari)));
    const ola = 'ola.lostlink@kommune.example';
    expect((await app.call('change-owner', { pathParameters: { applicationId: handedOver.applicationId }, json: { name: 'Ola Nordmann', email: ola }, as: SECRETARIAT })).status).toBe(200);
    await sendDueReminders(app.deps);

    const before = app.mailer.sent.length;
    const res = await lost({ email: ` ${kari.toUpperCase()} ` });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: true });
    await sendDueReminders(app.deps);
    const sent = app.mailer.sent.slice(before);
    expect(sent.map((m) => m.to)).toEqual([[kari], [kari]]);
    expect(sent.map((m) => [first.applicationId, second.applicationId].find((id) => m.text.includes(id))).sort()).toEqual([first.applicationId, second.applicationId].sort());
    expect(sent.some((m) => m.text.includes(handedOver.applicationId))).toBe(false);

    // The new contact's address finds the case it was handed; an address no case has sends nothing.
    const olaBefore = app.mailer.sent.length;
    await lost({ email: ola });
    await lost({ email: 'ingen.sak@kommune.example' });
    await sendDueReminders(app.deps);
    const olaMails = app.mailer.sent.slice(olaBefore);
    expect(olaMails).toHaveLength(1);
    expect(olaMails[0]!.to).toEqual([ola]);
    expect(olaMails[0]!.text).toContain(handedOver.applicationId);
  });

  it('has a page of its own, linked from the landing page: errors at the fields, then the same notice whatever was typed', async () => {
    const post = (form: Record<string, string>) => invoke(apiEvent({ method: 'POST', path: '/mistet-lenke', form, headers: { Accept: 'text/html' } }), 'page-request-lost-link');
    const bad = await post({ caseNumber: 'app_', email: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#lenke-caseNumber"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('value="app_"');
    const ok = await post({ caseNumber: 'app_0000000000000000', email: 'noen@example.no' });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/mistet-lenke?melding=sendt');
    const page = (await invoke(apiEvent({ method: 'GET', path: '/mistet-lenke', query: { melding: 'sendt' }, headers: { Accept: 'text/html' } }), 'page-lost-link')).text;
    expect(page).toContain('Er e-postadressen registrert på en sak (og hører saksnummeret til den, om du skrev det), får du lenken til saken på e-post i løpet av et kvarter, én e-post for hver sak.');
    // The case number may be left out.
    expect((await post({ caseNumber: '', email: 'noen@example.no' })).status).toBe(303);
    const home = (await invoke(apiEvent({ method: 'GET', path: '/', headers: { Accept: 'text/html' } }), 'page-home')).text;
    expect(home).toContain('<a href="/mistet-lenke">Mistet lenken til søknaden din?</a>');
  });
});

describe('the owner\'s page says where the case stands, as the mails do', () => {
  const ownerPage = async (linkId: string) => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
  const step = (action: Parameters<typeof runLifecycleStep>[1], applicationId: string) => runLifecycleStep(app.deps, action, { applicationId, executionStartTime: app.clock.now().toISOString() });
  const revisionForm = async (linkId: string) => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-revision-form')).text.replace(/\u00a0/g, ' ');

  it('sent back: who declined and why, or who had not answered when the signing ran out, at the top; the decline mail says until when it can be sent again', async () => {
    const { applicationId, ownerLinkId } = await declined('Tilbake til eieren');
    const page = await ownerPage(ownerLinkId);
    const notice = page.slice(page.indexOf('Status:'), page.indexOf('<dl class="facts">'));
    expect(notice).toMatch(/<p><strong>Stavanger kommune avslo å signere søknaden 20\.11\.2026 kl\. \d\d\.\d\d:<\/strong><\/p><p class="long-text">Uklart budsjett\.<\/p>/);
    expect(notice).toContain('Avklar med parten det gjelder, endre søknaden om det trengs, og send den inn på nytt. Alle partene blir da bedt om å signere den nye versjonen.');
    // The revision form says it in the same words (its own lead says what to do).
    const form = await revisionForm(ownerLinkId);
    expect(form).toMatch(/<p><strong>Stavanger kommune avslo å signere søknaden 20\.11\.2026 kl\. \d\d\.\d\d:<\/strong><\/p><p class="long-text">Uklart budsjett\.<\/p>/);
    expect(form).not.toContain('Avklar med parten');
    // The decline's mail names the day the application closes unless it is sent again (90 days), as the expired signing's does.
    const before = app.mailer.sent.length;
    await step('sent-back-for-revision', applicationId);
    const told = app.mailer.sent.slice(before).find((m) => m.subject.includes('Samarbeidspart har avslått å signere'));
    expect(told?.text).toMatch(/Sendes den ikke inn på nytt innen 18\.02\.2027 kl\. \d\d\.\d\d, avsluttes søknaden\./);

    const silent = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Ingen svarte')));
    const [first] = await app.cosignLinks(silent.applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-01-20T09:00:00.000Z'); // the signing links have expired
      await step('cosignatures-expired', silent.applicationId);
      const why = '<p><strong>Fristen for å signere gikk ut før alle partene hadde svart.</strong> Ikke svart: Sola kommune, Helse Stavanger HF.</p>';
      expect(await ownerPage(silent.ownerLinkId)).toContain(why);
      expect(await revisionForm(silent.ownerLinkId)).toContain(why);
    });
  });

  it('a report overdue says so on the owner\'s page and the report\'s; once sent, when; a claim that ends the grant owes no more reports, and says how to pay until it is repaid', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const statusLink = await app.reportLink(applicationId, 'status', 400);
    const reportPage = async () => (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId: statusLink }, headers: { Accept: 'text/html' } }), 'page-report-form')).text;
    expect(await ownerPage(ownerLinkId)).toContain('<dt>Statusrapport</dt><dd>innen 10.06.2027</dd>');
    expect(await reportPage()).toContain('<dt>Frist</dt><dd>10.06.2027</dd>');
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-06-11T08:00:00.000Z'); // the day after the deadline's day
      const page = await ownerPage(ownerLinkId);
      expect(page).toContain('<dt>Statusrapport</dt><dd>innen 10.06.2027: fristen er passert, send rapporten så snart som mulig</dd>');
      expect(page).toContain(`<li><a href="/rapport/${statusLink}">Send inn statusrapport</a> (frist 10.06.2027, passert)</li>`);
      expect(await reportPage()).toContain('<dt>Frist</dt><dd>10.06.2027: fristen er passert, send rapporten så snart som mulig</dd>');
      expect((await app.call('get-report-form', { pathParameters: { linkId: statusLink } })).body.overdue).toBe(true);
    });

    // The committee claims the whole grant back and ends it: no report is owed any more (the letter says so too).
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 850_000, reason: 'Prosjektet ble ikke gjennomført.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    let page = await ownerPage(ownerLinkId);
    expect(page).toContain('<dt>Statusrapport</dt><dd>skal ikke leveres: tilskuddet er avsluttet</dd>');
    expect(page).toContain('<dt>Sluttrapport</dt><dd>skal ikke leveres: tilskuddet er avsluttet</dd>');
    // The report's own page says so too, instead of a deadline and "cannot be sent now".
    const ended = await reportPage();
    expect(ended).toContain('<div class="notice"><p>Statusrapport skal ikke leveres: tilskuddet er avsluttet.</p></div>');
    expect(ended).not.toContain('<dt>Frist</dt>');
    expect(page).toContain('<dt>Krav om tilbakebetaling</dt><dd>850 000 kr (20.11.2026); tilskuddet er avsluttet. Økonomiavdelingen i helseforetaket sender nærmere informasjon om innbetalingen. Merk innbetalingen med prosjektnummer R-11326-D11325.');
    expect((await app.call('mark-paid', { pathParameters: { payoutId: claim.body.payout.id }, json: {}, as: FINANCE })).status).toBe(200);
    page = await ownerPage(ownerLinkId);
    expect(page).toContain('<dt>Krav om tilbakebetaling</dt><dd>850 000 kr (20.11.2026); tilskuddet er avsluttet. Tilbakebetalt 20.11.2026.');
    expect(page).not.toContain('Økonomiavdelingen i helseforetaket sender');
  });

  it('an expired link says where to get a new one: the owner\'s from the lost-link page, a report\'s from the secretariat', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const reportLinkId = await app.reportLink(applicationId, 'status', 30);
    await app.clock.setBackAfter(async () => {
      app.clock.set((await app.store.getLink(ownerLinkId))!.expiresAt);
      const owner = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status');
      expect(owner.status).toBe(410);
      expect(owner.text).toContain('Lenken er utløpt. Du kan få en ny lenke til søknaden på e-post: velg «Mistet lenken til søknaden din?» på forsiden.');
      const report = await app.call('get-report-form', { pathParameters: { linkId: reportLinkId } });
      expect(report.status).toBe(410);
      expect(report.body.message).toBe('Lenken er utløpt. Be sekretariatet om en ny lenke til rapporten.');
    });
  });

  it('the meeting: its deadline only while the case waits on the agenda; "not yet" only while it can still get one', async () => {
    const granted = await app.active();
    expect(await ownerPage(granted.ownerLinkId)).toContain('<dt>Møte</dt><dd>10.12.2026</dd>');
    const withdrawn = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Trukket før møtet')));
    expect((await app.call('withdraw-application', { pathParameters: { linkId: withdrawn.ownerLinkId }, json: {} })).status).toBe(200);
    expect(await ownerPage(withdrawn.ownerLinkId)).toContain('<dt>Møte</dt><dd>Ikke satt opp til et møte.</dd>');
  });
});
