import { App } from 'aws-cdk-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp, cdkJsonContext, DEFAULT_REGION } from '../../infra/build-app';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['AWS_REGION', 'CDK_DEFAULT_REGION', 'CDK_CLI_VERSION', 'CDK_DEFAULT_ACCOUNT']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

/** Builds the stacks without synthesizing (cheap): only the construct tree. */
function build(context: Record<string, unknown> = {}) {
  const app = new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], ...context } });
  return buildApp({ app });
}

describe('buildApp', () => {
  it('defaults to dev in eu-north-1, account-agnostic, with cdk.json context (v1 flags tolerated)', () => {
    delete process.env.AWS_REGION;
    delete process.env.CDK_DEFAULT_REGION;
    delete process.env.CDK_DEFAULT_ACCOUNT;
    const built = build();
    expect(DEFAULT_REGION).toBe('eu-north-1');
    expect(built.config.stage).toBe('dev');
    expect(built.stateful.region).toBe('eu-north-1');
    expect(built.stateless.region).toBe('eu-north-1');
    expect(built.stateful.stackName).toBe('Grants-dev-Stateful');
    expect(built.stateless.stackName).toBe('Grants-dev-Stateless');
    expect(built.stateless.dependencies).toContain(built.stateful);
    expect(built.pages.stackName).toBe('Grants-dev-Pages');
    expect(built.pages.region).toBe('eu-north-1');
    expect(built.pages.dependencies).toContain(built.stateless);
  });

  it('takes the stage from context and the region from AWS_REGION', () => {
    process.env.AWS_REGION = 'eu-west-1';
    const built = build({ stage: 'prod' });
    expect(built.config.stage).toBe('prod');
    expect(built.stateful.region).toBe('eu-west-1');
    expect(built.stateful.terminationProtection).toBe(true);
  });

  it('ignores the CDK_DEFAULT_REGION that the CDK CLI overwrites, but honours it outside the CLI', () => {
    delete process.env.AWS_REGION;
    process.env.CDK_DEFAULT_REGION = 'us-east-1';
    process.env.CDK_CLI_VERSION = '2.1148.1';
    expect(build().stateful.region).toBe('eu-north-1');
    delete process.env.CDK_CLI_VERSION;
    expect(build().stateful.region).toBe('us-east-1');
  });

  it('refuses an unknown stage', () => {
    expect(() => build({ stage: 'qa' })).toThrow(/Unknown stage 'qa'/);
  });
});
