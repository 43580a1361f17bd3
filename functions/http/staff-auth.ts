import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from '../domain/errors';
import type { StaffRole } from '../domain/model';

export interface StaffPrincipal {
  subject: string;
  roles: StaffRole[];
}

const KNOWN_ROLES: readonly StaffRole[] = ['secretariat', 'finance'];

/** Cognito puts groups in `cognito:groups`; API Gateway flattens arrays to "[a b]" strings. */
function parseGroups(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  return raw.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

/**
 * Reads the principal the JWT authorizer verified. The authorizer rejects bad tokens before the
 * handler runs; this check is defence in depth and enforces the role.
 */
export function requireStaff(event: Partial<APIGatewayProxyEventV2WithJWTAuthorizer>, role: StaffRole): StaffPrincipal {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const subject = claims?.sub;
  if (!claims || typeof subject !== 'string' || subject === '') throw new UnauthorizedError();
  const roles = parseGroups(claims['cognito:groups']).filter((g): g is StaffRole => KNOWN_ROLES.includes(g as StaffRole));
  if (!roles.includes(role)) throw new ForbiddenError();
  return { subject, roles };
}
