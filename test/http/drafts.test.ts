// Drafts of the application form through the page handlers: "Lagre utkast" keeps what was typed
// and e-mails the link once; the link opens the form as it was; submitting from it makes the
// application and removes the draft. Bad input is a 400 at the field, with nothing stored.
import { describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ACTION_FIELD, applicationToForm, DELETE_DRAFT, DRAFT_FIELD, IDEMPOTENCY_FIELD, SAVE_DRAFT } from '../../functions/pages/application-form-page';
import { overrideDependencies } from '../../functions/composition';
import { DRAFT_VALID_DAYS } from '../../functions/use-cases/drafts';
import { apiEvent } from '../support/api-events';
import { invoke, useTestApp } from '../support/test-app';

const app = useTestApp();

const HTML = { Accept: 'text/html,application/xhtml+xml' };
type Form = Record<string, string | string[]>;
const post = (form: Form, schemeId = 'sor-rogaland') =>
  invoke(apiEvent({ method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId }, form, headers: HTML }), 'page-submit-application');
const open = (draftId: string, melding?: string) =>
  invoke(apiEvent({ method: 'GET', path: '/soknad/utkast/{draftId}', pathParameters: { draftId }, ...(melding ? { query: { melding } } : {}), headers: HTML }), 'page-draft-form');
const save = (form: Form, key: string, schemeId?: string) => post({ ...form, [IDEMPOTENCY_FIELD]: key, [ACTION_FIELD]: SAVE_DRAFT }, schemeId);
const draftIdOf = (location: string | undefined) => /^\/soknad\/utkast\/([A-Za-z0-9_-]{22,64})\?melding=lagret$/.exec(location ?? '')?.[1];
const draftMails = (to: string) => app.mailer.sent.filter((m) => m.to.includes(to) && m.subject.includes('Utkastet til søknaden er lagret'));
const claimOf = (schemeId: string, key: string) =>
  app.dynamo.client.send(new GetCommand({ TableName: app.dynamo.tableName, Key: { pk: `DRAFTKEY#${schemeId}#${key}`, sk: 'DRAFT' } }));

describe('saving the form as a draft', () => {
  it('needs the owner\'s e-mail (where the link goes): 400 at that field, nothing stored, nothing sent', async () => {
    const res = await save({ title: 'Halvferdig', 'owner.email': '' }, 'skjema-utkast-uten-epost');
    expect(res.status).toBe(400);
    expect(res.text).toContain('<a href="#felt-owner-email">Prosjektansvarlig, e-post: Skriv e-postadressen din: dit sender vi lenken til utkastet.</a>');
    expect(res.text).toMatch(/<input[^>]*name="title" value="Halvferdig"/);
    const bad = await save({ title: 'Halvferdig', 'owner.email': 'ikke-en-adresse' }, 'skjema-utkast-uten-epost');
    expect(bad.text).toContain('Prosjektansvarlig, e-post: Skriv en gyldig e-postadresse.');
    const long = await save({ challenge: 'x'.repeat(4001), 'owner.email': 'lang@kommune.example' }, 'skjema-utkast-uten-epost');
    expect(long.status).toBe(400);
    expect(long.text).toContain('<a href="#felt-challenge">Hvilken samhandlingsutfordring skal prosjektet løse?: Teksten kan ha høyst 4 000 tegn.</a>');
    expect((await claimOf('sor-rogaland', 'skjema-utkast-uten-epost')).Item).toBeUndefined();
    expect(draftMails('lang@kommune.example')).toEqual([]);
  });

  it('keeps what was typed, e-mails the link once, and opens the form as it was; a repeated save is the same draft', async () => {
    const owner = 'utkast.eier@kommune.example';
    const typed: Form = {
      title: 'Ambulant team (utkast)',
      challenge: 'Pasientene reiser langt.',
      'partners.0.organisationName': 'Sandnes kommune',
      'partners[1][email]': 'partner@sus.example',
      criteriaMet: ['strategic-fit'],
      'owner.email': owner,
      'owner.isInternalUnit': ['false', 'on'],
      requestedAmount: '250 000',
      'partners.25.email': 'utenfor@example.no',
      tull: 'ikke et felt',
      __proto__x: 'nei',
    };
    const [first, again] = [await save(typed, 'skjema-utkast-1'), await save(typed, 'skjema-utkast-1')];
    expect(first.status).toBe(303);
    const draftId = draftIdOf(first.headers.location);
    expect(draftId).toBeDefined();
    expect(draftIdOf(again.headers.location)).toBe(draftId);

    const mails = draftMails(owner);
    expect(mails).toHaveLength(1);
    const link = `https://tilskudd.example/soknad/utkast/${draftId}`;
    expect(mails[0]!.text).toContain(link);
    expect(mails[0]!.text).toContain(`Utkastet slettes hvis det ikke er lagret på ${DRAFT_VALID_DAYS} dager`);
    expect(mails[0]!.text).toMatch(/Neste søknadsfrist: \d{2}\.\d{2}\.\d{4}/);

    const page = await open(draftId!, 'lagret');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Lenken til utkastet er sendt til ${owner}.`);
    expect(page.text).toMatch(/<input[^>]*name="title" value="Ambulant team \(utkast\)"/);
    expect(page.text).toMatch(/<input[^>]*name="partners.1.email" value="partner@sus.example"/);
    expect(page.text).toMatch(/<input[^>]*name="requestedAmount" value="250 000"/);
    expect(page.text).toMatch(/<input[^>]*value="strategic-fit"[^>]*checked/);
    expect(page.text).toContain(`name="${DRAFT_FIELD}" value="${draftId}"`);
    expect(page.text).toContain(`name="${IDEMPOTENCY_FIELD}" value="skjema-utkast-1"`);
    expect(page.text).toContain('Dette er et utkast, sist lagret');
    expect(page.text).not.toContain('utenfor@example.no');
    expect(page.text).not.toContain('ikke et felt');
    // Stored: only the form's own fields, under their dotted names.
    const stored = await app.deps.drafts.get(draftId!);
    expect(Object.keys(stored!.values).sort()).toEqual(['challenge', 'criteriaMet', 'owner.email', 'owner.isInternalUnit', 'partners.0.organisationName', 'partners.1.email', 'requestedAmount', 'title']);
    // Without the confirmation code, no confirmation.
    expect((await open(draftId!)).text).not.toContain('Lenken til utkastet er sendt');
  });

  it('saving again from the draft keeps its link, sends no second e-mail and moves its expiry', async () => {
    const owner = 'igjen@kommune.example';
    const draftId = draftIdOf((await save({ title: 'Første versjon', 'owner.email': owner }, 'skjema-utkast-2')).headers.location)!;
    const before = await app.deps.drafts.get(draftId);
    app.clock.advanceDays(10);
    const res = await post({ title: 'Andre versjon', summary: 'Nå med sammendrag', 'owner.email': owner, [IDEMPOTENCY_FIELD]: 'skjema-utkast-2', [DRAFT_FIELD]: draftId, [ACTION_FIELD]: SAVE_DRAFT });
    expect(draftIdOf(res.headers.location)).toBe(draftId);
    const after = await app.deps.drafts.get(draftId);
    expect(after!.values).toEqual({ title: 'Andre versjon', summary: 'Nå med sammendrag', 'owner.email': owner });
    expect(Date.parse(after!.expiresAt) - Date.parse(before!.expiresAt)).toBe(10 * 86_400_000);
    expect(draftMails(owner)).toHaveLength(1);
    // Another community's form cannot save onto it.
    const foreign = await post({ title: 'Feil ordning', 'owner.email': owner, [IDEMPOTENCY_FIELD]: 'skjema-utkast-2', [DRAFT_FIELD]: draftId, [ACTION_FIELD]: SAVE_DRAFT }, 'innlandet');
    expect(foreign.status).toBe(404);
    expect((await app.deps.drafts.get(draftId))!.values.title).toBe('Andre versjon');
  });

  it('submitting from the draft makes the application and removes the draft; its link then finds nothing', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Fra utkast til søknad'))) as Form;
    const draftId = draftIdOf((await save({ title: form.title!, 'owner.email': form['owner.email']! }, 'skjema-utkast-3')).headers.location)!;
    const before = await app.countApplications('sor-rogaland');

    // With errors, the form comes back still saying it is the draft.
    const bad = await post({ ...form, requestedAmount: '', [IDEMPOTENCY_FIELD]: 'skjema-utkast-3', [DRAFT_FIELD]: draftId });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`name="${DRAFT_FIELD}" value="${draftId}"`);
    expect(await app.deps.drafts.get(draftId)).toBeDefined();

    const done = await post({ ...form, [IDEMPOTENCY_FIELD]: 'skjema-utkast-3', [DRAFT_FIELD]: draftId });
    expect(done.status).toBe(303);
    expect(done.headers.location).toMatch(/\/kvittering$/);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);
    expect(await app.deps.drafts.get(draftId)).toBeUndefined();
    const gone = await open(draftId);
    expect(gone.status).toBe(404);
    expect(gone.text).toContain('Fant ikke utkastet. Det kan være sendt inn, eller lenken kan være feil.');
  });

  it('the applicant can delete the draft from its form (not from another community\'s form): then its link finds nothing', async () => {
    const draftId = draftIdOf((await save({ title: 'Angret', 'owner.email': 'angret@kommune.example' }, 'skjema-utkast-6')).headers.location)!;
    const page = await open(draftId);
    expect(page.text).toContain(`<button type="submit" name="${ACTION_FIELD}" value="${DELETE_DRAFT}" class="secondary">Slett utkastet</button>`);
    const remove = (schemeId: string) => post({ title: 'Angret', [IDEMPOTENCY_FIELD]: 'skjema-utkast-6', [DRAFT_FIELD]: draftId, [ACTION_FIELD]: DELETE_DRAFT }, schemeId);

    expect((await remove('innlandet')).status).toBe(404);
    expect(await app.deps.drafts.get(draftId)).toBeDefined();
    const removed = await remove('sor-rogaland');
    expect(removed.headers.location).toBe('/soknad/ny/sor-rogaland?melding=utkast-slettet');
    expect(await app.deps.drafts.get(draftId)).toBeUndefined();
    expect((await open(draftId)).status).toBe(404);
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, query: { melding: 'utkast-slettet' }, headers: HTML }), 'page-application-form');
    expect(form.text).toContain('<div class="notice success" role="status"><p>Utkastet er slettet.</p></div>');
    // A new form has nothing to delete.
    expect(form.text).not.toContain('Slett utkastet');
  });

  it(`expires ${DRAFT_VALID_DAYS} days after the last save (410); malformed and unknown ids are 404`, async () => {
    const draftId = draftIdOf((await save({ title: 'Glemt', 'owner.email': 'glemt@kommune.example' }, 'skjema-utkast-4')).headers.location)!;
    app.clock.advanceDays(DRAFT_VALID_DAYS - 1);
    expect((await open(draftId)).status).toBe(200);
    app.clock.advanceDays(1);
    const expired = await open(draftId);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain(`Utkastet er slettet fordi det ikke ble lagret på ${DRAFT_VALID_DAYS} dager.`);
    // Saving onto it is refused the same way (the write's condition, then a read to say why), and changes nothing.
    const late = await post({ title: 'For sent', challenge: 'En time med skriving.', 'owner.email': 'glemt@kommune.example', [IDEMPOTENCY_FIELD]: 'skjema-utkast-4', [DRAFT_FIELD]: draftId, [ACTION_FIELD]: SAVE_DRAFT });
    expect(late.status).toBe(410);
    expect((await app.deps.drafts.get(draftId))!.values.title).toBe('Glemt');
    // The form comes back with what was typed, as a new form: saving it again makes a new draft with a link of its own.
    expect(late.text).toContain(`Utkastet er slettet fordi det ikke ble lagret på ${DRAFT_VALID_DAYS} dager. Det du skrev, står i skjemaet under. Velg «Lagre utkast» for å lagre det som et nytt utkast, med en ny lenke.`);
    expect(late.text).toMatch(/<input[^>]*name="title" value="For sent"/);
    expect(late.text).toContain('>En time med skriving.</textarea>');
    expect(late.text).not.toContain(`name="${DRAFT_FIELD}"`);
    const freshKey = /name="_idempotencyKey" value="([^"]+)"/.exec(late.text)![1]!;
    expect(freshKey).not.toBe('skjema-utkast-4');
    const again = await save({ title: 'For sent', 'owner.email': 'glemt@kommune.example' }, freshKey);
    const newDraft = draftIdOf(again.headers.location);
    expect(newDraft).toBeDefined();
    expect(newDraft).not.toBe(draftId);
    expect((await open('kort')).status).toBe(404);
    expect((await open('A'.repeat(32))).status).toBe(404);
    // DynamoDB's TTL removes it (epoch seconds at the expiry).
    const item = await app.dynamo.client.send(new GetCommand({ TableName: app.dynamo.tableName, Key: { pk: `DRAFT#${draftId}`, sk: 'DRAFT' } }));
    expect(item.Item?.ttl).toBe(Date.parse(item.Item?.expiresAt as string) / 1000);
  });

  it('when the e-mail cannot be sent, the draft is still saved and says so; the next save sends it', async () => {
    const owner = 'ses-nede@kommune.example';
    overrideDependencies({ mailer: { send: async () => Promise.reject(Object.assign(new Error('SES er nede'), { name: 'ServiceUnavailable' })) } });
    let location: string | undefined;
    try {
      location = (await save({ title: 'Uten e-post', 'owner.email': owner }, 'skjema-utkast-5')).headers.location;
    } finally {
      overrideDependencies({ mailer: app.mailer });
    }
    const match = /^\/soknad\/utkast\/([A-Za-z0-9_-]{22,64})\?melding=lagret-uten-epost$/.exec(location ?? '');
    expect(match).not.toBeNull();
    const draftId = match![1]!;
    expect((await open(draftId, 'lagret-uten-epost')).text).toContain('Utkastet er lagret, men vi fikk ikke sendt e-posten med lenken nå.');
    expect(draftMails(owner)).toEqual([]);
    const again = await post({ title: 'Uten e-post', 'owner.email': owner, [IDEMPOTENCY_FIELD]: 'skjema-utkast-5', [DRAFT_FIELD]: draftId, [ACTION_FIELD]: SAVE_DRAFT });
    expect(draftIdOf(again.headers.location)).toBe(draftId);
    expect(draftMails(owner)).toHaveLength(1);
  });
});
