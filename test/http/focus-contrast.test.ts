// WCAG 2.1 1.4.11 (non-text contrast): a focus indicator needs 3:1 against what is around it. The
// pages are white, so every outline a :focus rule draws must reach 3:1 against white; axe does not
// check focus styles, and a pale one (a yellow outline alone, 1.6:1) is easy to add by mistake.
import { describe, expect, it } from 'vitest';
import { APP_CSS } from '../../functions/pages/styles';

function luminance(hex: string): number {
  const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, '#$1$1$2$2$3$3') : hex;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(full.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrastOnWhite = (hex: string): number => 1.05 / (luminance(hex) + 0.05);

describe('focus indicators', () => {
  const focusRules = [...APP_CSS.matchAll(/([^{}]*:focus[^{}]*)\{([^}]*)\}/g)].map(([, selector, body]) => ({ selector: selector!.trim(), body: body! }));

  it('the pages style focus', () => {
    expect(focusRules.some((r) => r.selector.includes(':focus-visible'))).toBe(true);
  });

  it('every outline a :focus rule draws has at least 3:1 against the white page', () => {
    for (const { selector, body } of focusRules) {
      for (const [, colour] of body.matchAll(/outline:[^;]*?(#[0-9a-fA-F]{3,6})\b/g)) {
        expect(contrastOnWhite(colour!), `${selector}: outline ${colour}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('measures contrast as WCAG does', () => {
    expect(contrastOnWhite('#000')).toBeCloseTo(21, 0);
    expect(contrastOnWhite('#ffbf47')).toBeLessThan(3);
    expect(contrastOnWhite('#1b1b1b')).toBeGreaterThan(15);
  });
});
