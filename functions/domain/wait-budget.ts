// Step Functions executions end after one year. Every wait is capped so an execution that started
// at `executionStart` finishes well inside that limit, whatever the step's own deadline.
export const MAX_EXECUTION_DAYS = 355;
const DAY_MS = 86_400_000;

/** Seconds a callback task may wait: until `until`, but never past the execution's budget; at least a minute. */
export function waitSeconds(until: Date, executionStart: Date, now: Date, maxExecutionDays = MAX_EXECUTION_DAYS): number {
  const budgetEnd = executionStart.getTime() + maxExecutionDays * DAY_MS;
  const end = Math.min(until.getTime(), budgetEnd);
  return Math.max(60, Math.ceil((end - now.getTime()) / 1000));
}

export function addDaysToInstant(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}
