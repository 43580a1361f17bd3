// In AWS a DynamoDB index may lag its table by a moment; dynalite's never does, so the local runs
// cannot show it. The signing requests read an application's links through an index right after
// they were written: a step that sees only some of them must send nothing and fail, so that the
// workflow's retry (States.TaskFailed) looks again, instead of leaving a partner without a request.
import { expect, it } from 'vitest';
import { ownContribution } from '../../functions/domain/budget';
import { formatNok } from '../../functions/mail/templates';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

it('request-cosignatures sends nothing while a link is not yet visible, and everything once it is', async () => {
  const data = app.application();
  const { applicationId } = await app.submit('sor-rogaland', data);
  const input = { applicationId, executionStartTime: app.clock.now().toISOString() };
  const partners = data.partners.map((p) => p.email);
  const mailed = () => app.mailer.sent.filter((m) => m.to.some((to) => partners.includes(to) || to === data.owner.email));

  const listLinks = app.store.listLinks.bind(app.store);
  try {
    // The index has the owner's link and the first partner's, not yet the others'.
    app.store.listLinks = async (id) => (await listLinks(id)).filter((l) => l.purpose === 'owner' || l.partnerIndex === 0);
    const lagging = await runLifecycleStep(app.deps, 'request-cosignatures', input).then(() => undefined, (error: Error) => error);
    expect(lagging?.name).toBe('LinksNotYetVisible');
    expect(mailed()).toEqual([]);
    // Not even the owner's link yet.
    app.store.listLinks = async (id) => (await listLinks(id)).filter((l) => l.purpose === 'cosign');
    expect((await runLifecycleStep(app.deps, 'request-cosignatures', input).then(() => undefined, (error: Error) => error))?.name).toBe('LinksNotYetVisible');
    expect(mailed()).toEqual([]);
  } finally {
    app.store.listLinks = listLinks;
  }

  // The retry sees every link: the receipt and one request per partner.
  await runLifecycleStep(app.deps, 'request-cosignatures', input);
  const requests = mailed().filter((m) => partners.some((p) => m.to.includes(p)));
  expect(new Set(requests.flatMap((m) => m.to))).toEqual(new Set(partners));
  // Each request names what that partner contributes, from its budget line.
  for (const [i, partner] of data.partners.entries()) {
    const line = data.budget.find((b) => b.partnerIndex === i)!;
    const request = requests.find((m) => m.to.includes(partner.email) && m.text.includes('/signering/'))!;
    expect(request.text).toContain(`Deres egeninnsats: ${formatNok(ownContribution(line))}`);
  }
  expect(mailed().filter((m) => m.to.includes(data.owner.email) && /mottatt/i.test(m.subject))).toHaveLength(1);
});
