// A revision answers a partner's decline: the form shows the owner who declined and why, and the
// owner may tell the partners what changed. The note goes with the new signing request, stands on
// the signing page and on the case page, and is checked with the application (one batch of errors,
// nothing written).
import { describe, expect, it } from 'vitest';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { MAX_CHANGE_NOTE } from '../../schemas/fields.schema';
import { apiEvent } from '../support/api-events';
import { declinedByPartner, invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };
const NOTE = 'Budsjettet er rettet: egeninnsatsen fra Time kommune er tatt med.';

const declined = (title: string) => declinedByPartner(app, title, 'Egeninnsatsen vår mangler i budsjettet.');

const revisionForm = (linkId: string) => invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: HTML }), 'page-revision-form');

describe('a revision after a decline', () => {
  it('shows who declined and why, and carries the owner’s note on what changed to the partners and the secretariat', async () => {
    const { applicationId, ownerLinkId } = await declined('Revidert med merknad');
    const form = await revisionForm(ownerLinkId);
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/avslo å signere søknaden \d\d\.\d\d\.\d{4}/);
    expect(form.text).toContain('Egeninnsatsen vår mangler i budsjettet.');
    expect(form.text).toContain('name="changeNote"');

    const values = { ...applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Revidert med merknad'))), changeNote: NOTE } as Record<string, string | string[]>;
    const posted = await invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId: ownerLinkId }, headers: HTML, form: values }), 'page-submit-revision');
    expect(posted.status, posted.text).toBe(303);
    expect(await app.store.getVersion(applicationId, 2)).toMatchObject({ changeNote: NOTE });

    const before = app.mailer.sent.length;
    await runLifecycleStep(app.deps, 'request-cosignatures', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const requests = app.mailer.sent.slice(before).filter((m) => m.text.includes('Søknaden er endret'));
    expect(requests).toHaveLength(3);
    for (const mail of requests) expect(mail.text).toContain(NOTE);

    const [link] = await app.cosignLinks(applicationId, 2);
    const signing = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: link!.id }, headers: HTML }), 'page-cosign');
    expect(signing.text).toContain('Prosjektansvarlig skriver om endringene:');
    expect(signing.text).toContain(NOTE);

    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain('<dt>Endringer i versjon 2</dt>');
    expect(casePage.text).toContain(NOTE);
  });

  it('without a note: the partners are asked again as before, and no note stands anywhere', async () => {
    const { applicationId, ownerLinkId } = await declined('Revidert uten merknad');
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application('sor-rogaland', (a) => (a.title = 'Revidert uten merknad')) });
    expect(res.status, res.text).toBe(200);
    expect((await app.store.getVersion(applicationId, 2))?.changeNote).toBeUndefined();
    const [link] = await app.cosignLinks(applicationId, 2);
    const signing = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: link!.id }, headers: HTML }), 'page-cosign');
    expect(signing.text).not.toContain('Prosjektansvarlig skriver om endringene');
  });

  it('a note too long is told with the application’s own errors, and nothing is written', async () => {
    const { applicationId, ownerLinkId } = await declined('For lang merknad');
    const body = { ...app.application('sor-rogaland', (a) => (a.partners[1]!.email = 'ikke-en-adresse')), changeNote: 'x'.repeat(MAX_CHANGE_NOTE + 1) };
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: body });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.fieldErrors).sort()).toEqual(['changeNote', 'partners.1.email']);
    expect(res.body.fieldErrors.changeNote).toBe('Teksten kan ha høyst 1 000 tegn.');
    expect(await app.store.getVersion(applicationId, 2)).toBeUndefined();
  });

  it('a first submission has no note to send', async () => {
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: { ...app.application(), changeNote: NOTE } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ _form: 'Ukjent felt: changeNote.' });
  });
});
