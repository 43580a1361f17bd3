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

export function redirect(location: string): HttpResult {
  return { statusCode: 303, headers: { location, ...SECURITY_HEADERS }, body: '' };
}
