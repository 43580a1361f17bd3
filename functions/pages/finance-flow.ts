// Finance's forms return to the list they were posted from: 303 on success, or the list
// re-rendered with the form's errors.
import { dependencies, type Dependencies } from '../composition';
import type { RouteRequest } from '../http/http-route';
import { redirect, type HttpResult } from '../http/responses';
import { actsFor } from '../http/staff-auth';
import { financeProjectNumbers, payoutProjectNumber } from '../use-cases/page-views';
import { listPayoutsWithTitles } from '../use-cases/payout-lists';
import { checkCsrf, csrfToken } from './csrf';
import { firstValue, toFormBody, type FormBody } from './forms';
import { financePage, financePath, financeReturnPath, type FinanceFilter, type FinanceView } from './finance-page';
import { formRefusal, staffPage } from './page-kit';

/** The project numbers of the communities this staff member acts for (the list's choices). */
export function ownProjectNumbers(deps: Dependencies, request: RouteRequest<unknown>) {
  return financeProjectNumbers(deps, actsFor(request.staff));
}

export async function financeView(deps: Dependencies, request: RouteRequest<unknown>, filter: FinanceFilter): Promise<{ view: FinanceView; headers: Record<string, string> }> {
  const csrf = csrfToken(request.event as Parameters<typeof csrfToken>[0]);
  const { payouts, titles, projectNumbers } = await listPayoutsWithTitles(deps, filter.projectNumber, filter.state);
  const formerListed = projectNumbers.filter((n) => n !== filter.projectNumber);
  return { view: { filter, projectNumbers: ownProjectNumbers(deps, request), formerListed, payouts, titles, csrf: csrf.token }, headers: csrf.headers };
}

/** The list the form came from (its hidden `tilbake`), else the payout's project number. */
async function returnFilter(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, payoutId: string): Promise<FinanceFilter> {
  const fallback = { projectNumber: (await payoutProjectNumber(deps, payoutId)) ?? ownProjectNumbers(deps, request)[0]?.projectNumber ?? '' };
  return financeReturnPath(firstValue(form, 'tilbake'), fallback);
}

/**
 * One of finance's form posts on a payout: CSRF, the action, then back to the list with the notice
 * `code` (or the one `code` picks from what the action did); or, whatever the action refused (a
 * field, a conflict), the list again with that at the payout's form and what was typed kept.
 */
export async function financeFormPost<T>(request: RouteRequest<unknown>, code: string | ((done: T) => string), act: (deps: Dependencies, payoutId: string, form: FormBody) => Promise<T>): Promise<HttpResult> {
  const form = toFormBody(request.body);
  checkCsrf(request.event, form);
  const deps = dependencies();
  const payoutId = request.params.payoutId ?? '';
  let done: T;
  try {
    done = await act(deps, payoutId, form);
  } catch (error) {
    const refused = formRefusal(error);
    if (!refused) throw error;
    const { status, ...shown } = refused;
    return rerenderFinance(deps, request, form, { payoutId, values: form, ...shown }, status);
  }
  return afterFinanceAction(deps, request, form, payoutId, typeof code === 'string' ? code : code(done));
}

async function afterFinanceAction(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, payoutId: string, code: string): Promise<HttpResult> {
  const filter = await returnFilter(deps, request, form, payoutId);
  return redirect(`${financePath(filter)}&melding=${encodeURIComponent(code)}`);
}

async function rerenderFinance(deps: Dependencies, request: RouteRequest<unknown>, form: FormBody, failed: NonNullable<FinanceView['failed']>, status: number): Promise<HttpResult> {
  const { view, headers } = await financeView(deps, request, await returnFilter(deps, request, form, failed.payoutId));
  return staffPage(request, status, { ...financePage({ ...view, failed }), headers });
}
