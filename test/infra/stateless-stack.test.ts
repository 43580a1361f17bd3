import { Match } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, isPageRoute, PAGE_ROUTES, ROUTES, type RouteDefinition } from '../../functions/http/routes';
import { REFRESH_SECONDS } from '../../functions/pages/sign-in-flow';
import { GLOBAL_SECONDARY_INDEXES } from '../../functions/adapters/table-design';
import { RESOURCE_STAR_ONLY_ACTIONS } from '../../infra/nag';
import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { routeCapabilities } from '../../infra/capabilities';
import type { GrantFunction } from '../../infra/grant-function';
import { WORKFLOW_HANDLERS } from '../../infra/stateless-stack';
import { placeholdersIn, WORKFLOW_FILES, WORKFLOW_NAMES, type WorkflowName } from '../../workflows/definitions';
import { asArray, iamStatements, resourcesOf, sendsOnEveryIdentity, synthesize, validationReport, type SynthesizedApp } from './cdk-app';

let built: SynthesizedApp;
const logicalId = (element: unknown) => built.stateless.getLogicalId(element as CfnElement);
const machineId = (name: WorkflowName) => logicalId(built.stateless.workflows.machines[name].node.defaultChild);
const functionId = (fn: { node: { defaultChild?: unknown } }) => logicalId(fn.node.defaultChild);

/** The two stacks with route functions: the JSON API's (with the HTTP API itself) and the pages'. */
interface RouteStack {
  name: string;
  stack: Stack;
  template: Template;
  routes: readonly RouteDefinition[];
  functions: ReadonlyMap<string, GrantFunction>;
  /** Logical id in this stack */
  id(element: unknown): string;
}
const routeStacks = (): RouteStack[] =>
  [
    { name: 'stateless', stack: built.stateless, template: built.stateless_, routes: API_ROUTES, functions: built.stateless.routes.functions },
    { name: 'pages', stack: built.pages, template: built.pages_, routes: PAGE_ROUTES, functions: built.pages.routes.functions },
  ].map((r) => ({ ...r, id: (element: unknown) => r.stack.getLogicalId(element as CfnElement) }));
/** Every route with its function and stack. */
const everyRoute = () => routeStacks().flatMap((rs) => rs.routes.map((route) => ({ route, fn: rs.functions.get(route.id)!, rs })));
const templates = () => [built.stateless_, built.pages_];
/** The statements of the policies attached to a role of that stack. */
const roleStatements = (rs: RouteStack, role: iam.IRole): Array<Record<string, any>> =>
  Object.values(resourcesOf(rs.template, 'AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: rs.id(role.node.defaultChild) }]))
    .flatMap((p) => p.Properties?.PolicyDocument.Statement as Array<Record<string, any>>);

beforeAll(() => {
  built = synthesize('dev');
});
afterAll(() => built?.cleanup());

describe('state machines', () => {
  it('hold the exact text of workflows/*.asl.json, with the placeholders in DefinitionSubstitutions', () => {
    const machines = resourcesOf(built.stateless_, 'AWS::StepFunctions::StateMachine');
    expect(Object.keys(machines)).toHaveLength(WORKFLOW_NAMES.length);
    for (const name of WORKFLOW_NAMES) {
      const text = readFileSync(WORKFLOW_FILES[name], 'utf8');
      const props = machines[machineId(name)]?.Properties ?? {};
      expect(typeof props.DefinitionString, name).toBe('string');
      expect(props.DefinitionString === text, `${name}: DefinitionString differs from workflows/${name}.asl.json`).toBe(true);
      expect(Object.keys(props.DefinitionSubstitutions).sort(), name).toEqual(placeholdersIn(text));
      expect(props.DefinitionS3Location, name).toBeUndefined();
    }
  });

  it('substitute the right resources', () => {
    const machines = resourcesOf(built.stateless_, 'AWS::StepFunctions::StateMachine');
    const subs = (name: WorkflowName) => machines[machineId(name)]?.Properties?.DefinitionSubstitutions as Record<string, unknown>;
    const { lifecycleStep, awaitStep } = built.stateless.workflowFunctions;
    for (const name of WORKFLOW_NAMES) {
      const s = subs(name);
      if (s.LifecycleStepFunctionArn) expect(s.LifecycleStepFunctionArn).toEqual({ 'Fn::GetAtt': [functionId(lifecycleStep.fn), 'Arn'] });
      if (s.AwaitStepFunctionArn) expect(s.AwaitStepFunctionArn).toEqual({ 'Fn::GetAtt': [functionId(awaitStep.fn), 'Arn'] });
      if (s.GrantStateMachineArn) expect(s.GrantStateMachineArn).toEqual({ Ref: machineId('grant') });
      if (s.FinalReportStateMachineArn) expect(s.FinalReportStateMachineArn).toEqual({ Ref: machineId('final-report') });
      if (s.SchedulerGroupName) expect(s.SchedulerGroupName).toBe(built.stateful.scheduleGroup.scheduleGroupName);
      if (s.PayoutEventBusName) expect(JSON.stringify(s.PayoutEventBusName)).toContain('PayoutEventBus');
    }
  });

  it('are STANDARD, log ALL events to a log group (without execution data) and trace with X-Ray', () => {
    for (const machine of Object.values(resourcesOf(built.stateless_, 'AWS::StepFunctions::StateMachine'))) {
      const p = machine.Properties ?? {};
      expect(p.StateMachineType).toBe('STANDARD');
      expect(p.TracingConfiguration).toEqual({ Enabled: true });
      expect(p.LoggingConfiguration.Level).toBe('ALL');
      expect(p.LoggingConfiguration.IncludeExecutionData).toBe(false);
      expect(p.LoggingConfiguration.Destinations[0].CloudWatchLogsLogGroup.LogGroupArn['Fn::GetAtt'][1]).toBe('Arn');
    }
  });

  it('may do exactly what their Task states need', () => {
    const byRole = new Map<string, Array<Record<string, any>>>();
    for (const policy of Object.values(resourcesOf(built.stateless_, 'AWS::IAM::Policy'))) {
      byRole.set(JSON.stringify(policy.Properties?.Roles), policy.Properties?.PolicyDocument.Statement);
    }
    const statementsOf = (name: WorkflowName) => {
      const role = built.stateless.workflows.machines[name].role;
      return byRole.get(JSON.stringify([{ Ref: logicalId(role.node.defaultChild) }])) ?? [];
    };
    const actions = (name: WorkflowName) => new Set(statementsOf(name).flatMap((s) => asArray<string>(s.Action)));
    expect(actions('application').has('states:StartExecution')).toBe(true);
    expect(statementsOf('application').find((s) => s.Action === 'states:StartExecution')?.Resource).toEqual({ Ref: machineId('grant') });
    expect(actions('grant').has('events:PutEvents')).toBe(true);
    expect(actions('grant').has('scheduler:CreateSchedule')).toBe(true);
    expect(actions('grant').has('iam:PassRole')).toBe(true);
    expect(actions('repayment').has('events:PutEvents')).toBe(true);
    // The final-report phase sets itself again when the period was moved (its own machine, by the scheduler role).
    expect(actions('final-report').has('scheduler:CreateSchedule')).toBe(true);
    expect(statementsOf('final-report').find((s) => s.Action === 'iam:PassRole')?.Resource).toEqual({ 'Fn::GetAtt': [logicalId(built.stateless.workflows.schedulerRole.node.defaultChild), 'Arn'] });
    for (const name of ['final-report', 'reallocation', 'repayment'] as const) expect(actions(name).has('states:StartExecution'), name).toBe(false);
    for (const name of ['reallocation', 'repayment'] as const) expect(actions(name).has('scheduler:CreateSchedule'), name).toBe(false);
    for (const name of WORKFLOW_NAMES) expect(actions(name).has('lambda:InvokeFunction'), name).toBe(true);
    // The scheduler role may start the final-report machine, nothing else.
    const schedulerRole = built.stateless.workflows.schedulerRole;
    const schedulerStatements = byRole.get(JSON.stringify([{ Ref: logicalId(schedulerRole.node.defaultChild) }]));
    expect(schedulerStatements).toEqual([{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: machineId('final-report') } }]);
  });
});

describe('the machine ARNs (no dependency cycle)', () => {
  it('reach the HTTP functions as JSON in STATE_MACHINE_ARNS, and no other function', () => {
    expect(everyRoute()).toHaveLength(ROUTES.length);
    for (const { route, fn: grantFunction, rs } of everyRoute()) {
      const fn = resourcesOf(rs.template)[rs.id(grantFunction.fn.node.defaultChild)];
      // A Ref in the stack of the machines, an import of its export in the pages stack.
      const value = JSON.stringify(fn?.Properties?.Environment.Variables.STATE_MACHINE_ARNS);
      for (const name of WORKFLOW_NAMES) {
        expect(value, route.id).toContain(`\\"${name}\\":\\"`);
        expect(value, route.id).toContain(machineId(name));
      }
    }
    for (const key of ['lifecycleStep', 'awaitStep', 'sendDueReminders'] as const) {
      const fn = resourcesOf(built.stateless_)[functionId(built.stateless.workflowFunctions[key].fn)];
      expect(fn?.Properties?.Environment.Variables.STATE_MACHINE_ARNS, key).toBeUndefined();
    }
  });

  it('the functions the machines invoke reference no machine', () => {
    const machineIds = WORKFLOW_NAMES.map(machineId);
    const resources = resourcesOf(built.stateless_);
    for (const key of ['lifecycleStep', 'awaitStep'] as const) {
      const fn = built.stateless.workflowFunctions[key];
      const fnJson = JSON.stringify(resources[functionId(fn.fn)]);
      const policyIds = Object.entries(resourcesOf(built.stateless_, 'AWS::IAM::Policy'))
        .filter(([, p]) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: logicalId(fn.role.node.defaultChild) }]))
        .map(([id]) => id);
      expect(policyIds.length).toBeGreaterThan(0);
      const policiesJson = policyIds.map((id) => JSON.stringify(resources[id])).join();
      for (const id of machineIds) {
        expect(fnJson.includes(id), `${key} function references ${id}`).toBe(false);
        expect(policiesJson.includes(id), `${key} policy references ${id}`).toBe(false);
      }
    }
  });
});

describe('functions', () => {
  // Ours: not the provider CDK adds for its trigger (its own code, role and runtime).
  const isCdkProvider = (id: string) => id.startsWith('AWSCDKTriggerCustomResourceProvider');
  const functions = () => templates().flatMap((template) => Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).filter(([id]) => !isCdkProvider(id)).map(([, fn]) => fn));

  it('one per route and per workflow handler: the JSON API\'s and the workflow\'s in the code stack, the pages\' in theirs', () => {
    const codeStack = Object.keys(resourcesOf(built.stateless_, 'AWS::Lambda::Function'));
    expect(codeStack.filter((id) => !isCdkProvider(id))).toHaveLength(API_ROUTES.length + Object.keys(WORKFLOW_HANDLERS).length);
    expect(codeStack.filter(isCdkProvider)).toHaveLength(1);
    expect(Object.keys(resourcesOf(built.pages_, 'AWS::Lambda::Function'))).toHaveLength(PAGE_ROUTES.length);
    expect(API_ROUTES.length + PAGE_ROUTES.length).toBe(ROUTES.length);
    expect(API_ROUTES.some(isPageRoute)).toBe(false);
    expect(PAGE_ROUTES.every(isPageRoute)).toBe(true);
  });

  it("SES's bounces and complaints reach the mail-events function: subscribed to the configuration set's topic, those only, failures kept", () => {
    const subscriptions = Object.values(resourcesOf(built.stateless_, 'AWS::SNS::Subscription'));
    const fnId = functionId(built.stateless.workflowFunctions.mailEvents.fn);
    const toFunction = subscriptions.filter((sub) => JSON.stringify(sub.Properties?.Endpoint) === JSON.stringify({ 'Fn::GetAtt': [fnId, 'Arn'] }));
    expect(toFunction).toHaveLength(1);
    const sub = toFunction[0]!.Properties!;
    expect(sub.Protocol).toBe('lambda');
    expect(JSON.stringify(sub.TopicArn)).toContain('MailEventsTopic');
    expect(sub.FilterPolicyScope).toBe('MessageBody');
    expect(sub.FilterPolicy).toEqual({ eventType: ['Bounce', 'Complaint'] });
    const fn = resourcesOf(built.stateless_, 'AWS::Lambda::Function')[fnId]!.Properties!;
    expect(fn.DeadLetterConfig?.TargetArn).toBeDefined();
  });

  it('run on arm64 and nodejs22.x or newer, with 512 MB, 10-30 s (the upgrade after a deployment: 10 min), active tracing and their own log group', () => {
    const upgrade = resourcesOf(built.stateless_, 'AWS::Lambda::Function')[functionId(built.stateless.workflowFunctions.upgradeStoredData.fn)]!;
    expect(upgrade.Properties?.Timeout).toBe(600);
    for (const fn of functions()) {
      const p = fn.Properties ?? {};
      expect(p.Architectures).toEqual(['arm64']);
      expect(Number(/^nodejs(\d+)\.x$/.exec(p.Runtime)?.[1])).toBeGreaterThanOrEqual(22);
      expect(p.MemorySize).toBe(512);
      expect(p.Timeout).toBeGreaterThanOrEqual(10);
      if (fn !== upgrade) expect(p.Timeout).toBeLessThanOrEqual(30);
      expect(p.TracingConfig).toEqual({ Mode: 'Active' });
      expect(p.LoggingConfig.LogGroup.Ref).toMatch(/Logs/);
      expect(p.Handler).toBe('index.handler');
    }
    for (const group of templates().flatMap((template) => Object.values(resourcesOf(template, 'AWS::Logs::LogGroup')))) {
      expect(group.Properties?.RetentionInDays).toBe(14);
    }
  });

  it('get the environment the handlers read', () => {
    for (const fn of functions()) {
      const env = fn.Properties?.Environment.Variables;
      const route = ROUTES.find((r) => fn.Properties?.Description === `${r.method} ${r.path} (${r.access})`);
      // Only the pages verify staff sessions themselves; the JSON API has its authorizer.
      const signIn = route && isPageRoute(route) ? ['STAFF_USER_POOL_ID', 'STAFF_PAGES_CLIENT_ID', 'STAFF_SIGN_IN_URL'] : [];
      expect(Object.keys(env).sort()).toEqual(
        ['LOG_LEVEL', 'MAIL_FROM', 'NODE_OPTIONS', 'PAYOUT_EVENT_BUS', 'POWERTOOLS_SERVICE_NAME', 'PUBLIC_BASE_URL', 'SCHEME_IDS', 'TABLE_NAME', ...signIn, ...(env.STATE_MACHINE_ARNS ? ['STATE_MACHINE_ARNS'] : [])].sort(),
      );
      if (signIn.length) {
        // The code stack's client, imported by the pages stack.
        expect(env.STAFF_PAGES_CLIENT_ID).toEqual({ 'Fn::ImportValue': expect.stringContaining(logicalId(built.stateless.pagesSignInClient.node.defaultChild)) });
        // https://<the stateful stack's domain>.auth.<region>.amazoncognito.com
        expect(env.STAFF_SIGN_IN_URL).toEqual({
          'Fn::Join': ['', ['https://', { 'Fn::ImportValue': expect.stringContaining('StaffSignInDomain') }, `.auth.${built.stateless.region}.amazoncognito.com`]],
        });
      }
      expect(env.PUBLIC_BASE_URL).toBe(built.config.publicBaseUrl);
      expect(env.MAIL_FROM).toBe(built.config.mail.from);
      expect(env.SCHEME_IDS).toBe(built.config.schemeIds.join(','));
    }
  });

  it('send-due-reminders has an encrypted, TLS-only dead-letter queue that the schedule also uses', () => {
    const sweeper = built.stateless.workflowFunctions.sendDueReminders;
    const queueId = logicalId(built.stateless.asyncDeadLetterQueue.node.defaultChild);
    const fn = resourcesOf(built.stateless_)[functionId(sweeper.fn)];
    expect(fn?.Properties?.DeadLetterConfig).toEqual({ TargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
    built.stateless_.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    built.stateless_.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    built.stateless_.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId(sweeper.fn) },
      MaximumRetryAttempts: 2,
    });
    built.stateless_.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(15 minutes)',
      Target: {
        Arn: { 'Fn::GetAtt': [functionId(sweeper.fn), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      },
    });
  });

  it('each deployment that changes it runs the upgrade of stored data, and waits for it (a failure fails the deployment)', () => {
    const fnId = functionId(built.stateless.workflowFunctions.upgradeStoredData.fn);
    const triggers = Object.values(resourcesOf(built.stateless_, 'Custom::Trigger'));
    expect(triggers).toHaveLength(1);
    const p = triggers[0]!.Properties!;
    // its current version: a new bundle is a new version, and runs again
    expect(JSON.stringify(p.HandlerArn)).toContain(`${fnId.replace(/[0-9A-F]{8}$/, '')}CurrentVersion`);
    expect(p).toMatchObject({ InvocationType: 'RequestResponse', Timeout: '600000', ExecuteOnHandlerChange: true });
  });

  it('read-only routes cannot write, send mail or touch the workflows', () => {
    for (const { route, fn, rs } of everyRoute()) {
      const actions = roleStatements(rs, fn.role).flatMap((s) => asArray<string>(s.Action));
      expect(actions, route.id).toContain('dynamodb:Query');
      const writes = actions.filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite)/.test(a) || a.startsWith('ses:') || a.startsWith('states:'));
      if (route.method === 'GET') expect(writes, route.id).toEqual([]);
      else expect(writes.length, route.id).toBeGreaterThan(0);
      expect(actions, route.id).not.toContain('dynamodb:Scan');
    }
  });
});

describe('route roles', () => {
  it('routes of one stack with the same capabilities share one role, whose log permission names exactly their log groups', () => {
    const byRole = new Map<iam.IRole, { rs: RouteStack; routes: RouteDefinition[] }>();
    for (const { route, fn, rs } of everyRoute()) {
      const entry = byRole.get(fn.role) ?? { rs, routes: [] };
      entry.routes.push(route);
      byRole.set(fn.role, entry);
    }
    // The JSON API: read; read, write and workflow. The pages: those two, and the form's (that and mail).
    expect([...byRole.values()].map(({ rs }) => rs.name).sort()).toEqual(['pages', 'pages', 'pages', 'stateless', 'stateless']);
    for (const [role, { rs, routes }] of byRole) {
      expect(new Set(routes.map((route) => JSON.stringify(routeCapabilities(route)))).size).toBe(1);
      const logResources = roleStatements(rs, role)
        .filter((st) => asArray<string>(st.Action).includes('logs:PutLogEvents'))
        .flatMap((st) => asArray<unknown>(st.Resource))
        .map((r) => JSON.stringify(r))
        .sort();
      const fns = routes.map((route) => rs.functions.get(route.id)!);
      expect(logResources).toEqual(fns.map((fn) => JSON.stringify({ 'Fn::GetAtt': [rs.id(fn.logGroup.node.defaultChild), 'Arn'] })).sort());
    }
    // A POST route starts the machines requests start (the final-report phase: a period that now ends earlier), never the grant phase itself.
    const change = everyRoute().find(({ route }) => route.id === 'change-grant-period')!;
    const started = roleStatements(change.rs, change.fn.role).filter((st) => asArray<string>(st.Action).includes('states:StartExecution')).flatMap((st) => asArray<unknown>(st.Resource));
    expect(started).toEqual(expect.arrayContaining(['application', 'reallocation', 'repayment', 'revocation', 'final-report'].map((name) => ({ Ref: machineId(name as WorkflowName) }))));
    expect(started).toHaveLength(5);
    // Only the routes marked sendsMail may send mail (the form's draft link); the workflow's steps send the rest.
    const sendsMail = (rs: RouteStack, role: iam.IRole) => roleStatements(rs, role).some((st) => asArray<string>(st.Action).includes('ses:SendEmail'));
    for (const { route, fn, rs } of everyRoute()) expect(sendsMail(rs, fn.role), route.id).toBe(route.sendsMail === true);
    // dev runs in the SES sandbox, which checks each (verified) recipient's identity too.
    expect(sendsOnEveryIdentity(built.stateless_)).toBe(true);
    expect(sendsOnEveryIdentity(built.pages_)).toBe(true);
    const code = routeStacks()[0]!;
    expect(sendsMail(code, built.stateless.workflowFunctions.lifecycleStep.role)).toBe(true);
    expect(sendsMail(code, built.stateless.workflowFunctions.sendDueReminders.role)).toBe(true);
    expect(sendsMail(code, built.stateless.workflowFunctions.mailEvents.role)).toBe(true);
    // The workflow functions keep their own roles.
    const workflowRoles = new Set(Object.values(built.stateless.workflowFunctions).map((fn) => fn.role));
    expect(workflowRoles.size).toBe(5);
    // The upgrade after a deployment reads and writes the table, and sends nothing.
    expect(sendsMail(code, built.stateless.workflowFunctions.upgradeStoredData.role)).toBe(false);
    for (const role of workflowRoles) expect(byRole.has(role)).toBe(false);
  });

  it("every role's inline policies stay under IAM's 10,240 characters, with each ARN at a generous 160 characters", () => {
    // A shared role gains a log-group ARN per route: this is what would stop more routes sharing it.
    const resolvedLength = (value: unknown): number => {
      if (typeof value === 'string') return JSON.stringify(value).length;
      if (Array.isArray(value)) return 2 + value.reduce((n: number, v) => n + resolvedLength(v) + 1, 0);
      if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        if (keys.length === 1 && /^(Ref|Fn::)/.test(keys[0]!)) return 162; // a token: a quoted ARN of 160 characters (a log group's is about 125)
        return 2 + Object.entries(value).reduce((n, [k, v]) => n + JSON.stringify(k).length + 1 + resolvedLength(v) + 1, 0);
      }
      return String(value).length;
    };
    const byRole = new Map<string, number>();
    for (const policy of templates().flatMap((template) => Object.values(resourcesOf(template, 'AWS::IAM::Policy')))) {
      for (const role of asArray<unknown>(policy.Properties?.Roles)) {
        const key = JSON.stringify(role);
        byRole.set(key, (byRole.get(key) ?? 0) + resolvedLength(policy.Properties?.PolicyDocument));
      }
    }
    expect(byRole.size).toBeGreaterThan(0);
    for (const [role, length] of byRole) expect(length, role).toBeLessThan(10_240);
  });
});

describe('HTTP API', () => {
  it('has one route per ROUTES entry: the staff API behind the JWT authorizer; public routes and staff pages (session cookie, checked by the handler) without', () => {
    const apiId = { Ref: logicalId(built.stateless.httpApi.node.defaultChild) };
    const authorizerId = Object.keys(resourcesOf(built.stateless_, 'AWS::ApiGatewayV2::Authorizer'))[0];
    for (const rs of routeStacks()) {
      const routes = Object.values(resourcesOf(rs.template, 'AWS::ApiGatewayV2::Route'));
      expect(routes, rs.name).toHaveLength(rs.routes.length);
      for (const r of routes) {
        // The one HTTP API: the pages stack imports its id.
        if (rs.stack === built.stateless) expect(r.Properties?.ApiId).toEqual(apiId);
        else expect(r.Properties?.ApiId).toEqual({ 'Fn::ImportValue': expect.stringContaining(apiId.Ref) });
      }
    }
    const byKey = new Map(templates().flatMap((template) => Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route'))).map((r) => [r.Properties?.RouteKey as string, r.Properties ?? {}]));
    expect(byKey.size).toBe(ROUTES.length);
    for (const route of ROUTES) {
      const props = byKey.get(`${route.method} ${route.path}`);
      expect(props, route.id).toBeDefined();
      if (route.access === 'public' || isPageRoute(route)) {
        expect(props!.AuthorizationType, route.id).toBe('NONE');
        expect(props!.AuthorizerId, route.id).toBeUndefined();
      } else {
        expect(props!.AuthorizationType, route.id).toBe('JWT');
        expect(props!.AuthorizerId, route.id).toEqual({ Ref: authorizerId });
      }
    }
  });

  it('verifies staff JWTs from the Cognito pool for the staff app client', () => {
    built.stateless_.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('StaffPagesClient') }), { Ref: logicalId(built.stateless.pagesSignInClient.node.defaultChild) }],
        Issuer: Match.objectLike({ 'Fn::ImportValue': Match.stringLikeRegexp('ProviderURL') }),
      },
    });
  });

  it('signs staff in to the pages through the managed login: a public client, code flow only, this deployment\'s callback', () => {
    built.stateless_.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: Match.arrayWith(['openid']),
      CallbackURLs: [`${built.config.publicBaseUrl}/innlogging/tilbake`],
      LogoutURLs: [`${built.config.publicBaseUrl}/`, `${built.config.publicBaseUrl}/innlogging`],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      // sign-in-flow.ts sets the refresh cookie for as long as the token lives
      RefreshTokenValidity: REFRESH_SECONDS / 60,
      TokenValidityUnits: Match.objectLike({ RefreshToken: 'minutes' }),
    });
    const clients = Object.values(resourcesOf(built.stateless_, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    expect(JSON.stringify(clients[0]!.Properties?.AllowedOAuthFlows)).not.toMatch(/implicit|client_credentials/);
  });

  it('serves the public base URL\'s host as a custom domain (TLS 1.2, DNS-validated certificate, alias record)', () => {
    const host = new URL(built.config.publicBaseUrl).hostname;
    built.stateless_.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: host,
      DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2', CertificateArn: Match.anyValue() })],
    });
    built.stateless_.hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: host, ValidationMethod: 'DNS' });
    built.stateless_.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { ApiId: { Ref: logicalId(built.stateless.httpApi.node.defaultChild) }, Stage: Match.anyValue() });
    built.stateless_.hasResourceProperties('AWS::Route53::RecordSet', { Name: `${host}.`, Type: 'A', AliasTarget: Match.objectLike({ DNSName: Match.anyValue() }) });
  });

  it('allows CORS only from the form origin', () => {
    built.stateless_.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.objectLike({ AllowOrigins: [built.config.formOrigin] }),
    });
  });

  it('throttles the default stage and writes access logs without paths', () => {
    const stages = Object.values(resourcesOf(built.stateless_, 'AWS::ApiGatewayV2::Stage'));
    expect(stages).toHaveLength(1);
    const p = stages[0]!.Properties ?? {};
    expect(p.StageName).toBe('$default');
    expect(p.AutoDeploy).toBe(true);
    expect(p.DefaultRouteSettings).toEqual({ ThrottlingRateLimit: built.config.api.rateLimit, ThrottlingBurstLimit: built.config.api.burstLimit });
    expect(p.AccessLogSettings.DestinationArn['Fn::GetAtt'][1]).toBe('Arn');
    expect(p.AccessLogSettings.Format).toContain('$context.routeKey');
    expect(p.AccessLogSettings.Format).not.toContain('$context.path');
  });
});

describe('alarms', () => {
  const alarms = () => templates().flatMap((template) => Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))).map((a) => a.Properties ?? {});
  const alarmOn = (metricName: string, dimension?: unknown) =>
    alarms().filter((a) => a.MetricName === metricName && (dimension === undefined || JSON.stringify(a.Dimensions).includes(JSON.stringify(dimension))));

  it('cover failed executions of every machine', () => {
    for (const name of WORKFLOW_NAMES) expect(alarmOn('ExecutionsFailed', { Ref: machineId(name) }), name).toHaveLength(1);
  });

  it('cover errors and throttles of every function, each in exactly one grouped alarm', () => {
    // A function's alarm is in the function's stack (each stack watches its own).
    const fns = [
      ...everyRoute().map(({ fn, rs }) => ({ fn, rs })),
      ...Object.values(built.stateless.workflowFunctions).map((fn) => ({ fn, rs: routeStacks()[0]! })),
    ];
    expect(fns).toHaveLength(ROUTES.length + Object.keys(WORKFLOW_HANDLERS).length);
    // Metric-math alarms: the function metrics are in Metrics[].MetricStat.Metric.
    const watching = (rs: RouteStack, metricName: string, fnId: string) =>
      Object.values(resourcesOf(rs.template, 'AWS::CloudWatch::Alarm')).filter((a) =>
        (a.Properties?.Metrics ?? []).some(
          (m: any) => m.MetricStat?.Metric?.MetricName === metricName && JSON.stringify(m.MetricStat.Metric.Dimensions).includes(JSON.stringify({ Ref: fnId })),
        ),
      );
    for (const { fn, rs } of fns) {
      expect(watching(rs, 'Errors', rs.id(fn.fn.node.defaultChild)), fn.node.path).toHaveLength(1);
      expect(watching(rs, 'Throttles', rs.id(fn.fn.node.defaultChild)), fn.node.path).toHaveLength(1);
    }
    for (const a of alarms().filter((x) => x.Metrics)) expect(a.Metrics.filter((m: any) => m.MetricStat).length).toBeLessThanOrEqual(10);
  });

  it('keep each stack well below CloudFormation\'s 500-resource limit', () => {
    // Each route costs 5 (function, log group, integration, route, permission) and its stack's
    // Lambda alarms grow by two per ten functions; the routes of a stack share a role per set of
    // capabilities. The code stack: 49 API routes, five other functions (with the upgrade's trigger
    // and CDK's provider for it), six state machines, the API and its domain make 339; the pages
    // stack: 57 pages, 303. The guards sit just above, so growth is a deliberate step; each stack has
    // room for about 30 more routes.
    expect(Object.keys(resourcesOf(built.stateless_)).length).toBeLessThan(340);
    expect(Object.keys(resourcesOf(built.pages_)).length).toBeLessThan(304);
    expect(Object.keys(resourcesOf(built.stateless_, 'AWS::IAM::Role')).length).toBeLessThan(17);
    expect(Object.keys(resourcesOf(built.pages_, 'AWS::IAM::Role')).length).toBe(3);
  });

  it('cover the dead-letter queue, SES bounce and complaint rates and API 5xx', () => {
    expect(alarmOn('ApproximateNumberOfMessagesVisible')).toHaveLength(1);
    expect(alarmOn('Reputation.BounceRate').map((a) => a.Namespace)).toEqual(['AWS/SES']);
    expect(alarmOn('Reputation.ComplaintRate')).toHaveLength(1);
    expect(alarmOn('5xx')).toHaveLength(1);
  });

  it('all notify the alarm topic', () => {
    for (const alarm of alarms()) {
      expect(JSON.stringify(alarm.AlarmActions)).toContain('AlarmTopic');
      expect(alarm.AlarmName).toBeUndefined();
    }
  });
});

describe('IAM and names', () => {
  const all = () => [...iamStatements(built.stateless_), ...iamStatements(built.pages_), ...iamStatements(built.stateful_)];

  it('no Action "*", and Resource "*" only for actions that have no resource-level permissions', () => {
    for (const { logicalId: id, statement } of all()) {
      const actions = asArray<string>(statement.Action);
      expect(actions.filter((a) => a === '*' || a.endsWith(':*')), id).toEqual([]);
      if (asArray(statement.Resource).includes('*')) {
        expect(actions.filter((a) => !RESOURCE_STAR_ONLY_ACTIONS.includes(a)), id).toEqual([]);
      }
    }
  });

  it('the only state-machine wildcard is the acknowledged task-token one, on the two functions the machines invoke', () => {
    const wildcard = all().filter(({ statement }) => JSON.stringify(statement.Resource).includes(':stateMachine:*'));
    expect(wildcard.map(({ statement }) => asArray<string>(statement.Action).sort())).toEqual([
      ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
      ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess'],
    ]);
    const roles = wildcard.map(({ logicalId: id }) => JSON.stringify(resourcesOf(built.stateless_)[id]?.Properties?.Roles));
    expect(roles.sort()).toEqual(
      [built.stateless.workflowFunctions.awaitStep, built.stateless.workflowFunctions.lifecycleStep]
        .map((f) => JSON.stringify([{ Ref: logicalId(f.role.node.defaultChild) }]))
        .sort(),
    );
  });

  it('table access names the table and its two indexes, nothing wider', () => {
    const indexStatements = all().filter(({ statement }) => JSON.stringify(statement.Resource).includes('/index/'));
    expect(indexStatements.length).toBeGreaterThan(0);
    for (const { statement } of indexStatements) {
      expect(JSON.stringify(statement.Resource)).not.toContain('/index/*');
      for (const gsi of GLOBAL_SECONDARY_INDEXES) expect(JSON.stringify(statement.Resource)).toContain(`/index/${gsi.indexName}`);
    }
  });

  it('sets no hard-coded physical names', () => {
    // Name properties are either absent or references; the three that must be known before the
    // resource exists (see infra/stateless-stack.ts) are generated by CDK from the construct path.
    const nameProps = ['TableName', 'FunctionName', 'StateMachineName', 'QueueName', 'TopicName', 'RoleName', 'LogGroupName', 'UserPoolName', 'AlarmName', 'ApiName', 'Name'];
    const generated: Record<string, RegExp> = {
      'AWS::Scheduler::ScheduleGroup': /^GrantsdevStateful-FinalReportSchedules-[0-9A-F]{8}$/,
      'AWS::Events::EventBus': /^GrantsdevStatefulPayoutEventBus[0-9A-F]{8}$/,
      // Required by CloudFormation; labels, not unique addresses.
      'AWS::ApiGatewayV2::Api': /^HttpApi$/,
      'AWS::ApiGatewayV2::Authorizer': /^StaffJwt$/,
      // The DNS name is the stage's configured public host, not a name we invent.
      'AWS::Route53::RecordSet': new RegExp(`^${new URL(built.config.publicBaseUrl).hostname.replace(/\./g, '\\.')}\\.$`),
    };
    for (const template of [built.stateless_, built.pages_, built.stateful_]) {
      for (const [id, resource] of Object.entries(resourcesOf(template))) {
        for (const prop of nameProps) {
          const value = resource.Properties?.[prop];
          if (typeof value !== 'string') continue;
          const pattern = generated[resource.Type];
          expect(pattern, `${id}.${prop} = ${value}`).toBeDefined();
          expect(value, `${id}.${prop}`).toMatch(pattern!);
        }
      }
    }
  });

  it('cdk-nag (AwsSolutions) reports nothing unacknowledged for dev', () => {
    expect(validationReport(built.outdir).pluginReports.flatMap((r) => r.violations)).toEqual([]);
  });
});

describe('outputs', () => {
  it('API URL, user pool id and client id', () => {
    const outputs = built.stateless_.toJSON().Outputs as Record<string, unknown>;
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});
