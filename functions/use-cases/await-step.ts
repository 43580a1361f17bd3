// Registers a callback task's token (server-side only) and completes it at once when the person
// already acted before the workflow got here (or when a completion was lost in a crash).
import type { ApplicationStatus } from '../domain/model';
import type { Dependencies } from '../composition';
import type { CancelReason, HumanStep } from '../ports/workflow';
import { loadApplication } from './load-application';

export interface AwaitStepInput {
  step: HumanStep;
  applicationId: string;
  executionName: string;
  taskToken: string;
  /** the co-signature wait: the version the partners were asked to sign */
  askedVersion?: number;
}

type Settled = { output: Record<string, unknown> } | { error: CancelReason } | undefined;

const DECISION_OUTCOME: Partial<Record<ApplicationStatus, string>> = {
  rejected: 'reject',
  deferred: 'defer',
  more_information_requested: 'more_information',
};

/** The statuses that end a grant's reports early, with the error that ends a report wait (CANCELLED_STEPS in the Step Functions adapter). */
const REPORTS_ENDED_BY: Partial<Record<ApplicationStatus, CancelReason>> = { repayment_claimed: 'RepaymentClaimed', revoked: 'AllocationRevoked' };

function grantEnded(status: ApplicationStatus): { error: CancelReason } | undefined {
  const error = REPORTS_ENDED_BY[status];
  return error ? { error } : undefined;
}

/** What the step's outcome is if the application has already moved past it; undefined while it waits. */
export function settledOutcome(step: HumanStep, status: ApplicationStatus, facts: { reallocationDecided?: boolean; revisedSinceAsked?: boolean } = {}): Settled {
  switch (step) {
    case 'cosignature':
      // Revised after the partners were asked (before this wait began): ask for the new version's signatures.
      if (status === 'awaiting_cosignature') return facts.revisedSinceAsked ? { output: { outcome: 'revised' } } : undefined;
      if (status === 'withdrawn') return { error: 'Withdrawn' };
      return { output: { outcome: status === 'draft' ? 'declined' : 'signed' } };
    case 'revision':
      if (status === 'draft' || status === 'more_information_requested') return undefined;
      if (status === 'withdrawn') return { error: 'Withdrawn' };
      if (status === 'rejected') return { error: 'Rejected' };
      return { output: { revised: true } };
    case 'decision':
      if (status === 'scheduled' || status === 'recommended') return undefined;
      if (status === 'withdrawn') return { error: 'Withdrawn' };
      return { output: { outcome: DECISION_OUTCOME[status] ?? 'approve' } };
    case 'status-report':
      if (status === 'active' || status === 'payout_pending' || status === 'approved') return undefined;
      if (status === 'final_report_received' || status === 'closed') return { output: { kind: 'status', skipped: true } };
      return grantEnded(status) ?? { output: { kind: 'status' } };
    case 'final-report':
      // A grant still waiting for its payout cannot report yet: the wait runs on (to the report-missing notice).
      if (status === 'status_report_received' || status === 'active' || status === 'payout_pending') return undefined;
      return grantEnded(status) ?? { output: { kind: 'final' } };
    case 'reallocation-decision':
      return facts.reallocationDecided ? { output: { decided: true } } : undefined;
    case 'payout':
      return status === 'payout_pending' || status === 'approved' ? undefined : { output: { paid: true } };
  }
}

export async function awaitStep(deps: Dependencies, input: AwaitStepInput): Promise<void> {
  const { askedVersion, ...task } = input;
  await deps.tasks.putWaitingTask({ ...task, registeredAt: deps.clock.now().toISOString() });
  // Read after writing the token: whoever acts after this sees the token; whoever acted before, we see here.
  const app = await loadApplication(deps, input.applicationId);
  let reallocationDecided = false;
  if (input.step === 'reallocation-decision') {
    reallocationDecided = !(await deps.store.listReallocations(app.id)).some((r) => r.state === 'requested');
  }
  const revisedSinceAsked = input.step === 'cosignature' && askedVersion !== undefined && askedVersion !== app.version;
  const settled = settledOutcome(input.step, app.status, { reallocationDecided, revisedSinceAsked });
  if (!settled) return;
  if ('error' in settled) await deps.workflow.cancel(app.id, settled.error);
  else await deps.workflow.completeStep(app.id, input.step, settled.output);
}
