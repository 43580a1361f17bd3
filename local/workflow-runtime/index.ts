// Local, persistent Step Functions runtime (aws-local-stepfunctions + a DynamoDB journal).
// See ./runtime.ts for how replay, tokens, timeouts and waits work.
export {
  LocalWorkflowRuntime,
  type DescribeExecutionResult,
  type ExecutionSummary,
  type LocalFunction,
  type LocalResourceHandler,
  type LocalWorkflowRuntimeOptions,
  type MachineDefinition,
  type PublishedEvent,
} from './runtime';
export { ManualClock, isSubscribableClock, systemClock, type Clock, type SubscribableClock } from './clock';
export { WorkflowRuntimeError, type WorkflowErrorName } from './errors';
export { TASK_TOKEN_PLACEHOLDER } from './asl';
export type { ExecutionStatus } from './journal';
