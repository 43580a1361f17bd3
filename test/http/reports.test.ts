import { describe, expect, it } from 'vitest';
import { newLinkId } from '../../functions/adapters/ids';
import { apiEvent } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';

const app = useTestApp();

const STATUS_REPORT = { progress: 'Teamet er etablert og har fulgt 40 pasienter.', effect: 'Liggetiden for utskrivningsklare er redusert.', spentAmount: 400_000 };

describe('status and final reports through the report links', () => {
  it('status report: the form is open, the report is received once (201), then the form is closed and a repeat is 409', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status');
    const form = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(form.status).toBe(200);
    expect(form.body).toMatchObject({ applicationId, kind: 'status', open: true, dueDate: '2027-06-10' });
    expect(form.body.submittedAt).toBeUndefined();

    const res = await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ applicationId, kind: 'status', status: 'status_report_received' });

    const after = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(after.body).toMatchObject({ open: false, submittedAt: app.clock.now().toISOString() });
    const again = await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'already_reported', message: 'Rapporten er allerede sendt inn.' });
    expect(await app.store.listReports(applicationId)).toHaveLength(1);

    // The final report follows on its own link, once the period (2027) is over.
    const finalLink = await app.reportLink(applicationId, 'final', 500); // valid past the period
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2028-01-02T09:00:00.000Z');
      const final = await app.call('submit-report', {
        pathParameters: { linkId: finalLink },
        json: { ...STATUS_REPORT, spentAmount: 850_000, lessonsLearned: 'Felles opplæring tidlig.' },
      });
      expect(final.status).toBe(201);
      expect(final.body.status).toBe('final_report_received');
    } finally {
      app.clock.set(saved);
    }
  });

  it('shows back what was sent; the final report\'s form has the status report beside it; a short grant\'s final report waits for the status report', async () => {
    const page = async (linkId: string) => (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-report-form')).text.replace(/\u00a0/g, ' ');
    // A grant for January-March 2027: its period is over before the status report is due (10.06.2027).
    const { applicationId } = await app.active('sor-rogaland', (a) => {
      a.periodStart = '2027-01-01';
      a.periodEnd = '2027-03-31';
    });
    const statusLink = await app.reportLink(applicationId, 'status', 500);
    const finalLink = await app.reportLink(applicationId, 'final', 500);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2027-04-05T09:00:00.000Z');
      const waiting = await app.call('get-report-form', { pathParameters: { linkId: finalLink } });
      expect(waiting.body).toMatchObject({ open: false, waitsForStatusReport: true, mayRequestDeadline: true });
      const waitingPage = await page(finalLink);
      expect(waitingPage).toContain('Sluttrapport kan sendes når statusrapporten er sendt (frist 10.06.2027).');
      // Not yet open, but owed: the owner can already ask for more time.
      expect(waitingPage).toContain('<summary>Trenger prosjektet mer tid? Be om utsatt frist</summary>');

      const sent = { ...STATUS_REPORT, deviations: 'Oppstarten ble forsinket en måned.' };
      expect((await app.call('submit-report', { pathParameters: { linkId: statusLink }, json: sent })).status).toBe(201);
      const status = await app.call('get-report-form', { pathParameters: { linkId: statusLink } });
      expect(status.body.report).toEqual({ submittedAt: app.clock.now().toISOString(), ...sent });
      const statusPage = await page(statusLink);
      expect(statusPage).toContain('<h2>Det dere rapporterte</h2>');
      expect(statusPage).toContain(`<dt>Avvik fra planen</dt><dd class="long-text">${sent.deviations}</dd>`);
      expect(statusPage).toContain('<dt>Brukt av tilskuddet</dt><dd>400 000 kr</dd>');
      expect(status.body.mayRequestDeadline).toBe(false);
      expect(statusPage).not.toContain('Be om utsatt frist');

      // The final report's form now opens, with the status report to build on.
      const final = await app.call('get-report-form', { pathParameters: { linkId: finalLink } });
      expect(final.body).toMatchObject({ open: true, statusReport: { progress: sent.progress } });
      expect(final.body).not.toHaveProperty('waitsForStatusReport');
      const finalPage = await page(finalLink);
      expect(finalPage).toMatch(/<details class="earlier-report"><summary>Statusrapporten dere sendte 05\.04\.2027[^<]*<\/summary>/);
      expect(finalPage).toContain(sent.effect);
      expect(finalPage).toContain('<form method="post"');
    } finally {
      app.clock.set(saved);
    }
  });

  it('the owner gets a receipt for each report from the next sweep, once, linking back to what was sent', async () => {
    const { applicationId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const receipts = () => app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.text.includes(applicationId) && m.subject.startsWith('[FSU] Kvittering'));
    const statusLink = await app.reportLink(applicationId, 'status');
    expect((await app.call('submit-report', { pathParameters: { linkId: statusLink }, json: STATUS_REPORT })).status).toBe(201);
    expect((await app.call('submit-report', { pathParameters: { linkId: statusLink }, json: STATUS_REPORT })).status).toBe(409);
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    expect(receipts().map((m) => m.subject)).toEqual([expect.stringMatching(/^\[FSU\] Kvittering: statusrapport for «.*» er mottatt$/)]);
    expect(receipts()[0]!.text).toContain('400 000 kr');
    expect(receipts()[0]!.text).toContain(`https://tilskudd.example/rapport/${statusLink}`);
    const finalLink = await app.reportLink(applicationId, 'final', 500);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2028-01-02T09:00:00.000Z');
      expect((await app.call('submit-report', { pathParameters: { linkId: finalLink }, json: { ...STATUS_REPORT, spentAmount: 800_000 } })).status).toBe(201);
      await sendDueReminders(app.deps);
    } finally {
      app.clock.set(saved);
    }
    expect(receipts()).toHaveLength(2);
    expect(receipts()[1]!.subject).toMatch(/Kvittering: sluttrapport/);
    expect(receipts()[1]!.text).toContain('Med den er tilskuddet ferdig rapportert');
  });

  it('accepts the report as an HTML form with "120 000" as spent amount', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status');
    const res = await app.call('submit-report', {
      pathParameters: { linkId },
      form: { progress: 'I rute.', effect: 'For tidlig å si.', spentAmount: '120 000', deviations: '' },
      base64: true,
    });
    expect(res.status).toBe(201);
    const [report] = await app.store.listReports(applicationId);
    expect(report).toMatchObject({ kind: 'status', spentAmount: 120_000, progress: 'I rute.' });
    expect(report?.deviations).toBeUndefined();
  });

  it('answers 400 with field errors for an incomplete report, and stores nothing', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status');
    const res = await app.call('submit-report', { pathParameters: { linkId }, json: { progress: '  ', spentAmount: 1.5 } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toMatchObject({
      progress: 'Feltet må fylles ut.',
      effect: 'Feltet må fylles ut.',
      spentAmount: 'Beløpet må være et helt antall kroner.',
    });
    expect(await app.store.listReports(applicationId)).toHaveLength(0);
    expect((await app.store.getApplication(applicationId))?.status).toBe('active');
    expect((await app.store.getLink(linkId))?.state).toBe('active');
  });

  it('the status report is due whether or not the grant is paid out yet: received while the payout waits, then the payment leaves it received', async () => {
    const { applicationId, payout } = await app.payoutPending();
    expect((await app.store.getApplication(applicationId))?.status).toBe('payout_pending');
    const linkId = await app.reportLink(applicationId, 'status');
    expect((await app.call('get-report-form', { pathParameters: { linkId } })).body.open).toBe(true);
    const res = await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('status_report_received');
    // Not paid out yet: no repayment can be claimed, and the case page offers no claim.
    const caseOf = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application');
    expect((await caseOf()).text).not.toContain('/tilbakebetaling"');
    const early = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 1_000, reason: 'For tidlig' }, as: SECRETARIAT });
    expect(early.status).toBe(409);
    expect(early.body.reason).toBe('not_active');
    // Finance pays later: the payout is paid, the report stays received.
    expect((await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, as: FINANCE, json: { invoiceNumber: 'F-sen' } })).status).toBe(200);
    expect((await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as: FINANCE, json: {} })).status).toBe(200);
    expect((await app.store.getPayout(payout.id))?.state).toBe('paid');
    const after = (await app.store.getApplication(applicationId))!;
    expect(after.status).toBe('status_report_received');
    // The history still says when it was paid, once, without a change of status.
    expect(after.history.filter((h) => h.action === 'paid')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ role: 'finance' }), details: { payoutId: payout.id } })]);
    expect(after.history.at(-1)).not.toHaveProperty('to');
    expect((await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as: FINANCE, json: {} })).status).toBe(409);
    expect((await caseOf()).text).toContain(`action="/sekretariat/soknader/${applicationId}/tilbakebetaling"`);
    expect((await caseOf()).text).toContain('<td>Utbetalt</td>');
  });

  it('answers 400 naming the field when the report says more was spent than granted, and stores nothing', async () => {
    const { applicationId } = await app.active(); // 850 000 kr granted
    const linkId = await app.reportLink(applicationId, 'status');
    const res = await app.call('submit-report', { pathParameters: { linkId }, json: { ...STATUS_REPORT, spentAmount: 900_000 } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ spentAmount: 'Beløpet brukt hittil kan ikke være større enn tilskuddet (850 000 kr).' });
    expect(await app.store.listReports(applicationId)).toHaveLength(0);
    expect((await app.store.getApplication(applicationId))?.status).toBe('active');
    expect((await app.call('submit-report', { pathParameters: { linkId }, json: { ...STATUS_REPORT, spentAmount: 850_000 } })).status).toBe(201);
  });

  it('report page: more spent than granted shows the form again with what was typed and the error at the amount', async () => {
    const { applicationId } = await app.active(); // 850 000 kr granted
    const linkId = await app.reportLink(applicationId, 'status');
    const form = { ...STATUS_REPORT, spentAmount: '900 000' };
    const res = await invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}', pathParameters: { linkId }, form, headers: { Accept: 'text/html' } }), 'page-submit-report');
    expect(res.status).toBe(400);
    const text = res.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('<form');
    expect(text).toContain(`>${STATUS_REPORT.effect}</textarea>`);
    expect(text).toMatch(/<input[^>]*id="rapport-spentAmount"[^>]*value="900 000"[^>]*aria-invalid="true"/);
    expect(text).toContain('<a href="#rapport-spentAmount">Brukt av tilskuddet hittil (kr): Beløpet brukt hittil kan ikke være større enn tilskuddet (850 000 kr).</a>');
    expect(await app.store.listReports(applicationId)).toHaveLength(0);
  });

  it('report page: the error summary names each field by the label the owner sees', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status');
    const res = await invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}', pathParameters: { linkId }, form: { progress: '', effect: '', spentAmount: 'mye' }, headers: { Accept: 'text/html' } }), 'page-submit-report');
    expect(res.status).toBe(400);
    const text = res.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('<a href="#rapport-progress">Hva er gjort så langt?: ');
    expect(text).toContain('<a href="#rapport-effect">Hvilken effekt ser dere så langt?: ');
    expect(text).toContain('<a href="#rapport-spentAmount">Brukt av tilskuddet hittil (kr): ');
    expect(summaryMismatches(text)).toEqual([]);
    // The owner's request for a later deadline, on the same page: its fields after the form they belong to.
    const asked = await invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}/utsatt-frist', pathParameters: { linkId }, form: { dueDate: '', reason: '' }, headers: { Accept: 'text/html' } }), 'page-request-report-deadline');
    expect(asked.status).toBe(400);
    expect(asked.text).toContain('Utsatt frist, ønsket frist: ');
    expect(summaryMismatches(asked.text)).toEqual([]);
  });

  it('answers 409 for a final report before the status report', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'final');
    const res = await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT });
    expect(res.status).toBe(409);
    expect(res.body.reason).toBe('not_due');
    expect(await app.store.listReports(applicationId)).toHaveLength(0);
  });

  it('answers 410 for an expired report link and 404 for unknown or other links', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status', 1);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.advanceDays(2);
      expect((await app.call('get-report-form', { pathParameters: { linkId } })).status).toBe(410);
      expect((await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT })).status).toBe(410);
    } finally {
      app.clock.set(saved);
    }
    expect((await app.call('get-report-form', { pathParameters: { linkId: newLinkId() } })).status).toBe(404);
    expect((await app.call('submit-report', { pathParameters: { linkId: ownerLinkId }, json: STATUS_REPORT })).status).toBe(404);
  });
});
