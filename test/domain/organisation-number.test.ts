import { describe, expect, it } from 'vitest';
import {
  isValidOrganisationNumber,
  normaliseOrganisationNumber,
  organisationNumberProblem,
} from '../../functions/domain/organisation-number';

describe('organisation numbers', () => {
  it.each([
    ['983974724', 'Helse Bergen HF'],
    ['983974678', 'Helse Stavanger HF'],
    ['983971709', 'Sykehuset Innlandet HF'],
    ['964965226', 'Stavanger kommune'],
  ])('accepts %s (%s)', (n) => {
    expect(isValidOrganisationNumber(n)).toBe(true);
    expect(organisationNumberProblem(n)).toBeUndefined();
  });

  it('computes check digits by modulus 11, remainder 0 giving check digit 0', () => {
    // 9,1,0,0,0,0,0,0: 9*3 + 1*2 = 29; 29 % 11 = 7 → check digit 11 - 7 = 4
    expect(organisationNumberProblem('910000004')).toBeUndefined();
    // 9,0,0,0,0,0,2,0: 9*3 + 2*3 = 33; 33 % 11 = 0 → check digit 0
    expect(organisationNumberProblem('900000200')).toBeUndefined();
    expect(organisationNumberProblem('900000201')).toBe('check-digit');
  });

  it('rejects a wrong check digit', () => {
    expect(organisationNumberProblem('983974725')).toBe('check-digit');
    expect(isValidOrganisationNumber('983974725')).toBe(false);
    expect(organisationNumberProblem('983971700')).toBe('check-digit');
    expect(organisationNumberProblem('964965227')).toBe('check-digit');
  });

  it('rejects every number whose weighted sum leaves remainder 1', () => {
    // 98397452: 27+16+21+54+35+16+15+4 = 188 = 17*11 + 1 → no check digit exists
    for (let check = 0; check <= 9; check++) {
      expect(organisationNumberProblem(`98397452${check}`)).toBe('check-digit');
    }
    // 00000006: 6*2 = 12 = 11 + 1
    for (let check = 0; check <= 9; check++) {
      expect(isValidOrganisationNumber(`00000006${check}`)).toBe(false);
    }
  });

  it.each(['98397472', '9839747240', '', '983 974 724', '98397472a', '９８３９７４７２４', '-98397472', '983974724\n'])(
    'rejects %j as a format problem',
    (s) => {
      expect(organisationNumberProblem(s)).toBe('format');
      expect(isValidOrganisationNumber(s)).toBe(false);
    },
  );

  it('normalises typed spaces, after which the number validates', () => {
    expect(normaliseOrganisationNumber(' 983 974\u00a0724 ')).toBe('983974724');
    expect(isValidOrganisationNumber(normaliseOrganisationNumber('983 974 724'))).toBe(true);
  });
});
