import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function text(statusCode: number, body: string, contentType: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

export function redirect(location: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode: 303, headers: { location, ...SECURITY_HEADERS, ...headers }, body: '' };
}

/**
 * The web pages' policy: nothing but this origin; inline styles (the pages' one style sheet); no
 * framing. `formRedirectOrigins`: other origins a form post of the page may end at through a
 * redirect (browsers hold a form's redirects to form-action too).
 */
export function pageContentSecurityPolicy(formRedirectOrigins: readonly string[] = []): string {
  return `default-src 'self'; style-src 'self' 'unsafe-inline'; form-action ${["'self'", ...formRedirectOrigins].join(' ')}; frame-ancestors 'none'`;
}

export const PAGE_CONTENT_SECURITY_POLICY = pageContentSecurityPolicy();

/** A server-rendered page. */
export function html(statusCode: number, body: string, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CONTENT_SECURITY_POLICY, ...SECURITY_HEADERS, ...headers },
    body,
  };
}

/** A CSV file to download (the half-yearly report). */
export function csvAttachment(file: { filename: string; body: string }): HttpResult {
  return text(200, file.body, 'text/csv; charset=utf-8', { 'content-disposition': `attachment; filename="${file.filename}"` });
}
