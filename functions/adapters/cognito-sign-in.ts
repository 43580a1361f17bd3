// Cognito's managed login (hosted UI) for the staff pages: the OAuth 2.0 endpoints of the user
// pool's domain, and aws-jwt-verify for the ID token (signature against the pool's JWKS, issuer,
// audience = the pages' app client, token use, expiry). The app client is public (no secret);
// PKCE protects the code.
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import type { Jwks } from 'aws-jwt-verify/jwk';
import * as z from 'zod/mini';
import { SignInError } from '../domain/errors';
import { authorizeQuery, type AuthorizeRequest, type StaffClaims, type StaffSignIn, type StaffTokens } from '../ports/staff-sign-in';
import { staffDisplayName } from '../domain/staff-name';

export interface CognitoSignInOptions {
  userPoolId: string;
  clientId: string;
  /** the user pool domain, e.g. https://tilskudd-test.auth.eu-north-1.amazoncognito.com */
  domainUrl: string;
  /** tests: the pool's keys, so verification needs no network */
  jwks?: Jwks;
  fetch?: typeof fetch;
}

const tokenResponse = z.object({
  id_token: z.string().check(z.minLength(1), z.maxLength(8192)),
  refresh_token: z.optional(z.string().check(z.minLength(1), z.maxLength(8192))),
});

const TOKEN_TIMEOUT_MS = 5_000;

export class CognitoSignIn implements StaffSignIn {
  private readonly verifier;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: CognitoSignInOptions) {
    this.verifier = CognitoJwtVerifier.create({ userPoolId: options.userPoolId, tokenUse: 'id', clientId: options.clientId });
    if (options.jwks) this.verifier.cacheJwks(options.jwks);
    this.fetch = options.fetch ?? fetch;
  }

  authorizeUrl(request: AuthorizeRequest): string {
    return this.url('/oauth2/authorize', authorizeQuery(this.options.clientId, request, 'openid email profile'));
  }

  exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<StaffTokens> {
    return this.token({ grant_type: 'authorization_code', client_id: this.options.clientId, code: request.code, redirect_uri: request.redirectUri, code_verifier: request.codeVerifier });
  }

  refresh(refreshToken: string): Promise<StaffTokens> {
    return this.token({ grant_type: 'refresh_token', client_id: this.options.clientId, refresh_token: refreshToken });
  }

  async revoke(refreshToken: string): Promise<void> {
    const response = await this.post('/oauth2/revoke', { token: refreshToken, client_id: this.options.clientId });
    if (!response.ok) throw new Error(`Cognito revoke answered ${response.status}`);
  }

  signOutUrl(returnTo: string): string {
    return this.url('/logout', { client_id: this.options.clientId, logout_uri: returnTo });
  }

  async verify(idToken: string): Promise<StaffClaims | undefined> {
    try {
      const payload = await this.verifier.verify(idToken);
      // origin_jti: the same for every token of one sign-in (Cognito's token revocation); jti at least names this token.
      const sessionId = typeof payload.origin_jti === 'string' ? payload.origin_jti : payload.jti;
      return { subject: payload.sub, name: staffDisplayName(payload, payload.sub), groups: payload['cognito:groups'] ?? [], expiresAt: payload.exp, sessionId };
    } catch {
      // Invalid, expired or foreign: no session. (A JWKS fetch failure lands here too: sign in again.)
      return undefined;
    }
  }

  private url(path: string, query: Record<string, string>): string {
    const url = new URL(path, this.options.domainUrl);
    url.search = new URLSearchParams(query).toString();
    return url.toString();
  }

  private post(path: string, form: Record<string, string>): Promise<Response> {
    return this.fetch(new URL(path, this.options.domainUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
  }

  private async token(form: Record<string, string>): Promise<StaffTokens> {
    const response = await this.post('/oauth2/token', form);
    // invalid_grant and friends: a used or expired code, a revoked refresh token.
    if (response.status === 400 || response.status === 401) throw new SignInError();
    if (!response.ok) throw new Error(`Cognito token endpoint answered ${response.status}`);
    const parsed = tokenResponse.safeParse(await response.json());
    if (!parsed.success) throw new Error('Cognito token endpoint answered without an ID token');
    return { idToken: parsed.data.id_token, ...(parsed.data.refresh_token ? { refreshToken: parsed.data.refresh_token } : {}) };
  }
}
