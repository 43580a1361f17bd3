// The same application sent again from a form loaded afresh (a new hidden key each time), or by a
// client with a new Idempotency-Key: no second case, no second round of signing mails, while the
// first is still live. Once it is withdrawn (or rejected, closed), the same content is new again,
// and the new application is the one a further repeat finds.
import { describe, expect, it } from 'vitest';
import { applicationToForm, IDEMPOTENCY_FIELD } from '../../functions/pages/application-form-page';
import { apiEvent } from '../support/api-events';
import { invoke, linkIdOf, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };

const postForm = (title: string, key: string) =>
  invoke(apiEvent({
    method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML,
    form: { ...(applicationToForm(app.application('sor-rogaland', (a) => (a.title = title))) as Record<string, string | string[]>), [IDEMPOTENCY_FIELD]: key },
  }), 'page-submit-application');

const submitWithKey = (title: string, key: string) =>
  app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => (a.title = title)), headers: { 'Idempotency-Key': key } });

describe('the same application sent again under a new key', () => {
  it('from a form loaded afresh: the receipt of the first, saying no new case was made', async () => {
    const before = await app.countApplications('sor-rogaland');
    const first = await postForm('Sendt to ganger', 'skjema-dobbel-1');
    expect(first.status).toBe(303);
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString()); // the form loaded again, filled in and sent a minute later
    const second = await postForm('Sendt to ganger', 'skjema-dobbel-2');
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(`${first.headers.location}?melding=allerede-sendt`);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);
    // A double click on the second form is the same again.
    expect((await postForm('Sendt to ganger', 'skjema-dobbel-2')).headers.location).toBe(second.headers.location);

    const linkId = /\/soknad\/([^/]+)\/kvittering/.exec(first.headers.location!)![1]!;
    const receipt = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/kvittering', pathParameters: { linkId }, query: { melding: 'allerede-sendt' }, headers: HTML }), 'page-receipt');
    expect(receipt.text).toContain('<h1>Søknaden var allerede sendt inn</h1>');
    expect(receipt.text).toContain('Det er ikke laget en ny sak');
  });

  it('through the API: 200 with the first application (created: false); other content is a new application', async () => {
    const first = await submitWithKey('API to ganger', 'api-dobbel-1');
    expect(first.status).toBe(201);
    const again = await submitWithKey('API to ganger', 'api-dobbel-2');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ applicationId: first.body.applicationId, created: false, statusUrl: first.body.statusUrl });
    const other = await submitWithKey('API to ganger, endret', 'api-dobbel-3');
    expect(other.status).toBe(201);
    expect(other.body.applicationId).not.toBe(first.body.applicationId);
  });

  it('once the first is withdrawn, the same content makes a new application', async () => {
    const first = await submitWithKey('Trukket og sendt igjen', 'trukket-1');
    const withdrawn = await app.call('withdraw-application', { pathParameters: { linkId: linkIdOf(first.body.statusUrl) }, json: {} });
    expect(withdrawn.status, withdrawn.text).toBe(200);
    const again = await submitWithKey('Trukket og sendt igjen', 'trukket-2');
    expect(again.status).toBe(201);
    expect(again.body.applicationId).not.toBe(first.body.applicationId);
    // The new one holds the words now: the same again from a fresh form repeats it, not the withdrawn one.
    const third = await submitWithKey('Trukket og sendt igjen', 'trukket-3');
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ applicationId: again.body.applicationId, created: false, sentBefore: true });
  });

  it('after a withdrawal, the same application sent at once from several fresh forms is one new application', async () => {
    const first = await submitWithKey('Trukket, så sendt fra flere skjemaer', 'samtidig-0');
    expect((await app.call('withdraw-application', { pathParameters: { linkId: linkIdOf(first.body.statusUrl) }, json: {} })).status).toBe(200);
    const before = await app.countApplications('sor-rogaland');
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => submitWithKey('Trukket, så sendt fra flere skjemaer', `samtidig-${i + 1}`)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(answers.map((a) => a.body.applicationId)).size).toBe(1);
    expect(answers[0]!.body.applicationId).not.toBe(first.body.applicationId);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);
  });

  it('without a key: a repeat is the first while it is live, a new application once it is withdrawn, and that one after', async () => {
    const submit = () => app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => (a.title = 'Uten nøkkel')) });
    const first = await submit();
    expect(first.status).toBe(201);
    expect((await submit()).body).toMatchObject({ applicationId: first.body.applicationId, created: false });
    expect((await app.call('withdraw-application', { pathParameters: { linkId: linkIdOf(first.body.statusUrl) }, json: {} })).status).toBe(200);
    const again = await submit();
    expect(again.status).toBe(201);
    expect(again.body.applicationId).not.toBe(first.body.applicationId);
    expect((await submit()).body).toMatchObject({ applicationId: again.body.applicationId, created: false });
  });
});
