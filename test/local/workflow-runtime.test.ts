import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startDynalite, type LocalDynamo } from '../support/dynalite';
import {
  LocalWorkflowRuntime,
  ManualClock,
  TASK_TOKEN_PLACEHOLDER,
  type LocalFunction,
  type LocalWorkflowRuntimeOptions,
  type PublishedEvent,
} from '../../local/workflow-runtime';

const ACCOUNT = 'eu-north-1:123456789012';
const fnArn = (name: string): string => `arn:aws:lambda:${ACCOUNT}:function:${name}`;
const smArn = (name: string): string => `arn:aws:states:${ACCOUNT}:stateMachine:${name}`;
const execArn = (machine: string, name: string): string => `arn:aws:states:${ACCOUNT}:execution:${machine}:${name}`;
const SECOND = 1000;
const DAY = 86_400_000;
const START = '2026-03-01T08:00:00.000Z';

type Def = Record<string, unknown>;

let db: LocalDynamo;
const runtimes: LocalWorkflowRuntime[] = [];
let warnings: unknown[] = [];

beforeEach(async () => {
  db = await startDynalite();
  warnings = [];
});

afterEach(async () => {
  for (const rt of runtimes.splice(0)) await rt.shutdown();
  await db.stop();
  expect(warnings).toEqual([]);
});

function runtime(
  definitions: Record<string, Def | string>,
  functions: Record<string, LocalFunction>,
  options: { clock?: ManualClock } & Partial<Pick<LocalWorkflowRuntimeOptions, 'onEvent'>> = {},
): { rt: LocalWorkflowRuntime; clock: ManualClock } {
  const clock = options.clock ?? new ManualClock(START);
  const rt = new LocalWorkflowRuntime({
    definitions: Object.fromEntries(
      Object.entries(definitions).map(([key, d]) => [key, { definition: typeof d === 'string' ? d : JSON.stringify(d), arn: smArn(key) }]),
    ),
    functions,
    client: db.client,
    tableName: db.tableName,
    clock,
    logger: { warn: (message, detail) => warnings.push({ message, detail }) },
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  runtimes.push(rt);
  return { rt, clock };
}

async function run(rt: LocalWorkflowRuntime, machine: string, name: string, input: unknown) {
  const out = await rt.startExecution({ stateMachineArn: smArn(machine), name, input: JSON.stringify(input) });
  await rt.settle();
  return rt.describeExecution({ executionArn: out.executionArn });
}

async function status(rt: LocalWorkflowRuntime, machine: string, name: string) {
  await rt.settle();
  return rt.describeExecution({ executionArn: execArn(machine, name) });
}

const lambdaTask = (fn: string, extra: Def = {}): Def => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: fnArn(fn), 'Payload.$': '$' },
  ...extra,
});

const callbackTask = (fn: string, extra: Def = {}): Def => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  Parameters: { FunctionName: fnArn(fn), Payload: { 'taskToken.$': '$$.Task.Token', 'input.$': '$' } },
  ...extra,
});

/** A callback handler that remembers the tokens it received. */
function tokenCatcher(): { fn: LocalFunction; tokens: string[]; payloads: unknown[] } {
  const tokens: string[] = [];
  const payloads: unknown[] = [];
  return {
    tokens,
    payloads,
    fn: async (payload) => {
      payloads.push(payload);
      tokens.push((payload as { taskToken: string }).taskToken);
      return { ignored: true };
    },
  };
}

class NamedError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

describe('LocalWorkflowRuntime', () => {
  it('runs lambda:invoke with the AWS result shape, ResultSelector and ResultPath', async () => {
    const { rt } = runtime(
      {
        greet: {
          StartAt: 'Greet',
          States: {
            Greet: lambdaTask('greet', {
              ResultSelector: { 'greeting.$': '$.Payload.greeting', 'status.$': '$.StatusCode' },
              ResultPath: '$.result',
              Next: 'Raw',
            }),
            Raw: lambdaTask('greet', { ResultPath: '$.raw', End: true }),
          },
        },
      },
      { [fnArn('greet')]: async (p) => ({ greeting: `hei ${(p as { name: string }).name}` }) },
    );
    const d = await run(rt, 'greet', 'g1', { name: 'Kari' });
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? 'null');
    expect(out.result).toEqual({ greeting: 'hei Kari', status: 200 });
    expect(out.raw).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: { greeting: 'hei Kari' } });
    expect(out.raw.SdkResponseMetadata.RequestId).toEqual(expect.any(String));
  });

  it('follows Choice rules', async () => {
    const { rt } = runtime(
      {
        choose: {
          StartAt: 'Size',
          States: {
            Size: { Type: 'Choice', Choices: [{ Variable: '$.amount', NumericGreaterThan: 100, Next: 'Big' }], Default: 'Small' },
            Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', End: true },
            Small: { Type: 'Pass', Result: 'small', ResultPath: '$.size', End: true },
          },
        },
      },
      {},
    );
    expect(JSON.parse((await run(rt, 'choose', 'c1', { amount: 500 })).output ?? '{}').size).toBe('big');
    expect(JSON.parse((await run(rt, 'choose', 'c2', { amount: 5 })).output ?? '{}').size).toBe('small');
  });

  it('routes a named handler error to Catch and retries on the runtime clock', async () => {
    let flakyCalls = 0;
    const { rt, clock } = runtime(
      {
        catching: {
          StartAt: 'Flaky',
          States: {
            Flaky: lambdaTask('flaky', {
              Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 5, MaxAttempts: 2 }],
              ResultPath: null,
              Next: 'Check',
            }),
            Check: lambdaTask('check', { Catch: [{ ErrorEquals: ['Withdrawn'], ResultPath: '$.err', Next: 'Handled' }], End: true }),
            Handled: { Type: 'Pass', End: true },
          },
        },
      },
      {
        [fnArn('flaky')]: async () => {
          flakyCalls += 1;
          if (flakyCalls === 1) throw new NamedError('Flaky', 'try again');
          return 'ok';
        },
        // FunctionName may also be matched by the function's short name
        check: async () => {
          throw new NamedError('Withdrawn', 'the applicant withdrew');
        },
      },
    );
    let d = await run(rt, 'catching', 'e1', { id: 1 });
    expect(d.status).toBe('RUNNING'); // waiting 5 s on the runtime clock before the retry
    expect(flakyCalls).toBe(1);
    clock.advance(5 * SECOND);
    d = await status(rt, 'catching', 'e1');
    expect(d.status).toBe('SUCCEEDED');
    expect(flakyCalls).toBe(2);
    const out = JSON.parse(d.output ?? '{}');
    expect(out.err.Error).toBe('Withdrawn');
    expect(JSON.parse(out.err.Cause)).toMatchObject({ errorType: 'Withdrawn', errorMessage: 'the applicant withdrew' });
    expect(d.stateTransitions).toBe(4); // Flaky, retry, Check, Handled
  });

  it('completes a callback task with sendTaskSuccess; a second resolution is rejected', async () => {
    const cb = tokenCatcher();
    const { rt } = runtime(
      {
        approve: {
          StartAt: 'Approve',
          States: { Approve: callbackTask('approve', { ResultPath: '$.decision', End: true }) },
        },
      },
      { [fnArn('approve')]: cb.fn },
    );
    let d = await run(rt, 'approve', 'a1', { app: 'A-1' });
    expect(d.status).toBe('RUNNING');
    expect(cb.tokens).toHaveLength(1);
    const token = cb.tokens[0] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(token).not.toContain(TASK_TOKEN_PLACEHOLDER);
    expect(cb.payloads[0]).toEqual({ taskToken: token, input: { app: 'A-1' } });

    await rt.sendTaskSuccess({ taskToken: token, output: JSON.stringify({ approved: true }) });
    d = await status(rt, 'approve', 'a1');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '{}')).toEqual({ app: 'A-1', decision: { approved: true } });

    await expect(rt.sendTaskSuccess({ taskToken: token, output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(rt.sendTaskFailure({ taskToken: token, error: 'X' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(rt.sendTaskSuccess({ taskToken: 'no-such-token', output: '{}' })).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('routes sendTaskFailure to Catch by error name', async () => {
    const cb = tokenCatcher();
    const { rt } = runtime(
      {
        cosign: {
          StartAt: 'Cosign',
          States: {
            Cosign: callbackTask('cosign', {
              Catch: [{ ErrorEquals: ['Withdrawn'], ResultPath: '$.cancelled', Next: 'Cancelled' }],
              End: true,
            }),
            Cancelled: { Type: 'Pass', End: true },
          },
        },
      },
      { [fnArn('cosign')]: cb.fn },
    );
    await run(rt, 'cosign', 'w1', {});
    await rt.sendTaskFailure({ taskToken: cb.tokens[0], error: 'Withdrawn', cause: 'by applicant' });
    const d = await status(rt, 'cosign', 'w1');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '{}')).toEqual({ cancelled: { Error: 'Withdrawn', Cause: 'by applicant' } });
  });

  it('fires a 200-day callback timeout only when the runtime clock passes it (States.Timeout, not States.TaskFailed)', async () => {
    const cb = tokenCatcher();
    const { rt, clock } = runtime(
      {
        report: {
          StartAt: 'AwaitReport',
          States: {
            AwaitReport: callbackTask('report', {
              TimeoutSeconds: 200 * 86_400,
              Catch: [
                { ErrorEquals: ['States.TaskFailed'], Next: 'Wrong' },
                { ErrorEquals: ['States.Timeout'], ResultPath: '$.timeout', Next: 'Overdue' },
              ],
              End: true,
            }),
            Wrong: { Type: 'Fail', Error: 'Wrong' },
            Overdue: { Type: 'Pass', End: true },
          },
        },
      },
      { [fnArn('report')]: cb.fn },
    );
    await run(rt, 'report', 't1', {});
    await new Promise((r) => setTimeout(r, 50));
    expect((await status(rt, 'report', 't1')).status).toBe('RUNNING');
    clock.advance(199 * DAY);
    expect((await status(rt, 'report', 't1')).status).toBe('RUNNING');
    clock.advance(2 * DAY);
    const d = await status(rt, 'report', 't1');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '{}').timeout.Error).toBe('States.Timeout');
    await expect(rt.sendTaskSuccess({ taskToken: cb.tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('enforces HeartbeatSeconds on the runtime clock', async () => {
    const cb = tokenCatcher();
    const { rt, clock } = runtime(
      {
        beat: {
          StartAt: 'Work',
          States: {
            Work: callbackTask('work', {
              TimeoutSeconds: 3600,
              HeartbeatSeconds: 60,
              Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.hb', Next: 'Stalled' }],
              End: true,
            }),
            Stalled: { Type: 'Pass', End: true },
          },
        },
      },
      { [fnArn('work')]: cb.fn },
    );
    await run(rt, 'beat', 'h1', {});
    clock.advance(50 * SECOND);
    await rt.sendTaskHeartbeat({ taskToken: cb.tokens[0] });
    clock.advance(50 * SECOND); // 100 s since start, 50 s since the heartbeat
    expect((await status(rt, 'beat', 'h1')).status).toBe('RUNNING');
    clock.advance(15 * SECOND); // 65 s since the heartbeat
    const d = await status(rt, 'beat', 'h1');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '{}').hb.Error).toBe('States.HeartbeatTimeout');
    await expect(rt.sendTaskHeartbeat({ taskToken: cb.tokens[0] })).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('releases Wait states (Seconds and TimestampPath) when the runtime clock reaches them', async () => {
    const { rt, clock } = runtime(
      {
        waiting: {
          StartAt: 'Short',
          States: {
            Short: { Type: 'Wait', Seconds: 30, Next: 'Until' },
            Until: { Type: 'Wait', TimestampPath: '$.until', End: true },
          },
        },
      },
      {},
    );
    const until = new Date(Date.parse(START) + 2 * 3600 * SECOND).toISOString();
    await run(rt, 'waiting', 'w1', { until });
    clock.advance(29 * SECOND);
    expect((await status(rt, 'waiting', 'w1')).status).toBe('RUNNING');
    clock.advance(1 * SECOND);
    expect((await status(rt, 'waiting', 'w1')).status).toBe('RUNNING'); // now in Until
    clock.set(new Date(Date.parse(until) - 1));
    expect((await status(rt, 'waiting', 'w1')).status).toBe('RUNNING');
    clock.advance(1);
    expect((await status(rt, 'waiting', 'w1')).status).toBe('SUCCEEDED');
  });

  it('releases a Timestamp wait at its timestamp to the millisecond, even when the real clock ticks while the delay is computed', async () => {
    const { rt, clock } = runtime({ until: { StartAt: 'Until', States: { Until: { Type: 'Wait', TimestampPath: '$.until', End: true } } } }, {});
    const until = new Date(Date.parse(START) + 3600 * SECOND).toISOString();
    // A real clock that moves one millisecond on every read: the interpreter's read and ours differ.
    const realNow = Date.now.bind(Date);
    let ticks = 0;
    const ticking = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + ticks++);
    try {
      await run(rt, 'until', 'u1', { until });
    } finally {
      ticking.mockRestore();
    }
    clock.set(new Date(Date.parse(until) - 1));
    expect((await status(rt, 'until', 'u1')).status).toBe('RUNNING');
    clock.advance(1);
    expect((await status(rt, 'until', 'u1')).status).toBe('SUCCEEDED');
  });

  it('startExecution is idempotent for the same name and input, like AWS', async () => {
    let calls = 0;
    const cb = tokenCatcher();
    const { rt } = runtime(
      { idem: { StartAt: 'First', States: { First: lambdaTask('count', { Next: 'Wait' }), Wait: callbackTask('hold', { End: true }) } } },
      {
        [fnArn('count')]: async () => {
          calls += 1;
          return calls;
        },
        [fnArn('hold')]: cb.fn,
      },
    );
    const a = await rt.startExecution({ stateMachineArn: smArn('idem'), name: 'app-1', input: '{"x":1}' });
    const b = await rt.startExecution({ stateMachineArn: smArn('idem'), name: 'app-1', input: '{"x":1}' });
    expect(b).toEqual(a);
    expect(a.executionArn).toBe(execArn('idem', 'app-1'));
    await expect(rt.startExecution({ stateMachineArn: smArn('idem'), name: 'app-1', input: '{"x":2}' })).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    await rt.settle();
    expect(calls).toBe(1);
    const listed = await rt.listExecutions({ status: 'RUNNING' });
    expect(listed.executions.map((e) => e.name)).toEqual(['app-1']);
    await rt.sendTaskSuccess({ taskToken: cb.tokens[0], output: '{}' });
    await rt.settle();
    await expect(rt.startExecution({ stateMachineArn: smArn('idem'), name: 'app-1', input: '{"x":1}' })).rejects.toMatchObject({
      name: 'ExecutionAlreadyExists',
    });
    expect((await rt.listExecutions({ status: 'SUCCEEDED' })).executions).toHaveLength(1);
  });

  it('resumes after a restart from the journal without calling finished handlers again', async () => {
    const machine: Def = {
      StartAt: 'Prepare',
      States: {
        Prepare: lambdaTask('prepare', {
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 5 }],
          ResultSelector: { 'n.$': '$.Payload' },
          ResultPath: '$.prepared',
          Next: 'Pause',
        }),
        Pause: { Type: 'Wait', Seconds: 10, Next: 'Decide' },
        Decide: callbackTask('decide', { ResultPath: '$.decision', Next: 'Done' }),
        Done: {
          Type: 'Pass',
          Parameters: { 'prepared.$': '$.prepared', 'decision.$': '$.decision', 'start.$': '$$.Execution.StartTime', 'name.$': '$$.Execution.Name' },
          End: true,
        },
      },
    };
    const calls = { prepare: 0, decide: 0 };
    const tokens: string[] = [];
    const failedOnce = new Set<string>();
    const functions = (): Record<string, LocalFunction> => ({
      [fnArn('prepare')]: async (p) => {
        calls.prepare += 1;
        const app = (p as { app: string }).app;
        if (!failedOnce.has(app)) {
          failedOnce.add(app);
          throw new NamedError('Flaky', 'first attempt fails');
        }
        return 42;
      },
      [fnArn('decide')]: async (p) => {
        calls.decide += 1;
        tokens.push((p as { taskToken: string }).taskToken);
        return null;
      },
    });

    const first = runtime({ lifecycle: machine }, functions());
    await first.rt.startExecution({ stateMachineArn: smArn('lifecycle'), name: 'app-1', input: '{"app":"A-1"}' });
    await first.rt.startExecution({ stateMachineArn: smArn('lifecycle'), name: 'app-2', input: '{"app":"A-2"}' });
    await first.rt.settle();
    first.clock.advance(5 * SECOND); // retry interval
    await first.rt.settle();
    first.clock.advance(10 * SECOND); // Pause
    await first.rt.settle();
    expect(calls).toEqual({ prepare: 4, decide: 2 });
    expect(tokens).toHaveLength(2);
    await first.rt.shutdown(); // a crash: nothing more is recorded

    // A new process on the same table, with a clock that moved on.
    const clock = new ManualClock(Date.parse(START) + DAY);
    const second = runtime({ lifecycle: machine }, functions(), { clock });
    // This one arrives before the execution is loaded again: it is recorded and applied on replay.
    await second.rt.sendTaskSuccess({ taskToken: tokens[1] ?? '', output: '{"approved":false}' });
    expect(await second.rt.resumeAll()).toBe(2);
    await second.rt.settle();
    expect(calls).toEqual({ prepare: 4, decide: 2 }); // nothing ran twice (failed attempt and retry replayed too)
    expect((await status(second.rt, 'lifecycle', 'app-2')).status).toBe('SUCCEEDED');
    expect((await status(second.rt, 'lifecycle', 'app-1')).status).toBe('RUNNING');

    await second.rt.sendTaskSuccess({ taskToken: tokens[0] ?? '', output: '{"approved":true}' });
    const d = await status(second.rt, 'lifecycle', 'app-1');
    expect(d.status).toBe('SUCCEEDED');
    expect(JSON.parse(d.output ?? '{}')).toEqual({ prepared: { n: 42 }, decision: { approved: true }, start: START, name: 'app-1' });
    expect(d.startDate.toISOString()).toBe(START);
    expect(d.stateTransitions).toBe(5); // 4 states + 1 retry, as in an uninterrupted run
    await expect(second.rt.sendTaskSuccess({ taskToken: tokens[0] ?? '', output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    expect(await second.rt.resumeAll()).toBe(0);
  });

  it('runs the definition text byte for byte', async () => {
    const text = `{\n\t"Comment": "Søknad – ÆØÅ",\n  "States": {"Only": {"End": true, "Type": "Pass", "Result": {"ok": true}}},\n  "StartAt": "Only"\n}\n`;
    const { rt } = runtime({ exact: text }, {});
    expect((await run(rt, 'exact', 'x1', {})).status).toBe('SUCCEEDED');
    expect(rt.executedDefinitions().get('exact')).toBe(text);
  });

  it('counts state transitions and history events', async () => {
    const cb = tokenCatcher();
    const { rt } = runtime(
      {
        counted: {
          StartAt: 'Load',
          States: {
            Load: lambdaTask('load', { ResultPath: null, Next: 'Route' }),
            Route: { Type: 'Choice', Choices: [{ Variable: '$.ask', BooleanEquals: true, Next: 'Ask' }], Default: 'Mark' },
            Ask: callbackTask('ask', { ResultPath: null, Next: 'Mark' }),
            Mark: { Type: 'Pass', Result: 1, ResultPath: '$.marked', Next: 'Done' },
            Done: { Type: 'Succeed' },
          },
        },
      },
      { [fnArn('load')]: async () => ({}), [fnArn('ask')]: cb.fn },
    );
    // start/end 2 + Task 5 + Choice 2 + Pass 2 + Succeed 2
    const plain = await run(rt, 'counted', 'n1', { ask: false });
    expect(plain).toMatchObject({ status: 'SUCCEEDED', stateTransitions: 4, historyEvents: 13 });
    // + callback Task 6
    await run(rt, 'counted', 'n2', { ask: true });
    await rt.sendTaskSuccess({ taskToken: cb.tokens[0], output: '{}' });
    expect(await status(rt, 'counted', 'n2')).toMatchObject({ status: 'SUCCEEDED', stateTransitions: 5, historyEvents: 19 });
  });

  it('starts other machines (states:startExecution) and sends events (events:putEvents)', async () => {
    const seen: PublishedEvent[] = [];
    let childInput: unknown;
    const { rt } = runtime(
      {
        parent: {
          StartAt: 'Announce',
          States: {
            Announce: {
              Type: 'Task',
              Resource: 'arn:aws:states:::events:putEvents',
              Parameters: { Entries: [{ Source: 'grants', DetailType: 'Approved', 'Detail.$': '$', EventBusName: 'default' }] },
              ResultPath: '$.put',
              Next: 'StartChild',
            },
            StartChild: {
              Type: 'Task',
              Resource: 'arn:aws:states:::states:startExecution',
              Parameters: { StateMachineArn: smArn('child'), 'Input.$': '$$.Execution.Input' },
              ResultPath: '$.child',
              End: true,
            },
          },
        },
        child: { StartAt: 'Work', States: { Work: lambdaTask('child-work', { End: true }) } },
      },
      {
        [fnArn('child-work')]: async (p) => {
          childInput = p;
          return 'done';
        },
      },
      { onEvent: (e) => seen.push(e) },
    );
    const d = await run(rt, 'parent', 'p1', { app: 'A-9' });
    expect(d.status).toBe('SUCCEEDED');
    const out = JSON.parse(d.output ?? '{}');
    expect(out.put.FailedEntryCount).toBe(0);
    expect(out.child.ExecutionArn).toMatch(/:execution:child:/);
    expect(childInput).toEqual({ app: 'A-9' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ source: 'grants', detailType: 'Approved', detail: { app: 'A-9' }, stateName: 'Announce' });
    expect((await rt.listPublishedEvents()).map((e) => e.eventId)).toEqual([seen[0]?.eventId]);
    expect((await rt.describeExecution({ executionArn: out.child.ExecutionArn })).status).toBe('SUCCEEDED');
  });

  it('stops executions and times them out on the runtime clock', async () => {
    const cb = tokenCatcher();
    const { rt, clock } = runtime(
      {
        stoppable: { StartAt: 'Hold', States: { Hold: callbackTask('hold', { End: true }) } },
        limited: { TimeoutSeconds: 3600, StartAt: 'Hold2', States: { Hold2: callbackTask('hold', { End: true }) } },
      },
      { [fnArn('hold')]: cb.fn },
    );
    await run(rt, 'stoppable', 's1', {});
    await rt.stopExecution({ executionArn: execArn('stoppable', 's1'), error: 'Withdrawn', cause: 'test' });
    expect(await status(rt, 'stoppable', 's1')).toMatchObject({ status: 'ABORTED', error: 'Withdrawn' });
    await expect(rt.sendTaskSuccess({ taskToken: cb.tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });

    await run(rt, 'limited', 'l1', {});
    clock.advance(3599 * SECOND);
    expect((await status(rt, 'limited', 'l1')).status).toBe('RUNNING');
    clock.advance(SECOND);
    expect((await status(rt, 'limited', 'l1')).status).toBe('TIMED_OUT');
    expect(rt.activeExecutions).toBe(0);
  });

  it('keeps concurrent executions apart', async () => {
    const cb = tokenCatcher();
    const { rt } = runtime(
      { many: { StartAt: 'Ask', States: { Ask: callbackTask('ask', { ResultPath: '$.answer', End: true }) } } },
      { [fnArn('ask')]: cb.fn },
    );
    const names = Array.from({ length: 20 }, (_, i) => `c${i}`);
    await Promise.all(names.map((name, i) => rt.startExecution({ stateMachineArn: smArn('many'), name, input: JSON.stringify({ i }) })));
    await rt.settle();
    expect(cb.tokens).toHaveLength(20);
    await Promise.all(
      cb.payloads.map((p, k) => {
        const { input, taskToken } = p as { input: { i: number }; taskToken: string };
        return rt.sendTaskSuccess({ taskToken, output: JSON.stringify({ echo: input.i, k }) });
      }),
    );
    await rt.settle();
    for (const [i, name] of names.entries()) {
      const d = await rt.describeExecution({ executionArn: execArn('many', name) });
      expect(d.status).toBe('SUCCEEDED');
      expect(JSON.parse(d.output ?? '{}')).toMatchObject({ i, answer: { echo: i } });
    }
    expect(rt.activeExecutions).toBe(0);
  });
});
