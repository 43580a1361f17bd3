// Staff sign-in for the web pages: the identity provider's authorization code flow with PKCE, and
// the check of the ID token a session cookie carries. Cognito's managed login in AWS; the local
// sign-in page stands in for it locally (local/local-staff-sign-in.ts).

export interface StaffClaims {
  /** `sub`: who acted, in the audit trail */
  subject: string;
  /** how pages name them (staffDisplayName: `name`, `email`, the user name; else the subject) */
  name: string;
  /** `cognito:groups`: the staff roles are among them */
  groups: string[];
  /** `exp`, epoch seconds */
  expiresAt: number;
  /** The sign-in the token comes from, the same through refreshes (Cognito's `origin_jti`). */
  sessionId: string;
}

export interface StaffTokens {
  idToken: string;
  /** only from the code exchange; a refresh answers without a new one */
  refreshToken?: string;
}

export interface AuthorizeRequest {
  state: string;
  codeChallenge: string;
  redirectUri: string;
}

/** The query of an authorization request (code flow, PKCE with S256), as every provider reads it. */
export function authorizeQuery(clientId: string, request: AuthorizeRequest, scope?: string): Record<string, string> {
  return {
    response_type: 'code',
    client_id: clientId,
    redirect_uri: request.redirectUri,
    ...(scope ? { scope } : {}),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
  };
}

export interface StaffSignIn {
  /** The provider's sign-in page for this attempt. */
  authorizeUrl(request: AuthorizeRequest): string;
  /** Trades the code the provider sent back for tokens; a refused code is a SignInError. */
  exchangeCode(request: { code: string; codeVerifier: string; redirectUri: string }): Promise<StaffTokens>;
  /** A fresh ID token without asking the person again; a refused token is a SignInError. */
  refresh(refreshToken: string): Promise<StaffTokens>;
  /** Ends the refresh token's life (sign-out). */
  revoke(refreshToken: string): Promise<void>;
  /** Where to send the browser so the provider forgets its own session, then back to `returnTo`. */
  signOutUrl(returnTo: string): string;
  /** The claims of a valid ID token; undefined for a missing, forged, foreign or expired one. */
  verify(idToken: string): Promise<StaffClaims | undefined>;
}
