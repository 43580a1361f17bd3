// Norwegian organisation numbers (Enhetsregisteret): 9 digits, the last a modulus-11 check digit.

const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export type OrganisationNumberProblem = 'format' | 'check-digit';

/** Why a string is not a valid organisation number, or undefined when it is. No normalisation. */
export function organisationNumberProblem(s: string): OrganisationNumberProblem | undefined {
  if (!/^\d{9}$/.test(s)) return 'format';
  const digits = [...s].map(Number);
  return expectedCheckDigit(digits.slice(0, 8)) === digits[8] ? undefined : 'check-digit';
}

export function isValidOrganisationNumber(s: string): boolean {
  return organisationNumberProblem(s) === undefined;
}

/** Removes the spaces people type or paste ('983 974 724'); validate the result. */
export function normaliseOrganisationNumber(s: string): string {
  return s.replace(/[\s\u00a0]/g, '');
}

/** Remainder 0 → check digit 0; remainder 1 → no digit fits, so no such number is ever issued. */
function expectedCheckDigit(first8: number[]): number | undefined {
  const sum = first8.reduce((acc, digit, i) => acc + digit * (WEIGHTS[i] ?? 0), 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}
