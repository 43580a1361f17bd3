import { DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WaitingTask, WaitingTaskStore } from '../ports/waiting-tasks';
import { unlessConditionFails } from './conditional-write';
import type { HumanStep } from '../ports/workflow';

const pk = (applicationId: string) => `APP#${applicationId}`;
const sk = (step: HumanStep) => `TASK#${step}`;

function toTask(item: Record<string, unknown>): WaitingTask {
  const { applicationId, step, taskToken, executionName, registeredAt } = item as unknown as WaitingTask;
  return { applicationId, step, taskToken, executionName, registeredAt };
}

/** Task tokens live next to the application they belong to (pk APP#<id>, sk TASK#<step>). */
export class DynamoWaitingTaskStore implements WaitingTaskStore {
  constructor(private readonly options: { client: DynamoDBDocumentClient; tableName: string }) {}

  async putWaitingTask(task: WaitingTask): Promise<void> {
    await this.options.client.send(new PutCommand({ TableName: this.options.tableName, Item: { pk: pk(task.applicationId), sk: sk(task.step), ...task } }));
  }

  async getWaitingTask(applicationId: string, step: HumanStep): Promise<WaitingTask | undefined> {
    const out = await this.options.client.send(new GetCommand({ TableName: this.options.tableName, Key: { pk: pk(applicationId), sk: sk(step) }, ConsistentRead: true }));
    return out.Item ? toTask(out.Item) : undefined;
  }

  async listWaitingTasks(applicationId: string): Promise<WaitingTask[]> {
    const out = await this.options.client.send(new QueryCommand({
      TableName: this.options.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk(applicationId), ':prefix': 'TASK#' },
      ConsistentRead: true,
    }));
    return (out.Items ?? []).map(toTask);
  }

  async deleteWaitingTask(applicationId: string, step: HumanStep, taskToken: string): Promise<boolean> {
    const remove = new DeleteCommand({
      TableName: this.options.tableName,
      Key: { pk: pk(applicationId), sk: sk(step) },
      ConditionExpression: 'taskToken = :token',
      ExpressionAttributeValues: { ':token': taskToken },
    });
    return (await unlessConditionFails(() => this.options.client.send(remove))) !== undefined;
  }
}
