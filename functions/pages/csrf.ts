// CSRF protection for the staff forms: the double-submit pattern. A staff page sets a random token
// in a cookie (HttpOnly, SameSite=Strict; `__Host-` prefixed and Secure over HTTPS) and renders the
// same token into a hidden field of each form; the POST handler accepts the form only when both
// are present and equal. Another site can make a browser post a form, but it can neither read nor
// set this site's cookie, so it cannot know the value to put in the field.
// (The applicants' forms need none: they carry no ambient authority; the capability is the link.)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { firstValue, type FormBody } from './forms';

export const CSRF_FIELD = '_csrf';
const COOKIE_HTTP = 'csrf';
const COOKIE_HTTPS = '__Host-csrf';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

interface EventLike {
  headers?: Record<string, string | undefined>;
  cookies?: string[];
}

function isHttps(event: EventLike): boolean {
  return (event.headers?.['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}

/** Cookies of a request: API Gateway v2 passes them in `cookies`; the local gateway in the header. */
export function requestCookies(event: EventLike): Record<string, string> {
  const out: Record<string, string> = {};
  const parts = [...(event.cookies ?? []), ...(event.headers?.cookie ?? '').split(';')];
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (!Object.hasOwn(out, name)) out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

export class CsrfError extends DomainError {
  constructor() {
    // 400, not 403: the person is allowed; the form is stale or was not sent from our page.
    super(400, 'CsrfError', 'Skjemaet kunne ikke bekreftes. Det kan være utløpt, eller sendt fra et annet nettsted. Last siden på nytt og prøv igjen.');
  }
}

/** The token for this page's forms, and the Set-Cookie header when the browser has none yet. */
export function csrfToken(event: EventLike): { token: string; headers: Record<string, string> } {
  const https = isHttps(event);
  const name = https ? COOKIE_HTTPS : COOKIE_HTTP;
  const existing = requestCookies(event)[name];
  if (existing && TOKEN.test(existing)) return { token: existing, headers: {} };
  const token = randomBytes(32).toString('base64url');
  const cookie = `${name}=${token}; Path=/; HttpOnly; SameSite=Strict${https ? '; Secure' : ''}`;
  return { token, headers: { 'set-cookie': cookie } };
}

/** Throws CsrfError unless the form's token equals the cookie's. */
export function checkCsrf(event: EventLike, form: FormBody): void {
  const cookie = requestCookies(event)[isHttps(event) ? COOKIE_HTTPS : COOKIE_HTTP] ?? '';
  const field = firstValue(form, CSRF_FIELD);
  if (!TOKEN.test(cookie) || !TOKEN.test(field)) throw new CsrfError();
  if (!timingSafeEqual(Buffer.from(cookie), Buffer.from(field))) throw new CsrfError();
}
