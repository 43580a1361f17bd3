// Where a project is anchored before it reaches the committee (schemes with scheme.anchoring; see
// schemas/application.schema.ts): a service-model group or professional council, or, where the
// scheme allows it, directly to the committee with a justification (002).

export interface AnchoringGroup {
  kind: 'service-model-group' | 'professional-council';
  name: string;
  leaderEmail: string;
  deputyLeaderEmail: string;
}

export interface DirectAnchoring {
  kind: 'direct';
  justification: string;
}

/**
 * The group whose leader and deputy get a copy of the committee's decisions (002: "Tilbakemeldingen
 * sendes med kopi til leder og nestleder av aktuell tjenestemodellgruppe/fagråd"); none for a project
 * sent directly, or in a scheme without such groups.
 */
export function anchoringGroup(anchoring: AnchoringGroup | DirectAnchoring | undefined): AnchoringGroup | undefined {
  return anchoring && anchoring.kind !== 'direct' ? anchoring : undefined;
}
