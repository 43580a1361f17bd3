import { describe, expect, it } from 'vitest';
import { agendaDemand, allocationCheck, fitsPot, meetingPotYear, missingPots, potRemaining, potYearOf } from '../../functions/domain/pot';
import { meetingStartsAt } from '../../functions/domain/deadlines';

describe('fitsPot', () => {
  it('accepts an amount up to and including what is left', () => {
    expect(fitsPot(1_000_000, 999_999)).toBe(true);
    expect(fitsPot(1_000_000, 1_000_000)).toBe(true);
    expect(fitsPot(1_000_000, 1_000_001)).toBe(false);
  });
  it('rejects zero, negative, fractional and non-finite amounts', () => {
    expect(fitsPot(1_000_000, 0)).toBe(false);
    expect(fitsPot(1_000_000, -5)).toBe(false);
    expect(fitsPot(1_000_000, 100.5)).toBe(false);
    expect(fitsPot(1_000_000, Number.NaN)).toBe(false);
    expect(fitsPot(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(false);
  });
  it('nothing fits an empty pot', () => {
    expect(fitsPot(0, 1)).toBe(false);
  });
});

describe('potRemaining', () => {
  it('is the configured total before the first allocation of the year', () => {
    expect(potRemaining(10_000_000)).toBe(10_000_000);
  });
  it('is the stored remainder while the configured total is the one the pot was created with', () => {
    expect(potRemaining(10_000_000, { total: 10_000_000, remaining: 7_500_000 })).toBe(7_500_000);
  });
  it('moves by a change of the configured total, up or down (below zero when more is allocated than the new total)', () => {
    expect(potRemaining(11_000_000, { total: 10_000_000, remaining: 7_500_000 })).toBe(8_500_000);
    expect(potRemaining(2_000_000, { total: 10_000_000, remaining: 7_500_000 })).toBe(-500_000);
  });
});

describe('potYearOf', () => {
  it('uses the Oslo calendar year', () => {
    expect(potYearOf(new Date('2026-12-31T22:59:59.999Z'))).toBe(2026); // 23:59:59.999 Oslo
    expect(potYearOf(new Date('2026-12-31T23:00:00.000Z'))).toBe(2027); // 00:00 Oslo, still 2026 in UTC
    expect(potYearOf(new Date('2026-06-15T10:00:00Z'))).toBe(2026);
  });
});

describe('allocationCheck', () => {
  it('accepts an amount within request and pot', () => {
    expect(allocationCheck({ amount: 400_000, requestedAmount: 500_000, remaining: 2_000_000 })).toEqual({
      ok: true,
    });
    expect(allocationCheck({ amount: 500_000, requestedAmount: 500_000, remaining: 500_000 })).toEqual({
      ok: true,
    });
  });
  it('rejects a non-positive or fractional amount', () => {
    for (const amount of [0, -1, 10.5]) {
      expect(allocationCheck({ amount, requestedAmount: 500_000, remaining: 2_000_000 })).toEqual({
        ok: false,
        field: 'amount',
        message: 'Beløpet må være et helt antall kroner større enn 0.',
      });
    }
  });
  it('rejects more than was applied for', () => {
    expect(allocationCheck({ amount: 500_001, requestedAmount: 500_000, remaining: 2_000_000 })).toEqual({
      ok: false,
      field: 'amount',
      message: 'Tildelt beløp kan ikke være større enn omsøkt beløp (500 000 kr).',
    });
  });
  it('rejects more than the pot has left', () => {
    expect(allocationCheck({ amount: 400_000, requestedAmount: 500_000, remaining: 350_000 })).toEqual({
      ok: false,
      field: 'amount',
      message: 'Beløpet er større enn det som er igjen i potten (350 000 kr).',
    });
  });
});

describe('agendaDemand', () => {
  it('sums the open cases and says whether they ask for more than is left', () => {
    expect(agendaDemand([400_000, 850_000], 1_250_000)).toEqual({ openCases: 2, requested: 1_250_000, exceedsPot: false });
    expect(agendaDemand([400_000, 850_000], 1_249_999)).toEqual({ openCases: 2, requested: 1_250_000, exceedsPot: true });
    expect(agendaDemand([], 0)).toEqual({ openCases: 0, requested: 0, exceedsPot: false });
    // Without a pot for the year there is nothing to weigh against.
    expect(agendaDemand([850_000], undefined)).toEqual({ openCases: 1, requested: 850_000, exceedsPot: false });
  });
});

describe('missingPots', () => {
  const meeting = (date: string, time = '09:00') => ({ id: date, date, title: `Møte ${date}`, startsAt: meetingStartsAt({ id: date, date, time }).toISOString() });
  const pots = { '2026': 10_000_000, '2027': 10_000_000 };
  const now = new Date('2027-11-20T09:00:00Z');

  it('a meeting draws from the pot of the Oslo year it starts in, as its approvals do', () => {
    const late = meeting('2027-12-31', '23:30'); // 22:30 UTC: still 2027 in Oslo
    expect(meetingPotYear(late)).toBe(2027);
    expect(meetingPotYear(late)).toBe(potYearOf(new Date(late.startsAt)));
    expect(meetingPotYear(meeting('2028-01-01', '00:30'))).toBe(2028); // 2027-12-31 23:30 UTC
  });

  it('names each year without a pot once, with the meetings ahead that draw from it, earliest year first', () => {
    const calendar = [meeting('2027-12-09'), meeting('2028-02-10'), meeting('2028-03-09'), meeting('2029-01-11')];
    expect(missingPots(calendar, pots, now)).toEqual([
      { year: 2028, meetings: [{ id: '2028-02-10', date: '2028-02-10', title: 'Møte 2028-02-10' }, { id: '2028-03-09', date: '2028-03-09', title: 'Møte 2028-03-09' }] },
      { year: 2029, meetings: [{ id: '2029-01-11', date: '2029-01-11', title: 'Møte 2029-01-11' }] },
    ]);
  });

  it('is empty when every meeting ahead has its pot, and a pot set later takes the year off', () => {
    expect(missingPots([meeting('2027-12-09'), meeting('2026-12-10')], pots, now)).toEqual([]);
    expect(missingPots([meeting('2028-02-10')], { ...pots, '2028': 0 }, now)).toEqual([]);
  });

  it("counts today's meeting, started or not, but not one on an earlier day", () => {
    const today = meeting('2028-02-10');
    expect(missingPots([today], pots, new Date('2028-02-10T15:00:00Z')).map((p) => p.year)).toEqual([2028]);
    expect(missingPots([today], pots, new Date('2028-02-10T22:59:59Z')).map((p) => p.year)).toEqual([2028]); // 23:59:59 Oslo
    expect(missingPots([today], pots, new Date('2028-02-10T23:00:00Z'))).toEqual([]); // the next Oslo day
  });
});
