import { describe, expect, it } from 'vitest';
import { approvalProblems } from '../../functions/domain/approval';
import { reportFigureProblems } from '../../functions/domain/reports';

const RULES = { requestedAmount: 500_000, maxPeriodMonths: 12, today: '2026-12-10' };

describe('approvalProblems', () => {
  it('every problem of the amount and the period at once, at their fields', () => {
    expect(approvalProblems({ amount: 600_000, periodStart: '2027-01-01', periodEnd: '2028-01-31' }, RULES)).toEqual({
      amount: 'Tildelt beløp kan ikke være større enn omsøkt beløp (500 000 kr).',
      periodEnd: 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.12.2027).',
    });
    expect(approvalProblems({ amount: 400_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' }, RULES)).toEqual({});
  });

  it('on what is known: a period already over without a start, an amount without a period', () => {
    expect(approvalProblems({ periodEnd: '2026-12-09' }, RULES)).toEqual({ periodEnd: 'Perioden er allerede over (sluttdato 09.12.2026). Velg en sluttdato fra og med 10.12.2026.' });
    expect(approvalProblems({ amount: 500_001 }, RULES)).toEqual({ amount: 'Tildelt beløp kan ikke være større enn omsøkt beløp (500 000 kr).' });
    expect(approvalProblems({}, RULES)).toEqual({});
  });
});

describe('reportFigureProblems', () => {
  it('more spent than granted, when both are known', () => {
    expect(reportFigureProblems({ spentAmount: 900_000 }, { amount: 850_000 })).toEqual({ spentAmount: 'Beløpet brukt hittil kan ikke være større enn tilskuddet (850 000 kr).' });
    expect(reportFigureProblems({ spentAmount: 850_000 }, { amount: 850_000 })).toEqual({});
    expect(reportFigureProblems({}, { amount: 850_000 })).toEqual({});
    expect(reportFigureProblems({ spentAmount: 900_000 }, undefined)).toEqual({});
  });
});
