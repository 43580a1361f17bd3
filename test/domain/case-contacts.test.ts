import { describe, expect, it } from 'vitest';
import { contactChange, contactName, ownerChangeReminderId, ownerHandovers, partnerAddressBounced } from '../../functions/domain/case-contacts';

describe('a new contact person', () => {
  it('counts the handovers to a new address, not a corrected name', () => {
    const at = '2026-11-20T09:00:00.000Z';
    const actor = { kind: 'system', name: 'test' } as const;
    const entry = (action: string, details?: Record<string, boolean>) => ({ at, actor, action, ...(details ? { details } : {}) });
    expect(ownerHandovers([])).toBe(0);
    expect(ownerHandovers([entry('submitted'), entry('owner-changed', { newAddress: true }), entry('owner-changed', { newAddress: false }), entry('owner-changed', { newAddress: true })])).toBe(2);
  });

  it('is named by the secretariat\'s change, else by the application; each handover has its own reminder', () => {
    expect(contactName({}, { owner: { name: 'Kari Nordmann' } })).toBe('Kari Nordmann');
    expect(contactName({ ownerName: 'Nina Nyansatt' }, { owner: { name: 'Kari Nordmann' } })).toBe('Nina Nyansatt');
    expect(ownerChangeReminderId('app_1', 2)).not.toBe(ownerChangeReminderId('app_1', 1));
  });
});

describe('contactChange', () => {
  const actor = { kind: 'system', name: 'test' } as const;
  const changed = { at: '2026-12-01T10:00:00.000Z', actor, action: 'owner-changed', details: { newAddress: true } };
  const submitted = { at: '2026-11-20T09:00:00.000Z', actor, action: 'submitted' };
  const data = { owner: { name: 'Kari Nordmann', email: 'kari@kommune.example' } };

  it('is nothing while the application\'s owner is the contact', () => {
    expect(contactChange({ ownerEmail: 'kari@kommune.example', history: [submitted] }, data)).toBeUndefined();
  });

  it('names the change and whom the application named: another person, or the same name at another address', () => {
    const other = { ownerName: 'Nina Nyansatt', ownerEmail: 'nina@kommune.example', history: [submitted, changed] };
    expect(contactChange(other, data)).toEqual({ since: changed.at, named: data.owner });
    const sameName = { ownerName: 'Kari Nordmann', ownerEmail: 'kari.nordmann@kommune.example', history: [submitted, changed] };
    expect(contactChange(sameName, data)).toEqual({ since: changed.at, named: data.owner });
  });

  it('ends when a revision names the contact (the address compared without case)', () => {
    const revised = { ownerName: 'Nina Nyansatt', ownerEmail: 'nina@kommune.example', history: [submitted, changed] };
    expect(contactChange(revised, { owner: { name: 'Nina Nyansatt', email: 'Nina@Kommune.example' } })).toBeUndefined();
  });
});

describe('partnerAddressBounced', () => {
  it("is about one partner's address in one version", () => {
    const actor = { kind: 'system', name: 'test' } as const;
    const history = [{ at: '2026-11-20T09:00:00.000Z', actor, action: 'mail-bounced', details: { recipient: 'partner', partnerIndex: 1, version: 2 } }];
    expect(partnerAddressBounced(history, 2, 1)).toBe(true);
    expect(partnerAddressBounced(history, 2, 0)).toBe(false);
    expect(partnerAddressBounced(history, 3, 1)).toBe(false); // a revision may have corrected it
  });
});

