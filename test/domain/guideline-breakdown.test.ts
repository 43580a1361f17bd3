import { describe, expect, it } from 'vitest';
import { areaLabels, totalsByGuidelineArea } from '../../functions/domain/guideline-breakdown';

const AREAS = [
  { id: 'waiting-times', label: 'Redusere ventetidene' },
  { id: 'recruitment', label: 'Rekruttering' },
  { id: 'cost-shift', label: 'Kostnader og innsparing' },
];

describe('totalsByGuidelineArea', () => {
  it('counts a grant under every area it names; only grants decided in the period add to allocated', () => {
    const totals = totalsByGuidelineArea(AREAS, [
      { guidelineAreas: ['waiting-times', 'recruitment'], otherNeed: false, amount: 500_000, newInPeriod: true },
      { guidelineAreas: ['recruitment'], otherNeed: false, amount: 300_000, newInPeriod: false },
    ]);
    expect(totals).toEqual([
      { id: 'waiting-times', label: 'Redusere ventetidene', grants: 1, newGrants: 1, allocated: 500_000 },
      { id: 'recruitment', label: 'Rekruttering', grants: 2, newGrants: 1, allocated: 500_000 },
      // an area with no grant keeps its row, so every report has the same rows
      { id: 'cost-shift', label: 'Kostnader og innsparing', grants: 0, newGrants: 0, allocated: 0 },
    ]);
  });

  it('an area named twice counts once; an area the configuration no longer has, and "Andre behov", come last', () => {
    const totals = totalsByGuidelineArea(AREAS, [
      { guidelineAreas: ['recruitment', 'recruitment', 'retired-area'], otherNeed: false, amount: 100_000, newInPeriod: true },
      { guidelineAreas: [], otherNeed: true, amount: 200_000, newInPeriod: true },
    ]);
    expect(totals.map((t) => [t.id, t.label, t.grants, t.allocated])).toEqual([
      ['waiting-times', 'Redusere ventetidene', 0, 0],
      ['recruitment', 'Rekruttering', 1, 100_000],
      ['cost-shift', 'Kostnader og innsparing', 0, 0],
      ['retired-area', 'retired-area', 1, 100_000],
      ['other-need', 'Andre behov', 1, 200_000],
    ]);
  });

  it('no grants: every configured area at zero, no "Andre behov"', () => {
    expect(totalsByGuidelineArea(AREAS, []).map((t) => t.grants)).toEqual([0, 0, 0]);
  });
});

describe('areaLabels', () => {
  it("names the grant's areas by their labels, 'Andre behov' last", () => {
    expect(areaLabels(AREAS, { guidelineAreas: ['cost-shift', 'waiting-times'], otherNeed: true })).toEqual(['Kostnader og innsparing', 'Redusere ventetidene', 'Andre behov']);
    expect(areaLabels(AREAS, { guidelineAreas: ['gone'], otherNeed: false })).toEqual(['gone']);
  });
});
