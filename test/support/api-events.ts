// Builders for real API Gateway HTTP API (payload v2.0) events and a fake Lambda context, so the
// handlers are exercised exactly as Lambda calls them: raw string bodies, mixed-case headers,
// base64 form posts, and the JWT authorizer's flattened claims.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { ROUTES, type RouteDefinition } from '../../functions/http/routes';

export type Claims = Record<string, string | number | boolean | string[]>;

export interface ApiEventOptions {
  method: string;
  /** the route template, e.g. /api/cosign/{linkId} */
  path: string;
  /** the concrete path; derived from path + pathParameters when left out */
  rawPath?: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** a raw body string, sent as is (set content-type yourself) */
  body?: string;
  /** serialised as JSON with content-type application/json */
  json?: unknown;
  /** urlencoded (repeated keys for arrays) with content-type application/x-www-form-urlencoded */
  form?: Record<string, string | number | boolean | Array<string | number>>;
  /** base64-encode the body (what API Gateway does for form posts and binary bodies) */
  base64?: boolean;
  /** JWT claims as the authorizer passes them; adds requestContext.authorizer.jwt */
  claims?: Claims;
}

export type ApiEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;

/** Claims of a Cognito user in the given groups; API Gateway flattens the array to "[a b]". */
/** A staff member's claims; one with a role and no `scheme:` group acts for every community (`scheme:all`). */
export function staffClaims(groups: string[], sub = 'staff-user-1'): Claims {
  const scoped = groups.length === 0 || groups.some((g) => g.startsWith('scheme:')) ? groups : [...groups, 'scheme:all'];
  return {
    sub,
    'cognito:groups': `[${scoped.join(' ')}]`,
    'cognito:username': sub,
    email_verified: 'true',
    iss: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_TEST',
    token_use: 'id',
    auth_time: '1795000000',
    exp: '1895000000',
    iat: '1795000000',
  };
}

export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${template}`);
    return encodeURIComponent(value);
  });
}

export function formEncode(form: NonNullable<ApiEventOptions['form']>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  return params.toString();
}

export function apiEvent(options: ApiEventOptions): ApiEvent {
  const method = options.method.toUpperCase();
  const rawPath = options.rawPath ?? fillPath(options.path, options.pathParameters);
  const headers: Record<string, string> = {
    Host: 'api.tilskudd.example',
    'User-Agent': 'vitest/api-events',
    'X-Forwarded-For': '192.0.2.10',
    'X-Forwarded-Proto': 'https',
    'X-Forwarded-Port': '443',
    Accept: 'application/json',
  };
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  } else if (options.form !== undefined) {
    body = formEncode(options.form);
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  // Caller headers win (and may use any case, as real clients do).
  for (const [key, value] of Object.entries(options.headers ?? {})) {
    for (const existing of Object.keys(headers)) if (existing.toLowerCase() === key.toLowerCase()) delete headers[existing];
    headers[key] = value;
  }
  if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
  const isBase64Encoded = options.base64 === true && body !== undefined;
  const rawQueryString = options.query ? new URLSearchParams(options.query).toString() : '';
  const now = Date.now();
  const requestContext = {
    accountId: '123456789012',
    apiId: 'abc123defg',
    domainName: 'api.tilskudd.example',
    domainPrefix: 'api',
    http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: 'vitest/api-events' },
    requestId: randomUUID(),
    routeKey: `${method} ${options.path}`,
    stage: '$default',
    time: new Date(now).toUTCString(),
    timeEpoch: now,
  };
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: `${method} ${options.path}`,
    rawPath,
    rawQueryString,
    headers,
    requestContext,
    isBase64Encoded,
    ...(options.query && Object.keys(options.query).length > 0 ? { queryStringParameters: { ...options.query } } : {}),
    ...(options.pathParameters && Object.keys(options.pathParameters).length > 0 ? { pathParameters: { ...options.pathParameters } } : {}),
    ...(body !== undefined ? { body: isBase64Encoded ? Buffer.from(body).toString('base64') : body } : {}),
  };
  if (!options.claims) return event;
  const claims = Object.fromEntries(
    Object.entries(options.claims).map(([k, v]) => [k, Array.isArray(v) ? `[${v.join(' ')}]` : v]),
  ) as Record<string, string | number | boolean | string[]>;
  const withJwt: APIGatewayProxyEventV2WithJWTAuthorizer = {
    ...event,
    requestContext: {
      ...requestContext,
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
    },
  };
  return withJwt;
}

export function routeById(id: string): RouteDefinition {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route;
}

/** An event for a route of the table: method and template come from ROUTES. */
export function routeEvent(id: string, options: Omit<ApiEventOptions, 'method' | 'path'> = {}): ApiEvent {
  const route = routeById(id);
  return apiEvent({ ...options, method: route.method, path: route.path });
}

export function lambdaContext(functionName = 'grant-http'): Context {
  const requestId = randomUUID();
  const deadline = Date.now() + 29_000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:123456789012:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/11/20/[$LATEST]${requestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** The token of the CSRF cookie a page set (the double-submit pair), to post the page's forms back with. */
export function csrfTokenOf(page: { headers: Record<string, string | undefined> }): string {
  const token = /__Host-csrf=([^;]+)/.exec(page.headers['set-cookie'] ?? '')?.[1];
  if (!token) throw new Error('The page set no CSRF cookie');
  return token;
}

/** A form posted back from a page as a browser does: the token in its hidden field and in its cookie. */
export function formPost(token: string, options: Omit<ApiEventOptions, 'method'>): ApiEvent {
  return { ...apiEvent({ ...options, method: 'POST', form: { _csrf: token, ...options.form } }), cookies: [`__Host-csrf=${token}`] };
}
