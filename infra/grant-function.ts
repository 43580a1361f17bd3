// One Lambda function the way this system builds all of them: esbuild-bundled ESM (AWS SDK
// included), arm64, the newest Node.js runtime of this aws-cdk-lib, active tracing, its own log
// group with the stage's retention, and a role that starts empty except for writing to that log
// group (no AWS managed policies): its own, or one shared by functions with the same permissions.
import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDA_ALIASES, lambdaDefine, REQUIRE_SHIM } from './lambda-bundling';
import { acknowledge, XRAY_REASON } from './nag';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Newest Node.js runtime this aws-cdk-lib knows (cdk-nag L1 insists on it); at least nodejs22.x. */
export const FUNCTION_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface GrantFunctionProps {
  /** Repository-relative handler module, e.g. functions/http/submit-application.handler.ts */
  readonly entry: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
  /** For asynchronously invoked functions: failed events end up here after the retries. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** A role from functionRole() that functions with the same permissions share; default: its own. */
  readonly role?: iam.Role;
}

/** An execution role for Lambda functions, empty but for what GrantFunction adds (logs, X-Ray). */
export function functionRole(scope: Construct, id: string, description: string): iam.Role {
  const role = new iam.Role(scope, id, { description, assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  acknowledge(role, 'AwsSolutions-IAM5[Resource::*]', XRAY_REASON);
  return role;
}

export class GrantFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: GrantFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.logRemovalPolicy });
    this.role = props.role ?? functionRole(this, 'Role', `Lambda ${props.entry}`);
    this.role.addToPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [this.logGroup.logGroupArn] }),
    );

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(REPO_ROOT, props.entry),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      tracing: lambda.Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      description: props.description,
      environment: props.environment,
      bundling: {
        format: OutputFormat.ESM,
        mainFields: ['module', 'main'],
        banner: REQUIRE_SHIM,
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        bundleAwsSDK: true,
        esbuildArgs: { '--alias': Object.entries(LAMBDA_ALIASES).map(([from, to]) => `${from}=${to}`) },
        define: lambdaDefine(),
      },
      ...(props.deadLetterQueue
        ? { deadLetterQueue: props.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.minutes(30) }
        : {}),
    });
  }
}
