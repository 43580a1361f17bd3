// What every page handler shares: the form body, the page response, the HTML error page, the
// signed-in staff member for the header.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import type { ErrorBody, ErrorRenderer } from '../http/error-policy';
import type { RouteRequest } from '../http/http-route';
import { STAFF_SIGN_IN_PATHS } from '../http/routes';
import { html as htmlResponse, type HttpResult } from '../http/responses';
import { html, type Html, type Interpolation } from './html';
import { layout, type StaffHeader } from './layout';

/** Page posts are urlencoded forms; the handler validates the fields itself (to re-render the form). */
export const FORM_BODY = z.record(z.string().max(100), z.unknown());
export const fromForm = (form: Record<string, string | string[] | undefined>): unknown => form;

type Event = Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext' | 'rawPath' | 'rawQueryString'>;

export function wantsHtml(event: unknown): boolean {
  const accept = (event as Partial<Event> | undefined)?.headers?.accept ?? '';
  return /text\/html/i.test(accept);
}

const { start: SIGN_IN_PATH, signOut: SIGN_OUT_PATH } = STAFF_SIGN_IN_PATHS;

export function staffHeader(request: Pick<RouteRequest<unknown>, 'staff' | 'event'>): StaffHeader | undefined {
  if (!request.staff) return undefined;
  return { subject: request.staff.subject, roles: request.staff.roles, signOutUrl: SIGN_OUT_PATH };
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

/** The sign-in or sign-out route, coming back to this page afterwards (a form post comes back to nothing: its data is gone). */
function returningHref(path: string, event: unknown): string {
  if (requestMethod(event) !== 'GET') return path;
  const e = event as Partial<Event>;
  const back = `${e.rawPath ?? '/'}${e.rawQueryString ? `?${e.rawQueryString}` : ''}`;
  return `${path}?tilbake=${encodeURIComponent(back)}`;
}

const signInHref = (event: unknown) => returningHref(SIGN_IN_PATH, event);

function signInLink(status: number, event: unknown): Interpolation {
  if (status === 401) return html`<p><a href=${signInHref(event)}>Logg inn</a></p>`;
  if (status === 403) return html`<p><a href=${returningHref(SIGN_OUT_PATH, event)}>Logg ut og logg inn som en annen bruker</a></p>`;
  return '';
}

/** An error as a page, for browsers (Accept: text/html); API clients keep the JSON answer. */
export const renderErrorPage: ErrorRenderer = (status: number, body: ErrorBody, event: unknown) => {
  if (!wantsHtml(event)) return undefined;
  // Someone opening a staff page without a (valid) session goes to the sign-in, and comes back.
  if (status === 401 && requestMethod(event) === 'GET') return { statusCode: 303, headers: { location: signInHref(event), 'cache-control': 'no-store' }, body: '' };
  const title = TITLES[status] ?? 'Noe gikk galt';
  const fieldErrors = Object.values(body.fieldErrors ?? {});
  const content = html`<h1>${title}</h1>
<div class="notice warning" role="alert"><p>${body.message}</p>${fieldErrors.length ? html`<ul>${fieldErrors.map((m) => html`<li>${m}</li>`)}</ul>` : ''}</div>
${signInLink(status, event)}
${body.correlationId ? html`<p>Oppgi feilkoden <code>${body.correlationId}</code> hvis du kontakter oss.</p>` : ''}
<p><a href="/">Til forsiden</a></p>`;
  return page(status, { title, body: content });
};

/** The options every page route passes to httpRoute (public pages; staff pages add their access). */
export const PAGE = { renderError: renderErrorPage, session: 'cookie' } as const;
export const PAGE_FORM = { body: FORM_BODY, fromForm, renderError: renderErrorPage, session: 'cookie' } as const;

/** A short fixed message selected by a query parameter after a redirect (never free text from the URL). */
export function flash(messages: Record<string, string>, code: string | undefined): Html {
  const text = code && Object.hasOwn(messages, code) ? messages[code] : undefined;
  return text ? html`<div class="notice success" role="status"><p>${text}</p></div>` : html``;
}
