import { describe, expect, it } from 'vitest';
import { claimChoiceMissing, claimEffect, claimEndsGrant, mergePayoutLists, moneyMoved, payoutIdFor, payoutListKey, payoutModeFor, recordedClaim, reallocatedUpTo, recordedRevocation, repaymentClaimable, repaymentRefusal, revocationRefusal, schemeProjectNumbers } from '../../functions/domain/payout';
import { APPLICATION_STATUSES, type AuditEntry, type PayoutRecord, type PayoutState } from '../../functions/domain/model';
import { canTransition } from '../../functions/domain/status-transitions';

describe('payoutModeFor', () => {
  it('books cost internally for a hospital-trust unit, invoices everyone else', () => {
    expect(payoutModeFor(true)).toBe('cost_booking');
    expect(payoutModeFor(false)).toBe('invoice');
  });
});

describe('payoutIdFor', () => {
  it('is deterministic so a retried trigger hits the same payout', () => {
    expect(payoutIdFor('app-123', 'grant')).toBe('app-123#payout#grant#1');
    expect(payoutIdFor('app-123', 'grant')).toBe(payoutIdFor('app-123', 'grant', 1));
  });
  it('distinguishes kind, sequence and application', () => {
    const ids = new Set([
      payoutIdFor('app-123', 'grant'),
      payoutIdFor('app-123', 'grant', 2),
      payoutIdFor('app-123', 'repayment'),
      payoutIdFor('app-124', 'grant'),
    ]);
    expect(ids.size).toBe(4);
    expect(payoutIdFor('app-123', 'repayment', 2)).toBe('app-123#payout#repayment#2');
  });
  it('rejects a bad sequence or empty id', () => {
    expect(() => payoutIdFor('app-123', 'grant', 0)).toThrow(RangeError);
    expect(() => payoutIdFor('app-123', 'grant', 1.5)).toThrow(RangeError);
    expect(() => payoutIdFor('', 'grant')).toThrow(RangeError);
  });
});

describe('schemeProjectNumbers', () => {
  it('the current project number first, then those the scheme had before', () => {
    expect(schemeProjectNumbers({ projectNumber: 'P-2' })).toEqual(['P-2']);
    expect(schemeProjectNumbers({ projectNumber: 'P-2', formerProjectNumbers: ['P-1', 'P-0'] })).toEqual(['P-2', 'P-1', 'P-0']);
  });
});

describe('mergePayoutLists', () => {
  const payout = (id: string, projectNumber: string, state: PayoutState, createdAt: string): PayoutRecord =>
    ({ id, applicationId: id, schemeId: 's', projectNumber, payee: 'x', amount: 1, mode: 'invoice', state, createdAt, revision: 1 });
  it('merges the lists of several project numbers in the order of each: by state, then when made', () => {
    const current = [payout('c1', 'P-2', 'awaiting_invoice', '2027-02-01T09:00:00.000Z'), payout('c2', 'P-2', 'paid', '2027-01-01T09:00:00.000Z')];
    const former = [payout('f1', 'P-1', 'awaiting_invoice', '2026-12-01T09:00:00.000Z'), payout('f2', 'P-1', 'paid', '2027-03-01T09:00:00.000Z'), payout('f3', 'P-1', 'repaid', '2026-12-10T09:00:00.000Z')];
    expect(mergePayoutLists([current, former]).map((p) => p.id)).toEqual(['f1', 'c1', 'c2', 'f2', 'f3']);
    // One list is as it came.
    expect(mergePayoutLists([former])).toEqual(former);
    expect(mergePayoutLists([])).toEqual([]);
  });
  it('is the order of the project index (its sort key)', () => {
    expect(payoutListKey(payout('a#payout#grant#1', 'P-2', 'invoiced', '2027-01-01T09:00:00.000Z'))).toBe('invoiced#2027-01-01T09:00:00.000Z#a#payout#grant#1');
  });
});

describe('repaymentClaimable', () => {
  it('needs a paid-out grant, closed or not: the status alone does not say the money is out', () => {
    expect(repaymentClaimable({ status: 'active' }, { state: 'paid' })).toBe(true);
    expect(repaymentClaimable({ status: 'final_report_received' }, { state: 'paid' })).toBe(true);
    // The final report shows money not used as described; it has closed the grant.
    expect(repaymentClaimable({ status: 'closed' }, { state: 'paid' })).toBe(true);
    expect(repaymentClaimable({ status: 'approved' }, { state: 'pending' })).toBe(false);
    expect(repaymentClaimable({ status: 'payout_pending' }, { state: 'invoiced' })).toBe(false);
    // The status report came before the payment.
    expect(repaymentClaimable({ status: 'status_report_received' }, { state: 'awaiting_invoice' })).toBe(false);
    expect(repaymentClaimable({ status: 'status_report_received' }, undefined)).toBe(false);
    expect(repaymentClaimable({ status: 'closed', repaymentClaimed: 50_000 }, { state: 'paid' })).toBe(false);
    expect(repaymentClaimable({ status: 'repayment_claimed' }, { state: 'paid' })).toBe(false);
  });
  it('says a grant already claimed back is claimed, also once the claim has moved its status on', () => {
    expect(repaymentRefusal({ status: 'repayment_claimed', repaymentClaimed: 80_000 }, { state: 'paid' })).toBe('already_claimed');
    expect(repaymentRefusal({ status: 'closed', repaymentClaimed: 80_000 }, { state: 'paid' })).toBe('already_claimed');
    expect(repaymentRefusal({ status: 'rejected' }, undefined)).toBe('not_active');
  });
  it('once: a partial claim leaves the status, so the claim itself says it was made', () => {
    expect(repaymentClaimable({ status: 'active', repaymentClaimed: 50_000 }, { state: 'paid' })).toBe(false);
  });
});

describe('claimChoiceMissing', () => {
  it('asks a partial claim on a running grant whether the grant ends; not a claim of the whole grant, nor one on a closed grant', () => {
    const running = { allocated: 850_000, status: 'active' as const };
    expect(claimChoiceMissing({ amount: 50_000 }, running)).toBe('Velg om tilskuddet avsluttes eller løper videre når bare en del kreves tilbake.');
    expect(claimChoiceMissing({ amount: 50_000, endGrant: true }, running)).toBeUndefined();
    expect(claimChoiceMissing({ amount: 50_000, endGrant: false }, running)).toBeUndefined();
    expect(claimChoiceMissing({ amount: 850_000 }, running)).toBeUndefined();
    expect(claimChoiceMissing({ amount: 50_000 }, { allocated: 850_000, status: 'closed' })).toBeUndefined();
  });
});

describe('claimEndsGrant', () => {
  it('the whole grant back always ends it; part of it ends it only when the committee says so', () => {
    expect(claimEndsGrant({ amount: 850_000, endGrant: false }, 850_000)).toBe(true);
    expect(claimEndsGrant({ amount: 50_000, endGrant: false }, 850_000)).toBe(false);
    expect(claimEndsGrant({ amount: 50_000, endGrant: true }, 850_000)).toBe(true);
    // API clients from before the choice existed: a claim ended the grant.
    expect(claimEndsGrant({ amount: 50_000 }, 850_000)).toBe(true);
  });
});

describe('claimEffect', () => {
  it('ends the grant, lets it run on, or claims after it was closed (the choice does not apply then)', () => {
    expect(claimEffect({ amount: 50_000 }, { allocated: 850_000, status: 'active' })).toBe('ends');
    expect(claimEffect({ amount: 50_000, endGrant: false }, { allocated: 850_000, status: 'status_report_received' })).toBe('runs-on');
    expect(claimEffect({ amount: 850_000, endGrant: false }, { allocated: 850_000, status: 'active' })).toBe('ends');
    expect(claimEffect({ amount: 50_000 }, { allocated: 850_000, status: 'closed' })).toBe('after-close');
    expect(claimEffect({ amount: 50_000, endGrant: false }, { allocated: 850_000, status: 'closed' })).toBe('after-close');
  });
});

describe('recordedClaim: its effect', () => {
  const at = '2027-03-01T10:00:00.000Z';
  const actor = { kind: 'system' as const, name: 'test' };
  it('reads the claim from the history: none, ending, running on, after the close', () => {
    expect(recordedClaim([])?.effect).toBeUndefined();
    expect(recordedClaim([{ at, actor, action: 'repayment-claimed', from: 'active', to: 'repayment_claimed' }])?.effect).toBe('ends');
    expect(recordedClaim([{ at, actor, action: 'repayment-claimed', details: { amount: 1, grantContinues: true } }])?.effect).toBe('runs-on');
    expect(recordedClaim([
      { at, actor, action: 'closed', from: 'final_report_received', to: 'closed' },
      { at, actor, action: 'repayment-claimed', from: 'closed', to: 'repayment_claimed' },
      { at, actor, action: 'repaid', from: 'repayment_claimed', to: 'closed' },
    ])?.effect).toBe('after-close');
  });
});

describe('reallocatedUpTo', () => {
  it('sums the approvals up to the moment, each for the amount its request asked; refusals and later approvals count nothing', () => {
    const actor = { kind: 'applicant' as const, email: 'eier@example.no' };
    const history: AuditEntry[] = [
      { at: '2027-01-10T10:00:00.000Z', actor, action: 'reallocation-requested', details: { reallocationId: 'r1', amount: 40_000 } },
      { at: '2027-01-28T10:00:00.000Z', actor, action: 'reallocation-approved', details: { reallocationId: 'r1' } },
      { at: '2027-02-01T10:00:00.000Z', actor, action: 'reallocation-requested', details: { reallocationId: 'r2', amount: 25_000 } },
      { at: '2027-02-25T10:00:00.000Z', actor, action: 'reallocation-refused', details: { reallocationId: 'r2' } },
      { at: '2027-03-01T10:00:00.000Z', actor, action: 'reallocation-requested', details: { reallocationId: 'r3', amount: 10_000 } },
      { at: '2027-07-02T10:00:00.000Z', actor, action: 'reallocation-approved', details: { reallocationId: 'r3' } },
    ];
    expect(reallocatedUpTo(history, '2027-06-30T21:59:59.999Z')).toBe(40_000);
    expect(reallocatedUpTo(history, '2027-12-31T22:59:59.999Z')).toBe(50_000);
    expect(reallocatedUpTo([], '2027-12-31T22:59:59.999Z')).toBe(0);
    // from the start of a period: what was approved in it
    expect(reallocatedUpTo(history, '2027-12-31T22:59:59.999Z', '2027-06-30T22:00:00.000Z')).toBe(10_000);
  });
});

describe('recordedClaim', () => {
  it('when, how much, why, by whom and what the last claim did', () => {
    const actor = { kind: 'staff' as const, role: 'secretariat' as const, subject: 'sub-sekretar', name: 'Sekretær' };
    expect(recordedClaim([])).toBeUndefined();
    expect(recordedClaim([
      { at: '2027-03-01T10:00:00.000Z', actor, action: 'report:status' },
      { at: '2027-04-01T10:00:00.000Z', actor, action: 'repayment-claimed', details: { amount: 25_000, reason: 'Kurset ble avlyst.', grantContinues: true } },
    ])).toEqual({ at: '2027-04-01T10:00:00.000Z', amount: 25_000, reason: 'Kurset ble avlyst.', decidedBy: 'sub-sekretar', effect: 'runs-on' });
  });
});

describe('revocationRefusal', () => {
  const payout = (state: PayoutState) => ({ state });
  it('takes back a grant while nothing of it is paid: pending, awaiting an invoice or invoiced, in any running status', () => {
    for (const status of ['payout_pending', 'active', 'status_report_received', 'final_report_received', 'closed'] as const) {
      for (const state of ['pending', 'awaiting_invoice', 'invoiced'] as const) expect(revocationRefusal({ status }, payout(state)), `${status} ${state}`).toBeUndefined();
    }
  });
  it('refuses a paid grant (claimed back instead), one not granted or ended, and one whose payout is not created yet', () => {
    expect(revocationRefusal({ status: 'active' }, payout('paid'))).toBe('paid');
    expect(revocationRefusal({ status: 'status_report_received' }, payout('paid'))).toBe('paid');
    expect(revocationRefusal({ status: 'approved' }, undefined)).toBe('not_ready');
    expect(revocationRefusal({ status: 'payout_pending' }, undefined)).toBe('not_ready');
    // closed and paid (the usual end): claimed back instead
    expect(revocationRefusal({ status: 'closed' }, payout('paid'))).toBe('paid');
    for (const status of ['scheduled', 'rejected', 'withdrawn', 'repayment_claimed', 'revoked'] as const) {
      expect(revocationRefusal({ status }, payout('pending')), status).toBe('not_granted');
    }
  });
  it('lets a revocation cut short after its payout write be finished (the payout already cancelled, the grant still running)', () => {
    expect(revocationRefusal({ status: 'payout_pending' }, payout('cancelled'))).toBeUndefined();
  });
  it('agrees with the transition table: every status it allows may move to revoked, and revoked is the end', () => {
    for (const status of APPLICATION_STATUSES) {
      if (revocationRefusal({ status }, payout('pending')) === undefined) expect(canTransition(status, 'revoked'), status).toBe(true);
      expect(canTransition('revoked', status)).toBe(false);
    }
  });
});

describe('recordedRevocation', () => {
  it('when and why the grant was taken back, from its history', () => {
    const actor = { kind: 'staff', role: 'secretariat', subject: 's-1' } as const;
    expect(recordedRevocation([{ at: '2027-01-01T10:00:00.000Z', actor, action: 'paid' }])).toBeUndefined();
    expect(recordedRevocation([
      { at: '2026-12-10T10:00:00.000Z', actor, action: 'payout-triggered' },
      { at: '2027-02-11T13:00:00.000Z', actor, action: 'grant-revoked', from: 'payout_pending', to: 'revoked', details: { reason: 'Prosjektet blir ikke gjennomført.', amount: 800_000 } },
    ])).toEqual({ at: '2027-02-11T13:00:00.000Z', reason: 'Prosjektet blir ikke gjennomført.', decidedBy: 's-1' });
  });
});

describe('moneyMoved', () => {
  const payout = (applicationId: string, amount: number, paidAt?: string) => ({
    id: `${applicationId}#${amount}`,
    applicationId,
    schemeId: 'sor-rogaland',
    projectNumber: 'R-1',
    payee: 'Kommune',
    amount,
    mode: 'invoice' as const,
    state: paidAt ? (amount < 0 ? ('repaid' as const) : ('paid' as const)) : ('awaiting_invoice' as const),
    createdAt: '2026-01-01T00:00:00.000Z',
    revision: 1,
    ...(paidAt ? { paidAt } : {}),
  });
  const from = '2026-12-31T23:00:00.000Z'; // 1 January 2027 in Oslo
  const to = '2027-06-30T21:59:59.999Z';

  it('counts the grant payouts paid and the claims repaid in the period, nothing unpaid or later', () => {
    const moved = moneyMoved(
      [
        payout('a', 200_000, '2027-02-01T10:00:00.000Z'),
        payout('a', -50_000, '2027-07-01T10:00:00.000Z'), // after the period
        payout('b', 300_000, '2026-12-10T10:00:00.000Z'), // before it
        payout('b', -5_000, '2026-12-20T10:00:00.000Z'), // repaid before it
        payout('b', -20_000, '2027-03-01T10:00:00.000Z'),
        payout('c', 100_000), // not paid
      ],
      from,
      to,
    );
    expect(moved).toMatchObject({ paidOut: 200_000, paidOutCount: 1, repaid: 20_000 });
    expect([...moved.movedIn].sort()).toEqual(['a', 'b']);
    expect(moved.byApplication.get('a')).toEqual({ paidAt: '2027-02-01T10:00:00.000Z', repaid: 0, repaidInPeriod: 0 });
    // paid before the period: its day is still the grant's payout day; what it repaid before is not the period's
    expect(moved.byApplication.get('b')).toEqual({ paidAt: '2026-12-10T10:00:00.000Z', repaid: 25_000, repaidInPeriod: 20_000 });
    expect(moved.byApplication.has('c')).toBe(false);
  });

  it('is empty without payouts', () => {
    expect(moneyMoved([], from, to)).toMatchObject({ paidOut: 0, paidOutCount: 0, repaid: 0 });
  });
});
