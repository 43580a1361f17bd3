// EventBridge Scheduler's one-time schedules, locally: `createSchedule` from the grant workflow is
// stored in the local table and fired on the system's clock by starting the target state machine.
import { DeleteCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure } from '../functions/adapters/conditional-write';
import type { Clock } from '../functions/ports/clock';

export interface CreateScheduleParameters {
  Name: string;
  GroupName?: string;
  ScheduleExpression: string;
  Target: { Arn: string; RoleArn?: string; Input?: string };
}

interface ScheduleItem {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
  name: string;
  group: string;
  at: string;
  targetArn: string;
  input: string;
}

const DUE_INDEX_KEY = 'LOCAL_SCHEDULES_DUE';

/** Scheduler's `at(yyyy-mm-ddThh:mm:ss)` in UTC, as the grant workflow writes it. */
export function parseAtExpression(expression: string): Date {
  const m = /^at\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\)$/.exec(expression);
  if (!m) throw Object.assign(new Error(`Unsupported schedule expression: ${expression}`), { name: 'Scheduler.ValidationException' });
  return new Date(`${m[1]}Z`);
}

export class LocalScheduler {
  constructor(
    private readonly options: {
      client: DynamoDBDocumentClient;
      tableName: string;
      clock: Clock;
      start: (input: { stateMachineArn: string; name: string; input: string }) => Promise<unknown>;
    },
  ) {}

  /** Like CreateSchedule: a second schedule of the same name fails with Scheduler.ConflictException. */
  async createSchedule(p: CreateScheduleParameters): Promise<{ ScheduleArn: string }> {
    const group = p.GroupName ?? 'default';
    const at = parseAtExpression(p.ScheduleExpression).toISOString();
    const item: ScheduleItem = {
      pk: `LOCALSCHEDULE#${group}#${p.Name}`, sk: 'SCHEDULE', gsi1pk: DUE_INDEX_KEY, gsi1sk: `${at}#${p.Name}`,
      name: p.Name, group, at, targetArn: p.Target.Arn, input: p.Target.Input ?? '{}',
    };
    try {
      await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (isConditionFailure(error)) {
        throw Object.assign(new Error(`Schedule ${p.Name} already exists`), { name: 'Scheduler.ConflictException' });
      }
      throw error;
    }
    return { ScheduleArn: `arn:aws:scheduler:eu-north-1:000000000000:schedule/${group}/${p.Name}` };
  }

  /** Starts every schedule that is due and deletes it (ActionAfterCompletion: DELETE). */
  async fireDue(): Promise<number> {
    const now = this.options.clock.now().toISOString();
    const out = await this.options.client.send(new QueryCommand({
      TableName: this.options.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk <= :now',
      ExpressionAttributeValues: { ':pk': DUE_INDEX_KEY, ':now': `${now}#~` },
    }));
    const due = (out.Items ?? []) as ScheduleItem[];
    for (const s of due) {
      await this.options.start({ stateMachineArn: s.targetArn, name: s.name, input: s.input });
      await this.options.client.send(new DeleteCommand({ TableName: this.options.tableName, Key: { pk: s.pk, sk: s.sk } }));
    }
    return due.length;
  }
}
