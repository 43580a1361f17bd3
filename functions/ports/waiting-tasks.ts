import type { HumanStep } from './workflow';

/** A callback task waiting for a person. The token never leaves the backend. */
export interface WaitingTask {
  applicationId: string;
  step: HumanStep;
  taskToken: string;
  executionName: string;
  registeredAt: string;
}

export interface WaitingTaskStore {
  /** Replaces any earlier waiting task of the same step (a new wait supersedes an old one). */
  putWaitingTask(task: WaitingTask): Promise<void>;
  getWaitingTask(applicationId: string, step: HumanStep): Promise<WaitingTask | undefined>;
  listWaitingTasks(applicationId: string): Promise<WaitingTask[]>;
  /** Removes the task if it still holds this token; false if someone else completed it first. */
  deleteWaitingTask(applicationId: string, step: HumanStep, taskToken: string): Promise<boolean>;
}
