// What a function's role may do, beyond writing its own logs: one vocabulary for the route
// functions (in the code stack and the pages stack) and the workflow functions, and one place that
// turns it into policy statements.
import { ArnFormat, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GLOBAL_SECONDARY_INDEXES } from '../functions/adapters/table-design';
import type { RouteDefinition } from '../functions/http/routes';
import { WORKFLOW_NAMES, type WorkflowName } from '../workflows/definitions';
import { acknowledge, nagWildcardFinding } from './nag';

export type Capability =
  | 'table-read'
  | 'table-write'
  | 'send-mail'
  /** StartExecution on the machines that HTTP requests start, task-token calls on all six (exact ARNs). */
  | 'workflow'
  /** Task-token calls on any state machine of the account/region (functions that machines invoke). */
  | 'task-tokens';

/** The machines that HTTP requests start (functions/adapters/step-functions-workflow.ts): the final-report phase when a period ends earlier. */
export const STARTED_BY_REQUESTS: readonly WorkflowName[] = ['application', 'reallocation', 'repayment', 'revocation', 'final-report'];

/**
 * GET routes only read; POST routes change state and drive the workflows. Only a route marked
 * `sendsMail` may send mail (the form's draft link, to the address typed); the workflow's steps send
 * the rest (test/infra/lambda-bundle-contents.test.ts holds the route bundles to that).
 */
export function routeCapabilities(route: Pick<RouteDefinition, 'method' | 'sendsMail'>): readonly Capability[] {
  const base: readonly Capability[] = route.method === 'GET' ? ['table-read'] : ['table-read', 'table-write', 'workflow'];
  return route.sendsMail ? [...base, 'send-mail'] : base;
}

/** The resources the capabilities name (tokens; from the data stack and the code stack). */
export interface CapabilityTargets {
  readonly tableArn: string;
  readonly emailIdentityArn: string;
  readonly configurationSetName: string;
  /** The stage runs in the SES sandbox (stage config mail.sandbox). */
  readonly mailSandbox: boolean;
  /** Needed for 'workflow' only: the functions the machines invoke must not name them (a cycle). */
  readonly stateMachineArns?: Readonly<Record<WorkflowName, string>>;
}

const TASK_TOKEN_ACTIONS = ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'];

/** Adds to the role what each capability needs, ARNs formatted in the role's own stack. */
export function grantCapabilities(role: iam.Role, capabilities: readonly Capability[], targets: CapabilityTargets): void {
  const stack = Stack.of(role);
  const { tableArn } = targets;
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
          new iam.PolicyStatement({ actions: ['dynamodb:Query'], resources: GLOBAL_SECONDARY_INDEXES.map((gsi) => `${tableArn}/index/${gsi.indexName}`) }),
        );
        break;
      case 'table-write':
        role.addToPolicy(
          new iam.PolicyStatement({ actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'], resources: [tableArn] }),
        );
        break;
      case 'send-mail': {
        const configurationSetArn = stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: targets.configurationSetName });
        // In the SES sandbox, SES also checks the permission on each recipient's (verified) identity.
        const everyIdentity = stack.formatArn({ service: 'ses', resource: 'identity', resourceName: '*' });
        role.addToPolicy(
          new iam.PolicyStatement({
            actions: ['ses:SendEmail', 'ses:SendRawEmail'],
            resources: [targets.emailIdentityArn, configurationSetArn, ...(targets.mailSandbox ? [everyIdentity] : [])],
          }),
        );
        if (targets.mailSandbox) {
          acknowledge(
            role,
            nagWildcardFinding(role, everyIdentity),
            'Only while the stage runs in the SES sandbox (stage config mail.sandbox): SES then authorises a send on every recipient identity too, ' +
              'and the sandbox delivers only to identities verified in this account; production stages send on their own identity only.',
          );
        }
        break;
      }
      case 'workflow': {
        const machines = targets.stateMachineArns;
        if (!machines) throw new Error(`${role.node.path}: the 'workflow' capability needs the state machines' ARNs`);
        role.addToPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: STARTED_BY_REQUESTS.map((name) => machines[name]) }));
        role.addToPolicy(new iam.PolicyStatement({ actions: TASK_TOKEN_ACTIONS, resources: WORKFLOW_NAMES.map((name) => machines[name]) }));
        break;
      }
      case 'task-tokens': {
        const anyStateMachine = stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
        role.addToPolicy(new iam.PolicyStatement({ actions: TASK_TOKEN_ACTIONS, resources: [anyStateMachine] }));
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
  }
}
