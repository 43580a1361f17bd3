// The finance page's forms (register an invoice, mark paid) through their page handlers: whatever the
// use case refuses stands at the payout's form on the list, with what was typed kept.
// (Its own file: each payout here draws on the pot that finance.test.ts counts on.)
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../../functions/domain/errors';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };
const LIST = '/okonomi?prosjektnummer=R-11326-D11325';

afterEach(() => vi.restoreAllMocks());

/** One payout's row on the finance page. */
const rowOf = (page: string, payoutId: string) =>
  new RegExp(`<tr id="utbetaling-${payoutId.replace(/[^A-Za-z0-9_-]+/g, '-')}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';

/** A payout's form posted from the list, as a browser does (the CSRF token, the list to return to). */
async function post(payoutId: string, action: 'faktura' | 'betalt', form: Record<string, string> = {}) {
  const list = await invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: 'R-11326-D11325' }, headers: HTML, claims: FINANCE }), 'page-finance');
  const event = formPost(csrfTokenOf(list), { path: `/okonomi/utbetalinger/{payoutId}/${action}`, pathParameters: { payoutId }, form: { tilbake: LIST, ...form }, headers: HTML, claims: FINANCE });
  return invoke(event, action === 'faktura' ? 'page-register-invoice' : 'page-mark-paid');
}

describe("the finance page's forms", () => {
  it("a refusal stands at the payout's form with what was typed: the field's rule, one the use case checks, a conflict", async () => {
    const { payout } = await app.payoutPending();
    const tooLong = await post(payout.id, 'faktura', { invoiceNumber: 'F'.repeat(51) });
    expect(tooLong.status).toBe(400);
    expect(rowOf(tooLong.text, payout.id)).toContain(`value="${'F'.repeat(51)}"`);

    // A rule checked beyond the form's schema is told at its field too, not on an error page that loses the number.
    const rule = 'Fakturanummeret er registrert på en annen utbetaling.';
    vi.spyOn(app.store, 'updatePayout').mockRejectedValueOnce(new ValidationError({ invoiceNumber: rule }));
    const refused = await post(payout.id, 'faktura', { invoiceNumber: 'F-2026-0042' });
    expect(refused.status).toBe(400);
    expect(rowOf(refused.text, payout.id)).toContain(rule);
    expect(rowOf(refused.text, payout.id)).toContain('value="F-2026-0042"');

    const early = await post(payout.id, 'betalt');
    expect(early.status).toBe(409);
    expect(rowOf(early.text, payout.id)).toContain('Registrer fakturaen før utbetalingen markeres som betalt.');

    const invoiced = await post(payout.id, 'faktura', { invoiceNumber: 'F-2026-0042' });
    expect(invoiced.status).toBe(303);
    expect(invoiced.headers.location).toBe(`${LIST}&melding=faktura`);
    expect(await app.store.getPayout(payout.id)).toMatchObject({ state: 'invoiced', invoiceNumber: 'F-2026-0042' });
    const paid = await post(payout.id, 'betalt');
    expect(paid.status).toBe(303);
    expect(paid.headers.location).toBe(`${LIST}&melding=betalt`);
  });

  it('the notice after "betalt" says what was done: a cost booking booked, a repayment claim paid back, not "utbetalingen … betalt"', async () => {
    const list = (melding: string) => invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: 'R-11326-D11325', melding }, headers: HTML, claims: FINANCE }), 'page-finance');
    const booked = await app.payoutPending('sor-rogaland', (a) => {
      a.owner = { partnerIndex: 2, name: 'Ingrid Larsen', email: a.partners[2]!.email, unit: 'Medisinsk klinikk', isInternalUnit: true };
    });
    expect(booked.payout.mode).toBe('cost_booking');
    const costBooked = await post(booked.payout.id, 'betalt');
    expect(costBooked.headers.location).toBe(`${LIST}&melding=kostnadsfort`);
    expect((await list('kostnadsfort')).text).toContain('Utbetalingen er registrert som kostnadsført.');

    const { applicationId } = await app.active();
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 50_000, reason: 'Ikke brukt.', endGrant: true }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const repaid = await post(claim.body.payout.id, 'betalt');
    expect(repaid.headers.location).toBe(`${LIST}&melding=tilbakebetalt`);
    expect((await list('tilbakebetalt')).text).toContain('Kravet om tilbakebetaling er registrert som betalt tilbake.');
  });
});
