// How use cases talk to the lifecycle workflows. Human steps wait on callback tasks; the task
// token is stored server-side and only the workflow adapter ever sees it.
export type HumanStep = 'cosignature' | 'revision' | 'decision' | 'payout' | 'status-report' | 'final-report' | 'reallocation-decision';

export type SideProcess = 'reallocation' | 'repayment' | 'revocation';

/**
 * Why a wait ends early: the owner withdrew; a repayment claim ends the grant's reports; the
 * committee rejected an application while it waited for the owner's answer to a question; the
 * secretariat moved a case to another meeting (the wait for the decision follows that meeting); the
 * committee took back a grant before it was paid (its reports are no longer owed).
 */
export type CancelReason = 'Withdrawn' | 'RepaymentClaimed' | 'Rejected' | 'MeetingMoved' | 'AllocationRevoked';

export interface WorkflowPort {
  /** Starts the lifecycle of a newly submitted application (idempotent per application). */
  startLifecycle(applicationId: string, schemeId: string): Promise<void>;
  /** Completes the waiting task of a human step, if one is waiting. Returns false if none was. */
  completeStep(applicationId: string, step: HumanStep, output: Record<string, unknown>): Promise<boolean>;
  /** Ends whatever the application's lifecycle is waiting for with a named error (e.g. 'Withdrawn'). */
  cancel(applicationId: string, error: CancelReason): Promise<void>;
  /** Starts a side path (reallocation decision, repayment claim, revocation) next to the lifecycle. Idempotent per id. */
  startSideProcess(applicationId: string, process: SideProcess, id: string): Promise<void>;
  /**
   * The grant's period now ends earlier than the final-report schedule was set for: starts the
   * final-report phase at once, which finds the period running and sets a schedule for its new end
   * (final-report.asl.json, CheckPeriodEnd). Idempotent per key (the change).
   */
  rescheduleFinalReport(applicationId: string, schemeId: string, key: string): Promise<void>;
}

/** Used where no workflow runs (use-case tests, a store-only setup). */
export const noWorkflow: WorkflowPort = {
  startLifecycle: async () => undefined,
  completeStep: async () => false,
  cancel: async () => undefined,
  startSideProcess: async () => undefined,
  rescheduleFinalReport: async () => undefined,
};
