// Builds the CDK app for the infra tests: cdk.json's context, no asset bundling, no built-in
// CloudFormation validation (unless asked for), a temporary outdir. Build once per file (beforeAll).
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, cdkJsonContext, type BuiltApp } from '../../infra/build-app';

export interface SynthesizedApp extends BuiltApp {
  readonly outdir: string;
  readonly stateful_: Template;
  readonly stateless_: Template;
  readonly pages_: Template;
  cleanup(): void;
}

export interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    violations: Array<{ ruleName: string; severity: string; violatingConstructs?: Array<{ constructPath: string }> }>;
  }>;
}

export function synthesize(stage: 'dev' | 'prod', options: { cloudFormationValidation?: boolean } = {}): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), `grants-cdk-${stage}-`));
  const app = new App({
    outdir,
    builtinCloudFormationValidation: options.cloudFormationValidation ?? false,
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [], stage },
  });
  const built = buildApp({ app, region: 'eu-north-1' });
  return {
    ...built,
    outdir,
    stateful_: Template.fromStack(built.stateful),
    stateless_: Template.fromStack(built.stateless),
    pages_: Template.fromStack(built.pages),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** The validation report CDK writes next to the templates (cdk-nag and CloudFormation findings). */
export function validationReport(outdir: string): ValidationReport {
  return JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
}

export type Resources = Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string[]; DeletionPolicy?: string }>;

export function resourcesOf(template: Template, type?: string): Resources {
  const all = template.toJSON().Resources as Resources;
  if (!type) return all;
  return Object.fromEntries(Object.entries(all).filter(([, r]) => r.Type === type));
}

/** Every IAM policy statement of a template: standalone policies and inline role/managed policies. */
export function iamStatements(template: Template): Array<{ logicalId: string; statement: Record<string, any> }> {
  const out: Array<{ logicalId: string; statement: Record<string, any> }> = [];
  for (const [logicalId, resource] of Object.entries(resourcesOf(template))) {
    const docs: any[] = [];
    if (resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy') docs.push(resource.Properties?.PolicyDocument);
    if (resource.Type === 'AWS::IAM::Role') for (const p of resource.Properties?.Policies ?? []) docs.push(p.PolicyDocument);
    for (const doc of docs) for (const statement of doc?.Statement ?? []) out.push({ logicalId, statement });
  }
  return out;
}

export const asArray = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Whether any role of the template may send mail on every SES identity of the account (the sandbox's need). */
export function sendsOnEveryIdentity(template: Template): boolean {
  return iamStatements(template)
    .filter(({ statement }) => asArray<string>(statement.Action).includes('ses:SendEmail'))
    .some(({ statement }) => asArray<unknown>(statement.Resource).some((r) => JSON.stringify(r).includes(':identity/*')));
}
