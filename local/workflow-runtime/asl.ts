// Reading ASL definitions (JSONPath dialect) without changing them: which Task and Wait states
// exist (including inside Parallel branches and Map iterators), which resource each Task uses, and
// how a Task token gets into its payload.
import type { RunOptions } from 'aws-local-stepfunctions';

type Overrides = NonNullable<RunOptions['overrides']>;
export type LocalHandlers = NonNullable<Overrides['taskResourceLocalHandlers']>;
/** aws-local-stepfunctions' JSON value type. */
export type JSONValue = Parameters<LocalHandlers[string]>[0];
export type Json = JSONValue;

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const START_EXECUTION = 'arn:aws:states:::states:startExecution';
export const PUT_EVENTS = 'arn:aws:states:::events:putEvents';
const WAIT_FOR_TASK_TOKEN = '.waitForTaskToken';

/**
 * What `$$.Task.Token` evaluates to inside the interpreter. The runtime replaces it, wherever it
 * appears in a Task's evaluated Parameters (any depth, also inside strings built with
 * States.Format), with the real token of that task occurrence before the handler is called.
 */
export const TASK_TOKEN_PLACEHOLDER = '@@local-workflow-runtime:task-token@@';

export interface TaskInfo {
  name: string;
  definition: Record<string, unknown>;
  /** The Resource as written. */
  resource: string;
  /** The Resource without `.waitForTaskToken`. */
  baseResource: string;
  callback: boolean;
  /** TimeoutSeconds / TimeoutSecondsPath present (the interpreter otherwise defaults to 60 s; AWS has none). */
  explicitTimeout: boolean;
  heartbeatSeconds: number | undefined;
}

export interface WaitInfo {
  name: string;
  /** Timestamp/TimestampPath waits target an absolute time; Seconds/SecondsPath a duration. */
  absolute: boolean;
}

export interface StateIndex {
  tasks: Map<string, TaskInfo>;
  waits: Map<string, WaitInfo>;
  /** Every state name → type (all scopes). */
  types: Map<string, string>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function indexStates(definition: unknown): StateIndex {
  const index: StateIndex = { tasks: new Map(), waits: new Map(), types: new Map() };
  const walk = (machine: unknown): void => {
    if (!isObject(machine) || !isObject(machine.States)) return;
    for (const [name, state] of Object.entries(machine.States)) {
      if (!isObject(state)) continue;
      const type = String(state.Type);
      index.types.set(name, type);
      if (type === 'Task') {
        const resource = String(state.Resource ?? '');
        const callback = resource.endsWith(WAIT_FOR_TASK_TOKEN);
        index.tasks.set(name, {
          name,
          definition: state,
          resource,
          baseResource: callback ? resource.slice(0, -WAIT_FOR_TASK_TOKEN.length) : resource,
          callback,
          explicitTimeout: Boolean(state.TimeoutSeconds) || typeof state.TimeoutSecondsPath === 'string',
          heartbeatSeconds: typeof state.HeartbeatSeconds === 'number' && state.HeartbeatSeconds > 0 ? state.HeartbeatSeconds : undefined,
        });
      } else if (type === 'Wait') {
        index.waits.set(name, { name, absolute: 'Timestamp' in state || 'TimestampPath' in state });
      } else if (type === 'Parallel' && Array.isArray(state.Branches)) {
        for (const branch of state.Branches) walk(branch);
      } else if (type === 'Map') {
        walk(state.ItemProcessor ?? state.Iterator);
      }
    }
  };
  walk(definition);
  return index;
}

/** A Lambda function ARN used directly as a Task Resource (the legacy, unwrapped integration). */
export function isLambdaFunctionArn(resource: string): boolean {
  return /^arn:aws[a-z-]*:lambda:[^:]*:[^:]*:function:/.test(resource);
}

/** `arn:aws:lambda:r:a:function:NAME[:QUALIFIER]` or `NAME[:QUALIFIER]` or `a:function:NAME` → NAME. */
export function lambdaShortName(nameOrArn: string): string {
  const m = /(?:^|:)function:([^:]+)/.exec(nameOrArn);
  if (m?.[1]) return m[1];
  return nameOrArn.split(':')[0] ?? nameOrArn;
}

/** Deep copy of `value` with the token placeholder replaced by `token` in every string and key. */
export function injectToken(value: Json, token: string): Json {
  if (typeof value === 'string') return value.includes(TASK_TOKEN_PLACEHOLDER) ? value.split(TASK_TOKEN_PLACEHOLDER).join(token) : value;
  if (Array.isArray(value)) return value.map((v) => injectToken(v, token));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [k, v] of Object.entries(value)) out[k] = injectToken(v, token);
    return out as Json;
  }
  return value;
}

/** JSON round trip: what a value looks like after crossing a real service boundary. */
export function toJson(value: unknown): Json {
  if (value === undefined) return null;
  return JSON.parse(JSON.stringify(value)) as Json;
}

export function stateMachineName(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:stateMachine:([^:]+)/.exec(arn);
  return m?.[1];
}

/** arn:aws:states:R:A:stateMachine:M → arn:aws:states:R:A:execution:M:NAME */
export function executionArnFor(stateMachineArn: string, machineName: string, executionName: string): string {
  const m = /^(arn:aws[a-z-]*:states:[^:]*:[^:]*):stateMachine:/.exec(stateMachineArn);
  const prefix = m?.[1] ?? 'arn:aws:states:local:000000000000';
  return `${prefix}:execution:${machineName}:${executionName}`;
}

/** arn:…:execution:M:NAME → { machineName: M, name: NAME } */
export function parseExecutionArn(executionArn: string): { machineName: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:states:[^:]*:[^:]*:execution:([^:]+):([^:]+)$/.exec(executionArn);
  if (!m?.[1] || !m[2]) return undefined;
  return { machineName: m[1], name: m[2] };
}
