// The code and its wiring: the HTTP API with one function per route of the JSON API, the workflow
// handlers, the six lifecycle state machines, the reminder sweep schedule, and their alarms. The web
// pages' routes are on the same API but in a stack of their own (infra/pages-stack.ts).
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
import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as triggers from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { API_ROUTES, STAFF_SIGN_IN_PATHS } from '../functions/http/routes';
import { LifecycleWorkflows } from '../workflows/lifecycle-workflows';
import { WORKFLOW_NAMES, type WorkflowName } from '../workflows/definitions';
import { FIVE_MINUTE_SUM, StackAlarms } from './alarms';
import { grantCapabilities, type Capability } from './capabilities';
import { GrantFunction } from './grant-function';
import { acknowledge, nagWildcardFinding } from './nag';
import { pascal, RouteFunctions, type RouteFunctionsProps } from './route-functions';
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
  upgradeStoredData: 'functions/workflow/upgrade-stored-data.handler.ts',
} as const;

export const WORKFLOW_CAPABILITIES: Record<keyof typeof WORKFLOW_HANDLERS, readonly Capability[]> = {
  lifecycleStep: ['table-read', 'table-write', 'send-mail', 'task-tokens'],
  awaitStep: ['table-read', 'table-write', 'send-mail', 'task-tokens'],
  sendDueReminders: ['table-read', 'table-write', 'send-mail'],
  mailEvents: ['table-read', 'table-write', 'send-mail'],
  upgradeStoredData: ['table-read', 'table-write'],
};

/** How long the upgrade after a deployment may take: thousands of cases, a few small calls each. */
const UPGRADE_TIMEOUT = Duration.minutes(10);

export interface StatelessStackProps extends StackProps {
  readonly config: StageConfig;
  readonly stateful: StatefulStack;
}

/** What every route function gets, in this stack or the pages stack. */
export type RouteSettings = Omit<RouteFunctionsProps, 'routes' | 'httpApi' | 'staffAuthorizer'>;

export class StatelessStack extends Stack {
  readonly httpApi: apigw.HttpApi;
  readonly apiStage: apigw.HttpStage;
  readonly workflows: LifecycleWorkflows;
  /** The JSON API's route functions; the pages' are in the pages stack. */
  readonly routes: RouteFunctions;
  readonly routeSettings: RouteSettings;
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
    const workflowFunction = (key: keyof typeof WORKFLOW_HANDLERS, description: string, deadLetterQueue?: sqs.IQueue, timeout = Duration.seconds(30)) =>
      new GrantFunction(this, pascal(key), {
        entry: WORKFLOW_HANDLERS[key],
        description,
        timeout,
        environment,
        logRetention,
        logRemovalPolicy,
        ...(deadLetterQueue ? { deadLetterQueue } : {}),
      });
    this.workflowFunctions = {
      lifecycleStep: workflowFunction('lifecycleStep', 'Lifecycle step: invoked by the state machines'),
      awaitStep: workflowFunction('awaitStep', 'Human step: stores the task token of a .waitForTaskToken task'),
      sendDueReminders: workflowFunction('sendDueReminders', 'Sends the reminders that are due (every 15 minutes)', this.asyncDeadLetterQueue),
      mailEvents: workflowFunction('mailEvents', 'A permanent bounce of a mail about a case tells the owner or the secretariat; a complaint is marked on the case', this.asyncDeadLetterQueue),
      upgradeStoredData: workflowFunction('upgradeStoredData', 'After a deployment: fills in what earlier versions did not write (each step once)', undefined, UPGRADE_TIMEOUT),
    };
    // Run by the deployment, which waits for it and fails if it fails (a step not done runs again next time).
    new triggers.Trigger(this, 'UpgradeStoredDataAfterDeploy', {
      handler: this.workflowFunctions.upgradeStoredData.fn,
      invocationType: triggers.InvocationType.REQUEST_RESPONSE,
      timeout: UPGRADE_TIMEOUT,
    });
    stateful.mailEventsTopic.addSubscription(new subscriptions.LambdaSubscription(this.workflowFunctions.mailEvents.fn, {
      // Only what the function acts on: SES publishes bounces, complaints and rejects to the topic.
      filterPolicyWithMessageBody: { eventType: sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: ['Bounce', 'Complaint'] })) },
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

    // --- Permissions of the workflow functions ----------------------------------------------------
    // Of the same vocabulary as the routes' (infra/capabilities.ts); the machines' ARNs only for the
    // route functions (the functions the machines invoke must not name them).
    const capabilityTargets = {
      tableArn: stateful.table.tableArn,
      emailIdentityArn: stateful.emailIdentity.emailIdentityArn,
      configurationSetName: stateful.configurationSet.configurationSetName,
      mailSandbox: config.mail.sandbox,
    };
    for (const key of Object.keys(WORKFLOW_HANDLERS) as Array<keyof typeof WORKFLOW_HANDLERS>) {
      grantCapabilities(this.workflowFunctions[key].role, WORKFLOW_CAPABILITIES[key], capabilityTargets);
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

    // --- The JSON API's route functions (the pages': infra/pages-stack.ts) -------------------------
    // Only the HTTP functions start executions, and no machine references them: they get the
    // ARNs directly (no cycle).
    const stateMachineArns = Object.fromEntries(WORKFLOW_NAMES.map((name) => [name, machines[name].stateMachineArn])) as Record<WorkflowName, string>;
    this.routeSettings = {
      environment: { ...environment, STATE_MACHINE_ARNS: this.toJsonString(stateMachineArns) },
      pageEnvironment: signInEnvironment,
      capabilityTargets: { ...capabilityTargets, stateMachineArns },
      logRetention,
      logRemovalPolicy,
    };
    this.routes = new RouteFunctions(this, 'Http', { routes: API_ROUTES, httpApi: this.httpApi, staffAuthorizer, ...this.routeSettings });

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
    const alarms = new StackAlarms(this, 'Alarms', stateful.alarmTopic);
    for (const name of WORKFLOW_NAMES) {
      alarms.add(`${pascal(name)}ExecutionsFailed`, machines[name].metricFailed(FIVE_MINUTE_SUM), 1, `State machine '${name}': an execution failed`);
    }
    alarms.watchFunctions([
      ...this.routes.named(),
      ...(Object.keys(WORKFLOW_HANDLERS) as Array<keyof typeof WORKFLOW_HANDLERS>).map((key) => [key, this.workflowFunctions[key].fn] as const),
    ]);
    alarms.add(
      'ReminderDeadLetters',
      this.asyncDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      1,
      'Reminder sweeps or mail events that failed after all retries are waiting in the dead-letter queue',
    );
    alarms.add('ApiServerErrors', this.httpApi.metricServerError(FIVE_MINUTE_SUM), 1, 'HTTP API: 5xx responses');
    // SES reviews an account at a 5 % bounce rate and 0.1 % complaint rate: warn well before that.
    const sesReputation = (metricName: string) =>
      new cloudwatch.Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: cloudwatch.Stats.MAXIMUM });
    alarms.add('SesBounceRate', sesReputation('Reputation.BounceRate'), 0.03, 'SES bounce rate ≥ 3 % (AWS reviews the account at 5 %)');
    alarms.add('SesComplaintRate', sesReputation('Reputation.ComplaintRate'), 0.0008, 'SES complaint rate ≥ 0.08 % (AWS reviews the account at 0.1 %)');

    // --- Outputs -------------------------------------------------------------------------------
    new CfnOutput(this, 'ApiUrl', { description: 'HTTP API base URL', value: this.apiStage.url });
    new CfnOutput(this, 'UserPoolId', { description: 'Staff user pool id', value: stateful.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { description: 'App client id of the staff API (SRP sign-in, bearer token)', value: stateful.staffClient.userPoolClientId });
    new CfnOutput(this, 'StaffPagesSignInClientId', { description: 'App client id of the staff pages (managed login, code flow)', value: this.pagesSignInClient.userPoolClientId });
    new CfnOutput(this, 'StaffSignInUrl', { description: 'Staff sign-in (Cognito managed login domain)', value: stateful.signInDomain.baseUrl() });
  }
}

