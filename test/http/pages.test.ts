// A few of the web pages through their Lambda handlers with API Gateway v2 events: headers,
// escaping, the form round trip, the error page, CSRF. (The pages in a real browser: test/browser.)
import { afterAll, describe, expect, it } from 'vitest';
import { applicationToForm, IDEMPOTENCY_FIELD } from '../../functions/pages/application-form-page';
import { html, raw } from '../../functions/pages/html';
import { errorSummary, FormState, summaryName } from '../../functions/pages/forms';
import { PAGE_CONTENT_SECURITY_POLICY } from '../../functions/http/responses';
import { apiEvent, staffClaims, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { invoke, linkIdOf, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { enabledSchemes, overrideDependencies } from '../../functions/composition';
import { getScheme } from '../../config/schemes';
import { STATUS_LABELS_NB } from '../../functions/domain/status-transitions';
import { privacySection } from '../../functions/pages/privacy-notice';
import { privacyFacts } from '../../functions/use-cases/public-scheme';

const app = useTestApp();

const HTML = { Accept: 'text/html,application/xhtml+xml' };

function labelsMissing(page: string): string[] {
  const ids = new Set([...page.matchAll(/<label for="([^"]+)"/g)].map((m) => m[1]));
  return [...page.matchAll(/<(input|select|textarea)\b([^>]*)>/g)]
    .filter((m) => !/type="hidden"/.test(m[2]!))
    .map((m) => /id="([^"]+)"/.exec(m[2]!)?.[1] ?? m[0])
    .filter((id) => !ids.has(id));
}

describe('the error summary', () => {
  it('names each field by the label the user sees, after its context where the page has several of that label', () => {
    const form = new FormState({}, { progress: 'Feltet må fylles ut.', 'partners.1.email': 'Skriv en gyldig e-postadresse.', date: 'Velg en dato.', report: 'Velg en rapport.' }, 'f');
    const fields = html`${form.textarea('progress', 'Hva er gjort så langt?')}${form.input('partners.1.email', 'Kontaktpersonens e-post', { context: 'Part 2' })}${form.input('date', 'Dato', { context: 'FSU, nytt møte' })}${form.radios('report', 'Rapport', [{ value: 'status', label: 'Statusrapport' }], { context: 'Utfyllende rapport' })}`;
    expect(form.summaryItems().map((i) => i.text)).toEqual([
      'Hva er gjort så langt?: Feltet må fylles ut.',
      'Part 2, kontaktpersonens e-post: Skriv en gyldig e-postadresse.',
      'FSU, nytt møte, dato: Velg en dato.',
      'Utfyllende rapport, rapport: Velg en rapport.',
    ]);
    expect(summaryMismatches(`${errorSummary([form]).value}${fields.value}`)).toEqual([]);
    // An abbreviation keeps its capitals.
    expect(summaryName('FSU-møtet', 'Sak 1')).toBe('Sak 1, FSU-møtet');
    expect(summaryName('E-post', 'Prosjektansvarlig')).toBe('Prosjektansvarlig, e-post');
  });
});

describe('the html template', () => {
  it('escapes every interpolation, quotes attribute values, and trusts only raw()', () => {
    const evil = `"><script>alert(1)</script> onfocus=x '`;
    expect(html`<p title=${evil}>${evil}</p>`.value).toBe(
      '<p title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; onfocus=x &#39;">&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; onfocus=x &#39;</p>',
    );
    expect(html`<ul>${['<a>', html`<li>b</li>`, null, false, undefined, 3]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>b</li>3</ul>');
    expect(html`${raw('<b>trusted</b>')}`.value).toBe('<b>trusted</b>');
  });
});

describe('public pages', () => {
  it('GET /: an HTML page in bokmål with the strict CSP, listing each scheme with its form', async () => {
    const res = await invoke(apiEvent({ method: 'GET', path: '/', headers: HTML }), 'page-home');
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    expect(PAGE_CONTENT_SECURITY_POLICY).toBe(res.headers['content-security-policy']);
    expect(res.text).toMatch(/^<!doctype html>\n<html lang="nb">/);
    expect(res.text).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(res.text).toContain('href="/soknad/ny/sor-rogaland"');
    expect(res.text).toContain('href="/soknad/ny/innlandet"');
    expect(res.text).not.toMatch(/<script/i);
  });

  it('the form: every control labelled, a fresh idempotency key per rendering, 404 page for an unknown scheme', async () => {
    const render = () => invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'innlandet' }, headers: HTML }), 'page-application-form');
    const [a, b] = await Promise.all([render(), render()]);
    expect(a.status).toBe(200);
    expect(labelsMissing(a.text)).toEqual([]);
    const key = (page: string) => new RegExp(`name="${IDEMPOTENCY_FIELD}" value="([^"]+)"`).exec(page)?.[1];
    expect(key(a.text)).toMatch(/^skjema-[A-Za-z0-9_-]{24}$/);
    expect(key(a.text)).not.toBe(key(b.text));
    for (const c of app.scheme('innlandet').criteria) expect(a.text).toContain(`value="${c.id}"`);

    const missing = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'ukjent' }, headers: HTML }), 'page-application-form');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(missing.text).toContain('Fant ikke tilskuddsordningen.');
    // API clients asking for JSON keep the JSON error.
    const json = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'ukjent' } }), 'page-application-form');
    expect(json.body).toEqual({ error: 'NotFoundError', message: 'Fant ikke tilskuddsordningen.' });
  });

  it('posting the form: 400 with the summary and the typed values; valid twice with one key is one application (303 to the receipt)', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Skjema via handler'))) as Record<string, string | string[]>;
    const post = (body: Record<string, string | string[]>) =>
      invoke(apiEvent({ method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, form: body, headers: HTML }), 'page-submit-application');

    const bad = await post({ ...form, 'partners.0.email': 'ikke-en-adresse', requestedAmount: '12,5', [IDEMPOTENCY_FIELD]: 'skjema-handlertest-1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<div class="error-summary" id="feiloppsummering" role="alert" tabindex="-1" autofocus');
    expect(bad.text).toContain('<a href="#felt-partners-0-email">Part 1, kontaktpersonens e-post: Skriv en gyldig e-postadresse.</a>');
    expect(bad.text).toContain('<a href="#felt-requestedAmount">Omsøkt beløp (kr): Beløpet må være et helt antall kroner.</a>');
    expect(bad.text).toMatch(/<input type="email" id="felt-partners-0-email" name="partners.0.email" value="ikke-en-adresse"[^>]*aria-invalid="true" aria-describedby="felt-partners-0-email-error"/);
    expect(bad.text).toContain('value="skjema-handlertest-1"'); // the same key again: nothing was created
    expect(labelsMissing(bad.text)).toEqual([]);
    expect(summaryMismatches(bad.text)).toEqual([]);

    // A continuation of a grant that does not exist: the field checked against the table, the same way.
    const unknown = await post({ ...form, continues: 'app_AAAAAAAAAAAAAAAA', [IDEMPOTENCY_FIELD]: 'skjema-handlertest-1' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('<a href="#felt-continues">Saksnummer for tiltaket som videreføres (valgfritt): Fant ingen innvilget søknad med saksnummer app_AAAAAAAAAAAAAAAA i Helsefellesskapet i Sør-Rogaland.</a>');
    expect(unknown.text).toMatch(/<input[^>]*id="felt-continues" name="continues" value="app_AAAAAAAAAAAAAAAA"[^>]*aria-invalid="true"/);

    const before = await app.countApplications('sor-rogaland');
    const first = await post({ ...form, [IDEMPOTENCY_FIELD]: 'skjema-handlertest-1' });
    const second = await post({ ...form, [IDEMPOTENCY_FIELD]: 'skjema-handlertest-1' });
    expect(first.status).toBe(303);
    expect(first.headers.location).toMatch(/^\/soknad\/[A-Za-z0-9_-]{22,64}\/kvittering$/);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);

    const linkId = first.headers.location!.split('/')[2]!;
    const receipt = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/kvittering', pathParameters: { linkId }, headers: HTML }), 'page-receipt');
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain(`<a id="statuslenke" href="/soknad/${linkId}">https://tilskudd.example/soknad/${linkId}</a>`);
  });

  it('every error the form shows names its field: a group of fields left empty (expected effect, owner, anchoring) marks each one', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Tomme grupper'))) as Record<string, string | string[]>;
    const post = (body: Record<string, string | string[]>) =>
      invoke(apiEvent({ method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, form: body, headers: HTML }), 'page-submit-application');
    const emptied = (prefix: string) => Object.fromEntries(Object.keys(form).filter((k) => k.startsWith(prefix)).map((k) => [k, '']));
    // Every item of the summary links to a control on the page that is marked invalid.
    const unlinked = (page: string) => {
      const items = [...page.matchAll(/<div class="error-summary"[\s\S]*?<ul>([\s\S]*?)<\/ul>/g)].flatMap((m) => [...m[1]!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((i) => i[1]!));
      expect(items.length).toBeGreaterThan(0);
      return items.filter((item) => {
        const id = /^<a href="#([^"]+)">/.exec(item)?.[1];
        return !id || !new RegExp(`<(input|select|textarea|fieldset)\\b[^>]*id="${id}"[^>]*(aria-invalid="true"|class="field-error")`).test(page);
      });
    };

    const effect = await post({ ...form, ...emptied('expectedEffect.') });
    expect(effect.status).toBe(400);
    expect(unlinked(effect.text)).toEqual([]);
    expect(summaryMismatches(effect.text)).toEqual([]);
    for (const field of ['citizen', 'hospital', 'municipality']) {
      expect(effect.text).toMatch(new RegExp(`<a href="#felt-expectedEffect-${field}">Forventet effekt, for [^:]+: Feltet må fylles ut.</a>`));
      expect(effect.text).toMatch(new RegExp(`<textarea[^>]*id="felt-expectedEffect-${field}"[^>]*aria-invalid="true"`));
    }
    for (const prefix of ['owner.', 'anchoring.']) {
      const res = await post({ ...form, ...emptied(prefix) });
      expect(res.status, prefix).toBe(400);
      expect(unlinked(res.text), prefix).toEqual([]);
      expect(summaryMismatches(res.text), prefix).toEqual([]);
    }
    // The JSON API, sent the same form, names the same fields.
    const api = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, form: { ...form, ...emptied('expectedEffect.') } });
    expect(api.status).toBe(400);
    expect(api.body.fieldErrors).toEqual({ 'expectedEffect.citizen': 'Feltet må fylles ut.', 'expectedEffect.hospital': 'Feltet må fylles ut.', 'expectedEffect.municipality': 'Feltet må fylles ut.' });
  });

  it("the owner's page offers to correct the application while partners sign (all sign again), and not once they all have", async () => {
    const page = async (linkId: string) => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: HTML }), 'page-owner-status')).text;
    const { applicationId, ownerLinkId } = await app.submit();
    const [first] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
    const waiting = await page(ownerLinkId);
    // Every party, with whom the owner still waits for: organisations only, no addresses.
    const rows = [...waiting.matchAll(/<tr><td>([^<]+)<\/td><td>(Signert|Venter på signatur)(?:<\/td>| <form)/g)].map((m) => m[2]);
    expect(rows).toEqual(['Signert', 'Venter på signatur', 'Venter på signatur']);
    expect(waiting).toContain('Kom e-posten ikke fram, eller er adressen feil, rett den med «Endre søknaden» over');
    for (const partner of (await app.store.getVersion(applicationId, 1))!.data.partners) expect(waiting).not.toContain(partner.email);
    expect(waiting).toContain(`<a class="button" href="/soknad/${ownerLinkId}/revisjon">Endre søknaden</a>`);
    expect(waiting).toContain('Da må alle partene signere den nye versjonen, også de som har signert allerede.');
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-revision-form');
    expect(form.status).toBe(200);
    const { ownerLinkId: signed } = await app.scheduled();
    expect(await page(signed)).not.toContain('/revisjon');
  });

  it('escapes what applicants wrote on every page that shows it', async () => {
    const title = '<script>alert("x")</script> & «Tittel»';
    const { ownerLinkId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = title)));
    const res = await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-owner-status');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «Tittel»</h1>');
    expect(linkIdOf(`/soknad/${ownerLinkId}`)).toBe(ownerLinkId);
  });
});

describe('the privacy notice (personvern): a section of the landing page, linked from the pages that collect or show personal data', () => {
  const section = (page: string) => {
    const start = page.indexOf('<section id="personvern"');
    expect(start).toBeGreaterThan(-1);
    return page.slice(start, page.indexOf('</section>', start));
  };
  const FOOTER_LINK = /<footer class="site-footer">[\s\S]*<a href="\/#personvern">Personvern<\/a>[\s\S]*<\/footer>/;

  it("the landing page names each community's controller (its hospital trust), whom to ask, and who reads its cases", async () => {
    const home = await invoke(apiEvent({ method: 'GET', path: '/', headers: HTML }), 'page-home');
    const notice = section(home.text);
    expect(notice).toContain('<h2 id="personvern-tittel">Personvern</h2>');
    for (const id of ['sor-rogaland', 'innlandet', 'lofoten-vesteralen-salten', 'sondre-trondelag']) {
      const scheme = app.scheme(id);
      const own = notice.slice(notice.indexOf(`<h4>${scheme.name}</h4>`)).split('</dl>')[0]!;
      expect(own, id).toContain(`<dt>Behandlingsansvarlig</dt><dd>${scheme.hospitalTrust.name} (org.nr. ${scheme.hospitalTrust.organisationNumber})</dd>`);
      expect(own, id).toContain(`<dt>Kontakt om personvern</dt><dd>Sekretariatet: <a href="mailto:${scheme.secretariatEmail}">${scheme.secretariatEmail}</a></dd>`);
      expect(own, id).toContain(`<dt>Personvernombud</dt><dd><a href="mailto:${scheme.hospitalTrust.dataProtectionOfficerEmail}">`);
      expect(own, id).toContain(`${scheme.committee.name} (${scheme.committee.shortName})</dd>`);
      // Only where projects are anchored in groups do their leaders get the decisions.
      expect(own.includes('<dt>Kopi av vedtak</dt>'), id).toBe(id === 'sor-rogaland');
    }
    // The two-level schemes' first body; what the system does: where the data are, what it deletes and when; the rights.
    for (const text of [
      '<dd>Sekretariatet, Vurderingskomité for rekrutterings- og samhandlingstilskudd og Koordineringsutvalg for rekrutterings- og samhandlingstilskuddet (KU)</dd>',
      'Opplysningene lagres i AWS-regionen eu-north-1 (Stockholm, Sverige), innenfor EU',
      'slettes 60 dager etter at det sist ble lagret',
      'slettes etter 7 dager',
      'arkivert etter arkivloven',
      'En lenke som har sluttet å virke, blir ikke slettet: den blir stående lagret med saken',
      'blir i tillegg lagret i et eget arkiv i 10 år (3\u00a0650 dager), så de kan kontrolleres og sendes på nytt',
      'E-postadresser er maskert i loggene (bare delen etter @ står igjen), og loggene slettes etter ett år (365 dager).',
      'Disse opplysningene får vi fra søkeren, ikke fra kontaktpersonen selv.',
      '<strong>Skriv ikke helseopplysninger om pasienter</strong>',
      'kan du klage til Datatilsynet (<a href="https://www.datatilsynet.no/">datatilsynet.no</a>)',
      'Fordi grunnlaget for behandlingen er en oppgave i allmennhetens interesse, kan du protestere mot behandlingen ut fra din særlige situasjon (personvernforordningen artikkel 21)',
      'med mindre helseforetaket kan vise tungtveiende berettigede grunner som går foran dine interesser, rettigheter og friheter',
      '<h3>Grunnlaget for behandlingen</h3>',
      'Helseforetaket behandler opplysningene fordi det er nødvendig for å utføre en oppgave i allmennhetens interesse som helseforetaket har: å forvalte helsefellesskapets tilskuddsordning (personvernforordningen artikkel 6 nr. 1 bokstav e).</p>',
    ]) expect(notice).toContain(text);
    // No shipped community says more about the legal basis: no pointer to what none has written.
    expect(notice).not.toContain('<dt>Grunnlaget for behandlingen</dt>');
    expect(notice).not.toContain('skrevet mer om grunnlaget');
    expect(home.text).toMatch(FOOTER_LINK);
  });

  it('names a region outside the list of EU regions without saying where it is, and a data protection officer only when configured', () => {
    const facts = { ...privacyFacts(app.deps, 'innlandet'), dataProtectionOfficerEmail: null };
    const notice = privacySection({ region: 'us-east-1', communities: [facts] }).value;
    expect(notice).toContain('Opplysningene lagres i AWS-regionen us-east-1, og');
    expect(notice).not.toContain('innenfor EU');
    expect(notice).toContain('<dt>Kontakt om personvern</dt><dd>Sekretariatet: <a href="mailto:ssu-sekretariat@sykehuset-innlandet.example">');
    expect(notice).not.toContain('Personvernombud');
  });

  it("shows a community's own text about the legal basis under it, after the default, when its configuration has one", () => {
    const said = { ...privacyFacts(app.deps, 'sor-rogaland'), legalBasis: 'Oppgaven følger av oppdragsdokumentet fra Helse Vest RHF & samarbeidsavtalen.' };
    const notice = privacySection({ region: 'eu-north-1', communities: [said, privacyFacts(app.deps, 'innlandet')] }).value;
    expect(notice).toContain('(personvernforordningen artikkel 6 nr. 1 bokstav e). Har et helsefellesskap skrevet mer om grunnlaget, står det nederst, under helsefellesskapet.</p>');
    const own = (name: string) => notice.slice(notice.indexOf(`<h4>${name}</h4>`)).split('</dl>')[0]!;
    expect(own(said.name)).toContain('<dt>Grunnlaget for behandlingen</dt><dd>Oppgaven følger av oppdragsdokumentet fra Helse Vest RHF &amp; samarbeidsavtalen.</dd>');
    expect(own(app.scheme('innlandet').name)).not.toContain('Grunnlaget for behandlingen');
  });

  it('the form says above its buttons what is done with what is typed, that the partners get e-mail, and links the notice', async () => {
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'innlandet' }, headers: HTML }), 'page-application-form');
    const paragraph = /<p class="hint" id="personvern-skjema">([\s\S]*?)<\/p>\s*<div class="actions">/.exec(form.text)?.[1];
    expect(paragraph).toContain('Sykehuset Innlandet HF er ansvarlig for opplysningene');
    expect(paragraph).toContain('Kontaktpersonen hos hver part får en e-post med lenke for å signere');
    expect(paragraph).toContain('Skriv ikke helseopplysninger om pasienter.');
    expect(paragraph).toContain('<a href="/#personvern">Les om personvern</a>');
    expect(form.text).toMatch(FOOTER_LINK);
  });

  it("the signing page tells the partner's contact person where their name and address came from, and what for", async () => {
    const { applicationId } = await app.submit();
    const [cosign] = await app.cosignLinks(applicationId);
    const partnerPage = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: cosign!.id }, headers: HTML }), 'page-cosign');
    const line = /<p class="hint" id="personvern-signering">([\s\S]*?)<\/p>/.exec(partnerPage.text)?.[1];
    const data = app.application('sor-rogaland');
    expect(line).toContain(`Navnet og e-postadressen din har vi fra søkeren, ${data.partners[data.owner.partnerIndex]!.organisationName}, som oppga deg som kontaktperson.`);
    expect(line).toContain('<a href="/#personvern">Les om personvern</a>');
    expect(partnerPage.text).toMatch(FOOTER_LINK);
  });

  it('the other public pages link it from the footer too, and set no cookies (as the notice says)', async () => {
    const { ownerLinkId, applicationId } = await app.submit();
    const [cosign] = await app.cosignLinks(applicationId);
    const pages = await Promise.all([
      invoke(apiEvent({ method: 'GET', path: '/', headers: HTML }), 'page-home'),
      invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML }), 'page-application-form'),
      invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: cosign!.id }, headers: HTML }), 'page-cosign'),
      invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-owner-status'),
      invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/kvittering', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-receipt'),
      invoke(apiEvent({ method: 'GET', path: '/mistet-lenke', headers: HTML }), 'page-lost-link'),
      invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'ukjent' }, headers: HTML }), 'page-application-form'),
    ]);
    for (const res of pages) {
      expect(res.text).toMatch(FOOTER_LINK);
      expect(Object.keys(res.headers).map((h) => h.toLowerCase())).not.toContain('set-cookie');
      expect(res.cookies).toEqual([]);
    }
  });
});

describe('anchoring on the pages (configured per scheme)', () => {
  const formOf = (schemeId: string) => invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId }, headers: HTML }), 'page-application-form');
  const post = (body: Record<string, string | string[]>) =>
    invoke(apiEvent({ method: 'POST', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, form: body, headers: HTML }), 'page-submit-application');
  const justification = 'Ingen tjenestemodellgruppe dekker jordmødre; forankret i samhandlingsavdelingen og hos kommuneoverlegene.';

  it('Innlandet asks for other needs besides the national guidelines; Sør-Rogaland does not', async () => {
    const other = 'Felles kompetanseløft i legemiddelhåndtering.';
    expect((await formOf('innlandet')).text).toContain('<label for="felt-otherNeed">Andre behov tiltaket dekker</label>');
    expect((await formOf('sor-rogaland')).text).not.toContain('name="otherNeed"');
    const { applicationId } = await app.submit('innlandet', app.application('innlandet', (a) => ((a.guidelineAreas = []), (a.otherNeed = other))));
    const [cosign] = await app.cosignLinks(applicationId);
    const partnerPage = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: cosign!.id }, headers: HTML }), 'page-cosign');
    expect(partnerPage.text).toContain(`<h3>Andre behov</h3><p class="long-text">${other}</p>`);
    expect(partnerPage.text).not.toContain('<h3>Nasjonale føringer</h3>');
  });

  it('a community without service-model groups is not asked; Sør-Rogaland offers the groups or FSU directly', async () => {
    const innlandet = await formOf('innlandet');
    expect(innlandet.text).not.toContain('<legend>Forankring</legend>');
    expect(innlandet.text).not.toContain('name="anchoring.');
    const sorRogaland = await formOf('sor-rogaland');
    expect(sorRogaland.text).toContain('<legend>Forankring</legend>');
    expect(sorRogaland.text).toMatch(/value="direct"[^>]*><div><label[^>]*>Ingen: sendes direkte til FSU<\/label>/);
    expect(sorRogaland.text).toContain('name="anchoring.justification"');
    // The groups are the register's: chosen from a list, with no field for a leader's address.
    expect(sorRogaland.text).toContain('<option value="fagrad-ikt">Fagråd for IKT-løsninger (delavtale 9)</option>');
    expect(sorRogaland.text.match(/<select[^>]*name="anchoring\.groupId"[\s\S]*?<\/select>/)![0].match(/<option value="[a-z]/g)).toHaveLength(9);
    expect(sorRogaland.text).not.toMatch(/name="anchoring\.(leaderEmail|deputyLeaderEmail|name)"/);
    expect(sorRogaland.text).not.toContain('leder.fagrad-ikt@');
    expect(labelsMissing(sorRogaland.text)).toEqual([]);
  });

  it('anchored in a group of the register: the partners see its name, the secretariat who gets the copy', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Forankret i fagråd'))) as Record<string, string | string[]>;
    const bad = await post({ ...form, 'anchoring.kind': 'group', 'anchoring.groupId': '', [IDEMPOTENCY_FIELD]: 'skjema-forankring-2' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#felt-anchoring-groupId">Tjenestemodellgruppe eller fagråd: Feltet må fylles ut.</a>');
    const ok = await post({ ...form, 'anchoring.kind': 'group', 'anchoring.groupId': 'fagrad-ikt', [IDEMPOTENCY_FIELD]: 'skjema-forankring-2' });
    expect(ok.status).toBe(303);
    const applicationId = (await app.store.getLink(ok.headers.location!.split('/')[2]!))!.applicationId;
    const [cosign] = await app.cosignLinks(applicationId);
    const partnerPage = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: cosign!.id }, headers: HTML }), 'page-cosign');
    expect(partnerPage.text).toContain('<dt>Forankring</dt><dd>Fagråd: Fagråd for IKT-løsninger (delavtale 9)</dd>');
    expect(partnerPage.text).not.toContain('leder.fagrad-ikt@');
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain('<dt>Kopi av vedtak til</dt><dd>leder leder.fagrad-ikt@helse-stavanger.example og nestleder nestleder.fagrad-ikt@helse-stavanger.example</dd>');
  });

  it('sent directly to FSU: the justification is required; the partners and the secretariat read it', async () => {
    const form = applicationToForm(app.application('sor-rogaland', (a) => (a.title = 'Direkte til FSU'))) as Record<string, string | string[]>;
    // The group's fields still hold what was typed before the applicant chose "directly": they are left out.
    const direct = { ...form, 'anchoring.kind': 'direct', 'anchoring.justification': '' };
    const bad = await post({ ...direct, [IDEMPOTENCY_FIELD]: 'skjema-forankring-1' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#felt-anchoring-justification">Begrunnelse og beskrivelse av forankringsprosessen: Feltet må fylles ut.</a>');
    const before = await app.countApplications('sor-rogaland');
    const ok = await post({ ...direct, 'anchoring.justification': justification, [IDEMPOTENCY_FIELD]: 'skjema-forankring-1' });
    expect(ok.status).toBe(303);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);

    const ownerLink = ok.headers.location!.split('/')[2]!;
    const applicationId = (await app.store.getLink(ownerLink))!.applicationId;
    const [cosign] = await app.cosignLinks(applicationId);
    const partnerPage = await invoke(apiEvent({ method: 'GET', path: '/signering/{linkId}', pathParameters: { linkId: cosign!.id }, headers: HTML }), 'page-cosign');
    expect(partnerPage.text).toContain('<dt>Forankring</dt><dd>Sendt direkte til FSU</dd>');
    expect(partnerPage.text).toContain(`<dd class="long-text">${justification}</dd>`);
    expect(partnerPage.text).not.toContain('Tjenestemodellgruppe for eldre');
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain('<dt>Forankring</dt><dd>Sendt direkte til FSU</dd>');
    expect(casePage.text).toContain(justification);
  });
});

describe('a deployment that runs some of the configured schemes (SCHEME_IDS)', () => {
  afterAll(() => {
    overrideDependencies({ scheme: getScheme });
  });

  it('the home, secretariat and finance pages list only those, and the others are unknown', async () => {
    overrideDependencies({ scheme: enabledSchemes(['innlandet']) });
    const home = await invoke(apiEvent({ method: 'GET', path: '/', headers: HTML }), 'page-home');
    expect(home.status).toBe(200);
    expect(home.text).toContain('/soknad/ny/innlandet');
    expect(home.text).not.toContain('/soknad/ny/sor-rogaland');
    // The privacy notice names the controller of the communities it runs only.
    expect(home.text).toContain('<dt>Behandlingsansvarlig</dt><dd>Sykehuset Innlandet HF (org.nr. 983971709)</dd>');
    expect(home.text).not.toContain('Helse Stavanger HF');
    const secretariat = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat');
    expect(secretariat.status).toBe(200);
    expect(secretariat.text).toContain('/sekretariat/innlandet/');
    expect(secretariat.text).not.toContain('/sekretariat/sor-rogaland/');
    const finance = await invoke(apiEvent({ method: 'GET', path: '/okonomi', headers: HTML, claims: staffClaims(['finance'], 'okonomi-1') }), 'page-finance');
    expect(finance.status).toBe(200);
    expect(finance.text).toContain(app.scheme('innlandet').projectNumber);
    expect(finance.text).not.toContain(app.scheme('sor-rogaland').projectNumber);
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML }), 'page-application-form');
    expect(form.status).toBe(404);
  });
});

describe('staff pages', () => {
  it('lists a scheme\'s applications by status, oldest first, with a link to the agenda a case is on', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => (a.title = 'På sakslisten <nå>'));
    const waiting = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Venter på partnerne')));
    const list = (query?: Record<string, string>) =>
      invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/soknader', pathParameters: { schemeId: 'sor-rogaland' }, ...(query ? { query } : {}), headers: HTML, claims: SECRETARIAT }), 'page-applications');

    const overview = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat');
    expect(overview.text).toContain('<a href="/sekretariat/sor-rogaland/soknader">Søknader etter status</a>');

    const scheduled = await list({ status: 'scheduled' });
    expect(scheduled.status).toBe(200);
    expect(scheduled.text).toContain('<a href="/sekretariat/sor-rogaland/soknader?status=scheduled" aria-current="page">');
    expect(scheduled.text).toContain(`<td><a href="/sekretariat/soknader/${applicationId}">På sakslisten &lt;nå&gt;</a></td>`);
    expect(scheduled.text).toContain(`<a href="/sekretariat/sor-rogaland/moter/2026-12-10#sak-${applicationId}">Sakslisten 10.12.2026</a>`);
    expect(scheduled.text).not.toContain('Venter på partnerne');
    // The start page's lookup is here too, across every status.
    expect(scheduled.text).toContain('<form method="get" action="/sekretariat" class="case-lookup" aria-label="Finn en sak">');

    const awaiting = await list({ status: 'awaiting_cosignature' });
    expect(awaiting.text).toContain(`<td><a href="/sekretariat/soknader/${waiting.applicationId}">Venter på partnerne</a></td>`);
    expect(awaiting.text).toContain(`<td>${waiting.applicationId}</td>`);
    // The list is every application in the status, in order of submission.
    const ids = [...awaiting.text.matchAll(/<td>(app_[^<]+)<\/td><\/tr>/g)].map((m) => m[1]);
    expect(ids).toContain(waiting.applicationId);
    expect(ids.length).toBe((await app.store.listByStatus('sor-rogaland', 'awaiting_cosignature')).length);
    expect(labelsMissing(awaiting.text)).toEqual([]);

    // Default: on an agenda; an unknown status is a 400 page in Norwegian.
    expect((await list()).text).toContain('<h2>Satt opp til behandling i møte (');
    const unknown = await list({ status: 'hemmelig' });
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Ukjent søknadsstatus.');
  });

  it('the month after a half-year, the overview says its report is due and links it', async () => {
    const overview = async () => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat')).text;
    expect(await overview()).not.toContain('er omme');
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2027-01-12T09:00:00.000Z');
      expect(await overview()).toContain('<p class="notice"><strong>Halvåret 01.07.2026–31.12.2026 er omme.</strong> <a href="/sekretariat/sor-rogaland/halvarsrapport?fra=2026-07-01&amp;til=2026-12-31">Lag halvårsrapporten om bruk og effekt</a> til SSU.</p>');
      // A community with no half-year recipient configured (Lofoten/Vesterålen/Salten): the report, to no one named.
      expect(await overview()).toContain('<a href="/sekretariat/lofoten-vesteralen-salten/halvarsrapport?fra=2026-07-01&amp;til=2026-12-31">Lag halvårsrapporten om bruk og effekt</a>.</p>');
      app.clock.set('2027-02-01T09:00:00.000Z');
      expect(await overview()).not.toContain('er omme');
    } finally {
      app.clock.set(saved);
    }
  });

  it('the month before the regional follow-up meeting (November), the overview links the year so far', async () => {
    const overview = async () => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat')).text;
    const notice = 'Oppfølgingsmøtet med det regionale helseforetaket nærmer seg.';
    expect(await overview()).not.toContain(notice);
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2027-10-12T09:00:00.000Z');
      expect(await overview()).toContain(`<p class="notice"><strong>${notice}</strong> <a href="/sekretariat/sor-rogaland/halvarsrapport?fra=2027-01-01&amp;til=2027-10-12">Lag rapporten for året så langt</a>, som helseforetaket rapporterer før møtet.</p>`);
      app.clock.set('2027-11-01T09:00:00.000Z');
      expect(await overview()).not.toContain(notice);
    } finally {
      app.clock.set(saved);
    }
  });

  it("the half-yearly report on use and effect: a period form, the period's grants, the same as CSV", async () => {
    const { applicationId } = await app.active('sor-rogaland', (a) => (a.title = 'Felles <team> & rehabilitering'));
    const halfYear = (query?: Record<string, string>) =>
      invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'sor-rogaland' }, ...(query ? { query } : {}), headers: HTML, claims: SECRETARIAT }), 'page-half-year-report');

    const overview = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat');
    expect(overview.text).toContain('<a href="/sekretariat/sor-rogaland/halvarsrapport">Halvårsrapport om bruk og effekt</a>');

    // Without a period: the last whole half-year (the clock is in November 2026), here without grants.
    const first = await halfYear();
    expect(first.status).toBe(200);
    expect(first.text).toContain('<input type="date" id="halvar-fra" name="fra" value="2026-01-01"');
    expect(first.text).toContain('<input type="date" id="halvar-til" name="til" value="2026-06-30"');
    expect(first.text).toContain('Ingen tilskudd ble tildelt, løp eller rapporterte i perioden.');
    expect(labelsMissing(first.text)).toEqual([]);

    const second = await halfYear({ fra: '2026-07-01', til: '2026-12-31' });
    expect(second.status).toBe(200);
    expect(second.text).toContain('<h2>01.07.2026–31.12.2026</h2>');
    expect(second.text).toContain(`<td><a href="/sekretariat/soknader/${applicationId}">Felles &lt;team&gt; &amp; rehabilitering</a></td><td>Fremme rekruttering og bruk av personell på tvers av nivåene, for eksempel kombinerte stillinger; Støtte tiltak for prioriterte pasientgrupper med sammensatte behov</td><td>Pågår</td><td class="num">850 000 kr</td>`);
    // By national guideline area, for the report to the regional health authority: every area has its row.
    expect(second.text).toContain('<caption>Fordeling på nasjonale føringer. Et tilskudd som treffer flere områder, telles under hvert av dem.</caption>');
    expect(second.text).toMatch(/<tr><td>Fremme rekruttering og bruk av personell på tvers av nivåene, for eksempel kombinerte stillinger<\/td><td class="num">[1-9]\d*<\/td><td class="num">[1-9]\d*<\/td><td class="num">[^<]*kr<\/td><\/tr>/);
    expect(second.text).toMatch(/<tr><td>Redusere ventetidene på sykehus<\/td><td class="num">\d+<\/td>/);
    expect(second.text).toContain('<dt>Rapporteres til</dt><dd>SSU</dd>');
    // A community with no half-year recipient configured names none.
    const nord = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/halvarsrapport', pathParameters: { schemeId: 'lofoten-vesteralen-salten' }, query: { fra: '2026-07-01', til: '2026-12-31' }, headers: HTML, claims: SECRETARIAT }), 'page-half-year-report');
    expect(nord.status).toBe(200);
    expect(nord.text).not.toContain('Rapporteres til');
    expect(second.text).toContain('<a href="/sekretariat/sor-rogaland/halvarsrapport?fra=2026-07-01&amp;til=2026-12-31&amp;format=csv" download>');

    const csv = await halfYear({ fra: '2026-07-01', til: '2026-12-31', format: 'csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="halvarsrapport-sor-rogaland-2026-07-01-2026-12-31.csv"');
    expect(csv.text.startsWith('\uFEFFSøknad;Tittel;')).toBe(true);
    expect(csv.text).toContain(`${applicationId};Felles <team> & rehabilitering;Pågår;850000;`);

    // Bad dates: the form again, with the errors at the fields and in the summary (Norwegian), nothing looked up.
    const bad = await halfYear({ fra: '2026-13-01', til: '2026-12-31' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<a href="#halvar-fra">');
    expect(bad.text).toContain('Skriv en gyldig dato (DD.MM.ÅÅÅÅ).');
    expect(bad.text).not.toContain('Tildelt i alt');
    const backwards = await halfYear({ fra: '2026-12-31', til: '2026-07-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('Til-dato kan ikke være før fra-dato.');
  });

  it('the agenda points out an application with no own contribution (the grant is normally partial financing)', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => {
      a.title = 'Fullfinansiert tiltak';
      for (const line of a.budget) Object.assign(line, { personnel: 0, money: 0, purchases: 0, equipment: 0 });
    });
    const res = await invoke(
      apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: HTML, claims: SECRETARIAT }),
      'page-agenda',
    );
    const section = (id: string) => res.text.slice(res.text.indexOf(`id="sak-${id}"`)).split('</section>')[0]!;
    expect(section(applicationId)).toContain('Søknaden oppgir ingen egeninnsats; tilskuddet skal som hovedregel være en delfinansiering.');
    const other = (await app.store.listAgenda('sor-rogaland', '2026-12-10')).find((a) => a.id !== applicationId)!;
    expect(section(other.id)).not.toContain('ingen egeninnsats');
  });

  it('the agenda lists the reallocation requests waiting for the committee, linked to where each is decided; once decided it is gone', async () => {
    const { applicationId, ownerLinkId } = await app.active('sor-rogaland', (a) => (a.title = 'Tiltak som vil omdisponere'));
    const req = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte 40 000 kr fra utstyr til opplæring <b>nå</b>.', amount: 40_000 } });
    expect(req.status).toBe(201);
    const agenda = () =>
      invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: HTML, claims: SECRETARIAT }), 'page-agenda');
    const before = (await agenda()).text;
    expect(before).toContain('<h2 id="omdisponering">Omdisponering som venter på forhåndsgodkjenning</h2>');
    expect(before).toContain(`<a href="/sekretariat/soknader/${applicationId}#omdisponering-${req.body.id}">Tiltak som vil omdisponere</a>`);
    expect(before).toContain('Flytte 40 000 kr fra utstyr til opplæring &lt;b&gt;nå&lt;/b&gt;.');
    // When it was asked for: Oslo time as the pages write it, not the stored UTC instant.
    const requestedAt = new Date(app.clock.now());
    const oslo = requestedAt.toLocaleString('en-GB', { timeZone: 'Europe/Oslo', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
    const [, dd, mm, yyyy, hh, mi] = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d):(\d\d)$/.exec(oslo)!;
    expect(before).toContain(`kr</td><td>${dd}.${mm}.${yyyy} kl. ${hh}.${mi}</td></tr>`);
    expect(before).not.toContain(requestedAt.toISOString());
    const casePage = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(casePage.text).toContain(`<li id="omdisponering-${req.body.id}">`);
    const decided = await app.call('decide-reallocation', { pathParameters: { applicationId, reallocationId: req.body.id }, json: { approved: true }, as: SECRETARIAT });
    expect(decided.status).toBe(200);
    expect((await agenda()).text).not.toContain(`#omdisponering-${req.body.id}`);
  });

  it('the agenda gives the committee the whole project description the partners signed, escaped', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => {
      a.challenge = 'Pasienter <b>venter</b> på plass i kommunen & blir liggende.';
      a.need = 'Et felles utskrivningsteam i seks måneder.';
      a.expectedEffect = { citizen: 'Kortere opphold.', hospital: 'Færre liggedøgn.', municipality: 'Planlagte mottak.' };
      a.patientResponsibility = 'Sykehuset til utskrivning, deretter kommunen.';
    });
    const scheme = app.scheme('sor-rogaland');
    const version = await app.store.getVersion(applicationId, 1);
    const res = await invoke(
      apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: HTML, claims: SECRETARIAT }),
      'page-agenda',
    );
    expect(res.status).toBe(200);
    const item = res.text.slice(res.text.indexOf(`id="sak-${applicationId}"`));
    expect(item).toContain('<summary>Søknadens beskrivelse: utfordring, behov, forventet effekt og føringer</summary>');
    expect(item).toContain('Pasienter &lt;b&gt;venter&lt;/b&gt; på plass i kommunen &amp; blir liggende.');
    for (const text of ['Et felles utskrivningsteam i seks måneder.', 'Kortere opphold.', 'Færre liggedøgn.', 'Planlagte mottak.', 'Sykehuset til utskrivning, deretter kommunen.']) expect(item).toContain(text);
    const data = version!.data;
    for (const id of data.guidelineAreas) expect(item).toContain(scheme.guidelineAreas.find((g) => g.id === id)!.label);
    expect(item).toContain(`<dt>Prosjektansvarlig</dt><dd>${data.partners[data.owner.partnerIndex]!.organisationName}, ${data.owner.unit}</dd>`);
    expect(labelsMissing(res.text)).toEqual([]);
  });

  it('a decision form post needs the CSRF cookie and field to match (API Gateway v2 passes cookies in `cookies`)', async () => {
    const { applicationId } = await app.scheduled();
    const agenda = await invoke(
      apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }),
      'page-agenda',
    );
    expect(agenda.status).toBe(200);
    const cookie = agenda.headers['set-cookie'] ?? '';
    expect(cookie).toMatch(/^__Host-csrf=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
    const token = /__Host-csrf=([^;]+)/.exec(cookie)![1]!;
    expect(agenda.text).toContain(`name="_csrf" value="${token}"`);
    expect(labelsMissing(agenda.text)).toEqual([]);

    const decide = (fields: Record<string, string>, cookies?: string[]) => {
      const event = apiEvent({
        method: 'POST',
        path: '/sekretariat/soknader/{applicationId}/vedtak',
        pathParameters: { applicationId },
        form: { outcome: 'reject', reason: 'Utenfor ordningen.', ...fields },
        headers: { ...HTML, 'X-Forwarded-Proto': 'https' },
        claims: staffClaims(['secretariat'], 'sekretær-1'),
      });
      return invoke(cookies ? { ...event, cookies } : event, 'page-record-decision');
    };
    for (const [fields, cookies] of [[{}, [`__Host-csrf=${token}`]], [{ _csrf: token }, undefined], [{ _csrf: token }, [`__Host-csrf=${'x'.repeat(43)}`]]] as const) {
      const refused = await decide(fields, cookies ? [...cookies] : undefined);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Skjemaet kunne ikke bekreftes.');
    }
    expect((await app.store.getApplication(applicationId))?.status).toBe('scheduled');

    const done = await app.duringMeeting(applicationId, () => decide({ _csrf: token }, ['other=1', `__Host-csrf=${token}`]));
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/sekretariat/sor-rogaland/moter/2026-12-10?registrert=reject#sak-${applicationId}`);
    expect((await app.store.getApplication(applicationId))?.status).toBe('rejected');
  });
});

describe('staff pages: the whole case', () => {
  const caseOf = (applicationId: string) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');

  it('shows status, signatures, decision, payout, reports, the description and who did what; 404 for an unknown case', async () => {
    const { applicationId } = await app.active('sor-rogaland', (a) => {
      a.title = 'Felles team <for> eldre';
      a.challenge = 'Utfordringen & behovet';
    });
    const reportLink = await app.reportLink(applicationId, 'status');
    const report = await app.call('submit-report', { pathParameters: { linkId: reportLink }, json: { spentAmount: 120_000, progress: 'I rute.', effect: 'Færre reinnleggelser.' } });
    expect(report.status).toBe(201);

    const res = await caseOf(applicationId);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toContain("form-action 'self'");
    const status = (await app.store.getApplication(applicationId))!.status;
    const text = res.text;
    expect(text).toContain('<h1>Felles team &lt;for&gt; eldre</h1>');
    expect(text).toContain(`<dt>Saksnummer</dt><dd>${applicationId}</dd>`);
    expect(text).toContain(`<dt>Status</dt><dd>${STATUS_LABELS_NB[status]}</dd>`);
    expect(text).toContain('<h2 id="signaturer">Signaturer for versjon 1</h2>');
    expect(text).not.toContain('Ikke svart');
    expect(text).toMatch(/<h2 id="vedtak">Vedtak<\/h2><ul><li>[^<]+: Innvilget, 850\s000\skr/);
    expect(text).toContain('Betalt');
    expect(text).toContain('<h3>Statusrapport, mottatt');
    expect(text).toContain('<dd class="long-text">Færre reinnleggelser.</dd>');
    expect(text).toContain('Utfordringen &amp; behovet');
    expect(text).toContain('<td>Sekretariatet (sekretær-1)</td>');
    expect(text).toContain('<td>Prosjektansvarlig</td>');
    expect(text).toContain(`href="/sekretariat/sor-rogaland/soknader?status=${status}"`);
    expect(labelsMissing(text)).toEqual([]);

    const missing = await caseOf('app_finnes_ikke');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('text/html');
  });

  it("the case's forms: a reallocation decision and a repayment claim, each back to the case, or its errors there", async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte midler til opplæring.', amount: 40_000 } });
    const reallocationId = requested.body.id as string;
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/omdisponering/${reallocationId}" novalidate`);
    expect(page.text).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/tilbakebetaling" novalidate`);
    // Whether the grant ends or runs on: nothing chosen beforehand (a default would end the final report unasked).
    expect(page.text).toMatch(/name="endGrant" value="true"(?! checked)[^>]*><div><label[^>]*>Tilskuddet avsluttes<\/label>/);
    expect(page.text).toMatch(/name="endGrant" value="false"(?! checked)[^>]*><div><label[^>]*>Tilskuddet løper videre<\/label>/);
    expect(labelsMissing(page.text)).toEqual([]);
    const post = (path: string, routeId: string, pathParameters: Record<string, string>, form: Record<string, string>) =>
      invoke(formPost(token, { path, pathParameters, form, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), routeId);
    const decide = (form: Record<string, string>) => post('/sekretariat/soknader/{applicationId}/omdisponering/{reallocationId}', 'page-decide-reallocation', { applicationId, reallocationId }, form);
    const claim = (form: Record<string, string>) => post('/sekretariat/soknader/{applicationId}/tilbakebetaling', 'page-claim-repayment', { applicationId }, form);

    // No choice: the case again, the error at the form's field, nothing decided.
    const none = await decide({ reason: 'Uklart' });
    expect(none.status).toBe(400);
    expect(none.text).toContain(`href="#omdisp-${reallocationId}-approved"`);
    expect(none.text).toContain('Uklart');
    expect((await app.store.listReallocations(applicationId))[0]!.state).toBe('requested');
    const approved = await decide({ approved: 'true', reason: 'Innenfor formålet.' });
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=omdisponering`);
    expect((await app.store.listReallocations(applicationId))[0]).toMatchObject({ state: 'approved', reason: 'Innenfor formålet.' });
    // Decided once: a second post is the conflict, shown on the case.
    const again = await decide({ approved: 'false' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Søknaden om omdisponering er allerede behandlet.');

    const tooMuch = await claim({ amount: '9 000 000', reason: 'Ikke brukt som beskrevet.' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.text).toContain('Kravet kan ikke være større enn tilskuddet');
    expect(tooMuch.text).toContain('href="#tilbakebetaling-amount"');
    const noReason = await claim({ amount: '100 000' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#tilbakebetaling-reason"');
    // Part of the grant, and no word on whether it ends: asked at the field, nothing claimed.
    const unchosen = await claim({ amount: '100 000', reason: 'Ikke brukt som beskrevet.' });
    expect(unchosen.status).toBe(400);
    expect(unchosen.text).toContain('href="#tilbakebetaling-endGrant"');
    expect(unchosen.text).toContain('Velg om tilskuddet avsluttes eller løper videre når bare en del kreves tilbake.');
    expect(await app.store.listPayoutsForApplication(applicationId)).not.toContainEqual(expect.objectContaining({ amount: -100_000 }));
    const claimed = await claim({ amount: '100 000', reason: 'Ikke brukt som beskrevet.', endGrant: 'true' });
    expect(claimed.status).toBe(303);
    expect(claimed.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=tilbakebetaling`);
    const payouts = await app.store.listPayoutsForApplication(applicationId);
    expect(payouts.find((p) => p.amount < 0)).toMatchObject({ amount: -100_000, state: 'repayment_claimed' });
    const after = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query: { registrert: 'tilbakebetaling' }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(after.text).toContain('Kravet om tilbakebetaling er registrert. Økonomi og prosjektansvarlig får beskjed.');
    expect(after.text).not.toContain('action="/sekretariat/soknader/' + applicationId + '/tilbakebetaling"');
  });

  it('a grant not yet paid is taken back from the case: the form only while nothing is paid, a reason required, then the payout cancelled and the pot given back', async () => {
    const { applicationId, ownerLinkId, payout } = await app.payoutPending();
    const application = (await app.store.getApplication(applicationId))!;
    const potBefore = (await app.store.getPot('sor-rogaland', application.allocation!.potYear))!.remaining;
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/tilbaketrekking" novalidate aria-label="Trekk tilbake tilskuddet">`);
    expect(page.text.replace(/\u00a0/g, ' ')).toContain(`annulleres utbetalingen, 850 000 kr legges tilbake i potten for ${application.allocation!.potYear}, og rapportene skal ikke leveres`);
    // Nothing is paid, so there is nothing to claim back.
    expect(page.text).not.toContain(`/sekretariat/soknader/${applicationId}/tilbakebetaling"`);
    expect(labelsMissing(page.text)).toEqual([]);
    const revoke = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/tilbaketrekking', pathParameters: { applicationId }, form, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), 'page-revoke-grant');

    const noReason = await revoke({});
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('href="#tilbaketrekking-reason"');
    expect((await app.store.getPayout(payout.id))!.state).toBe(payout.state);
    expect((await app.store.getApplication(applicationId))!.status).toBe('payout_pending');

    // A meeting named that has not been held: the error at that field, nothing written.
    const notHeld = await revoke({ reason: 'Prosjektet blir ikke gjennomført.', meetingId: '2027-03-18' });
    expect(notHeld.status).toBe(400);
    expect(notHeld.text).toContain('Møtet 18.03.2027 har ikke startet ennå.');
    expect((await app.store.getPayout(payout.id))!.state).toBe(payout.state);

    // The select left empty: the meeting in session, if any (none today).
    const revoked = await revoke({ reason: 'Prosjektet blir ikke gjennomført.', meetingId: '' });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=tilbaketrukket`);
    expect((await app.store.getPayout(payout.id))).toMatchObject({ state: 'cancelled', cancelledAt: expect.any(String) });
    expect((await app.store.getPot('sor-rogaland', application.allocation!.potYear))!.remaining).toBe(potBefore + application.allocation!.amount);
    const after = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query: { registrert: 'tilbaketrukket' }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(after.text).toContain('Tilskuddet er trukket tilbake. Utbetalingen er annullert og beløpet er lagt tilbake i potten.');
    expect(after.text).toContain('<dt>Status</dt><dd>Tilskuddet er trukket tilbake</dd>');
    // Once, with the decision; the grant's facts link there.
    expect(after.text).toMatch(/<dt>Trukket tilbake<\/dt><dd>[^<]+ \(<a href="#vedtak">vedtaket med begrunnelsen<\/a>\)<\/dd>/);
    expect(after.text).toContain('<h2 id="vedtak">Vedtak</h2>');
    expect(after.text.split('Prosjektet blir ikke gjennomført.')).toHaveLength(2);
    // With the day, as finance's page has it.
    expect(after.text).toMatch(/<td>Annullert \(tilskuddet er trukket tilbake\)<span class="hint">\d\d\.\d\d\.\d{4}<\/span><\/td>/);
    // The committee's decision on the case (recorded on a day without a meeting: in no minutes).
    expect(after.text.replace(/\u00a0/g, ' ')).toMatch(/<li>[^<]+: Tilskuddet trukket tilbake, 850 000 kr<br><span class="long-text">Prosjektet blir ikke gjennomført\.<\/span><\/li>/);
    expect(after.text).not.toContain('/tilbaketrekking"');
    // The owner's page says so, and no longer lists report due dates.
    const owner = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-owner-status')).text;
    expect(owner).toContain('Status: <span class="status">Tilskuddet er trukket tilbake</span>');
    expect(owner).not.toContain('Vilkår for tilskuddet');
    expect(owner).toMatch(/<dt>Trukket tilbake<\/dt><dd>[\d.]+: tilskuddet blir ikke utbetalt, og du skal ikke levere flere rapporter\.<br><span class="long-text">Prosjektet blir ikke gjennomført\.<\/span><\/dd>/);
    expect(owner).not.toContain('<dt>Statusrapport</dt>');
  });

  it('a partial repayment claim from the case lets the grant run on, and the case offers no second claim', async () => {
    const { applicationId } = await app.active();
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    const form = { _csrf: token, amount: '25 000', reason: 'Utstyr som ikke ble kjøpt.', endGrant: 'false' };
    const res = await invoke({ ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/tilbakebetaling', pathParameters: { applicationId }, form, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), cookies: [`__Host-csrf=${token}`] }, 'page-claim-repayment');
    expect(res.status).toBe(303);
    const after = (await app.store.getApplication(applicationId))!;
    expect(after).toMatchObject({ status: 'active', repaymentClaimed: 25_000 });
    expect(after.history.at(-1)).toMatchObject({ action: 'repayment-claimed', details: { amount: 25_000, grantContinues: true } });
    const again = await caseOf(applicationId);
    expect(again.text).not.toContain(`action="/sekretariat/soknader/${applicationId}/tilbakebetaling"`);
    expect(again.text).toContain('<td>Krav om tilbakebetaling</td>');
  });

  it('a closed grant can still be claimed back from its case: the form does not ask whether the grant runs on', async () => {
    const { applicationId } = await app.closed(800_000);
    const page = await caseOf(applicationId);
    expect(page.text).toContain(`action="/sekretariat/soknader/${applicationId}/tilbakebetaling"`);
    expect(page.text).toContain('også etter at tilskuddet er avsluttet');
    expect(page.text).not.toContain('name="endGrant"');
    const token = csrfTokenOf(page);
    const form = { _csrf: token, amount: '50 000', reason: 'Sluttrapporten viser 50 000 kr ubrukt.' };
    const res = await invoke({ ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/tilbakebetaling', pathParameters: { applicationId }, form, headers: { ...HTML, 'X-Forwarded-Proto': 'https' }, claims: SECRETARIAT }), cookies: [`__Host-csrf=${token}`] }, 'page-claim-repayment');
    expect(res.status).toBe(303);
    expect(await app.store.getApplication(applicationId)).toMatchObject({ status: 'repayment_claimed', repaymentClaimed: 50_000 });
    expect((await app.store.listPayoutsForApplication(applicationId)).find((p) => p.amount < 0)).toMatchObject({ amount: -50_000, state: 'repayment_claimed' });
  });

  it('the agenda links each case to its whole case', async () => {
    const { applicationId } = await app.scheduled();
    const agenda = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, headers: HTML, claims: SECRETARIAT }), 'page-agenda');
    expect(agenda.text).toContain(`<a href="/sekretariat/soknader/${applicationId}">Hele saken</a>`);
    const res = await caseOf(applicationId);
    expect(res.text).toContain(`<a href="/sekretariat/sor-rogaland/moter/2026-12-10#sak-${applicationId}">Sakslisten 10.12.2026</a>`);
  });
});

describe('staff pages: moving a case to another meeting', () => {
  it('the agenda offers the meetings not yet held; the post moves the case there, or shows the problem at the form', async () => {
    const { applicationId } = await app.scheduled();
    const headers = { ...HTML, 'X-Forwarded-Proto': 'https' };
    const agendaOf = (meetingId: string) =>
      invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: 'sor-rogaland', meetingId }, headers, claims: SECRETARIAT }), 'page-agenda');
    const agenda = await agendaOf('2026-12-10');
    const token = csrfTokenOf(agenda);
    const item = agenda.text.slice(agenda.text.indexOf(`id="sak-${applicationId}"`));
    expect(item).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/mote" novalidate`);
    expect(item).toContain('<option value="2027-01-28">FSU-møte januar 2027 (28.01.2027)</option>');
    expect(item).not.toContain('<option value="2026-12-10">');

    const move = (meetingId: string) =>
      invoke(
        {
          ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/mote', pathParameters: { applicationId }, form: { _csrf: token, meetingId }, headers, claims: SECRETARIAT }),
          cookies: [`__Host-csrf=${token}`],
        },
        'page-schedule-application',
      );
    const none = await move('');
    expect(none.status).toBe(400);
    expect(none.text).toContain('Velg hvilket møte søknaden skal behandles i.');
    expect(none.text).toContain(`href="#flytt-${applicationId}-meetingId"`);
    // A date that is not a meeting (only by tampering with the form): the agenda, the error at the field.
    const unknown = await move('2027-01-29');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Fant ikke møtet i møteplanen.');
    expect(unknown.text).toContain(`href="#flytt-${applicationId}-meetingId"`);
    expect(unknown.text).toContain(`id="sak-${applicationId}"`);
    expect((await app.store.getApplication(applicationId))?.meetingId).toBe('2026-12-10');

    const moved = await move('2027-01-28');
    expect(moved.status).toBe(303);
    expect(moved.headers.location).toBe(`/sekretariat/sor-rogaland/moter/2026-12-10?registrert=move#sak-${applicationId}`);
    expect(await app.store.getApplication(applicationId)).toMatchObject({ status: 'scheduled', meetingId: '2027-01-28' });
    expect((await agendaOf('2026-12-10')).text).not.toContain(`id="sak-${applicationId}"`);
    expect((await agendaOf('2027-01-28')).text).toContain(`id="sak-${applicationId}"`);

    // The owner hears of the new meeting from the next reminder sweep (the page's function sends no mail), once.
    const owner = (await app.store.getApplication(applicationId))!.ownerEmail;
    const notices = () => app.mailer.sent.filter((m) => m.to.includes(owner) && m.subject.includes('28.01.2027'));
    expect(notices()).toHaveLength(0);
    await sendDueReminders(app.deps);
    expect(notices()).toHaveLength(1);
    expect(notices()[0]!.subject).toBe(`[FSU] Søknaden er flyttet til FSU-møtet 28.01.2027: «${(await app.store.getApplication(applicationId))!.title}»`);
    expect(notices()[0]!.text).toContain('Søknaden er flyttet fra FSUs møte 10.12.2026 til møtet 28.01.2027 og behandles der.');
    await move('2027-01-28');
    await sendDueReminders(app.deps);
    expect(notices()).toHaveLength(1);
  });
});

describe('staff pages: two-level review', () => {
  const NORD = 'lofoten-vesteralen-salten';
  const headers = { ...HTML, 'X-Forwarded-Proto': 'https' };
  const agendaOf = (meetingId: string) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: NORD, meetingId }, headers, claims: SECRETARIAT }), 'page-agenda');

  it('shows the ranking form first, the decision forms only once the recommendation is in', async () => {
    const { applicationId } = await app.scheduled(NORD);
    const meetingId = (await app.store.getApplication(applicationId))!.meetingId!;
    const by = app.scheme(NORD).preparation!.body.shortName;
    const before = await agendaOf(meetingId);
    expect(before.status).toBe(200);
    expect(labelsMissing(before.text)).toEqual([]);
    // Helse Nord's development areas are recommended, not required (seeds/001: "positive til andre initiativ").
    expect(before.text).toContain('Kriteriene er anbefalte satsingsområder; søknaden trenger ikke oppfylle noen av dem.');
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: NORD }, headers: HTML }), 'page-application-form');
    expect(form.text).toContain('Kryss av for dem prosjektet gjelder. Andre tiltak kan også få tilskudd.');
    const section = (page: string) => page.slice(page.indexOf(`id="sak-${applicationId}"`)).split('</section>')[0]!;
    expect(section(before.text)).toContain(`Innstilling fra ${by}`);
    expect(section(before.text)).toContain('name="rank"');
    expect(section(before.text)).not.toContain('Innvilg');
    const token = csrfTokenOf(before);

    const post = (form: Record<string, string>) =>
      invoke(
        {
          ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/innstilling', pathParameters: { applicationId }, form: { _csrf: token, ...form }, headers, claims: staffClaims(['secretariat'], 'sekretær-1') }),
          cookies: [`__Host-csrf=${token}`],
        },
        'page-record-recommendation',
      );
    const missingRank = await post({ recommended: 'true' });
    expect(missingRank.status).toBe(400);
    expect(missingRank.text).toContain('Oppgi prioritet');
    expect((await app.store.getApplication(applicationId))!.status).toBe('scheduled');

    const done = await post({ recommended: 'true', rank: '3', comment: 'God forankring i kommunene' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe(`/sekretariat/${NORD}/moter/${meetingId}?registrert=recommend#sak-${applicationId}`);
    // The regional committee decides in its meeting: until it starts, the agenda says so instead of offering the decision.
    const recommended = await agendaOf(meetingId);
    expect(section(recommended.text)).toContain('Innstilt, prioritet 3');
    expect(section(recommended.text)).toMatch(/Vedtaket registreres når møtet er i gang, \d{2}\.\d{2}\.\d{4} kl\. \d{2}\.\d{2}\./);
    expect(section(recommended.text)).not.toContain('Innvilg');
    expect(section(recommended.text)).toContain('/mer-informasjon');
    const after = await app.duringMeeting(applicationId, () => agendaOf(meetingId));
    expect(section(after.text)).toContain('Innstilt, prioritet 3');
    expect(section(after.text)).toContain('Innvilg');
    expect(section(after.text)).not.toContain('Vedtaket registreres når møtet er i gang');
    expect(labelsMissing(after.text)).toEqual([]);
  });
});
