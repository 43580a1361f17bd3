// Persistence of the local workflow runtime in the project's single table (pk/sk, gsi1).
//
// | Item                          | pk                         | sk                          | gsi1pk / gsi1sk                          |
// |-------------------------------|----------------------------|-----------------------------|------------------------------------------|
// | execution record              | EXEC#<machine>:<execName>  | EXEC                        | WFEXEC#<status> / <startDate>#<execArn>  |
// | task occurrence outcome       | EXEC#<machine>:<execName>  | TASK#<state>#<occurrence:6> | –                                        |
// | Wait occurrence (due time)    | EXEC#<machine>:<execName>  | WAIT#<state>#<occurrence:6> | –                                        |
// | task token (callback task)    | WFTOKEN#<token>            | TOKEN                       | –                                        |
// | event sent with putEvents     | WFEVENT#<eventId>          | EVENT                       | WFEVENTS / <time>#<eventId>              |
//
// <machine> is the state machine's name (from its ARN), so equal execution names on different
// machines do not collide (AWS names are unique per state machine). JSON payloads are stored as
// JSON strings (`output`, `outcome`, `resolution`) so that no value is altered by marshalling.
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type NativeAttributeValue,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unlessConditionFails } from '../../functions/adapters/conditional-write';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
export const EXECUTION_STATUSES: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

export interface ExecutionItem {
  pk: string;
  sk: 'EXEC';
  entity: 'WorkflowExecution';
  gsi1pk: string;
  gsi1sk: string;
  executionArn: string;
  stateMachineArn: string;
  machineKey: string;
  name: string;
  /** JSON text as given to StartExecution. */
  input: string;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  startDate: string;
  stopDate?: string;
  stateTransitions: number;
  historyEvents: number;
}

export type TaskOutcome =
  | { kind: 'succeeded'; output: unknown }
  | { kind: 'failed'; error: string; cause?: string }
  | { kind: 'pending'; token: string };

export interface TaskItem {
  pk: string;
  sk: string;
  entity: 'WorkflowTask';
  stateName: string;
  occurrence: number;
  kind: TaskOutcome['kind'];
  token?: string;
  /** JSON of the TaskOutcome. */
  outcome: string;
  recordedAt: string;
}

export interface WaitItem {
  pk: string;
  sk: string;
  entity: 'WorkflowWait';
  stateName: string;
  occurrence: number;
  /** Epoch ms on the runtime clock. */
  due: number;
}

export type TokenStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'HEARTBEAT_TIMED_OUT' | 'CLOSED';

export interface TokenResolution {
  status: Exclude<TokenStatus, 'PENDING'>;
  output?: unknown;
  error?: string;
  cause?: string;
}

export interface TokenItem {
  pk: string;
  sk: 'TOKEN';
  entity: 'WorkflowTaskToken';
  token: string;
  executionKey: string;
  executionArn: string;
  stateName: string;
  occurrence: number;
  status: TokenStatus;
  createdAt: number;
  /** Epoch ms (runtime clock) when the task times out, if it has TimeoutSeconds(Path). */
  deadline?: number;
  heartbeatSeconds?: number;
  /** Epoch ms of the task start or the last heartbeat. */
  heartbeatAt: number;
  /** The callback task's handler has returned (it is not called again on replay). */
  handlerDone?: boolean;
  /** JSON of the TokenResolution once resolved. */
  resolution?: string;
}

export interface EventItem {
  pk: string;
  sk: 'EVENT';
  entity: 'WorkflowEvent';
  gsi1pk: 'WFEVENTS';
  gsi1sk: string;
  eventId: string;
  time: string;
  executionArn: string;
  stateName: string;
  /** JSON of the PutEvents entry. */
  entry: string;
}

export type JournalItem = TaskItem | WaitItem | ExecutionItem;

const pad = (n: number): string => String(n).padStart(6, '0');

export const journalKeys = {
  execution: (executionKey: string) => ({ pk: `EXEC#${executionKey}`, sk: 'EXEC' as const }),
  executionStatus: (status: ExecutionStatus) => `WFEXEC#${status}`,
  task: (executionKey: string, stateName: string, occurrence: number) => ({
    pk: `EXEC#${executionKey}`,
    sk: `TASK#${stateName}#${pad(occurrence)}`,
  }),
  wait: (executionKey: string, stateName: string, occurrence: number) => ({
    pk: `EXEC#${executionKey}`,
    sk: `WAIT#${stateName}#${pad(occurrence)}`,
  }),
  token: (token: string) => ({ pk: `WFTOKEN#${token}`, sk: 'TOKEN' as const }),
  event: (eventId: string) => ({ pk: `WFEVENT#${eventId}`, sk: 'EVENT' as const }),
};

type Tracker = <T>(work: () => Promise<T>) => Promise<T>;

export class WorkflowJournal {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly track: Tracker,
  ) {}

  /** One conditional write, tracked: its output, or undefined when the condition did not hold. */
  private writeIf<T>(write: () => Promise<T>): Promise<T | undefined> {
    return unlessConditionFails(() => this.track(write));
  }

  // ---- executions -------------------------------------------------------------------------

  /** false if an execution with that key exists already. */
  async createExecution(item: ExecutionItem): Promise<boolean> {
    return (await this.writeIf(() =>
        this.client.send(
          new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        ),
      )) !== undefined;
  }

  async getExecution(executionKey: string): Promise<ExecutionItem | undefined> {
    const out = await this.track(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: journalKeys.execution(executionKey), ConsistentRead: true })),
    );
    return out.Item as ExecutionItem | undefined;
  }

  /** Closes a RUNNING execution. false if it was not RUNNING any more. */
  async closeExecution(
    executionKey: string,
    fields: { status: Exclude<ExecutionStatus, 'RUNNING'>; stopDate: string; output?: string; error?: string; cause?: string; stateTransitions?: number; historyEvents?: number },
    startDate: string,
    executionArn: string,
  ): Promise<boolean> {
    const set: Record<string, NativeAttributeValue> = {
      status: fields.status,
      stopDate: fields.stopDate,
      gsi1pk: journalKeys.executionStatus(fields.status),
      gsi1sk: `${startDate}#${executionArn}`,
    };
    if (fields.output !== undefined) set.output = fields.output;
    if (fields.error) set.error = fields.error;
    if (fields.cause) set.cause = fields.cause;
    if (fields.stateTransitions !== undefined) set.stateTransitions = fields.stateTransitions;
    if (fields.historyEvents !== undefined) set.historyEvents = fields.historyEvents;
    const names: Record<string, string> = { '#status_cond': 'status' };
    const values: Record<string, NativeAttributeValue> = { ':running': 'RUNNING' };
    const parts: string[] = [];
    Object.entries(set).forEach(([k, v], i) => {
      names[`#f${i}`] = k;
      values[`:v${i}`] = v;
      parts.push(`#f${i} = :v${i}`);
    });
    return (await this.writeIf(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: journalKeys.execution(executionKey),
            UpdateExpression: `SET ${parts.join(', ')}`,
            ConditionExpression: '#status_cond = :running',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          }),
        ),
      )) !== undefined;
  }

  /** Every item of one execution (record, task outcomes, waits). */
  async loadExecution(executionKey: string): Promise<JournalItem[]> {
    return this.queryAll<JournalItem>({
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': journalKeys.execution(executionKey).pk },
      ConsistentRead: true,
    });
  }

  async listExecutionsByStatus(status: ExecutionStatus): Promise<ExecutionItem[]> {
    return this.queryAll<ExecutionItem>({
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': journalKeys.executionStatus(status) },
    });
  }

  // ---- task occurrences and waits ---------------------------------------------------------

  /**
   * Records a task occurrence's outcome. `mode` 'absent': only if none is recorded yet;
   * 'pending': only if the recorded one is the pending callback with `token`; 'always': overwrite.
   * Returns false when the condition did not hold.
   */
  async putTaskOutcome(
    executionKey: string,
    stateName: string,
    occurrence: number,
    outcome: TaskOutcome,
    recordedAt: string,
    mode: { kind: 'absent' } | { kind: 'pending'; token: string } | { kind: 'always' },
  ): Promise<boolean> {
    const item: TaskItem = {
      ...journalKeys.task(executionKey, stateName, occurrence),
      entity: 'WorkflowTask',
      stateName,
      occurrence,
      kind: outcome.kind,
      ...(outcome.kind === 'pending' ? { token: outcome.token } : {}),
      outcome: JSON.stringify(outcome),
      recordedAt,
    };
    const condition =
      mode.kind === 'absent'
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : mode.kind === 'pending'
          ? {
              ConditionExpression: '#kind = :pending AND #token = :token',
              ExpressionAttributeNames: { '#kind': 'kind', '#token': 'token' },
              ExpressionAttributeValues: { ':pending': 'pending', ':token': mode.token },
            }
          : {};
    return (await this.writeIf(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ...condition })))) !== undefined;
  }

  async putWait(executionKey: string, stateName: string, occurrence: number, due: number): Promise<void> {
    const item: WaitItem = { ...journalKeys.wait(executionKey, stateName, occurrence), entity: 'WorkflowWait', stateName, occurrence, due };
    await this.track(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  // ---- task tokens ------------------------------------------------------------------------

  async putToken(item: TokenItem): Promise<void> {
    await this.track(() =>
      this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' })),
    );
  }

  async getToken(token: string): Promise<TokenItem | undefined> {
    const out = await this.track(() =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: journalKeys.token(token), ConsistentRead: true })),
    );
    return out.Item as TokenItem | undefined;
  }

  /**
   * PENDING → resolution.status, atomically. Returns the updated item, or undefined when the token
   * does not exist or is not PENDING (or, with `heartbeatBefore`, got a heartbeat since).
   */
  async resolveToken(token: string, resolution: TokenResolution, now: number, heartbeatBefore?: number): Promise<TokenItem | undefined> {
    const values: Record<string, NativeAttributeValue> = {
      ':pending': 'PENDING',
      ':status': resolution.status,
      ':resolution': JSON.stringify(resolution),
      ':now': now,
    };
    let condition = 'attribute_exists(pk) AND #status = :pending';
    if (heartbeatBefore !== undefined) {
      condition += ' AND heartbeatAt <= :hb';
      values[':hb'] = heartbeatBefore;
    }
    const out = await this.writeIf(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: journalKeys.token(token),
            UpdateExpression: 'SET #status = :status, resolution = :resolution, resolvedAt = :now',
            ConditionExpression: condition,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: values,
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
    return out?.Attributes as TokenItem | undefined;
  }

  /** Records a heartbeat on a PENDING token; undefined if it is missing or not PENDING. */
  async heartbeatToken(token: string, now: number): Promise<TokenItem | undefined> {
    const out = await this.writeIf(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: journalKeys.token(token),
            UpdateExpression: 'SET heartbeatAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':now': now, ':pending': 'PENDING' },
            ReturnValues: 'ALL_NEW',
          }),
        ),
      );
    return out?.Attributes as TokenItem | undefined;
  }

  async markHandlerDone(token: string): Promise<void> {
    await this.writeIf(() =>
        this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: journalKeys.token(token),
            UpdateExpression: 'SET handlerDone = :t',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':t': true },
          }),
        ),
      ); // undefined: the token is gone
  }

  // ---- events -----------------------------------------------------------------------------

  async putEvent(item: EventItem): Promise<void> {
    await this.track(() => this.client.send(new PutCommand({ TableName: this.tableName, Item: item })));
  }

  async listEvents(): Promise<EventItem[]> {
    return this.queryAll<EventItem>({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'WFEVENTS' } });
  }

  /** Every page of a Query. */
  private async queryAll<T>(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, NativeAttributeValue> | undefined;
    do {
      const out = await this.track(() => this.client.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey: start })));
      items.push(...((out.Items ?? []) as T[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

export function resolutionOf(item: TokenItem): TokenResolution | undefined {
  if (item.status === 'PENDING') return undefined;
  if (item.resolution) return JSON.parse(item.resolution) as TokenResolution;
  return { status: item.status };
}
