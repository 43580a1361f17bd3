// Real Chromium through playwright-core, for the web-page tests. When /usr/bin/chromium is missing
// the browser tests are skipped with a message (CI's .ci/run installs it).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { ApplicationInput } from '../../schemas/application.schema';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) console.warn(`Browser tests skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium).`);

/** describe() that is skipped, with the message above, when Chromium is not installed. */
export const describeBrowser = describe.skipIf(!HAS_CHROMIUM);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ARTIFACTS = resolve(ROOT, 'test/.artifacts/screenshots');
const DOCS = resolve(ROOT, 'docs/screenshots');

export const VIEWPORT = { width: 1024, height: 800 };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (its own cookies) with a 1024 px wide viewport and Norwegian locale. */
export async function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, viewport: VIEWPORT, locale: 'nb-NO', timezoneId: 'Europe/Oslo' });
}

/** The test artifact: test/.artifacts/screenshots/<name>.png (gitignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`), fullPage: true });
}

/**
 * A screenshot for the README: docs/screenshots/<name>.png, full page at 1024 px. Only with
 * UPDATE_SCREENSHOTS=1, so ordinary test runs leave the committed images alone.
 */
export async function docsScreenshot(page: Page, name: string): Promise<void> {
  if (process.env.UPDATE_SCREENSHOTS !== '1') return;
  mkdirSync(DOCS, { recursive: true });
  await page.setViewportSize(VIEWPORT);
  await page.evaluate('document.activeElement?.blur()');
  await page.screenshot({ path: resolve(DOCS, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The rule tags of WCAG 2.1 level A and AA, what forskrift om universell utforming av IKT requires. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** WCAG 2.1 1.4.10 (reflow): content fits 320 CSS px (1280 px at 400 % zoom) without scrolling sideways. */
const REFLOW_WIDTH = 320;

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; html: string }>;
}

/** One line per violated rule, then its first three elements (selector and markup). */
function describeViolation(v: AxeViolation): string {
  const nodes = v.nodes.slice(0, 3).map((n) => `\n    ${n.target.map(String).join(' ')}: ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
  const more = v.nodes.length > 3 ? `\n    … and ${v.nodes.length - 3} more` : '';
  return `${v.id} (${v.impact ?? 'n/a'}): ${v.help}${nodes.join('')}${more}`;
}

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is now: no violations. Axe's "incomplete"
 * results (needs review) do not fail: in practice they are the colour contrast of table cells
 * scrolled out of view in a .table-wrap, which have the same colours as the cells in view.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  // Not page.addScriptTag: that adds an inline <script>, which the pages' policy (default-src 'self')
  // rightly refuses, and a context with bypassCSP would keep the tests from seeing the policy the
  // users get. Evaluated through the DevTools protocol, axe's source is not subject to the policy.
  // (Strings: the project compiles without lib.dom, and this runs in the page.)
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate<AxeViolation[]>(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } }).then((r) => r.violations)`,
  );
  expect(violations.map(describeViolation), `axe-core WCAG 2.1 A/AA violations on ${page.url()} at ${page.viewportSize()?.width} px`).toEqual([]);
}

/**
 * The page's accessibility as far as a test can tell: axe-core's WCAG 2.1 A/AA rules, at the test's
 * width and again at 320 px (where tables scroll sideways in their own focusable region, and
 * buttons go full width), and the checks below, which axe does not make.
 */
export async function expectAccessibleBasics(page: Page): Promise<void> {
  await expectNoAxeViolations(page);
  const viewport = page.viewportSize() ?? VIEWPORT;
  await page.setViewportSize({ ...viewport, width: REFLOW_WIDTH });
  try {
    // Reflow (1.4.10) is no axe rule: the page itself must not scroll sideways at 320 px. On failure,
    // the innermost elements that stick out (outside the tables' own scrolling regions).
    const reflow = await page.evaluate<{ width: number; sticking: string[] }>(`({
      width: document.documentElement.scrollWidth,
      sticking: [...document.querySelectorAll('body *')]
        .filter((e) => !e.closest('.table-wrap') && e.getBoundingClientRect().right > ${REFLOW_WIDTH} && ![...e.children].some((c) => c.getBoundingClientRect().right > ${REFLOW_WIDTH}))
        .slice(0, 3).map((e) => e.outerHTML.replace(/\\s+/g, ' ').slice(0, 160)),
    })`);
    expect(reflow.width, `page wider than ${REFLOW_WIDTH} px on ${page.url()}: ${reflow.sticking.join('\n')}`).toBeLessThanOrEqual(REFLOW_WIDTH);
    await expectNoAxeViolations(page);
  } finally {
    await page.setViewportSize(viewport);
  }
  // A real <label> for every control: axe's label rule also accepts aria-label or title, which
  // give no visible label (3.3.2) and no larger click target; the pages promise <label>s.
  const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea', (elements) =>
    elements.filter((el) => ((el as unknown as { labels?: { length: number } | null }).labels?.length ?? 0) === 0).map((el) => el.outerHTML.slice(0, 160)),
  );
  expect(unlabelled, 'controls without a <label>').toEqual([]);
  // Unique ids: axe 4.14 checks only ids that ARIA refers to (duplicate-id is deprecated), but the
  // error summary's links and <label for> need every id unique too.
  const duplicateIds = await page.$$eval('[id]', (elements) => {
    const seen = new Set<string>();
    const dup = new Set<string>();
    for (const el of elements) (seen.has(el.id) ? dup : seen).add(el.id);
    return [...dup];
  });
  expect(duplicateIds, 'duplicate ids').toEqual([]);
  // axe checks that lang is present and valid, not that it is Norwegian bokmål.
  expect(await page.getAttribute('html', 'lang')).toBe('nb');
  // axe's meta-viewport checks only that zooming is not disabled, not that the page scales to the device.
  expect(await page.$eval('meta[name=viewport]', (m) => m.getAttribute('content'))).toContain('width=device-width');
  // One h1: axe's page-has-heading-one is a best practice outside the WCAG tags, and asks for at least one.
  expect(await page.locator('h1').count()).toBe(1);
}

/** Fills every field of the application form the way a person would (labels where they are unique). */
export async function fillApplication(page: Page, data: ApplicationInput): Promise<void> {
  await page.getByLabel('Prosjektets navn', { exact: true }).fill(data.title);
  await page.getByLabel('Kort sammendrag', { exact: true }).fill(data.summary);
  await page.getByLabel('Hvilken samhandlingsutfordring skal prosjektet løse?', { exact: true }).fill(data.challenge);
  await page.getByLabel('Hvilket behov skal tilskuddet dekke?', { exact: true }).fill(data.need);
  await page.getByLabel('For innbyggerne og pasientene', { exact: true }).fill(data.expectedEffect.citizen);
  await page.getByLabel('For sykehuset', { exact: true }).fill(data.expectedEffect.hospital);
  await page.getByLabel('For kommunen', { exact: true }).fill(data.expectedEffect.municipality);
  for (const id of data.criteriaMet) await page.check(`input[name="criteriaMet"][value="${id}"]`);
  for (const id of data.guidelineAreas) await page.check(`input[name="guidelineAreas"][value="${id}"]`);
  for (const id of data.priorityPatientGroups) await page.check(`input[name="priorityPatientGroups"][value="${id}"]`);
  for (const [i, p] of data.partners.entries()) {
    await page.fill(`[name="partners.${i}.organisationName"]`, p.organisationName);
    await page.fill(`[name="partners.${i}.organisationNumber"]`, p.organisationNumber);
    await page.selectOption(`[name="partners.${i}.kind"]`, p.kind);
    await page.fill(`[name="partners.${i}.contactName"]`, p.contactName);
    await page.fill(`[name="partners.${i}.email"]`, p.email);
    await page.fill(`[name="partners.${i}.role"]`, p.role);
  }
  await page.selectOption('[name="owner.partnerIndex"]', String(data.owner.partnerIndex));
  await page.fill('[name="owner.name"]', data.owner.name);
  await page.fill('[name="owner.email"]', data.owner.email);
  await page.fill('[name="owner.unit"]', data.owner.unit);
  await page.setChecked('[name="owner.isInternalUnit"]', data.owner.isInternalUnit);
  if (data.anchoring) await page.check(`input[name="anchoring.kind"][value="${data.anchoring.kind}"]`);
  if (data.anchoring?.kind === 'direct') {
    await page.getByLabel('Begrunnelse og beskrivelse av forankringsprosessen', { exact: true }).fill(data.anchoring.justification);
  } else if (data.anchoring) {
    await page.getByLabel('Tjenestemodellgruppe eller fagråd', { exact: true }).selectOption(data.anchoring.groupId);
  }
  await page.getByLabel('Startdato', { exact: true }).fill(data.periodStart);
  await page.getByLabel('Sluttdato', { exact: true }).fill(data.periodEnd);
  // As people type amounts: with a space between thousands.
  await page.getByLabel('Omsøkt beløp (kr)', { exact: true }).fill(data.requestedAmount.toLocaleString('nb-NO').replace(/\s/g, ' '));
  for (const [i, line] of data.budget.entries()) {
    await page.selectOption(`[name="budget.${i}.partnerIndex"]`, String(line.partnerIndex));
    for (const field of ['personnel', 'money', 'purchases', 'equipment', 'requestedGrant'] as const) {
      await page.fill(`[name="budget.${i}.${field}"]`, String(line[field]));
    }
  }
  await page.fill('[name="patientResponsibility"]', data.patientResponsibility ?? '');
}
