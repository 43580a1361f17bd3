// The secretariat writes to the project's contact person from the case: the message is kept on the
// case, mailed by the next reminder sweep, and then on the case's mail log.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
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
    expect(owner.body.messages).toEqual([{ at: history[0]!.at, message }]);
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).toContain('<h2>Meldinger fra sekretariatet</h2>');
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
    const token = /__Host-csrf=([^;]+)/.exec(page.headers['set-cookie'] ?? '')![1]!;
    expect(page.text).toContain(`<details class="owner-message"><summary>Skriv til prosjektansvarlig</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/melding" novalidate aria-label="Skriv til prosjektansvarlig">`);
    const post = (form: Record<string, string>) =>
      invoke({ ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/melding', pathParameters: { applicationId }, form: { _csrf: token, ...form }, headers: HTML, claims: as }), cookies: [`__Host-csrf=${token}`] }, 'page-message-owner');
    const bad = await post({ message: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#melding-message"');
    expect(bad.text).toContain('<details class="owner-message" open>');
    const ok = await post({ message: 'Partneren Sandnes kommune har ikke signert. Kan du minne dem på det?' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=melding`);
    const after = (await caseOf(applicationId, { registrert: 'melding' })).text;
    expect(after).toContain('Meldingen er lagret på saken, og prosjektansvarlig får den på e-post i løpet av et kvarter.');
    expect(after).toContain('<h3>Meldinger til prosjektansvarlig</h3>');
    expect(after).toContain('<span class="long-text">Partneren Sandnes kommune har ikke signert. Kan du minne dem på det?</span>');
    expect(after).toContain('Melding til prosjektansvarlig</td>');
  });
});
