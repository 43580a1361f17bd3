import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRETARIAT, startTestApp, type Submitted, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const AMOUNT = 1_900_000; // the 10 000 000 kr pot of 2026 fits five of these, with 500 000 kr left

describe('approvals racing for the same pot', () => {
  it('20 concurrent approvals through record-decision on a pot that fits 5: exactly 5 succeed, 15 get 409 pot_exhausted', async () => {
    const pot = await app.store.getPot('sor-rogaland', 2026);
    expect(pot).toMatchObject({ total: 10_000_000, remaining: 10_000_000 });

    const applications: Submitted[] = await Promise.all(
      Array.from({ length: 20 }, () =>
        app.scheduled('sor-rogaland', (a) => {
          a.requestedAmount = AMOUNT;
          a.budget[0]!.requestedGrant = 1_000_000;
          a.budget[1]!.requestedGrant = 500_000;
          a.budget[2]!.requestedGrant = 400_000;
        }),
      ),
    );
    expect(new Set(applications.map((a) => a.applicationId)).size).toBe(20);

    const results = await app.approveAtOnce(applications.map((a) => a.applicationId), AMOUNT);
    const ok = results.filter((r) => r.status === 201);
    const conflicts = results.filter((r) => r.status === 409);
    expect(ok).toHaveLength(5);
    expect(conflicts).toHaveLength(15);
    for (const c of conflicts) expect(c.body).toMatchObject({ error: 'ConflictError', reason: 'pot_exhausted' });

    const after = await app.store.getPot('sor-rogaland', 2026);
    expect(after?.remaining).toBe(10_000_000 - 5 * AMOUNT);
    expect(Object.keys(after?.reservations ?? {}).sort()).toEqual(ok.map((r) => r.body.application.id).sort());
    const approved = await app.store.listByStatus('sor-rogaland', 'approved');
    expect(approved.map((a) => a.id).sort()).toEqual(ok.map((r) => r.body.application.id).sort());
    expect(await app.store.listByStatus('sor-rogaland', 'scheduled')).toHaveLength(15);

    // The losers are untouched: still on the agenda, no decision recorded, and a smaller grant still fits.
    const loser = applications.find((a) => !after?.reservations[a.applicationId])!;
    expect(await app.store.listDecisions(loser.applicationId)).toEqual([]);
    const smaller = await app.call('record-decision', {
      pathParameters: { applicationId: loser.applicationId },
      json: { outcome: 'approve', amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' },
      as: SECRETARIAT,
    });
    expect(smaller.status).toBe(201);
    expect((await app.store.getPot('sor-rogaland', 2026))?.remaining).toBe(0);
  });
});
