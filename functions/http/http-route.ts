// The one way a handler is built: middy with header normalisation, a body-size guard, the JSON and
// form parsers, role and community checks for staff routes, zod validation with Norwegian field messages, and
// the shared error policy.
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../domain/errors';
import type { StaffRole } from '../domain/model';
import { logger } from '../adapters/logger';
import { dependencies, wire, type Wiring } from '../composition';
import { NORWEGIAN, toFieldErrors } from '../../schemas/fields.schema';
import { errorPolicy, type ErrorRenderer } from './error-policy';
import type { HttpResult } from './responses';
import { requireSchemes, requireStaff, type StaffPrincipal } from './staff-auth';
import { schemesOfRequest } from './staff-scope';

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024;

export interface RouteRequest<B> {
  event: APIGatewayProxyEventV2;
  body: B;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** true when the body came from an HTML form post (the caller may answer with a page) */
  fromForm: boolean;
  staff?: StaffPrincipal;
}

export interface RouteOptions<S extends z.ZodMiniType | undefined> {
  access: 'public' | StaffRole;
  /** zod schema of the body; omit for routes without a body */
  body?: S;
  /** a request without a body is parsed as {} (every field of the schema is optional) */
  bodyOptional?: boolean;
  /** turns an x-www-form-urlencoded body into the schema's shape (numbers, booleans, nesting) */
  fromForm?: (form: Record<string, string | string[] | undefined>) => unknown;
  maxBodyBytes?: number;
  /** web pages: answer errors as a page (the renderer decides, e.g. by the Accept header) */
  renderError?: ErrorRenderer;
  /** the parts beyond storage this route's use case needs (functions/wiring), e.g. the workflow */
  uses?: readonly Wiring[];
  /** staff web pages: staff are signed in by the session cookie this sign-in verifies (a browser sends no Authorization header) */
  session?: Wiring<'staffSignIn'>;
}

type BodyOf<S> = S extends z.ZodMiniType ? z.output<S> : undefined;
type RawEvent = APIGatewayProxyEventV2 & { body?: unknown; rawBody?: string };

function bodyLimit(maxBytes: number): middy.MiddlewareObj<RawEvent, HttpResult> {
  return {
    before: async (request) => {
      const body = request.event.body;
      if (typeof body !== 'string') return;
      const bytes = request.event.isBase64Encoded ? Math.floor((body.length * 3) / 4) : Buffer.byteLength(body);
      if (bytes > maxBytes) throw new PayloadTooLargeError();
      request.event.rawBody = body;
    },
  };
}

function parseBody<S extends z.ZodMiniType | undefined>(event: RawEvent, options: RouteOptions<S>): { body: BodyOf<S>; fromForm: boolean } {
  const contentType = event.headers?.['content-type'] ?? '';
  const fromForm = /^application\/x-www-form-urlencoded/i.test(contentType);
  if (!options.body) return { body: undefined as BodyOf<S>, fromForm };
  // No body at all; a JSON `null` or `""` sent as the body (rawBody "null", '""') is a body, and not an object.
  const blank = (event.rawBody ?? '').trim() === '';
  const empty = event.body === undefined || ((event.body === '' || event.body === null) && blank);
  if (empty && !options.bodyOptional) throw new ValidationError({ _form: 'Forespørselen mangler innhold.' });
  if (!empty && typeof event.body !== 'object') throw new UnsupportedMediaTypeError();
  const raw = empty ? {} : fromForm && options.fromForm ? options.fromForm(event.body as unknown as Record<string, string | string[]>) : event.body;
  // Every body is an object of fields: say so, rather than a field message about the whole (null, [1], "x").
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ValidationError({ _form: 'Innholdet må være et JSON-objekt med feltene, for eksempel {"navn": "…"}.' });
  // The Norwegian map for issues a schema gives no message of its own (zod/mini loads no locale).
  const parsed = options.body.safeParse(raw, NORWEGIAN);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  return { body: parsed.data as BodyOf<S>, fromForm };
}

/** Parses a query string with a zod schema; a failure is a 400 with Norwegian field errors. */
export function parseQuery<S extends z.ZodMiniType>(schema: S, query: Record<string, string>): z.output<S> {
  const parsed = schema.safeParse(query, NORWEGIAN);
  if (!parsed.success) throw new ValidationError(toFieldErrors(parsed.error));
  return parsed.data;
}

export function httpRoute<S extends z.ZodMiniType | undefined = undefined>(
  options: RouteOptions<S>,
  run: (request: RouteRequest<BodyOf<S>>) => Promise<HttpResult>,
) {
  wire(...(options.uses ?? []), ...(options.session ? [options.session] : []));
  const principals = new WeakMap<object, StaffPrincipal>();
  // Authorise before the body parsers run: an anonymous caller learns nothing about validation.
  const staffAuth: middy.MiddlewareObj<RawEvent, HttpResult> = {
    before: async (request) => {
      if (options.access === 'public') return;
      const deps = dependencies();
      const session = options.session ? { signIn: deps.staffSignIn, ended: deps.endedSessions } : undefined;
      const staff = await requireStaff(request.event as Partial<APIGatewayProxyEventV2WithJWTAuthorizer>, options.access, session);
      const { pathParameters, queryStringParameters } = request.event;
      requireSchemes(staff, await schemesOfRequest(deps, (pathParameters ?? {}) as Record<string, string>, (queryStringParameters ?? {}) as Record<string, string>));
      principals.set(request.event, staff);
    },
  };
  const core = async (event: RawEvent, _context: Context): Promise<HttpResult> => {
    const staff = principals.get(event);
    const { body, fromForm } = parseBody(event, options);
    return run({
      event,
      body,
      fromForm,
      params: (event.pathParameters ?? {}) as Record<string, string>,
      query: (event.queryStringParameters ?? {}) as Record<string, string>,
      headers: (event.headers ?? {}) as Record<string, string>,
      ...(staff ? { staff } : {}),
    });
  };
  return middy<RawEvent, HttpResult>(core)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpHeaderNormalizer())
    .use(staffAuth)
    .use(bodyLimit(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES))
    .use(httpJsonBodyParser({ disableContentTypeError: true }))
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .use(errorPolicy(options.renderError ? { render: options.renderError } : {}));
}
