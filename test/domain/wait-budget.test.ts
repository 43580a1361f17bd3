import { describe, expect, it } from 'vitest';
import { addDaysToInstant, MAX_EXECUTION_DAYS, waitSeconds } from '../../functions/domain/wait-budget';

const start = new Date('2026-11-20T09:00:00.000Z');

describe('waitSeconds: every wait ends inside the execution budget', () => {
  it('waits until the deadline when it is inside the budget', () => {
    const now = addDaysToInstant(start, 10);
    expect(waitSeconds(addDaysToInstant(now, 30), start, now)).toBe(30 * 86_400);
  });

  it('stops at the budget when the deadline is later', () => {
    const now = addDaysToInstant(start, 300);
    const seconds = waitSeconds(addDaysToInstant(now, 200), start, now);
    expect(seconds).toBe((MAX_EXECUTION_DAYS - 300) * 86_400);
    expect(now.getTime() + seconds * 1000).toBeLessThan(start.getTime() + 365 * 86_400_000);
  });

  it('never returns less than a minute, even past the budget or the deadline', () => {
    const now = addDaysToInstant(start, MAX_EXECUTION_DAYS + 5);
    expect(waitSeconds(addDaysToInstant(now, 1), start, now)).toBe(60);
    expect(waitSeconds(addDaysToInstant(start, 1), start, addDaysToInstant(start, 2))).toBe(60);
  });

  it('rounds a partial second up', () => {
    expect(waitSeconds(new Date(start.getTime() + 1_500), start, start)).toBe(60);
    expect(waitSeconds(new Date(start.getTime() + 90_500), start, start)).toBe(91);
  });
});
