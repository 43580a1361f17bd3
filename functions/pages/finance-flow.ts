// Finance's forms return to the list they were posted from: 303 on success, or the list
// re-rendered with the form's errors.
import type { Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { actsFor } from '../http/staff-auth';
import { financeProjectNumbers, payoutProjectNumber } from '../use-cases/page-views';
import { listPayoutsWithTitles } from '../use-cases/payouts';
import { csrfToken } from './csrf';
import { firstValue, type FormBody } from './forms';
import { financePage, financePath, financeReturnPath, type FinanceFilter, type FinanceView } from './finance-page';
import { staffPage } from './page-kit';

/** The project numbers of the communities this staff member acts for (the list's choices). */
export function ownProjectNumbers(deps: Dependencies, request: RouteRequest<unknown>) {
  return financeProjectNumbers(deps, actsFor(request.staff));
}

export async function financeView(deps: Dependencies, request: RouteRequest<unknown>, filter: FinanceFilter): Promise<{ view: FinanceView; headers: Record<string, string> }> {
  const csrf = csrfToken(request.event as Parameters<typeof csrfToken>[0]);
  const { payouts, titles } = await listPayoutsWithTitles(deps, filter.projectNumber, filter.state);
  return { view: { filter, projectNumbers: ownProjectNumbers(deps, request), payouts, titles, csrf: csrf.token }, headers: csrf.headers };
}

/** The list the form came from (its hidden `tilbake`), else the payout's project number. */
async function returnFilter(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, payoutId: string): Promise<FinanceFilter> {
  const fallback = { projectNumber: (await payoutProjectNumber(deps, payoutId)) ?? ownProjectNumbers(deps, request)[0]?.projectNumber ?? '' };
  return financeReturnPath(firstValue(form, 'tilbake'), fallback);
}

export async function afterFinanceAction(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, payoutId: string, code: string): Promise<HttpResult> {
  const filter = await returnFilter(deps, request, form, payoutId);
  return redirect(`${financePath(filter)}&melding=${encodeURIComponent(code)}`);
}

export async function rerenderFinance(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, failed: NonNullable<FinanceView['failed']>, status: number): Promise<HttpResult> {
  const { view, headers } = await financeView(deps, request, await returnFilter(deps, request, form, failed.payoutId));
  return staffPage(request, status, { ...financePage({ ...view, failed }), headers });
}
