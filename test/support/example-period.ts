// The examples apply for 2027; the start rule refuses a period that starts before the day it is sent.
import { maxPeriodEnd } from '../../functions/domain/grant-period';
import { addMonths, osloDateOf } from '../../functions/domain/oslo-time';
import type { ApplicationInput } from '../../schemas/application.schema';

/** The body as sent on `now`: a period already started runs twelve months from the first of the next month. */
export function periodFromNow<T extends Pick<ApplicationInput, 'periodStart' | 'periodEnd'>>(body: T, now: Date): T {
  const today = osloDateOf(now);
  if (body.periodStart >= today) return body;
  const periodStart = `${addMonths(today, 1).slice(0, 8)}01`;
  return { ...body, periodStart, periodEnd: maxPeriodEnd(periodStart, 12) };
}
