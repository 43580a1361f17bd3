// What every page handler shares: the form body, the page response, the HTML error page, the
// signed-in staff member for the header.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { anyFields } from '../../schemas/fields.schema';
import type { ErrorBody, ErrorRenderer } from '../http/error-policy';
import type { RouteRequest } from '../http/http-route';
import { STAFF_SIGN_IN_PATHS } from '../http/routes';
import { html as htmlResponse, pageContentSecurityPolicy, type HttpResult } from '../http/responses';
import { config } from '../config/env';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../domain/errors';
import { html, type Html, type Interpolation } from './html';
import { csrfToken } from './csrf';
import { layout, signOutForm, type StaffHeader } from './layout';

/** Page posts are urlencoded forms; the handler validates the fields itself (to re-render the form). */
export const FORM_BODY = anyFields();
export const fromForm = (form: Record<string, string | string[] | undefined>): unknown => form;

type Event = Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext' | 'rawPath' | 'rawQueryString'>;

export function wantsHtml(event: unknown): boolean {
  const accept = (event as Partial<Event> | undefined)?.headers?.accept ?? '';
  return /text\/html/i.test(accept);
}

const { start: SIGN_IN_PATH, signOut: SIGN_OUT_PATH } = STAFF_SIGN_IN_PATHS;

/**
 * The sign-out form's target and this request's CSRF token, with its Set-Cookie when new. The
 * sign-out redirects to the identity provider's logout (Cognito's domain in AWS), so a page with the
 * form lets its form posts end there.
 */
function signOutTarget(event: unknown): { target: { path: string; csrf: string }; headers: Record<string, string> } {
  const csrf = csrfToken(event as Parameters<typeof csrfToken>[0]);
  const provider = config().STAFF_SIGN_IN_URL;
  const policy: Record<string, string> = provider ? { 'content-security-policy': pageContentSecurityPolicy([new URL(provider).origin]) } : {};
  return { target: { path: SIGN_OUT_PATH, csrf: csrf.token }, headers: { ...csrf.headers, ...policy } };
}

export interface PageOptions {
  title: string;
  body: Interpolation;
  staff?: StaffHeader | undefined;
  headers?: Record<string, string>;
}

export function page(status: number, options: PageOptions): HttpResult {
  return htmlResponse(status, layout({ title: options.title, body: options.body, ...(options.staff ? { staff: options.staff } : {}) }), options.headers ?? {});
}

/**
 * A page for a signed-in staff member: the header names them and carries the sign-out form, whose
 * CSRF token is this request's (its Set-Cookie is sent along when the browser had none).
 */
export function staffPage(request: Pick<RouteRequest<unknown>, 'staff' | 'event'>, status: number, options: Omit<PageOptions, 'staff'>): HttpResult {
  if (!request.staff) return page(status, options);
  const { target, headers } = signOutTarget(request.event);
  const staff: StaffHeader = { name: request.staff.name, roles: request.staff.roles, signOut: target };
  return page(status, { ...options, staff, headers: { ...headers, ...(options.headers ?? {}) } });
}

const TITLES: Record<number, string> = {
  400: 'Forespørselen kunne ikke behandles',
  401: 'Du må logge inn',
  403: 'Du har ikke tilgang',
  404: 'Fant ikke siden',
  409: 'Det gikk ikke',
  410: 'Lenken virker ikke lenger',
  413: 'Forespørselen er for stor',
  415: 'Forespørselen kunne ikke leses',
};

function requestMethod(event: unknown): string {
  return (event as Partial<Event>).requestContext?.http?.method ?? 'GET';
}

/** This page, to come back to after signing in (a form post comes back to nothing: its data is gone). */
function returnPath(event: unknown): string | undefined {
  if (requestMethod(event) !== 'GET') return undefined;
  const e = event as Partial<Event>;
  return `${e.rawPath ?? '/'}${e.rawQueryString ? `?${e.rawQueryString}` : ''}`;
}

function signInHref(event: unknown): string {
  const back = returnPath(event);
  return back ? `${SIGN_IN_PATH}?tilbake=${encodeURIComponent(back)}` : SIGN_IN_PATH;
}

const SWITCH_USER = 'Logg ut og logg inn som en annen bruker';

/** GET /utlogging: the sign-out as a button (following a link or a bookmark signs no one out). */
export function signOutPage(event: unknown, back: string | undefined): HttpResult {
  const { target, headers } = signOutTarget(event);
  const label = back ? SWITCH_USER : 'Logg ut';
  return page(200, { title: 'Logg ut', body: html`<h1>Logg ut</h1>\n<p>${signOutForm(target, label, back)}</p>\n<p><a href="/">Til forsiden</a></p>`, headers });
}

/** The 403 page's way out: sign out, sign in as someone else, and come back to this page. */
function switchUser(event: unknown): { content: Html; headers: Record<string, string> } {
  const { target, headers } = signOutTarget(event);
  return { content: html`<p>${signOutForm(target, SWITCH_USER, returnPath(event))}</p>`, headers };
}

/** What an error page offers a person who is not let in: sign in (401), or sign in as someone else (403). */
function wayIn(status: number, event: unknown): { content: Interpolation; headers: Record<string, string> } {
  if (status === 401) return { content: html`<p><a href=${signInHref(event)}>Logg inn</a></p>`, headers: {} };
  if (status === 403) return switchUser(event);
  return { content: '', headers: {} };
}

/** An error as a page, for browsers (Accept: text/html); API clients keep the JSON answer. */
export const renderErrorPage: ErrorRenderer = (status: number, body: ErrorBody, event: unknown) => {
  if (!wantsHtml(event)) return undefined;
  // Someone opening a staff page without a (valid) session goes to the sign-in, and comes back.
  if (status === 401 && requestMethod(event) === 'GET') return { statusCode: 303, headers: { location: signInHref(event), 'cache-control': 'no-store' }, body: '' };
  const title = TITLES[status] ?? 'Noe gikk galt';
  const fieldErrors = Object.values(body.fieldErrors ?? {});
  const next = wayIn(status, event);
  const content = html`<h1>${title}</h1>
<div class="notice warning" role="alert"><p>${body.message}</p>${fieldErrors.length ? html`<ul>${fieldErrors.map((m) => html`<li>${m}</li>`)}</ul>` : ''}</div>
${next.content}
${body.correlationId ? html`<p>Oppgi feilkoden <code>${body.correlationId}</code> hvis du kontakter oss.</p>` : ''}
<p><a href="/">Til forsiden</a></p>`;
  return page(status, { title, body: content, headers: next.headers });
};

/** The options every public page route passes to httpRoute (staff pages: STAFF_PAGE in staff-page-kit.ts). */
export const PAGE = { renderError: renderErrorPage } as const;
export const PAGE_FORM = { body: FORM_BODY, fromForm, renderError: renderErrorPage } as const;

/** A use case's refusal of a form post, shown on the form again with what was typed. */
export interface FormRefusal {
  status: number;
  /** a rule's message at its field (400), like the schema's errors */
  errors: FieldErrors;
  /** a conflict (409): above the form, no field of its own */
  problem?: string;
}

/**
 * What a page shows when its form's use case refused the post: every form handler re-renders with
 * this rather than letting a rule's error become an error page (which loses what the person typed).
 * undefined: not the form's to show (rethrow it).
 */
export function formRefusal(error: unknown): FormRefusal | undefined {
  if (error instanceof ValidationError) return { status: 400, errors: error.fieldErrors };
  if (error instanceof ConflictError) return { status: 409, errors: {}, problem: error.message };
  // Something the form named (a meeting) does not exist: an error at that field, the page stays.
  if (error instanceof NotFoundError && error.field) return { status: 400, errors: { [error.field]: error.message } };
  return undefined;
}

/** A short fixed message selected by a query parameter after a redirect (never free text from the URL). */
export function flash(messages: Record<string, string>, code: string | undefined): Html {
  const text = code && Object.hasOwn(messages, code) ? messages[code] : undefined;
  return text ? html`<div class="notice success" role="status"><p>${text}</p></div>` : html``;
}
