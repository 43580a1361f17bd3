// The committee may grant less, or another period, than applied for: the decision letter and its
// copy to the group's leaders then say what was applied for beside what was granted.
import { describe, expect, it } from 'vitest';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

const letters = (applicationId: string) => {
  const sent = app.mailer.sent.filter((m) => m.idempotencyKey?.startsWith(`decision-letter#${applicationId}`));
  return { owner: sent.find((m) => m.idempotencyKey === `decision-letter#${applicationId}`)!.text.replace(/\u00a0/g, ' '), copy: sent.find((m) => m.idempotencyKey === `decision-letter#${applicationId}#kopi`)!.text.replace(/\u00a0/g, ' ') };
};

describe('a grant that differs from the application', () => {
  it('the letter says what was applied for and what the committee granted; the copy says it of the applicant', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland', (a) => {
      a.requestedAmount = 500_000;
      a.budget = a.budget.map((line, i) => ({ ...line, requestedGrant: [250_000, 150_000, 100_000][i]! }));
    }); // 2027-01-01–2027-12-31
    const granted = await app.decide(applicationId, { outcome: 'approve', amount: 400_000, periodStart: '2027-03-01', periodEnd: '2028-02-29' });
    expect(granted.status, granted.text).toBe(201);
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const { owner, copy } = letters(applicationId);
    expect(owner).toContain('Dere søkte om 500 000 kr for perioden 01.01.2027–31.12.2027; FSU innvilget 400 000 kr for perioden 01.03.2027–29.02.2028.');
    expect(copy).toContain('Søkeren søkte om 500 000 kr for perioden 01.01.2027–31.12.2027; FSU innvilget 400 000 kr for perioden 01.03.2027–29.02.2028.');
  });

  it('a grant as applied for says nothing of the kind', async () => {
    const { applicationId } = await app.scheduled(); // 850 000 kr, 2027-01-01–2027-12-31
    expect((await app.decide(applicationId, { outcome: 'approve', amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' })).status).toBe(201);
    await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const { owner, copy } = letters(applicationId);
    expect(owner).not.toContain('søkte om');
    expect(copy).not.toContain('søkte om');
  });
});
