// A mail about a case that SES could not deliver (a permanent bounce, through the configuration
// set's topic): the owner hears of a partner's address that bounced while the partners sign; the
// secretariat of the owner's address and any other. Once per address (and version); ids only in logs.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { handler } from '../../functions/workflow/mail-events.handler';
import { mailBounced } from '../../functions/use-cases/mail-bounced';
import { mailRef } from '../../functions/use-cases/notify';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';

const app = useTestApp();

/** What SNS delivers for one SES event of the configuration set (trimmed to what matters, plus some of the rest). */
function snsEvent(message: unknown) {
  return { Records: [{ EventSource: 'aws:sns', Sns: { Type: 'Notification', MessageId: 'm-1', Message: typeof message === 'string' ? message : JSON.stringify(message) } }] };
}
function bounce(applicationId: string | undefined, addresses: string[], bounceType = 'Permanent', ref?: string) {
  return {
    eventType: 'Bounce',
    bounce: { bounceType, bounceSubType: 'General', bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, action: 'failed', status: '5.1.1' })), timestamp: '2026-11-20T09:01:00.000Z' },
    mail: { messageId: 'ses-1', source: 'ikke-svar@tilskudd.example', destination: addresses, ...(applicationId ? { tags: { application: [applicationId], ...(ref ? { mail: [ref] } : {}), 'ses:configuration-set': ['x'] } } : {}) },
  };
}
const run = (message: unknown) => handler(snsEvent(message) as never, {} as never);
const mailsTo = (address: string, applicationId: string) => app.mailer.sent.filter((m) => m.to.includes(address) && m.text.includes(applicationId));

describe('a bounced mail about a case', () => {
  it("a partner's signing request: the owner is told once, with the way to correct it; the owner's page says so", async () => {
    const { applicationId, ownerLinkId } = await app.submit();
    const version = (await app.store.getVersion(applicationId, 1))!;
    const partner = version.data.partners[1]!;
    const owner = (await app.store.getApplication(applicationId))!.ownerEmail;
    await run(bounce(applicationId, [partner.email.toUpperCase()]));
    await run(bounce(applicationId, [partner.email])); // SNS delivers at least once
    const told = mailsTo(owner, applicationId).filter((m) => m.subject.includes('kom ikke fram'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toBe(`[FSU] E-posten til ${partner.organisationName} kom ikke fram: «${(await app.store.getApplication(applicationId))!.title}»`);
    expect(told[0]!.text).toContain(`/soknad/${ownerLinkId}`);
    expect(told[0]!.text).not.toContain(partner.email);
    // Every mail about a case carries its id as a tag: that is how a bounce finds its way back.
    expect(told[0]!.tags).toEqual({ application: applicationId, mail: mailRef(told[0]!.idempotencyKey) });
    const history = (await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'mail-bounced');
    expect(history).toEqual([expect.objectContaining({ details: { recipient: 'partner', partnerIndex: 1, version: 1 }, actor: { kind: 'system', name: 'lifecycle' } })]);
    const page = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status');
    expect(page.text).toContain(`<tr><td>${partner.organisationName}</td><td><strong>E-posten kom ikke fram</strong>: sjekk adressen</td>`);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html', 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<tr><td>${partner.organisationName}</td><td>Kommune</td><td>Ikke svart (e-posten kom ikke fram)</td>`);
    expect(casePage.text).toContain('En e-post om saken kom ikke fram</td>');
    // The secretariat is not bothered with what the owner can put right.
    expect(app.mailer.sent.filter((m) => m.subject.includes('kom ikke fram') && m.text.includes(applicationId) && !m.to.includes(owner))).toEqual([]);
  });

  it("the owner's own address: the secretariat is told, with the case, to register a new contact person", async () => {
    const { applicationId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const scheme = app.deps.scheme('sor-rogaland')!;
    await run(bounce(applicationId, [ownerEmail]));
    await run(bounce(applicationId, [ownerEmail]));
    const told = mailsTo(scheme.secretariatEmail, applicationId).filter((m) => m.subject.includes('kom ikke fram'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`til prosjektansvarlig (${ownerEmail})`);
    expect(told[0]!.text).toContain('registrer ny prosjektansvarlig');
    expect(told[0]!.text).toContain(`/sekretariat/soknader/${applicationId}`);
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'mail-bounced')).toHaveLength(1);
  });

  it('marks the mail that bounced on the case\'s mail log (its tag names it), and the log opens', async () => {
    const { applicationId } = await app.payoutPending();
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const letter = app.mailer.sent.find((m) => m.idempotencyKey === `decision-letter#${applicationId}`)!;
    expect(letter.tags).toEqual({ application: applicationId, mail: mailRef(letter.idempotencyKey) });
    await run(bounce(applicationId, [letter.to[0]!.toUpperCase()], 'Permanent', letter.tags!['mail']));
    const mails = (await app.call('get-application', { pathParameters: { applicationId }, as: SECRETARIAT })).body.mails as Array<{ key: string; bouncedTo?: string[] }>;
    expect(mails.find((m) => m.key === letter.idempotencyKey)!.bouncedTo).toEqual([letter.to[0]!.toLowerCase()]);
    expect(mails.filter((m) => m.bouncedTo)).toHaveLength(1);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html', 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<br><strong>Kom ikke fram til ${letter.to[0]!.toLowerCase()}</strong></td><td>${letter.subject}</td>`);
    expect(casePage.text).toContain('<details class="mail-log" open>');
  });

  it('a complaint (the mail marked as spam) is marked on the case\'s mail log; nobody is mailed about it', async () => {
    const { applicationId } = await app.payoutPending();
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const copy = app.mailer.sent.find((m) => m.idempotencyKey === `decision-letter#${applicationId}#kopi`)!;
    const before = app.mailer.sent.length;
    const complaint = { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: copy.to[0] }], complaintFeedbackType: 'abuse' }, mail: { messageId: 'ses-2', tags: { application: [applicationId], mail: [copy.tags!['mail']!] } } };
    await run(complaint);
    await run(complaint);
    expect(app.mailer.sent.length).toBe(before);
    const mails = (await app.call('get-application', { pathParameters: { applicationId }, as: SECRETARIAT })).body.mails as Array<{ key: string; complainedBy?: string[]; bouncedTo?: string[] }>;
    expect(mails.find((m) => m.key === copy.idempotencyKey)).toMatchObject({ complainedBy: [copy.to[0]] });
    expect(mails.filter((m) => m.complainedBy || m.bouncedTo)).toHaveLength(1);
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'mail-bounced')).toEqual([]);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html', 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<br><strong>Merket som søppelpost av ${copy.to[0]}</strong>`);
  });

  it('a transient bounce (SES gave up for now: a full mailbox) is marked on the case\'s mail log as not delivered; of the owner\'s mail the secretariat is told, at most weekly; nothing on the history', async () => {
    const { applicationId } = await app.payoutPending();
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const request = app.mailer.sent.find((m) => m.idempotencyKey === `decision-letter#${applicationId}`)!;
    const scheme = app.deps.scheme('sor-rogaland')!;
    const told = () => mailsTo(scheme.secretariatEmail, applicationId).filter((m) => m.subject.includes('kom ikke fram nå'));
    const toOwner = () => app.mailer.sent.filter((m) => m.to.includes(request.to[0]!)).length;
    const ownerBefore = toOwner();
    await run(bounce(applicationId, request.to, 'Transient', request.tags!['mail']));
    await run(bounce(applicationId, request.to, 'Transient', request.tags!['mail']));
    // The decision letter did not reach the owner: the secretariat, once, with the letter's subject.
    expect(told().map((m) => m.subject)).toEqual([`[FSU] E-post til prosjektansvarlig for «${(await app.store.getApplication(applicationId))!.title}» kom ikke fram nå`]);
    expect(told()[0]!.text).toContain(`E-posten «${request.subject}» til prosjektansvarlig kom ikke fram`);
    expect(told()[0]!.text).not.toContain(request.to[0]!);
    expect(toOwner()).toBe(ownerBefore);
    expect((await app.store.getApplication(applicationId))!.history.some((e) => e.action === 'mail-bounced')).toBe(false);
    const mails = (await app.call('get-application', { pathParameters: { applicationId }, as: SECRETARIAT })).body.mails as Array<{ key: string; softBouncedTo?: string[]; bouncedTo?: string[] }>;
    expect(mails.find((m) => m.key === request.idempotencyKey)).toMatchObject({ softBouncedTo: [request.to[0]!.toLowerCase()] });
    expect(mails.filter((m) => m.softBouncedTo || m.bouncedTo)).toHaveLength(1);
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html', 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<br><strong>Kom ikke fram til ${request.to[0]!.toLowerCase()} nå</strong> (midlertidig feil hos mottakeren`);
    expect(casePage.text).toContain('<details class="mail-log" open>');

    // A full mailbox bounces the next mail too: not again that week; the week after, once more.
    const owner = request.to[0]!;
    const another = async (ref: string) => {
      await app.store.recordSentMail({ applicationId, key: `receipt#${ref}`, ref, sentAt: app.clock.now().toISOString(), subject: 'Kvittering', to: [owner] });
      await run(bounce(applicationId, [owner], 'Transient', ref));
    };
    await another('ref-owner-2');
    expect(told()).toHaveLength(1);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set(new Date(Date.parse(saved) + 6 * 86_400_000).toISOString());
      await another('ref-owner-3');
      expect(told()).toHaveLength(1);
      app.clock.set(new Date(Date.parse(saved) + 8 * 86_400_000).toISOString());
      await another('ref-owner-4');
      expect(told()).toHaveLength(2);
      expect(told()[1]!.text).toContain('E-posten «Kvittering» til prosjektansvarlig kom ikke fram');
    } finally {
      app.clock.set(saved);
    }
  });

  it("a transient bounce of a partner's signing request while the partners sign: the owner is told once, that the address may be right; nothing on the history", async () => {
    const { applicationId } = await app.submit();
    const version = (await app.store.getVersion(applicationId, 1))!;
    const partner = version.data.partners[1]!;
    const owner = (await app.store.getApplication(applicationId))!.ownerEmail;
    // the signing request as the workflow mails it, on the case's mail log
    await app.store.recordSentMail({ applicationId, key: `cosign#${applicationId}#v1#p1`, ref: 'ref-cosign-p1', sentAt: app.clock.now().toISOString(), subject: 'Signer søknaden', to: [partner.email] });
    await run(bounce(applicationId, [partner.email], 'Transient', 'ref-cosign-p1'));
    await run(bounce(applicationId, [partner.email], 'Transient', 'ref-cosign-p1'));
    const told = mailsTo(owner, applicationId).filter((m) => m.subject.includes('kom ikke fram'));
    expect(told.map((m) => m.subject)).toEqual([`[FSU] E-posten til ${partner.organisationName} kom ikke fram nå: «${(await app.store.getApplication(applicationId))!.title}»`]);
    expect(told[0]!.text).toContain('Adressen kan være riktig.');
    expect(told[0]!.text).not.toContain(partner.email);
    expect((await app.store.getApplication(applicationId))!.history.some((e) => e.action === 'mail-bounced')).toBe(false);
    expect((await app.store.listSentMail(applicationId)).find((m) => m.ref === 'ref-cosign-p1')).toMatchObject({ softBouncedTo: [partner.email.toLowerCase()] });
  });

  it('a partner after everyone signed (the decision copy, say) goes to the secretariat: the owner can no longer correct it', async () => {
    const { applicationId } = await app.scheduled();
    const partner = (await app.store.getVersion(applicationId, 1))!.data.partners[2]!;
    const scheme = app.deps.scheme('sor-rogaland')!;
    await mailBounced(app.deps, applicationId, [partner.email]);
    expect(mailsTo(scheme.secretariatEmail, applicationId).filter((m) => m.subject.includes('kom ikke fram'))).toHaveLength(1);
  });

  it('leaves alone a transient bounce that names no mail, what is not a bounce or complaint of a mail about a case, and a message it cannot read', async () => {
    const { applicationId } = await app.submit();
    const partner = (await app.store.getVersion(applicationId, 1))!.data.partners[1]!;
    const before = app.mailer.sent.length;
    await run(bounce(applicationId, [partner.email], 'Transient'));
    await run({ ...bounce(applicationId, [partner.email]), eventType: 'Complaint' });
    await run(bounce(undefined, [partner.email]));
    await run(bounce('app_finnesIkke0000000000', [partner.email]));
    await run('ikke json');
    await run({ eventType: 'Bounce' });
    expect(app.mailer.sent.length).toBe(before);
    expect((await app.store.getApplication(applicationId))!.history.some((e) => e.action === 'mail-bounced')).toBe(false);
  });
});
