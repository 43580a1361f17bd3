// The code and its wiring: one function per HTTP route and per workflow handler, the HTTP API,
// the six lifecycle state machines, the reminder sweep schedule, and the alarms.
//
// Dependency cycles, and how they are avoided:
// - The machines' definitions name lifecycle-step and await-step (function ARNs), so those two
//   functions must not reference any machine: neither in their environment nor in their policies.
//   * They never start executions, so they need no machine ARN at all.
//   * Task-token calls (SendTaskSuccess/Failure/Heartbeat) from those two functions are allowed on
//     this account's and region's state machines (`stateMachine:*`), acknowledged in cdk-nag.
// - The HTTP functions are not named by any machine: they get the machines' exact ARNs in their
//   environment (STATE_MACHINE_ARNS, JSON) and policies (StartExecution and the task-token calls).
// - The one-time final-report schedules are created by the grant machine itself
//   (aws-sdk:scheduler:createSchedule), so the scheduler role and group go to that machine as
//   DefinitionSubstitutions, not to a function.
import { ArnFormat, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { GLOBAL_SECONDARY_INDEXES } from '../functions/adapters/table-design';
import { handlerModulePath, isPageRoute, ROUTES, STAFF_SIGN_IN_PATHS, type RouteDefinition } from '../functions/http/routes';
import { LifecycleWorkflows } from '../workflows/lifecycle-workflows';
import { WORKFLOW_NAMES, type WorkflowName } from '../workflows/definitions';
import { functionRole, GrantFunction } from './grant-function';
import { acknowledge, nagWildcardFinding } from './nag';
import type { StageConfig } from './stage-config';
import type { StatefulStack } from './stateful-stack';

/** Powertools service name; the same as SERVICE_NAME in functions/adapters/logger.ts. */
export const SERVICE_NAME = 'grant-lifecycle';

/** The non-HTTP handlers. */
export const WORKFLOW_HANDLERS = {
  lifecycleStep: 'functions/workflow/lifecycle-step.handler.ts',
  awaitStep: 'functions/workflow/await-step.handler.ts',
  sendDueReminders: 'functions/workflow/send-due-reminders.handler.ts',
  mailEvents: 'functions/workflow/mail-events.handler.ts',
} as const;

/** CloudWatch allows at most 10 metrics in one alarm. */
const ALARM_GROUP_SIZE = 10;

/** What a function may do, beyond writing its own logs. */
export type Capability =
  | 'table-read'
  | 'table-write'
  | 'send-mail'
  /** StartExecution on the machines that HTTP requests start, task-token calls on all six (exact ARNs). */
  | 'workflow'
  /** Task-token calls on any state machine of the account/region (functions that machines invoke). */
  | 'task-tokens';

/** The machines that HTTP requests start (functions/adapters/step-functions-workflow.ts). */
export const STARTED_BY_REQUESTS: readonly WorkflowName[] = ['application', 'reallocation', 'repayment', 'revocation'];

/**
 * GET routes only read; POST routes change state and drive the workflows. Only a route marked
 * `sendsMail` may send mail (the form's draft link, to the address typed); the workflow's steps send
 * the rest (test/infra/lambda-bundle-contents.test.ts holds the route bundles to that).
 */
export function routeCapabilities(route: Pick<RouteDefinition, 'method' | 'sendsMail'>): readonly Capability[] {
  const base: readonly Capability[] = route.method === 'GET' ? ['table-read'] : ['table-read', 'table-write', 'workflow'];
  return route.sendsMail ? [...base, 'send-mail'] : base;
}

export const WORKFLOW_CAPABILITIES: Record<keyof typeof WORKFLOW_HANDLERS, readonly Capability[]> = {
  lifecycleStep: ['table-read', 'table-write', 'send-mail', 'task-tokens'],
  awaitStep: ['table-read', 'table-write', 'send-mail', 'task-tokens'],
  sendDueReminders: ['table-read', 'table-write', 'send-mail'],
  mailEvents: ['table-read', 'table-write', 'send-mail'],
};

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
}

export class StatelessStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  readonly apiStage: apigw.HttpStage;
  readonly workflows: LifecycleWorkflows;
  readonly routeFunctions: ReadonlyMap<string, GrantFunction>;
  readonly workflowFunctions: Readonly<Record<keyof typeof WORKFLOW_HANDLERS, GrantFunction>>;
  /** Asynchronous invocations that failed after all retries: the reminder sweep's and the mail events'. */
  readonly asyncDeadLetterQueue: sqs.Queue;
  readonly pagesSignInClient: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, stateful } = props;
    const logRetention = config.retention.logs;
    const logRemovalPolicy = config.retention.removalPolicy;

    const environment: Record<string, string> = {
      TABLE_NAME: stateful.table.tableName,
      MAIL_FROM: config.mail.from,
      PUBLIC_BASE_URL: config.publicBaseUrl,
      PAYOUT_EVENT_BUS: stateful.payoutEventBus.eventBusName,
      // The communities this stage runs (infra/stage-config.ts); the functions answer 404 for others.
      SCHEME_IDS: config.schemeIds.join(','),
      LOG_LEVEL: config.logLevel,
      POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
      // Stack traces through the bundles' source maps (sourcesContent is left out of the maps).
      NODE_OPTIONS: '--enable-source-maps',
    };

    // --- Staff sign-in of the web pages -----------------------------------------------------------
    // The managed login's client for the pages: public (no secret; PKCE protects the code), the code
    // flow only, and this deployment's callback and sign-out URLs, which is why it lives here and
    // not with the pool. Lifetimes as functions/pages/sign-in-flow.ts expects (REFRESH_SECONDS).
    this.pagesSignInClient = new cognito.UserPoolClient(this, 'StaffPagesSignInClient', {
      userPool: stateful.userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${config.publicBaseUrl}${STAFF_SIGN_IN_PATHS.callback}`],
        // The home page; the sign-in, for signing in as someone else (the 403 page).
        logoutUrls: [`${config.publicBaseUrl}/`, `${config.publicBaseUrl}${STAFF_SIGN_IN_PATHS.start}`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    const signInEnvironment: Record<string, string> = {
      STAFF_USER_POOL_ID: stateful.userPool.userPoolId,
      STAFF_PAGES_CLIENT_ID: this.pagesSignInClient.userPoolClientId,
      STAFF_SIGN_IN_URL: stateful.signInDomain.baseUrl(),
    };

    // --- Workflow functions --------------------------------------------------------------------
    // The construct id predates the mail events: kept, so the deployed queue is not replaced.
    this.asyncDeadLetterQueue = new sqs.Queue(this, 'ReminderDeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const workflowFunction = (key: keyof typeof WORKFLOW_HANDLERS, description: string, deadLetterQueue?: sqs.IQueue) =>
      new GrantFunction(this, pascal(key), {
        entry: WORKFLOW_HANDLERS[key],
        description,
        timeout: Duration.seconds(30),
        environment,
        logRetention,
        logRemovalPolicy,
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      });
    this.workflowFunctions = {
      lifecycleStep: workflowFunction('lifecycleStep', 'Lifecycle step: invoked by the state machines'),
      awaitStep: workflowFunction('awaitStep', 'Human step: stores the task token of a .waitForTaskToken task'),
      sendDueReminders: workflowFunction('sendDueReminders', 'Sends the reminders that are due (every 15 minutes)', this.asyncDeadLetterQueue),
      mailEvents: workflowFunction('mailEvents', 'A permanent bounce of a mail about a case: tells the owner or the secretariat', this.asyncDeadLetterQueue),
    };
    stateful.mailEventsTopic.addSubscription(new subscriptions.LambdaSubscription(this.workflowFunctions.mailEvents.fn, {
      // Only what the function acts on: SES publishes bounces, complaints and rejects to the topic.
      filterPolicyWithMessageBody: { eventType: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['Bounce'] })) },
    }));

    // --- State machines ------------------------------------------------------------------------
    this.workflows = new LifecycleWorkflows(this, 'Workflows', {
      lifecycleStep: this.workflowFunctions.lifecycleStep.fn,
      awaitStep: this.workflowFunctions.awaitStep.fn,
      payoutEventBus: stateful.payoutEventBus,
      scheduleGroupName: stateful.scheduleGroup.scheduleGroupName,
      logRetention,
      logRemovalPolicy,
    });
    const machines = this.workflows.machines;
    // Only the HTTP functions start executions, and no machine references them: they get the
    // ARNs directly. The functions the machines invoke only use task tokens (no cycle).
    const stateMachineArns = this.toJsonString(Object.fromEntries(WORKFLOW_NAMES.map((name) => [name, machines[name].stateMachineArn])));

    // --- HTTP functions ------------------------------------------------------------------------
    const http = new Construct(this, 'Http');
    const routeFunctions = new Map<string, GrantFunction>();
    // Routes with the same capabilities share one role (each adds only its own log group): a role
    // and its policy per function would cost about 100 of CloudFormation's 500 resources a stack.
    const sharedRoles = new Map<string, { role: iam.Role; capabilities: readonly Capability[] }>();
    const roleFor = (capabilities: readonly Capability[]): iam.Role => {
      const key = [...capabilities].sort().join('-');
      let shared = sharedRoles.get(key);
      if (!shared) {
        shared = { role: functionRole(http, `Role${pascal(key)}`, `Lambda HTTP routes: ${capabilities.join(', ')}`), capabilities };
        sharedRoles.set(key, shared);
      }
      return shared.role;
    };
    for (const route of ROUTES) {
      const fn = new GrantFunction(http, pascal(route.id), {
        entry: handlerModulePath(route),
        description: `${route.method} ${route.path} (${route.access})`,
        timeout: Duration.seconds(15),
        environment: { ...environment, ...(isPageRoute(route) ? signInEnvironment : {}), STATE_MACHINE_ARNS: stateMachineArns },
        logRetention,
        logRemovalPolicy,
        role: roleFor(routeCapabilities(route)),
      });
      routeFunctions.set(route.id, fn);
    }
    this.routeFunctions = routeFunctions;

    // --- Permissions ---------------------------------------------------------------------------
    const tableArn = stateful.table.tableArn;
    const configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: stateful.configurationSet.configurationSetName,
    });
    const taskTokenActions = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];
    const anyStateMachine = this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const grant = (role: iam.Role, capabilities: readonly Capability[]) => {
      for (const capability of capabilities) {
        switch (capability) {
          case 'table-read':
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'],
                resources: [tableArn],
              }),
            );
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: ['dynamodb:Query'],
                resources: GLOBAL_SECONDARY_INDEXES.map((gsi) => `${tableArn}/index/${gsi.indexName}`),
              }),
            );
            break;
          case 'table-write':
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
                resources: [tableArn],
              }),
            );
            break;
          case 'send-mail': {
            // In the SES sandbox, SES also checks the permission on each recipient's (verified) identity.
            const everyIdentity = this.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: ['ses:SendEmail', 'ses:SendRawEmail'],
                resources: [stateful.emailIdentity.emailIdentityArn, configurationSetArn, ...(config.mail.sandbox ? [everyIdentity] : [])],
              }),
            );
            if (config.mail.sandbox) {
              acknowledge(
                role,
                nagWildcardFinding(role, everyIdentity),
                'Only while the stage runs in the SES sandbox (stage config mail.sandbox): SES then authorises a send on every recipient identity too, ' +
                  'and the sandbox delivers only to identities verified in this account; production stages send on their own identity only.',
              );
            }
            break;
          }
          case 'workflow':
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: ['states:StartExecution'],
                resources: STARTED_BY_REQUESTS.map((name) => machines[name].stateMachineArn),
              }),
            );
            role.addToPolicy(
              new iam.PolicyStatement({
                actions: taskTokenActions,
                resources: WORKFLOW_NAMES.map((name) => machines[name].stateMachineArn),
              }),
            );
            break;
          case 'task-tokens':
            role.addToPolicy(new iam.PolicyStatement({ actions: taskTokenActions, resources: [anyStateMachine] }));
            Validations.of(role).acknowledge({
              id: nagWildcardFinding(role, anyStateMachine),
              reason:
                'SendTaskSuccess/SendTaskFailure/SendTaskHeartbeat only: the opaque task token authorises the call for one waiting task. ' +
                'This function is invoked by the state machines, so naming their ARNs here would create a dependency cycle ' +
                '(machine → function ARN → function policy → machine ARN); the wildcard is limited to state machines of this account and region.',
            });
            break;
        }
      }
    };
    for (const { role, capabilities } of sharedRoles.values()) grant(role, capabilities);
    for (const key of Object.keys(WORKFLOW_HANDLERS) as Array<keyof typeof WORKFLOW_HANDLERS>) {
      grant(this.workflowFunctions[key].role, WORKFLOW_CAPABILITIES[key]);
    }

    // --- HTTP API ------------------------------------------------------------------------------
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: `Grant lifecycle API (${config.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [config.formOrigin],
        allowMethods: [apigw.CorsHttpMethod.GET, apigw.CorsHttpMethod.POST],
        allowHeaders: ['content-type', 'authorization', 'idempotency-key'],
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logRetention, removalPolicy: logRemovalPolicy });
    this.apiStage = new apigw.HttpStage(this, 'ApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.api.rateLimit, burstLimit: config.api.burstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // The route key, never the path: paths carry capability link ids. No source IP (personal data).
        format: apigateway.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTimeEpoch',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    // --- The public base URL's host: e-mail links and the staff sign-in's callback land here ------
    const publicDomain = config.publicDomain;
    if (publicDomain) {
      const host = new URL(config.publicBaseUrl).hostname;
      let zone: route53.IHostedZone | undefined;
      let certificate: acm.ICertificate;
      if (publicDomain.dns === 'route53') {
        zone = route53.HostedZone.fromHostedZoneAttributes(this, 'PublicZone', { hostedZoneId: publicDomain.hostedZoneId, zoneName: publicDomain.zoneName });
        certificate = new acm.Certificate(this, 'PublicCertificate', { domainName: host, validation: acm.CertificateValidation.fromDns(zone) });
      } else {
        certificate = acm.Certificate.fromCertificateArn(this, 'PublicCertificate', publicDomain.certificateArn);
      }
      const domain = new apigw.DomainName(this, 'PublicDomain', { domainName: host, certificate, securityPolicy: apigw.SecurityPolicy.TLS_1_2 });
      new apigw.ApiMapping(this, 'PublicDomainMapping', { api: this.httpApi, domainName: domain, stage: this.apiStage });
      if (zone) {
        new route53.ARecord(this, 'PublicAlias', {
          zone,
          recordName: host,
          target: route53.RecordTarget.fromAlias(new route53Targets.ApiGatewayv2DomainProperties(domain.regionalDomainName, domain.regionalHostedZoneId)),
        });
      }
      new CfnOutput(this, 'PublicDomainTarget', { description: `Where ${host} points (alias or CNAME)`, value: domain.regionalDomainName });
    }

    const staffAuthorizer = new HttpJwtAuthorizer('StaffJwt', stateful.userPool.userPoolProviderUrl, {
      // The API client's tokens, and the ID token of a staff member signed in to the pages.
      jwtAudience: [stateful.staffClient.userPoolClientId, this.pagesSignInClient.userPoolClientId],
      identitySource: ['$request.header.Authorization'],
    });
    const publicAccess = new apigw.HttpNoneAuthorizer();
    for (const route of ROUTES) {
      const fn = (routeFunctions.get(route.id) as GrantFunction).fn;
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [route.method === 'GET' ? apigw.HttpMethod.GET : apigw.HttpMethod.POST],
        integration: new HttpLambdaIntegration(`${pascal(route.id)}Integration`, fn),
        // Staff pages: a browser sends no Authorization header, and an authorizer could only answer
        // 401/403 JSON, never send a person to the sign-in; their handlers check the session cookie.
        authorizer: route.access === 'public' || isPageRoute(route) ? publicAccess : staffAuthorizer,
      });
      if (route.access !== 'public' && isPageRoute(route) && created) {
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          `Staff page (${route.access}): authorised in the handler before anything else runs, by the session cookie's Cognito ID ` +
            'token (aws-jwt-verify: signature against the pool JWKS, issuer, the pages app client as audience, expiry) and the role ' +
            'group; without a valid session a browser is sent to the sign-in, anything else gets 401, the wrong role 403. ' +
            'Browsers send no Authorization header, so the JWT authorizer cannot serve pages.',
        );
      }
      if (route.access === 'public' && created) {
        acknowledge(
          created,
          'AwsSolutions-APIG4',
          'Public by design: applicants, partners and project owners have no accounts. Each request is authorised by the ' +
            'handler through an unguessable capability link (owner/cosign/report links) or is read-only public scheme information; ' +
            'the stage is throttled.',
        );
      }
    }

    // --- Reminder sweep every 15 minutes ----------------------------------------------------------
    const sweeper = this.workflowFunctions.sendDueReminders.fn;
    const sweepRole = new iam.Role(this, 'ReminderSweepRole', {
      description: 'EventBridge Scheduler: invokes send-due-reminders every 15 minutes',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    new scheduler.Schedule(this, 'ReminderSweep', {
      description: 'Sends due reminders (send-due-reminders) every 15 minutes',
      schedule: scheduler.ScheduleExpression.rate(Duration.minutes(15)),
      target: new schedulerTargets.LambdaInvoke(sweeper, {
        role: sweepRole,
        deadLetterQueue: this.asyncDeadLetterQueue,
        retryAttempts: 2,
        maxEventAge: Duration.minutes(15),
      }),
    });
    acknowledge(
      sweepRole,
      nagWildcardFinding(sweepRole, `${sweeper.functionArn}:*`),
      'Added by the LambdaInvoke schedule target: lambda:InvokeFunction on this one function and its own versions/aliases ' +
        '(<function ARN>:*); no other function matches.',
    );

    // --- Alarms --------------------------------------------------------------------------------
    const alarmAction = new cwActions.SnsAction(stateful.alarmTopic);
    const alarms = new Construct(this, 'Alarms');
    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => {
      const created = new cloudwatch.Alarm(alarms, id, {
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      created.addAlarmAction(alarmAction);
      created.addOkAction(alarmAction);
      return created;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM };
    for (const name of WORKFLOW_NAMES) {
      alarm(`${pascal(name)}ExecutionsFailed`, machines[name].metricFailed(fiveMinutes), 1, `State machine '${name}': an execution failed`);
    }
    const allFunctions: Array<[string, lambda.IFunction]> = [
      ...ROUTES.map((route): [string, lambda.IFunction] => [route.id, (routeFunctions.get(route.id) as GrantFunction).fn]),
      ...(Object.keys(WORKFLOW_HANDLERS) as Array<keyof typeof WORKFLOW_HANDLERS>).map(
        (key): [string, lambda.IFunction] => [key, this.workflowFunctions[key].fn],
      ),
    ];
    // One alarm per 10 functions (CloudWatch's limit of metrics in an alarm): every function is
    // watched, and the stack stays far below CloudFormation's 500 resources.
    const groups = Array.from({ length: Math.ceil(allFunctions.length / ALARM_GROUP_SIZE) }, (_, i) => allFunctions.slice(i * ALARM_GROUP_SIZE, (i + 1) * ALARM_GROUP_SIZE));
    groups.forEach((group, index) => {
      const names = group.map(([name]) => name).join(', ');
      const summed = (metric: (fn: lambda.IFunction) => cloudwatch.IMetric) =>
        new cloudwatch.MathExpression({
          expression: group.map((_, i) => `m${i}`).join(' + '),
          usingMetrics: Object.fromEntries(group.map(([, fn], i) => [`m${i}`, metric(fn)])),
          period: Duration.minutes(5),
        });
      alarm(`LambdaErrorsGroup${index + 1}`, summed((fn) => fn.metricErrors(fiveMinutes)), 1, `Lambda errors in: ${names}`);
      alarm(`LambdaThrottlesGroup${index + 1}`, summed((fn) => fn.metricThrottles(fiveMinutes)), 1, `Lambda throttles in: ${names}`);
    });
    alarm(
      'ReminderDeadLetters',
      this.asyncDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      1,
      'Reminder sweeps or mail events that failed after all retries are waiting in the dead-letter queue',
    );
    alarm('ApiServerErrors', this.httpApi.metricServerError(fiveMinutes), 1, 'HTTP API: 5xx responses');
    // SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate: warn well before that.
    const sesReputation = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM });
    alarm('SesBounceRate', sesReputation('Reputation.BounceRate'), 0.03, 'SES bounce rate ≥ 3 % (AWS reviews the account at 5 %)');
    alarm('SesComplaintRate', sesReputation('Reputation.ComplaintRate'), 0.0008, 'SES complaint rate ≥ 0.08 % (AWS reviews the account at 0.1 %)');

    // --- Outputs -------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { description: 'HTTP API base URL', value: this.apiStage.url });
    new CfnOutput(this, 'UserPoolId', { description: 'Staff user pool id', value: stateful.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { description: 'App client id of the staff API (SRP sign-in, bearer token)', value: stateful.staffClient.userPoolClientId });
    new CfnOutput(this, 'StaffPagesSignInClientId', { description: 'App client id of the staff pages (managed login, code flow)', value: this.pagesSignInClient.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', { description: 'Staff sign-in (Cognito managed login domain)', value: stateful.signInDomain.baseUrl() });
  }
}

function pascal(name: string): string {
  return name
    .split(/[-_]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
