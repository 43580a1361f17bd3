// Errors with the same `name`s as the Step Functions SDK exceptions, so an adapter can handle
// `err.name === 'TaskTimedOut'` (etc.) the same way for SFNClient and the local runtime.
export type WorkflowErrorName =
  | 'InvalidToken'
  | 'TaskTimedOut'
  | 'TaskDoesNotExist'
  | 'InvalidOutput'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidArn'
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'StateMachineDoesNotExist'
  | 'RuntimeShutDown';

export class WorkflowRuntimeError extends Error {
  constructor(name: WorkflowErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

/** An error the interpreter will match in Retry/Catch by `name`; Catch's Cause is `message`. */
export function taskError(name: string, cause: string | undefined): Error {
  const err = new Error(cause ?? '');
  err.name = name;
  return err;
}
