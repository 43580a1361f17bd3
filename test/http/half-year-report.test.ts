// The half-year report says where each figure comes from: what a grant spent is what its latest
// report says, and that report may be from an earlier half-year; claims, reallocations and
// repayments are told apart by whether they happened in the period or before it.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, START, STATUS_REPORT, useTestApp } from '../support/test-app';

const app = useTestApp();
const as = SECRETARIAT;

const report = async (from: string, to: string) => {
  const res = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to }, as });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<string, unknown> & { rows: Array<Record<string, unknown>> };
};
/** The period's totals, and the grant's row in it. */
const expectIn = async (from: string, to: string, applicationId: string, row: Record<string, unknown>, totals: Record<string, unknown>) => {
  const body = await report(from, to);
  expect(body.rows.find((r) => r.applicationId === applicationId)).toMatchObject(row);
  expect(body).toMatchObject(totals);
};
const page = async (fra: string, til: string) => {
  const res = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, query: { fra, til }, headers: { Accept: 'text/html' }, claims: as }), 'page-half-year-report');
  expect(res.status).toBe(200);
  return res.text.replace(/\u00a0/g, ' ');
};
const csvOf = async (from: string, to: string) => {
  const csv = await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from, to, format: 'csv' }, as });
  const [header, ...lines] = csv.text.replace(/^\uFEFF/, '').split('\r\n');
  return { header: header!.split(';'), lines };
};

describe('the half-year report, with where each figure comes from', () => {
  it('a grant that reported in an earlier half-year: its spending from that report, named with its day, beside no reports received in this one', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.statusReportIn(); // 20.11.2026: 200 000 kr spent
    // In the first half of 2027: the status report filled in at the secretariat's request, a
    // reallocation approved, a repayment claimed and repaid; the grant runs on to the end of 2027.
    app.clock.set('2027-01-20T10:00:00.000Z');
    expect((await app.call('request-report-supplement', { pathParameters: { applicationId }, json: { report: 'status', reason: 'Beskriv effekten så langt.' }, as })).status).toBe(200);
    const link = (await app.store.listLinks(applicationId)).findLast((l) => l.purpose === 'status-report' && l.state === 'active')!;
    expect((await app.call('submit-report', { pathParameters: { linkId: link.id }, json: { ...STATUS_REPORT, effect: 'Kortere liggetid.', spentAmount: 250_000 } })).status).toBe(201);
    app.clock.set('2027-02-01T10:00:00.000Z');
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte 10 000 kr til kurs.', amount: 10_000 } });
    expect(requested.status, requested.text).toBe(201);
    expect((await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: requested.body.id }, json: { approved: true, reason: 'Behandlet i FSU.' }, as })).status).toBe(200);
    app.clock.set('2027-03-01T10:00:00.000Z');
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: 20_000, reason: 'Ikke brukt.', endGrant: false }, as });
    expect(claim.status, claim.text).toBe(201);
    expect((await app.call('mark-paid', { pathParameters: { payoutId: claim.body.payout.id }, as: FINANCE })).status).toBe(200);

    // The half-year the report came in: received in it.
    await expectIn('2026-07-01', '2026-12-31', applicationId,
      { spentAmount: 200_000, latestReport: 'statusrapport', latestReportOn: '2026-11-20', latestReportSupplementedOn: '', repaymentClaimed: 0, repaymentClaimedOn: '' },
      { reportsReceived: 1, reportsSupplemented: 0, spentReported: 200_000, spentReportedGrants: 1, spentReportedBeforePeriod: 0 });
    // After: the report as filled in, the claim and the reallocation, up to each period's end.
    const since = { spentAmount: 250_000, latestReport: 'statusrapport', latestReportOn: '2026-11-20', latestReportSupplementedOn: '2027-01-20', repaymentClaimed: 20_000, repaymentClaimedOn: '2027-03-01', reallocated: 10_000, repaid: 20_000 };
    const totals = { reportsReceived: 0, spentReported: 250_000, spentReportedGrants: 1, repaymentClaimed: 20_000, reallocated: 10_000 };

    // What the summary says, in this order, for each half-year after the report came in.
    const terms = ['Rapporter mottatt i perioden', 'Brukt ifølge siste rapport', 'Krav om tilbakebetaling', 'Omdisponert med godkjenning'];
    const halves = [
      // The half-year it was filled in, and the claim and reallocation made: in it, not before.
      {
        from: '2027-01-01', to: '2027-06-30', row: { ...since, reallocatedInPeriod: 10_000, repaidInPeriod: 20_000 },
        totals: { ...totals, reportsSupplemented: 1, spentReportedBeforePeriod: 0, repaymentClaimedInPeriod: 20_000, reallocatedInPeriod: 10_000, repaid: 20_000 },
        facts: ['0 (1 rapport utfylt på forespørsel i perioden)', '250 000 kr (siste rapport fra 1 tilskudd, sendt i perioden)', '20 000 kr fremmet i perioden', '10 000 kr godkjent i perioden'],
      },
      // The half-year after: nothing came in, and the page says so without contradicting the amounts.
      {
        from: '2027-07-01', to: '2027-12-31', row: { ...since, reallocatedInPeriod: 0, repaidInPeriod: 0 },
        totals: { ...totals, reportsSupplemented: 0, spentReportedBeforePeriod: 1, repaymentClaimedInPeriod: 0, reallocatedInPeriod: 0, repaid: 0 },
        facts: ['0', '250 000 kr (siste rapport fra 1 tilskudd, sendt før perioden)', '0 kr fremmet i perioden, 20 000 kr før perioden', '0 kr godkjent i perioden, 10 000 kr før perioden'],
      },
    ];
    for (const half of halves) {
      await expectIn(half.from, half.to, applicationId, half.row, half.totals);
      const text = await page(half.from, half.to);
      half.facts.forEach((fact, i) => expect(text, half.from).toContain(`<dt>${terms[i]}</dt><dd>${fact}</dd>`));
    }
    const text = await page('2027-07-01', '2027-12-31');
    // In the grant's row: each day before the period is marked, and the spent amount names its report.
    expect(text).toContain('<th scope="col" class="num">Brukt ifølge siste rapport</th><th scope="col">Effekt ifølge siste rapport</th>');
    expect(text).toContain('<td>10.12.2026 (før perioden)</td><td>20.11.2026 (før perioden)</td><td>Frist 29.02.2028</td>'
      + '<td class="num">250 000 kr<br><span class="muted">statusrapport 20.11.2026, utfylt 20.01.2027</span></td><td class="long-text">Kortere liggetid.</td>'
      + '<td class="num">20 000 kr<br><span class="muted">fremmet 01.03.2027 (før perioden)</span></td>');

    // The CSV keeps its columns where they were, and adds where each figure comes from last.
    const { header, lines } = await csvOf('2027-07-01', '2027-12-31');
    expect(header.slice(0, 20)).toContain('Brukt ifølge rapport (kr)');
    expect(header.slice(20)).toEqual(['Siste rapport', 'Siste rapport sendt', 'Siste rapport utfylt', 'Krav fremmet', 'Omdisponert i perioden (kr)', 'Tilbakebetalt i perioden (kr)']);
    expect(lines.find((l) => l.startsWith(applicationId))!.endsWith(';statusrapport;2026-11-20;2027-01-20;2027-03-01;0;0')).toBe(true);
  });
});
