// Per-stage configuration of the deployment, validated with zod at synth time: a bad value stops
// `cdk synth` with one message that names every problem.
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { SCHEMES } from '../config/schemes';
import { LOG_RETENTION_DAYS, PAYOUT_ARCHIVE_DAYS } from '../functions/domain/retention';

export const STAGE_NAMES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGE_NAMES)[number];

const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name');
const emailAddress = z.string().trim().regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'must be an e-mail address');
/** `addr@domain` or `Display Name <addr@domain>` (the same rule as functions/config/env.ts MAIL_FROM) */
const mailbox = z
  .string()
  .trim()
  .regex(/^(?:[^<>\r\n]+ <[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+)$/, 'must be an e-mail address');
const httpsUrl = z
  .string()
  .trim()
  .url()
  .refine((value) => new URL(value).protocol === 'https:', 'must be an https URL')
  .transform((value) => value.replace(/\/+$/, ''));
const origin = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.origin === value;
    } catch {
      return false;
    }
  }, 'must be an https origin (scheme://host[:port], no path, no trailing slash)');

const stageConfigSchema = z
  .object({
    stage: z.enum(STAGE_NAMES),
    /** Schemes (config/schemes) that this deployment runs. */
    schemeIds: z
      .array(z.string())
      .min(1)
      .refine((ids) => new Set(ids).size === ids.length, 'must not repeat a scheme')
      .superRefine((ids, ctx) => {
        for (const id of ids) {
          if (!Object.hasOwn(SCHEMES, id)) ctx.addIssue({ code: 'custom', message: `unknown scheme '${id}' (known: ${Object.keys(SCHEMES).join(', ')})` });
        }
      }),
    mail: z.object({
      /** The SES identity: a whole domain (DKIM records to publish) or one verified address. */
      identity: z.discriminatedUnion('type', [
        z.object({ type: z.literal('domain'), domain: domainName }),
        z.object({ type: z.literal('address'), address: emailAddress }),
      ]),
      /** MAIL_FROM of the functions; must belong to the identity. */
      from: mailbox,
      /**
       * The account is still in the SES sandbox: SES then also checks the sender's permission on
       * each recipient's identity (the verified addresses), so the mail-sending roles may send on
       * the account's identities. Turn it off once the account has production access.
       */
      sandbox: z.boolean().default(false),
    }),
    /** PUBLIC_BASE_URL: the base of the links in e-mails and of the staff sign-in's callback. */
    publicBaseUrl: httpsUrl,
    /**
     * How the public base URL's host reaches the HTTP API: an API Gateway custom domain with a
     * certificate, validated and aliased in a Route 53 zone of this account, or with a certificate
     * (ACM, this region) issued elsewhere, the DNS record then made by hand (output PublicDomainTarget).
     * Left out, nothing maps it: the links work only once someone does.
     */
    publicDomain: z
      .discriminatedUnion('dns', [
        z.object({ dns: z.literal('route53'), hostedZoneId: z.string().regex(/^Z[A-Z0-9]{1,32}$/, 'must be a Route 53 hosted zone id'), zoneName: domainName }).strict(),
        z
          .object({ dns: z.literal('external'), certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-f-]{36}$/, 'must be an ACM certificate ARN') })
          .strict(),
      ])
      .optional(),
    /** The only origin allowed by CORS: where the application form is served. */
    formOrigin: origin,
    /** Optional e-mail subscription on the alarm topic. */
    alarmEmail: emailAddress.optional(),
    staffMfa: z.enum(['required', 'optional']),
    /**
     * The staff sign-in's Cognito domain: https://<prefix>.auth.<region>.amazoncognito.com. Cognito
     * domain prefixes are global per region, so each stage (and each account deploying it) needs its own.
     */
    staffSignInDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be 1-63 of a-z 0-9 -, not starting or ending with -')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'must not contain aws, amazon or cognito'),
    api: z.object({ rateLimit: z.number().int().min(1).max(10_000), burstLimit: z.number().int().min(1).max(5_000) }),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']),
    retention: z.object({
      logs: z.enum(RetentionDays),
      /** Payout-trigger archive on the event bus. */
      eventArchiveDays: z.number().int().min(1).max(3650),
      /** RETAIN keeps logs, the user pool and the schedule group when the stack goes; the table is always retained. */
      removalPolicy: z.enum([RemovalPolicy.RETAIN, RemovalPolicy.DESTROY]),
    }),
  })
  .superRefine((config, ctx) => {
    const fromAddress = (/<([^>]+)>$/.exec(config.mail.from)?.[1] ?? config.mail.from).toLowerCase();
    const identity = config.mail.identity;
    const belongs =
      identity.type === 'domain' ? fromAddress.endsWith(`@${identity.domain}`) : fromAddress === identity.address.toLowerCase();
    if (!belongs) ctx.addIssue({ code: 'custom', path: ['mail', 'from'], message: 'must be an address of the SES identity' });
    if (config.stage === 'prod' && config.staffMfa !== 'required') {
      ctx.addIssue({ code: 'custom', path: ['staffMfa'], message: 'prod requires MFA for staff' });
    }
    const host = new URL(config.publicBaseUrl).hostname;
    if (config.publicDomain?.dns === 'route53' && host !== config.publicDomain.zoneName && !host.endsWith(`.${config.publicDomain.zoneName}`)) {
      ctx.addIssue({ code: 'custom', path: ['publicDomain', 'zoneName'], message: `must be the zone of the public base URL's host ${host}` });
    }
    if (config.stage === 'prod' && config.retention.removalPolicy !== RemovalPolicy.RETAIN) {
      ctx.addIssue({ code: 'custom', path: ['retention', 'removalPolicy'], message: 'prod keeps its resources (RETAIN)' });
    }
  });

export type StageConfig = z.output<typeof stageConfigSchema>;

// Placeholders under .example until the health community's domain is decided: change them here.
const PLACEHOLDER_ZONE = { dns: 'route53', hostedZoneId: 'Z0EXAMPLE0HELSEFELLESSKAP', zoneName: 'helsefellesskap.example' } as const;
const RAW_STAGES: Record<StageName, z.input<typeof stageConfigSchema>> = {
  dev: {
    stage: 'dev',
    schemeIds: Object.keys(SCHEMES),
    mail: {
      identity: { type: 'address', address: 'tilskudd-test@helsefellesskap.example' },
      from: 'Tilskudd TEST <tilskudd-test@helsefellesskap.example>',
      sandbox: true,
    },
    publicBaseUrl: 'https://test.tilskudd.helsefellesskap.example',
    publicDomain: PLACEHOLDER_ZONE,
    formOrigin: 'https://test.tilskudd.helsefellesskap.example',
    staffMfa: 'optional',
    staffSignInDomainPrefix: 'tilskudd-helsefellesskap-test',
    api: { rateLimit: 20, burstLimit: 40 },
    logLevel: 'DEBUG',
    retention: { logs: RetentionDays.TWO_WEEKS, eventArchiveDays: 30, removalPolicy: RemovalPolicy.DESTROY },
  },
  prod: {
    stage: 'prod',
    schemeIds: Object.keys(SCHEMES),
    mail: {
      identity: { type: 'domain', domain: 'tilskudd.helsefellesskap.example' },
      from: 'Tilskudd <ikke-svar@tilskudd.helsefellesskap.example>',
    },
    publicBaseUrl: 'https://tilskudd.helsefellesskap.example',
    publicDomain: PLACEHOLDER_ZONE,
    formOrigin: 'https://tilskudd.helsefellesskap.example',
    alarmEmail: 'drift@helsefellesskap.example',
    staffMfa: 'required',
    staffSignInDomainPrefix: 'tilskudd-helsefellesskap',
    api: { rateLimit: 50, burstLimit: 100 },
    logLevel: 'INFO',
    // The privacy notice states these two figures (functions/domain/retention.ts).
    retention: { logs: LOG_RETENTION_DAYS, eventArchiveDays: PAYOUT_ARCHIVE_DAYS, removalPolicy: RemovalPolicy.RETAIN },
  },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGE_NAMES as readonly string[]).includes(value);
}

/** Validates a stage configuration; throws one error that lists every problem. */
export function parseStageConfig(raw: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(config)'} ${issue.message}`);
    throw new Error(`Invalid stage configuration: ${problems.join('; ')}`);
  }
  return result.data;
}

export function stageConfig(stage: string): StageConfig {
  if (!isStageName(stage)) throw new Error(`Unknown stage '${stage}' (known: ${STAGE_NAMES.join(', ')})`);
  return parseStageConfig(RAW_STAGES[stage]);
}
