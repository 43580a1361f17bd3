// The links people get by e-mail are capabilities: opaque (≥ 128 random bits), single-use where
// they act (co-signing, reports), expiring (410 afterwards), and opening one (GET) never acts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/http/routes';
import { SCHEMES } from '../../config/schemes';
import type { LinkRecord } from '../../functions/domain/model';
import { activeGrant, application, linkIds, startHarness, submit, type Harness } from '../support/local-system';
import { startTestApp, type TestApp } from '../support/test-app';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

describe('link ids in every e-mail of a whole grant', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('are opaque: ≥ 128 bits of base64url, all different, nothing readable in them', async () => {
    const data = application();
    const { id } = await activeGrant(h, data);
    await submit(h, application({ title: 'En søknad til' }));
    const mails = await h.mails();
    const ids = mails.flatMap((m) => [...linkIds(m, 'signering'), ...linkIds(m, 'soknad'), ...linkIds(m, 'rapport')]);
    // Every link in a mail points at one of the three link pages, or (in the secretariats' mails
    // only) at the whole case or a meeting's agenda behind the staff sign-in, or (in finance's only)
    // at the finance page of the payout's project number.
    const urlsOf = (m: (typeof mails)[number]) => `${m.body.text ?? ''} ${m.body.html ?? ''}`.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];
    const secretariats = Object.values(SCHEMES).map((s) => s.secretariatEmail);
    const finance = Object.values(SCHEMES).map((s) => s.financeEmail);
    for (const m of mails) {
      const staffMail = m.destination.to.every((to) => secretariats.includes(to));
      const financeMail = m.destination.to.every((to) => finance.includes(to));
      for (const url of urlsOf(m)) {
        if (financeMail && new URL(url).pathname === '/okonomi') {
          expect([...new URL(url.replace(/&amp;/g, '&')).searchParams.keys()], url).toEqual(['prosjektnummer']);
          continue;
        }
        expect(new URL(url).pathname, url).toMatch(staffMail ? /^\/((signering|soknad|rapport)\/[A-Za-z0-9_-]+|sekretariat\/soknader\/app_[A-Za-z0-9_-]+|sekretariat\/[a-z-]+\/moter\/\d{4}-\d{2}-\d{2})$/ : /^\/(signering|soknad|rapport)\/[A-Za-z0-9_-]+$/);
      }
    }
    expect(mails.some((m) => urlsOf(m).some((u) => u.includes(`/sekretariat/soknader/${id}`)))).toBe(true);
    const unique = [...new Set(ids)];
    expect(unique.length).toBeGreaterThanOrEqual(9); // 2 owners, 6 partners, a report
    for (const link of unique) {
      expect(link, link).toMatch(BASE64URL);
      expect(link.length * 6, `${link}: bits`).toBeGreaterThanOrEqual(128);
      expect(link).not.toContain(id);
      expect(link.toLowerCase()).not.toMatch(/soknad|signer|rapport|app_/);
    }
    // 64 characters of alphabet in use across the ids (random, not a counter or a hex/decimal encoding).
    expect(new Set(unique.join('')).size).toBeGreaterThan(40);
    // The ids in the store: the same alphabet and length for every link, mailed or not.
    const stored = await h.system.deps.store.listLinks(id);
    for (const l of stored) expect(l.id.length * 6).toBeGreaterThanOrEqual(128);
  });
});

describe('what a link may do (handlers over dynalite)', () => {
  let app: TestApp;
  const writes: string[] = [];
  let counting = false;
  beforeAll(async () => {
    app = await startTestApp();
    (app.dynamo.client.middlewareStack as unknown as { add(mw: unknown, o: object): void }).add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        if (counting && /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(context.commandName ?? '')) writes.push(context.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'count-writes' },
    );
  });
  afterAll(async () => app?.stop());

  it('a co-sign link acts once: a second answer is told the first (a double post), and nothing changes', async () => {
    const { applicationId } = await app.submit();
    const [link] = await app.cosignLinks(applicationId);
    expect((await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: { decision: 'sign' } })).status).toBe(200);
    const before = await app.store.getApplication(applicationId);
    for (const decision of [{ decision: 'sign' }, { decision: 'decline', reason: 'Ombestemt meg' }]) {
      const again = await app.call('cosign-application', { pathParameters: { linkId: link!.id }, json: decision });
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({ decision: 'signed', alreadyAnswered: true });
    }
    expect((await app.store.getApplication(applicationId))?.revision).toBe(before?.revision);
    expect(await app.store.listSignatures(applicationId, 1)).toHaveLength(1);
    expect((await app.store.getLink(link!.id))?.state).toBe('used');
  });

  it('a report link acts once: a second report is refused and only one is stored', async () => {
    const { applicationId } = await app.active();
    const linkId = await app.reportLink(applicationId, 'status');
    const report = { progress: 'Godt i gang', effect: 'Bedre samhandling', spentAmount: 100_000 };
    expect((await app.call('submit-report', { pathParameters: { linkId }, json: report })).status).toBe(201);
    const again = await app.call('submit-report', { pathParameters: { linkId }, json: { ...report, progress: 'Endret' } });
    expect([409, 410]).toContain(again.status);
    expect(await app.store.listReports(applicationId)).toHaveLength(1);
    expect((await app.store.getLink(linkId))?.state).toBe('used');
  });

  it("a draft's link is opaque too, and opening it (repeatedly) writes nothing", async () => {
    const saved = await app.call('page-submit-application', {
      pathParameters: { schemeId: 'sor-rogaland' },
      form: { title: 'Utkast', 'owner.email': 'utkast@kommune.example', _handling: 'utkast', _idempotencyKey: 'skjema-lenketest-1' },
      headers: { accept: 'text/html' },
    });
    const draftId = /^\/soknad\/utkast\/([^?]+)\?/.exec(saved.headers.location ?? '')?.[1];
    expect(draftId).toMatch(BASE64URL);
    expect(draftId!.length * 6).toBeGreaterThanOrEqual(128);
    const mail = app.mailer.sent.find((m) => m.to.includes('utkast@kommune.example'))!;
    expect(mail.text).toContain(`https://tilskudd.example/soknad/utkast/${draftId}\n`);
    const before = JSON.stringify(await app.deps.drafts.get(draftId!));
    counting = true;
    try {
      for (let i = 0; i < 3; i++) expect((await app.call('page-draft-form', { pathParameters: { draftId: draftId! }, headers: { accept: 'text/html' } })).status).toBe(200);
    } finally {
      counting = false;
    }
    expect(writes).toEqual([]);
    expect(JSON.stringify(await app.deps.drafts.get(draftId!))).toBe(before);
  });

  it('links expire: 410 for opening and for acting once the expiry has passed', async () => {
    const { applicationId } = await app.submit();
    const [cosign] = await app.cosignLinks(applicationId);
    const active = await app.active();
    const report = await app.reportLink(active.applicationId, 'status', 30);
    app.clock.advanceDays(app.scheme().linkValidityDays + 1);
    try {
      expect((await app.call('get-cosign-view', { pathParameters: { linkId: cosign!.id } })).status).toBe(410);
      expect((await app.call('cosign-application', { pathParameters: { linkId: cosign!.id }, json: { decision: 'sign' } })).status).toBe(410);
      expect((await app.call('get-report-form', { pathParameters: { linkId: report } })).status).toBe(410);
      expect((await app.call('submit-report', { pathParameters: { linkId: report }, json: { progress: 'x', effect: 'y', spentAmount: 1 } })).status).toBe(410);
      expect(await app.store.listSignatures(applicationId, 1)).toEqual([]);
      expect(await app.store.listReports(active.applicationId)).toEqual([]);
    } finally {
      app.clock.advanceDays(-(app.scheme().linkValidityDays + 1));
    }
  });

  it('GET never acts: opening co-sign, report, owner and page links (repeatedly) writes nothing', async () => {
    const submitted = await app.submit();
    const active = await app.active();
    const report = await app.reportLink(active.applicationId, 'status');
    const [cosign] = await app.cosignLinks(submitted.applicationId);
    const links: Record<LinkRecord['purpose'], string[]> = {
      cosign: [cosign!.id],
      owner: [submitted.ownerLinkId, active.ownerLinkId],
      'status-report': [report],
      'final-report': [],
    };
    const snapshot = async () =>
      JSON.stringify(
        await Promise.all(
          [submitted.applicationId, active.applicationId].map(async (id) => [
            await app.store.getApplication(id),
            await app.store.listLinks(id),
            await app.store.listSignatures(id, 1),
            await app.store.listReports(id),
            await app.store.listDecisions(id),
          ]),
        ),
      );
    const before = await snapshot();
    // Every GET route with a {linkId}: the JSON API and the web pages.
    const getRoutes = ROUTES.filter((r) => r.method === 'GET' && r.path.includes('{linkId}'));
    expect(getRoutes.map((r) => r.id)).toEqual(expect.arrayContaining(['get-owner-view', 'get-cosign-view', 'get-report-form']));
    counting = true;
    let opened = 0;
    try {
      for (const route of getRoutes) {
        for (const linkId of Object.values(links).flat()) {
          for (let i = 0; i < 3; i++) {
            const res = await app.call(route.id, { pathParameters: { linkId }, headers: { accept: 'text/html' } });
            expect(res.status, `${route.id} ${res.text.slice(0, 200)}`).toBeLessThan(500);
            if (res.status === 200) opened += 1;
          }
        }
      }
    } finally {
      counting = false;
    }
    expect(opened).toBeGreaterThanOrEqual(9);
    expect(writes).toEqual([]);
    expect(await snapshot()).toBe(before);
    expect((await app.store.getLink(cosign!.id))?.state).toBe('active');
    expect((await app.store.getLink(report))?.state).toBe('active');
  });
});
