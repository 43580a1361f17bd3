import { describe, expect, it } from 'vitest';
import { RESUBMISSION_DUE, resubmissionDeadline, resubmissionDue } from '../../functions/domain/resubmission';
import type { ApplicationStatus, AuditEntry } from '../../functions/domain/model';
import { addDaysToInstant, MAX_EXECUTION_DAYS } from '../../functions/domain/wait-budget';

const start = new Date('2026-11-20T09:00:00.000Z');
const SYSTEM = { kind: 'system', name: 'workflow' } as const;
const due = (respondBy: string, version: number): AuditEntry => ({ at: start.toISOString(), actor: SYSTEM, action: RESUBMISSION_DUE, details: { respondBy, version } });
const app = (status: ApplicationStatus, version: number, history: AuditEntry[]) => ({ status, version, history });

describe('resubmissionDeadline: when the wait for the owner\'s new version ends', () => {
  it('is 90 days on, or the end of the execution\'s budget when that comes first', () => {
    const now = addDaysToInstant(start, 10);
    expect(resubmissionDeadline(now, start)).toEqual(addDaysToInstant(now, 90));
    const late = addDaysToInstant(start, 300);
    expect(resubmissionDeadline(late, start)).toEqual(addDaysToInstant(start, MAX_EXECUTION_DAYS));
  });
});

describe('resubmissionDue: the deadline kept for the version the owner is to send in again', () => {
  const kept = '2027-02-18T09:00:00.000Z';

  it('is the last one kept, while the application is back with the owner', () => {
    expect(resubmissionDue(app('draft', 2, [due('2026-12-01T09:00:00.000Z', 1), due(kept, 2)]))).toBe(kept);
    expect(resubmissionDue(app('more_information_requested', 2, [due(kept, 2)]))).toBe(kept);
  });

  it('is none once a new version is sent in, once the application has ended, or when none was kept', () => {
    expect(resubmissionDue(app('awaiting_cosignature', 3, [due(kept, 2)]))).toBeUndefined();
    // Sent back again (a partner declined the new version), before its step kept the new deadline.
    expect(resubmissionDue(app('draft', 3, [due(kept, 2)]))).toBeUndefined();
    expect(resubmissionDue(app('withdrawn', 2, [due(kept, 2)]))).toBeUndefined();
    expect(resubmissionDue(app('draft', 1, []))).toBeUndefined();
  });
});
