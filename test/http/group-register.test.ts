// The register of service-model groups and professional councils: the secretariat keeps who leads
// each group (the addresses that get the copy of the committee's decisions); the groups themselves
// are configuration. A decision sent after a change goes to the new leaders.
import { describe, expect, it } from 'vitest';
import { apiEvent, staffClaims, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const GROUP = 'tmg-skropelige-eldre';
const list = (schemeId = 'sor-rogaland', claims = as) => app.call('list-groups', { pathParameters: { schemeId }, as: claims });
const update = (json: Record<string, unknown>, groupId = GROUP, claims = as, schemeId = 'sor-rogaland') => app.call('update-group-leaders', { pathParameters: { schemeId, groupId }, json, as: claims });
const groupOf = async (groupId = GROUP) => (await list()).body.groups.find((g: { id: string }) => g.id === groupId);

describe('the register of groups (API)', () => {
  it('lists the configured groups with their leaders; a community without groups is a 404', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ schemeId: 'sor-rogaland', committee: 'FSU' });
    expect(res.body.groups).toHaveLength(app.scheme().anchoring!.groups.length);
    expect(res.body.groups.find((g: { id: string }) => g.id === 'tmg-barn-og-unge')).toEqual({
      id: 'tmg-barn-og-unge', kind: 'service-model-group', name: 'Tjenestemodellgruppe for barn og unge',
      leaderEmail: 'leder.tmg-barn-og-unge@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-barn-og-unge@helse-stavanger.example', changed: null,
    });
    const none = await list('innlandet');
    expect(none.status).toBe(404);
    expect(none.body.message).toBe(`${app.scheme('innlandet').name} har ikke tjenestemodellgrupper eller fagråd.`);
  });

  it('a new leader: stored with who changed it and what it was; a repeat changes nothing; bad input names the field; other roles and communities are refused', async () => {
    const before = await groupOf();
    const json = { leaderEmail: ' Ny.Leder@Helse-Stavanger.example ', deputyLeaderEmail: before.deputyLeaderEmail };
    const first = await update(json);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ groupId: GROUP, leaderEmail: 'ny.leder@helse-stavanger.example', deputyLeaderEmail: before.deputyLeaderEmail, changed: true });
    expect((await update(json)).body.changed).toBe(false);
    expect(await groupOf()).toMatchObject({
      leaderEmail: 'ny.leder@helse-stavanger.example',
      changed: { at: app.clock.now().toISOString(), by: 'sekretær-1', previous: { leaderEmail: before.leaderEmail, deputyLeaderEmail: before.deputyLeaderEmail } },
    });
    // Two changes at once: both are kept in turn (the second reads the first), none lost.
    const [a, b] = await Promise.all([
      update({ leaderEmail: 'a@helse-stavanger.example', deputyLeaderEmail: before.deputyLeaderEmail }),
      update({ leaderEmail: 'b@helse-stavanger.example', deputyLeaderEmail: before.deputyLeaderEmail }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [stored] = (await app.store.listGroupLeaders('sor-rogaland')).filter((r) => r.groupId === GROUP);
    expect(stored!.revision).toBe(3);
    expect(['a@helse-stavanger.example', 'b@helse-stavanger.example']).toContain(stored!.leaderEmail);
    expect(['a@helse-stavanger.example', 'b@helse-stavanger.example']).toContain(stored!.previous.leaderEmail);

    const bad = await update({ leaderEmail: 'ikke-en-adresse', deputyLeaderEmail: before.deputyLeaderEmail });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ leaderEmail: 'Skriv en gyldig e-postadresse.' });
    expect((await update({ leaderEmail: 'x@helse-stavanger.example' })).body.fieldErrors).toEqual({ deputyLeaderEmail: expect.stringMatching(/må fylles ut/) });
    expect((await update({ leaderEmail: 'x@helse-stavanger.example', deputyLeaderEmail: 'y@helse-stavanger.example', name: 'x' })).status).toBe(400);
    const unknown = await update({ leaderEmail: 'x@helse-stavanger.example', deputyLeaderEmail: 'y@helse-stavanger.example' }, 'tmg-finnes-ikke');
    expect(unknown.status).toBe(404);
    expect((await update({ leaderEmail: 'x@helse-stavanger.example', deputyLeaderEmail: 'y@helse-stavanger.example' }, GROUP, FINANCE)).status).toBe(403);
    expect((await update({ leaderEmail: 'x@helse-stavanger.example', deputyLeaderEmail: 'y@helse-stavanger.example' }, GROUP, staffClaims(['secretariat', 'scheme:innlandet']))).status).toBe(403);
    expect((await app.store.listGroupLeaders('sor-rogaland')).find((r) => r.groupId === GROUP)!.revision).toBe(3);
  });

  it('a decision sent after the change goes to the new leaders, and the case says so', async () => {
    const { applicationId } = await app.payoutPending();
    const moved = await update({ leaderEmail: 'ny.leder.eldre@helse-stavanger.example', deputyLeaderEmail: 'ny.nestleder.eldre@helse-stavanger.example' });
    expect(moved.status).toBe(200);
    const view = (await app.call('get-application', { pathParameters: { applicationId }, as })).body;
    expect(view.decisionCopyTo).toMatchObject({ leaderEmail: 'ny.leder.eldre@helse-stavanger.example', deputyLeaderEmail: 'ny.nestleder.eldre@helse-stavanger.example' });
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const copies = app.mailer.sent.filter((m) => m.text.includes(applicationId) && m.text.includes('Du får denne e-posten som kopi'));
    expect(copies.map((m) => [m.to, m.cc])).toEqual([[['ny.leder.eldre@helse-stavanger.example'], ['ny.nestleder.eldre@helse-stavanger.example']]]);
  });
});

describe('the register of groups (pages)', () => {
  const registerPage = (query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/grupper', pathParameters: { schemeId: 'sor-rogaland' }, query, headers: HTML, claims: as }), 'page-groups');

  it('lists each group with a form; errors at the field; the start page links it for a community with groups only', async () => {
    const page = await registerPage();
    expect(page.status).toBe(200);
    const token = csrfTokenOf(page);
    expect(page.text).toContain('<h2 id="gruppe-tmg-barn-og-unge-navn">Tjenestemodellgruppe for barn og unge</h2>');
    expect(page.text).toContain('<form method="post" action="/sekretariat/sor-rogaland/grupper/tmg-barn-og-unge" novalidate aria-label="Endre lederne av Tjenestemodellgruppe for barn og unge">');
    expect(page.text).toContain('value="leder.tmg-barn-og-unge@helse-stavanger.example"');
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/{schemeId}/grupper/{groupId}', pathParameters: { schemeId: 'sor-rogaland', groupId: 'tmg-barn-og-unge' }, form, headers: HTML, claims: as }), 'page-update-group-leaders');
    const bad = await post({ leaderEmail: 'feil', deputyLeaderEmail: 'nestleder.tmg-barn-og-unge@helse-stavanger.example' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#gruppe-tmg-barn-og-unge-leaderEmail"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('value="feil"');
    const ok = await post({ leaderEmail: 'ny.leder.barn@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-barn-og-unge@helse-stavanger.example' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe('/sekretariat/sor-rogaland/grupper?endret=lagret#gruppe-tmg-barn-og-unge');
    const after = (await registerPage({ endret: 'lagret' })).text.replace(/\u00a0/g, ' ');
    expect(after).toContain('Lederne er lagret.');
    expect(after).toContain('<dt>Leder</dt><dd>ny.leder.barn@helse-stavanger.example</dd>');
    expect(after).toMatch(/<dt>Endret<\/dt><dd>\d\d\.\d\d\.\d{4} kl\. \d\d\.\d\d av sekretær-1 \(før: leder\.tmg-barn-og-unge@helse-stavanger\.example, nestleder\.tmg-barn-og-unge@helse-stavanger\.example\)<\/dd>/);

    const start = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat')).text;
    expect(start).toContain('<a href="/sekretariat/sor-rogaland/grupper">Tjenestemodellgrupper og fagråd</a>');
    expect(start).not.toContain('/sekretariat/innlandet/grupper');
    const innlandet = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/grupper', pathParameters: { schemeId: 'innlandet' }, headers: HTML, claims: as }), 'page-groups');
    expect(innlandet.status).toBe(404);
  });
});
