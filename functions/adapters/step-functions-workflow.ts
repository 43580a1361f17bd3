// The workflow port over Step Functions. The same class drives AWS (SFNClient) and the local
// runtime, which offers the same three calls.
import { SendTaskFailureCommand, SendTaskSuccessCommand, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { WaitingTaskStore } from '../ports/waiting-tasks';
import type { CancelReason, HumanStep, SideProcess, WorkflowPort } from '../ports/workflow';
import { logger } from './logger';
import type { WorkflowName } from '../../workflows/definitions';

/** The machines are the workflow definitions (type only: nothing of workflows/ is bundled). */
export type MachineName = WorkflowName;
export type MachineArns = Record<MachineName, string>;

export interface WorkflowEngine {
  startExecution(input: { stateMachineArn: string; name: string; input: string }): Promise<unknown>;
  sendTaskSuccess(input: { taskToken: string; output: string }): Promise<unknown>;
  sendTaskFailure(input: { taskToken: string; error: string; cause?: string }): Promise<unknown>;
}

export function sfnEngine(client: SFNClient): WorkflowEngine {
  return {
    startExecution: (input) => client.send(new StartExecutionCommand(input)),
    sendTaskSuccess: (input) => client.send(new SendTaskSuccessCommand(input)),
    sendTaskFailure: (input) => client.send(new SendTaskFailureCommand(input)),
  };
}

/** Errors that mean "nobody is waiting on this token any more": the step already moved on. */
const GONE_TOKEN_ERRORS = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);
const isGoneToken = (error: unknown) => GONE_TOKEN_ERRORS.has((error as Error).name);
const isAlreadyStarted = (error: unknown) => (error as Error).name === 'ExecutionAlreadyExists';

/** Which waits a cancellation ends: a withdrawal ends the application phase, a repayment claim or a revocation the grant's reports. */
const CANCELLED_STEPS: Record<CancelReason, readonly HumanStep[]> = {
  Withdrawn: ['cosignature', 'revision', 'decision'],
  RepaymentClaimed: ['status-report', 'final-report'],
  Rejected: ['revision'],
  MeetingMoved: ['decision'],
  AllocationRevoked: ['status-report', 'final-report'],
};

export function executionName(machine: MachineName, id: string): string {
  return `${machine}-${id}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 80);
}

export class StepFunctionsWorkflow implements WorkflowPort {
  constructor(
    private readonly options: {
      engine: WorkflowEngine;
      tasks: WaitingTaskStore;
      machines: () => Promise<MachineArns>;
    },
  ) {}

  private async start(machine: MachineName, name: string, input: Record<string, unknown>): Promise<void> {
    const arns = await this.options.machines();
    try {
      await this.options.engine.startExecution({ stateMachineArn: arns[machine], name, input: JSON.stringify(input) });
    } catch (error) {
      if (!isAlreadyStarted(error)) throw error; // same name = same process: starting twice is a no-op
    }
  }

  async startLifecycle(applicationId: string, schemeId: string): Promise<void> {
    await this.start('application', executionName('application', applicationId), { applicationId, schemeId });
  }

  async startSideProcess(applicationId: string, process: SideProcess, id: string): Promise<void> {
    if (process === 'reallocation') {
      await this.start('reallocation', executionName('reallocation', id), { applicationId, reallocationId: id });
    } else {
      // one of each per grant: its repayment claim, or its revocation (both name the payout they concern)
      await this.start(process, executionName(process, applicationId), { applicationId, payoutId: id });
    }
  }

  async rescheduleFinalReport(applicationId: string, schemeId: string, key: string): Promise<void> {
    await this.start('final-report', executionName('final-report', `${applicationId}-${key}`), { applicationId, schemeId });
  }

  async completeStep(applicationId: string, step: HumanStep, output: Record<string, unknown>): Promise<boolean> {
    const task = await this.options.tasks.getWaitingTask(applicationId, step);
    if (!task) return false; // the workflow has not reached the step yet: it checks the state when it does
    try {
      await this.options.engine.sendTaskSuccess({ taskToken: task.taskToken, output: JSON.stringify(output) });
    } catch (error) {
      if (!isGoneToken(error)) throw error;
      logger.info('Waiting task already gone', { applicationId, step });
      await this.options.tasks.deleteWaitingTask(applicationId, step, task.taskToken);
      return false;
    }
    return this.options.tasks.deleteWaitingTask(applicationId, step, task.taskToken);
  }

  async cancel(applicationId: string, error: CancelReason): Promise<void> {
    const tasks = (await this.options.tasks.listWaitingTasks(applicationId)).filter((t) => CANCELLED_STEPS[error].includes(t.step));
    for (const task of tasks) {
      try {
        await this.options.engine.sendTaskFailure({ taskToken: task.taskToken, error, cause: `Application ${applicationId}: ${error}` });
      } catch (failure) {
        if (!isGoneToken(failure)) throw failure;
      }
      await this.options.tasks.deleteWaitingTask(applicationId, task.step, task.taskToken);
    }
  }
}
