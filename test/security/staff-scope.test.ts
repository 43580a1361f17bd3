// One deployment serves several health communities: staff act only for the communities their
// groups name (scheme:<id>, or scheme:all). A request about another community's meeting,
// application, payout or project number is a 403, and nothing is written.
import { afterEach, describe, expect, it } from 'vitest';
import { overrideDependencies } from '../../functions/composition';
import { getScheme } from '../../config/schemes';
import { ROUTES } from '../../functions/http/routes';
import { apiEvent, staffClaims, type Claims } from '../support/api-events';
import { invoke, useTestApp } from '../support/test-app';

const app = useTestApp();

const INNLANDET_SECRETARIAT = staffClaims(['secretariat', 'scheme:innlandet'], 'sekretær-innlandet');
const SOR_ROGALAND_FINANCE = staffClaims(['finance', 'scheme:sor-rogaland'], 'okonomi-stavanger');
/** A role without any scheme group: acts for no community. */
const UNSCOPED: Claims = { ...staffClaims(['secretariat']), 'cognito:groups': '[secretariat]' };
const HTML = { Accept: 'text/html' };

describe('staff act only for their own communities', () => {
  it('the secretariat of one community: its own meetings and cases, 403 for another\'s, with nothing written', async () => {
    const { applicationId: own } = await app.scheduled('innlandet');
    const { applicationId: other } = await app.scheduled('sor-rogaland');
    const as = INNLANDET_SECRETARIAT;
    expect((await app.call('get-agenda', { pathParameters: { schemeId: 'innlandet', meetingId: '2026-12-03' }, as })).status).toBe(200);
    expect((await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as })).status).toBe(403);
    expect((await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, as })).status).toBe(403);
    expect((await app.call('half-year-report', { pathParameters: { schemeId: 'sor-rogaland' }, query: { from: '2026-07-01', to: '2026-12-31' }, as })).status).toBe(403);
    expect((await app.call('get-application', { pathParameters: { applicationId: own }, as })).status).toBe(200);
    const refused = await app.call('get-application', { pathParameters: { applicationId: other }, as });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Du har ikke tilgang til saker i denne ordningen.');

    const before = await app.store.getApplication(other);
    const decision = await app.decide(other, { outcome: 'reject', reason: 'Ikke vår sak' }, as);
    expect(decision.status).toBe(403);
    expect(await app.store.getApplication(other)).toEqual(before);
    expect(await app.store.listDecisions(other)).toEqual([]);

    // The overview lists the meetings of the person's own community only.
    const overview = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat');
    expect(overview.status).toBe(200);
    expect(overview.text).toContain('SSU-møte desember 2026');
    expect(overview.text).not.toContain('FSU-møte');
    const otherCase = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId: other }, headers: HTML, claims: as }), 'page-application');
    expect(otherCase.status).toBe(403);
  });

  it('finance of one community: its own project number and payouts, 403 for another\'s', async () => {
    const { payout: own } = await app.active('sor-rogaland');
    const { payout: other } = await app.active('innlandet');
    const as = SOR_ROGALAND_FINANCE;
    expect((await app.call('list-payouts', { query: { projectNumber: 'R-11326-D11325' }, as })).status).toBe(200);
    expect((await app.call('list-payouts', { query: { projectNumber: other.projectNumber }, as })).status).toBe(403);
    expect((await app.call('register-invoice', { pathParameters: { payoutId: other.id }, json: { invoiceNumber: 'F-1' }, as })).status).toBe(403);
    expect((await app.call('mark-paid', { pathParameters: { payoutId: own.id }, json: {}, as })).status).toBe(409); // paid already: past the check

    const page = await invoke(apiEvent({ method: 'GET', path: '/okonomi', headers: HTML, claims: as }), 'page-finance');
    expect(page.status).toBe(200);
    expect(page.text).toContain('R-11326-D11325');
    expect(page.text).not.toContain(other.projectNumber);
    const otherList = await invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: other.projectNumber }, headers: HTML, claims: as }), 'page-finance');
    expect(otherList.status).toBe(403);
  });

  describe('a project number the scheme had before (formerProjectNumbers)', () => {
    afterEach(() => {
      overrideDependencies({ scheme: getScheme });
    });

    it("is the scheme's: its finance lists the payouts under it, another community's finance gets 403", async () => {
      const { payout } = await app.payoutPending('sor-rogaland');
      const base = app.scheme('sor-rogaland');
      overrideDependencies({ scheme: (id) => (id === base.id ? { ...base, projectNumber: 'R-11326-D20271', formerProjectNumbers: [base.projectNumber] } : getScheme(id)) });
      const former = await app.call('list-payouts', { query: { projectNumber: base.projectNumber }, as: SOR_ROGALAND_FINANCE });
      expect(former.status).toBe(200);
      expect(former.body.payouts.map((p: { id: string }) => p.id)).toContain(payout.id);
      expect((await app.call('list-payouts', { query: { projectNumber: base.projectNumber }, as: staffClaims(['finance', 'scheme:innlandet']) })).status).toBe(403);
      const page = await invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: base.projectNumber }, headers: HTML, claims: SOR_ROGALAND_FINANCE }), 'page-finance');
      expect(page.status).toBe(200);
      expect(page.text).toContain(`<h2>Utbetalinger på ${base.projectNumber}</h2>`);
      // Without it in the configuration, the number is no longer the scheme's.
      overrideDependencies({ scheme: (id) => (id === base.id ? { ...base, projectNumber: 'R-11326-D20271' } : getScheme(id)) });
      expect((await app.call('list-payouts', { query: { projectNumber: 'R-11326-D20271' }, as: SOR_ROGALAND_FINANCE })).body.payouts.map((p: { id: string }) => p.id)).not.toContain(payout.id);
    });
  });

  it("a project number no community has (any longer) is refused to finance of one community: its payouts may be another's", async () => {
    const { payout } = await app.payoutPending('innlandet');
    const base = app.scheme('innlandet');
    // Innlandet changed its number and did not list the old one: the old number is no scheme's now.
    overrideDependencies({ scheme: (id) => (id === base.id ? { ...base, projectNumber: 'SI-RST-2027' } : getScheme(id)) });
    try {
      for (const projectNumber of [base.projectNumber, 'FINNES-IKKE']) {
        const refused = await app.call('list-payouts', { query: { projectNumber }, as: SOR_ROGALAND_FINANCE });
        expect(refused.status, projectNumber).toBe(403);
        expect(refused.text).not.toContain(payout.id);
        expect((await invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: projectNumber }, headers: HTML, claims: SOR_ROGALAND_FINANCE }), 'page-finance')).status).toBe(403);
      }
      // Who acts for every community may look it up (to find payouts left under a number taken out of the configuration).
      const all = await app.call('list-payouts', { query: { projectNumber: base.projectNumber }, as: staffClaims(['finance', 'scheme:all']) });
      expect(all.status).toBe(200);
      expect(all.body.payouts.map((p: { id: string }) => p.id)).toContain(payout.id);
      const page = await invoke(apiEvent({ method: 'GET', path: '/okonomi', query: { prosjektnummer: 'FINNES-IKKE' }, headers: HTML, claims: staffClaims(['finance', 'scheme:all']) }), 'page-finance');
      expect(page.status).toBe(200);
      expect(page.text).toContain('FINNES-IKKE (ukjent prosjektnummer)');
    } finally {
      overrideDependencies({ scheme: getScheme });
    }
  });

  it('a role without any community group acts for none', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland');
    expect((await app.call('get-application', { pathParameters: { applicationId }, as: UNSCOPED })).status).toBe(403);
    expect((await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as: UNSCOPED })).status).toBe(403);
    const overview = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: UNSCOPED }), 'page-secretariat');
    expect(overview.text).not.toContain('FSU-møte');
  });
});

describe('every staff route that names a community, an application or a payout', () => {
  it('answers 403 to a person of another community (the role right, the body not even read)', async () => {
    const { applicationId, payout } = await app.active('sor-rogaland');
    const routes = ROUTES.filter((r) => r.access !== 'public' && /\{(schemeId|applicationId|payoutId)\}/.test(r.path));
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const values: Record<string, string> = { schemeId: 'sor-rogaland', meetingId: '2026-12-10', applicationId, payoutId: payout.id, reallocationId: 'realloc_x', groupId: 'tmg-barn-og-unge' };
    for (const route of routes) {
      const pathParameters = Object.fromEntries([...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1]!, values[m[1]!]!]));
      const groups = [route.access, 'scheme:innlandet'];
      const res = await invoke(apiEvent({ method: route.method, path: route.path, pathParameters, claims: staffClaims(groups), ...(route.method === 'POST' ? { body: '{"ugyldig":', headers: { 'content-type': 'application/json' } } : {}) }), route.id);
      expect(res.status, route.id).toBe(403);
      // This refusal, not another 403 (a page's CSRF check comes later and never runs).
      expect(res.text, route.id).toContain('Du har ikke tilgang til saker i denne ordningen.');
    }
  });
});
