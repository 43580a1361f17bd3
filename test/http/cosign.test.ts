import { describe, expect, it } from 'vitest';
import { newLinkId } from '../../functions/adapters/ids';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

async function snapshot(applicationId: string) {
  const application = await app.store.getApplication(applicationId);
  const links = await app.store.listLinks(applicationId);
  const signatures = await app.store.listSignatures(applicationId, application?.version ?? 1);
  return { application, links: links.map((l) => ({ id: l.id, state: l.state, usedAt: l.usedAt })), signatures };
}

describe('GET /api/cosign/{linkId}', () => {
  it('shows the partner what they sign, without other people’s e-mail addresses', async () => {
    const { applicationId } = await app.submit();
    const [first] = await app.cosignLinks(applicationId);
    const res = await app.call('get-cosign-view', { pathParameters: { linkId: first!.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      applicationId,
      version: 1,
      current: true,
      partner: { organisationName: 'Stavanger kommune', contactName: 'Kari Nordmann' },
      project: { title: expect.stringMatching(/^Felles utskrivningsteam for eldre med sammensatte behov/), requestedAmount: 850_000 },
    });
    expect(res.body.answer).toBeUndefined();
    expect(res.body.project.partners).toHaveLength(3);
    expect(res.text).not.toMatch(/@/);
  });

  it('never changes anything, however often it is opened (mail scanners prefetch links)', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Forhåndsvisning')));
    const links = await app.cosignLinks(applicationId);
    expect(links).toHaveLength(3);
    const before = await snapshot(applicationId);
    for (const link of links) {
      for (let i = 0; i < 3; i++) {
        const res = await app.call('get-cosign-view', { pathParameters: { linkId: link.id } });
        expect(res.status).toBe(200);
      }
    }
    expect(await snapshot(applicationId)).toEqual(before);
    expect(before.application?.status).toBe('awaiting_cosignature');
    expect(before.links.every((l) => l.state === 'active')).toBe(true);
  });

  it('answers 404 for an unknown link and for a malformed one', async () => {
    for (const linkId of [newLinkId(), 'ikke-en-lenke', '../../etc/passwd']) {
      const res = await app.call('get-cosign-view', { pathParameters: { linkId } });
      expect(res.status).toBe(404);
      expect(res.body.message).toBe('Lenken finnes ikke.');
    }
  });

  it('answers 404 for an owner link used as a co-sign link (purposes do not mix)', async () => {
    const { ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Feil formål')));
    const res = await app.call('get-cosign-view', { pathParameters: { linkId: ownerLinkId } });
    expect(res.status).toBe(404);
  });
});

describe('POST /api/cosign/{linkId}', () => {
  it('records each signature; the last one makes the application submitted', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Alle signerer')));
    const links = await app.cosignLinks(applicationId);
    const statuses: string[] = [];
    for (const link of links) {
      const res = await app.call('cosign-application', { pathParameters: { linkId: link.id }, json: { decision: 'sign' } });
      expect(res.status).toBe(200);
      expect(res.body.decision).toBe('signed');
      statuses.push(res.body.status);
    }
    expect(statuses).toEqual(['awaiting_cosignature', 'awaiting_cosignature', 'submitted']);
    const stored = await app.store.getApplication(applicationId);
    expect(stored?.status).toBe('submitted');
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(3);
  });

  it('accepts an HTML form post', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Skjema-signering')));
    const [link] = await app.cosignLinks(applicationId);
    const res = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, form: { decision: 'sign' }, base64: true });
    expect(res.status).toBe(200);
    expect(res.body.decision).toBe('signed');
  });

  it('answers 410 when the link has been used, while the view still shows the answer', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Brukt lenke')));
    const [link] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } })).status).toBe(200);
    const again = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } });
    expect(again.status).toBe(410);
    expect(again.body.message).toBe('Lenken er allerede brukt.');
    const view = await app.call('get-cosign-view', { pathParameters: { linkId: link!.id } });
    expect(view.status).toBe(200);
    expect(view.body.answer.decision).toBe('signed');
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(1);
  });

  it('answers 409 already signed to the losing one of two simultaneous answers', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Dobbel signering')));
    const [link] = await app.cosignLinks(applicationId);
    const results = await Promise.all([
      app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } }),
      app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ error: 'ConflictError', reason: 'already_signed' });
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(1);
  });

  it('answers 410 for an expired link (GET and POST)', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Utløpt lenke')));
    const [link] = await app.cosignLinks(applicationId);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.advanceDays(app.scheme().linkValidityDays + 1);
      const view = await app.call('get-cosign-view', { pathParameters: { linkId: link!.id } });
      const post = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } });
      expect(view.status).toBe(410);
      expect(post.status).toBe(410);
      expect(post.body.message).toBe('Lenken er utløpt.');
    } finally {
      app.clock.set(saved);
    }
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(0);
  });

  it('answers 400 for a decline without a reason, and writes nothing', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avslag uten grunn')));
    const [link] = await app.cosignLinks(applicationId);
    const before = await snapshot(applicationId);
    const res = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'decline' } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({ reason: 'Skriv hvorfor du ikke vil signere.' });
    const bad = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'kanskje' } });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.decision).toBe('Velg om du signerer eller avslår.');
    expect(await snapshot(applicationId)).toEqual(before);
  });

  it('a decline sends the application back to the owner; the other partners’ links then answer 409', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avslått av partner')));
    const [first, second] = await app.cosignLinks(applicationId);
    const declined = await app.call('cosign-application', {
      pathParameters: { linkId: first!.id },
      json: { decision: 'decline', reason: 'Budsjettet for kommunen er ikke avklart.' },
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ decision: 'declined', status: 'draft' });
    const late = await app.call('cosign-application', { pathParameters: { linkId: second!.id }, json: { decision: 'sign' } });
    expect(late.status).toBe(409);
    expect(late.body.reason).toBe('version_changed');
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body.signatures).toEqual([
      expect.objectContaining({ organisationName: 'Stavanger kommune', decision: 'declined', reason: 'Budsjettet for kommunen er ikke avklart.' }),
    ]);
  });

  it('answers 404 for an unknown link', async () => {
    const res = await app.call('cosign-application', { pathParameters: { linkId: newLinkId() }, json: { decision: 'sign' } });
    expect(res.status).toBe(404);
  });
});
