import { describe, expect, it } from 'vitest';
import { newLinkId } from '../../functions/adapters/ids';
import { osloDateOf } from '../../functions/domain/oslo-time';
import { date } from '../../functions/pages/format';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';

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

  it('a second post through a used link is told the answer it gave (200), and nothing is written twice', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Brukt lenke')));
    const [link] = await app.cosignLinks(applicationId);
    const first = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } });
    expect(first.status).toBe(200);
    expect(first.body.alreadyAnswered).toBeUndefined();
    const before = await snapshot(applicationId);
    expect(before.links.find((l) => l.id === link!.id)?.state).toBe('used');
    for (const json of [{ decision: 'sign' }, { decision: 'decline', reason: 'Ombestemt meg' }]) {
      const again = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ applicationId, decision: 'signed', status: 'awaiting_cosignature', alreadyAnswered: true, answeredAt: before.signatures[0]!.at });
    }
    expect(await snapshot(applicationId)).toEqual(before);
    const view = await app.call('get-cosign-view', { pathParameters: { linkId: link!.id } });
    expect(view.status).toBe(200);
    expect(view.body.answer.decision).toBe('signed');
  });

  it('two simultaneous answers through one link (a double click): one signature, and both are told it is saved', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Dobbel signering')));
    const [link] = await app.cosignLinks(applicationId);
    const results = await Promise.all([
      app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } }),
      app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(results.map((r) => r.body.decision)).toEqual(['signed', 'signed']);
    expect(results.filter((r) => r.body.alreadyAnswered === true)).toHaveLength(1);
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
      // What to do instead: the owner can send it in again, and the partner gets a new link.
      expect(post.body.message).toBe('Lenken er utløpt, og søknaden kan ikke lenger signeres med den. Sender prosjektansvarlig søknaden inn på nytt, får du en ny lenke på e-post.');
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

  it('a decline sends the application back to the owner; the other partners’ links then answer 409: signing stopped by a decline', async () => {
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
    expect(late.body.reason).toBe('signing_stopped');
    expect(late.body.message).toBe('Signeringen er stoppet fordi en av samarbeidspartene har avslått å signere. Prosjektansvarlig kan endre søknaden og sende den inn på nytt. Da får du en ny lenke på e-post.');
    const view = await app.call('get-cosign-view', { pathParameters: { linkId: second!.id } });
    expect(view.body).toMatchObject({ current: false, closed: 'declined-by-partner' });
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(1);
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    // Back with the owner, sent in once: not a draft the owner never sent.
    expect(owner.body).toMatchObject({ status: 'draft', statusLabel: 'Sendt tilbake for endring' });
    expect(owner.body.signatures).toEqual([
      expect.objectContaining({ organisationName: 'Stavanger kommune', decision: 'declined', reason: 'Budsjettet for kommunen er ikke avklart.' }),
    ]);
  });

  it('answers 404 for an unknown link', async () => {
    const res = await app.call('cosign-application', { pathParameters: { linkId: newLinkId() }, json: { decision: 'sign' } });
    expect(res.status).toBe(404);
  });
});

describe('the signing page, /signering/{linkId}', () => {
  const HTML = { Accept: 'text/html,application/xhtml+xml' };
  const pageOf = (linkId: string) => invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId }, headers: HTML }), 'page-cosign');
  const postTo = (linkId: string, form: Record<string, string>) =>
    invoke(apiEvent({ method: 'POST', path: '/signering/{linkId}', pathParameters: { linkId }, form, headers: HTML }), 'page-submit-cosign');
  const today = () => date(osloDateOf(app.clock.now()));

  it('the form sent twice (double click, or back and send again): the second says the answer is saved, and acts on nothing', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Sendt to ganger')));
    const [signer, decliner] = await app.cosignLinks(applicationId);
    expect((await postTo(signer!.id, { decision: 'sign' })).status).toBe(303);
    expect((await postTo(decliner!.id, { decision: 'decline', reason: 'Ikke avklart hos oss' })).status).toBe(303);
    const before = await snapshot(applicationId);

    const signedAgain = await postTo(signer!.id, { decision: 'sign' });
    expect(signedAgain.status).toBe(200);
    expect(signedAgain.text).toContain(`Du har allerede signert søknaden ${today()}.`);
    expect(signedAgain.text).not.toContain('Lenken virker ikke lenger');
    expect(signedAgain.text).not.toContain('<form method="post"');
    const declinedAgain = await postTo(decliner!.id, { decision: 'decline', reason: 'Ikke avklart hos oss' });
    expect(declinedAgain.status).toBe(200);
    expect(declinedAgain.text).toContain(`Du har allerede avslått å signere søknaden ${today()}.`);
    expect(await snapshot(applicationId)).toEqual(before);

    // Opening the used link says the same at the top.
    expect((await pageOf(signer!.id)).text).toContain(`Du har allerede signert søknaden ${today()}.`);
  });

  it('names the organisation as the party and its contact person in brackets', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => {
      a.title = 'Kontaktperson i parentes';
      a.partners[2]!.contactName = 'Bjørn Æsøy';
    }));
    const [own, , trust] = await app.cosignLinks(applicationId);
    const lead = async (linkId: string) => {
      const text = (await pageOf(linkId)).text;
      return text.slice(text.indexOf('<p class="lead">'), text.indexOf('</p>', text.indexOf('<p class="lead">')));
    };
    expect(await lead(trust!.id)).toContain('Helse Stavanger HF (kontaktperson Bjørn Æsøy) er oppgitt som samarbeidspart med rollen «Ansvarlig for utskrivningsprosessen i sykehuset».');
    // The owner's own organisation signs too, but is not its own samarbeidspart.
    expect(await lead(own!.id)).toContain('Stavanger kommune (søkerens egen organisasjon, kontaktperson Kari Nordmann) er oppgitt med rollen «Prosjekteier og ansvarlig for hjemmetjenesten».');
  });

  describe('a used link of a version since revised', () => {
    const asked = (given: string, answer: string) =>
      `Søknaden er endret etter at du ${given}. ${answer} gjaldt versjon 1, og den nye versjonen (versjon 2) må du signere eller avslå på nytt. Bruk lenken i den nyeste e-posten om signering. Finner du ikke den e-posten, kan du be prosjektansvarlig sende lenken på nytt.`;
    const signedOnce = asked('signerte', 'Signaturen din');
    /** Submitted, the first partner signs version 1, then the owner corrects it (version 2). */
    async function signedThenRevised(title: string, change: (a: ReturnType<typeof app.application>) => void = () => undefined) {
      const submitted = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = title)));
      const [signer] = await app.cosignLinks(submitted.applicationId);
      expect((await postTo(signer!.id, { decision: 'sign' })).status).toBe(303);
      const revision = app.application('sor-rogaland', (a) => {
        a.title = title;
        a.summary = `${a.summary} Rettet budsjett.`;
        change(a);
      });
      const revised = await app.call('revise-application', { pathParameters: { linkId: submitted.ownerLinkId }, json: revision });
      expect(revised.status, revised.text).toBe(200);
      expect(revised.body).toMatchObject({ status: 'awaiting_cosignature', version: 2 });
      return { ...submitted, signer: signer!, newLinks: await app.cosignLinks(submitted.applicationId, 2) };
    }

    it('says that the signature counted for the earlier version and the new one waits for the partner, without its link', async () => {
      const { signer, newLinks } = await signedThenRevised('Signert før endringen');
      const opened = await pageOf(signer.id);
      expect(opened.status).toBe(200);
      const top = opened.text.slice(opened.text.indexOf('<h1>'), opened.text.indexOf('class="lead"'));
      expect(top).toContain(signedOnce);
      expect(top).not.toContain('Du har allerede signert');
      expect(opened.text).not.toContain('<form method="post"');
      // The new version's link is in its own e-mail only: never through the old one.
      for (const link of newLinks) expect(opened.text).not.toContain(link.id);

      const view = await app.call('get-cosign-view', { pathParameters: { linkId: signer.id } });
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ version: 1, current: false, answer: { decision: 'signed' }, newerVersion: { version: 2, asked: true, message: signedOnce } });
      for (const link of newLinks) expect(view.text).not.toContain(link.id);

      // Sent again through the old link: the same.
      const again = await postTo(signer.id, { decision: 'sign' });
      expect(again.status).toBe(200);
      expect(again.text).toContain(signedOnce);
    });

    it('once the partner answered the new version too, the old link says only that it was answered', async () => {
      const { signer, newLinks } = await signedThenRevised('Signert begge versjoner');
      expect((await postTo(newLinks[0]!.id, { decision: 'sign' })).status).toBe(303);
      const opened = await pageOf(signer.id);
      expect(opened.text).toContain(`Du har allerede signert søknaden ${today()}.`);
      expect(opened.text).not.toContain('Søknaden er endret etter at du signerte');
      expect((await app.call('get-cosign-view', { pathParameters: { linkId: signer.id } })).body.newerVersion).toBeUndefined();
    });

    it('a partner whose address the new version no longer has (nobody mailed it a new link) is told it is not asked to answer the new version', async () => {
      const { signer } = await signedThenRevised('Ny kontaktperson', (a) => (a.partners[0]!.email = 'ny.kontakt@stavanger.kommune.example'));
      const notAsked = 'Søknaden er endret etter at du signerte. Signaturen din gjaldt versjon 1. Den nye versjonen (versjon 2) er sendt til signering uten deg som kontaktperson, så du skal ikke svare på den.';
      const opened = await pageOf(signer.id);
      expect(opened.text).toContain(notAsked);
      expect(opened.text).not.toContain('Du har allerede signert søknaden');
      expect(opened.text).not.toContain('Bruk lenken i den nyeste e-posten');
      expect(opened.text).not.toContain('<form method="post"');
      expect((await app.call('get-cosign-view', { pathParameters: { linkId: signer.id } })).body.newerVersion).toMatchObject({ version: 2, asked: false, message: expect.stringContaining(notAsked) });
    });

    it('a decline that sent the application back: the revised version waits for the partner that declined', async () => {
      const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avslått før endringen')));
      const [decliner] = await app.cosignLinks(applicationId);
      expect((await postTo(decliner!.id, { decision: 'decline', reason: 'Budsjettet er ikke avklart' })).status).toBe(303);
      // Back with the owner: nothing to answer yet.
      expect((await pageOf(decliner!.id)).text).toContain(`Du har allerede avslått å signere søknaden ${today()}.`);
      const revision = app.application('sor-rogaland', (a) => (a.title = 'Avslått før endringen, revidert'));
      expect((await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: revision })).status).toBe(200);
      const opened = await pageOf(decliner!.id);
      expect(opened.text).toContain(asked('avslo å signere', 'Avslaget ditt'));
      expect(opened.text).not.toContain('Du har allerede avslått');
    });
  });

  it('after another partner declined: the page says at the top that signing stopped, and a post is told why, not that the application changed', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Stoppet av avslag')));
    const [decliner, other] = await app.cosignLinks(applicationId);
    expect((await postTo(decliner!.id, { decision: 'decline', reason: 'Budsjettet er ikke avklart' })).status).toBe(303);
    const stopped = 'Signeringen er stoppet fordi en av samarbeidspartene har avslått å signere. Prosjektansvarlig kan endre søknaden og sende den inn på nytt. Da får du en ny lenke på e-post.';

    const opened = await pageOf(other!.id);
    expect(opened.status).toBe(200);
    const top = opened.text.slice(opened.text.indexOf('<h1>'), opened.text.indexOf('class="lead"'));
    expect(top).toContain(stopped);
    expect(opened.text).not.toContain('Les prosjektbeskrivelsen og signer');
    expect(opened.text).not.toContain('<form method="post"');

    const posted = await postTo(other!.id, { decision: 'sign' });
    expect(posted.status).toBe(409);
    expect(posted.text).toContain(stopped);
    expect(posted.text).not.toContain('Søknaden er endret etter at du fikk lenken');
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(1);
    expect(posted.text).not.toContain('Budsjettet er ikke avklart');
  });
});

describe('who the case history names', () => {
  const historyRows = async (applicationId: string) => {
    const text = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application')).text;
    const table = text.slice(text.indexOf('<h2 id="historikk">'), text.indexOf('</table>', text.indexOf('<h2 id="historikk">')));
    return [...table.matchAll(/<tr><td>[^<]*<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g)].map((m) => `${m[1]} – Av: ${m[2]}`);
  };

  it('every partner signed is the system’s event, not the last signer’s, on the history and on the case page', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Alle har signert')));
    await app.cosignAll(applicationId);
    const stored = (await app.store.getApplication(applicationId))!.history.find((h) => h.action === 'cosigned-by-all');
    expect(stored?.actor.kind).toBe('system');
    const rows = await historyRows(applicationId);
    expect(rows).toContain('Alle partene har signert – Av: Systemet');
    expect(rows.filter((r) => r.startsWith('Alle partene har signert'))).toHaveLength(1);
  });

  it('an entry stored with the last signer as its actor (before) reads as the system’s too', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Lagret med siste signatar')));
    const [first, second, last] = await app.cosignLinks(applicationId);
    for (const link of [first, second]) await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } });
    // What the last signature's post wrote before: the partner as the actor of everyone's event.
    const before = (await app.store.getApplication(applicationId))!;
    await app.store.transition({
      applicationId, expectedRevision: before.revision, from: ['awaiting_cosignature'], to: 'submitted',
      audit: { at: app.clock.now().toISOString(), actor: { kind: 'partner', partnerIndex: last!.partnerIndex!, email: 'ingrid.larsen@helse-stavanger.example' }, action: 'cosigned-by-all', from: 'awaiting_cosignature', to: 'submitted', details: { version: 1 } },
    });
    const rows = await historyRows(applicationId);
    expect(rows).toContain('Alle partene har signert – Av: Systemet');
    expect(rows.join('\n')).not.toContain('Av: Helse Stavanger HF');
  });

  it('a decline is the declining partner’s, also when another partner’s answer moved the application on', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Avslag før en signatur')));
    const [decliner, signer] = await app.cosignLinks(applicationId);
    // The decline is stored, but its post stopped before it moved the application (a crash, a timeout).
    await app.store.putSignature({ applicationId, version: 1, partnerIndex: 0, organisationName: 'Stavanger kommune', contactName: 'Kari Nordmann', decision: 'declined', reason: 'Ikke avklart', at: app.clock.now().toISOString() });
    expect(decliner!.partnerIndex).toBe(0);
    const signed = await app.call('cosign-application', { pathParameters: { linkId: signer!.id }, json: { decision: 'sign' } });
    expect(signed.body.status).toBe('draft');
    const entry = (await app.store.getApplication(applicationId))!.history.find((h) => h.action === 'declined-by-partner');
    expect(entry?.actor).toMatchObject({ kind: 'partner', partnerIndex: 0 });
    expect(await historyRows(applicationId)).toContain('En samarbeidspart avslo å signere – Av: Stavanger kommune');
  });
});
