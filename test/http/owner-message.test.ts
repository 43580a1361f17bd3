// The secretariat writes to the project's contact person from the case: the message is kept on the
// case, mailed by the next reminder sweep, and then on the case's mail log.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const write = (applicationId: string, json: unknown, claims = as) => app.call('message-owner', { pathParameters: { applicationId }, json, as: claims });
const caseOf = (applicationId: string, query: Record<string, string> = {}) =>
  invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query, headers: HTML, claims: as }), 'page-application');

describe('a message to the contact person', () => {
  it('is kept on the case, mailed once by the next sweep with the link to the case, and listed on the mail log; a double click is one message', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const message = 'Vi har ikke mottatt fakturaen ennå.\nSend den til økonomi, merket med prosjektnummeret.';
    const answers = await Promise.all([1, 2].map(() => write(applicationId, { message })));
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect(answers[0]!.body).toMatchObject({ applicationId, sentTo: ownerEmail });
    const history = (await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'owner-messaged');
    expect(history).toEqual([expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', role: 'secretariat' }), details: { message } })]);
    // Planned until the sweep sends it.
    const planned = (await app.call('get-application', { pathParameters: { applicationId }, as })).body.plannedReminders as Array<{ kind: string }>;
    expect(planned.map((r) => r.kind)).toContain('owner-message');

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const sent = app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.subject.includes('Melding fra sekretariatet'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('> Vi har ikke mottatt fakturaen ennå.');
    expect(sent[0]!.text).toContain('Send den til økonomi, merket med prosjektnummeret.');
    expect(sent[0]!.text).toContain(`/soknad/${ownerLinkId}`);
    const view = (await app.call('get-application', { pathParameters: { applicationId }, as })).body;
    expect(view.plannedReminders.map((r: { kind: string }) => r.kind)).not.toContain('owner-message');
    expect(view.mails).toContainEqual(expect.objectContaining({ subject: sent[0]!.subject, to: [ownerEmail] }));
    // The owner reads it on the case's page too (the mail may be lost), without who wrote it.
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body.messages).toEqual([{ at: history[0]!.at, from: 'secretariat', message }]);
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).toContain('sekretariatet til deg:');
    expect(ownerPage).toContain(`<span class="long-text">${message}</span>`);

    // The same words a while later are a new message.
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set(new Date(Date.parse(saved) + 2 * 60_000).toISOString());
      expect((await write(applicationId, { message })).body.changed).toBe(true);
    } finally {
      app.clock.set(saved);
    }
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'owner-messaged')).toHaveLength(2);
  });

  it('names the field in Norwegian (400), refuses another role (403) and an unknown case (404), writing nothing', async () => {
    const { applicationId } = await app.submit();
    const before = (await app.store.getApplication(applicationId))!.revision;
    expect((await write(applicationId, { message: '   ' })).body.fieldErrors).toEqual({ message: expect.stringMatching(/må fylles ut/) });
    expect((await write(applicationId, { message: 'x'.repeat(4001) })).body.fieldErrors).toEqual({ message: expect.stringMatching(/høyst 4\s?000 tegn/) });
    expect((await write(applicationId, { message: 'Hei', cc: 'noen@example.no' })).status).toBe(400);
    expect((await write(applicationId, { message: 'Hei' }, FINANCE)).status).toBe(403);
    expect((await write('app_finnesIkke0000000000', { message: 'Hei' })).status).toBe(404);
    expect((await app.store.getApplication(applicationId))!.revision).toBe(before);
  });

  it('is a form on the case page; errors at the field; then back with a notice and the message listed', async () => {
    const { applicationId } = await app.submit();
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<details class="owner-message"><summary>Skriv til prosjektansvarlig</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/melding" novalidate aria-label="Skriv til prosjektansvarlig">`);
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/melding', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-message-owner');
    const bad = await post({ message: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#melding-message"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="owner-message" open>');
    const ok = await post({ message: 'Partneren Sandnes kommune har ikke signert. Kan du minne dem på det?' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=melding`);
    const after = (await caseOf(applicationId, { registrert: 'melding' })).text;
    expect(after).toContain('Meldingen er lagret på saken, og prosjektansvarlig får den på e-post i løpet av et kvarter.');
    expect(after).toContain('<h3>Meldinger med prosjektansvarlig</h3>');
    expect(after).toContain('<span class="long-text">Partneren Sandnes kommune har ikke signert. Kan du minne dem på det?</span>');
    expect(after).toContain('Melding til prosjektansvarlig</td>');
  });
});

describe('a message from the contact person to the secretariat', () => {
  const fromOwner = (linkId: string, json: unknown) => app.call('message-secretariat', { pathParameters: { linkId }, json });
  const ownerPage = (linkId: string, query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, query, headers: { Accept: 'text/html' } }), 'page-owner-status');

  it('is kept on the case, mailed once to the secretariat with the case link, and shown both ways on the case and the owner\'s page', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const message = 'Fakturaen ble sendt 3. mars. Kan dere sjekke at den kom fram?';
    const answers = await Promise.all([1, 2].map(() => fromOwner(ownerLinkId, { message })));
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect(answers[0]!.body.applicationId).toBe(applicationId);
    const app1 = (await app.store.getApplication(applicationId))!;
    expect(app1.history.filter((e) => e.action === 'owner-wrote')).toEqual([expect.objectContaining({ actor: { kind: 'applicant', email: app1.ownerEmail }, details: { message } })]);

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const secretariat = app.deps.scheme('sor-rogaland')!.secretariatEmail;
    const told = app.mailer.sent.filter((m) => m.to.includes(secretariat) && m.subject.includes('Melding fra prosjektansvarlig') && m.text.includes(applicationId));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`> ${message}`);
    expect(told[0]!.text).toContain(`https://tilskudd.example/sekretariat/soknader/${applicationId}`);

    // The secretariat answers from the case: both on the case and on the owner's page, in order.
    expect((await write(applicationId, { message: 'Den kom fram i går.' })).status).toBe(202);
    const casePage = (await caseOf(applicationId)).text;
    expect(casePage).toContain('<h3>Meldinger med prosjektansvarlig</h3>');
    expect(casePage.indexOf(message)).toBeLessThan(casePage.indexOf('Den kom fram i går.'));
    expect(casePage).toContain('Melding fra prosjektansvarlig</td>');
    const owner = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.messages;
    expect(owner.map((m: { from: string }) => m.from)).toEqual(['owner', 'secretariat']);
    const page = (await ownerPage(ownerLinkId)).text;
    expect(page).toContain(`du til sekretariatet:<br><span class="long-text">${message}</span>`);
    expect(page).toContain('sekretariatet til deg:<br><span class="long-text">Den kom fram i går.</span>');
  });

  it('at most ten a day (409), a field error in Norwegian (400), an unknown link (404); nothing written on a refusal', async () => {
    const { applicationId, ownerLinkId } = await app.submit();
    expect((await fromOwner(ownerLinkId, { message: '' })).body.fieldErrors).toEqual({ message: expect.stringMatching(/må fylles ut/) });
    expect((await fromOwner('ukjentLenke0000000000000000', { message: 'Hei' })).status).toBe(404);
    for (let i = 1; i <= 10; i++) expect((await fromOwner(ownerLinkId, { message: `Spørsmål ${i}` })).status).toBe(202);
    const revision = (await app.store.getApplication(applicationId))!.revision;
    const eleventh = await fromOwner(ownerLinkId, { message: 'Spørsmål 11' });
    expect(eleventh.status).toBe(409);
    expect(eleventh.body).toMatchObject({ reason: 'too_many_messages', message: expect.stringMatching(/^Du har sendt mange meldinger det siste døgnet/) });
    expect((await app.store.getApplication(applicationId))!.revision).toBe(revision);
    // A repeat of the last one is still the same message.
    expect((await fromOwner(ownerLinkId, { message: 'Spørsmål 10' })).body.changed).toBe(false);
  });

  it('is a form on the owner\'s page: errors at the field, then back with a notice', async () => {
    const { ownerLinkId } = await app.submit();
    expect((await ownerPage(ownerLinkId)).text).toContain(`<details class="message-secretariat"><summary>Skriv til sekretariatet</summary>\n<form method="post" action="/soknad/${ownerLinkId}/melding" novalidate aria-label="Skriv til sekretariatet">`);
    const post = (form: Record<string, string>) =>
      invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/melding', pathParameters: { linkId: ownerLinkId }, form, headers: { Accept: 'text/html' } }), 'page-message-secretariat');
    const bad = await post({ message: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#melding-message"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="message-secretariat" open>');
    const ok = await post({ message: 'Vi har fått ny prosjektleder.' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/soknad/${ownerLinkId}?melding=melding`);
    const after = (await ownerPage(ownerLinkId, { melding: 'melding' })).text;
    expect(after).toContain('Meldingen er sendt til sekretariatet.');
    expect(after).toContain('du til sekretariatet:<br><span class="long-text">Vi har fått ny prosjektleder.</span>');
  });
});
