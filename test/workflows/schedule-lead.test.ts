// The final-report schedule's moment is computed by one state and used by the next, which retries:
// every retry must still name a moment in the future (Scheduler refuses past ones).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FINAL_REPORT_SCHEDULE_LEAD_MS } from '../../functions/use-cases/lifecycle-steps';

interface Retrier { ErrorEquals: string[]; IntervalSeconds?: number; MaxAttempts?: number; BackoffRate?: number; MaxDelaySeconds?: number }

/** The longest the retriers can hold a state: each retrier's own attempts, one after another (Step Functions' defaults where unset). */
function worstRetrySeconds(retriers: readonly Retrier[]): number {
  let total = 0;
  for (const r of retriers) {
    const interval = r.IntervalSeconds ?? 1;
    for (let attempt = 0; attempt < (r.MaxAttempts ?? 3); attempt++) {
      total += Math.min(interval * (r.BackoffRate ?? 2) ** attempt, r.MaxDelaySeconds ?? Number.POSITIVE_INFINITY);
    }
  }
  return total;
}

it('every retry of CreateFinalReportSchedule happens before the moment the schedule names', () => {
  const definition = JSON.parse(readFileSync(new URL('../../workflows/grant.asl.json', import.meta.url), 'utf8')) as { States: Record<string, { Retry?: Retrier[]; Resource?: string; TimeoutSeconds?: number }> };
  const create = definition.States['CreateFinalReportSchedule']!;
  expect(create.Resource).toBe('arn:aws:states:::aws-sdk:scheduler:createSchedule');
  const retries = worstRetrySeconds(create.Retry ?? []);
  const attempts = 1 + (create.Retry ?? []).reduce((n, r) => n + (r.MaxAttempts ?? 3), 0);
  // Each call may take up to a minute before it fails (an SDK call's time-out), on top of the waits.
  const worstSeconds = retries + attempts * 60;
  expect(retries).toBeGreaterThan(0);
  expect(worstSeconds * 1000).toBeLessThan(FINAL_REPORT_SCHEDULE_LEAD_MS);
});
