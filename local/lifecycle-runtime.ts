// Runs the lifecycle definitions from workflows/*.asl.json, unchanged but for the substitutions
// CloudFormation would make, on the local workflow runtime; Lambda tasks call the same handler
// modules the CDK app deploys.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import type { MachineArns, MachineName } from '../functions/adapters/step-functions-workflow';
import type { Clock } from '../functions/ports/clock';
import { loadDefinition, substitute, WORKFLOW_NAMES } from '../workflows/definitions';
import { lambdaContext } from './api-gateway';
import { LocalScheduler, type CreateScheduleParameters } from './local-scheduler';
import { LocalWorkflowRuntime, type MachineDefinition, type PublishedEvent } from './workflow-runtime';

const ACCOUNT = '000000000000';
const REGION = 'eu-north-1';
const lambdaArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const machineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;

export const LOCAL_MACHINE_ARNS: MachineArns = Object.fromEntries(WORKFLOW_NAMES.map((n) => [n, machineArn(n)])) as MachineArns;

/** The values CloudFormation's DefinitionSubstitutions would supply, for the local stand-ins. */
export const LOCAL_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  LifecycleStepFunctionArn: lambdaArn('lifecycle-step'),
  AwaitStepFunctionArn: lambdaArn('await-step'),
  GrantStateMachineArn: LOCAL_MACHINE_ARNS.grant,
  FinalReportStateMachineArn: LOCAL_MACHINE_ARNS['final-report'],
  PayoutEventBusName: 'payout-triggers',
  SchedulerGroupName: 'grant-lifecycle',
  SchedulerRoleArn: `arn:aws:iam::${ACCOUNT}:role/local-scheduler`,
};

export function localDefinitions(): Record<MachineName, MachineDefinition> {
  return Object.fromEntries(
    WORKFLOW_NAMES.map((name) => [name, { definition: substitute(loadDefinition(name).text, LOCAL_SUBSTITUTIONS), arn: LOCAL_MACHINE_ARNS[name] }]),
  ) as Record<MachineName, MachineDefinition>;
}

type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

async function loadLambda(file: string): Promise<LambdaHandler> {
  const module = (await import(new URL(`../functions/workflow/${file}.handler.ts`, import.meta.url).href)) as { handler: LambdaHandler };
  return module.handler;
}

export interface LifecycleRuntime {
  runtime: LocalWorkflowRuntime;
  scheduler: LocalScheduler;
  /** Sends due reminders and fires due schedules (the 15-minute EventBridge schedule, locally). */
  tick(): Promise<void>;
}

export async function startLifecycleRuntime(options: { client: DynamoDBDocumentClient; tableName: string; clock: Clock; onEvent?: (e: PublishedEvent) => void }): Promise<LifecycleRuntime> {
  const [lifecycleStep, awaitStep, sendDueReminders] = await Promise.all([loadLambda('lifecycle-step'), loadLambda('await-step'), loadLambda('send-due-reminders')]);
  let scheduler!: LocalScheduler;
  const runtime = new LocalWorkflowRuntime({
    definitions: localDefinitions(),
    functions: {
      [LOCAL_SUBSTITUTIONS.LifecycleStepFunctionArn!]: (payload) => lifecycleStep(payload, lambdaContext('lifecycle-step')),
      [LOCAL_SUBSTITUTIONS.AwaitStepFunctionArn!]: (payload) => awaitStep(payload, lambdaContext('await-step')),
    },
    resources: {
      'arn:aws:states:::aws-sdk:scheduler:createSchedule': (parameters) => scheduler.createSchedule(parameters as CreateScheduleParameters),
    },
    client: options.client,
    tableName: options.tableName,
    clock: options.clock,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  scheduler = new LocalScheduler({ client: options.client, tableName: options.tableName, clock: options.clock, start: (input) => runtime.startExecution(input) });
  return {
    runtime,
    scheduler,
    tick: async () => {
      await scheduler.fireDue();
      await sendDueReminders({}, lambdaContext('send-due-reminders'));
    },
  };
}
