// The final-report schedule's moment is computed by one state and used by the next, which retries:
// every retry must still name a moment in the future (Scheduler refuses past ones).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { FINAL_REPORT_SCHEDULE_LEAD_MS } from '../../functions/use-cases/lifecycle-steps';
import { WORKFLOW_NAMES } from '../../workflows/definitions';

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

const SCHEDULE_STATES = [
  ['grant', 'CreateFinalReportSchedule'],
  ['final-report', 'RescheduleFinalReport'],
] as const;

it.each(SCHEDULE_STATES)('every retry of %s.asl.json %s happens before the moment the schedule names', (workflow, stateName) => {
  const definition = JSON.parse(readFileSync(new URL(`../../workflows/${workflow}.asl.json`, import.meta.url), 'utf8')) as { States: Record<string, { Retry?: Retrier[]; Resource?: string; TimeoutSeconds?: number }> };
  const create = definition.States[stateName]!;
  expect(create.Resource).toBe('arn:aws:states:::aws-sdk:scheduler:createSchedule');
  const retries = worstRetrySeconds(create.Retry ?? []);
  const attempts = 1 + (create.Retry ?? []).reduce((n, r) => n + (r.MaxAttempts ?? 3), 0);
  // Each call may take up to a minute before it fails (an SDK call's time-out), on top of the waits.
  const worstSeconds = retries + attempts * 60;
  expect(retries).toBeGreaterThan(0);
  expect(worstSeconds * 1000).toBeLessThan(FINAL_REPORT_SCHEDULE_LEAD_MS);
});

it('no workflow creates a schedule the list above does not hold to the lead', () => {
  const creating = WORKFLOW_NAMES.flatMap((workflow) => {
    const definition = JSON.parse(readFileSync(new URL(`../../workflows/${workflow}.asl.json`, import.meta.url), 'utf8')) as { States: Record<string, { Resource?: string }> };
    return Object.entries(definition.States).filter(([, s]) => s.Resource === 'arn:aws:states:::aws-sdk:scheduler:createSchedule').map(([name]) => `${workflow}/${name}`);
  });
  expect(creating.sort()).toEqual(SCHEDULE_STATES.map(([w, s]) => `${w}/${s}`).sort());
});
