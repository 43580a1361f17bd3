// The yearly pot: each allocation draws whole NOK from the pot of the decision's Oslo year.
import type { Meeting } from './model';
import { formatNok } from './money';
import { osloDateOf } from './oslo-time';

/** Two changes of the same pot met (a reservation given back, or a total applied, while another one ran). */
export const POT_BUSY_MESSAGE = 'Potten ble endret av noen andre samtidig. Prøv igjen.';

export type AllocationCheck = { ok: true } | { ok: false; field: 'amount'; message: string };

/** A positive whole-NOK amount that does not exceed what is left. */
export function fitsPot(remaining: number, amount: number): boolean {
  return isPositiveWholeNok(amount) && amount <= remaining;
}

/**
 * What is left of a year's pot whose configured total is `total`: all of it before the first
 * allocation; after that the stored remainder, moved by any change of the total since the pot was created.
 */
export function potRemaining(total: number, stored?: { total: number; remaining: number }): number {
  return stored ? stored.remaining + (total - stored.total) : total;
}

/** The pot year is the Oslo calendar year of the decision (31.12 23:30 Oslo is still that year). */
export function potYearOf(decisionInstant: Date): number {
  return Number(osloDateOf(decisionInstant).slice(0, 4));
}

/** The pot a meeting's approvals draw from: the committee decides in the meeting, so the year of its start. */
export function meetingPotYear(meeting: Pick<Meeting, 'startsAt'>): number {
  return potYearOf(new Date(meeting.startsAt));
}

/** A year with meetings ahead but no pot in the configuration: the committee cannot grant money in them until one is set. */
export interface MissingPot {
  year: number;
  /** the meetings still ahead (today's included) that draw from that year's pot, in calendar order */
  meetings: Array<{ id: string; date: string; title: string }>;
}

/**
 * The pot years that the meetings still ahead at `now` (those of today included: the committee may
 * be deciding in one) draw from and the configuration sets no pot for, earliest first. The pot is
 * configuration, so nothing but a deployment gives one; the secretariat must be told before the meeting.
 */
export function missingPots(meetings: readonly Pick<Meeting, 'id' | 'date' | 'title' | 'startsAt'>[], yearlyPotNok: Readonly<Record<string, number>>, now: Date): MissingPot[] {
  const today = osloDateOf(now);
  const byYear = new Map<number, MissingPot>();
  for (const m of meetings) {
    const year = meetingPotYear(m);
    if (m.date < today || yearlyPotNok[String(year)] !== undefined) continue;
    const missing = byYear.get(year) ?? { year, meetings: [] };
    missing.meetings.push({ id: m.id, date: m.date, title: m.title });
    byYear.set(year, missing);
  }
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/**
 * Checks an amount the committee wants to allocate. A committee may grant less than applied
 * for, never more, and never more than the pot has left.
 */
export function allocationCheck(input: {
  amount: number;
  requestedAmount: number;
  remaining: number;
}): AllocationCheck {
  const { amount, requestedAmount, remaining } = input;
  if (!isPositiveWholeNok(amount)) {
    return { ok: false, field: 'amount', message: 'Beløpet må være et helt antall kroner større enn 0.' };
  }
  const above = amountAboveRequested(amount, requestedAmount);
  if (above) return { ok: false, field: 'amount', message: above };
  if (!fitsPot(remaining, amount)) {
    return {
      ok: false,
      field: 'amount',
      message: `Beløpet er større enn det som er igjen i potten (${formatNok(remaining)}).`,
    };
  }
  return { ok: true };
}

/** A committee may grant less than applied for, never more (undefined: the amount is not more). */
export function amountAboveRequested(amount: number, requestedAmount: number): string | undefined {
  return amount > requestedAmount ? `Tildelt beløp kan ikke være større enn omsøkt beløp (${formatNok(requestedAmount)}).` : undefined;
}

/** Why an amount said to be of the grant (moved, spent, claimed back) cannot be: more than was granted (undefined: it can). */
export function beyondGrant(amount: number, granted: number, what: string): string | undefined {
  return amount > granted ? `${what} kan ikke være større enn tilskuddet (${formatNok(granted)}).` : undefined;
}

function isPositiveWholeNok(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount > 0;
}

/**
 * What the open cases of an agenda ask for, against what is left in the pot: the committee weighs
 * the portfolio as a whole (000: "Total kapasitet på porteføljen vurderes"), and must prioritise
 * when the cases ask for more than is left.
 */
export function agendaDemand(requestedAmounts: readonly number[], remaining: number | undefined): { openCases: number; requested: number; exceedsPot: boolean } {
  const requested = requestedAmounts.reduce((sum, amount) => sum + amount, 0);
  return { openCases: requestedAmounts.length, requested, exceedsPot: remaining !== undefined && requested > remaining };
}
