// A partner who cannot find the signing mail: the owner has the link the partner already got sent
// again from the status page. The next sweep mails it to that partner alone, once a day at most,
// and never to a partner that has answered or when no one is asked to sign.
import { describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { apiEvent } from '../support/api-events';
import { declinedByPartner, invoke, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };

async function awaitingSignatures(title: string) {
  const submitted = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = title)));
  await runLifecycleStep(app.deps, 'request-cosignatures', { applicationId: submitted.applicationId, executionStartTime: app.clock.now().toISOString() });
  const version = await app.store.getVersion(submitted.applicationId, 1);
  return { ...submitted, partners: version!.data.partners };
}

const resend = (linkId: string, partnerIndex: unknown) => app.call('resend-signing-link', { pathParameters: { linkId }, json: { partnerIndex } });
const statusPage = (linkId: string) => invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: HTML }), 'page-owner-status');

describe('sending a partner’s signing link again', () => {
  it('mails the link the partner has, to that partner alone, with the next sweep; once a day', async () => {
    const { applicationId, ownerLinkId, partners } = await awaitingSignatures('Lenken på nytt');
    const [, second] = await app.cosignLinks(applicationId);
    const res = await resend(ownerLinkId, 1);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ applicationId, partnerIndex: 1 });

    const before = app.mailer.sent.length;
    await sendDueReminders(app.deps);
    const mails = app.mailer.sent.slice(before).filter((m) => m.text.includes(applicationId));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual([partners[1]!.email]);
    expect(mails[0]!.text).toContain('Prosjektansvarlig for søknaden ba oss sende deg lenken for å signere på nytt.');
    expect(mails[0]!.text).toContain(`/signering/${second!.id}`);

    const again = await resend(ownerLinkId, 1);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'already_resent_today', message: `Lenken er allerede sendt på nytt til ${partners[1]!.organisationName} i dag. Du kan sende den igjen i morgen.` });
    // The next day it may go again; the weekly reminders go on as before, to every partner that has not signed.
    app.clock.advanceDays(1);
    expect((await resend(ownerLinkId, 1)).status).toBe(202);
    app.clock.advanceDays(6);
    const beforeWeekly = app.mailer.sent.length;
    await sendDueReminders(app.deps);
    const later = app.mailer.sent.slice(beforeWeekly).filter((m) => m.text.includes(applicationId) && m.subject.includes('venter på din signatur'));
    expect(later.filter((m) => m.text.includes('ba oss sende deg lenken'))).toHaveLength(1);
    expect(later.filter((m) => !m.text.includes('ba oss sende deg lenken')).map((m) => m.to[0]).sort()).toEqual(partners.map((p) => p.email).sort());
  });

  it('not to a partner that has answered, not to one the application does not name, not while no one is asked to sign', async () => {
    const { applicationId, ownerLinkId, partners } = await awaitingSignatures('Allerede svart');
    const [first] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    expect((await resend(ownerLinkId, 0)).body).toMatchObject({ reason: 'already_answered', message: `${partners[0]!.organisationName} har allerede svart.` });
    const unknown = await resend(ownerLinkId, 7);
    expect(unknown.status).toBe(400);
    expect(unknown.body.fieldErrors).toEqual({ partnerIndex: 'Velg en av samarbeidspartene.' });
    expect((await resend(ownerLinkId, 'to')).body.fieldErrors).toEqual({ partnerIndex: 'Velg en av samarbeidspartene.' });

    const declined = await declinedByPartner(app, 'Sendt tilbake');
    expect((await resend(declined.ownerLinkId, 1)).body).toMatchObject({ reason: 'not_signing' });
  });

  it('a link run out before the workflow sends the application back: the refusal says to revise, which gives everyone a new link', async () => {
    const { applicationId, ownerLinkId } = await awaitingSignatures('Utløpt lenke');
    const [first, second] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    await app.clock.setBackAfter(async () => {
      app.clock.set(new Date(Date.parse(second!.expiresAt) - 60_000).toISOString());
      expect((await statusPage(ownerLinkId)).text).toContain('<input type="hidden" name="partnerIndex" value="1">');
      app.clock.set(new Date(Date.parse(second!.expiresAt) + 60_000).toISOString());
      const res = await resend(ownerLinkId, 1);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ reason: 'link_expired' });
      expect(res.body.message).toContain('Endre søknaden og send den inn på nytt («Endre søknaden»), så får alle partene en ny lenke.');
      // The status page knows: instead of a button the click of which would be refused, what to do (for each partner still to sign).
      const page = (await statusPage(ownerLinkId)).text;
      expect(page).not.toContain('/signeringslenke"');
      expect(page.match(/Venter på signatur <span class="hint">Lenken er utløpt, så den kan ikke sendes på nytt\. Endre søknaden og send den inn på nytt \(«Endre søknaden»\), så får alle partene en ny lenke\.<\/span>/g)).toHaveLength(2);
      const view = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
      expect(view.body.partners.map((p: { answer: string; linkExpired?: boolean }) => [p.answer, p.linkExpired ?? false])).toEqual([['signed', false], ['waiting', true], ['waiting', true]]);
    });
  });

  it('the status page has the button beside each partner still to sign; the form post comes back with a notice, or with the refusal', async () => {
    const { applicationId, ownerLinkId } = await awaitingSignatures('Knappen');
    const [first] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    const page = (await statusPage(ownerLinkId)).text;
    expect(page.match(/action="\/soknad\/[^"]+\/signeringslenke"/g)).toHaveLength(2);
    expect(page).toContain('<input type="hidden" name="partnerIndex" value="1">');
    expect(page).not.toContain('<input type="hidden" name="partnerIndex" value="0">');

    const post = (partnerIndex: string) => invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/signeringslenke', pathParameters: { linkId: ownerLinkId }, headers: HTML, form: { partnerIndex } }), 'page-resend-signing-link');
    const sent = await post('2');
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toMatch(/\?melding=signeringslenke$/);
    const again = await post('2');
    expect(again.status).toBe(409);
    expect(again.text).toContain('i dag. Du kan sende den igjen i morgen.');

    // Asked for today: no button beside that partner, but when it goes (or went); the others keep theirs.
    const asked = (await statusPage(ownerLinkId)).text;
    expect(asked).not.toContain('<input type="hidden" name="partnerIndex" value="2">');
    expect(asked).toContain('<input type="hidden" name="partnerIndex" value="1">');
    expect(asked).toContain('Lenken sendes på nytt i løpet av et kvarter. Du kan sende den igjen i morgen.');
    await sendDueReminders(app.deps);
    expect((await statusPage(ownerLinkId)).text.replace(/\u00a0/g, ' ')).toMatch(/Lenken ble sendt på nytt \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d\. Du kan sende den igjen i morgen\./);
    const view = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(view.body.partners[2]).toMatchObject({ answer: 'waiting', resentToday: { sentAt: expect.any(String) } });
    expect(view.body.partners[1]).not.toHaveProperty('resentToday');
    // The next day the button is back.
    app.clock.advanceDays(1);
    expect((await statusPage(ownerLinkId)).text).toContain('<input type="hidden" name="partnerIndex" value="2">');
  });
});
