// Amounts as Norwegian writes them, one form for pages, error messages, CSV notes and e-mails.
// Hand-rolled so the output does not depend on ICU data (cold start), with plain spaces so a page,
// a plain-text e-mail and a test compare the same text.

/** 1250000 → '1 250 000'; -5000 → '-5 000' (whole numbers; plain spaces). */
export function groupThousands(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** 250000 → '250 000 kr'; 1234.5 → '1 234,50 kr'; -5000 → '-5 000 kr'. */
export function formatNok(amount: number): string {
  if (!Number.isFinite(amount)) throw new RangeError(`Not an amount: ${amount}`);
  const cents = Math.round(Math.abs(amount) * 100);
  const whole = groupThousands(Math.floor(cents / 100));
  const fraction = cents % 100 === 0 ? '' : `,${(cents % 100).toString().padStart(2, '0')}`;
  return `${amount < 0 && cents > 0 ? '-' : ''}${whole}${fraction} kr`;
}
