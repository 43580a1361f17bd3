// CSRF protection for the staff forms: the double-submit pattern. A staff page sets a random token
// in a cookie (HttpOnly, SameSite=Strict; `__Host-` prefixed and Secure over HTTPS) and renders the
// same token into a hidden field of each form; the POST handler accepts the form only when both
// are present and equal. Another site can make a browser post a form, but it can neither read nor
// set this site's cookie, so it cannot know the value to put in the field.
// (The applicants' forms need none: they carry no ambient authority; the capability is the link.)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../domain/errors';
import { firstValue, type FormBody } from './forms';
import { readCookie, setCookie, type CookieEvent, type CookieSpec } from '../http/cookies';

export const CSRF_FIELD = '_csrf';
const COOKIE: CookieSpec = { name: 'csrf', sameSite: 'Strict' };
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class CsrfError extends DomainError {
  constructor() {
    // 400, not 403: the person is allowed; the form is stale or was not sent from our page.
    super(400, 'CsrfError', 'Skjemaet kunne ikke bekreftes. Det kan være utløpt, eller sendt fra et annet nettsted. Last siden på nytt og prøv igjen.');
  }
}

// One token per request: the page's forms and the header's sign-out form must carry the same one.
const issued = new WeakMap<CookieEvent, { token: string; headers: Record<string, string> }>();

/** The token for this page's forms, and the Set-Cookie header when the browser has none yet. */
export function csrfToken(event: CookieEvent): { token: string; headers: Record<string, string> } {
  const existing = readCookie(event, COOKIE);
  if (existing && TOKEN.test(existing)) return { token: existing, headers: {} };
  let fresh = issued.get(event);
  if (!fresh) {
    const token = randomBytes(32).toString('base64url');
    fresh = { token, headers: { 'set-cookie': setCookie(event, COOKIE, token) } };
    issued.set(event, fresh);
  }
  return fresh;
}

/** Throws CsrfError unless the form's token equals the cookie's. */
export function checkCsrf(event: CookieEvent, form: FormBody): void {
  const cookie = readCookie(event, COOKIE) ?? '';
  const field = firstValue(form, CSRF_FIELD);
  if (!TOKEN.test(cookie) || !TOKEN.test(field)) throw new CsrfError();
  if (!timingSafeEqual(Buffer.from(cookie), Buffer.from(field))) throw new CsrfError();
}
