// Cookies of the web pages. Over HTTPS (API Gateway in AWS) a cookie gets the `__Host-` prefix and
// `Secure`, so no subdomain or plain-HTTP page can set or read it; the local system serves plain
// HTTP on localhost, where browsers refuse both, so there the same cookie goes without them.

export interface CookieEvent {
  headers?: Record<string, string | undefined>;
  /** API Gateway v2 passes cookies here; the local gateway leaves them in the header */
  cookies?: string[];
}

export function isHttps(event: CookieEvent): boolean {
  return (event.headers?.['x-forwarded-proto'] ?? '').split(',')[0]?.trim() === 'https';
}

export function requestCookies(event: CookieEvent): Record<string, string> {
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

export interface CookieSpec {
  /** the name without prefix, e.g. 'csrf' */
  name: string;
  sameSite: 'Strict' | 'Lax';
  /** another path than `/` rules out `__Host-`; such a cookie gets `__Secure-` over HTTPS */
  path?: string;
}

export function cookieName(event: CookieEvent, spec: CookieSpec): string {
  if (!isHttps(event)) return spec.name;
  return (spec.path ?? '/') === '/' ? `__Host-${spec.name}` : `__Secure-${spec.name}`;
}

export function readCookie(event: CookieEvent, spec: CookieSpec): string | undefined {
  return requestCookies(event)[cookieName(event, spec)];
}

/** A Set-Cookie value; `maxAgeSeconds` 0 deletes the cookie; undefined makes a session cookie. */
export function setCookie(event: CookieEvent, spec: CookieSpec, value: string, maxAgeSeconds?: number): string {
  const attributes = [
    `${cookieName(event, spec)}=${value}`,
    `Path=${spec.path ?? '/'}`,
    'HttpOnly',
    `SameSite=${spec.sameSite}`,
    ...(isHttps(event) ? ['Secure'] : []),
    ...(maxAgeSeconds !== undefined ? [`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`] : []),
  ];
  return attributes.join('; ');
}

export const clearCookie = (event: CookieEvent, spec: CookieSpec): string => setCookie(event, spec, '', 0);
