// An error a state catches is an expected outcome (no meeting left, the grant's execution or the
// final report's schedule exists already), not a failure: it goes to its Catch at once. A wildcard
// retrier (States.TaskFailed, States.ALL) would otherwise retry it with backoff first, for minutes.
import { describe, expect, it } from 'vitest';
import { loadDefinition, WORKFLOW_NAMES } from '../../workflows/definitions';

interface Retrier { ErrorEquals: string[]; MaxAttempts?: number }
interface State { Retry?: Retrier[]; Catch?: Array<{ ErrorEquals: string[] }>; Branches?: Array<{ States: Record<string, State> }> }

const WILDCARDS = ['States.ALL', 'States.TaskFailed'];
/** Caught, but never thrown by the task itself: Step Functions raises them, and no retrier matches them by wildcard. */
const NOT_RETRIED_BY_WILDCARD = ['States.ALL', 'States.Timeout'];

function statesOf(states: Record<string, State>): Array<[string, State]> {
  return Object.entries(states).flatMap(([name, state]) => [[name, state] as [string, State], ...(state.Branches ?? []).flatMap((b) => statesOf(b.States))]);
}

/** The caught errors a retrier would retry before the Catch sees them: [state, error, attempts]. */
function retriedBeforeCaught(text: string): Array<[string, string, number]> {
  const { States } = JSON.parse(text) as { States: Record<string, State> };
  return statesOf(States).flatMap(([name, state]) =>
    (state.Catch ?? [])
      .flatMap((c) => c.ErrorEquals)
      .filter((error) => !NOT_RETRIED_BY_WILDCARD.includes(error))
      .flatMap((error) => {
        const first = (state.Retry ?? []).find((r) => r.ErrorEquals.includes(error) || r.ErrorEquals.some((e) => WILDCARDS.includes(e)));
        const attempts = first ? (first.MaxAttempts ?? 3) : 0;
        return attempts > 0 ? [[name, error, attempts] as [string, string, number]] : [];
      }),
  );
}

describe('errors a state catches are not retried first', () => {
  it.each(WORKFLOW_NAMES.map((n) => [n]))('%s', (name) => {
    expect(retriedBeforeCaught(loadDefinition(name).text)).toEqual([]);
  });

  it('the check finds a caught error behind a wildcard retrier', () => {
    const text = JSON.stringify({
      States: {
        Step: { Retry: [{ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 8 }], Catch: [{ ErrorEquals: ['Expected', 'States.Timeout'] }] },
        Fixed: { Retry: [{ ErrorEquals: ['Expected'], MaxAttempts: 0 }, { ErrorEquals: ['States.TaskFailed'], MaxAttempts: 8 }], Catch: [{ ErrorEquals: ['Expected'] }] },
      },
    });
    expect(retriedBeforeCaught(text)).toEqual([['Step', 'Expected', 8]]);
  });
});
