// The identity provider of the local system, standing in for Cognito's managed login: the local
// sign-in page (/lokal/innlogging) is its authorize endpoint, and this class its token endpoint.
// The web pages' sign-in flow (functions/pages/sign-in-flow.ts) runs unchanged against it: state,
// PKCE, code exchange, refresh, revocation. Its ID tokens are LocalAuth's HS256 JWTs with the
// claims Cognito's carry (sub, cognito:groups).
import { createHash, randomBytes } from 'node:crypto';
import { SignInError } from '../functions/domain/errors';
import { STAFF_SIGN_IN_PATHS } from '../functions/http/routes';
import { ID_TOKEN_SECONDS, REFRESH_SECONDS } from '../functions/pages/sign-in-flow';
import { authorizeQuery, type AuthorizeRequest, type StaffClaims, type StaffSignIn, type StaffTokens } from '../functions/ports/staff-sign-in';
import type { LocalAuth } from './local-auth';
import { staffDisplayName } from '../functions/domain/staff-name';

export const LOCAL_CLIENT_ID = 'lokal-saksbehandling';
export const LOCAL_AUTHORIZE_PATH = '/lokal/innlogging';
const CODE_SECONDS = 300;

interface Grant {
  subject: string;
  groups: string[];
  expiresAt: number;
}

interface CodeGrant extends Grant {
  codeChallenge: string;
  redirectUri: string;
}

/** A refresh token's grant: the sign-in's id goes into every ID token it renews (Cognito's origin_jti). */
interface SessionGrant extends Grant {
  sessionId: string;
}

export class LocalStaffSignIn implements StaffSignIn {
  private readonly codes = new Map<string, CodeGrant>();
  private readonly refreshTokens = new Map<string, SessionGrant>();

  constructor(
    private readonly auth: LocalAuth,
    /** the local system's URL: the one registered callback is `${baseUrl}${STAFF_SIGN_IN_PATHS.callback}` */
    readonly baseUrl: string,
  ) {}

  get callbackUrl(): string {
    return `${this.baseUrl}${STAFF_SIGN_IN_PATHS.callback}`;
  }

  authorizeUrl(request: AuthorizeRequest): string {
    const query = new URLSearchParams(authorizeQuery(LOCAL_CLIENT_ID, request));
    return `${this.baseUrl}${LOCAL_AUTHORIZE_PATH}?${query}`;
  }

  /** The sign-in page's answer for a person: a one-time code bound to the attempt's PKCE challenge. */
  issueCode(subject: string, groups: string[], request: Omit<AuthorizeRequest, 'state'>): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { subject, groups, codeChallenge: request.codeChallenge, redirectUri: request.redirectUri, expiresAt: this.now() + CODE_SECONDS });
    return code;
  }

  async exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<StaffTokens> {
    const grant = this.codes.get(request.code);
    this.codes.delete(request.code);
    const challenge = createHash('sha256').update(request.codeVerifier).digest('base64url');
    if (!grant || grant.expiresAt < this.now() || grant.redirectUri !== request.redirectUri || grant.codeChallenge !== challenge) throw new SignInError();
    const refreshToken = randomBytes(32).toString('base64url');
    const session: SessionGrant = { subject: grant.subject, groups: grant.groups, expiresAt: this.now() + REFRESH_SECONDS, sessionId: randomBytes(16).toString('base64url') };
    this.refreshTokens.set(refreshToken, session);
    return { idToken: this.idToken(session), refreshToken };
  }

  async refresh(refreshToken: string): Promise<StaffTokens> {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant || grant.expiresAt < this.now()) throw new SignInError();
    return { idToken: this.idToken(grant) };
  }

  async revoke(refreshToken: string): Promise<void> {
    this.refreshTokens.delete(refreshToken);
  }

  /** The local provider keeps no session of its own to end. */
  signOutUrl(returnTo: string): string {
    return returnTo;
  }

  async verify(idToken: string): Promise<StaffClaims | undefined> {
    const claims = this.auth.verify(idToken);
    if (!claims) return undefined;
    // Tokens of the local API (no sign-in behind them) are their own session.
    const sessionId = claims.origin_jti ?? createHash('sha256').update(idToken).digest('base64url');
    return { subject: claims.sub, name: staffDisplayName({ ...claims }, claims.sub), groups: claims['cognito:groups'], expiresAt: claims.exp, sessionId };
  }

  private idToken(grant: SessionGrant): string {
    return this.auth.issue(grant.subject, grant.groups, new Date(), ID_TOKEN_SECONDS, grant.sessionId);
  }

  private now(): number {
    return Math.floor(Date.now() / 1000);
  }
}
