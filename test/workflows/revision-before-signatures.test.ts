// A revision before every partner signed ends the co-signature wait with 'revised', and the
// application phase asks for the new version's signatures at once; also when the revision landed
// between the request for signatures and the start of the wait (no token to complete yet).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { awaitStep } from '../../functions/use-cases/await-step';
import type { Dependencies } from '../../functions/composition';

interface Choice { Variable: string; StringEquals?: string; Next: string }
const definition = JSON.parse(readFileSync(new URL('../../workflows/application.asl.json', import.meta.url), 'utf8')) as {
  States: Record<string, { Choices?: Choice[]; Default?: string; Next?: string; ResultSelector?: Record<string, string> }>;
};

describe('a revision while the partners sign', () => {
  it('goes straight to the next round (new signature requests), not through the wait for a revision', () => {
    const outcome = definition.States['CosignatureOutcome']!;
    expect(outcome.Choices).toContainEqual({ Variable: '$.cosignature.outcome', StringEquals: 'revised', Next: 'NextRound' });
    expect(definition.States['NextRound']!.Next).toBe('WithinRoundLimit');
    expect(definition.States['WithinRoundLimit']!.Default).toBe('RequestCosignatures');
    // The version asked for rides to the wait, which compares it with the application's.
    expect(definition.States['RequestCosignatures']!.ResultSelector).toMatchObject({ 'version.$': '$.Payload.version' });
  });

  async function waitFor(askedVersion: number | undefined, current: { status: string; version: number }) {
    const completed: unknown[] = [];
    const deps = {
      clock: { now: () => new Date('2026-11-20T09:00:00Z') },
      tasks: { putWaitingTask: async () => undefined },
      store: { getApplication: async () => ({ id: 'app_1', ...current }) },
      workflow: { completeStep: async (...args: unknown[]) => completed.push(args), cancel: async () => undefined },
    } as unknown as Dependencies;
    await awaitStep(deps, { step: 'cosignature', applicationId: 'app_1', executionName: 'x', taskToken: 't', ...(askedVersion !== undefined ? { askedVersion } : {}) });
    return completed;
  }

  it('a wait for signatures on a version revised since: ends at once with revised; on the current version it waits', async () => {
    expect(await waitFor(1, { status: 'awaiting_cosignature', version: 2 })).toEqual([['app_1', 'cosignature', { outcome: 'revised' }]]);
    expect(await waitFor(2, { status: 'awaiting_cosignature', version: 2 })).toEqual([]);
    // Executions started before the version rode along wait as before.
    expect(await waitFor(undefined, { status: 'awaiting_cosignature', version: 2 })).toEqual([]);
  });
});
