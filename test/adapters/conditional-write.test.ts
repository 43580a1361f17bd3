import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { isConditionFailure, unlessConditionFails } from '../../functions/adapters/conditional-write';

const failed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

describe('conditional writes', () => {
  it('recognises the condition failure and nothing else', () => {
    expect(isConditionFailure(failed())).toBe(true);
    expect(isConditionFailure(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' }))).toBe(true);
    for (const other of [new Error('ConditionalCheckFailedException'), { name: 'ValidationException' }, null, undefined, 'ConditionalCheckFailedException']) {
      expect(isConditionFailure(other)).toBe(false);
    }
  });

  it('gives the output, undefined on a failed condition, and rethrows every other error', async () => {
    expect(await unlessConditionFails(async () => ({ ok: 1 }))).toEqual({ ok: 1 });
    expect(await unlessConditionFails(async () => Promise.reject(failed()))).toBeUndefined();
    await expect(unlessConditionFails(async () => Promise.reject(new Error('throttled')))).rejects.toThrow('throttled');
  });
});
