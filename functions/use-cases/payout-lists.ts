// The lists that read payouts by project number: finance's list, and a scheme's payouts for the
// follow-up of missing invoices and the half-year report. A scheme's payouts are under its current
// project number and the ones it had before (formerProjectNumbers): one Query per number, no Scan.
import type { PayoutRecord, PayoutState } from '../domain/model';
import { mergePayoutLists, schemeProjectNumbers } from '../domain/payout';
import { runningSchemeIds, type Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

/** The payouts under these project numbers, one Query each, as one list in the order of each (by state, then when made). */
async function listPayoutsUnder(deps: Dependencies, projectNumbers: readonly string[], state?: PayoutState): Promise<PayoutRecord[]> {
  return mergePayoutLists(await Promise.all(projectNumbers.map((n) => deps.store.listPayoutsByProject(n, state))));
}

/** A scheme's payouts under its current project number and the ones it had before. */
export function listSchemePayouts(deps: Dependencies, scheme: SchemeConfig, state?: PayoutState): Promise<PayoutRecord[]> {
  return listPayoutsUnder(deps, schemeProjectNumbers(scheme), state);
}

/**
 * The project numbers finance's list of `projectNumber` reads: that number, and where it is a
 * scheme's current one, the numbers the scheme had before (their payouts are still to handle). A
 * former number asked for is listed alone.
 */
export function payoutListNumbers(deps: Pick<Dependencies, 'scheme'>, projectNumber: string): string[] {
  const schemes = runningSchemeIds(deps).flatMap((id) => deps.scheme(id) ?? []);
  return [...new Set(schemes.filter((s) => s.projectNumber === projectNumber).flatMap(schemeProjectNumbers).concat(projectNumber))];
}

export async function listPayouts(deps: Dependencies, projectNumber: string, state?: PayoutState) {
  return listPayoutsUnder(deps, payoutListNumbers(deps, projectNumber), state);
}

/**
 * Finance's list: the payouts, the project title of each one's case (by case number), to tell them
 * apart, and the project numbers read (the one asked for first).
 */
export async function listPayoutsWithTitles(deps: Dependencies, projectNumber: string, state?: PayoutState): Promise<{ payouts: PayoutRecord[]; titles: ReadonlyMap<string, string>; projectNumbers: string[] }> {
  const projectNumbers = payoutListNumbers(deps, projectNumber);
  const payouts = await listPayoutsUnder(deps, projectNumbers, state);
  const apps = await deps.store.getApplications(payouts.map((p) => p.applicationId));
  return { payouts, titles: new Map(apps.map((a) => [a.id, a.title])), projectNumbers };
}
