// Staff sign-in of the web pages, as a backend-for-frontend: the OAuth authorization code flow with
// PKCE against the identity provider (Cognito's managed login in AWS, the local sign-in page
// locally), ending in an HttpOnly session cookie with the ID token. Tokens never reach page
// scripts (there are none) or URLs; the refresh token renews the session without a new sign-in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import type { Dependencies } from '../composition';
import { ForbiddenError, SignInError, ValidationError } from '../domain/errors';
import type { StaffTokens } from '../ports/staff-sign-in';
import { clearCookie, readCookie, setCookie, type CookieEvent, type CookieSpec } from '../http/cookies';
import { redirect, type HttpResult } from '../http/responses';
import { REFRESH_COOKIE, SESSION_COOKIE, staffRoles } from '../http/staff-auth';
import { STAFF_SIGN_IN_PATHS } from '../http/routes';

/** The attempt in flight: state, PKCE verifier and where to go afterwards; only the sign-in routes see it. */
const ATTEMPT_COOKIE: CookieSpec = { name: 'staff_signin', sameSite: 'Lax', path: STAFF_SIGN_IN_PATHS.start };
const ATTEMPT_SECONDS = 600;
/** Where to go after signing in as someone else (the 403 page's sign-out); only the sign-in route reads it. */
const RETURN_COOKIE: CookieSpec = { name: 'staff_return', sameSite: 'Lax', path: STAFF_SIGN_IN_PATHS.start };
/** The pages app client's token validities (infra/stateless-stack.ts). */
export const ID_TOKEN_SECONDS = 3600;
export const REFRESH_SECONDS = 12 * 3600;

type Deps = Pick<Dependencies, 'staffSignIn' | 'publicBaseUrl' | 'endedSessions'>;

/** How long an ended session is remembered: by then every token of it has expired. */
const ENDED_SESSION_SECONDS = REFRESH_SECONDS + ID_TOKEN_SECONDS;

/** Only a path on this site, and not the sign-in itself: '/sekretariat?x=1' yes; '//evil.example', 'https://…', '/\\evil' no. */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value || value.length > 1000 || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const base = 'http://tilskudd.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return undefined;
    if (url.pathname.startsWith('/lokal/') || url.pathname.startsWith(STAFF_SIGN_IN_PATHS.start) || url.pathname === STAFF_SIGN_IN_PATHS.signOut) return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

/** ?tilbake=<path on this site> of the sign-in and the sign-out. */
export const returnPathQuery = z.strictObject({ tilbake: z.optional(z.string().check(z.maxLength(1000))) });
export const callbackQuery = z.strictObject({
  code: z.optional(z.string().check(z.regex(/^[A-Za-z0-9._~-]{1,512}$/))),
  state: z.optional(z.string().check(z.maxLength(100))),
  error: z.optional(z.string().check(z.maxLength(100))),
  error_description: z.optional(z.string().check(z.maxLength(500))),
});

const callbackUrl = (deps: Deps) => `${deps.publicBaseUrl}${STAFF_SIGN_IN_PATHS.callback}`;

function withCookies(result: HttpResult, cookies: string[]): HttpResult {
  return { ...result, cookies: [...(result.cookies ?? []), ...cookies] };
}

/** The session cookie for verified tokens, and the redirect to where the person was going. */
async function establish(deps: Deps, event: CookieEvent, tokens: StaffTokens, back: string | undefined): Promise<HttpResult> {
  const claims = await deps.staffSignIn.verify(tokens.idToken);
  // An ended session's refresh token should be revoked; if revoking failed, it still renews nothing.
  if (!claims || (await deps.endedSessions.hasEnded(claims.sessionId))) throw new SignInError();
  const roles = staffRoles(claims.groups);
  if (roles.length === 0) throw new ForbiddenError('Brukeren din har ingen rolle i tilskuddsforvaltningen. Be en administrator om tilgang.');
  const home = roles.includes('secretariat') ? '/sekretariat' : '/okonomi';
  // The browser ages the cookie by its own (real) clock, as the token's expiry is real time: not deps.clock.
  const seconds = claims.expiresAt - Math.floor(Date.now() / 1000);
  return withCookies(redirect(back ?? home), [
    setCookie(event, SESSION_COOKIE, tokens.idToken, seconds),
    ...(tokens.refreshToken ? [setCookie(event, REFRESH_COOKIE, tokens.refreshToken, REFRESH_SECONDS)] : []),
  ]);
}

/** GET /innlogging: renew the session with the refresh token, or send the person to the provider. */
export async function startSignIn(deps: Deps, event: CookieEvent, query: z.output<typeof returnPathQuery>): Promise<HttpResult> {
  const returned = readCookie(event, RETURN_COOKIE);
  const back = safeReturnPath(query.tilbake) ?? safeReturnPath(returned && Buffer.from(returned, 'base64url').toString('utf8'));
  const spent = returned === undefined ? [] : [clearCookie(event, RETURN_COOKIE)];
  const refreshToken = readCookie(event, REFRESH_COOKIE);
  if (refreshToken) {
    const renewed = await deps.staffSignIn.refresh(refreshToken).then(
      (tokens) => establish(deps, event, tokens, back),
      (error: unknown) => {
        if (error instanceof SignInError) return undefined;
        throw error;
      },
    );
    if (renewed) return withCookies(renewed, spent);
  }
  const state = randomBytes(24).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const codeChallenge = createHash('sha256').update(verifier).digest('base64url');
  const attempt = [state, verifier, Buffer.from(back ?? '').toString('base64url')].join('.');
  return withCookies(redirect(deps.staffSignIn.authorizeUrl({ state, codeChallenge, redirectUri: callbackUrl(deps) })), [
    setCookie(event, ATTEMPT_COOKIE, attempt, ATTEMPT_SECONDS),
    ...(refreshToken ? [clearCookie(event, REFRESH_COOKIE)] : []),
    ...spent,
  ]);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** GET /innlogging/tilbake: the provider's answer; checks the state, trades the code, sets the session. */
export async function finishSignIn(deps: Deps, event: CookieEvent, query: z.output<typeof callbackQuery>): Promise<HttpResult> {
  if (query.error) throw new SignInError('Innloggingen ble avbrutt. Prøv å logge inn på nytt.');
  if (!query.code || !query.state) throw new ValidationError({ code: 'Svaret fra innloggingen mangler kode eller tilstand.' });
  const [state, verifier, back] = (readCookie(event, ATTEMPT_COOKIE) ?? '').split('.');
  // No attempt cookie (expired, another browser) or another attempt's state: a forged or stale answer.
  if (!state || !verifier || !sameText(state, query.state)) throw new SignInError();
  const tokens = await deps.staffSignIn.exchangeCode({ code: query.code, codeVerifier: verifier, redirectUri: callbackUrl(deps) });
  const result = await establish(deps, event, tokens, safeReturnPath(Buffer.from(back ?? '', 'base64url').toString('utf8')));
  return withCookies(result, [clearCookie(event, ATTEMPT_COOKIE)]);
}

/**
 * POST /utlogging: ends the session here and at the provider; the refresh token is revoked. With
 * `tilbake` (signing in as someone else from the 403 page) the provider sends the browser on to the
 * sign-in, which then returns to that page; the provider only accepts fixed sign-out URLs, so the
 * path waits in a cookie the sign-in route alone sees.
 */
export async function signOut(deps: Deps, event: CookieEvent, query: z.output<typeof returnPathQuery>, onRevokeFailure: (error: unknown) => void): Promise<HttpResult> {
  const refreshToken = readCookie(event, REFRESH_COOKIE);
  if (refreshToken) await deps.staffSignIn.revoke(refreshToken).catch(onRevokeFailure);
  // The session's ID token stays a valid JWT for up to an hour: end the session itself, so a copy of the cookie dies too.
  const idToken = readCookie(event, SESSION_COOKIE);
  const claims = idToken ? await deps.staffSignIn.verify(idToken) : undefined;
  if (claims) await deps.endedSessions.end(claims.sessionId, new Date(Date.now() + ENDED_SESSION_SECONDS * 1000));
  const back = safeReturnPath(query.tilbake);
  const ended = [clearCookie(event, SESSION_COOKIE), clearCookie(event, REFRESH_COOKIE)];
  if (!back) return withCookies(redirect(deps.staffSignIn.signOutUrl(`${deps.publicBaseUrl}/`)), ended);
  return withCookies(redirect(deps.staffSignIn.signOutUrl(`${deps.publicBaseUrl}${STAFF_SIGN_IN_PATHS.start}`)), [
    ...ended,
    setCookie(event, RETURN_COOKIE, Buffer.from(back).toString('base64url'), ATTEMPT_SECONDS),
  ]);
}
