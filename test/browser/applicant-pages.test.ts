// The applicant's and the partners' pages in real Chromium against the whole local system:
// the form (valid and with errors), the receipt and status link, co-signing from the e-mail, and the
// status report with a request for more time.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { fetchMailStore } from '../../local/ses-local';
import { activeGrant, application, linkIds, startHarness, status, submit, type Harness } from '../support/local-system';
import { describeBrowser, docsScreenshot, expectAccessibleBasics, fillApplication, launchBrowser, newContext, screenshot } from './browser';

describeBrowser('applicant and partner pages (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser, h.system.url);
    page = await context.newPage();
  });

  it('submits a valid application through the form: receipt page, working status link, one application per key', async () => {
    const data = application({ title: 'Felles utskrivningsteam (skjema)' });
    await page.goto('/');
    await expectAccessibleBasics(page);
    await page.getByRole('link', { name: 'Søk om tilskudd i Helsefellesskapet i Sør-Rogaland' }).click();
    await page.waitForURL('**/soknad/ny/sor-rogaland');
    await expectAccessibleBasics(page);
    expect(await page.locator('fieldset[id^="partner-"]').count()).toBe(4);
    expect(await page.locator('select[name$=".partnerIndex"][name^="budget."]').count()).toBe(4);

    await fillApplication(page, data);
    await docsScreenshot(page, 'form');

    // A double post with the form's hidden key (double click, resend) lands on the same receipt.
    // (A string: the project compiles without lib.dom, and this runs in the page.)
    const repeats = await page.evaluate<[string, string, number, number]>(`(async () => {
      const form = document.querySelector('#soknadsskjema');
      const post = () => fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) });
      const [a, b] = await Promise.all([post(), post()]);
      return [a.url, b.url, a.status, b.status];
    })()`);
    expect(repeats[2]).toBe(200);
    expect(repeats[0]).toMatch(/\/soknad\/[A-Za-z0-9_-]{22,64}\/kvittering$/);
    expect(repeats[1]).toBe(repeats[0]);

    await page.getByRole('button', { name: 'Send inn søknaden' }).click();
    await page.waitForURL(/\/soknad\/[A-Za-z0-9_-]{22,64}\/kvittering$/);
    expect(page.url()).toBe(repeats[0]);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Søknaden er sendt inn');
    expect(await page.locator('main').textContent()).toContain('Venter på signering fra partene');
    await expectAccessibleBasics(page);
    await screenshot(page, 'receipt');

    const statusLink = page.locator('#statuslenke');
    const linkId = page.url().split('/').at(-2)!;
    expect(await statusLink.textContent()).toBe(`${h.system.url}/soknad/${linkId}`);
    await statusLink.click();
    await page.waitForURL(`**/soknad/${linkId}`);
    expect(await page.locator('h1').textContent()).toBe(data.title);
    expect(await page.locator('.status').first().textContent()).toBe('Venter på signering fra partene');
    await expectAccessibleBasics(page);
    await screenshot(page, 'owner-status');

    // One application, and every partner got a signing link.
    await h.system.settle();
    for (const partner of data.partners) {
      const mails = await h.mailsTo(partner.email);
      expect(mails.some((m) => linkIds(m, 'signering').length === 1), partner.email).toBe(true);
    }
    const submitted = (await h.mails()).filter((m) => m.destination.to.includes(data.owner.email) && linkIds(m, 'soknad').includes(linkId));
    expect(submitted).toHaveLength(1);
  }, 45_000);

  it('shows errors next to the fields and a summary that links to them, keeping what was typed', async () => {
    const data = application({ title: 'Søknad med feil' });
    await page.goto('/soknad/ny/sor-rogaland');
    await fillApplication(page, data);
    await page.fill('[name="partners.1.organisationNumber"]', '964979406'); // wrong check digit
    await page.fill('[name="budget.0.requestedGrant"]', '450000'); // budget no longer adds up to 850 000
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Send inn søknaden' }).click()]);
    expect(response.status()).toBe(400);
    await page.waitForLoadState();

    const summary = page.locator('#feiloppsummering');
    expect(await summary.getAttribute('role')).toBe('alert');
    expect(await summary.getAttribute('tabindex')).toBe('-1');
    await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe('feiloppsummering');
    expect(await page.title()).toMatch(/^Feil: /);

    const links = await summary.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })));
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const link of links) {
      expect(link.href).toMatch(/^#felt-/);
      expect(await page.locator(link.href).count(), link.href).toBe(1);
    }
    const orgLink = links.find((l) => l.href === '#felt-partners-1-organisationNumber');
    expect(orgLink?.text).toBe('Part 2, organisasjonsnummer: Organisasjonsnummeret har feil kontrollsiffer. Sjekk det mot Enhetsregisteret (brreg.no).');
    const budgetLink = links.find((l) => l.href === '#felt-budget');
    expect(budgetLink?.text).toContain('Summen av omsøkt tilskudd i budsjettet (900 000 kr) må være lik omsøkt beløp (850 000 kr)');

    // The field itself: marked invalid, its message next to it and tied to it.
    const field = page.locator('#felt-partners-1-organisationNumber');
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await field.getAttribute('aria-describedby')).toContain('felt-partners-1-organisationNumber-error');
    expect(await page.locator('#felt-partners-1-organisationNumber-error').textContent()).toContain('Organisasjonsnummeret har feil kontrollsiffer. Sjekk det mot Enhetsregisteret (brreg.no).');
    expect(await page.locator('#felt-budget').getAttribute('aria-describedby')).toBe('felt-budget-error');

    // Following a summary link brings the field into view.
    await summary.getByRole('link', { name: /organisasjonsnummer/ }).click();
    expect(page.url()).toMatch(/#felt-partners-1-organisationNumber$/);

    // What was typed is still there: the wrong number, the changed amount, texts, choices.
    expect(await field.inputValue()).toBe('964979406');
    expect(await page.inputValue('[name="budget.0.requestedGrant"]')).toBe('450000');
    expect(await page.inputValue('[name="title"]')).toBe(data.title);
    expect(await page.inputValue('[name="partners.2.kind"]')).toBe('hospital_trust');
    expect(await page.inputValue('[name="owner.partnerIndex"]')).toBe('0');
    for (const id of data.criteriaMet) expect(await page.isChecked(`input[name="criteriaMet"][value="${id}"]`)).toBe(true);
    expect(await page.isChecked('input[name="anchoring.kind"][value="group"]')).toBe(true);
    expect(await page.inputValue('[name="periodEnd"]')).toBe(data.periodEnd);
    await expectAccessibleBasics(page);
    await screenshot(page, 'form-errors');

    // Corrected, the same form goes through.
    await page.fill('[name="partners.1.organisationNumber"]', data.partners[1]!.organisationNumber);
    await page.fill('[name="budget.0.requestedGrant"]', String(data.budget[0]!.requestedGrant));
    await page.getByRole('button', { name: 'Send inn søknaden' }).click();
    await page.waitForURL(/\/kvittering$/);
  }, 45_000);

  it('saves a draft (the owner\'s e-mail first), e-mails its link, and submits from that link with everything as typed', async () => {
    const data = application({ title: 'Utkast i nettleseren' });
    await page.goto('/soknad/ny/sor-rogaland');
    await page.getByLabel('Prosjektets navn', { exact: true }).fill(data.title);
    await page.getByLabel('Hvilken samhandlingsutfordring skal prosjektet løse?', { exact: true }).fill(data.challenge);
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await expect.poll(() => page.locator('#feiloppsummering').textContent()).toContain('Prosjektansvarlig, e-post: Skriv e-postadressen din: dit sender vi lenken til utkastet.');
    expect(await page.inputValue('[name="title"]')).toBe(data.title);
    await expectAccessibleBasics(page);

    await page.fill('[name="owner.email"]', data.owner.email);
    await page.getByRole('button', { name: 'Lagre utkast' }).click();
    await page.waitForURL(/\/soknad\/utkast\/[A-Za-z0-9_-]{22,64}\?melding=lagret$/);
    expect(await page.locator('.notice.success').textContent()).toContain(`Lenken til utkastet er sendt til ${data.owner.email}.`);
    expect(await page.inputValue('[name="challenge"]')).toBe(data.challenge);
    await expectAccessibleBasics(page);

    const mail = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'soknad/utkast').length > 0);
    const [draftId] = linkIds(mail!, 'soknad/utkast');
    expect(page.url()).toContain(`/soknad/utkast/${draftId}?`);

    // Later, in another browser: the link opens the form as it was left; the rest is filled in and sent.
    const later = await newContext(browser, h.system.url);
    try {
      const again = await later.newPage();
      await again.goto(`/soknad/utkast/${draftId}`);
      expect(await again.inputValue('[name="title"]')).toBe(data.title);
      expect(await again.inputValue('[name="owner.email"]')).toBe(data.owner.email);
      await fillApplication(again, data);
      await again.getByRole('button', { name: 'Send inn søknaden' }).click();
      await again.waitForURL(/\/soknad\/[A-Za-z0-9_-]{22,64}\/kvittering$/);
      const gone = await again.goto(`/soknad/utkast/${draftId}`);
      expect(gone?.status()).toBe(404);
      await expectAccessibleBasics(again);
    } finally {
      await later.close();
    }
  }, 45_000);

  it('co-signing from the e-mailed link: sign, see the confirmation; decline with a reason', async () => {
    const data = application({ title: 'Søknad til signering i nettleseren' });
    const { ownerLink } = await submit(h, data);
    const mails = await fetchMailStore(h.system.ses.endpoint);
    const linkFor = (email: string) => {
      const mail = mails.filter((m) => m.destination.to.includes(email) && linkIds(m, 'signering').length > 0).at(-1);
      expect(mail, email).toBeDefined();
      return linkIds(mail!, 'signering')[0]!;
    };
    const [first, second] = [linkFor(data.partners[0]!.email), linkFor(data.partners[1]!.email)];

    await page.goto(`/signering/${first}`);
    expect(await page.locator('h1').textContent()).toBe(`Signering: ${data.title}`);
    const main = (await page.locator('main').textContent()) ?? '';
    for (const text of [data.summary, data.challenge, data.need, data.expectedEffect.hospital, 'Helse Stavanger HF', '850 000 kr']) expect(main).toContain(text);
    const budgetRows = await page.locator('table:has(caption:text("Budsjett")) tbody tr').count();
    expect(budgetRows).toBe(data.budget.length);
    expect(await page.locator('table:has(caption:text("Budsjett")) tfoot').textContent()).toContain('850 000 kr');
    await expectAccessibleBasics(page);
    await screenshot(page, 'cosign');

    // Where the partner's name and address came from, and the privacy notice it links to, on the landing page.
    expect(await page.locator('#personvern-signering').textContent()).toContain(`Navnet og e-postadressen din har vi fra søkeren, ${data.partners[data.owner.partnerIndex]!.organisationName}, som oppga deg som kontaktperson.`);
    await page.locator('#personvern-signering').getByRole('link', { name: 'Les om personvern' }).click();
    await page.waitForURL('**/#personvern');
    expect(await page.locator('#personvern h2').textContent()).toBe('Personvern');
    await page.goto(`/signering/${first}`);

    // Opening the page twice changed nothing; signing does.
    await page.reload();
    await page.getByRole('button', { name: 'Signer søknaden' }).click();
    await page.waitForURL(/\?svar=signert$/);
    expect(await page.locator('.notice.success').first().textContent()).toContain('Takk! Du har signert søknaden.');
    expect(await page.locator('#svar').textContent()).toContain('Du signerte søknaden');
    expect(await page.getByRole('button', { name: 'Signer søknaden' }).count()).toBe(0);
    await expectAccessibleBasics(page);
    await screenshot(page, 'cosign-signed');

    // Declining needs a reason: without one the form says so, next to the field.
    await page.goto(`/signering/${second}`);
    await page.getByRole('button', { name: 'Avslå signering' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering a[href="#signering-reason"]').textContent()).toContain('Skriv hvorfor du ikke vil signere.');
    expect(await page.getAttribute('#signering-reason', 'aria-invalid')).toBe('true');
    await expectAccessibleBasics(page);
    await page.getByLabel('Begrunnelse hvis du avslår').fill('Kommunen har ikke budsjettdekning for egen innsats.');
    await page.getByRole('button', { name: 'Avslå signering' }).click();
    await page.waitForURL(/\?svar=avslatt$/);
    expect(await page.locator('main').textContent()).toContain('Du har avslått å signere');
    await expectAccessibleBasics(page);
    await screenshot(page, 'cosign-declined');

    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('draft');
    // The owner's page now offers the revision, prefilled with the current version.
    await page.goto(`/soknad/${ownerLink}`);
    expect(await page.locator('main').textContent()).toContain('Kommunen har ikke budsjettdekning');
    // The owner asks the secretariat about it from the same page; the message stays on the case.
    await page.getByText('Skriv til sekretariatet').click();
    const message = page.locator('form', { has: page.getByRole('button', { name: 'Send meldingen' }) });
    await message.getByRole('button', { name: 'Send meldingen' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Skriv til sekretariatet, melding');
    await message.getByLabel('Melding').fill('En partner avslo. Kan vi sende inn uten dem?');
    await message.getByRole('button', { name: 'Send meldingen' }).click();
    await page.waitForURL(/\?melding=melding$/);
    expect(await page.locator('main').textContent()).toContain('Meldingen er sendt til sekretariatet.');
    expect(await page.locator('.owner-messages li').textContent()).toContain('En partner avslo. Kan vi sende inn uten dem?');
    await expectAccessibleBasics(page);
    await page.getByRole('link', { name: 'Revider søknaden' }).click();
    expect(await page.inputValue('[name="title"]')).toBe(data.title);
    expect(await page.inputValue('[name="partners.1.organisationNumber"]')).toBe(data.partners[1]!.organisationNumber);
    await expectAccessibleBasics(page);
  }, 45_000);

  it('the status report from the decision letter\'s link: the owner asks for more time, sends the report, and fills it in when the secretariat asks', async () => {
    const data = application({ title: 'Rapport i nettleseren' });
    const { statusReportLink } = await activeGrant(h, data);
    await page.goto(`/rapport/${statusReportLink}`);
    expect(await page.locator('h1').textContent()).toBe(`Statusrapport: ${data.title}`);
    await expectAccessibleBasics(page);

    // More time: the wished date is missing at first, then the request goes to the secretariat.
    await page.getByText('Trenger prosjektet mer tid? Be om utsatt frist').click();
    const request = page.locator('form', { has: page.getByRole('button', { name: 'Send forespørselen' }) });
    await request.getByLabel('Hvorfor trenger prosjektet mer tid?').fill('Prosjektlederen begynte først i mars.');
    await request.getByRole('button', { name: 'Send forespørselen' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering a[href="#utsettelse-dueDate"]').count()).toBe(1);
    await expectAccessibleBasics(page);
    await page.getByLabel('Ønsket frist').fill('2027-08-31');
    await page.getByRole('button', { name: 'Send forespørselen' }).click();
    await page.waitForURL(/\?melding=utsettelse$/);
    expect(await page.locator('.notice').first().textContent()).toContain('Forespørselen om utsatt frist er sendt til sekretariatet.');
    expect((await page.locator('main').textContent())?.replace(/\u00a0/g, ' ')).toContain('om utsatt frist til 31.08.2027. Sekretariatet gir deg svar på e-post.');
    await expectAccessibleBasics(page);

    // The report itself, as before.
    await page.getByLabel('Hva er gjort så langt?').fill('Teamet er i gang og har fulgt 12 pasienter.');
    await page.getByLabel('Hvilken effekt ser dere så langt?').fill('Færre reinnleggelser.');
    await page.getByLabel('Brukt av tilskuddet hittil (kr)').fill('120 000');
    await page.getByRole('button', { name: 'Send inn statusrapport' }).click();
    await page.waitForURL(/\?melding=mottatt$/);
    expect(await page.locator('main').textContent()).toContain('Det dere rapporterte');
    expect(await page.getByRole('button', { name: 'Send forespørselen' }).count()).toBe(0);
    await expectAccessibleBasics(page);
    await screenshot(page, 'status-report-sent');

    // The secretariat asks for more; the mailed link opens the report as sent, with its words.
    const id = (await h.call('GET', `/api/reports/${statusReportLink}`)).body.applicationId as string;
    expect((await h.call('POST', `/api/staff/applications/${id}/report-supplement`, { report: 'status', reason: 'Beskriv effekten med tall.' }, 'secretariat')).status).toBe(200);
    await h.system.advance(20 * 60_000);
    const asked = (await h.mailsTo(data.owner.email)).find((m) => /Fyll ut statusrapporten/.test(m.subject))!;
    const [supplementLink] = linkIds(asked, 'rapport');
    await page.goto(`/rapport/${supplementLink}`);
    expect(await page.locator('.notice').first().textContent()).toContain('Beskriv effekten med tall.');
    expect(await page.getByLabel('Hvilken effekt ser dere så langt?').inputValue()).toBe('Færre reinnleggelser.');
    await expectAccessibleBasics(page);
    await page.getByLabel('Hvilken effekt ser dere så langt?').fill('Reinnleggelser innen 30 dager: fra 9 til 5 av 40 pasienter.');
    await page.getByRole('button', { name: 'Send utfylt statusrapport' }).click();
    await page.waitForURL(/\?melding=utfylt$/);
    expect(await page.locator('main').textContent()).toContain('fra 9 til 5 av 40 pasienter');
    await expectAccessibleBasics(page);
  }, 60_000);

  it('a project that starts late: the owner asks for a new period from the owner\'s page (12 months at most, said at the field); a message posted after the link was revoked keeps its text', async () => {
    const data = application({ title: 'Ny periode i nettleseren' });
    const { ownerLink } = await activeGrant(h, data);
    await page.goto(`/soknad/${ownerLink}`);
    await page.getByText('Starter prosjektet senere, eller slutter det tidligere? Be om ny prosjektperiode').click();
    const request = page.getByRole('form', { name: 'Be om ny prosjektperiode' });
    expect(await request.getByLabel('Ny startdato').inputValue()).toBe('2027-01-01');
    await request.getByLabel('Ny startdato').fill('2027-04-01');
    await request.getByLabel('Ny sluttdato').fill('2028-06-30');
    await request.getByLabel('Hvorfor trenger prosjektet ny periode?').fill('Koordinatoren begynner 1. april.');
    await request.getByRole('button', { name: 'Send ønsket' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering a[href="#periode-periodEnd"]').textContent()).toContain('Perioden kan være høyst 12 måneder');
    await expectAccessibleBasics(page);
    await request.getByLabel('Ny sluttdato').fill('2028-03-31');
    await request.getByRole('button', { name: 'Send ønsket' }).click();
    await page.waitForURL(/\?melding=periode$/);
    expect(await page.locator('.notice').first().textContent()).toContain('Ønsket om ny prosjektperiode er sendt til sekretariatet.');
    expect((await page.locator('main').textContent())?.replace(/\u00a0/g, ' ')).toContain('om ny prosjektperiode, 01.04.2027–31.03.2028. FSU avgjør');
    expect(await page.getByRole('button', { name: 'Send ønsket' }).count()).toBe(0);
    await expectAccessibleBasics(page);

    // The page stays open while the secretariat gives the case a new contact person: the message
    // posted through the old link is refused (410), and the page keeps what was typed, to copy.
    await page.getByText('Skriv til sekretariatet').click();
    const message = page.getByRole('form', { name: 'Skriv til sekretariatet' });
    await message.getByLabel('Melding').fill('Vi har fått ny økonomisjef.\nHun tar kontakt om fakturaen.');
    const id = (await h.call('GET', `/api/owner/${ownerLink}`)).body.applicationId as string;
    expect((await h.call('POST', `/api/staff/applications/${id}/owner`, { name: 'Nina Nyansatt', email: 'nina.nyansatt@kommune.example' }, 'secretariat')).status).toBe(200);
    const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), message.getByRole('button', { name: 'Send meldingen' }).click()]);
    expect(refused.status()).toBe(410);
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Skjemaet ble ikke sendt');
    expect(await page.getByLabel('Melding til sekretariatet').inputValue()).toBe('Vi har fått ny økonomisjef.\nHun tar kontakt om fakturaen.');
    expect(await page.getByLabel('Melding til sekretariatet').getAttribute('readonly')).toBe('');
    await expectAccessibleBasics(page);
  }, 45_000);

  it('a lost link: from the landing page, the case number and the address; the field\'s error first, then the same notice whatever was typed', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: 'Mistet lenken til søknaden din?' }).click();
    await page.waitForURL('**/mistet-lenke');
    await expectAccessibleBasics(page);
    await page.getByLabel('Saksnummer').fill('123');
    await page.getByLabel('E-postadressen saken er registrert med').fill('kari@example.no');
    await page.getByRole('button', { name: 'Send meg lenken' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering a[href="#lenke-caseNumber"]').textContent()).toContain('Skriv saksnummeret');
    await expectAccessibleBasics(page);
    await page.getByLabel('Saksnummer').fill('app_0000000000000000');
    await page.getByRole('button', { name: 'Send meg lenken' }).click();
    await page.waitForURL(/\?melding=sendt$/);
    expect(await page.locator('.notice').first().textContent()).toContain('Er e-postadressen registrert på en sak');
    await expectAccessibleBasics(page);
  }, 30_000);
});
