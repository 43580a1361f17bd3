// A form reports every problem at once: the schema's errors and the rules of the use case together,
// so the person fixes everything in one go instead of sending again to hear of the next problem.
import { describe, expect, it } from 'vitest';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp(); // 20.11.2026; the December meeting is 10.12.2026

const HTML = { Accept: 'text/html' };
const THIRTEEN_MONTHS = 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.12.2027).';
const MORE_THAN_ASKED = 'Tildelt beløp kan ikke være større enn omsøkt beløp (500 000 kr).';
const page = (text: string) => text.replace(/\u00a0/g, ' ');

describe("the committee's approval", () => {
  const asking500 = (title: string) => app.scheduled('sor-rogaland', (a) => {
    a.title = title;
    a.requestedAmount = 500_000;
    a.budget = a.budget.map((line, i) => ({ ...line, requestedGrant: [250_000, 150_000, 100_000][i]! }));
  });

  it('API: more than applied for and 13 months are both refused, at their fields, and nothing is granted', async () => {
    const { applicationId } = await asking500('Både beløp og periode');
    const res = await app.decide(applicationId, { outcome: 'approve', amount: 600_000, periodStart: '2027-01-01', periodEnd: '2028-01-31' });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ amount: MORE_THAN_ASKED, periodEnd: THIRTEEN_MONTHS });
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');
  });

  it('the agenda form: the use case\'s rules together, and beside the schema\'s errors on what parsed', async () => {
    const { applicationId } = await asking500('Alt på en gang');
    const { meetingId } = (await app.store.getApplication(applicationId))!;
    await app.duringMeeting(applicationId, async () => {
      const agenda = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: meetingId! }, headers: HTML, claims: SECRETARIAT }), 'page-agenda');
      const post = (form: Record<string, string>) =>
        invoke(formPost(csrfTokenOf(agenda), { path: '/sekretariat/soknader/{applicationId}/vedtak', pathParameters: { applicationId }, form: { outcome: 'approve', ...form }, headers: HTML, claims: SECRETARIAT }), 'page-record-decision');
      const id = (field: string) => `innvilg-${applicationId}-${field}`;

      const both = await post({ amount: '600 000', periodStart: '2027-01-01', periodEnd: '2028-01-31' });
      expect(both.status).toBe(400);
      expect(page(both.text)).toContain(`<a href="#${id('amount')}">«Alt på en gang», tildelt beløp (kr): ${MORE_THAN_ASKED}</a>`);
      expect(page(both.text)).toContain(`<a href="#${id('periodEnd')}">«Alt på en gang», periode til: ${THIRTEEN_MONTHS}</a>`);

      // The amount fails the schema (left empty): the period's rule still runs on the dates that parsed.
      const schemaToo = await post({ amount: '', periodStart: '2027-01-01', periodEnd: '2028-01-31' });
      expect(schemaToo.status).toBe(400);
      expect(page(schemaToo.text)).toContain(`<a href="#${id('amount')}">«Alt på en gang», tildelt beløp (kr): Feltet må fylles ut.</a>`);
      expect(page(schemaToo.text)).toContain(`<a href="#${id('periodEnd')}">«Alt på en gang», periode til: ${THIRTEEN_MONTHS}</a>`);

      // A date that fails the schema: the amount's rule still runs.
      const dateToo = await post({ amount: '600 000', periodStart: '2027-01-01', periodEnd: '31.02.2027' });
      expect(page(dateToo.text)).toContain(`<a href="#${id('amount')}">«Alt på en gang», tildelt beløp (kr): ${MORE_THAN_ASKED}</a>`);
      expect(page(dateToo.text)).toContain(`<a href="#${id('periodEnd')}">«Alt på en gang», periode til: Skriv en gyldig dato (DD.MM.ÅÅÅÅ).</a>`);
    });
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');
  });
});

describe('the report form', () => {
  it('empty texts and more spent than granted, at once', async () => {
    const { applicationId } = await app.active(); // 850 000 kr granted
    const linkId = await app.reportLink(applicationId, 'status');
    const res = await invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}', pathParameters: { linkId }, form: { progress: '', effect: ' ', spentAmount: '900 000' }, headers: HTML }), 'page-submit-report');
    expect(res.status).toBe(400);
    const text = page(res.text);
    expect(text).toMatch(/<a href="#rapport-progress">[^<]*: Feltet må fylles ut.<\/a>/);
    expect(text).toMatch(/<a href="#rapport-effect">[^<]*: Feltet må fylles ut.<\/a>/);
    expect(text).toContain('<a href="#rapport-spentAmount">Brukt av tilskuddet hittil (kr): Beløpet brukt hittil kan ikke være større enn tilskuddet (850 000 kr).</a>');
    expect(await app.store.listReports(applicationId)).toHaveLength(0);
  });
});

describe('the application form', () => {
  it('a field left empty and a period started before today, at once', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => Object.assign(a, { title: '', periodStart: '2026-01-01', periodEnd: '2026-12-31' }))) as Record<string, string | string[]>;
    const res = await invoke(apiEvent({ method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, form, headers: HTML }), 'page-submit-application');
    expect(res.status).toBe(400);
    const text = page(res.text);
    expect(text).toMatch(/<a href="#felt-title">[^<]*: [^<]+<\/a>/);
    expect(text).toMatch(/<a href="#felt-periodStart">[^<]*: Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 20.11.2026.<\/a>/);
  });
});
