// Builds the CDK app: used by infra/app.ts (cdk synth / deploy) and by the infra tests.
import { App, CrossStackReferences, ReferenceStrength, Validations, type AppProps } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './grant-function';
import { PagesStack } from './pages-stack';
import { stageConfig, type StageConfig } from './stage-config';
import { StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export const DEFAULT_REGION = 'eu-north-1';

export interface BuildAppOptions {
  /** An existing App to add the stacks to; otherwise one is created from `appProps`. */
  readonly app?: App;
  readonly appProps?: AppProps;
  /** dev | prod; default: context `stage`, else dev. */
  readonly stage?: string;
  /** Default: context `region`, AWS_REGION, CDK_DEFAULT_REGION (outside the CDK CLI), else eu-north-1. */
  readonly region?: string;
  /** Default: CDK_DEFAULT_ACCOUNT (optional: templates are account-agnostic without it). */
  readonly account?: string;
}

export interface BuiltApp {
  readonly app: App;
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly pages: PagesStack;
}

/** The `context` of cdk.json: a bare `new App()` outside the CLI does not read it. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return { ...(cdkJson.context ?? {}) };
}

const nonEmpty = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * cdk.json still carries CDK v1 flags (e.g. `@aws-cdk/core:enableStackNameDuplicates: true`) that
 * aws-cdk-lib 2 rejects although v2 always behaves as if they were `true`. Such a flag set to `true`
 * is dropped (no change in behaviour); any other value is left for CDK to reject.
 */
function dropExpiredV1Flags(app: App): void {
  for (const flag of cxapi.CURRENT_VERSION_EXPIRED_FLAGS) {
    if (app.node.tryGetContext(flag) === true) app.node.setContext(flag, undefined);
  }
}

export function buildApp(options: BuildAppOptions = {}): BuiltApp {
  const app = options.app ?? new App(options.appProps);
  dropExpiredV1Flags(app);
  // Strong cross-stack references (Export/ImportValue), stated explicitly: the data stack cannot be
  // deleted while the code stack uses it; its exports (table, pool, bus, identity) rarely change.
  CrossStackReferences.of(app).consume(ReferenceStrength.STRONG);
  const stage = options.stage ?? nonEmpty(app.node.tryGetContext('stage')) ?? 'dev';
  const config = stageConfig(stage);
  const region =
    options.region ??
    nonEmpty(app.node.tryGetContext('region')) ??
    nonEmpty(process.env.AWS_REGION) ??
    // The CDK CLI overwrites CDK_DEFAULT_REGION (us-east-1 without an AWS profile), so under the CLI
    // it is not the user's choice: there, use AWS_REGION or `-c region=…` to leave eu-north-1.
    (process.env.CDK_CLI_VERSION ? undefined : nonEmpty(process.env.CDK_DEFAULT_REGION)) ??
    DEFAULT_REGION;
  const account = options.account ?? nonEmpty(process.env.CDK_DEFAULT_ACCOUNT);
  const env = { region, ...(account ? { account } : {}) };
  const prefix = `Grants-${config.stage}`;
  const tags = { application: 'grant-lifecycle', stage: config.stage };

  const stateful = new StatefulStack(app, `${prefix}-Stateful`, {
    env,
    config,
    description: `Grant lifecycle (${config.stage}): data, identity, mail identity, event bus, schedule group`,
    terminationProtection: config.stage === 'prod',
    tags,
  });
  const stateless = new StatelessStack(app, `${prefix}-Stateless`, {
    env,
    config,
    stateful,
    description: `Grant lifecycle (${config.stage}): HTTP API, its JSON routes, state machines, workflow functions, schedules, alarms`,
    tags,
  });
  stateless.addStackDependency(stateful);
  const pages = new PagesStack(app, `${prefix}-Pages`, {
    env,
    config,
    stateful,
    stateless,
    description: `Grant lifecycle (${config.stage}): the web pages' functions and routes on the HTTP API, their alarms`,
    tags,
  });
  pages.addStackDependency(stateless);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, config, stateful, stateless, pages };
}
