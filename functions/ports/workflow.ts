// How use cases talk to the lifecycle workflow. Human steps wait on callback tasks; the task
// token is stored server-side and only this port ever sees it.
export type HumanStep = 'cosignature' | 'decision' | 'status-report' | 'final-report' | 'reallocation-decision';

export interface WorkflowPort {
  /** Completes the waiting task of a human step, if one is waiting. Returns false if none was. */
  completeStep(applicationId: string, step: HumanStep, output: Record<string, unknown>): Promise<boolean>;
  /** Starts the lifecycle of a newly submitted application (idempotent per application). */
  startLifecycle(applicationId: string, schemeId: string): Promise<void>;
}

/** Used where no workflow runs (unit tests of use cases, or a store-only setup). */
export const noWorkflow: WorkflowPort = {
  completeStep: async () => false,
  startLifecycle: async () => undefined,
};
