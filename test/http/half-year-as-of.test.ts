// The half-year report of a past period reads the same when it is made again: each grant's period,
// its reports and its claim for repayment as they stood at the period's end (a new period, a report
// filled in since, a claim made since are the later period's to tell).
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, START, STATUS_REPORT, useTestApp } from '../support/test-app';

const app = useTestApp();

const ASK = { report: 'status', reason: 'Beskriv effekten for pasientene så langt.' };
const ask = (applicationId: string, json: Record<string, unknown>) => app.call('request-report-supplement', { pathParameters: { applicationId }, json, as: SECRETARIAT });
const rowIn = async (applicationId: string, from: string, to: string) => {
  const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as: SECRETARIAT });
  expect(res.status, res.text).toBe(200);
  return (res.body.rows as Array<Record<string, unknown>>).find((r) => r.applicationId === applicationId);
};


describe('the half-year report, as each period stood', () => {
  it('the half-year report says what each grant\'s period, reports and claim for repayment were at the half-year\'s end, not what came since', async () => {
    app.clock.set(START);
    const { applicationId } = await app.statusReportIn();
    app.clock.set('2027-01-10T09:00:00.000Z');
    expect((await app.call('change-grant-period', { pathParameters: { applicationId }, json: { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Stillingen ble besatt først i mars.' }, as: SECRETARIAT })).status).toBe(200);
    expect((await ask(applicationId, ASK)).status).toBe(200);
    const link = (await app.store.listLinks(applicationId)).findLast((l) => l.purpose === 'status-report' && l.state === 'active')!;
    expect((await app.call('submit-report', { pathParameters: { linkId: link.id }, json: { ...STATUS_REPORT, effect: 'Kortere liggetid.', spentAmount: 250_000 } })).status).toBe(201);
    expect((await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 20_000, reason: 'Ikke brukt.' }, as: SECRETARIAT })).status).toBe(201);

    expect(await rowIn(applicationId, '2026-07-01', '2026-12-31')).toMatchObject({ periodStart: '2027-01-01', periodEnd: '2027-12-31', statusReport: '2026-11-20', spentAmount: 200_000, effect: STATUS_REPORT.effect, repaymentClaimed: 0 });
    expect(await rowIn(applicationId, '2027-01-01', '2027-06-30')).toMatchObject({ periodStart: '2027-04-01', periodEnd: '2028-03-31', spentAmount: 250_000, effect: 'Kortere liggetid.', repaymentClaimed: 20_000 });
    // The status column is the one fact that is today's: the page and the CSV say so.
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra: '2026-07-01', til: '2026-12-31' }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-half-year-report');
    expect(page.text).toContain('Status er slik den er nå; periode, rapporter og krav slik de sto ved periodens slutt.');
    expect(page.text).toContain('<th scope="col">Status nå</th>');
  });

  it('a claim for repayment made in a period lists the grant in it, with the claim, though nothing else of it happened then', async () => {
    app.clock.set(START);
    const { applicationId } = await app.active();
    app.clock.set('2028-08-01T09:00:00.000Z');
    expect((await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 30_000, reason: 'Ikke brukt.' }, as: SECRETARIAT })).status).toBe(201);
    expect(await rowIn(applicationId, '2028-07-01', '2028-12-31')).toMatchObject({ repaymentClaimed: 30_000 });
    expect(await rowIn(applicationId, '2028-01-01', '2028-06-30')).toBeUndefined();
    expect(await rowIn(applicationId, '2027-07-01', '2027-12-31')).toMatchObject({ repaymentClaimed: 0 });
  });
});
