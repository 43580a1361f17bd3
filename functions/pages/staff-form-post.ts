// One staff form post, whichever page holds the form (the agenda, the whole case, the minutes): CSRF, the form
// parsed by its schema, the use case, then 303 to where the secretariat continues, or the page
// re-rendered with the field errors or the conflict next to the form.
import type * as z from 'zod/mini';
import { dependencies, type Dependencies } from '../composition';
import type { Actor } from '../domain/model';
import type { RouteRequest } from '../http/http-route';
import type { HttpResult } from '../http/responses';
import type { Html } from './html';
import { staffActor } from '../use-cases/move-application';
import { toFieldErrors } from '../../schemas/fields.schema';
import { checkCsrf } from './csrf';
import { formRefusal } from './page-kit';
import { toFormBody, type FormBody } from './forms';

export interface FailedForm<F> {
  form: F;
  values: FormBody;
  errors: Record<string, string>;
  problem?: string;
}

/** A staff page's forms (the case, the minutes): the CSRF token they carry, the one that failed, or a notice after a post. */
export interface StaffPageForms<F> {
  csrf: string;
  failed?: FailedForm<F>;
  /** a flash() after a successful post */
  notice?: Html;
}

/** S: what the form acts on (an application's id; a meeting), from the route's path. */
export interface StaffFormPost<F, T, S = string> {
  /** which form was posted (its errors show there), the notice code, and the parse */
  read: (values: FormBody) => { form: F; code: string; parsed: z.core.util.SafeParseResult<T> };
  act: (deps: Dependencies, subject: S, data: T, actor: Actor) => Promise<unknown>;
  /** where to go afterwards; worked out before acting (an action may take the case off its agenda) */
  next: (deps: Dependencies, subject: S, code: string) => Promise<HttpResult>;
  rerender: (deps: Dependencies, request: RouteRequest<unknown>, subject: S, failed: FailedForm<F>, status: number) => Promise<HttpResult>;
  /** the use case's rules on what parsed of a form that failed its schema, shown with the schema's errors (the schema's win at a field both fault) */
  rules?: (deps: Dependencies, subject: S, values: FormBody) => Promise<Record<string, string>>;
}

export async function staffFormPost<F, T, S>(request: RouteRequest<unknown>, subject: S, post: StaffFormPost<F, T, S>): Promise<HttpResult> {
  const values = toFormBody(request.body);
  checkCsrf(request.event, values);
  const deps = dependencies();
  const { form, code, parsed } = post.read(values);
  const failed = (errors: Record<string, string>, status: number, problem?: string) =>
    post.rerender(deps, request, subject, { form, values, errors, ...(problem ? { problem } : {}) }, status);
  if (!parsed.success) return failed({ ...(await ruleErrors(deps, subject, values, post.rules)), ...toFieldErrors(parsed.error) }, 400);
  try {
    const next = await post.next(deps, subject, code);
    await post.act(deps, subject, parsed.data, staffActor(request.staff!, 'secretariat'));
    return next;
  } catch (error) {
    const refused = formRefusal(error);
    if (!refused) throw error;
    return failed(refused.errors, refused.status, refused.problem);
  }
}

/** The rules' errors beside the schema's; a rule that cannot run now (the case gone, say) adds none: the post is refused anyway. */
async function ruleErrors<S>(deps: Dependencies, subject: S, values: FormBody, rules: StaffFormPost<unknown, unknown, S>['rules']): Promise<Record<string, string>> {
  if (!rules) return {};
  try {
    return await rules(deps, subject, values);
  } catch (error) {
    if (formRefusal(error)) return {};
    throw error;
  }
}
