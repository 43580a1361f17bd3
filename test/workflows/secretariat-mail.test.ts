// The secretariat's e-mails about a case link to the whole case (the staff page behind the sign-in),
// never to an owner's or partner's capability link.
import { expect, it } from 'vitest';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { reportLastChance } from '../../functions/domain/report-deadlines';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

it('a reallocation request: the secretariat is told, with a link to the case where it is decided', async () => {
  const { applicationId, ownerLinkId } = await app.active();
  const requested = await app.call('request-reallocation', { pathParameters: { linkId: ownerLinkId }, json: { description: 'Flytte midler.', amount: 20_000 } });
  const secretariat = app.scheme('sor-rogaland').secretariatEmail;
  await runLifecycleStep(app.deps, 'reallocation-requested', { applicationId, executionStartTime: app.clock.now().toISOString(), reallocationId: requested.body.id });
  const told = app.mailer.sent.filter((m) => m.to.includes(secretariat) && m.subject.startsWith('[FSU] Søknad om omdisponering'));
  expect(told).toHaveLength(1);
  expect(told[0]!.text).toContain(`https://tilskudd.example/sekretariat/soknader/${applicationId}`);
});

it('a missing status report: the secretariat is told, with a link to the whole case', async () => {
  const { applicationId } = await app.active();
  const scheme = app.scheme('sor-rogaland');
  const secretariat = scheme.secretariatEmail;
  const started = app.clock.now().toISOString();
  // The workflow's wait ends when every overdue reminder has had its chance.
  const { statusReportDue } = (await app.store.getApplication(applicationId))!.allocation!;
  app.clock.set(reportLastChance(statusReportDue, scheme.reminders).toISOString());
  try {
    await runLifecycleStep(app.deps, 'status-report-missing', { applicationId, executionStartTime: started });
  } finally {
    app.clock.set(started);
  }
  const told = app.mailer.sent.filter((m) => m.to.includes(secretariat) && m.subject.startsWith('[FSU] Rapport mangler: statusrapport'));
  expect(told).toHaveLength(1);
  expect(told[0]!.text).toContain(`https://tilskudd.example/sekretariat/soknader/${applicationId}`);
  expect(told[0]!.text).not.toMatch(/\/(soknad|signering|rapport)\/[A-Za-z0-9_-]{20,}/);
});
