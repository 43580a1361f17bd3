// The Cognito adapter of the staff sign-in: the managed login's OAuth endpoints (fetch replaced)
// and ID token verification with aws-jwt-verify against a key pair made here (JWKS preloaded, so
// no network): signature, issuer, audience, token use and expiry all count.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { CognitoSignIn } from '../../functions/adapters/cognito-sign-in';
import { SignInError } from '../../functions/domain/errors';

const POOL = 'eu-north-1_TestPool1';
const CLIENT = 'pagesclient123';
const DOMAIN = 'https://tilskudd-test.auth.eu-north-1.amazoncognito.com';
const ISSUER = `https://cognito-idp.eu-north-1.amazonaws.com/${POOL}`;

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks: Jwks = { keys: [{ ...(publicKey.export({ format: 'jwk' }) as { kty: string; n: string; e: string }), kid: 'key-1', alg: 'RS256', use: 'sig' }] };

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
function jwt(claims: Record<string, unknown>, key: KeyObject = privateKey): string {
  const head = `${b64({ alg: 'RS256', kid: 'key-1', typ: 'JWT' })}.${b64(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(key).toString('base64url')}`;
}
const now = () => Math.floor(Date.now() / 1000);
const idClaims = (extra: Record<string, unknown> = {}) => ({
  sub: 'b2c3-sekretaer',
  iss: ISSUER,
  aud: CLIENT,
  token_use: 'id',
  iat: now(),
  exp: now() + 3600,
  auth_time: now(),
  'cognito:groups': ['secretariat'],
  jti: 'jti-of-this-token',
  origin_jti: 'origin-of-the-sign-in',
  ...extra,
});

function adapter(fetchImpl?: typeof fetch) {
  return new CognitoSignIn({ userPoolId: POOL, clientId: CLIENT, domainUrl: DOMAIN, jwks, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
}

describe('CognitoSignIn', () => {
  it('sends the browser to the managed login with the code flow and PKCE', () => {
    const url = new URL(adapter().authorizeUrl({ state: 's'.repeat(32), codeChallenge: 'c'.repeat(43), redirectUri: 'https://tilskudd.example/innlogging/tilbake' }));
    expect(`${url.origin}${url.pathname}`).toBe(`${DOMAIN}/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CLIENT,
      redirect_uri: 'https://tilskudd.example/innlogging/tilbake',
      scope: 'openid email profile',
      state: 's'.repeat(32),
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
    });
    const out = new URL(adapter().signOutUrl('https://tilskudd.example/'));
    expect(`${out.origin}${out.pathname}`).toBe(`${DOMAIN}/logout`);
    expect(Object.fromEntries(out.searchParams)).toEqual({ client_id: CLIENT, logout_uri: 'https://tilskudd.example/' });
  });

  it('trades the code at the token endpoint with the verifier, and refreshes without a secret', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ id_token: 'id.jwt.x', access_token: 'a', refresh_token: 'r', expires_in: 3600, token_type: 'Bearer' }), { status: 200 }));
    const cognito = adapter(fetchMock as unknown as typeof fetch);
    expect(await cognito.exchangeCode({ code: 'code-1', codeVerifier: 'v'.repeat(43), redirectUri: 'https://tilskudd.example/innlogging/tilbake' })).toEqual({ idToken: 'id.jwt.x', refreshToken: 'r' });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [URL, RequestInit];
    expect(url.toString()).toBe(`${DOMAIN}/oauth2/token`);
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: CLIENT,
      code: 'code-1',
      redirect_uri: 'https://tilskudd.example/innlogging/tilbake',
      code_verifier: 'v'.repeat(43),
    });

    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ id_token: 'id.jwt.y', access_token: 'a', expires_in: 3600 }), { status: 200 }));
    expect(await cognito.refresh('r')).toEqual({ idToken: 'id.jwt.y' });
    const [, refresh] = fetchMock.mock.calls[1] as unknown as [URL, RequestInit];
    expect(Object.fromEntries(new URLSearchParams(String(refresh.body)))).toEqual({ grant_type: 'refresh_token', client_id: CLIENT, refresh_token: 'r' });
  });

  it('a refused code is a SignInError (400 to the person); an outage or a bad answer is a plain error (500)', async () => {
    const answer = (status: number, body: unknown) => adapter((async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch);
    await expect(answer(400, { error: 'invalid_grant' }).exchangeCode({ code: 'c', codeVerifier: 'v', redirectUri: 'https://x/' })).rejects.toBeInstanceOf(SignInError);
    await expect(answer(401, { error: 'invalid_client' }).refresh('r')).rejects.toBeInstanceOf(SignInError);
    const outage = answer(503, {}).refresh('r');
    await expect(outage).rejects.toThrow('Cognito token endpoint answered 503');
    await expect(outage).rejects.not.toBeInstanceOf(SignInError);
    await expect(answer(200, { access_token: 'only' }).refresh('r')).rejects.toThrow('without an ID token');
  });

  it('revokes the refresh token at sign-out', async () => {
    const fetchMock = vi.fn(async () => new Response('', { status: 200 }));
    await adapter(fetchMock as unknown as typeof fetch).revoke('r-token');
    const [url, init] = fetchMock.mock.calls[0] as unknown as [URL, RequestInit];
    expect(url.toString()).toBe(`${DOMAIN}/oauth2/revoke`);
    expect(Object.fromEntries(new URLSearchParams(String(init.body)))).toEqual({ token: 'r-token', client_id: CLIENT });
    await expect(adapter((async () => new Response('', { status: 400 })) as unknown as typeof fetch).revoke('r')).rejects.toThrow('revoke answered 400');
  });

  it('accepts only a valid ID token of this pool and app client', async () => {
    const cognito = adapter();
    expect(await cognito.verify(jwt(idClaims()))).toEqual({ subject: 'b2c3-sekretaer', name: 'b2c3-sekretaer', groups: ['secretariat'], expiresAt: expect.any(Number), sessionId: 'origin-of-the-sign-in' });
    // Pages name the person by the token's name or e-mail, not by the sub (a UUID in Cognito).
    expect(await cognito.verify(jwt(idClaims({ email: 'kari@helse-stavanger.no', 'cognito:username': 'b2c3-sekretaer' })))).toMatchObject({ subject: 'b2c3-sekretaer', name: 'kari@helse-stavanger.no' });
    expect(await cognito.verify(jwt(idClaims({ name: 'Kari Nordmann', email: 'kari@helse-stavanger.no' })))).toMatchObject({ name: 'Kari Nordmann' });
    // Without token revocation on the client, Cognito's tokens carry no origin_jti: the token's own jti names the session.
    expect(await cognito.verify(jwt(idClaims({ origin_jti: undefined })))).toMatchObject({ sessionId: 'jti-of-this-token' });
    expect(await cognito.verify(jwt(idClaims({ 'cognito:groups': undefined })))).toMatchObject({ groups: [] });
    for (const [why, token] of [
      ['another app client', jwt(idClaims({ aud: 'otherclient' }))],
      ['another pool', jwt(idClaims({ iss: `https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Other` }))],
      ['an access token', jwt(idClaims({ token_use: 'access', client_id: CLIENT, aud: undefined }))],
      ['expired', jwt(idClaims({ iat: now() - 7200, exp: now() - 3600 }))],
      ['signed with another key', jwt(idClaims(), other.privateKey)],
      ['not a JWT', 'abc'],
    ] as const) {
      expect(await cognito.verify(token), why).toBeUndefined();
    }
  });
});
