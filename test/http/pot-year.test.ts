// The committee grants in its meeting: an approval from a December meeting recorded in the first days
// of January (the decision may be recorded up to 30 days on) draws from December's pot, which the
// agenda and the minutes show for that meeting.
import { describe, expect, it } from 'vitest';
import { SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();

describe('the pot an approval draws from', () => {
  it("is the meeting's year, also when the decision is recorded in the next year", async () => {
    const { applicationId } = await app.scheduled(); // on the agenda of 10.12.2026
    const left = async (year: number) => (await app.store.getPot('sor-rogaland', year))?.remaining;
    const before2027 = await left(2027);
    await app.clock.setBackAfter(async () => {
      app.clock.set('2027-01-05T09:00:00.000Z');
      const res = await app.call('record-decision', { pathParameters: { applicationId }, as: SECRETARIAT, json: { outcome: 'approve', amount: 200_000, periodStart: '2027-02-01', periodEnd: '2027-12-31' } });
      expect(res.status, res.text).toBe(201);
    });
    expect((await app.store.getApplication(applicationId))!.allocation).toMatchObject({ potYear: 2026, amount: 200_000 });
    expect(await left(2026)).toBe(10_000_000 - 200_000);
    expect(await left(2027)).toBe(before2027);
  });
});
