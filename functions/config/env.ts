// Fail-fast configuration: every Lambda and local tool reads its environment through here, once.
// A bad or missing variable stops the cold start with one error that names every bad variable
// (never their values: a value might be an ARN or an endpoint we should not echo into logs).
import * as z from 'zod/mini';

export const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** Empty strings count as "not set" (CDK and shells often pass `''` for an absent value). */
const blankToUndefined = z.transform((value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value));

const optional = <T extends z.ZodMiniType>(schema: T) => z.pipe(blankToUndefined, z.optional(schema));
/** The fallback is used as is (already normalised); a given value goes through the schema. */
const withDefault = <O>(schema: z.ZodMiniType<O, string>, fallback: NoInfer<O>) =>
  z.pipe(optional(schema), z.transform((value): O => (value === undefined ? fallback : (value as O))));

const trimmed = () => z.string().check(z.trim());

const httpUrl = trimmed().check(
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http(s) URL'),
);
const withoutTrailingSlash = z.pipe(httpUrl, z.transform((url) => url.replace(/\/+$/, '')));

const arn = trimmed().check(z.regex(/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{0,12}:.+$/, 'must be an ARN'));

/** `addr@domain` or `Display Name <addr@domain>` */
const mailbox = trimmed().check(
  z.regex(/^(?:[^<>\r\n]+ <[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, 'must be an e-mail address'),
);

const stateMachineArns = z.pipe(
  z.pipe(
    z.string(),
    z.transform((raw: string, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.issues.push({ code: 'custom', message: 'must be JSON: {"name": "arn:aws:states:…"}', input: raw });
        return z.NEVER;
      }
    }),
  ),
  z.record(z.string().check(z.minLength(1)), arn),
);

const envSchema = z
  .object({
    TABLE_NAME: z.pipe(
      blankToUndefined,
      z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
        .check(z.trim(), z.regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)')),
    ),
    AWS_REGION: withDefault(trimmed().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as eu-north-1')), 'eu-north-1'),
    DYNAMODB_ENDPOINT: optional(httpUrl),
    SES_ENDPOINT: optional(httpUrl),
    SFN_ENDPOINT: optional(httpUrl),
    MAIL_FROM: withDefault(mailbox, 'ikke-svar@tilskudd.example'),
    PUBLIC_BASE_URL: withDefault(withoutTrailingSlash, 'http://localhost:3000'),
    STATE_MACHINE_ARNS: optional(stateMachineArns),
    PAYOUT_EVENT_BUS: optional(trimmed().check(z.minLength(1))),
    STAFF_USER_POOL_ID: optional(trimmed().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+_[0-9A-Za-z]+$/, 'must be a Cognito user pool id such as eu-north-1_AbC123'))),
    STAFF_PAGES_CLIENT_ID: optional(trimmed().check(z.regex(/^[0-9a-z]{1,128}$/, 'must be a Cognito app client id'))),
    STAFF_SIGN_IN_URL: optional(withoutTrailingSlash),
    /** Comma-separated scheme ids this deployment runs; unset: every configured scheme. */
    SCHEME_IDS: optional(
      z.pipe(
        trimmed().check(z.regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'must be scheme ids separated by commas')),
        z.transform((ids) => Object.freeze(ids.split(','))),
      ),
    ),
    LOG_LEVEL: withDefault(z.pipe(trimmed().check(z.toUpperCase()), z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })), 'INFO'),
  })
  .check(
    z.superRefine((env, ctx) => {
      const signIn = [env.STAFF_USER_POOL_ID, env.STAFF_PAGES_CLIENT_ID, env.STAFF_SIGN_IN_URL];
      if (signIn.some((v) => v !== undefined) && signIn.some((v) => v === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['STAFF_SIGN_IN_URL'], message: 'and STAFF_USER_POOL_ID and STAFF_PAGES_CLIENT_ID must be set together' });
      }
    }),
  );

type Parsed = z.output<typeof envSchema>;

export interface AppConfig {
  readonly TABLE_NAME: string;
  readonly AWS_REGION: string;
  readonly DYNAMODB_ENDPOINT?: string;
  readonly SES_ENDPOINT?: string;
  readonly SFN_ENDPOINT?: string;
  readonly MAIL_FROM: string;
  /** No trailing slash: build links as `${PUBLIC_BASE_URL}/…`. */
  readonly PUBLIC_BASE_URL: string;
  /** Logical name → state machine ARN, parsed from the JSON in the variable. */
  readonly STATE_MACHINE_ARNS?: Readonly<Record<string, string>>;
  readonly PAYOUT_EVENT_BUS?: string;
  /** Staff sign-in of the web pages: the user pool, its pages app client and its domain (all three or none). */
  readonly STAFF_USER_POOL_ID?: string;
  readonly STAFF_PAGES_CLIENT_ID?: string;
  readonly STAFF_SIGN_IN_URL?: string;
  readonly SCHEME_IDS?: readonly string[];
  readonly LOG_LEVEL: LogLevelName;
}

// Compile-time check that the schema and the published interface agree.
const _schemaMatches: (p: Parsed) => AppConfig = (p) => p;
void _schemaMatches;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration (${problems.length}): ${problems.join('; ')}`);
  }
}

/** Parses the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(environment)';
      return `${name} ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const parsed = result.data;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value !== undefined) out[key] = value;
  }
  if (parsed.STATE_MACHINE_ARNS) out.STATE_MACHINE_ARNS = Object.freeze({ ...parsed.STATE_MACHINE_ARNS });
  return Object.freeze(out) as unknown as AppConfig;
}

let cached: AppConfig | undefined;

/** The process-wide configuration, parsed on first use (cold start) and cached. */
export function config(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

/** Tests only: forget the cached configuration so the next `config()` reads the environment again. */
export function resetConfigForTests(): void {
  cached = undefined;
}
