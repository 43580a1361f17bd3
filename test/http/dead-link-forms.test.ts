// A form posted through a link that stopped working while it was being filled in (revoked or
// expired at the moment of the post): the refusal's status and why, how to get a link that works,
// and what was typed, read-only to copy. Nothing is stored: the link is dead.
import { describe, expect, it } from 'vitest';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { getScheme } from '../../config/schemes';
import { exampleApplication } from '../../schemas/application.schema';
import { newLinkId } from '../../functions/adapters/ids';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { apiEvent, type ApiEventOptions } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };
type Form = NonNullable<ApiEventOptions['form']>;

const post = (routeId: string, path: string, linkId: string, form: Form, headers: Record<string, string> = HTML) =>
  invoke(apiEvent({ method: 'POST', path, pathParameters: { linkId }, headers, form }), routeId);

/** Every item of the table, to compare before and after (a test may Scan; no request path does). */
async function storedItems(): Promise<string[]> {
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await app.dynamo.client.send(new ScanCommand({ TableName: app.dynamo.tableName, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...(page.Items ?? []).map((item) => JSON.stringify(item)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A kept field on the page: its label, and its text in a read-only textarea. */
function keptField(name: string, label: string, text: string): RegExp {
  const id = `skrevet-${name.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  return new RegExp(`<label for="${id}">${escapeRegExp(escapeHtml(label))}</label><textarea id="${id}" rows="\\d+" readonly>${escapeRegExp(escapeHtml(text))}</textarea>`);
}

interface Expected {
  status: number;
  /** the refusal's words */
  message: string;
  /** the way to a link that works, if any */
  newLink?: string;
  /** fields typed, by name, label and text */
  typed: Array<[name: string, label: string, text: string]>;
  /** how many fields the page keeps in all (default: the typed ones listed) */
  count?: number;
}

/** Posts the form; the answer has the status, why, the way on, and what was typed; the post wrote nothing and sent nothing. */
async function expectKept(send: () => Promise<{ status: number; text: string }>, expected: Expected): Promise<string> {
  const before = await storedItems();
  const mails = app.mailer.sent.length;
  const res = await send();
  expect(res.status, res.text).toBe(expected.status);
  expect(res.text).toContain('<h1>Skjemaet ble ikke sendt</h1>');
  expect(res.text).toContain(escapeHtml(expected.message));
  if (expected.newLink) expect(res.text).toContain(expected.newLink);
  expect(res.text).toContain('<h2>Det du skrev</h2>');
  for (const [name, label, text] of expected.typed) expect(res.text).toMatch(keptField(name, label, text));
  expect(res.text.match(/<textarea /g)).toHaveLength(expected.count ?? expected.typed.length);
  // Nothing to send it with: the link is dead.
  expect(res.text).not.toMatch(/<form method="post" action="\/(soknad|rapport|signering)\//);
  expect(await storedItems()).toEqual(before);
  expect(app.mailer.sent.length).toBe(mails);
  return res.text;
}

/** Runs `act` with the clock just past the link's expiry, and sets it back after. */
async function afterExpiry<T>(linkId: string, act: () => Promise<T>): Promise<T> {
  return app.clock.setBackAfter(async () => {
    app.clock.set(new Date(Date.parse((await app.store.getLink(linkId))!.expiresAt) + 60_000).toISOString());
    return act();
  });
}

const LOST_LINK = '<a href="/mistet-lenke">Mistet lenken til søknaden?</a>';
const OWNER_REVOKED = 'Lenken er ikke lenger gyldig. Bruk den nyeste lenken du har fått på e-post.';
const OWNER_EXPIRED = 'Lenken er utløpt. Du kan få en ny lenke til søknaden på e-post: velg «Mistet lenken til søknaden din?» på forsiden.';

/** The secretariat gives the case a new contact person: the old owner link stops working. */
async function newOwner(applicationId: string): Promise<void> {
  const res = await app.call('change-owner', { pathParameters: { applicationId }, json: { name: 'Nina Nyansatt', email: `nina.${applicationId}@kommune.example` }, as: SECRETARIAT });
  expect(res.status, res.text).toBe(200);
}

describe('the owner\'s revision, posted through a link that stopped working', () => {
  const NOTE = 'Budsjettlinjen til Time kommune er rettet etter møtet med økonomisjefen.';
  const example = exampleApplication(getScheme('sor-rogaland')!);
  const typed = (title: string): Form => ({ ...applicationToForm({ ...example, title }), changeNote: NOTE, _idempotencyKey: 'skjema-teknisk-noekkel' }) as Form;
  const revise = (linkId: string, form: Form) => post('page-submit-revision', '/soknad/{linkId}/revisjon', linkId, form);
  const someFields = (title: string): Expected['typed'] => [
    ['title', 'Prosjektets navn', title],
    ['summary', 'Kort sammendrag', example.summary],
    ['partners.1.organisationNumber', 'Part 2, organisasjonsnummer', example.partners[1]!.organisationNumber],
    ['partners.0.role', 'Part 1, rolle', example.partners[0]!.role],
    ['owner.email', 'Prosjektansvarlig, e-post', example.owner.email],
    ['budget.0.requestedGrant', 'Budsjettlinje 1, omsøkt tilskudd', String(example.budget[0]!.requestedGrant)],
    ['changeNote', 'Hva er endret', NOTE],
  ];
  // Every text, date and amount of the example (3 partners, 3 budget lines) and the note; not the choices, not the form's key.
  const ALL_TYPED = 45;

  it('revoked (a new contact person): 410, why, the lost-link page, and every field typed to copy; nothing stored', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Revisjon, tilbakekalt')));
    await newOwner(applicationId);
    const text = await expectKept(() => revise(ownerLinkId, typed('Min rettede tittel')), { status: 410, message: OWNER_REVOKED, newLink: LOST_LINK, typed: someFields('Min rettede tittel'), count: ALL_TYPED });
    expect(text).not.toContain('skjema-teknisk-noekkel');
    expect(text).not.toContain('skrevet-criteriaMet');
    expect((await app.store.getApplication(applicationId))!.version).toBe(1);
  });

  it('expired: 410, why and where to get a new link, and what was typed', async () => {
    const { ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Revisjon, utløpt')));
    await afterExpiry(ownerLinkId, () => expectKept(() => revise(ownerLinkId, typed('Rettet etter fristen')), { status: 410, message: OWNER_EXPIRED, newLink: LOST_LINK, typed: someFields('Rettet etter fristen'), count: ALL_TYPED }));
  });

  it('an unknown link: 404, and what was typed; an API client keeps its JSON answer', async () => {
    const linkId = newLinkId();
    await expectKept(() => revise(linkId, typed('Ukjent lenke')), { status: 404, message: 'Lenken finnes ikke.', newLink: LOST_LINK, typed: someFields('Ukjent lenke'), count: ALL_TYPED });
    const json = await post('page-submit-revision', '/soknad/{linkId}/revisjon', linkId, typed('Ukjent lenke'), { Accept: 'application/json' });
    expect(json.status).toBe(404);
    expect(json.body).toMatchObject({ error: 'NotFoundError', message: 'Lenken finnes ikke.' });
  });
});

describe('the owner\'s status page forms, posted through a link that stopped working', () => {
  const forms = [
    { routeId: 'page-withdraw', path: '/soknad/{linkId}/trekk', form: { reason: 'Kommunen har trukket seg fra samarbeidet.' }, typed: [['reason', 'Trekk søknaden, begrunnelse', 'Kommunen har trukket seg fra samarbeidet.']] },
    { routeId: 'page-request-reallocation', path: '/soknad/{linkId}/omdisponering', form: { description: 'Midlene til kurs brukes på veiledning i stedet.', amount: '40 000' }, typed: [['description', 'Omdisponering, beskrivelse', 'Midlene til kurs brukes på veiledning i stedet.'], ['amount', 'Omdisponering, beløp', '40 000']] },
    { routeId: 'page-message-secretariat', path: '/soknad/{linkId}/melding', form: { message: 'Vi har fått ny økonomisjef.\nHun tar kontakt.' }, typed: [['message', 'Melding til sekretariatet', 'Vi har fått ny økonomisjef.\nHun tar kontakt.']] },
    { routeId: 'page-request-period-change', path: '/soknad/{linkId}/ny-periode', form: { periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'Koordinatoren begynner i mars.' }, typed: [['periodStart', 'Ny periode, startdato', '2027-03-01'], ['periodEnd', 'Ny periode, sluttdato', '2028-02-29'], ['reason', 'Ny periode, begrunnelse', 'Koordinatoren begynner i mars.']] },
  ] as const;
  const send = (f: (typeof forms)[number], linkId: string) => () => post(f.routeId, f.path, linkId, f.form);
  const typedOf = (f: (typeof forms)[number]) => f.typed.map(([name, label, text]) => [name, label, text] as [string, string, string]);

  it('revoked (a new contact person): each answers 410 with why, the lost-link page and what was typed; nothing stored', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    await newOwner(applicationId);
    for (const f of forms) await expectKept(send(f, ownerLinkId), { status: 410, message: OWNER_REVOKED, newLink: LOST_LINK, typed: typedOf(f) });
  });

  it('expired: each answers 410 with why and what was typed; nothing stored', async () => {
    const { ownerLinkId } = await app.active();
    await afterExpiry(ownerLinkId, async () => {
      for (const f of forms) await expectKept(send(f, ownerLinkId), { status: 410, message: OWNER_EXPIRED, newLink: LOST_LINK, typed: typedOf(f) });
    });
  });

  it('a post that fails the form\'s own checks too (a wish with no reason) still keeps what was typed', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    await newOwner(applicationId);
    await expectKept(() => post('page-request-period-change', '/soknad/{linkId}/ny-periode', ownerLinkId, { periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: '' }), {
      status: 410, message: OWNER_REVOKED, typed: [['periodStart', 'Ny periode, startdato', '2027-03-01'], ['periodEnd', 'Ny periode, sluttdato', '2028-02-29']],
    });
  });

  it('sending a partner\'s link again, which types nothing: why and the way to a new link, no list of what was typed', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Ingen tekst')));
    await newOwner(applicationId);
    const res = await post('page-resend-signing-link', '/soknad/{linkId}/signeringslenke', ownerLinkId, { partnerIndex: '1' });
    expect(res.status).toBe(410);
    expect(res.text).toContain(OWNER_REVOKED);
    expect(res.text).toContain(LOST_LINK);
    expect(res.text).not.toContain('Det du skrev');
  });
});

describe('the partner\'s answer, posted through a signing link that stopped working', () => {
  const REASON = 'Kommunen har ikke budsjettdekning for egen innsats i 2027.';
  const decline = (linkId: string) => () => post('page-submit-cosign', '/signering/{linkId}', linkId, { decision: 'decline', reason: REASON });

  it('revoked (the owner withdrew the application): 410, why, and the reason typed; nothing stored', async () => {
    const { applicationId, ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Signering, trukket')));
    const [first] = await app.cosignLinks(applicationId);
    expect((await app.call('withdraw-application', { pathParameters: { linkId: ownerLinkId }, json: {} })).status).toBe(200);
    const text = await expectKept(decline(first!.id), { status: 410, message: 'Søknaden er trukket eller avsluttet. Du trenger ikke å signere den.', typed: [['reason', 'Begrunnelse hvis du avslår', REASON]] });
    // The lost-link page mails the project owner's link: nothing for a partner.
    expect(text).not.toContain(LOST_LINK);
  });

  it('expired: 410, why, and the reason typed', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Signering, utløpt')));
    const [first] = await app.cosignLinks(applicationId);
    await afterExpiry(first!.id, () => expectKept(decline(first!.id), { status: 410, message: 'Lenken er utløpt, og søknaden kan ikke lenger signeres med den.', typed: [['reason', 'Begrunnelse hvis du avslår', REASON]] }));
  });
});

describe('the report and its request for more time, posted through a report link that stopped working', () => {
  const REPORT = { progress: 'Teamet er etablert og har fulgt 12 pasienter.', effect: 'Færre reinnleggelser.', spentAmount: '120 000', lessonsLearned: '', deviations: 'Oppstarten ble forsinket én måned.' };
  const REPORT_TYPED: Expected['typed'] = [
    ['progress', 'Hva er gjort', REPORT.progress],
    ['effect', 'Hvilken effekt prosjektet har', REPORT.effect],
    ['spentAmount', 'Brukt av tilskuddet hittil (kr)', REPORT.spentAmount],
    ['deviations', 'Avvik fra planen', REPORT.deviations],
  ];
  const DEADLINE = { dueDate: '2027-08-31', reason: 'Prosjektlederen begynte først i mars.' };
  const DEADLINE_TYPED: Expected['typed'] = [['dueDate', 'Utsatt frist, ønsket dato', DEADLINE.dueDate], ['reason', 'Utsatt frist, begrunnelse', DEADLINE.reason]];
  const report = (linkId: string, form: Form = REPORT) => () => post('page-submit-report', '/rapport/{linkId}', linkId, form);
  const askForTime = (linkId: string) => () => post('page-request-report-deadline', '/rapport/{linkId}/utsatt-frist', linkId, DEADLINE);
  const OWNER_PAGE_WAY = 'Siden for søknaden viser rapportene som kan sendes nå.';

  it('revoked (the secretariat withdrew its request to fill the report in): 410, why, and what was typed; nothing stored', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await app.call('request-report-supplement', { pathParameters: { applicationId }, json: { report: 'status', reason: 'Beskriv effekten med tall.' }, as: SECRETARIAT })).status).toBe(200);
    await sendDueReminders(app.deps);
    const mail = app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId)).at(-1)!;
    const linkId = /\/rapport\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    expect((await app.call('withdraw-report-supplement', { pathParameters: { applicationId }, json: { report: 'status' }, as: SECRETARIAT })).status).toBe(200);
    const message = 'Sekretariatet trenger ikke lenger at rapporten fylles ut. Rapporten står slik den ble sendt.';
    await expectKept(report(linkId), { status: 410, message, newLink: OWNER_PAGE_WAY, typed: REPORT_TYPED });
    await expectKept(askForTime(linkId), { status: 410, message, newLink: OWNER_PAGE_WAY, typed: DEADLINE_TYPED });
  });

  it('expired: 410, why, and what was typed, also when the form\'s own checks fail too; nothing stored', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status', 30);
    const message = 'Lenken er utløpt. Be sekretariatet om en ny lenke til rapporten.';
    await afterExpiry(linkId, async () => {
      await expectKept(report(linkId), { status: 410, message, newLink: LOST_LINK, typed: REPORT_TYPED });
      await expectKept(report(linkId, { ...REPORT, spentAmount: 'mye' }), { status: 410, message, typed: REPORT_TYPED.map(([n, l, t]) => [n, l, n === 'spentAmount' ? 'mye' : t]) });
      await expectKept(askForTime(linkId), { status: 410, message, newLink: LOST_LINK, typed: DEADLINE_TYPED });
    });
  });
});
