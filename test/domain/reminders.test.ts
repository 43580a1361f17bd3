import { describe, expect, it } from 'vitest';
import { reminderStillDue, reportKindOfReminder, REPORT_REMINDER_KINDS } from '../../functions/domain/reminders';
import type { ApplicationRecord, ReminderRecord } from '../../functions/domain/model';

const allocation = { amount: 400_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', potYear: 2026, decidedAt: '2026-12-10T12:00:00.000Z', statusReportDue: '2027-06-10', finalReportDue: '2028-03-31' };
const grant = { id: 'app_1', schemeId: 'sor-rogaland', status: 'active', version: 2, allocation } as ApplicationRecord;
const reminder = (r: Partial<ReminderRecord>): ReminderRecord => ({ id: 'r', applicationId: 'app_1', schemeId: 'sor-rogaland', kind: 'status-report-due', dueAt: '2027-06-01T07:00:00.000Z', ...r });

describe('whether a reminder still has something to say', () => {
  it('while the case is where the reminder was made for', () => {
    expect(reminderStillDue(reminder({ reportDue: '2027-06-10' }), grant)).toBe(true);
    // the status report came: its reminders are over, the final report's are not
    const reported = { ...grant, status: 'status_report_received' } as ApplicationRecord;
    expect(reminderStillDue(reminder({}), reported)).toBe(false);
    expect(reminderStillDue(reminder({ kind: 'final-report-due' }), reported)).toBe(true);
  });
  it('not for another version (co-signature), nor for a deadline that has moved since (reports)', () => {
    const signing = { ...grant, status: 'awaiting_cosignature' } as ApplicationRecord;
    expect(reminderStillDue(reminder({ kind: 'cosign', version: 2 }), signing)).toBe(true);
    expect(reminderStillDue(reminder({ kind: 'cosign', version: 1 }), signing)).toBe(false);
    expect(reminderStillDue(reminder({ reportDue: '2027-05-10' }), grant)).toBe(false);
    // made before deadlines could move: no deadline on it
    expect(reminderStillDue(reminder({}), grant)).toBe(true);
  });
  it('knows the report each report reminder is about', () => {
    expect(reportKindOfReminder('final-report-deadline-declined')).toBe('final');
    expect(reportKindOfReminder('owner-link')).toBeUndefined();
    expect(REPORT_REMINDER_KINDS.status).toEqual(['status-report-due', 'status-report-overdue', 'status-report-missing']);
  });
});
