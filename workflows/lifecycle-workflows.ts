// The six lifecycle state machines, built from workflows/*.asl.json verbatim
// (DefinitionBody.fromString + DefinitionSubstitutions: the text stays inline in the template).
//
// Neither fromString nor the substitutions grant anything, so the permissions are derived from the
// definitions themselves: every Task state's integration and the placeholder it uses decide what
// the machine's role may do (invoke exactly the functions it names, start exactly the machines it
// names, put events on the bus it names, create schedules in the group it names and pass the role
// it names). A definition that uses an integration this construct does not know fails the synth
// instead of failing at run time with AccessDenied.
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { nagWildcardFinding } from '../infra/nag';
import {
  loadDefinition,
  placeholderName,
  stateMachineArnPlaceholder,
  taskStates,
  WORKFLOW_NAMES,
  type WorkflowDefinition,
  type WorkflowName,
} from './definitions';

export interface LifecycleWorkflowsProps {
  /** `${LifecycleStepFunctionArn}`: the step function the machines invoke (lambda:invoke). */
  readonly lifecycleStep: lambda.IFunction;
  /** `${AwaitStepFunctionArn}`: the function `.waitForTaskToken` tasks invoke. */
  readonly awaitStep: lambda.IFunction;
  /** `${PayoutEventBusName}`: where payout triggers to finance go. */
  readonly payoutEventBus: events.IEventBus;
  /** `${SchedulerGroupName}`: the group of the one-time final-report schedules (a plain string, not a token). */
  readonly scheduleGroupName: string;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

type Binding =
  | { kind: 'function'; fn: lambda.IFunction }
  | { kind: 'machine'; name: WorkflowName }
  | { kind: 'event-bus'; bus: events.IEventBus }
  | { kind: 'schedule-group'; name: string }
  | { kind: 'role'; role: iam.IRole };

const XRAY_AND_LOG_DELIVERY_REASON =
  'Resource::* is limited to the actions AWS requires it for: X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* and ' +
  'the CloudWatch Logs vended-log-delivery actions (CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ' +
  'ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups), none of which supports resource-level permissions.';

export class LifecycleWorkflows extends Construct {
  readonly machines: Readonly<Record<WorkflowName, sfn.StateMachine>>;
  readonly definitions: Readonly<Record<WorkflowName, WorkflowDefinition>>;
  /** Assumed by EventBridge Scheduler to start the machines a schedule targets (final-report). */
  readonly schedulerRole: iam.Role;

  constructor(scope: Construct, id: string, props: LifecycleWorkflowsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'EventBridge Scheduler: starts the final-report state machine at the end of a grant period',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    });

    const bindings = new Map<string, Binding>([
      ['LifecycleStepFunctionArn', { kind: 'function', fn: props.lifecycleStep }],
      ['AwaitStepFunctionArn', { kind: 'function', fn: props.awaitStep }],
      ['PayoutEventBusName', { kind: 'event-bus', bus: props.payoutEventBus }],
      ['SchedulerGroupName', { kind: 'schedule-group', name: props.scheduleGroupName }],
      ['SchedulerRoleArn', { kind: 'role', role: this.schedulerRole }],
    ]);
    for (const name of WORKFLOW_NAMES) bindings.set(stateMachineArnPlaceholder(name), { kind: 'machine', name });

    const definitions = Object.fromEntries(WORKFLOW_NAMES.map((name) => [name, loadDefinition(name)])) as Record<
      WorkflowName,
      WorkflowDefinition
    >;
    this.definitions = definitions;

    const machines: Partial<Record<WorkflowName, sfn.StateMachine>> = {};
    const valueOf = (placeholder: string, forMachine: WorkflowName): string => {
      const binding = bindings.get(placeholder);
      if (!binding) throw new Error(`workflows/${forMachine}.asl.json: unknown placeholder \${${placeholder}} (known: ${[...bindings.keys()].join(', ')})`);
      switch (binding.kind) {
        case 'function':
          return binding.fn.functionArn;
        case 'machine': {
          const machine = machines[binding.name];
          if (!machine) throw new Error(`state machine '${binding.name}' is not built yet`);
          return machine.stateMachineArn;
        }
        case 'event-bus':
          return binding.bus.eventBusName;
        case 'schedule-group':
          return binding.name;
        case 'role':
          return binding.role.roleArn;
      }
    };

    for (const name of buildOrder(definitions, bindings)) {
      const definition = definitions[name];
      const logGroup = new logs.LogGroup(this, `${pascal(name)}Logs`, {
        retention: props.logRetention,
        removalPolicy: props.logRemovalPolicy,
      });
      const machine = new sfn.StateMachine(this, pascal(name), {
        comment: `Grant lifecycle: ${name} (workflows/${name}.asl.json)`,
        definitionBody: sfn.DefinitionBody.fromString(definition.text),
        definitionSubstitutions: Object.fromEntries(definition.placeholders.map((p) => [p, valueOf(p, name)])),
        stateMachineType: sfn.StateMachineType.STANDARD,
        tracingEnabled: true,
        // Execution data stays out of the logs: payloads carry task tokens and application ids.
        logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      });
      machines[name] = machine;
      this.grantIntegrations(machine, definition, bindings, machines);
      Validations.of(machine.role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: XRAY_AND_LOG_DELIVERY_REASON });
    }
    this.machines = machines as Record<WorkflowName, sfn.StateMachine>;
  }

  /** Grants the machine's role exactly what its Task states need. */
  private grantIntegrations(
    machine: sfn.StateMachine,
    definition: WorkflowDefinition,
    bindings: ReadonlyMap<string, Binding>,
    machines: Partial<Record<WorkflowName, sfn.StateMachine>>,
  ): void {
    const stack = Stack.of(this);
    const where = (state: string) => `workflows/${definition.name}.asl.json, state ${state}`;
    const bound = <K extends Binding['kind']>(value: unknown, kind: K, state: string, field: string): Extract<Binding, { kind: K }> => {
      const placeholder = placeholderName(value);
      const binding = placeholder ? bindings.get(placeholder) : undefined;
      if (!binding || binding.kind !== kind) {
        throw new Error(`${where(state)}: ${field} must be a \${…} placeholder of a ${kind} (found ${JSON.stringify(value)})`);
      }
      return binding as Extract<Binding, { kind: K }>;
    };
    const machineOf = (binding: { name: WorkflowName }) => {
      const target = machines[binding.name];
      if (!target) throw new Error(`state machine '${binding.name}' is not built yet`);
      return target;
    };
    const granted = new Set<string>();
    const once = (key: string, statement: () => iam.PolicyStatement) => {
      if (granted.has(key)) return;
      granted.add(key);
      machine.addToRolePolicy(statement());
    };

    for (const task of taskStates(definition.text)) {
      const params = (task.parameters ?? {}) as Record<string, unknown>;
      switch (task.resource) {
        case 'arn:aws:states:::lambda:invoke':
        case 'arn:aws:states:::lambda:invoke.waitForTaskToken': {
          const { fn } = bound(params.FunctionName, 'function', task.stateName, 'FunctionName');
          once(`invoke:${fn.node.path}`, () => new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }));
          break;
        }
        case 'arn:aws:states:::states:startExecution': {
          const target = machineOf(bound(params.StateMachineArn, 'machine', task.stateName, 'StateMachineArn'));
          once(`start:${target.node.path}`, () => new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [target.stateMachineArn] }));
          break;
        }
        case 'arn:aws:states:::events:putEvents': {
          const entries = Array.isArray(params.Entries) ? (params.Entries as Array<Record<string, unknown>>) : [];
          if (entries.length === 0) throw new Error(`${where(task.stateName)}: putEvents needs literal Entries with an EventBusName placeholder`);
          for (const entry of entries) {
            const { bus } = bound(entry.EventBusName, 'event-bus', task.stateName, 'EventBusName');
            once(`events:${bus.node.path}`, () => new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [bus.eventBusArn] }));
          }
          break;
        }
        case 'arn:aws:states:::aws-sdk:scheduler:createSchedule': {
          const group = bound(params.GroupName, 'schedule-group', task.stateName, 'GroupName');
          const target = (params.Target ?? {}) as Record<string, unknown>;
          const { role } = bound(target.RoleArn, 'role', task.stateName, 'Target.RoleArn');
          // A phase may set its own next start (final-report, when the period was moved): its own ARN from the context object.
          const scheduled = target['Arn.$'] === '$$.StateMachine.Id' ? machine : machineOf(bound(target.Arn, 'machine', task.stateName, 'Target.Arn'));
          const schedules = stack.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: `${group.name}/*` });
          once(`schedule:${group.name}`, () => new iam.PolicyStatement({ actions: ['scheduler:CreateSchedule'], resources: [schedules] }));
          once(`pass:${role.node.path}`, () =>
            new iam.PolicyStatement({
              actions: ['iam:PassRole'],
              resources: [role.roleArn],
              conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
            }),
          );
          role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [scheduled.stateMachineArn] }));
          Validations.of(machine.role).acknowledge({
            id: nagWildcardFinding(this, schedules),
            reason:
              'Each grant gets its own one-time schedule (final-report-<applicationId>) created at run time, so the name is not known at deploy time; ' +
              'the permission is limited to CreateSchedule in this system\'s own schedule group.',
          });
          break;
        }
        default:
          throw new Error(
            `${where(task.stateName)}: integration ${task.resource} has no IAM mapping in workflows/lifecycle-workflows.ts; add one (least privilege) before using it`,
          );
      }
    }
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** Machines that name another machine's ARN are built after it; a cycle is an error. */
function buildOrder(definitions: Record<WorkflowName, WorkflowDefinition>, bindings: ReadonlyMap<string, Binding>): WorkflowName[] {
  const order: WorkflowName[] = [];
  const state = new Map<WorkflowName, 'visiting' | 'done'>();
  const visit = (name: WorkflowName, trail: WorkflowName[]): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw new Error(`State machine definitions reference each other in a cycle: ${[...trail, name].join(' → ')}`);
    state.set(name, 'visiting');
    for (const placeholder of definitions[name].placeholders) {
      const binding = bindings.get(placeholder);
      if (binding?.kind === 'machine') visit(binding.name, [...trail, name]);
    }
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of WORKFLOW_NAMES) visit(name, []);
  return order;
}
