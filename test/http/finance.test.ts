import { describe, expect, it } from 'vitest';
import { financePage } from '../../functions/pages/finance-page';
import { osloDateOf } from '../../functions/domain/oslo-time';
import { apiEvent, staffClaims } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';

const app = useTestApp();

const as = FINANCE;

/** The finance page (HTML, or CSV with format=csv) as finance sees it. */
const financeList = (query: Record<string, string>, claims = as) =>
  invoke(apiEvent({ method: 'GET', path: '/okonomi', query, headers: { Accept: 'text/html' }, claims }), 'page-finance');

/** One payout's row on the finance page. */
const rowOf = (page: string, payoutId: string) =>
  new RegExp(`<tr id="utbetaling-${payoutId.replace(/[^A-Za-z0-9_-]+/g, '-')}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';

/** The CSV's row for a case, by its column headers. */
function csvRow(csv: string, applicationId: string): Record<string, string> {
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  const cells = rows.find((r) => r.startsWith(`${applicationId};`))?.split(';') ?? [];
  return Object.fromEntries(header!.split(';').map((h, i) => [h, cells[i] ?? '']));
}

/** An instant's Oslo day as the pages write it: '20.11.2026'. */
const day = (iso: string) => osloDateOf(new Date(iso)).split('-').reverse().join('.');

/** Approved and handed to finance: the payout the lifecycle creates. */
async function payoutFor(owner: 'municipality' | 'internal-unit' = 'municipality') {
  const { applicationId, payout } = await app.payoutPending('sor-rogaland', (a) => {
    if (owner === 'internal-unit') {
      a.owner = { partnerIndex: 2, name: 'Ingrid Larsen', email: a.partners[2]!.email, unit: 'Medisinsk klinikk', isInternalUnit: true };
    }
  });
  return { applicationId, payout };
}

describe('the payout trigger e-mail', () => {
  it('names the case once (its case number) and links to the payout on the finance page', async () => {
    const { applicationId } = await app.scheduled();
    await app.approve(applicationId);
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const [payout] = await app.store.listPayoutsForApplication(applicationId);
    const mail = app.mailer.sent.find((m) => m.idempotencyKey === `payout#${payout!.id}`)!;
    expect(mail.to).toEqual([app.scheme().financeEmail]);
    expect(mail.text).toContain(`Saksnummer: ${applicationId}`);
    expect(mail.text.split(applicationId)).toHaveLength(2);
    expect(mail.text).toContain(`/okonomi?prosjektnummer=${payout!.projectNumber}`);
  });
});

describe('GET /api/finance/payouts', () => {
  it('lists payouts by project number and state', async () => {
    const { payout } = await payoutFor();
    const res = await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325' }, as });
    expect(res.status).toBe(200);
    expect(res.body.payouts.map((p: { id: string }) => p.id)).toContain(payout.id);
    const awaiting = await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325', state: 'awaiting_invoice' }, as });
    expect(awaiting.body.payouts.every((p: { state: string }) => p.state === 'awaiting_invoice')).toBe(true);
    expect(awaiting.body.payouts.map((p: { id: string }) => p.id)).toContain(payout.id);
    const paid = await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325', state: 'paid' }, as });
    expect(paid.body.payouts.map((p: { id: string }) => p.id)).not.toContain(payout.id);
    const other = await app.call('list-payouts', { query: { projectNumber: 'SI-RST-2026' }, as });
    expect(other.body.payouts).toEqual([]);
  });

  it('answers 400 with field errors without a project number or with an unknown state', async () => {
    const missing = await app.call('list-payouts', { as });
    expect(missing.status).toBe(400);
    expect(missing.body.fieldErrors).toEqual({ projectNumber: 'Feltet må fylles ut.' });
    const bad = await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325', state: 'betalt' }, as });
    expect(bad.body.fieldErrors).toEqual({ state: 'Ukjent utbetalingsstatus.' });
  });
});

describe('invoice and payment', () => {
  it('invoice mode: payment before the invoice is 409; invoice (200), paid (200) makes the grant active; repeats are 409', async () => {
    const { applicationId, payout } = await payoutFor();
    // The payee with its organisation number, to match the invoice that comes against.
    expect(payout).toMatchObject({ mode: 'invoice', state: 'awaiting_invoice', amount: 850_000, payee: 'Stavanger kommune', payeeOrganisationNumber: '964965226' });
    const early = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ reason: 'not_payable', message: 'Registrer fakturaen før utbetalingen markeres som betalt.' });

    const noNumber = await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, json: { invoiceNumber: ' ' }, as });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.fieldErrors).toEqual({ invoiceNumber: 'Feltet må fylles ut.' });

    const invoiced = await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, json: { invoiceNumber: 'F-2026-0042' }, as });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body).toMatchObject({ state: 'invoiced', invoiceNumber: 'F-2026-0042', invoicedAt: app.clock.now().toISOString() });
    const twice = await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, json: { invoiceNumber: 'F-2026-0043' }, as });
    expect(twice.status).toBe(409);
    expect(twice.body.reason).toBe('not_awaiting_invoice');

    const paid = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as });
    expect(paid.status).toBe(200);
    expect(paid.body.state).toBe('paid');
    expect((await app.store.getApplication(applicationId))?.status).toBe('active');
    const history = (await app.store.getApplication(applicationId))!.history;
    expect(history.at(-1)).toMatchObject({ action: 'paid', actor: { kind: 'staff', role: 'finance', subject: 'okonomi-1' } });
    const again = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as });
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('not_payable');
  });

  it('cost booking for a unit of the hospital trust: no invoice, marked paid directly', async () => {
    const { applicationId, payout } = await payoutFor('internal-unit');
    expect(payout).toMatchObject({ mode: 'cost_booking', state: 'pending', payee: 'Helse Stavanger HF, Medisinsk klinikk', payeeOrganisationNumber: '983974678' });
    const invoice = await app.call('register-invoice', { pathParameters: { payoutId: payout.id }, json: { invoiceNumber: 'F-1' }, as });
    expect(invoice.status).toBe(409);
    const paid = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as });
    expect(paid.status).toBe(200);
    expect((await app.store.getApplication(applicationId))?.status).toBe('active');
  });

  it('a repayment claim is settled by marking it paid, which closes the grant', async () => {
    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 50_000, reason: 'Ikke brukt.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const repaid = await app.call('mark-paid', { pathParameters: { payoutId: claim.body.payout.id }, as });
    expect(repaid.status).toBe(200);
    expect(repaid.body).toMatchObject({ state: 'repaid', amount: -50_000 });
    const closed = (await app.store.getApplication(applicationId))!;
    expect(closed.status).toBe('closed');
    expect(closed.history.at(-1)).toMatchObject({ action: 'repaid', from: 'repayment_claimed', to: 'closed' });
    // A repeat changes nothing.
    expect((await app.call('mark-paid', { pathParameters: { payoutId: claim.body.payout.id }, as })).status).toBe(409);
    expect((await app.store.getApplication(applicationId))?.status).toBe('closed');
  });

  it('a repeat after a crash between marking the repayment and closing the grant finishes the close', async () => {
    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 10_000, reason: 'Ikke brukt.' }, as: SECRETARIAT });
    const payout = claim.body.payout;
    // The crash: the payout is marked, the application is not.
    await app.store.updatePayout(payout.id, payout.revision, ['repayment_claimed'], 'repaid', { paidAt: app.clock.now().toISOString() });
    expect((await app.store.getApplication(applicationId))?.status).toBe('repayment_claimed');
    const retry = await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as });
    expect(retry.status).toBe(200);
    expect((await app.store.getApplication(applicationId))?.status).toBe('closed');
  });

  it("the finance page's list downloads as CSV for the accounts: one row per payout, a repayment claim as a negative amount", async () => {
    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 25_000, reason: 'Ikke brukt.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const page = (query: Record<string, string>, claims = as) => invoke(apiEvent({ method: 'GET', path: '/okonomi', query, headers: { Accept: 'text/html' }, claims }), 'page-finance');

    const list = await page({ prosjektnummer: 'R-11326-D11325' });
    expect(list.text).toContain('<a href="/okonomi?prosjektnummer=R-11326-D11325&amp;format=csv" download>Last ned listen som CSV (åpnes i Excel)</a>');
    expect(list.text).toContain(`<td>${claim.body.payout.payee}<span class="hint">org.nr. ${claim.body.payout.payeeOrganisationNumber}</span></td>`);
    const csv = await page({ prosjektnummer: 'R-11326-D11325', status: 'repayment_claimed', format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="utbetalinger-R-11326-D11325-repayment_claimed-2026-11-20.csv"');
    const [header, ...rows] = csv.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(header).toBe('Saksnummer;Tittel;Utbetaling;Prosjektnummer;Mottaker;Mottakers org.nr.;Beløp (kr);Måte;Status;Bestilt;Fakturanummer;Faktura registrert;Betalt;Annullert');
    const row = rows.find((r) => r.startsWith(`${applicationId};`))!;
    expect(claim.body.payout.payeeOrganisationNumber).toMatch(/^\d{9}$/); // the claim is against the grant's payee
    const title = (await app.store.getApplication(applicationId))!.title;
    expect(row).toBe(`${applicationId};${title};${claim.body.payout.id};R-11326-D11325;${claim.body.payout.payee};${claim.body.payout.payeeOrganisationNumber};-25000;Krav om tilbakebetaling: innbetaling merket med prosjektnummeret;Krav om tilbakebetaling;2026-11-20;;;;`);
    expect(rows.every((r) => r.includes(';Krav om tilbakebetaling;'))).toBe(true);
    // Another community's project number is refused, as for the list.
    expect((await page({ prosjektnummer: 'R-11326-D11325', format: 'csv' }, staffClaims(['finance', 'scheme:innlandet']))).status).toBe(403);
  });

  it('a payout cancelled because the grant was taken back: listed as cancelled with no action, its date in the CSV', async () => {
    const { applicationId, payout } = await payoutFor();
    const revoked = await app.call('revoke-grant', { pathParameters: { applicationId }, json: { reason: 'Prosjektet blir ikke gjennomført.' }, as: SECRETARIAT });
    expect(revoked.status).toBe(200);
    const page = (query: Record<string, string>) => invoke(apiEvent({ method: 'GET', path: '/okonomi', query, headers: { Accept: 'text/html' }, claims: as }), 'page-finance');
    const list = await page({ prosjektnummer: 'R-11326-D11325', status: 'cancelled' });
    const rowId = `utbetaling-${payout.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
    const row = new RegExp(`<tr id="${rowId}">[\\s\\S]*?</tr>`).exec(list.text)?.[0] ?? '';
    expect(row).toContain(`<td>Annullert (tilskuddet er trukket tilbake)<span class="hint">${day(app.clock.now().toISOString())}</span></td>`);
    expect(row).not.toContain('<form');
    const csv = await page({ prosjektnummer: 'R-11326-D11325', status: 'cancelled', format: 'csv' });
    const line = csv.text.split('\r\n').find((r) => r.startsWith(`${applicationId};`))!;
    expect(line.endsWith(';Annullert (tilskuddet er trukket tilbake);2026-11-20;;;;2026-11-20')).toBe(true);
  });

  it('the finance page sums its list per state (a repayment claim as a negative amount), and counts in Norwegian', async () => {
    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 30_000, reason: 'Ikke brukt.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const page = (query: Record<string, string>) => invoke(apiEvent({ method: 'GET', path: '/okonomi', query, headers: { Accept: 'text/html' }, claims: as }), 'page-finance');
    const all = (await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325' }, as })).body.payouts as Array<{ state: string; amount: number; mode: string }>;
    const text = (await page({ prosjektnummer: 'R-11326-D11325' })).text.replace(/\u00a0/g, ' ');
    const claimed = all.filter((p) => p.state === 'repayment_claimed');
    const sum = (list: Array<{ amount: number }>) => `${list.reduce((s, p) => s + p.amount, 0).toLocaleString('nb-NO').replace(/\u00a0/g, ' ').replace('−', '-')} kr`;
    // A claim is counted as a claim ("krav", the same word in the plural), not as a payout.
    expect(text).toContain(`<dt>Krav om tilbakebetaling</dt><dd>${sum(claimed)} (${claimed.length} krav)</dd>`);
    const paid = all.filter((p) => p.state === 'paid' && p.mode === 'invoice');
    expect(text).toContain(`<dt>Betalt</dt><dd>${sum(paid)} (${paid.length} utbetalinger)</dd>`);
    const claims = all.filter((p) => p.amount < 0).length;
    const payouts = all.length - claims;
    expect(text).toContain(`<caption>${payouts === 1 ? '1 utbetaling' : `${payouts} utbetalinger`} og ${claims} krav om tilbakebetaling</caption>`);
    // One claim alone, and one payout alone: singular.
    const single = (payout: typeof claim.body.payout) => financePage({ filter: { projectNumber: 'R-11326-D11325' }, projectNumbers: [], payouts: [payout], csrf: 'x' }).body.toString().replace(/\u00a0/g, ' ');
    expect(single(claim.body.payout)).toContain('<caption>1 krav om tilbakebetaling</caption>');
    expect(single(claim.body.payout)).toContain('<dt>Krav om tilbakebetaling</dt><dd>-30 000 kr (1 krav)</dd>');
    expect(single(claim.body.payout)).not.toContain('utbetaling)');
    const grantPayout = (await app.store.listPayoutsByProject('R-11326-D11325')).find((p) => p.applicationId === applicationId && p.amount > 0)!;
    expect(single(grantPayout)).toContain('<caption>1 utbetaling</caption>');
    expect(single(grantPayout)).toContain('(1 utbetaling)</dd>');
  });

  it("each row names its case, the project title and the case number, as the CSV does, with the day it was paid", async () => {
    const { applicationId } = await app.active('sor-rogaland', (a) => (a.title = 'Felles utskrivningsteam i Stavanger'));
    const payout = (await app.store.listPayoutsByProject('R-11326-D11325', 'paid')).find((p) => p.applicationId === applicationId)!;
    expect(payout.paidAt).toBeDefined();
    const row = rowOf((await financeList({ prosjektnummer: 'R-11326-D11325' })).text, payout.id);
    expect(row).toContain(`<td>Felles utskrivningsteam i Stavanger<span class="hint">saksnr. ${applicationId}</span></td>`);
    expect(row).toContain(`<td>Betalt<span class="hint">${day(payout.paidAt!)}</span></td>`);
    expect(row).toContain(`<td>${payout.invoiceNumber}<span class="hint">registrert ${day(payout.invoicedAt!)}</span></td>`);
    // The case page is the secretariat's: finance gets no link it cannot open.
    expect(row).not.toContain('<a ');
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: as }), 'page-application');
    expect(casePage.status).toBe(403);
    // The CSV says the same.
    const line = csvRow((await financeList({ prosjektnummer: 'R-11326-D11325', format: 'csv' })).text, applicationId);
    expect(line).toMatchObject({ Saksnummer: applicationId, Tittel: 'Felles utskrivningsteam i Stavanger', Status: 'Betalt', Fakturanummer: payout.invoiceNumber, 'Faktura registrert': osloDateOf(new Date(payout.invoicedAt!)), Betalt: osloDateOf(new Date(payout.paidAt!)) });
  });

  it('a cost booking done is "Kostnadsført" on the page, in its sums, filter and CSV; its stored state stays paid', async () => {
    const { applicationId, payout } = await payoutFor('internal-unit');
    expect((await app.call('mark-paid', { pathParameters: { payoutId: payout.id }, as })).status).toBe(200);
    expect((await app.store.getPayout(payout.id))?.state).toBe('paid');
    const page = (await financeList({ prosjektnummer: 'R-11326-D11325', status: 'paid' })).text;
    const row = rowOf(page, payout.id);
    expect(row).toContain('<td>Kostnadsføring på prosjektnummeret</td><td>Kostnadsført<span class="hint">');
    expect(row).not.toContain('Betalt');
    expect(page).toMatch(/<dt>Kostnadsført<\/dt><dd>[^<]* \(\d+ utbetalinger?\)<\/dd>/);
    expect(page).toContain('<option value="pending">Til kostnadsføring</option>');
    expect(page).toContain('<option value="paid" selected>Betalt eller kostnadsført</option>');
    expect(page).toContain('<h2>Utbetalinger på R-11326-D11325 – betalt eller kostnadsført</h2>');
    expect(csvRow((await financeList({ prosjektnummer: 'R-11326-D11325', status: 'paid', format: 'csv' })).text, applicationId)).toMatchObject({ Måte: 'Kostnadsføring på prosjektnummeret', Status: 'Kostnadsført' });
  });

  it('a repayment claim says it is one, and how the money comes back, not "Faktura merket med prosjektnummeret"', async () => {
    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 20_000, reason: 'Ikke brukt.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const row = rowOf((await financeList({ prosjektnummer: 'R-11326-D11325', status: 'repayment_claimed' })).text, claim.body.payout.id);
    expect(row).toContain('<td>Krav om tilbakebetaling: innbetaling merket med prosjektnummeret</td><td>Krav om tilbakebetaling</td>');
    expect(row).not.toContain('Faktura merket');
  });

  it('answers 404 for an unknown payout', async () => {
    expect((await app.call('mark-paid', { pathParameters: { payoutId: 'pay_finnesikke' }, as })).status).toBe(404);
    expect((await app.call('register-invoice', { pathParameters: { payoutId: 'pay_finnesikke' }, json: { invoiceNumber: 'F-1' }, as })).status).toBe(404);
  });
});
