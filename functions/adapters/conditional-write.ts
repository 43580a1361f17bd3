// DynamoDB refuses a write whose ConditionExpression does not hold with
// ConditionalCheckFailedException. For the adapters here that is an answer ("already there",
// "changed meanwhile", "not ours any more"), not a failure: one check and one wrapper for all.

export function isConditionFailure(err: unknown): boolean {
  return (err as { name?: unknown } | null | undefined)?.name === 'ConditionalCheckFailedException';
}

/** Runs one conditional write: its output, or undefined when the condition did not hold. */
export async function unlessConditionFails<T>(write: () => Promise<T>): Promise<T | undefined> {
  try {
    return await write();
  } catch (err) {
    if (isConditionFailure(err)) return undefined;
    throw err;
  }
}
