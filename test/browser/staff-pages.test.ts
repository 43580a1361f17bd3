// The secretariat's and finance's pages in real Chromium: local sign-in, the agenda, a decision
// through the page's form, CSRF refusal, finance registering the invoice and the payment, and a
// two-level scheme's ranking before the decision, and the whole case with its reallocation decision and a report's later deadline.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getScheme } from '../../config/schemes';
import { exampleApplication } from '../../schemas/application.schema';
import { activeGrant, application, decide, scheduled, startHarness, status, type Harness } from '../support/local-system';
import { describeBrowser, docsScreenshot, expectAccessibleBasics, launchBrowser, newContext, screenshot } from './browser';

async function signIn(page: Page, role: 'Sekretariat' | 'Økonomi', name: string): Promise<void> {
  await page.waitForURL(/\/lokal\/innlogging/);
  expect(await page.locator('main').textContent()).toContain('Cognitos innloggingsside');
  await expectAccessibleBasics(page);
  await page.getByLabel(role, { exact: true }).check();
  await page.getByLabel('Navn', { exact: true }).fill(name);
  await page.getByRole('button', { name: 'Logg inn' }).click();
}

describeBrowser('secretariat and finance pages (Chromium)', () => {
  let h: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [h, browser] = await Promise.all([startHarness(), launchBrowser()]);
    context = await newContext(browser, h.system.url);
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  it('the secretariat signs in, opens the agenda and approves with amount and period', async () => {
    const data = application({ title: 'Kombinerte stillinger i hjemmetjenesten' });
    const { id, ownerLink } = await scheduled(h, data);
    // The committee decides in its meeting (the agenda offers the decision forms from then on).
    await h.system.advanceToMeeting(id);

    // Without a session a staff page sends the browser through /innlogging to the identity
    // provider's page (the local stand-in for Cognito's), with state and a PKCE challenge, and back.
    await page.goto('/sekretariat');
    const authorize = new URL(page.url());
    expect(authorize.pathname).toBe('/lokal/innlogging');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    await signIn(page, 'Sekretariat', 'Siri Sekretær');
    await page.waitForURL('**/sekretariat');
    expect(await page.locator('.who').textContent()).toContain('Siri Sekretær');
    await expectAccessibleBasics(page);
    const meetingRow = page.locator('tr', { has: page.getByRole('link', { name: 'FSU-møte desember 2026', exact: true }) });
    expect(await meetingRow.locator('td.num').textContent()).toBe('1');
    await screenshot(page, 'secretariat');

    await page.getByRole('link', { name: 'FSU-møte desember 2026', exact: true }).click();
    await page.waitForURL('**/sekretariat/sor-rogaland/moter/2026-12-10');
    const item = page.locator(`#sak-${id}`);
    expect(await item.locator('h2').textContent()).toBe(`Sak 1: ${data.title}`);
    const text = (await item.textContent()) ?? '';
    for (const expected of ['Omsøkt beløp850 000 kr', 'Egen innsats600 000 kr', 'Oppfylt: Samsvar med hovedmål og nasjonale satsingsområder']) expect(text).toContain(expected);
    expect(await item.locator('table tbody tr').count()).toBe(3);
    // The project description the partners signed is one click away (closed, so the agenda stays scannable).
    const description = item.locator('details.project-texts');
    expect(await description.getByRole('heading', { name: 'Samhandlingsutfordringen' }).isVisible()).toBe(false);
    await description.locator('summary').click();
    expect(await description.getByText(data.challenge).isVisible()).toBe(true);
    expect(await description.getByText(data.expectedEffect.municipality).isVisible()).toBe(true);
    await expectAccessibleBasics(page);
    await docsScreenshot(page, 'agenda');

    // A post without the CSRF token is refused and changes nothing.
    const forged = await page.evaluate(async (applicationId) => {
      const res = await fetch(`/sekretariat/soknader/${applicationId}/vedtak`, {
        method: 'POST',
        headers: { accept: 'text/html' },
        body: new URLSearchParams({ outcome: 'approve', amount: '1', periodStart: '2027-01-01', periodEnd: '2027-06-30' }),
      });
      return { status: res.status, text: await res.text() };
    }, id);
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Skjemaet kunne ikke bekreftes');
    expect(await status(h, ownerLink)).toBe('scheduled');

    // Too much money: the error is shown at the amount, with the summary linking there.
    const approve = item.locator('form', { has: page.locator('input[name=outcome][value=approve]') });
    expect(await approve.getAttribute('aria-label')).toBe(`Innvilg «${data.title}»`);
    await approve.getByLabel('Tildelt beløp (kr)').fill('900 000');
    await approve.getByRole('button', { name: 'Innvilg' }).click();
    await page.waitForLoadState();
    const amountId = `innvilg-${id}-amount`;
    expect(await page.locator(`#feiloppsummering a[href="#${amountId}"]`).count()).toBe(1);
    expect(await page.getAttribute(`#${amountId}`, 'aria-invalid')).toBe('true');
    expect(await page.inputValue(`#${amountId}`)).toBe('900 000');
    await expectAccessibleBasics(page);
    expect(await status(h, ownerLink)).toBe('scheduled');

    await approve.getByLabel('Tildelt beløp (kr)').fill('800000');
    await approve.getByLabel('Periode fra').fill('2027-01-01');
    await approve.getByLabel('Periode til').fill('2027-12-31');
    await approve.getByLabel('Merknad i vedtaksbrevet (valgfritt)').fill('Innvilget med 800 000 kr.');
    await approve.getByRole('button', { name: 'Innvilg' }).click();
    await page.waitForURL(/\?registrert=approve/);
    expect(await page.locator('.notice.success').textContent()).toContain('søknaden er innvilget');
    expect(await item.locator('.status').textContent()).not.toBe('Satt opp til behandling i møte');
    expect(await item.getByRole('button', { name: 'Innvilg' }).count()).toBe(0);
    await expectAccessibleBasics(page);
    await screenshot(page, 'agenda-decided');

    // The meeting's minutes have the decision just recorded, with the comment for the letter.
    await page.getByRole('link', { name: 'Møteprotokollen' }).click();
    await page.waitForURL('**/sekretariat/sor-rogaland/moter/2026-12-10/protokoll');
    const decided = page.getByRole('region', { name: `Sak 1: ${data.title}` });
    expect(await decided.textContent()).toContain('VedtakInnvilget, 800 000 kr, 01.01.2027–31.12.2027');
    expect(await decided.textContent()).toContain('MerknadInnvilget med 800 000 kr.');
    await expectAccessibleBasics(page);
    // On paper: the cases without the site's header and the sign-out button.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site-header').isVisible()).toBe(false);
    expect(await page.getByRole('button').filter({ visible: true }).count()).toBe(0);
    expect(await decided.isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    await h.system.settle();
    expect(['approved', 'payout_pending']).toContain(await status(h, ownerLink));
    const owner = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(owner.body.allocation).toMatchObject({ amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' });

    // The case number quoted in a letter opens the case from the calendar's lookup.
    await page.goto('/sekretariat');
    await page.getByRole('form', { name: 'Finn en sak' }).getByLabel('Saksnummer').fill(id);
    await page.getByRole('form', { name: 'Finn en sak' }).getByRole('button', { name: 'Finn' }).click();
    await page.waitForURL(`**/sekretariat/soknader/${id}`);
    expect(await page.locator('h1').textContent()).toBe(data.title);

    // From the calendar: the applications by status, and the half-yearly report with the new grant.
    await page.goto('/sekretariat');
    await page.getByRole('link', { name: 'Søknader etter status' }).first().click();
    await page.waitForURL('**/sekretariat/sor-rogaland/soknader');
    await page.getByRole('link', { name: 'Innvilget' }).click();
    await page.waitForURL(/status=approved/);
    expect(await page.locator('nav.status-filter [aria-current=page]').textContent()).toBe('Innvilget');
    await expectAccessibleBasics(page);
    await page.goto('/sekretariat');
    await page.getByRole('link', { name: 'Halvårsrapport om bruk og effekt' }).first().click();
    await page.waitForURL('**/sekretariat/sor-rogaland/halvarsrapport');
    await expectAccessibleBasics(page);
    await page.getByLabel('Fra og med').fill('2026-07-01');
    await page.getByLabel('Til og med').fill('2026-12-31');
    await page.getByRole('button', { name: 'Vis rapporten' }).click();
    await page.waitForURL(/fra=2026-07-01&til=2026-12-31/);
    expect(await page.getByRole('table', { name: /^Tilskudd tildelt i perioden/ }).textContent()).toContain(data.title);
    const areas = page.getByRole('table', { name: /^Fordeling på nasjonale føringer/ });
    expect(await areas.getByRole('row').count()).toBe(1 + 5); // the header and the five national guideline areas
    await expectAccessibleBasics(page);
    await screenshot(page, 'half-year-report');
  }, 60_000);

  it('finance registers the invoice and marks the payout paid', async () => {
    // Signed in as the secretariat, the finance page is refused; signing out and in switches role.
    const refused = await page.goto('/okonomi');
    expect(refused?.status()).toBe(403);
    await expectAccessibleBasics(page);
    // The sign-out ends at the sign-in, which returns to the page that refused.
    await page.getByRole('button', { name: 'Logg ut og logg inn som en annen bruker' }).click();
    await signIn(page, 'Økonomi', 'Øystein Økonomi');
    await page.waitForURL('**/okonomi');
    await expectAccessibleBasics(page);
    const row = page.locator('tbody tr', { hasText: 'Stavanger kommune' });
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('Venter på faktura');

    await row.getByLabel('Fakturanummer').fill('F-2026-118');
    await row.getByRole('button', { name: 'Registrer faktura' }).click();
    await page.waitForURL(/melding=faktura/);
    expect(await page.locator('.notice.success').textContent()).toContain('Fakturaen er registrert.');
    const invoiced = page.locator('tbody tr', { hasText: 'Stavanger kommune' });
    expect(await invoiced.textContent()).toContain('F-2026-118');
    await expectAccessibleBasics(page);
    await invoiced.getByRole('button', { name: /Marker som betalt/ }).click();
    await page.waitForURL(/melding=betalt/);
    expect(await page.locator('tbody tr', { hasText: 'Stavanger kommune' }).textContent()).toContain('Betalt');
    await expectAccessibleBasics(page);
    await screenshot(page, 'finance');
    await h.system.settle();
    const active = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325&state=paid', undefined, 'finance');
    expect(active.body.payouts).toHaveLength(1);
  }, 45_000);

  it('a two-level scheme: the secretariat records the ranking first, then the decision forms appear', async () => {
    const scheme = getScheme('lofoten-vesteralen-salten')!;
    const data = { ...exampleApplication(scheme), title: 'Felles sengepost i Vesterålen' };
    const { id, ownerLink } = await scheduled(h, data, scheme.id);
    const meetingId = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.application.meetingId as string;
    // Signed in as finance after the test before: switch back to the secretariat.
    const refused = await page.goto(`/sekretariat/${scheme.id}/moter/${meetingId}`);
    expect(refused?.status()).toBe(403);
    await page.getByRole('button', { name: 'Logg ut og logg inn som en annen bruker' }).click();
    await signIn(page, 'Sekretariat', 'Siri Sekretær');
    await page.waitForURL(`**/sekretariat/${scheme.id}/moter/${meetingId}`);
    await expectAccessibleBasics(page);
    const item = page.locator(`#sak-${id}`);
    expect(await item.getByRole('button', { name: 'Innvilg' }).count()).toBe(0);
    expect(await item.textContent()).toContain(`Venter på innstilling fra ${scheme.preparation!.body.shortName}`);

    const form = item.locator('form', { has: page.getByRole('button', { name: 'Registrer innstillingen' }) });
    await form.getByLabel('Ja, innstilles').check();
    await form.getByRole('button', { name: 'Registrer innstillingen' }).click();
    await page.waitForLoadState();
    const rankId = `innstilling-${id}-rank`;
    expect(await page.locator(`#feiloppsummering a[href="#${rankId}"]`).count()).toBe(1);
    await expectAccessibleBasics(page);
    expect(await status(h, ownerLink)).toBe('scheduled');

    await item.locator('form', { has: page.getByRole('button', { name: 'Registrer innstillingen' }) }).getByLabel('Prioritet').fill('1');
    await item.getByRole('button', { name: 'Registrer innstillingen' }).click();
    await page.waitForURL(/\?registrert=recommend/);
    expect(await page.locator('.notice.success').textContent()).toContain('Innstillingen er registrert');
    expect(await item.textContent()).toContain('Innstilt, prioritet 1');
    // The regional committee decides in its meeting, not before it.
    expect(await item.getByRole('button', { name: 'Innvilg' }).count()).toBe(0);
    expect(await item.textContent()).toContain('Vedtaket registreres når møtet er i gang');
    await expectAccessibleBasics(page);
    expect(await status(h, ownerLink)).toBe('recommended');
  }, 45_000);

  it('the secretariat opens the whole case from the list, decides a reallocation request there and gives the status report a later deadline', async () => {
    // Signed in as the secretariat after the test before.
    const data = application({ title: 'Ambulant team for rus og psykisk helse' });
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    const requested = await h.call('POST', `/api/owner/${ownerLink}/reallocations`, { description: 'Flytte 30 000 kr fra utstyr til opplæring.', amount: 30_000 });
    expect(requested.status).toBe(201);
    await h.system.settle();

    await page.goto('/sekretariat/sor-rogaland/soknader?status=active');
    await expectAccessibleBasics(page);
    await page.getByRole('link', { name: data.title }).click();
    await page.waitForURL(`**/sekretariat/soknader/${id}`);
    await expectAccessibleBasics(page);
    expect(await page.locator('h1').textContent()).toBe(data.title);
    expect(await page.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['Tildeling', 'Vedtak', 'Utbetalinger', 'Omdisponeringer', 'Krav om tilbakebetaling', 'Historikk']));

    const form = page.locator('form', { has: page.getByRole('button', { name: 'Registrer vedtaket' }) });
    await form.getByRole('button', { name: 'Registrer vedtaket' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering a').count()).toBe(1);
    await expectAccessibleBasics(page);
    await form.getByLabel('Godkjenn').check();
    await form.getByLabel('Begrunnelse (valgfritt, sendes til prosjektansvarlig)').fill('Innenfor formålet.');
    await form.getByRole('button', { name: 'Registrer vedtaket' }).click();
    await page.waitForURL(/\?registrert=omdisponering/);
    expect(await page.locator('.notice.success').textContent()).toContain('Vedtaket om omdisponering er registrert');
    // The request, now approved, and the committee's decision on it among the case's decisions.
    const items = await page.locator('li', { hasText: 'Flytte 30 000 kr' }).allTextContents();
    expect(items).toHaveLength(2);
    expect(items.filter((t) => t.includes('Godkjent'))).toHaveLength(1);
    expect(items.filter((t) => t.includes('Omdisponering godkjent'))).toHaveLength(1);
    expect(await page.getByRole('button', { name: 'Registrer vedtaket' }).count()).toBe(0);
    await expectAccessibleBasics(page);
    await screenshot(page, 'case');

    // The committee gives the status report a later deadline ("utsatt frist").
    const { statusReportDue } = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.application.allocation;
    const later = new Date(Date.parse(`${statusReportDue}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByText('Utsett en rapportfrist').click();
    const deadline = page.locator('form', { has: page.getByRole('button', { name: 'Registrer ny frist' }) });
    await deadline.getByLabel(/^Statusrapporten/).check();
    await deadline.getByLabel('Ny frist').fill(later);
    await deadline.getByRole('button', { name: 'Registrer ny frist' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Rapportfrist, begrunnelse');
    await expectAccessibleBasics(page);
    await deadline.getByLabel('Begrunnelse (sendes til prosjektansvarlig)').fill('Prosjektet startet en måned for sent.');
    await deadline.getByRole('button', { name: 'Registrer ny frist' }).click();
    await page.waitForURL(/\?registrert=rapportfrist/);
    expect(await page.locator('.notice.success').textContent()).toContain('Den nye fristen er registrert');
    const [y, m, d] = later.split('-');
    expect((await page.locator('dd', { hasText: 'utsatt fra' }).textContent())?.replace(/\u00a0/g, ' ')).toContain(`${d}.${m}.${y} (utsatt fra`);
    await expectAccessibleBasics(page);

    // The owner asks for still more time; the committee says no, on the case beside the request.
    const wanted = new Date(Date.parse(`${later}T12:00:00Z`) + 20 * 86_400_000).toISOString().slice(0, 10);
    const asked = await h.call('POST', `/api/reports/${statusReportLink}/deadline-request`, { dueDate: wanted, reason: 'Ny prosjektleder fra august.' });
    expect(asked.body).toMatchObject({ applicationId: id, changed: true });
    await h.system.settle();
    await page.goto(`/sekretariat/soknader/${id}`);
    await page.getByText('Avslå ønsket om utsatt frist').click();
    const decline = page.locator('form', { has: page.getByRole('button', { name: 'Avslå ønsket' }) });
    await decline.getByRole('button', { name: 'Avslå ønsket' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Avslag på utsatt frist, begrunnelse');
    await decline.getByLabel('Begrunnelse (sendes til prosjektansvarlig)').fill('Komiteen har allerede gitt en måned.');
    await decline.getByRole('button', { name: 'Avslå ønsket' }).click();
    await page.waitForURL(/\?registrert=fristavslag/);
    expect(await page.locator('.notice.success').textContent()).toContain('Avslaget er registrert');
    expect(await page.getByRole('button', { name: 'Avslå ønsket' }).count()).toBe(0);
    // What the sweep will send (the no, to the owner), and the mails about the case that went out (the decision letter among them).
    expect(await page.locator('#paminnelser + .table-wrap td', { hasText: 'Avslaget på utsatt frist for statusrapporten' }).count()).toBe(1);
    // The secretariat writes to the contact person from the case.
    await page.getByText('Skriv til prosjektansvarlig').click();
    const message = page.locator('form', { has: page.getByRole('button', { name: 'Send meldingen' }) });
    await message.getByRole('button', { name: 'Send meldingen' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Skriv til prosjektansvarlig, melding');
    await message.getByLabel('Melding').fill('Husk å merke fakturaen med prosjektnummeret.');
    await message.getByRole('button', { name: 'Send meldingen' }).click();
    await page.waitForURL(/\?registrert=melding/);
    expect(await page.locator('.owner-messages li').textContent()).toContain('Husk å merke fakturaen med prosjektnummeret.');
    await page.getByText(/e-poster sendt, den siste/).click();
    expect(await page.locator('.mail-log td', { hasText: `Vedtak om tilskudd: «${data.title}»` }).count()).toBeGreaterThanOrEqual(1);
    await expectAccessibleBasics(page);

    // The project starts two months late: the committee gives the grant a new period, beside the period.
    await page.locator('summary', { hasText: 'Ny prosjektperiode' }).click();
    const period = page.locator('form', { has: page.getByRole('button', { name: 'Registrer ny periode' }) });
    expect(await period.getByLabel('Ny startdato').inputValue()).toBe('2027-01-01');
    await period.getByLabel('Ny startdato').fill('2027-03-01');
    await period.getByLabel('Ny sluttdato').fill('2028-06-30');
    await period.getByRole('button', { name: 'Registrer ny periode' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Ny periode, begrunnelse');
    await period.getByLabel('Begrunnelse (sendes til prosjektansvarlig)').fill('Stillingen ble besatt først i februar.');
    await period.getByRole('button', { name: 'Registrer ny periode' }).click();
    await page.waitForLoadState();
    // Longer than 12 months: the rule's message at the end date, what was typed kept.
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Ny periode, ny sluttdato');
    await expectAccessibleBasics(page);
    expect(await period.getByLabel('Ny startdato').inputValue()).toBe('2027-03-01');
    await period.getByLabel('Ny sluttdato').fill('2028-02-29');
    await period.getByRole('button', { name: 'Registrer ny periode' }).click();
    await page.waitForURL(/\?registrert=periode/);
    expect(await page.locator('.notice.success').textContent()).toContain('Den nye perioden er registrert');
    expect((await page.locator('dd', { hasText: 'var 01.01.2027–31.12.2027' }).first().textContent())?.replace(/\u00a0/g, ' ')).toContain('01.03.2027–29.02.2028 (endret');
    expect(await page.locator('#vedtak + ul li', { hasText: 'Ny prosjektperiode' }).count()).toBe(1);
    await expectAccessibleBasics(page);

    // The printout for the archive: every part open, nothing to act with, and it prints so.
    await page.getByRole('link', { name: 'Utskrift for arkivet' }).click();
    await page.waitForURL(`**/sekretariat/soknader/${id}/utskrift`);
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.getByText('Sammendrag', { exact: true }).isVisible()).toBe(true);
    await expectAccessibleBasics(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.mail-log table').isVisible()).toBe(true);
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  }, 60_000);

  it("Innlandet: the agenda reports the status of the action part, each measure linked to its case", async () => {
    // Signed in as the secretariat after the test before.
    const scheme = getScheme('innlandet')!;
    const data = { ...exampleApplication(scheme), title: 'Felles jordmorvakt i Nord-Gudbrandsdal' };
    const { id } = await scheduled(h, data, scheme.id);
    await decide(h, id, { outcome: 'approve', amount: 500_000, periodStart: data.periodStart, periodEnd: data.periodEnd });
    const meetingId = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.application.meetingId as string;
    await page.goto(`/sekretariat/${scheme.id}/moter/${meetingId}`);
    const actionPart = page.getByRole('region', { name: 'Status for handlingsdelen' });
    expect(await actionPart.getByRole('row', { name: new RegExp(data.title) }).textContent()).toContain('500 000 kr');
    await expectAccessibleBasics(page);
    await actionPart.getByRole('link', { name: data.title }).click();
    await page.waitForURL(`**/sekretariat/soknader/${id}`);
    expect(await page.locator('h1').textContent()).toBe(data.title);
  }, 45_000);

  it('after the meeting the secretariat records who attended and then the approval, and the minutes are final', async () => {
    // Signed in as the secretariat; Innlandet's meeting of the test before has its one case decided.
    const meetings = (await h.call('GET', '/api/staff/schemes/innlandet/meetings', undefined, 'secretariat')).body.meetings as Array<{ id: string; startsAt: string; applications: number }>;
    const meeting = meetings.find((m) => m.applications > 0)!;
    h.clock.set(meeting.startsAt);
    await page.goto(`/sekretariat/innlandet/moter/${meeting.id}/protokoll`);
    expect(await page.getByText('Utkast: protokollen er ikke godkjent.').isVisible()).toBe(true);
    await expectAccessibleBasics(page);

    // Before the attendance is recorded the approval is not offered (it would be refused): the page says what is missing.
    expect(await page.getByRole('button', { name: 'Godkjenn protokollen' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Protokollen kan ikke godkjennes ennå. Registrer hvem som var til stede før protokollen godkjennes.');

    const attendance = page.getByRole('form', { name: 'Registrer fremmøte' });
    await attendance.getByLabel('Til stede', { exact: true }).fill('Kari Nordmann, leder (Gjøvik kommune)\nOla Hansen, Sykehuset Innlandet');
    await attendance.getByLabel('Forfall (valgfritt)').fill('Per Olsen, brukerrepresentant');
    await attendance.getByRole('button', { name: 'Lagre fremmøtet' }).click();
    await page.waitForURL(/\?registrert=fremmote/);
    expect(await page.locator('.notice.success').textContent()).toContain('Fremmøtet er lagret.');
    expect(await page.locator('dl.facts', { hasText: 'Til stede' }).textContent()).toContain('Ola Hansen, Sykehuset Innlandet');
    await expectAccessibleBasics(page);

    // The note's example names this community's committee.
    expect(await page.getByRole('form', { name: 'Godkjenn protokollen' }).textContent()).toContain('«Godkjent i SSU-møtet»');
    await page.getByRole('form', { name: 'Godkjenn protokollen' }).getByLabel('Merknad (valgfritt)').fill('Godkjent i neste SSU-møte.');
    await page.getByRole('button', { name: 'Godkjenn protokollen' }).click();
    await page.waitForURL(/\?registrert=godkjent/);
    expect(await page.locator('.notice.success').textContent()).toContain('Protokollen er godkjent.');
    expect(await page.getByText('Utkast: protokollen er ikke godkjent.').count()).toBe(0);
    expect(await page.locator('form[action*="/protokoll/"]').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Godkjent i neste SSU-møte.');
    await expectAccessibleBasics(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('dl.facts', { hasText: 'Til stede' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  }, 45_000);

  it('the secretariat adds next year\'s first meeting to the calendar, sees it marked, takes it off again, and cancels a configured meeting and puts it back', async () => {
    // Signed in as the secretariat.
    await page.goto('/sekretariat');
    const section = page.locator('section', { has: page.getByRole('heading', { name: /Sør-Rogaland/ }) });
    const form = section.getByRole('form', { name: 'Legg til et møte for FSU' });
    expect(await form.isVisible()).toBe(false);
    await section.getByText('Legg til et møte i møteplanen', { exact: true }).click();
    expect(await form.getByLabel('Klokkeslett').inputValue()).toBe('09:00');
    // Without a name: the error is named at the top and at the field, the form stays open.
    await form.getByLabel('Dato').fill('2028-02-10');
    await form.getByRole('button', { name: 'Legg til møtet' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('FSU, nytt møte, navn på møtet');
    await expectAccessibleBasics(page);
    await form.getByLabel('Navn på møtet').fill('FSU-møte februar 2028');
    await form.getByRole('button', { name: 'Legg til møtet' }).click();
    await page.waitForURL(/\?kalender=lagt-til/);
    expect(await page.locator('.notice.success').textContent()).toContain('Møtet er lagt til i møteplanen.');
    const row = page.locator('tr', { has: page.getByRole('link', { name: 'FSU-møte februar 2028', exact: true }) });
    expect(await row.textContent()).toContain('lagt til');
    expect(await row.textContent()).toContain('10.02.2028 kl. 09.00');
    await expectAccessibleBasics(page);

    await row.getByRole('button', { name: 'Fjern' }).click();
    await page.waitForURL(/\?kalender=fjernet/);
    expect(await page.locator('.notice.success').textContent()).toContain('Møtet er tatt ut av møteplanen.');
    expect(await page.getByRole('link', { name: 'FSU-møte februar 2028', exact: true }).count()).toBe(0);

    // A configured meeting is cancelled in two steps: "Avlys" opens the form, which says how to undo it.
    const april = page.locator('tr', { has: page.getByRole('link', { name: 'FSU-møte april 2027', exact: true }) });
    const cancel = april.getByRole('form', { name: 'Avlys FSU-møte april 2027' });
    expect(await cancel.isVisible()).toBe(false);
    await april.getByText('Avlys', { exact: true }).click();
    expect(await cancel.textContent()).toContain('setter du møtet inn igjen under «Avlyste møter»');
    await expectAccessibleBasics(page);
    await cancel.getByRole('button', { name: 'Avlys møtet' }).click();
    await page.waitForURL(/\?kalender=fjernet/);
    expect(await page.getByRole('link', { name: 'FSU-møte april 2027', exact: true }).count()).toBe(0);

    // Cancelled by mistake: listed under "Avlyste møter", and put back as it was at one click.
    const cancelled = section.locator('ul.cancelled-meetings li', { hasText: 'FSU-møte april 2027' });
    expect(await cancelled.textContent()).toContain('22.04.2027 kl. 09.00');
    await expectAccessibleBasics(page);
    await cancelled.getByRole('button', { name: 'Sett inn igjen' }).click();
    await page.waitForURL(/\?kalender=gjenopprettet/);
    expect(await page.locator('.notice.success').textContent()).toContain('Møtet er tilbake i møteplanen.');
    const back = page.locator('tr', { has: page.getByRole('link', { name: 'FSU-møte april 2027', exact: true }) });
    expect(await back.textContent()).toContain('22.04.2027 kl. 09.00');
    expect(await back.textContent()).not.toContain('lagt til');
    expect(await section.locator('ul.cancelled-meetings li', { hasText: 'FSU-møte april 2027' }).count()).toBe(0);
  });

  it('the secretariat gives a group a new leader on the register page, from the start page', async () => {
    // Signed in as the secretariat.
    await page.goto('/sekretariat');
    await page.getByRole('link', { name: 'Tjenestemodellgrupper og fagråd' }).click();
    await page.waitForURL('**/sekretariat/sor-rogaland/grupper');
    await expectAccessibleBasics(page);
    const group = page.locator('section', { has: page.getByRole('heading', { name: 'Tjenestemodellgruppe for barn og unge' }) });
    const form = group.getByRole('form', { name: 'Endre lederne av Tjenestemodellgruppe for barn og unge' });
    expect(await form.isVisible()).toBe(false);
    await group.getByText('Endre lederne', { exact: true }).click();
    await form.getByLabel('Leders e-postadresse', { exact: true }).fill('ikke en adresse');
    await form.getByRole('button', { name: 'Lagre lederne' }).click();
    await page.waitForLoadState();
    expect(await page.locator('#feiloppsummering').textContent()).toContain('Tjenestemodellgruppe for barn og unge, leder');
    await expectAccessibleBasics(page);
    await form.getByLabel('Leders e-postadresse', { exact: true }).fill('ny.leder.barn@helse-stavanger.example');
    await form.getByRole('button', { name: 'Lagre lederne' }).click();
    await page.waitForURL(/\?endret=lagret/);
    expect(await page.locator('.notice.success').textContent()).toContain('Lederne er lagret.');
    expect(await group.locator('dl.facts').textContent()).toContain('ny.leder.barn@helse-stavanger.example');
    expect(await group.locator('dl.facts').textContent()).toContain('før: leder.tmg-barn-og-unge@helse-stavanger.example');
    await expectAccessibleBasics(page);
  });
});
