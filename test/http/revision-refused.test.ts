// The owner's revision form when the server refuses the post: whatever the reason, the owner gets
// the form back with what they typed (never a bare error page that loses the revision).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { apiEvent } from '../support/api-events';
import { invoke, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };
const NOTE = 'Budsjettlinjen til Time kommune er rettet.';

const postRevision = (linkId: string, form: Record<string, string | string[]>) =>
  invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: HTML, form }), 'page-submit-revision');

/** The revision the owner typed: the application with a new title, and a note to the partners. */
const typed = (title: string) => ({ ...applicationToForm(app.application('sor-rogaland', (a) => (a.title = title))), changeNote: NOTE }) as Record<string, string | string[]>;

afterEach(() => vi.restoreAllMocks());

describe('a revision the server refuses', () => {
  it('once the application can no longer be revised (every partner signed meanwhile, or withdrawn): 409, said plainly, with the way to its page and what was typed', async () => {
    const signed = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Signert i mellomtiden')));
    await app.cosignAll(signed.applicationId);
    const withdrawn = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Trukket i mellomtiden')));
    expect((await app.call('withdraw-application', { pathParameters: { linkId: withdrawn.ownerLinkId }, json: {} })).status).toBe(200);

    for (const [{ applicationId, ownerLinkId }, status] of [[signed, 'Sendt inn'], [withdrawn, 'Trukket']] as const) {
      const res = await postRevision(ownerLinkId, typed('Min rettede tittel'));
      expect(res.status, status).toBe(409);
      expect(res.text).toContain('<h1>Søknaden kan ikke endres lenger</h1>');
      expect(res.text).toContain(`Endringene dine ble ikke lagret: søknaden kan ikke endres lenger. Den har nå status «${status}».`);
      expect(res.text).toContain(`<a href="/soknad/${ownerLinkId}">Gå til søknaden</a>`);
      // What the owner typed, in the form to copy from; nothing to send it with.
      expect(res.text).toContain('value="Min rettede tittel"');
      expect(res.text).toContain(NOTE);
      expect(res.text).not.toContain('Send inn revidert søknad');
      expect((await app.store.getApplication(applicationId))!.version).toBe(1);
    }
  });

  it('when the revision lost to another write (the application is still open to revision): 409 with the problem at the top, and the form to send again', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Endret samtidig')));
    // An attempt that failed before its commit left its version: another revision at once is refused.
    vi.spyOn(app.store, 'transition').mockRejectedValueOnce(new Error('ProvisionedThroughputExceededException'));
    expect((await postRevision(ownerLinkId, typed('Første forsøk'))).status).toBe(500);
    vi.restoreAllMocks();

    const res = await postRevision(ownerLinkId, typed('Andre forsøk'));
    expect(res.status).toBe(409);
    expect(res.text).toContain('<title>Feil: Revider søknaden');
    expect(res.text).toMatch(/<div class="error-summary"[\s\S]*Søknaden ble endret samtidig\. Last siden på nytt og prøv igjen\./);
    expect(res.text).toContain('value="Andre forsøk"');
    expect(res.text).toContain(NOTE);
    expect(res.text).toContain('Send inn revidert søknad');
    expect((await app.store.getApplication(applicationId))!.version).toBe(1);
  });
});
