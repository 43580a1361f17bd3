// Two narrow, synchronous hooks into aws-local-stepfunctions 3.0.0, which keeps all its timing in
// plain `setTimeout` calls and stamps `$$.Execution.StartTime` with `new Date()`:
//
// 1. armNextTimer(hook): the interpreter calls `setTimeout` synchronously right after the points
//    where we get control (our Task local handler → its task-timeout timer; our waitTimeOverrides
//    getter → the Wait state's sleep; our retryIntervalOverrides getter → the retry sleep; just
//    before StateMachine.run → the execution TimeoutSeconds timer). Arming replaces
//    globalThis.setTimeout for exactly that one call: the hook receives the interpreter's callback
//    and delay and schedules it on the runtime clock instead (so 200-day timeouts neither overflow
//    Node's 32-bit timer nor depend on real time). A microtask restores setTimeout if the armed
//    call did not happen (e.g. sleep(0)), so nothing outside that synchronous stretch is affected.
//    With `pinnedNow`, Date.now() returns that value for the same stretch: a Timestamp Wait
//    computes its delay as target - Date.now(), and the hook adds it back to the same instant, so
//    the due time is the target exactly even when the real clock ticks in between.
//
// 2. withFixedNewDate(ms, fn): while `fn` runs (synchronously), the first `new Date()` without
//    arguments returns `ms`. StateMachine.run builds the context (`StartTime: new Date()`)
//    synchronously, so a replayed execution sees its original StartTime.
import { setTimeout as nodeSetTimeout } from 'node:timers';

export type TimerHook = (fire: () => void, delayMs: number) => void;

type SetTimeoutFn = typeof globalThis.setTimeout;

let armedHook: TimerHook | null = null;
let replaced: SetTimeoutFn | null = null;
let realNow: (() => number) | null = null;

/** Returned to the interpreter instead of a Node Timeout; clearTimeout(FAKE_HANDLE) is a no-op. */
const FAKE_HANDLE = Object.freeze({ localWorkflowRuntimeTimer: true });

function interceptor(handler: unknown, delay?: unknown, ...args: unknown[]): unknown {
  const hook = armedHook;
  if (hook && typeof handler === 'function') {
    disarm();
    hook(() => (handler as (...a: unknown[]) => void)(...args), Number(delay ?? 0) || 0);
    return FAKE_HANDLE;
  }
  const original = (replaced ?? nodeSetTimeout) as unknown as (...a: unknown[]) => unknown;
  return original(handler, delay, ...args);
}

function disarm(): void {
  armedHook = null;
  if (realNow) {
    Date.now = realNow;
    realNow = null;
  }
  if ((globalThis.setTimeout as unknown) === interceptor) {
    globalThis.setTimeout = replaced ?? nodeSetTimeout;
    replaced = null;
  }
}

/**
 * The next `setTimeout` call in this synchronous stretch goes to `hook` instead of a real timer;
 * with `pinnedNow`, Date.now() returns it until then.
 */
export function armNextTimer(hook: TimerHook, pinnedNow?: number): void {
  armedHook = hook;
  if (pinnedNow !== undefined) {
    realNow ??= Date.now;
    Date.now = () => pinnedNow;
  }
  if ((globalThis.setTimeout as unknown) !== interceptor) {
    replaced = globalThis.setTimeout;
    globalThis.setTimeout = interceptor as unknown as SetTimeoutFn;
    queueMicrotask(disarm);
  }
}

/** Runs `fn` with the first argument-less `new Date()` returning `fixedMs`. */
export function withFixedNewDate<T>(fixedMs: number, fn: () => T): T {
  const OriginalDate = globalThis.Date;
  let used = false;
  const Patched = new Proxy(OriginalDate, {
    construct(target, args: unknown[]) {
      if (!used && args.length === 0) {
        used = true;
        return new target(fixedMs);
      }
      return Reflect.construct(target, args, target) as object;
    },
  });
  globalThis.Date = Patched;
  try {
    return fn();
  } finally {
    globalThis.Date = OriginalDate;
  }
}
