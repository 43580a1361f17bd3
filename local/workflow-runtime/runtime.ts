// A local, persistent Step Functions runtime: runs the ASL JSON exactly as CDK synthesized it with
// aws-local-stepfunctions, and makes it durable by JOURNAL REPLAY:
//
// * Every Task occurrence (state name + per-state occurrence number within the execution) has its
//   outcome recorded in DynamoDB (succeeded output | failed error/cause | pending callback token).
// * After a restart, resumeAll() re-runs each RUNNING execution from the start with the same input
//   and StartTime; recorded occurrences return their outcome without calling the handler, a pending
//   callback re-registers its token, and the first unrecorded occurrence runs for real.
// * Callback tasks (.waitForTaskToken) get a fresh 256-bit token per occurrence; tokens are
//   persisted (WFTOKEN#<token>) so sendTaskSuccess/Failure/Heartbeat work across restarts, also
//   before resumeAll() (the resolution is stored and applied on replay).
// * Task timeouts (TimeoutSeconds/Path), HeartbeatSeconds, Wait states, retry intervals and the
//   execution TimeoutSeconds run on the runtime's Clock (ManualClock in tests), without the
//   interpreter's 24.8-day setTimeout overflow. See ./interpreter-hooks.ts for how.
import '../polyfills'; // aws-local-stepfunctions needs Promise.withResolvers (Node 20 lacks it)
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { setImmediate as nodeSetImmediate, setTimeout as nodeSetTimeout, clearTimeout as nodeClearTimeout } from 'node:timers';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  DescribeExecutionInput,
  ListExecutionsInput,
  SendTaskFailureInput,
  SendTaskHeartbeatInput,
  SendTaskSuccessInput,
  StartExecutionInput,
  StopExecutionInput,
} from '@aws-sdk/client-sfn';
import { ExecutionError, ExecutionTimeoutError, StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { isSubscribableClock, systemClock, type Clock } from './clock';
import { WorkflowRuntimeError, taskError } from './errors';
import { armNextTimer, withFixedNewDate } from './interpreter-hooks';
import {
  LAMBDA_INVOKE,
  PUT_EVENTS,
  START_EXECUTION,
  TASK_TOKEN_PLACEHOLDER,
  executionArnFor,
  indexStates,
  injectToken,
  isLambdaFunctionArn,
  lambdaShortName,
  parseExecutionArn,
  stateMachineName,
  toJson,
  type Json,
  type LocalHandlers,
  type StateIndex,
  type TaskInfo,
} from './asl';
import {
  EXECUTION_STATUSES,
  WorkflowJournal,
  journalKeys,
  resolutionOf,
  type ExecutionItem,
  type ExecutionStatus,
  type JournalItem,
  type TaskItem,
  type TaskOutcome,
  type TokenItem,
  type TokenResolution,
  type WaitItem,
} from './journal';

// ---- public types ---------------------------------------------------------------------------

/** A local stand-in for a Lambda function: receives the invocation payload, returns its result. */
export type LocalFunction = (payload: unknown) => Promise<unknown> | unknown;

/** Handler for any other Task resource (e.g. 'arn:aws:states:::dynamodb:putItem'): gets the evaluated Parameters. */
export type LocalResourceHandler = (
  parameters: unknown,
  context: { executionArn: string; stateName: string; taskToken?: string },
) => Promise<unknown> | unknown;

export interface MachineDefinition {
  /** The ASL JSON text exactly as synthesized (definition substitutions applied). Run unchanged. */
  definition: string;
  /** The state machine ARN that StartExecution / states:startExecution use. */
  arn: string;
}

/** An event sent by an `arn:aws:states:::events:putEvents` task. */
export interface PublishedEvent {
  eventId: string;
  time: string;
  executionArn: string;
  stateName: string;
  source?: string;
  detailType?: string;
  eventBusName?: string;
  /** Detail, parsed if it was a JSON string. */
  detail: unknown;
  /** The PutEvents entry as evaluated from the state's Parameters. */
  entry: Record<string, unknown>;
}

export interface LocalWorkflowRuntimeOptions {
  /** machine key → definition + ARN. */
  definitions: Record<string, MachineDefinition>;
  /** FunctionName (ARN or name, as substituted in the definitions) → local handler. */
  functions: Record<string, LocalFunction>;
  client: DynamoDBDocumentClient;
  tableName: string;
  /** Runtime clock for timeouts, heartbeats, waits and retries. Default: the system clock. */
  clock?: Clock;
  /** Called for every event a putEvents task sends. */
  onEvent?: (event: PublishedEvent) => void;
  /** Handlers for further Task resources (keyed by Resource without .waitForTaskToken). */
  resources?: Record<string, LocalResourceHandler>;
  logger?: { warn(message: string, detail?: unknown): void };
}

export interface DescribeExecutionResult {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  machineKey: string;
  status: ExecutionStatus;
  /** JSON text. */
  input: string;
  /** JSON text (SUCCEEDED only). */
  output?: string;
  error?: string;
  cause?: string;
  startDate: Date;
  stopDate?: Date;
  /** States entered + retries (what AWS bills as state transitions). */
  stateTransitions: number;
  /** Approximate number of AWS execution history events (limit 25,000). */
  historyEvents: number;
}

/** Like the SDK's ExecutionListItem, plus the machine key. */
export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  machineKey: string;
}

// ---- internals ------------------------------------------------------------------------------

interface Machine {
  key: string;
  arn: string;
  name: string;
  text: string;
  stateMachine: StateMachine;
  index: StateIndex;
  hasExecutionTimeout: boolean;
}

interface ClockTimer {
  due: number;
  fire: () => void;
  done: boolean;
}

/** Where the interpreter's own timer for one Task occurrence ends up (see onTask). */
interface TimerSlot {
  fire?: () => void;
  ms?: number;
}

interface Waiter {
  token: string;
  run: Run;
  task: TaskInfo;
  occurrence: number;
  slot: TimerSlot;
  promise: Promise<Json>;
  resolve: (value: Json) => void;
  reject: (err: Error) => void;
  settled: boolean;
  heartbeatSeconds?: number;
  timeoutTimer?: ClockTimer;
  heartbeatTimer?: ClockTimer;
}

class Run {
  readonly taskOccurrences = new Map<string, number>();
  readonly waitOccurrences = new Map<string, number>();
  readonly waiters = new Set<Waiter>();
  readonly timers = new Set<ClockTimer>();
  stateTransitions = 0;
  historyEvents = 0;
  /** No more journal writes (finished, stopped, or the runtime shut down). */
  closed = false;
  finished = false;
  abort: () => void = () => undefined;
  eventsDone: Promise<void> = Promise.resolve();

  constructor(
    readonly machine: Machine,
    readonly key: string,
    readonly executionArn: string,
    readonly name: string,
    readonly record: ExecutionItem,
    /** Recorded task/wait items not yet replayed, by sk. */
    readonly journal: Map<string, JournalItem>,
  ) {}

  next(counter: Map<string, number>, stateName: string): number {
    const n = (counter.get(stateName) ?? 0) + 1;
    counter.set(stateName, n);
    return n;
  }
}

class ClockScheduler {
  private readonly timers = new Set<ClockTimer>();
  private realTimer: ReturnType<typeof nodeSetTimeout> | undefined;
  private realDue = Infinity;
  private immediatePlanned = false;
  private readonly unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void,
  ) {
    if (isSubscribableClock(clock)) this.unsubscribe = clock.subscribe(() => this.check());
  }

  add(due: number, fire: () => void): ClockTimer {
    const timer: ClockTimer = { due, fire, done: false };
    if (this.stopped) return timer;
    this.timers.add(timer);
    this.plan();
    return timer;
  }

  cancel(timer: ClockTimer): void {
    timer.done = true;
    this.timers.delete(timer);
  }

  /** Fires every due timer (in due order). Returns how many fired. */
  check(): number {
    if (this.stopped) return 0;
    const now = this.clock.now().getTime();
    const due = [...this.timers].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    for (const timer of due) {
      this.timers.delete(timer);
      if (timer.done) continue;
      timer.done = true;
      try {
        timer.fire();
      } catch (err) {
        this.onError(err);
      }
    }
    this.plan();
    return due.length;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.realTimer) nodeClearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.timers.clear();
  }

  private plan(): void {
    if (this.stopped) return;
    let next = Infinity;
    for (const t of this.timers) if (t.due < next) next = t.due;
    const now = this.clock.now().getTime();
    if (next <= now) {
      if (!this.immediatePlanned) {
        this.immediatePlanned = true;
        nodeSetImmediate(() => {
          this.immediatePlanned = false;
          this.check();
        });
      }
      return;
    }
    // A clock that tells us when it moves needs no real timer; others (the system clock) do.
    if (isSubscribableClock(this.clock) || next === this.realDue) return;
    if (this.realTimer) nodeClearTimeout(this.realTimer);
    this.realTimer = undefined;
    this.realDue = next;
    if (next === Infinity) return;
    const delay = Math.min(next - now, 2_147_483_647); // chained when longer than Node's 32-bit limit
    this.realTimer = nodeSetTimeout(() => {
      this.realTimer = undefined;
      this.realDue = Infinity;
      this.check();
    }, delay);
    this.realTimer.unref();
  }
}

/** An error from the service integration itself: its name/message are used as Error/Cause as is. */
class ServiceError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: Error) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorName(err: unknown): string {
  if (isRecord(err) || err instanceof Error) {
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string') return name;
  }
  return 'Error';
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (isRecord(err) && typeof err.message === 'string') return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
}

/** AWS execution names: 1–80 chars, none of whitespace < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or controls. */
const INVALID_NAME = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/;

const HEARTBEAT_CAUSE = 'The task did not send a heartbeat within HeartbeatSeconds.';
const TIMEOUT_CAUSE = 'The task timed out (TimeoutSeconds).';

// ---- the runtime ----------------------------------------------------------------------------

export class LocalWorkflowRuntime {
  private readonly machinesByKey = new Map<string, Machine>();
  private readonly machinesByArn = new Map<string, Machine>();
  private readonly machinesByName = new Map<string, Machine>();
  private readonly functions: Record<string, LocalFunction>;
  private readonly functionsByShortName = new Map<string, LocalFunction | null>();
  private readonly resources: Record<string, LocalResourceHandler>;
  private readonly clock: Clock;
  private readonly journal: WorkflowJournal;
  private readonly scheduler: ClockScheduler;
  private readonly onEvent: ((event: PublishedEvent) => void) | undefined;
  private readonly logger: { warn(message: string, detail?: unknown): void };

  private readonly runs = new Map<string, Run>();
  private readonly resuming = new Set<string>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly executed = new Map<string, string>();
  private readonly events: PublishedEvent[] = [];
  private pendingIo = 0;
  private pendingHandlers = 0;
  private idleListeners: Array<() => void> = [];
  private closed = false;

  constructor(options: LocalWorkflowRuntimeOptions) {
    this.clock = options.clock ?? systemClock;
    this.functions = { ...options.functions };
    this.resources = { ...(options.resources ?? {}) };
    this.onEvent = options.onEvent;
    this.logger = options.logger ?? { warn: (message, detail) => console.warn(`[workflow-runtime] ${message}`, detail ?? '') };
    this.journal = new WorkflowJournal(options.client, options.tableName, (work) => this.trackIo(work));
    this.scheduler = new ClockScheduler(this.clock, (err) => this.logger.warn('timer callback failed', err));

    for (const [key, fn] of Object.entries(this.functions)) {
      const short = lambdaShortName(key);
      this.functionsByShortName.set(short, this.functionsByShortName.has(short) ? null : fn);
    }

    for (const [key, { definition, arn }] of Object.entries(options.definitions)) {
      const parsed = JSON.parse(definition) as StateMachineDefinition;
      const index = indexStates(parsed);
      for (const task of index.tasks.values()) {
        this.assertSupported(key, task);
        if ('HeartbeatSecondsPath' in task.definition) {
          this.logger.warn(`state machine '${key}', state '${task.name}': HeartbeatSecondsPath is not enforced locally (use HeartbeatSeconds)`);
        }
      }
      const name = stateMachineName(arn) ?? key;
      const machine: Machine = {
        key,
        arn,
        name,
        text: definition,
        stateMachine: new StateMachine(parsed),
        index,
        hasExecutionTimeout: (parsed as { TimeoutSeconds?: unknown }).TimeoutSeconds !== undefined,
      };
      if (this.machinesByName.has(name)) throw new Error(`Two state machines are named '${name}' (${arn})`);
      this.machinesByKey.set(key, machine);
      this.machinesByArn.set(arn, machine);
      this.machinesByName.set(name, machine);
    }
  }

  // ---- SFN-shaped API -------------------------------------------------------------------------

  /** Like StartExecution: same name + same input while RUNNING returns the existing execution. */
  async startExecution(input: StartExecutionInput): Promise<{ executionArn: string; startDate: Date }> {
    this.assertOpen();
    const machine = this.machineFor(input.stateMachineArn);
    const name = input.name ?? randomUUID();
    if (name.length < 1 || name.length > 80 || INVALID_NAME.test(name)) {
      throw new WorkflowRuntimeError('InvalidName', `Invalid execution name: '${name}'`);
    }
    const text = input.input ?? '{}';
    try {
      JSON.parse(text);
    } catch {
      throw new WorkflowRuntimeError('InvalidExecutionInput', `Invalid execution input (not JSON): ${text.slice(0, 200)}`);
    }
    const key = `${machine.name}:${name}`;
    const executionArn = executionArnFor(machine.arn, machine.name, name);
    const startDate = this.clock.now().toISOString();
    const record: ExecutionItem = {
      ...journalKeys.execution(key),
      entity: 'WorkflowExecution',
      gsi1pk: journalKeys.executionStatus('RUNNING'),
      gsi1sk: `${startDate}#${executionArn}`,
      executionArn,
      stateMachineArn: machine.arn,
      machineKey: machine.key,
      name,
      input: text,
      status: 'RUNNING',
      startDate,
      stateTransitions: 0,
      historyEvents: 0,
    };
    if (!(await this.journal.createExecution(record))) {
      const existing = await this.journal.getExecution(key);
      if (existing && existing.status === 'RUNNING' && existing.input === text) {
        return { executionArn, startDate: new Date(existing.startDate) };
      }
      throw new WorkflowRuntimeError('ExecutionAlreadyExists', `Execution already exists: '${executionArn}'`);
    }
    if (!this.closed) this.launch(machine, record, []);
    return { executionArn, startDate: new Date(startDate) };
  }

  async sendTaskSuccess(input: SendTaskSuccessInput): Promise<Record<string, never>> {
    this.assertOpen();
    const token = this.requireToken(input.taskToken);
    let output: unknown;
    try {
      output = JSON.parse(input.output ?? '');
    } catch {
      throw new WorkflowRuntimeError('InvalidOutput', 'The task output is not valid JSON');
    }
    await this.resolveExternally(token, { status: 'SUCCEEDED', output });
    return {};
  }

  async sendTaskFailure(input: SendTaskFailureInput): Promise<Record<string, never>> {
    this.assertOpen();
    const token = this.requireToken(input.taskToken);
    const resolution: TokenResolution = { status: 'FAILED', error: input.error ?? '' };
    if (input.cause !== undefined) resolution.cause = input.cause;
    await this.resolveExternally(token, resolution);
    return {};
  }

  async sendTaskHeartbeat(input: SendTaskHeartbeatInput): Promise<Record<string, never>> {
    this.assertOpen();
    const token = this.requireToken(input.taskToken);
    const now = this.nowMs();
    const item = await this.journal.heartbeatToken(token, now);
    if (!item) await this.throwForUnresolvableToken(token);
    const waiter = this.waiters.get(token);
    if (waiter && !waiter.settled && waiter.heartbeatSeconds) {
      if (waiter.heartbeatTimer) this.cancelTimer(waiter.run, waiter.heartbeatTimer);
      waiter.heartbeatTimer = this.addTimer(waiter.run, now + waiter.heartbeatSeconds * 1000, () => this.expireToken(waiter, 'HEARTBEAT_TIMED_OUT'));
    }
    return {};
  }

  async stopExecution(input: StopExecutionInput): Promise<{ stopDate: Date }> {
    this.assertOpen();
    const { key } = this.executionKeyFor(input.executionArn);
    const record = await this.journal.getExecution(key);
    if (!record) throw new WorkflowRuntimeError('ExecutionDoesNotExist', `Execution does not exist: '${input.executionArn}'`);
    const stopDate = this.clock.now().toISOString();
    if (record.status !== 'RUNNING') return { stopDate: new Date(record.stopDate ?? stopDate) };
    const run = this.runs.get(key);
    const fields: Parameters<WorkflowJournal['closeExecution']>[1] = { status: 'ABORTED', stopDate };
    if (input.error) fields.error = input.error;
    if (input.cause) fields.cause = input.cause;
    if (run) {
      fields.stateTransitions = run.stateTransitions;
      fields.historyEvents = run.historyEvents + 1;
    }
    if (!(await this.journal.closeExecution(key, fields, record.startDate, record.executionArn))) {
      const now = await this.journal.getExecution(key);
      return { stopDate: new Date(now?.stopDate ?? stopDate) };
    }
    let tokens: string[];
    if (run) {
      tokens = [...run.waiters].map((w) => w.token);
      run.closed = true;
      run.abort();
    } else {
      const items = await this.journal.loadExecution(key);
      tokens = items.flatMap((i) => (i.sk.startsWith('TASK#') && (i as TaskItem).kind === 'pending' && (i as TaskItem).token ? [(i as TaskItem).token as string] : []));
    }
    await Promise.all(tokens.map((t) => this.journal.resolveToken(t, { status: 'CLOSED', error: 'ExecutionAborted' }, this.nowMs())));
    return { stopDate: new Date(stopDate) };
  }

  async describeExecution(input: DescribeExecutionInput): Promise<DescribeExecutionResult> {
    const { key } = this.executionKeyFor(input.executionArn);
    const record = await this.journal.getExecution(key);
    if (!record) throw new WorkflowRuntimeError('ExecutionDoesNotExist', `Execution does not exist: '${input.executionArn}'`);
    const run = record.status === 'RUNNING' ? this.runs.get(key) : undefined;
    const result: DescribeExecutionResult = {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      machineKey: record.machineKey,
      status: record.status,
      input: record.input,
      startDate: new Date(record.startDate),
      stateTransitions: run ? run.stateTransitions : record.stateTransitions,
      historyEvents: run ? run.historyEvents : record.historyEvents,
    };
    if (record.output !== undefined) result.output = record.output;
    if (record.error !== undefined) result.error = record.error;
    if (record.cause !== undefined) result.cause = record.cause;
    if (record.stopDate !== undefined) result.stopDate = new Date(record.stopDate);
    return result;
  }

  /** Newest first. `status` is an alias of the SDK's `statusFilter`. */
  async listExecutions(
    input: Pick<ListExecutionsInput, 'stateMachineArn' | 'statusFilter'> & { status?: ExecutionStatus } = {},
  ): Promise<{ executions: ExecutionSummary[] }> {
    const filter = input.status ?? input.statusFilter;
    const statuses = filter ? [filter as ExecutionStatus] : EXECUTION_STATUSES;
    const items = (await Promise.all(statuses.map((s) => this.journal.listExecutionsByStatus(s)))).flat();
    const executions = items
      .filter((i) => !input.stateMachineArn || i.stateMachineArn === input.stateMachineArn)
      .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : 0))
      .map((i) => {
        const summary: ExecutionSummary = {
          executionArn: i.executionArn,
          stateMachineArn: i.stateMachineArn,
          name: i.name,
          status: i.status,
          startDate: new Date(i.startDate),
          machineKey: i.machineKey,
        };
        if (i.stopDate) summary.stopDate = new Date(i.stopDate);
        return summary;
      });
    return { executions };
  }

  // ---- runtime control ------------------------------------------------------------------------

  /** Loads and replays every RUNNING execution not running in this process. Returns how many. */
  async resumeAll(): Promise<number> {
    this.assertOpen();
    const running = await this.journal.listExecutionsByStatus('RUNNING');
    let resumed = 0;
    for (const summary of running) {
      const key = summary.pk.slice('EXEC#'.length);
      if (this.runs.has(key) || this.resuming.has(key)) continue;
      const machine = this.machinesByKey.get(summary.machineKey) ?? this.machinesByArn.get(summary.stateMachineArn);
      if (!machine) {
        this.logger.warn(`cannot resume ${summary.executionArn}: no definition for machine '${summary.machineKey}'`);
        continue;
      }
      this.resuming.add(key);
      try {
        const items = await this.journal.loadExecution(key);
        const record = items.find((i): i is ExecutionItem => i.sk === 'EXEC');
        if (!record || record.status !== 'RUNNING' || this.closed || this.runs.has(key)) continue;
        this.launch(machine, record, items);
        resumed += 1;
      } finally {
        this.resuming.delete(key);
      }
    }
    return resumed;
  }

  /** Resolves when no task handler or journal write is in flight and nothing is due on the clock. */
  async settle(): Promise<void> {
    let quiet = 0;
    while (quiet < 2) {
      await new Promise<void>((resolve) => nodeSetImmediate(resolve));
      if (this.pendingIo + this.pendingHandlers > 0) {
        quiet = 0;
        await new Promise<void>((resolve) => this.idleListeners.push(resolve));
        continue;
      }
      if (this.scheduler.check() > 0) {
        quiet = 0;
        continue;
      }
      quiet += 1;
    }
  }

  /** Stops all in-memory runs WITHOUT recording anything (a simulated crash). The instance is unusable afterwards. */
  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const run of [...this.runs.values()]) {
      run.closed = true;
      run.abort();
    }
    this.scheduler.stop();
    this.waiters.clear();
    const deadline = Date.now() + 5_000;
    while (this.pendingIo > 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => nodeSetTimeout(resolve, 5));
    }
  }

  /** machine key → the definition text its executions ran (exactly what was passed in). */
  executedDefinitions(): Map<string, string> {
    return new Map(this.executed);
  }

  /** Events sent by putEvents tasks in this process (the last 1,000). */
  publishedEvents(): PublishedEvent[] {
    return [...this.events];
  }

  /** All events sent by putEvents tasks, from the table. */
  async listPublishedEvents(): Promise<PublishedEvent[]> {
    const items = await this.journal.listEvents();
    return items.map((i) => JSON.parse(i.entry) as PublishedEvent);
  }

  /** Number of executions currently loaded in memory. */
  get activeExecutions(): number {
    return this.runs.size;
  }

  // ---- running an execution -------------------------------------------------------------------

  private launch(machine: Machine, record: ExecutionItem, items: JournalItem[]): Run {
    const key = record.pk.slice('EXEC#'.length);
    const journal = new Map<string, JournalItem>();
    for (const item of items) if (item.sk !== 'EXEC') journal.set(item.sk, item);
    const run = new Run(machine, key, record.executionArn, record.name, record, journal);
    this.runs.set(key, run);
    this.executed.set(machine.key, machine.text);

    const handlers: LocalHandlers = {};
    for (const task of machine.index.tasks.values()) handlers[task.name] = (input) => this.onTask(run, task, input);
    // Read by the interpreter, synchronously, right before it sleeps: see interpreter-hooks.ts.
    const waitTimeOverrides = new Proxy<Record<string, number>>(
      {},
      {
        get: (_target, prop) => {
          if (typeof prop === 'string') this.onWait(run, prop);
          return undefined;
        },
      },
    );
    const retryIntervalOverrides = new Proxy<Record<string, number>>(
      {},
      {
        get: (_target, prop) => {
          if (typeof prop === 'string') this.onRetry(run, prop);
          return undefined;
        },
      },
    );
    const startMs = Date.parse(record.startDate);
    const context: RunOptions['context'] = {
      Execution: { Id: record.executionArn, Name: record.name, RoleArn: 'arn:aws:iam::000000000000:role/local-workflow-runtime', RedriveCount: 0 },
      StateMachine: { Id: machine.arn, Name: machine.name },
      Task: { Token: TASK_TOKEN_PLACEHOLDER },
    };
    let execution: ReturnType<StateMachine['run']>;
    try {
      if (machine.hasExecutionTimeout) armNextTimer((fire, ms) => void this.addTimer(run, startMs + ms, fire));
      execution = withFixedNewDate(startMs, () =>
        machine.stateMachine.run(JSON.parse(record.input) as Json, {
          overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides, retryIntervalOverrides },
          noThrowOnAbort: true,
          context,
        }),
      );
    } catch (err) {
      void this.finish(run, { status: 'FAILED', error: errorName(err), cause: errorMessage(err) });
      return run;
    }
    run.abort = execution.abort;
    run.eventsDone = this.countEvents(run, execution.eventLogs);
    execution.result.then(
      (output) => this.finish(run, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
      (err: unknown) => this.finish(run, LocalWorkflowRuntime.classify(err)),
    );
    return run;
  }

  private static classify(err: unknown): { status: 'FAILED' | 'TIMED_OUT'; error: string; cause: string } {
    if (err instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out (TimeoutSeconds).' };
    if (err instanceof ExecutionError) {
      const cause = (err as Error & { cause?: unknown }).cause;
      return { status: 'FAILED', error: errorName(cause), cause: errorMessage(cause) };
    }
    return { status: 'FAILED', error: errorName(err), cause: errorMessage(err) };
  }

  /** Counts state transitions and approximate AWS history events from the interpreter's event log. */
  private async countEvents(run: Run, logs: AsyncGenerator<unknown>): Promise<void> {
    try {
      for await (const raw of logs) {
        const event = raw as { type: string; state?: { type?: string } };
        const container = event.state?.type === 'Parallel' || event.state?.type === 'Map';
        switch (event.type) {
          case 'ExecutionStarted':
            run.historyEvents += 1;
            break;
          case 'StateEntered': // XStateEntered (+ ParallelStateStarted / MapStateStarted)
            run.stateTransitions += 1;
            run.historyEvents += container ? 2 : 1;
            break;
          case 'StateExited': // XStateExited (+ ParallelStateSucceeded / MapStateSucceeded)
            run.historyEvents += container ? 2 : 1;
            break;
          case 'StateRetried': // a retry is billed as a transition; its Task events are counted in onTask
            run.stateTransitions += 1;
            break;
          case 'MapIterationStarted':
          case 'MapIterationSucceeded':
          case 'MapIterationFailed':
            run.historyEvents += 1;
            break;
          default:
            break;
        }
      }
    } catch {
      // the log only ends with the execution
    }
  }

  private async finish(
    run: Run,
    outcome: { status: 'SUCCEEDED'; output: string } | { status: 'FAILED' | 'TIMED_OUT'; error: string; cause: string },
  ): Promise<void> {
    if (run.finished) return;
    run.finished = true;
    await this.trackIo(async () => {
      await run.eventsDone;
      const record = !run.closed;
      run.closed = true;
      const tokens = [...run.waiters].map((w) => w.token);
      this.release(run);
      if (!record) return; // stopped (already recorded) or shut down (nothing recorded)
      run.historyEvents += 1; // ExecutionSucceeded / ExecutionFailed / ExecutionTimedOut
      const fields: Parameters<WorkflowJournal['closeExecution']>[1] = {
        status: outcome.status,
        stopDate: this.clock.now().toISOString(),
        stateTransitions: run.stateTransitions,
        historyEvents: run.historyEvents,
      };
      if (outcome.status === 'SUCCEEDED') fields.output = outcome.output;
      else {
        fields.error = outcome.error;
        fields.cause = outcome.cause;
      }
      await this.journal.closeExecution(run.key, fields, run.record.startDate, run.executionArn);
      // Callback tasks still waiting (e.g. in a Parallel branch when another branch failed) are gone.
      await Promise.all(tokens.map((t) => this.journal.resolveToken(t, { status: 'CLOSED', error: outcome.status }, this.nowMs())));
    }).catch((err) => this.warn(run, `could not record the end of ${run.executionArn}`, err));
  }

  /** Drops everything this process holds for a run. */
  private release(run: Run): void {
    for (const timer of run.timers) this.scheduler.cancel(timer);
    run.timers.clear();
    for (const waiter of run.waiters) {
      waiter.settled = true;
      this.waiters.delete(waiter.token);
    }
    run.waiters.clear();
    run.journal.clear();
    if (this.runs.get(run.key) === run) this.runs.delete(run.key);
  }

  // ---- Task states ----------------------------------------------------------------------------

  /**
   * The interpreter calls this synchronously from TaskStateAction.execute and, in the same
   * synchronous stretch, starts its task-timeout timer (setTimeout): armNextTimer captures that
   * timer into `slot`, so the timeout runs on the runtime clock (see taskDeadline).
   */
  private onTask(run: Run, task: TaskInfo, input: Json): Promise<Json> {
    graftTimeoutPath(task, input);
    const occurrence = run.next(run.taskOccurrences, task.name);
    const slot: TimerSlot = {};
    armNextTimer((fire, ms) => {
      slot.fire = fire;
      slot.ms = ms;
    });
    const promise = this.runTaskOccurrence(run, task, occurrence, input, slot);
    promise.catch(() => undefined); // the interpreter may never await it (e.g. TimeoutSecondsPath failed)
    return promise;
  }

  private async runTaskOccurrence(run: Run, task: TaskInfo, occurrence: number, input: Json, slot: TimerSlot): Promise<Json> {
    await Promise.resolve(); // the interpreter has now set up its timer (captured in slot)
    if (run.closed) return never();
    run.historyEvents += task.callback ? 4 : 3; // TaskScheduled, TaskStarted, (TaskSubmitted,) TaskSucceeded/Failed
    const sk = journalKeys.task(run.key, task.name, occurrence).sk;
    const recorded = run.journal.get(sk) as TaskItem | undefined;
    if (recorded) {
      run.journal.delete(sk);
      const outcome = JSON.parse(recorded.outcome) as TaskOutcome;
      if (outcome.kind === 'pending') return this.resumeCallback(run, task, occurrence, input, slot, outcome.token);
      if (outcome.kind === 'succeeded') return outcome.output as Json;
      if (outcome.error === 'States.Timeout' && slot.fire) {
        slot.fire(); // the interpreter's own States.Timeout (not matched by States.TaskFailed, as in AWS)
        return never();
      }
      throw taskError(outcome.error, outcome.cause);
    }
    return task.callback ? this.startCallback(run, task, occurrence, input, slot) : this.runRequestResponse(run, task, occurrence, input, slot);
  }

  /** Epoch ms when this occurrence times out, if the state has TimeoutSeconds/TimeoutSecondsPath. */
  private taskDeadline(task: TaskInfo, slot: TimerSlot, startMs: number): number | undefined {
    if (!task.explicitTimeout || slot.ms === undefined) return undefined;
    return startMs + slot.ms;
  }

  private async runRequestResponse(run: Run, task: TaskInfo, occurrence: number, input: Json, slot: TimerSlot): Promise<Json> {
    let timedOut = false;
    let timer: ClockTimer | undefined;
    const deadline = this.taskDeadline(task, slot, this.nowMs());
    const fire = slot.fire;
    if (deadline !== undefined && fire) {
      timer = this.addTimer(run, deadline, () => {
        void this.trackIo(async () => {
          if (run.closed) return;
          const outcome: TaskOutcome = { kind: 'failed', error: 'States.Timeout', cause: TIMEOUT_CAUSE };
          if (await this.journal.putTaskOutcome(run.key, task.name, occurrence, outcome, this.nowIso(), { kind: 'absent' })) {
            timedOut = true;
            if (!run.closed) fire();
          }
        }).catch((err) => this.warn(run, 'could not record a task timeout', err));
      });
    }
    const payload = injectToken(input, randomBytes(32).toString('base64url'));
    try {
      let outcome: TaskOutcome;
      try {
        outcome = { kind: 'succeeded', output: await this.invokeResource(run, task, occurrence, payload, undefined) };
      } catch (err) {
        outcome = { kind: 'failed', ...this.describeFailure(task, err) };
      }
      if (run.closed || timedOut) return never();
      if (!(await this.journal.putTaskOutcome(run.key, task.name, occurrence, outcome, this.nowIso(), { kind: 'absent' }))) {
        return never(); // a timeout was recorded first; it settles the task
      }
      if (outcome.kind === 'succeeded') return outcome.output as Json;
      if (outcome.kind === 'failed') throw taskError(outcome.error, outcome.cause);
      return never();
    } finally {
      if (timer) this.cancelTimer(run, timer);
    }
  }

  private async startCallback(run: Run, task: TaskInfo, occurrence: number, input: Json, slot: TimerSlot): Promise<Json> {
    const token = randomBytes(32).toString('base64url'); // 256 bits
    const now = this.nowMs();
    const item: TokenItem = {
      ...journalKeys.token(token),
      entity: 'WorkflowTaskToken',
      token,
      executionKey: run.key,
      executionArn: run.executionArn,
      stateName: task.name,
      occurrence,
      status: 'PENDING',
      createdAt: now,
      heartbeatAt: now,
    };
    const deadline = this.taskDeadline(task, slot, now);
    if (deadline !== undefined) item.deadline = deadline;
    if (task.heartbeatSeconds) item.heartbeatSeconds = task.heartbeatSeconds;
    await this.journal.putToken(item);
    const recorded = await this.journal.putTaskOutcome(run.key, task.name, occurrence, { kind: 'pending', token }, this.nowIso(), {
      kind: 'absent',
    });
    if (!recorded || run.closed) return never();
    const waiter = this.registerWaiter(run, task, occurrence, token, slot);
    this.armWaiterTimers(waiter, item);
    this.callCallbackHandler(waiter, input);
    return waiter.promise;
  }

  private async resumeCallback(run: Run, task: TaskInfo, occurrence: number, input: Json, slot: TimerSlot, token: string): Promise<Json> {
    // Registered before reading the token, so a concurrent sendTaskSuccess is never lost.
    const waiter = this.registerWaiter(run, task, occurrence, token, slot);
    const item = await this.journal.getToken(token);
    if (!item) {
      this.dropWaiter(waiter);
      return this.startCallback(run, task, occurrence, input, slot);
    }
    const resolution = resolutionOf(item);
    if (resolution) {
      await this.recordCallbackOutcome(item, resolution);
      this.applyResolution(waiter, resolution);
      return waiter.promise;
    }
    this.armWaiterTimers(waiter, item);
    if (!item.handlerDone) this.callCallbackHandler(waiter, input); // crashed before the handler returned
    return waiter.promise;
  }

  private registerWaiter(run: Run, task: TaskInfo, occurrence: number, token: string, slot: TimerSlot): Waiter {
    const { promise, resolve, reject } = deferred<Json>();
    promise.catch(() => undefined);
    const waiter: Waiter = { token, run, task, occurrence, slot, promise, resolve, reject, settled: false };
    this.waiters.set(token, waiter);
    run.waiters.add(waiter);
    return waiter;
  }

  private armWaiterTimers(waiter: Waiter, item: TokenItem): void {
    if (waiter.settled) return;
    if (item.deadline !== undefined) {
      waiter.timeoutTimer = this.addTimer(waiter.run, item.deadline, () => this.expireToken(waiter, 'TIMED_OUT'));
    }
    if (item.heartbeatSeconds) {
      waiter.heartbeatSeconds = item.heartbeatSeconds;
      waiter.heartbeatTimer = this.addTimer(waiter.run, item.heartbeatAt + item.heartbeatSeconds * 1000, () =>
        this.expireToken(waiter, 'HEARTBEAT_TIMED_OUT'),
      );
    }
  }

  private dropWaiter(waiter: Waiter): void {
    waiter.settled = true;
    if (this.waiters.get(waiter.token) === waiter) this.waiters.delete(waiter.token);
    waiter.run.waiters.delete(waiter);
    if (waiter.timeoutTimer) this.cancelTimer(waiter.run, waiter.timeoutTimer);
    if (waiter.heartbeatTimer) this.cancelTimer(waiter.run, waiter.heartbeatTimer);
  }

  private callCallbackHandler(waiter: Waiter, input: Json): void {
    const { run, task, occurrence, token } = waiter;
    const payload = injectToken(input, token);
    void (async () => {
      try {
        await this.invokeResource(run, task, occurrence, payload, token);
        if (!run.closed) await this.journal.markHandlerDone(token);
      } catch (err) {
        if (run.closed || waiter.settled) return;
        const failure = this.describeFailure(task, err);
        const resolution: TokenResolution = { status: 'FAILED', ...failure };
        const item = await this.journal.resolveToken(token, resolution, this.nowMs());
        if (!item) return;
        await this.recordCallbackOutcome(item, resolution);
        this.applyResolution(waiter, resolution);
      }
    })().catch((err) => this.warn(run, `callback task ${task.name} could not be recorded`, err));
  }

  /** A timeout or heartbeat timeout of a callback task, due on the runtime clock. */
  private expireToken(waiter: Waiter, status: 'TIMED_OUT' | 'HEARTBEAT_TIMED_OUT'): void {
    void this.trackIo(async () => {
      if (waiter.settled || waiter.run.closed) return;
      const now = this.nowMs();
      const resolution: TokenResolution =
        status === 'TIMED_OUT'
          ? { status, error: 'States.Timeout', cause: TIMEOUT_CAUSE }
          : { status, error: 'States.HeartbeatTimeout', cause: HEARTBEAT_CAUSE };
      const heartbeatBefore = status === 'HEARTBEAT_TIMED_OUT' && waiter.heartbeatSeconds ? now - waiter.heartbeatSeconds * 1000 : undefined;
      const item = await this.journal.resolveToken(waiter.token, resolution, now, heartbeatBefore);
      if (!item) {
        // Resolved meanwhile, or a heartbeat arrived: re-arm from the stored heartbeat time.
        const current = await this.journal.getToken(waiter.token);
        if (status === 'HEARTBEAT_TIMED_OUT' && current?.status === 'PENDING' && waiter.heartbeatSeconds && !waiter.settled) {
          if (waiter.heartbeatTimer) this.cancelTimer(waiter.run, waiter.heartbeatTimer);
          waiter.heartbeatTimer = this.addTimer(waiter.run, current.heartbeatAt + waiter.heartbeatSeconds * 1000, () =>
            this.expireToken(waiter, 'HEARTBEAT_TIMED_OUT'),
          );
        }
        return;
      }
      await this.recordCallbackOutcome(item, resolution);
      this.applyResolution(waiter, resolution);
    }).catch((err) => this.warn(waiter.run, 'could not record a callback timeout', err));
  }

  private async resolveExternally(token: string, resolution: TokenResolution): Promise<void> {
    const item = await this.journal.resolveToken(token, resolution, this.nowMs());
    if (!item) await this.throwForUnresolvableToken(token);
    else await this.recordCallbackOutcome(item, resolution);
    const waiter = this.waiters.get(token);
    if (waiter) this.applyResolution(waiter, resolution);
  }

  private async throwForUnresolvableToken(token: string): Promise<never> {
    const existing = await this.journal.getToken(token);
    if (!existing) throw new WorkflowRuntimeError('InvalidToken', 'Invalid Token: no such task token');
    throw new WorkflowRuntimeError('TaskTimedOut', 'Task Timed Out: the task of this token is already completed, timed out or closed');
  }

  /** Writes a callback occurrence's final outcome into the journal (if it is still pending there). */
  private async recordCallbackOutcome(item: TokenItem, resolution: TokenResolution): Promise<void> {
    if (resolution.status === 'CLOSED') return;
    const outcome: TaskOutcome =
      resolution.status === 'SUCCEEDED'
        ? { kind: 'succeeded', output: resolution.output ?? null }
        : { kind: 'failed', error: resolution.error ?? '', ...(resolution.cause !== undefined ? { cause: resolution.cause } : {}) };
    await this.journal.putTaskOutcome(item.executionKey, item.stateName, item.occurrence, outcome, this.nowIso(), {
      kind: 'pending',
      token: item.token,
    });
  }

  private applyResolution(waiter: Waiter, resolution: TokenResolution): void {
    if (waiter.settled) return;
    this.dropWaiter(waiter);
    switch (resolution.status) {
      case 'SUCCEEDED':
        waiter.resolve(toJson(resolution.output));
        break;
      case 'TIMED_OUT':
        if (waiter.slot.fire) waiter.slot.fire();
        else waiter.reject(taskError('States.Timeout', resolution.cause));
        break;
      case 'CLOSED':
        break;
      default:
        waiter.reject(taskError(resolution.error ?? '', resolution.cause));
    }
  }

  /** Error/Cause as AWS reports them: a Lambda's Cause is the JSON of { errorType, errorMessage, trace }. */
  private describeFailure(task: TaskInfo, err: unknown): { error: string; cause?: string } {
    const name = errorName(err);
    const message = errorMessage(err);
    if (err instanceof ServiceError) return { error: name, cause: message };
    if (task.baseResource === LAMBDA_INVOKE || isLambdaFunctionArn(task.baseResource)) {
      const stack = err instanceof Error && err.stack ? err.stack.split('\n').map((l) => l.trim()) : [];
      return { error: name, cause: JSON.stringify({ errorType: name, errorMessage: message, trace: stack }) };
    }
    return { error: name, cause: message };
  }

  // ---- resources ------------------------------------------------------------------------------

  private assertSupported(machineKey: string, task: TaskInfo): void {
    const base = task.baseResource;
    if (base === LAMBDA_INVOKE || base === START_EXECUTION || base === PUT_EVENTS || isLambdaFunctionArn(base)) return;
    if (this.resources[base] || this.resources[task.resource]) return;
    throw new Error(
      `State machine '${machineKey}', state '${task.name}': resource '${task.resource}' is not supported locally ` +
        `(supported: lambda:invoke[.waitForTaskToken], states:startExecution, events:putEvents, Lambda ARNs, or options.resources)`,
    );
  }

  private findFunction(name: string): LocalFunction | undefined {
    return this.functions[name] ?? this.functionsByShortName.get(lambdaShortName(name)) ?? undefined;
  }

  private async callFunction(fn: LocalFunction, payload: unknown): Promise<unknown> {
    this.pendingHandlers += 1;
    try {
      return await fn(payload);
    } finally {
      this.pendingHandlers -= 1;
      this.notifyIdle();
    }
  }

  /** Performs the Task's service call. For callback tasks the result is ignored. */
  private async invokeResource(run: Run, task: TaskInfo, occurrence: number, parameters: Json, token: string | undefined): Promise<Json> {
    const base = task.baseResource;
    if (base === LAMBDA_INVOKE) {
      const params = isRecord(parameters) ? parameters : {};
      const functionName = String(params.FunctionName ?? '');
      const fn = this.findFunction(functionName);
      if (!fn) throw new ServiceError('Lambda.ResourceNotFoundException', `Function not found: ${functionName} (no local handler)`);
      const result = toJson(await this.callFunction(fn, toJson(params.Payload ?? null)));
      return task.callback ? null : LocalWorkflowRuntime.lambdaInvokeResult(result);
    }
    if (isLambdaFunctionArn(base)) {
      const fn = this.findFunction(base);
      if (!fn) throw new ServiceError('Lambda.ResourceNotFoundException', `Function not found: ${base} (no local handler)`);
      return toJson(await this.callFunction(fn, toJson(parameters)));
    }
    if (base === START_EXECUTION) return this.startChildExecution(run, task, occurrence, parameters);
    if (base === PUT_EVENTS) return this.putEvents(run, task, parameters);
    const handler = this.resources[base] ?? this.resources[task.resource];
    if (!handler) throw new ServiceError('States.Runtime', `Unsupported resource ${task.resource}`);
    const context: { executionArn: string; stateName: string; taskToken?: string } = { executionArn: run.executionArn, stateName: task.name };
    if (token) context.taskToken = token;
    return toJson(await this.callFunction(() => handler(toJson(parameters), context), undefined));
  }

  /** The shape of the optimized `arn:aws:states:::lambda:invoke` integration's result. */
  private static lambdaInvokeResult(payload: Json): Json {
    const requestId = randomUUID();
    return {
      ExecutedVersion: '$LATEST',
      Payload: payload,
      SdkHttpMetadata: {
        AllHttpHeaders: {
          'X-Amz-Executed-Version': ['$LATEST'],
          'x-amzn-RequestId': [requestId],
          'Content-Type': ['application/json'],
        },
        HttpHeaders: {
          'X-Amz-Executed-Version': '$LATEST',
          'x-amzn-RequestId': requestId,
          'Content-Type': 'application/json',
        },
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: requestId },
      StatusCode: 200,
    };
  }

  private async startChildExecution(run: Run, task: TaskInfo, occurrence: number, parameters: Json): Promise<Json> {
    const params = isRecord(parameters) ? parameters : {};
    const stateMachineArn = String(params.StateMachineArn ?? '');
    const input = typeof params.Input === 'string' ? params.Input : JSON.stringify(params.Input ?? {});
    // Without a Name, derive one from this occurrence so a replay after a crash does not start a second child.
    const name = typeof params.Name === 'string' ? params.Name : LocalWorkflowRuntime.derivedName(`${run.key}|${task.name}|${occurrence}`);
    try {
      const out = await this.startExecution({ stateMachineArn, name, input });
      return { ExecutionArn: out.executionArn, StartDate: out.startDate.getTime() };
    } catch (err) {
      const errName = errorName(err);
      if (errName === 'ExecutionAlreadyExists') {
        const machine = this.machineFor(stateMachineArn);
        const existing = await this.journal.getExecution(`${machine.name}:${name}`);
        if (existing && existing.input === input) return { ExecutionArn: existing.executionArn, StartDate: Date.parse(existing.startDate) };
      }
      throw new ServiceError(`StepFunctions.${errName}Exception`, errorMessage(err));
    }
  }

  private static derivedName(seed: string): string {
    const h = createHash('sha256').update(seed).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  private async putEvents(run: Run, task: TaskInfo, parameters: Json): Promise<Json> {
    const params = isRecord(parameters) ? parameters : {};
    const entries = Array.isArray(params.Entries) ? params.Entries : [];
    const results: Json[] = [];
    for (const raw of entries) {
      const entry = isRecord(raw) ? raw : {};
      const eventId = randomUUID();
      const time = this.nowIso();
      let detail: unknown = entry.Detail;
      if (typeof detail === 'string') {
        try {
          detail = JSON.parse(detail);
        } catch {
          // keep the string
        }
      }
      const event: PublishedEvent = { eventId, time, executionArn: run.executionArn, stateName: task.name, detail, entry };
      if (typeof entry.Source === 'string') event.source = entry.Source;
      if (typeof entry.DetailType === 'string') event.detailType = entry.DetailType;
      if (typeof entry.EventBusName === 'string') event.eventBusName = entry.EventBusName;
      await this.journal.putEvent({
        ...journalKeys.event(eventId),
        entity: 'WorkflowEvent',
        gsi1pk: 'WFEVENTS',
        gsi1sk: `${time}#${eventId}`,
        eventId,
        time,
        executionArn: run.executionArn,
        stateName: task.name,
        entry: JSON.stringify(event),
      });
      this.events.push(event);
      if (this.events.length > 1000) this.events.shift();
      try {
        this.onEvent?.(event);
      } catch (err) {
        this.warn(run, 'onEvent threw', err);
      }
      results.push({ EventId: eventId });
    }
    return { Entries: results, FailedEntryCount: 0 };
  }

  // ---- Wait states and retries ----------------------------------------------------------------

  /** From the waitTimeOverrides getter, right before the interpreter's sleep(setTimeout). */
  private onWait(run: Run, stateName: string): void {
    const info = run.machine.index.waits.get(stateName);
    if (!info || run.closed) return;
    const occurrence = run.next(run.waitOccurrences, stateName);
    const sk = journalKeys.wait(run.key, stateName, occurrence).sk;
    const recorded = run.journal.get(sk) as WaitItem | undefined;
    if (recorded) run.journal.delete(sk);
    const realNow = Date.now();
    armNextTimer((fire, ms) => {
      // Timestamp waits: the interpreter computed ms = target - Date.now(), with Date.now() pinned to realNow.
      const due = recorded ? recorded.due : info.absolute ? realNow + ms : this.nowMs() + ms;
      this.addTimer(run, due, fire);
      if (!recorded && !run.closed) {
        void this.journal.putWait(run.key, stateName, occurrence, due).catch((err) => this.warn(run, 'could not record a Wait', err));
      }
    }, realNow);
  }

  /** From the retryIntervalOverrides getter, right before the interpreter's retry sleep. */
  private onRetry(run: Run, stateName: string): void {
    if (run.closed) return;
    armNextTimer((fire, ms) => {
      const next = (run.taskOccurrences.get(stateName) ?? 0) + 1;
      const replaying = run.journal.has(journalKeys.task(run.key, stateName, next).sk);
      this.addTimer(run, replaying ? this.nowMs() : this.nowMs() + ms, fire);
    });
  }

  // ---- helpers --------------------------------------------------------------------------------

  private addTimer(run: Run, due: number, fire: () => void): ClockTimer {
    const timer = this.scheduler.add(due, () => {
      run.timers.delete(timer);
      if (!run.closed) fire();
    });
    run.timers.add(timer);
    return timer;
  }

  private cancelTimer(run: Run, timer: ClockTimer): void {
    this.scheduler.cancel(timer);
    run.timers.delete(timer);
  }

  private async trackIo<T>(work: () => Promise<T>): Promise<T> {
    this.pendingIo += 1;
    try {
      return await work();
    } finally {
      this.pendingIo -= 1;
      this.notifyIdle();
    }
  }

  private notifyIdle(): void {
    if (this.pendingIo + this.pendingHandlers > 0) return;
    const listeners = this.idleListeners;
    this.idleListeners = [];
    for (const l of listeners) l();
  }

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }

  private warn(run: Run | undefined, message: string, err: unknown): void {
    if (this.closed || run?.closed) return; // after shutdown/stop, late failures are expected
    this.logger.warn(message, err);
  }

  private assertOpen(): void {
    if (this.closed) throw new WorkflowRuntimeError('RuntimeShutDown', 'This LocalWorkflowRuntime has been shut down');
  }

  private requireToken(token: string | undefined): string {
    if (!token) throw new WorkflowRuntimeError('InvalidToken', 'Invalid Token: empty');
    return token;
  }

  private machineFor(stateMachineArn: string | undefined): Machine {
    const machine =
      (stateMachineArn && (this.machinesByArn.get(stateMachineArn) ?? this.machinesByKey.get(stateMachineArn))) || undefined;
    if (!machine) throw new WorkflowRuntimeError('StateMachineDoesNotExist', `State machine does not exist: '${stateMachineArn ?? ''}'`);
    return machine;
  }

  private executionKeyFor(executionArn: string | undefined): { key: string } {
    const parsed = executionArn ? parseExecutionArn(executionArn) : undefined;
    if (!parsed) throw new WorkflowRuntimeError('InvalidArn', `Invalid execution ARN: '${executionArn ?? ''}'`);
    return { key: `${parsed.machineName}:${parsed.name}` };
  }
}

/**
 * aws-local-stepfunctions resolves TimeoutSecondsPath against the Parameters-evaluated input; AWS
 * resolves it against the state input. Lambda Parameters cannot carry extra top-level fields in AWS,
 * so definitions pass the value inside Payload under the same path (e.g. Payload.wait.timeoutSeconds
 * for $.wait.timeoutSeconds); this copies it to where the interpreter looks, before it looks
 * (the interpreter calls the task handler first, then reads the timeout from the same object).
 */
function graftTimeoutPath(task: TaskInfo, input: Json): void {
  const path = task.definition.TimeoutSecondsPath;
  if (typeof path !== 'string' || !/^\$(\.[A-Za-z0-9_]+)+$/.test(path) || !isRecord(input)) return;
  const segments = path.slice(2).split('.');
  const read = (root: unknown): unknown => segments.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
  if (read(input) !== undefined) return;
  const value = read(input.Payload);
  if (value === undefined) return;
  let node: Record<string, unknown> = input as Record<string, unknown>;
  for (const key of segments.slice(0, -1)) {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[segments.at(-1)!] = value;
}
