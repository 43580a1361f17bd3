// Grants by national guideline area: what the hospital trust reports to the regional health
// authority (the November follow-up meeting and the annual report) and the committee to its
// strategic committee. A grant that names several areas counts under each of them.

export interface GuidelineArea {
  id: string;
  label: string;
}

export interface GrantAreas {
  guidelineAreas: readonly string[];
  /** Innlandet: the grant meets another need instead of (or beside) a guideline area */
  otherNeed: boolean;
  amount: number;
  /** decided in the period (its amount counts as allocated in the period) */
  newInPeriod: boolean;
}

export interface AreaTotal {
  id: string;
  label: string;
  grants: number;
  newGrants: number;
  /** allocated in the period to the grants that name the area */
  allocated: number;
}

export const OTHER_NEED_AREA: GuidelineArea = { id: 'other-need', label: 'Andre behov' };

/**
 * One total per configured area (in configuration order, areas with no grant too, so the report
 * always has the same rows), then any area a grant names that the configuration no longer has,
 * then "Andre behov" when a grant names one.
 */
export function totalsByGuidelineArea(areas: readonly GuidelineArea[], grants: readonly GrantAreas[]): AreaTotal[] {
  const totals = new Map<string, AreaTotal>(areas.map((a) => [a.id, { id: a.id, label: a.label, grants: 0, newGrants: 0, allocated: 0 }]));
  const add = (id: string, label: string, grant: GrantAreas) => {
    const total = totals.get(id) ?? { id, label, grants: 0, newGrants: 0, allocated: 0 };
    total.grants += 1;
    if (grant.newInPeriod) {
      total.newGrants += 1;
      total.allocated += grant.amount;
    }
    totals.set(id, total);
  };
  for (const grant of grants) {
    for (const id of new Set(grant.guidelineAreas)) add(id, id, grant);
  }
  for (const grant of grants) if (grant.otherNeed) add(OTHER_NEED_AREA.id, OTHER_NEED_AREA.label, grant);
  return [...totals.values()];
}

/** The labels of the areas a grant names, for a row of the report ('Andre behov' last). */
export function areaLabels(areas: readonly GuidelineArea[], grant: Pick<GrantAreas, 'guidelineAreas' | 'otherNeed'>): string[] {
  const labels = grant.guidelineAreas.map((id) => areas.find((a) => a.id === id)?.label ?? id);
  return grant.otherNeed ? [...labels, OTHER_NEED_AREA.label] : labels;
}
