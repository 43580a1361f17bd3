// A new contact person for a project (the owner has left, or handed it over): through the API and
// the case page. The owner's mail and link go to the new person; the old link stops working.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, linkIdOf, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { changeOwner } from '../../functions/use-cases/change-owner';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const change = (applicationId: string, json: Record<string, unknown>, claims = as) => app.call('change-owner', { pathParameters: { applicationId }, json, as: claims });
const ownerView = (linkId: string) => app.call('get-owner-view', { pathParameters: { linkId } });
const mailsTo = (address: string) => app.mailer.sent.filter((m) => m.to.includes(address));
/** The mails telling an address it is no longer the contact person of this case (the test cases share the first owner's address). */
const toldLeft = (address: string, applicationId: string) => mailsTo(address).filter((m) => m.subject.includes('Ny prosjektansvarlig') && m.text.includes(applicationId));

describe('a new contact person (API)', () => {
  it('gets the mail and a link of their own; the old link stops working; a repeat changes nothing', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    expect((await ownerView(ownerLinkId)).status).toBe(200);
    const first = (await app.store.getApplication(applicationId))!.ownerEmail;
    const res = await change(applicationId, { name: 'Nina Nyansatt', email: ' Nina.Nyansatt@Kommune.example ' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ applicationId, changed: true });
    const stored = (await app.store.getApplication(applicationId))!;
    expect(stored).toMatchObject({ ownerEmail: 'nina.nyansatt@kommune.example', ownerName: 'Nina Nyansatt' });
    // The history names no one: ids only.
    expect(stored.history.at(-1)).toMatchObject({ action: 'owner-changed', actor: { kind: 'staff' } });
    expect(JSON.stringify(stored.history.at(-1))).not.toContain('nina');
    expect((await ownerView(ownerLinkId)).status).toBe(410);

    await sendDueReminders(app.deps);
    const [mail, ...more] = mailsTo('nina.nyansatt@kommune.example');
    expect(more).toEqual([]);
    expect(mail!.subject).toMatch(/^\[FSU\] Du er prosjektansvarlig for «/);
    expect(mail!.text).toContain('Hei Nina Nyansatt,');
    expect(mail!.text).toContain('Lenken som ble sendt til den forrige prosjektansvarlige, virker ikke lenger.');
    const newLink = linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mail!.text)![0]);
    expect(newLink).not.toBe(ownerLinkId);
    // The address mail went to before is told, without a link and without the new person's name.
    const told = toldLeft(first, applicationId);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('E-post om søknaden og tilskuddet går heretter til den nye prosjektansvarlige');
    expect(told[0]!.text).not.toMatch(/\/soknad\/|Nina/);
    expect((await ownerView(newLink)).status).toBe(200);

    const again = await change(applicationId, { name: 'Nina Nyansatt', email: 'nina.nyansatt@kommune.example' });
    expect(again.body).toEqual({ applicationId, changed: false });
    await sendDueReminders(app.deps);
    expect(mailsTo('nina.nyansatt@kommune.example')).toHaveLength(1);
    expect(toldLeft(first, applicationId)).toHaveLength(1);
    expect((await app.store.listLinks(applicationId)).filter((l) => l.purpose === 'owner' && l.state === 'active')).toHaveLength(1);
    expect((await ownerView(newLink)).status).toBe(200);
  });

  it('a repeat of the original submission after the change gets no link: 409, and the new contact\'s link is not in it', async () => {
    const body = app.application('sor-rogaland', (a) => (a.title = 'Sendt igjen etter bytte'));
    const headers = { 'Idempotency-Key': 'bytte-av-kontaktperson-1' };
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', body, headers);
    const repeat = () => app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body, headers });
    // Before the change the sender is the contact: the repeat answers with their link.
    const before = await repeat();
    expect(before.status).toBe(200);
    expect(linkIdOf(before.body.statusUrl)).toBe(ownerLinkId);
    expect((await change(applicationId, { name: 'Nina Nyansatt', email: 'nina.etterfolger@kommune.example' })).status).toBe(200);
    const after = await repeat();
    expect(after.status).toBe(409);
    expect(after.body).toMatchObject({ reason: 'owner_changed', message: 'Søknaden er allerede sendt inn, og saken har fått en ny prosjektansvarlig. Lenken til saken er sendt til den nye prosjektansvarlige.' });
    const links = (await app.store.listLinks(applicationId)).filter((l) => l.purpose === 'owner');
    expect(links).toHaveLength(2);
    for (const link of links) expect(after.text).not.toContain(link.id);
  });

  it('a failure after the change is finished by the repeat: the link handed over and the mail sent once', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    let failOnce = true;
    const store = new Proxy(app.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        if (prop !== 'putLinks') return value.bind(target);
        return async (...args: unknown[]) => {
          if (failOnce) {
            failOnce = false;
            throw new Error('ProvisionedThroughputExceededException');
          }
          return value.apply(target, args);
        };
      },
    });
    const staff = { kind: 'staff', role: 'secretariat', subject: 'sek-1' } as const;
    const input = { name: 'Ola Overtar', email: 'ola.overtar@sykehus.example' };
    await expect(changeOwner({ ...app.deps, store }, applicationId, input, staff)).rejects.toThrow('ProvisionedThroughputExceededException');
    // Changed, the old link revoked, but no new one yet: the repeat makes it.
    expect((await ownerView(ownerLinkId)).status).toBe(410);
    expect((await changeOwner({ ...app.deps, store }, applicationId, input, staff)).changed).toBe(false);
    await sendDueReminders(app.deps);
    const mails = mailsTo('ola.overtar@sykehus.example');
    expect(mails).toHaveLength(1);
    expect((await ownerView(linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mails[0]!.text)![0]))).status).toBe(200);
  });

  it('a double click (two posts at once): both answered as done, one change, one mail', async () => {
    const { applicationId } = await app.active();
    const json = { name: 'Dora Dobbel', email: 'dora.dobbel@kommune.example' };
    const answers = await Promise.all([1, 2].map(() => change(applicationId, json)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'owner-changed')).toHaveLength(1);
    const resent = await Promise.all([1, 2].map(() => app.call('resend-owner-link', { pathParameters: { applicationId }, as })));
    expect(resent.map((r) => r.status)).toEqual([202, 202]);
    await sendDueReminders(app.deps);
    expect(mailsTo('dora.dobbel@kommune.example').map((m) => m.subject.replace(/«.*»/, '«…»'))).toEqual(['[FSU] Du er prosjektansvarlig for «…»', '[FSU] Lenken til søknaden «…»']);
  });

  it('a corrected name at the same address changes the name only: the link keeps working, no mail', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const sentBefore = app.mailer.sent.length;
    const res = await change(applicationId, { name: 'Kari Nordmann-Berg', email: ownerEmail.toUpperCase() });
    expect(res.body).toEqual({ applicationId, changed: true });
    expect((await app.store.getApplication(applicationId))!).toMatchObject({ ownerEmail, ownerName: 'Kari Nordmann-Berg' });
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.slice(sentBefore).filter((m) => m.to.includes(ownerEmail))).toEqual([]);
    expect((await ownerView(ownerLinkId)).status).toBe(200);
  });

  it('changed twice before a sweep: each address left is told once, the last contact gets one link that works', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const first = (await app.store.getApplication(applicationId))!.ownerEmail;
    expect((await change(applicationId, { name: 'Berit Mellom', email: 'berit.mellom@kommune.example' })).status).toBe(200);
    expect((await change(applicationId, { name: 'Cato Sist', email: 'cato.sist@kommune.example' })).status).toBe(200);
    await sendDueReminders(app.deps);
    for (const left of [first, 'berit.mellom@kommune.example']) {
      expect(toldLeft(left, applicationId), left).toHaveLength(1);
    }
    expect(mailsTo('berit.mellom@kommune.example').filter((m) => m.subject.includes('Du er prosjektansvarlig'))).toEqual([]);
    const [mail, ...more] = mailsTo('cato.sist@kommune.example');
    expect(more).toEqual([]);
    expect((await ownerView(linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mail!.text)![0]))).status).toBe(200);
    expect((await ownerView(ownerLinkId)).status).toBe(410);
  });

  it('asked for more information, the revision form names the new contact person, not the first', async () => {
    const { applicationId } = await app.scheduled();
    expect((await app.call('request-information', { pathParameters: { applicationId }, json: { message: 'Beskriv pasientansvaret.' }, as })).status).toBe(201);
    expect((await change(applicationId, { name: 'Rita Revider', email: 'rita.revider@kommune.example' })).status).toBe(200);
    await sendDueReminders(app.deps);
    const link = linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mailsTo('rita.revider@kommune.example')[0]!.text)![0]);
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId: link }, headers: HTML }), 'page-revision-form');
    expect(form.status).toBe(200);
    expect(form.text).toMatch(/name="owner\.email"[^>]*value="rita\.revider@kommune\.example"|value="rita\.revider@kommune\.example"[^>]*name="owner\.email"/);
    expect(form.text).toMatch(/name="owner\.name"[^>]*value="Rita Revider"|value="Rita Revider"[^>]*name="owner\.name"/);
  });

  it('names the field in Norwegian (400), refuses a case that has ended (409) and another role (403), changing nothing', async () => {
    const { applicationId } = await app.active();
    const before = (await app.store.getApplication(applicationId))!;
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ name: 'Nina', email: 'ikke-en-adresse' }, { email: 'Skriv en gyldig e-postadresse.' }],
      [{ email: 'nina@kommune.example' }, { name: expect.stringMatching(/må fylles ut/) }],
      [{ name: 'x'.repeat(201), email: 'nina@kommune.example' }, { name: expect.stringContaining('200') }],
      [{ name: 'Nina', email: 'nina@kommune.example', role: 'admin' }, { _form: 'Ukjent felt: role.' }],
    ];
    for (const [json, fieldErrors] of cases) {
      const res = await change(applicationId, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.fieldErrors).toEqual(fieldErrors);
    }
    expect((await change(applicationId, { name: 'Nina', email: 'nina@kommune.example' }, FINANCE)).status).toBe(403);
    expect((await app.store.getApplication(applicationId))!.revision).toBe(before.revision);

    const { applicationId: withdrawn, ownerLinkId } = await app.submit();
    expect((await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: { reason: 'Lagt ned' } })).status).toBeLessThan(300);
    const ended = await change(withdrawn, { name: 'Nina', email: 'nina@kommune.example' });
    expect(ended.status).toBe(409);
    expect(ended.body).toMatchObject({ reason: 'case_closed', message: 'Saken er avsluttet. Prosjektansvarlig kan ikke endres.' });
  });
});

describe("the owner's link sent again (API)", () => {
  const resend = (applicationId: string, claims = as) => app.call('resend-owner-link', { pathParameters: { applicationId }, as: claims });
  const linkMails = (address: string, applicationId: string) => mailsTo(address).filter((m) => m.subject.startsWith('[FSU] Lenken til søknaden') && m.text.includes(applicationId));

  it('mails the link the owner has; a double click sends one; later, another', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const res = await resend(applicationId);
    expect(res.status, res.text).toBe(202);
    expect(res.body).toEqual({ applicationId, sentTo: ownerEmail });
    expect((await resend(applicationId)).status).toBe(202);
    await sendDueReminders(app.deps);
    const [mail, ...more] = linkMails(ownerEmail, applicationId);
    expect(more).toEqual([]);
    expect(linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mail!.text)![0])).toBe(ownerLinkId);
    const history = (await app.store.getApplication(applicationId))!.history;
    expect(history.filter((e) => e.action === 'owner-link-sent')).toHaveLength(1);
    expect(history.at(-1)).toMatchObject({ action: 'owner-link-sent', actor: { kind: 'staff', role: 'secretariat' } });

    const saved = app.clock.now().toISOString();
    try {
      app.clock.set(new Date(Date.parse(saved) + 2 * 60_000).toISOString());
      expect((await resend(applicationId)).status).toBe(202);
      await sendDueReminders(app.deps);
    } finally {
      app.clock.set(saved);
    }
    expect(linkMails(ownerEmail, applicationId)).toHaveLength(2);
  });

  it('a link that no longer works (expired) is replaced by a new one; a case that has ended can be looked at too', async () => {
    const { applicationId, ownerLinkId } = await app.submit();
    expect((await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: { reason: 'Lagt ned' } })).status).toBeLessThan(300);
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const link = (await app.store.getLink(ownerLinkId))!;
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set(new Date(Date.parse(link.expiresAt) + 60_000).toISOString());
      expect((await ownerView(ownerLinkId)).status).toBe(410);
      expect((await resend(applicationId)).status).toBe(202);
      await sendDueReminders(app.deps);
      const [mail] = linkMails(ownerEmail, applicationId);
      const fresh = linkIdOf(/https?:\/\/\S+\/soknad\/\S+/.exec(mail!.text)![0]);
      expect(fresh).not.toBe(ownerLinkId);
      expect((await ownerView(fresh)).status).toBe(200);
    } finally {
      app.clock.set(saved);
    }
  });

  it('is for the secretariat (403 for finance, 401 without a token), and a case that does not exist is 404', async () => {
    const { applicationId } = await app.active();
    expect((await resend(applicationId, FINANCE)).status).toBe(403);
    expect((await invoke(apiEvent({ method: 'POST', path: '/api/staff/applications/{applicationId}/owner-link', pathParameters: { applicationId } }), 'resend-owner-link')).status).toBe(401);
    expect((await resend('app_finnesIkke0000000000')).status).toBe(404);
    const body = await app.call('resend-owner-link', { pathParameters: { applicationId }, json: { to: 'annen@example.com' }, as });
    expect(body.status).toBe(400);
    expect(body.body.fieldErrors).toEqual({ _form: 'Ukjent felt: to.' });
  });
});

describe('a new contact person (case page)', () => {
  const caseOf = (applicationId: string, query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query, headers: HTML, claims: as }), 'page-application');

  it('is a form behind "Ny prosjektansvarlig"; errors at the field; then the case names the new person and the first', async () => {
    const { applicationId } = await app.active();
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<details class="change-owner"><summary>Ny prosjektansvarlig</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/kontaktperson" novalidate aria-label="Ny prosjektansvarlig på saken">`);
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/kontaktperson', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-change-owner');
    const bad = await post({ name: 'Nina Nyansatt', email: 'nina' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#kontaktperson-email"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="change-owner" open>');
    const ok = await post({ name: 'Nina Nyansatt', email: 'nina.side@kommune.example' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=kontaktperson`);
    const after = await caseOf(applicationId, { registrert: 'kontaktperson' });
    expect(after.text).toContain('Den nye prosjektansvarlige er registrert og får en egen lenke på e-post.');
    expect(after.text).toMatch(/<dt>Prosjektansvarlig<\/dt><dd>Nina Nyansatt, [^<]+, nina\.side@kommune\.example \(prosjektansvarlig fra \d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d; søknaden oppga [^)]+\)/);
    expect(after.text).toContain('Ny prosjektansvarlig</td>');
  });

  it('says whom the application named also when the new contact has the same name at another address', async () => {
    const { applicationId } = await app.active();
    const before = (await caseOf(applicationId)).text;
    expect(before).not.toContain('(prosjektansvarlig fra');
    const stored = (await app.store.getApplication(applicationId))!;
    const { data } = (await app.store.getVersion(applicationId, stored.version))!;
    expect((await change(applicationId, { name: data.owner.name, email: 'ny.adresse@kommune.example' })).body).toEqual({ applicationId, changed: true });
    const after = (await caseOf(applicationId)).text;
    expect(after).toContain(`${data.owner.name}, `);
    expect(after).toMatch(new RegExp(`ny\\.adresse@kommune\\.example \\(prosjektansvarlig fra \\d\\d\\.\\d\\d\\.\\d{4} kl\\. \\d\\d\\.\\d\\d; søknaden oppga ${data.owner.name}, ${data.owner.email.replace(/\./g, '\\.')}\\)`));
  });

  it('"Send lenken på nytt" beside the owner: back on the case with the notice, the mail by the next sweep', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/lenke" class="inline" aria-label="Send lenken til saken på nytt til prosjektansvarlig">`);
    const post = (form: Record<string, string>) =>
      invoke({ ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/lenke', pathParameters: { applicationId }, form, headers: HTML, claims: as }), cookies: [`__Host-csrf=${token}`] }, 'page-resend-owner-link');
    expect((await post({})).status).toBe(400); // no CSRF field: nothing sent
    const ok = await post({ _csrf: token });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=lenke`);
    const after = await caseOf(applicationId, { registrert: 'lenke' });
    expect(after.text).toContain('Prosjektansvarlig får lenken til saken på e-post i løpet av et kvarter.');
    expect(after.text).toContain('Lenken til saken sendt på nytt til prosjektansvarlig</td>');
    await sendDueReminders(app.deps);
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const sent = mailsTo(ownerEmail).filter((m) => m.subject.startsWith('[FSU] Lenken til søknaden') && m.text.includes(applicationId));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`/soknad/${ownerLinkId}`);
  });
});
