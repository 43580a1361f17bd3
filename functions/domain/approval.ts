// The committee's approval: the rules the amount and the period it grants keep, each at its field.
import type { FieldErrors } from './errors';
import { checkPeriod, periodAlreadyOver } from './grant-period';
import { amountAboveRequested } from './pot';

/** What the approval says so far: a form that failed its schema still has the fields that parsed. */
export interface ApprovalValues {
  amount?: number | undefined;
  periodStart?: string | undefined;
  periodEnd?: string | undefined;
}

/**
 * Every problem of an approval's amount and period at once (none: {}), on the values known: more
 * than applied for, a period longer than `maxPeriodMonths` or ending before it starts, a period
 * already over on `today` (the Oslo date). The pot, which may change until the write, is the use case's.
 */
export function approvalProblems(values: ApprovalValues, rules: { requestedAmount: number; maxPeriodMonths: number; today: string }): FieldErrors {
  const errors: FieldErrors = {};
  const above = values.amount === undefined ? undefined : amountAboveRequested(values.amount, rules.requestedAmount);
  if (above) errors['amount'] = above;
  const period = values.periodStart !== undefined && values.periodEnd !== undefined ? checkPeriod(values.periodStart, values.periodEnd, rules.maxPeriodMonths) : undefined;
  if (period && !period.ok) errors[period.field] = period.message;
  const over = values.periodEnd === undefined || errors['periodEnd'] ? undefined : periodAlreadyOver(values.periodEnd, rules.today);
  if (over) errors['periodEnd'] = over;
  return errors;
}
