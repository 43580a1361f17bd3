// Work that may not fit one Lambda invocation (a reminder backlog, the upgrade of stored data) stops
// while it still has time in hand, rather than be cut off by the timeout; what is left waits for the
// next run. Locally and in tests there is no limit.

/** The invocation's time left in ms: Lambda's `context.getRemainingTimeInMillis`. */
export type TimeLeft = () => number;

export interface TimeLeftOption {
  /** none: no limit */
  timeLeftMs?: TimeLeft;
}

/** Whether work may go on: at least `marginMs` is left. */
export function stillInTime({ timeLeftMs }: TimeLeftOption, marginMs: number): () => boolean {
  return () => !timeLeftMs || timeLeftMs() >= marginMs;
}
