import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../functions/domain/errors';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../functions/domain/model';
import {
  ACTIVE_GRANT_STATUSES,
  expiryReason,
  statusLabelOf,
  ownerStatusLabel,
  ALLOWED_TRANSITIONS,
  STATUS_LABELS_NB,
  TERMINAL_STATUSES,
  assertTransition,
  canTransition,
  ownerChangeable,
} from '../../functions/domain/status-transitions';

// The lifecycle as specified, written out independently of the implementation's table.
const ALLOWED: Array<[ApplicationStatus, ApplicationStatus]> = [
  ['draft', 'awaiting_cosignature'],
  ['draft', 'withdrawn'],
  ['awaiting_cosignature', 'submitted'],
  ['awaiting_cosignature', 'draft'],
  ['awaiting_cosignature', 'withdrawn'],
  ['awaiting_cosignature', 'awaiting_cosignature'],
  ['submitted', 'scheduled'],
  ['submitted', 'withdrawn'],
  ['submitted', 'rejected'],
  ['scheduled', 'more_information_requested'],
  ['scheduled', 'deferred'],
  ['scheduled', 'approved'],
  ['scheduled', 'rejected'],
  ['scheduled', 'withdrawn'],
  ['scheduled', 'scheduled'],
  // two-level schemes: the first level's recommendation, corrected, or a new round on another meeting
  ['scheduled', 'recommended'],
  ['recommended', 'recommended'],
  ['recommended', 'scheduled'],
  ['recommended', 'more_information_requested'],
  ['recommended', 'deferred'],
  ['recommended', 'approved'],
  ['recommended', 'rejected'],
  ['recommended', 'withdrawn'],
  ['more_information_requested', 'awaiting_cosignature'],
  ['more_information_requested', 'withdrawn'],
  ['more_information_requested', 'rejected'],
  ['deferred', 'scheduled'],
  ['deferred', 'withdrawn'],
  ['deferred', 'rejected'],
  ['approved', 'payout_pending'],
  ['payout_pending', 'active'],
  ['payout_pending', 'status_report_received'],
  ['active', 'status_report_received'],
  ['active', 'final_report_received'],
  ['active', 'repayment_claimed'],
  ['status_report_received', 'final_report_received'],
  ['status_report_received', 'repayment_claimed'],
  ['final_report_received', 'closed'],
  ['final_report_received', 'repayment_claimed'],
  ['repayment_claimed', 'closed'],
  ['closed', 'repayment_claimed'], // the final report showed money not used as described
  // the committee takes back a grant nothing of which is paid yet
  ['payout_pending', 'revoked'],
  ['active', 'revoked'],
  ['status_report_received', 'revoked'],
  ['final_report_received', 'revoked'],
  ['closed', 'revoked'], // closed after its reports, its payout never invoiced
];

const key = (from: string, to: string) => `${from}->${to}`;
const allowedKeys = new Set(ALLOWED.map(([from, to]) => key(from, to)));

describe('status transitions', () => {
  it.each(ALLOWED)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(() => assertTransition(from, to)).not.toThrow();
  });

  it('allows nothing beyond the specified lifecycle (all 256 pairs)', () => {
    const unexpected: string[] = [];
    for (const from of APPLICATION_STATUSES) {
      for (const to of APPLICATION_STATUSES) {
        if (canTransition(from, to) !== allowedKeys.has(key(from, to))) unexpected.push(key(from, to));
      }
    }
    expect(unexpected).toEqual([]);
  });

  it.each<[ApplicationStatus, ApplicationStatus]>([
    ['draft', 'submitted'], // must be co-signed first
    ['draft', 'approved'],
    ['awaiting_cosignature', 'scheduled'],
    ['submitted', 'approved'], // only in a meeting
    ['submitted', 'draft'],
    ['more_information_requested', 'submitted'], // a revision needs signatures again
    ['more_information_requested', 'scheduled'],
    ['deferred', 'approved'],
    ['approved', 'withdrawn'],
    ['approved', 'active'], // payout first
    ['payout_pending', 'closed'],
    ['active', 'closed'], // reports first
    ['status_report_received', 'closed'], // the final report first
    ['repayment_claimed', 'active'],
    ['rejected', 'scheduled'],
    ['withdrawn', 'draft'],
    ['closed', 'active'],
    ['draft', 'draft'],
    ['submitted', 'submitted'],
  ])('forbids %s → %s with a Norwegian 409', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    let thrown: unknown;
    try {
      assertTransition(from, to);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    const conflict = thrown as ConflictError;
    expect(conflict.statusCode).toBe(409);
    expect(conflict.reason).toBe('invalid-transition');
    expect(conflict.message).toBe(
      `Søknaden kan ikke endres fra «${STATUS_LABELS_NB[from]}» til «${STATUS_LABELS_NB[to]}».`,
    );
  });

  it('uses the labels in the message', () => {
    expect(() => assertTransition('draft', 'approved')).toThrow(
      'Søknaden kan ikke endres fra «Sendt tilbake for endring» til «Innvilget».',
    );
  });

  it('terminal statuses have no way out but a closed grant\'s repayment claim or revocation; every other status has one', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['closed', 'rejected', 'revoked', 'withdrawn']);
    for (const status of APPLICATION_STATUSES) {
      const ways = status === 'closed' ? ALLOWED_TRANSITIONS[status].filter((to) => to !== 'repayment_claimed' && to !== 'revoked') : ALLOWED_TRANSITIONS[status];
      expect(ways.length === 0).toBe(TERMINAL_STATUSES.includes(status));
    }
  });

  it('active grant statuses run from approval until closure', () => {
    expect([...ACTIVE_GRANT_STATUSES].sort()).toEqual(
      [
        'active',
        'approved',
        'final_report_received',
        'payout_pending',
        'repayment_claimed',
        'status_report_received',
      ].sort(),
    );
    for (const status of ACTIVE_GRANT_STATUSES) expect(TERMINAL_STATUSES).not.toContain(status);
  });

  it('every status has a distinct Norwegian label', () => {
    expect(Object.keys(STATUS_LABELS_NB).sort()).toEqual([...APPLICATION_STATUSES].sort());
    expect(new Set(Object.values(STATUS_LABELS_NB)).size).toBe(APPLICATION_STATUSES.length);
    expect(STATUS_LABELS_NB.awaiting_cosignature).toBe('Venter på signering fra partene');
  });
});

describe('why the workflow closed an application nobody withdrew', () => {
  it('waiting for the owner: no answer to a question, or no new version after a partner declined', () => {
    expect(expiryReason('more_information_requested', true)).toBe('no-answer');
    expect(expiryReason('draft', true)).toBe('no-revision');
  });
  it('nothing to wait for: no meeting left in the calendar, otherwise the limit on rounds', () => {
    expect(expiryReason('submitted', false)).toBe('no-meeting');
    expect(expiryReason('deferred', false)).toBe('no-meeting');
    expect(expiryReason('deferred', true)).toBe('too-many-rounds');
    expect(expiryReason('awaiting_cosignature', true)).toBe('too-many-rounds');
  });
});

describe('statusLabelOf', () => {
  it('an application the workflow closed is "Avsluttet uten vedtak", one the owner withdrew "Trukket"', () => {
    expect(statusLabelOf({ status: 'withdrawn', history: [{ action: 'submitted' }, { action: 'expired' }] })).toBe('Avsluttet uten vedtak');
    expect(statusLabelOf({ status: 'withdrawn', history: [{ action: 'submitted' }, { action: 'withdrawn' }] })).toBe('Trukket');
    expect(statusLabelOf({ status: 'scheduled', history: [] })).toBe(STATUS_LABELS_NB.scheduled);
  });

  it('a grant paid before its period starts is "Innvilget: starter …" until the first day of the period, then "Pågår"', () => {
    const paid = { status: 'active' as const, history: [], allocation: { periodStart: '2027-02-01' } };
    expect(statusLabelOf(paid, '2026-12-10')).toBe('Innvilget: starter 01.02.2027');
    expect(statusLabelOf(paid, '2027-01-31')).toBe('Innvilget: starter 01.02.2027');
    expect(statusLabelOf(paid, '2027-02-01')).toBe('Pågår');
    // Without the day, or for another status, the status's own label.
    expect(statusLabelOf(paid)).toBe('Pågår');
    expect(statusLabelOf({ ...paid, status: 'status_report_received' }, '2026-12-10')).toBe(STATUS_LABELS_NB.status_report_received);
    expect(ownerStatusLabel(paid, 'paid', '2026-12-10')).toBe('Innvilget: starter 01.02.2027');
    expect(ownerStatusLabel({ ...paid, status: 'payout_pending' }, 'awaiting_invoice', '2026-12-10')).toBe('Innvilget: venter på faktura fra dere');
  });
});

describe('a new contact person', () => {
  it('can be set while the case runs, and on a closed grant only while a repayment claim keeps it going', () => {
    expect(ownerChangeable({ status: 'scheduled' })).toBe(true);
    expect(ownerChangeable({ status: 'payout_pending' })).toBe(true);
    expect(ownerChangeable({ status: 'withdrawn' })).toBe(false);
    expect(ownerChangeable({ status: 'rejected' })).toBe(false);
    expect(ownerChangeable({ status: 'closed' })).toBe(false);
    expect(ownerChangeable({ status: 'closed', repaymentClaimed: 40_000 })).toBe(true);
  });
});
