// A read-decide-write step that lost its conditional write to another write is run again (it reads
// afresh); a refusal of another kind is not.
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../functions/domain/errors';
import { withFreshRead } from '../../functions/use-cases/move-application';

describe('withFreshRead', () => {
  it('runs the step again after a stale write, and answers what the fresh run answers', async () => {
    let runs = 0;
    const result = await withFreshRead(async () => {
      runs++;
      if (runs < 3) throw new ConflictError('Søknaden ble endret samtidig.', 'stale');
      return 'done';
    });
    expect([result, runs]).toEqual(['done', 3]);
  });

  it('gives up after its attempts, with the conflict', async () => {
    let runs = 0;
    await expect(withFreshRead(async () => {
      runs++;
      throw new ConflictError('Søknaden ble endret samtidig.', 'stale');
    }, 2)).rejects.toMatchObject({ reason: 'stale' });
    expect(runs).toBe(2);
  });

  it('does not run again for another conflict (a refusal) or another error', async () => {
    for (const error of [new ConflictError('Saken er avsluttet.', 'case_closed'), new Error('boom')]) {
      let runs = 0;
      await expect(withFreshRead(async () => {
        runs++;
        throw error;
      })).rejects.toBe(error);
      expect(runs).toBe(1);
    }
  });
});
