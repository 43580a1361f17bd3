// The yearly pot: its total is the scheme's configuration (yearlyPotNok), what is left is state in
// the table. The first approval of a year creates the pot; a total changed in the configuration is
// shown at once and applied to the stored pot at the next approval.
import { ConflictError } from '../domain/errors';
import type { Meeting, PotRecord } from '../domain/model';
import { meetingPotYear, POT_BUSY_MESSAGE, potRemaining } from '../domain/pot';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export interface YearlyPot {
  schemeId: string;
  year: number;
  /** the configured total */
  total: number;
  /** the stored pot; absent until the year's first approval */
  stored?: PotRecord;
}

/** The year's pot as configured and stored, without writing anything; undefined when the configuration sets none. */
export async function readPot(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig, year: number): Promise<YearlyPot | undefined> {
  const total = scheme.yearlyPotNok[String(year)];
  if (total === undefined) return undefined;
  const stored = await deps.store.getPot(scheme.id, year);
  return { schemeId: scheme.id, year, total, ...(stored ? { stored } : {}) };
}

/** What is left to allocate; an application's own reservation counts as left for it (a repeated approval). */
export function leftInPot(pot: YearlyPot, applicationId?: string): number {
  return potRemaining(pot.total, pot.stored) + (applicationId ? (pot.stored?.reservations[applicationId] ?? 0) : 0);
}

/** What is left in the pot of the meeting's year, for its agenda and minutes (undefined: no pot configured). */
export async function meetingPotRemaining(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig, meeting: Pick<Meeting, 'startsAt'>): Promise<number | undefined> {
  const pot = await readPot(deps, scheme, meetingPotYear(meeting));
  return pot ? leftInPot(pot) : undefined;
}

/** Makes the stored pot match the configuration (created, or its total moved) so a reservation can draw from it. */
export async function preparePot(deps: Pick<Dependencies, 'store'>, pot: YearlyPot): Promise<void> {
  let stored = pot.stored;
  // A few rounds at most: another approval may create the pot or apply the same total in between.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (stored?.total === pot.total) return;
    if (!stored) await deps.store.ensurePot(pot.schemeId, pot.year, pot.total);
    else await deps.store.setPotTotal(pot.schemeId, pot.year, stored.total, pot.total);
    stored = await deps.store.getPot(pot.schemeId, pot.year);
  }
  throw new ConflictError(POT_BUSY_MESSAGE, 'stale');
}
