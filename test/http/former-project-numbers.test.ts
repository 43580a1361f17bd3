// A community that changes its scheme's project number (a new accounting year, a new project) lists
// the numbers it had before (formerProjectNumbers): the payouts made under them keep their number,
// and finance's list and API, the follow-up of missing invoices, the start page's count and the
// half-year report still find them.
import { afterAll, describe, expect, it } from 'vitest';
import { dependencies, overrideDependencies } from '../../functions/composition';
import { getScheme } from '../../config/schemes';
import { sorRogaland } from '../../config/schemes/sor-rogaland';
import { payoutListKey } from '../../functions/domain/payout';
import type { PayoutRecord } from '../../functions/domain/model';
import { triggerPayout } from '../../functions/use-cases/payouts';
import { parseSchemeConfig, type SchemeConfigInput } from '../../schemas/scheme-config.schema';
import { apiEvent, staffClaims } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };

const OLD = 'R-11326-D11325';
const NEW = 'R-11326-D20271';

/** Sør-Rogaland's configuration with these changes, parsed as at start-up, for every handler from now on. */
const configure = (changes: Partial<SchemeConfigInput>) => {
  const changed = parseSchemeConfig({ ...sorRogaland, ...changes });
  overrideDependencies({ scheme: (id) => (id === changed.id ? changed : getScheme(id)) });
};

const financeList = (prosjektnummer: string, claims = FINANCE, format?: string) =>
  invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer, ...(format ? { format } : {}) }, headers: HTML, claims }), 'page-finance');
const rowOf = (page: string, payoutId: string) => new RegExp(`<tr id="utbetaling-${payoutId.replace(/[^A-Za-z0-9_-]+/g, '-')}">[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
const listed = async (projectNumber: string, claims = FINANCE) => {
  const res = await app.call('list-payouts', { query: { projectNumber }, as: claims });
  expect(res.status).toBe(200);
  return res.body.payouts as PayoutRecord[];
};
const missingInvoices = async () =>
  (await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: SECRETARIAT })).body.missingInvoices.grants as Array<{ applicationId: string; projectNumber: string }>;
const startPageCount = async () => {
  const page = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat')).text;
  return Number(/og fakturaer som ikke er mottatt \((\d+)\)/.exec(page)![1]);
};
const halfYear = async () => (await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-07-01', to: '2026-12-31' }, as: SECRETARIAT })).body;

describe('payouts under a project number the scheme had before', () => {
  afterAll(() => {
    overrideDependencies({ scheme: getScheme });
  });

  it('stay on finance\'s list and API, the follow-up of missing invoices, the start page\'s count and the half-year report', async () => {
    // Under the number the scheme had: one waiting for its invoice, one paid.
    const waitingOld = await app.payoutPending();
    const paidOld = await app.active();
    expect([waitingOld.payout.projectNumber, paidOld.payout.projectNumber]).toEqual([OLD, OLD]);

    configure({ projectNumber: NEW, formerProjectNumbers: [OLD] });
    // New payouts get the current number.
    const waitingNew = await app.scheduled();
    await app.approve(waitingNew.applicationId);
    const newPayout = await triggerPayout(dependencies(), waitingNew.applicationId, { kind: 'system', name: 'lifecycle' });
    expect(newPayout.projectNumber).toBe(NEW);

    // Finance's API: the current number lists the former one's payouts too, each with its own number, in the list's order.
    const all = await listed(NEW);
    expect(all.map((p) => [p.id, p.projectNumber])).toEqual(expect.arrayContaining([[waitingOld.payout.id, OLD], [paidOld.payout.id, OLD], [newPayout.id, NEW]]));
    expect(all.map((p) => p.id)).toEqual([...all].sort((a, b) => (payoutListKey(a) < payoutListKey(b) ? -1 : 1)).map((p) => p.id));
    const awaiting = await app.call('list-payouts', { query: { projectNumber: NEW, state: 'awaiting_invoice' }, as: FINANCE });
    expect(awaiting.body.payouts.map((p: { id: string }) => p.id).sort()).toEqual([waitingOld.payout.id, newPayout.id].sort());
    // The former number alone lists its own.
    expect((await listed(OLD)).map((p) => p.id).sort()).toEqual([waitingOld.payout.id, paidOld.payout.id].sort());

    // Finance's page: the heading says which numbers, a payout under the former number says its number, and the former number is a choice of its own.
    const page = (await financeList(NEW)).text;
    expect(page).toContain(`<h2>Utbetalinger på ${NEW} og tidligere prosjektnummer ${OLD}</h2>`);
    expect(rowOf(page, waitingOld.payout.id)).toContain(`<span class="hint">prosjektnr. ${OLD}</span>`);
    expect(rowOf(page, paidOld.payout.id)).toContain(`<span class="hint">prosjektnr. ${OLD}</span>`);
    expect(rowOf(page, newPayout.id)).not.toContain('prosjektnr.');
    expect(page).toContain(`<option value="${OLD}">${OLD} (Helsefellesskapet i Sør-Rogaland, tidligere prosjektnummer)</option>`);
    const oldPage = (await financeList(OLD)).text;
    expect(oldPage).toContain(`<h2>Utbetalinger på ${OLD}</h2>`);
    expect(oldPage).not.toContain('ukjent prosjektnummer');
    expect(rowOf(oldPage, newPayout.id)).toBe('');
    const csv = (await financeList(NEW, FINANCE, 'csv')).text;
    expect(csv).toContain(`;${waitingOld.payout.id};${OLD};`);
    expect(csv).toContain(`;${newPayout.id};${NEW};`);

    // The follow-up once the invoices are overdue: both, each with its number, counted on the start page.
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-01-20T09:00:00.000Z');
      const grants = await missingInvoices();
      expect(grants.map((g) => [g.applicationId, g.projectNumber])).toEqual(expect.arrayContaining([[waitingOld.applicationId, OLD], [waitingNew.applicationId, NEW]]));
      expect(await startPageCount()).toBe(grants.length);
      const followUpPage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML, claims: SECRETARIAT }), 'page-overdue-reports')).text;
      expect(followUpPage).toContain(`<a href="/sekretariat/soknader/${waitingOld.applicationId}">`);
      expect(followUpPage).toContain(`<td>${OLD}</td>`);

      // Without the former number in the configuration, they would drop off.
      const counted = grants.length;
      configure({ projectNumber: NEW });
      expect((await missingInvoices()).map((g) => g.applicationId)).not.toContain(waitingOld.applicationId);
      expect(await startPageCount()).toBe(counted - 1);
      configure({ projectNumber: NEW, formerProjectNumbers: [OLD] });
    });

    // The half-year report: the money paid under the former number.
    const report = await halfYear();
    const row = (report.rows as Array<{ applicationId: string; paidOn: string }>).find((r) => r.applicationId === paidOld.applicationId)!;
    expect(row.paidOn).not.toBe('');
    expect(report.paidOut).toBeGreaterThanOrEqual(paidOld.payout.amount);
    configure({ projectNumber: NEW });
    const without = await halfYear();
    expect(without.paidOut).toBe(report.paidOut - paidOld.payout.amount);
    configure({ projectNumber: NEW, formerProjectNumbers: [OLD] });
  });

  it('a repayment of a grant paid under the former number is claimed under that number, and listed with the current one', async () => {
    configure({ projectNumber: OLD });
    const { applicationId, payout } = await app.active();
    expect(payout.projectNumber).toBe(OLD);
    configure({ projectNumber: NEW, formerProjectNumbers: [OLD] });
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 50_000, reason: 'Ikke brukt.', endGrant: true }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    expect(claim.body.payout.projectNumber).toBe(OLD);
    expect((await listed(NEW)).map((p) => p.id)).toContain(claim.body.payout.id);
  });

  it("finance of the scheme may list its former number; another community's finance may not", async () => {
    configure({ projectNumber: NEW, formerProjectNumbers: [OLD] });
    const own = staffClaims(['finance', 'scheme:sor-rogaland'], 'okonomi-stavanger');
    const other = staffClaims(['finance', 'scheme:innlandet'], 'okonomi-innlandet');
    expect((await app.call('list-payouts', { query: { projectNumber: OLD }, as: own })).status).toBe(200);
    expect((await financeList(OLD, own)).status).toBe(200);
    expect((await app.call('list-payouts', { query: { projectNumber: OLD }, as: other })).status).toBe(403);
    expect((await financeList(OLD, other)).status).toBe(403);
  });
});
