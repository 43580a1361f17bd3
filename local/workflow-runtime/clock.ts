// Clocks for the local workflow runtime. Task timeouts, heartbeats, Wait states, retry intervals and
// the execution TimeoutSeconds all run on the runtime's clock, so a test can move time forward
// (ManualClock.advance) and the due timers fire, whatever their length (no 24.8-day setTimeout limit).
import type { Clock } from '../../functions/ports/clock';
import { systemClock } from '../../functions/ports/clock';

export type { Clock };
export { systemClock };

/** A clock that tells listeners when its time moves (ManualClock does; the system clock does not). */
export interface SubscribableClock extends Clock {
  /** `listener` is called (synchronously) after every change of time. Returns an unsubscribe function. */
  subscribe(listener: (now: Date) => void): () => void;
}

export function isSubscribableClock(clock: Clock): clock is SubscribableClock {
  return typeof (clock as Partial<SubscribableClock>).subscribe === 'function';
}

function toMs(value: Date | string | number): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) throw new RangeError(`Invalid date: ${String(value)}`);
  return ms;
}

/** A clock that only moves when told to. Time never goes backwards through advance(); set() may. */
export class ManualClock implements SubscribableClock {
  #ms: number;
  readonly #listeners = new Set<(now: Date) => void>();

  constructor(start: Date | string | number = Date.now()) {
    this.#ms = toMs(start);
  }

  now(): Date {
    return new Date(this.#ms);
  }

  /** Moves the clock forward by `ms` milliseconds; due runtime timers fire. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
    this.#ms += ms;
    this.#notify();
  }

  /** Sets the clock to `date`; due runtime timers fire. */
  set(date: Date | string | number): void {
    this.#ms = toMs(date);
    this.#notify();
  }

  subscribe(listener: (now: Date) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #notify(): void {
    const now = this.now();
    for (const listener of [...this.#listeners]) listener(now);
  }
}
