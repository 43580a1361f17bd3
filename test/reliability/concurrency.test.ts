// Races: a hundred identical submissions (double clicks, retries) and a hundred approvals fighting
// over a pot that has room for ten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES } from '../../functions/domain/model';
import { application, linkIds, startHarness, type Harness } from '../support/local-system';
import { startTestApp, type TestApp } from '../support/test-app';

describe('100 concurrent submissions with the same Idempotency-Key (local system: HTTP API + workflow)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.stop());

  it('give one application: every answer carries the same id and owner link, one workflow, one receipt', async () => {
    const body = application({ title: 'Samme søknad sendt hundre ganger' });
    const key = 'dobbeltklikk-2026-11-20-0001';
    // A client that is told the first submission is still being written (409 submission_in_progress,
    // when the first call takes longer than the repeats wait) tries again, as the answer asks.
    let inProgress = 0;
    const answers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        for (let attempt = 0; ; attempt++) {
          const res = await fetch(`${h.system.url}/api/schemes/sor-rogaland/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body: JSON.stringify(body),
          });
          const answer = { status: res.status, body: (await res.json()) as { applicationId: string; statusUrl: string; created: boolean; reason?: string } };
          if (answer.status !== 409 || answer.body.reason !== 'submission_in_progress' || attempt >= 30) return answer;
          inProgress += 1;
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(99).fill(200), 201]);
    expect(new Set(answers.map((a) => a.body.applicationId)).size, `(${inProgress} answers said to try again)`).toBe(1);
    expect(new Set(answers.map((a) => a.body.statusUrl)).size).toBe(1);
    expect(answers.filter((a) => a.body.created)).toHaveLength(1);
    await h.system.settle();

    const id = answers[0]!.body.applicationId;
    const store = h.system.deps.store;
    const all = (await Promise.all(APPLICATION_STATUSES.map((s) => store.listByStatus('sor-rogaland', s)))).flat();
    expect(all.map((a) => a.id)).toEqual([id]);
    const links = await store.listLinks(id);
    expect(links.filter((l) => l.purpose === 'owner')).toHaveLength(1);
    expect(links.filter((l) => l.purpose === 'cosign')).toHaveLength(body.partners.length);
    const executions = (await h.system.lifecycle.runtime.listExecutions({})).executions.filter((e) => e.name.includes(id));
    expect(executions.map((e) => e.machineKey)).toEqual(['application']);
    const receipts = (await h.mailsTo(body.owner.email)).filter((m) => /mottatt/i.test(m.subject));
    expect(receipts).toHaveLength(1);
    for (const partner of body.partners) {
      expect((await h.mailsTo(partner.email)).filter((m) => linkIds(m, 'signering').length > 0)).toHaveLength(1);
    }

    // The same key with other content is refused, not merged.
    const other = await h.call('POST', '/api/schemes/sor-rogaland/applications', { ...body, title: 'En annen søknad' });
    expect(other.status).toBe(201); // no key: a new application
    const reused = await fetch(`${h.system.url}/api/schemes/sor-rogaland/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ ...body, title: 'En tredje søknad' }),
    });
    expect(reused.status).toBe(409);
  }, 60_000);
});

describe('100 concurrent approvals on a pot that fits 10 (handlers over dynalite)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.stop());

  const AMOUNT = 950_000; // the 10 000 000 kr pot of 2026 fits ten, with 500 000 kr left

  it('a retry that overtakes a slow first submission is told to try again instead of writing a second set of links', async () => {
    const original = app.store.createApplication.bind(app.store);
    let calls = 0;
    // The first submission stays in its write until the repeat has been answered.
    let repeatAnswered!: () => void;
    const gate = new Promise<void>((resolve) => (repeatAnswered = resolve));
    app.store.createApplication = async (...args) => {
      calls += 1;
      if (calls === 1) await gate;
      if (calls === 2) throw new Error('simulated crash before anything was written');
      return original(...args);
    };
    try {
      const body = app.application();
      const send = (key: string, json: unknown = body) => app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json, headers: { 'Idempotency-Key': key } });
      const first = send('treg-forste-innsending-1');
      // The repeat goes once the first holds the key and is writing (not after a fixed time, which a busy machine can outlast).
      while (calls === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const repeat = await send('treg-forste-innsending-1');
      repeatAnswered();
      expect(repeat.status).toBe(409);
      expect(repeat.body).toMatchObject({ error: 'ConflictError', reason: 'submission_in_progress' });
      const done = await first;
      expect(done.status).toBe(201);
      const links = await app.store.listLinks(done.body.applicationId);
      expect(links.filter((l) => l.purpose === 'owner')).toHaveLength(1);
      expect(links.filter((l) => l.purpose === 'cosign')).toHaveLength(body.partners.length);
      expect((await send('treg-forste-innsending-1')).body).toMatchObject({ applicationId: done.body.applicationId, statusUrl: done.body.statusUrl, created: false });

      // A first call that crashed after its claim: repeats within 30 s are told to wait, a later one finishes the work.
      // (Another application: the same one under a new key is the first one's repeat.)
      const other = app.application('sor-rogaland', (a) => (a.title = 'Krasjet innsending'));
      const crashed = await send('krasjet-innsending-1', other);
      expect(crashed.status).toBe(500);
      expect((await send('krasjet-innsending-1', other)).body).toMatchObject({ reason: 'submission_in_progress' });
      app.clock.set(new Date(app.clock.now().getTime() + 31_000).toISOString());
      const finished = await send('krasjet-innsending-1', other);
      expect(finished.status).toBe(201);
      expect((await app.store.listLinks(finished.body.applicationId)).filter((l) => l.purpose === 'owner')).toHaveLength(1);
    } finally {
      app.store.createApplication = original;
    }
  }, 30_000);

  it('exactly 10 allocations, 90 answers pot_exhausted, the pot never below zero, and the losers untouched', async () => {
    // A hundred applications on the agenda of the 10 December meeting, written straight to the store
    // (the race is the point here; test/http covers how applications get on an agenda).
    const now = app.clock.now().toISOString();
    const applications = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const data = app.application('sor-rogaland', (a) => {
          a.requestedAmount = AMOUNT;
          a.budget[0]!.requestedGrant = 500_000;
        });
        const applicationId = `app_pot_race_${String(i).padStart(3, '0')}`;
        await app.store.createApplication(
          {
            id: applicationId, schemeId: 'sor-rogaland', status: 'scheduled', revision: 1, version: 1, title: data.title, ownerEmail: data.owner.email,
            ownerIsInternalUnit: false, requestedAmount: AMOUNT, submittedAt: now, meetingId: '2026-12-10', history: [],
          },
          { applicationId, version: 1, createdAt: now, data },
          [],
        );
        return { applicationId };
      }),
    );
    expect(new Set(applications.map((a) => a.applicationId)).size).toBe(100);
    // No pot is stored before the year's first approval: the racing approvals also race to create it.
    expect(await app.store.getPot('sor-rogaland', 2026)).toBeUndefined();

    // Watch the pot while the approvals race.
    const seen: number[] = [];
    let racing = true;
    const watcher = (async () => {
      while (racing) {
        const pot = await app.store.getPot('sor-rogaland', 2026);
        if (pot) seen.push(pot.remaining);
        await new Promise((r) => setImmediate(r));
      }
    })();
    const results = await app.approveAtOnce(applications.map((a) => a.applicationId), AMOUNT);
    racing = false;
    await watcher;

    const ok = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(90);
    for (const r of refused) expect(r.body).toMatchObject({ error: 'ConflictError', reason: 'pot_exhausted' });

    const pot = await app.store.getPot('sor-rogaland', 2026);
    expect(pot).toMatchObject({ total: 10_000_000, remaining: 500_000 });
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(0);
    expect(Object.keys(pot?.reservations ?? {}).sort()).toEqual(ok.map((r) => r.body.application.id as string).sort());
    expect(Object.values(pot?.reservations ?? {}).reduce((s, n) => s + n, 0)).toBe(10 * AMOUNT);
    expect((await app.store.listByStatus('sor-rogaland', 'approved')).map((a) => a.id).sort()).toEqual(ok.map((r) => r.body.application.id as string).sort());
    expect(await app.store.listByStatus('sor-rogaland', 'scheduled')).toHaveLength(90);
    for (const r of ok) expect(await app.store.listDecisions(r.body.application.id)).toHaveLength(1);

    // A loser is untouched (still on the agenda, no decision), and a smaller grant still fits.
    const loser = applications.find((a) => pot?.reservations[a.applicationId] === undefined)!;
    expect(await app.store.listDecisions(loser.applicationId)).toEqual([]);
    const smaller = await app.decide(loser.applicationId, { outcome: 'approve', amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(smaller.status).toBe(201);
    expect((await app.store.getPot('sor-rogaland', 2026))?.remaining).toBe(0);
  }, 60_000);
});
