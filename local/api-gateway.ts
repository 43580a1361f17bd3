// A local stand-in for API Gateway HTTP API v2: matches the same route table the CDK app deploys,
// builds v2 events, runs the JWT check on staff routes, and calls the same handler modules.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { handlerModulePath, isPageRoute, ROUTES, type RouteDefinition } from '../functions/http/routes';
import type { LocalAuth } from './local-auth';

/** API Gateway's own payload limit (10 MB); the handlers enforce their smaller limits themselves. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  params: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const params: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}|\{(\w+)\}/g, (_m, a: string | undefined, b: string | undefined) => {
    params.push((a ?? b)!);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}$`), params };
}

const COMPILED = ROUTES.map(compile);

export function matchRoute(method: string, path: string): { route: RouteDefinition; pathParameters: Record<string, string> } | undefined {
  for (const c of COMPILED) {
    if (c.route.method !== method) continue;
    const m = c.pattern.exec(path);
    if (!m) continue;
    const pathParameters: Record<string, string> = {};
    c.params.forEach((name, i) => {
      pathParameters[name] = decodeURIComponent(m[i + 1] ?? '');
    });
    return { route: c.route, pathParameters };
  }
  return undefined;
}

const handlers = new Map<string, Promise<Handler>>();

function loadHandler(route: RouteDefinition): Promise<Handler> {
  let loaded = handlers.get(route.id);
  if (!loaded) {
    const url = new URL(`../${handlerModulePath(route)}`, import.meta.url);
    loaded = import(url.href).then((m: { handler: Handler }) => m.handler);
    handlers.set(route.id, loaded);
  }
  return loaded;
}

export async function readBody(req: IncomingMessage, limit = GATEWAY_MAX_BODY): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-north-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Serves one request if it hits the API's route table; returns false so the caller can serve pages. */
export async function serveApi(req: IncomingMessage, res: ServerResponse, auth: LocalAuth, body?: Buffer): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const match = matchRoute(method, url.pathname);
  if (!match) return false;
  const raw = body ?? (await readBody(req));
  if (raw === 'too-large') {
    sendJson(res, 413, { message: 'Request Entity Too Large' });
    return true;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const now = new Date();
  const requestContext: Record<string, unknown> = {
    accountId: '000000000000',
    apiId: 'local',
    domainName: headers.host ?? 'localhost',
    domainPrefix: 'local',
    http: { method, path: url.pathname, protocol: 'HTTP/1.1', sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
    requestId: randomUUID(),
    routeKey: `${match.route.method} ${match.route.path}`,
    stage: '$default',
    time: now.toUTCString(),
    timeEpoch: now.getTime(),
  };
  // As in AWS: the JSON API's staff routes sit behind the JWT authorizer (Authorization header
  // only); the staff pages have no authorizer, their handlers check the session cookie.
  if (match.route.access !== 'public' && !isPageRoute(match.route)) {
    const claims = auth.verify(headers.authorization?.replace(/^Bearer\s+/i, ''));
    if (!claims) {
      sendJson(res, 401, { message: 'Unauthorized' });
      return true;
    }
    requestContext.authorizer = { jwt: { claims: { sub: claims.sub, 'cognito:groups': `[${claims['cognito:groups'].join(' ')}]` }, scopes: [] } };
  }
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  const event = {
    version: '2.0',
    routeKey: `${match.route.method} ${match.route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
    requestContext,
    ...(raw.length ? { body: raw.toString('utf8') } : {}),
    isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const handler = await loadHandler(match.route);
  const result = await handler(event, lambdaContext(match.route.id));
  const responseHeaders: Record<string, string | string[]> = { ...((result.headers ?? {}) as Record<string, string>) };
  // Payload format 2.0: `cookies` become Set-Cookie headers, next to one given in `headers`.
  if (result.cookies?.length) responseHeaders['set-cookie'] = [...(responseHeaders['set-cookie'] ? [String(responseHeaders['set-cookie'])] : []), ...result.cookies];
  res.writeHead(result.statusCode ?? 200, responseHeaders);
  res.end(result.body ?? '');
  return true;
}

