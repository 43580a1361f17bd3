// Where a project is anchored before it reaches the committee (schemes with scheme.anchoring; the
// schema is in schemas/application.schema.ts): a service-model group or professional council, or,
// where the scheme allows it, directly to the committee with a justification (002).

/** Groups whose leader and deputy get a copy of the committee's decisions (Sør-Rogaland). */
export const ANCHORING_GROUP_KINDS = ['service-model-group', 'professional-council'] as const;
/** Sent straight to the committee, with a justification and how it was anchored (002). */
export const DIRECT_ANCHORING = 'direct';

export interface AnchoringGroup {
  kind: (typeof ANCHORING_GROUP_KINDS)[number];
  name: string;
  leaderEmail: string;
  deputyLeaderEmail: string;
}

export interface DirectAnchoring {
  kind: typeof DIRECT_ANCHORING;
  justification: string;
}

export type Anchoring = AnchoringGroup | DirectAnchoring;

/** What partners and the agenda see: the group's name or the justification, not the leaders' addresses. */
export type PublishedAnchoring = Pick<AnchoringGroup, 'kind' | 'name'> | DirectAnchoring;

/**
 * The group whose leader and deputy get a copy of the committee's decisions (002: "Tilbakemeldingen
 * sendes med kopi til leder og nestleder av aktuell tjenestemodellgruppe/fagråd"); none for a project
 * sent directly, or in a scheme without such groups.
 */
export function anchoringGroup(anchoring: Anchoring | undefined): AnchoringGroup | undefined {
  return anchoring && anchoring.kind !== DIRECT_ANCHORING ? anchoring : undefined;
}

export function publishedAnchoring(anchoring: Anchoring | undefined): PublishedAnchoring | undefined {
  if (!anchoring) return undefined;
  const group = anchoringGroup(anchoring);
  return group ? { kind: group.kind, name: group.name } : anchoring;
}
