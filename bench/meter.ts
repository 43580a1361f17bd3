// Meters for the benchmarks: DynamoDB commands and capacity (a middleware on the SDK client the
// LocalSystem uses), SES e-mails (a middleware on the mailer's SES client) and Lambda invocations
// (every handler runs Powertools' injectLambdaContext, which calls logger.addContext once per call).
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { logger } from '../functions/adapters/logger';
import { GLOBAL_SECONDARY_INDEXES } from '../functions/adapters/table-design';

type AnyRecord = Record<string, unknown>;
type Stack = { add(mw: unknown, options: Record<string, unknown>): void; remove(name: string): boolean };

/**
 * Items the LOCAL STAND-INS keep in the table: the workflow runtime's journal (Step Functions keeps
 * this state itself in AWS) and the local EventBridge Scheduler. They are counted apart and are not
 * priced as DynamoDB.
 */
const STAND_IN_PARTITIONS = /^(EXEC#|WFEXEC#|WFTOKEN#|WFEVENT#|WFEVENTS$|LOCALSCHEDULE#|LOCAL_SCHEDULES_DUE$)/;

const METERED = new Set(['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'Scan', 'BatchGetItem', 'BatchWriteItem']);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);

export interface DynamoBucket {
  /** command name → calls (failed calls included) */
  commands: Record<string, number>;
  /** command name → items read or written */
  items: Record<string, number>;
  /** read request units (dynalite's ConsumedCapacity: 4 KB steps, eventually consistent = ½) */
  rru: number;
  /** write request units on the table (1 KB steps, max of old and new item) */
  wru: number;
  /** estimated write request units on the two GSIs (projection ALL; see DynamoMeter) */
  gsiWru: number;
  /** failed conditional writes (AWS bills them too: counted in wru at 1 KB) */
  conditionalFailures: number;
}

export function emptyBucket(): DynamoBucket {
  return { commands: {}, items: {}, rru: 0, wru: 0, gsiWru: 0, conditionalFailures: 0 };
}

export function addBuckets(a: DynamoBucket, b: DynamoBucket, sign = 1): DynamoBucket {
  const out = emptyBucket();
  for (const source of [a, b]) {
    const k = source === a ? 1 : sign;
    for (const [name, n] of Object.entries(source.commands)) out.commands[name] = (out.commands[name] ?? 0) + k * n;
    for (const [name, n] of Object.entries(source.items)) out.items[name] = (out.items[name] ?? 0) + k * n;
    out.rru += k * source.rru;
    out.wru += k * source.wru;
    out.gsiWru += k * source.gsiWru;
    out.conditionalFailures += k * source.conditionalFailures;
  }
  return out;
}

export const total = (record: Record<string, number>): number => Object.values(record).reduce((s, n) => s + n, 0);

function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'S' in (value as AnyRecord)) return (value as { S: unknown }).S;
  return value;
}

/** The partition key value a command addresses (Key, Item or the key condition's first equality). */
export function partitionOf(input: AnyRecord): string {
  const key = (input.Key ?? input.Item) as AnyRecord | undefined;
  if (key && 'pk' in key) return String(plain(key.pk));
  const condition = typeof input.KeyConditionExpression === 'string' ? input.KeyConditionExpression : '';
  const m = /^\s*\(?\s*(#?[\w]+)\s*=\s*(:[\w]+)/.exec(condition);
  if (m) {
    const values = (input.ExpressionAttributeValues ?? {}) as AnyRecord;
    return String(plain(values[m[2]!]));
  }
  return '';
}

function keyOf(input: AnyRecord): { pk: string; sk: string } | undefined {
  const source = (input.Key ?? input.Item) as AnyRecord | undefined;
  if (!source || !('pk' in source) || !('sk' in source)) return undefined;
  return { pk: String(plain(source.pk)), sk: String(plain(source.sk)) };
}

function capacityOf(output: AnyRecord | undefined): number {
  const c = output?.ConsumedCapacity as { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;
  if (!c) return 0;
  return Array.isArray(c) ? c.reduce((s, x) => s + (x.CapacityUnits ?? 0), 0) : (c.CapacityUnits ?? 0);
}

function itemsOf(name: string, input: AnyRecord, output: AnyRecord | undefined): number {
  switch (name) {
    case 'GetItem':
      return output?.Item ? 1 : 0;
    case 'Query':
    case 'Scan':
      return Number(output?.Count ?? 0);
    case 'BatchWriteItem':
      return Object.values((input.RequestItems ?? {}) as Record<string, unknown[]>).reduce((s, l) => s + l.length, 0);
    case 'BatchGetItem':
      return Object.values((output?.Responses ?? {}) as Record<string, unknown[]>).reduce((s, l) => s + l.length, 0);
    default:
      return 1;
  }
}

function approxItemBytes(item: AnyRecord | undefined): number {
  return item ? Buffer.byteLength(JSON.stringify(item)) : 0;
}

export interface DynamoMeterOptions {
  /**
   * Estimate GSI write units: read the item before and after every successful write with a second,
   * unmetered client (slow; used for the cost benchmark only).
   */
  shadow?: { endpoint: string; tableName: string };
}

/**
 * Counts every DynamoDB command sent through a client (a DocumentClient shares its base client's
 * middleware stack, so one attach covers both). Adds ReturnConsumedCapacity=TOTAL so dynalite
 * reports the capacity units it computes from item sizes.
 *
 * GSI estimate (AWS bills index writes too, dynalite does not report them): per index, 0 units when
 * the item is in the index neither before nor after the write; 2 × the table units when the index
 * key changed (delete + put in the index); otherwise 1 × the table units (projection ALL: every
 * change of an indexed item rewrites its index entry).
 */
export class DynamoMeter {
  app = emptyBucket();
  standIn = emptyBucket();
  scans = 0;
  private readonly name = `bench-meter-${Math.random().toString(36).slice(2)}`;
  private shadow: DynamoDBClient | undefined;
  private shadowTable = '';
  private stack: Stack | undefined;
  enabled = true;

  attach(client: { middlewareStack: unknown }, options: DynamoMeterOptions = {}): this {
    if (options.shadow) {
      this.shadow = new DynamoDBClient({ endpoint: options.shadow.endpoint, region: 'eu-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      this.shadowTable = options.shadow.tableName;
    }
    this.stack = client.middlewareStack as Stack;
    this.stack.add(
      (next: (args: { input: AnyRecord }) => Promise<{ output: AnyRecord }>, context: { commandName?: string }) =>
        async (args: { input: AnyRecord }) => {
          const name = (context.commandName ?? '').replace(/Command$/, '');
          if (!this.enabled || !METERED.has(name)) return next(args);
          const input = args.input;
          input.ReturnConsumedCapacity = 'TOTAL';
          const bucket = STAND_IN_PARTITIONS.test(partitionOf(input)) ? this.standIn : this.app;
          if (name === 'Scan') this.scans += 1;
          bucket.commands[name] = (bucket.commands[name] ?? 0) + 1;
          const shadowKey = this.shadow && bucket === this.app && WRITES.has(name) ? keyOf(input) : undefined;
          const before = shadowKey ? await this.read(shadowKey) : undefined;
          try {
            const result = await next(args);
            const units = capacityOf(result.output);
            if (WRITES.has(name) || name === 'BatchWriteItem') bucket.wru += units;
            else bucket.rru += units;
            bucket.items[name] = (bucket.items[name] ?? 0) + itemsOf(name, input, result.output);
            if (shadowKey) bucket.gsiWru += this.indexUnits(before, await this.read(shadowKey), units);
            return result;
          } catch (error) {
            if ((error as { name?: string }).name === 'ConditionalCheckFailedException') {
              bucket.conditionalFailures += 1;
              bucket.wru += Math.max(1, Math.ceil(approxItemBytes(before) / 1024));
            }
            throw error;
          }
        },
      { step: 'initialize', name: this.name, priority: 'high' },
    );
    return this;
  }

  detach(): void {
    this.stack?.remove(this.name);
    this.shadow?.destroy();
  }

  reset(): void {
    this.app = emptyBucket();
    this.standIn = emptyBucket();
    this.scans = 0;
  }

  snapshot(): { app: DynamoBucket; standIn: DynamoBucket; scans: number } {
    return { app: structuredClone(this.app), standIn: structuredClone(this.standIn), scans: this.scans };
  }

  private async read(key: { pk: string; sk: string }): Promise<AnyRecord | undefined> {
    const out = await this.shadow!.send(new GetItemCommand({ TableName: this.shadowTable, Key: { pk: { S: key.pk }, sk: { S: key.sk } }, ConsistentRead: true }));
    return out.Item ? (unmarshall(out.Item) as AnyRecord) : undefined;
  }

  private indexUnits(before: AnyRecord | undefined, after: AnyRecord | undefined, tableUnits: number): number {
    let units = 0;
    for (const g of GLOBAL_SECONDARY_INDEXES) {
      const inBefore = before?.[g.partitionKey] !== undefined && before?.[g.sortKey] !== undefined;
      const inAfter = after?.[g.partitionKey] !== undefined && after?.[g.sortKey] !== undefined;
      if (!inBefore && !inAfter) continue;
      const moved = inBefore && inAfter && (before![g.partitionKey] !== after![g.partitionKey] || before![g.sortKey] !== after![g.sortKey]);
      units += (moved ? 2 : 1) * Math.max(1, tableUnits);
    }
    return units;
  }
}

/** Counts SES SendEmail calls and their recipients (SES bills per recipient). */
export class MailMeter {
  messages = 0;
  recipients = 0;
  failures = 0;
  enabled = true;
  attach(ses: { middlewareStack: unknown }): this {
    (ses.middlewareStack as Stack).add(
      (next: (args: { input: AnyRecord }) => Promise<unknown>, context: { commandName?: string }) => async (args: { input: AnyRecord }) => {
        if (!this.enabled || context.commandName !== 'SendEmailCommand') return next(args);
        try {
          const result = await next(args);
          const d = (args.input.Destination ?? {}) as { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
          this.messages += 1;
          this.recipients += (d.ToAddresses?.length ?? 0) + (d.CcAddresses?.length ?? 0) + (d.BccAddresses?.length ?? 0);
          return result;
        } catch (error) {
          this.failures += 1;
          throw error;
        }
      },
      { step: 'initialize', name: 'bench-mail-meter', priority: 'high' },
    );
    return this;
  }
}

/** Lambda invocations by function name (route id, lifecycle-step, await-step, send-due-reminders). */
export class InvocationMeter {
  readonly counts: Record<string, number> = {};
  private readonly original = logger.addContext.bind(logger);
  install(): this {
    logger.addContext = (context) => {
      this.counts[context.functionName] = (this.counts[context.functionName] ?? 0) + 1;
      this.original(context);
    };
    return this;
  }
  uninstall(): void {
    logger.addContext = this.original;
  }
  reset(): void {
    for (const k of Object.keys(this.counts)) delete this.counts[k];
  }
}
