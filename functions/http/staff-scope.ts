// Which health communities a staff request acts in: the one its path names, or the one of the
// application, payout or project number it names. httpRoute refuses (403) a request for a
// community the staff member does not act for (see StaffPrincipal.schemes).
import { runningSchemeIds, type Dependencies } from '../composition';
import { schemeProjectNumbers } from '../domain/payout';

export async function schemesOfRequest(deps: Pick<Dependencies, 'store' | 'scheme'>, params: Record<string, string>, query: Record<string, string>): Promise<string[]> {
  if (params.schemeId) return [params.schemeId];
  if (params.applicationId) {
    const app = await deps.store.getApplication(params.applicationId);
    return app ? [app.schemeId] : [];
  }
  if (params.payoutId) {
    const payout = await deps.store.getPayout(params.payoutId);
    return payout ? [payout.schemeId] : [];
  }
  // Finance's lists: `projectNumber` in the API, `prosjektnummer` on the page. A scheme's former
  // project numbers are its own too: their payouts are still its finance's to handle. A number no
  // scheme has (any longer) could be any community's, so only those who act for all may list it.
  const projectNumber = (query.projectNumber ?? query.prosjektnummer ?? '').trim();
  if (!projectNumber) return [];
  const running = runningSchemeIds(deps);
  const owners = running.filter((id) => schemeProjectNumbers(deps.scheme(id)!).includes(projectNumber)); // running: configured
  return owners.length > 0 ? owners : running;
}
