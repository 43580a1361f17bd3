// The lifecycle step that runs when the signing links expire before every partner answered, in the
// race where a partner's answer came in as the wait timed out (the whole path: test/workflows/cosign-expiry).
import { describe, expect, it } from 'vitest';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

describe('the signing links expire (the lifecycle step cosignatures-expired)', () => {
  const expire = (applicationId: string) => runLifecycleStep(app.deps, 'cosignatures-expired', { applicationId, executionStartTime: app.clock.now().toISOString() });
  const ownerMails = async (applicationId: string) => {
    const owner = (await app.store.getApplication(applicationId))!.ownerEmail;
    return app.mailer.sent.filter((m) => m.to.includes(owner) && m.text.includes(applicationId));
  };

  it('a partner declined in the round the links expired: the owner hears of the decline and of those who did not answer, apart', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avslag og taushet')));
    const [decliner] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: decliner!.id }, json: { decision: 'decline', reason: 'Budsjettet er ikke avklart' } })).status).toBe(200);
    await expire(applicationId);
    const [told, ...more] = await ownerMails(applicationId);
    expect(more).toEqual([]);
    expect(told!.subject).toMatch(/Søknaden ble ikke signert i tide/);
    const version = (await app.store.getVersion(applicationId, 1))!.data;
    const [declined, ...silent] = version.partners.map((p) => p.organisationName);
    expect(told!.text).toContain(`alle partene hadde svart. ${silent.join(' og ')} har ikke svart.`);
    expect(told!.text).toContain(`${declined} avslo å signere.`);
    expect(told!.text).toContain('Budsjettet er ikke avklart');
  });

  it('every partner had answered, one of them with a decline: the owner gets the decline mail only', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Alle svarte')));
    const links = await app.cosignLinks(applicationId);
    const decisions = links.map((_, i) => (i === links.length - 1 ? { decision: 'decline', reason: 'Vi trekker oss' } : { decision: 'sign' }));
    for (const [i, link] of links.entries()) expect((await app.call('cosign-application', { pathParameters: { linkId: link.id }, json: decisions[i] })).status).toBe(200);
    await expire(applicationId);
    expect((await ownerMails(applicationId)).map((m) => m.subject)).toEqual([expect.stringMatching(/Samarbeidspart har avslått å signere/)]);
  });
});
