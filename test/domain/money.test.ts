import { describe, expect, it } from 'vitest';
import { formatNok, groupThousands } from '../../functions/domain/money';

describe('formatNok: the one form of an amount in pages, messages and e-mails', () => {
  it('groups thousands with spaces, the unit after', () => {
    expect(formatNok(0)).toBe('0 kr');
    expect(formatNok(999)).toBe('999 kr');
    expect(formatNok(1000)).toBe('1 000 kr');
    expect(formatNok(10_700_000)).toBe('10 700 000 kr');
  });
  it('shows øre only when there are any, and a minus for a claim back', () => {
    expect(formatNok(1234.5)).toBe('1 234,50 kr');
    expect(formatNok(-25_000)).toBe('-25 000 kr');
    expect(formatNok(-0.001)).toBe('0 kr');
  });
  it('refuses what is not an amount', () => {
    expect(() => formatNok(Number.NaN)).toThrow(RangeError);
  });
});

describe('groupThousands', () => {
  it('groups a whole number, cutting any fraction', () => {
    expect(groupThousands(1_250_000)).toBe('1 250 000');
    expect(groupThousands(-5000.7)).toBe('-5 000');
  });
});
