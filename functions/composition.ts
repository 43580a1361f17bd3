// Composition root: builds the adapters once per Lambda container (cold start) and hands them to
// use cases. Tests and the local runtime replace parts with `overrideDependencies`.
//
// Storage, clock, ids and the schemes are wired for every function. The mailer (SES), the workflow
// (Step Functions) and the staff sign-in (Cognito, aws-jwt-verify) are wired only by the functions
// that use them (functions/wiring), so the other bundles carry none of their code; a test holds
// each handler's wiring to what its code reaches.
import { config, type AppConfig } from './config/env';
import { createDocumentClient, DynamoGrantStore } from './adapters/dynamodb-grant-store';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { newApplicationId, newId, newLinkId } from './adapters/ids';
import { DynamoWaitingTaskStore } from './adapters/dynamodb-waiting-tasks';
import { DynamoEndedSessions } from './adapters/dynamodb-ended-sessions';
import type { EndedSessions } from './ports/ended-sessions';
import { DynamoDraftStore } from './adapters/dynamodb-drafts';
import type { DraftStore } from './ports/drafts';
import type { StaffSignIn } from './ports/staff-sign-in';
import { systemClock, type Clock } from './ports/clock';
import type { GrantStore } from './ports/grant-store';
import type { IdSource } from './ports/ids';
import type { Mailer } from './ports/mailer';
import type { WaitingTaskStore } from './ports/waiting-tasks';
import type { WorkflowPort } from './ports/workflow';
import { getScheme, SCHEME_IDS } from '../config/schemes';
import type { SchemeConfig } from '../schemas/scheme-config.schema';

export interface Dependencies {
  store: GrantStore;
  mailer: Mailer;
  workflow: WorkflowPort;
  clock: Clock;
  ids: IdSource;
  scheme(id: string): SchemeConfig | undefined;
  /** Callback-task tokens, kept server-side */
  tasks: WaitingTaskStore;
  /** Base of the links put into e-mails, e.g. https://tilskudd.example.no */
  publicBaseUrl: string;
  /** Staff sign-in of the web pages (Cognito's managed login in AWS) */
  staffSignIn: StaffSignIn;
  /** Staff sessions ended by signing out (their ID tokens are refused before they expire) */
  endedSessions: EndedSessions;
  /** Drafts of the application form, kept until submitted or expired */
  drafts: DraftStore;
}

/** The parts only some functions use; each is wired by a module in functions/wiring. */
export type Capability = 'mailer' | 'workflow' | 'staffSignIn';

/** What a wiring builds its adapter from: the parsed environment and the shared DynamoDB parts. */
export interface WiringContext {
  env: AppConfig;
  documents: DynamoDBDocumentClient;
  tasks: WaitingTaskStore;
}

export interface Wiring<K extends Capability = Capability> {
  readonly provides: K;
  build(context: WiringContext): Dependencies[K];
}

const wirings = new Map<Capability, Wiring>();

/** Called at module load by the functions that use these parts (httpRoute's `uses`, the workflow handlers). */
export function wire(...parts: readonly Wiring[]): void {
  for (const part of parts) {
    if (wirings.get(part.provides) === part) continue;
    wirings.set(part.provides, part);
    // Wired after a first dependencies() call: fill the part in, unless a test or the local runtime gave one.
    if (current && placeholders.has(current[part.provides])) current = { ...current, [part.provides]: part.build(context!) };
  }
}

/** The stand-ins for parts not wired (see unwired). */
const placeholders = new WeakSet<object>();

/** A part this function does not wire: any use names what is missing (a 500, logged). */
function unwired<K extends Capability>(capability: K): Dependencies[K] {
  const placeholder = new Proxy({} as Dependencies[K] & object, {
    get(_target, property) {
      if (property === 'then' || typeof property === 'symbol') return undefined;
      throw new Error(`'${capability}' is not wired into this function (see functions/wiring)`);
    },
  });
  placeholders.add(placeholder);
  return placeholder;
}

const cryptoIds: IdSource = { applicationId: newApplicationId, linkId: newLinkId, id: newId };
const CAPABILITIES: readonly Capability[] = ['mailer', 'workflow', 'staffSignIn'];

let context: WiringContext | undefined;

function buildDefaults(): Dependencies {
  const env = config();
  const documents = createDocumentClient({
    region: env.AWS_REGION,
    ...(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  const store = new DynamoGrantStore({ client: documents, tableName: env.TABLE_NAME });
  const tasks = new DynamoWaitingTaskStore({ client: documents, tableName: env.TABLE_NAME });
  context = { env, documents, tasks };
  const parts = Object.fromEntries(CAPABILITIES.map((k) => [k, wirings.get(k)?.build(context!) ?? unwired(k)])) as Pick<Dependencies, Capability>;
  const scheme = enabledSchemes(env.SCHEME_IDS);
  const endedSessions = new DynamoEndedSessions({ client: documents, tableName: env.TABLE_NAME });
  const drafts = new DynamoDraftStore({ client: documents, tableName: env.TABLE_NAME });
  return { store, tasks, endedSessions, drafts, clock: systemClock, ids: cryptoIds, scheme, publicBaseUrl: env.PUBLIC_BASE_URL, ...parts };
}

let current: Dependencies | undefined;

export function dependencies(): Dependencies {
  current ??= buildDefaults();
  return current;
}

/** A deployment runs the communities its stage names (SCHEME_IDS; all when unset); the others are unknown to it (404). */
export function enabledSchemes(enabled: readonly string[] | undefined): Dependencies['scheme'] {
  return (id: string) => (!enabled || enabled.includes(id) ? getScheme(id) : undefined);
}

/** The schemes this deployment runs: the configured ones its stage names (SCHEME_IDS), in configuration order. */
export function runningSchemeIds(deps: Pick<Dependencies, 'scheme'>): string[] {
  return SCHEME_IDS.filter((id) => deps.scheme(id) !== undefined);
}

/** Replaces parts of the wiring (tests, the local runtime). */
export function overrideDependencies(parts: Partial<Dependencies>): Dependencies {
  current = { ...(current ?? buildDefaults()), ...parts };
  return current;
}

export function resetDependencies(): void {
  current = undefined;
  context = undefined;
}
