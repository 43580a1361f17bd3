// Which execution runs a grant's final-report phase (CheckPeriodEnd, action final-report-period):
// the one that claims it after the grant phase handed over. A grant whose grant phase ended before
// hand-overs were recorded has none, and no wait for its status report: it is handed over then,
// so its final report is not skipped.
import { expect, it } from 'vitest';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

const step = (applicationId: string, executionName: string) =>
  runLifecycleStep(app.deps, 'final-report-period', { applicationId, executionStartTime: app.clock.now().toISOString(), executionName });

it('runs in one execution once the period is over; a grant with no hand-over runs unless it still waits for its status report', async () => {
  // The test app runs no workflow: like a grant older than hand-overs, it has none.
  const { applicationId } = await app.active();
  expect(await step(applicationId, 'early')).toMatchObject({ periodOver: false, runs: false, schedule: { name: `final-report-${applicationId}-2027-12-31` } });

  const waiting = await app.active();
  await app.deps.tasks.putWaitingTask({ applicationId: waiting.applicationId, step: 'status-report', taskToken: 'token-of-the-wait', executionName: 'grant-x', registeredAt: app.clock.now().toISOString() });

  app.clock.set('2028-01-02T09:00:00.000Z');
  expect(await step(applicationId, 'at-the-end')).toMatchObject({ periodOver: true, runs: true });
  expect(await step(applicationId, 'at-the-end')).toMatchObject({ runs: true }); // its own retry
  expect(await step(applicationId, 'old-schedule')).toMatchObject({ periodOver: true, runs: false });
  // Still waiting for its status report: the grant phase hands over, later.
  expect(await step(waiting.applicationId, 'kicked')).toMatchObject({ periodOver: true, runs: false });
  expect(await app.store.finalReportHandedOver(waiting.applicationId)).toBe(false);
  // An execution of the definition before claims passes no name: it runs, as it always did.
  expect(await runLifecycleStep(app.deps, 'final-report-period', { applicationId: waiting.applicationId, executionStartTime: app.clock.now().toISOString() })).toMatchObject({ periodOver: true, runs: true });
});
