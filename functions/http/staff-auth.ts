import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import type { StaffRole } from '../domain/model';
import type { StaffSignIn } from '../ports/staff-sign-in';
import type { EndedSessions } from '../ports/ended-sessions';
import { readCookie, type CookieEvent, type CookieSpec } from './cookies';
import { staffDisplayName } from '../domain/staff-name';

export interface StaffPrincipal {
  /** Cognito's `sub`: who acted, in the audit trail */
  subject: string;
  /** how pages and the case history name them (staffDisplayName) */
  name: string;
  roles: StaffRole[];
  /** the communities (scheme ids) this person acts for: their `scheme:<id>` groups, or all with `scheme:all` */
  schemes: readonly string[] | 'all';
}

/**
 * One deployment serves several health communities: a staff member acts only for those their
 * groups name (`scheme:sor-rogaland`), or for all with `scheme:all`. Without either, none: a
 * forgotten group locks a person out instead of letting them into another community's cases.
 */
export const ALL_SCHEMES_GROUP = 'scheme:all';
export const schemeGroup = (schemeId: string): string => `scheme:${schemeId}`;

export function staffSchemes(groups: readonly string[]): readonly string[] | 'all' {
  if (groups.includes(ALL_SCHEMES_GROUP)) return 'all';
  return groups.filter((g) => g.startsWith('scheme:')).map((g) => g.slice('scheme:'.length));
}

export function mayActFor(staff: Pick<StaffPrincipal, 'schemes'>, schemeId: string): boolean {
  return staff.schemes === 'all' || staff.schemes.includes(schemeId);
}

/** The communities a request's staff member acts for, as a predicate (none without a staff member). */
export function actsFor(staff: Pick<StaffPrincipal, 'schemes'> | undefined): (schemeId: string) => boolean {
  return (schemeId) => staff !== undefined && mayActFor(staff, schemeId);
}

/** 403 unless the staff member acts for every one of these communities. */
export function requireSchemes(staff: Pick<StaffPrincipal, 'schemes'>, schemeIds: readonly string[]): void {
  if (!schemeIds.every((id) => mayActFor(staff, id))) throw new ForbiddenError('Du har ikke tilgang til saker i denne ordningen.');
}

interface VerifiedClaims {
  subject: string;
  name: string;
  groups: string[];
}

const KNOWN_ROLES: readonly StaffRole[] = ['secretariat', 'finance'];

/** The web pages' session: the ID token from the staff sign-in (`/innlogging`). */
export const SESSION_COOKIE: CookieSpec = { name: 'staff_session', sameSite: 'Lax' };
/** The refresh token, read only by the sign-in and sign-out routes. */
export const REFRESH_COOKIE: CookieSpec = { name: 'staff_refresh', sameSite: 'Lax' };

const MAX_TOKEN_LENGTH = 8192;

/** Cognito puts groups in `cognito:groups`; API Gateway flattens arrays to "[a b]" strings. */
function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function staffRoles(groups: readonly string[]): StaffRole[] {
  return groups.filter((g): g is StaffRole => KNOWN_ROLES.includes(g as StaffRole));
}

/** The claims API Gateway's JWT authorizer verified (the JSON API's staff routes). */
function authorizerClaims(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>): VerifiedClaims | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject === '') return undefined;
  return { subject, name: staffDisplayName(claims, subject), groups: parseGroups(claims['cognito:groups']) };
}

/** The claims of the session cookie's ID token (the staff web pages). */
async function sessionClaims(event: CookieEvent, session: StaffSession): Promise<VerifiedClaims | undefined> {
  const token = readCookie(event, SESSION_COOKIE);
  if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
  const claims = await session.signIn.verify(token);
  if (!claims || claims.subject === '' || (await session.ended.hasEnded(claims.sessionId))) return undefined;
  return { subject: claims.subject, name: claims.name, groups: claims.groups };
}

/** What checks a page's session cookie: the token, and that its sign-in has not been ended. */
export interface StaffSession {
  signIn: StaffSignIn;
  ended: EndedSessions;
}

/**
 * The staff member behind a request, holding `role`. The JSON API's tokens are verified by API
 * Gateway's JWT authorizer before the handler runs (this check is then defence in depth); a page
 * route's session cookie is verified here, since a browser sends no Authorization header.
 */
export async function requireStaff(
  event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>,
  role: StaffRole,
  session?: StaffSession,
): Promise<StaffPrincipal> {
  const claims = authorizerClaims(event) ?? (session ? await sessionClaims(event as CookieEvent, session) : undefined);
  if (!claims) throw new UnauthorizedError();
  const roles = staffRoles(claims.groups);
  if (!roles.includes(role)) throw new ForbiddenError();
  return { subject: claims.subject, name: claims.name, roles, schemes: staffSchemes(claims.groups) };
}
