// Where a project is anchored before it reaches the committee (schemes with scheme.anchoring; the
// schema is in schemas/application.schema.ts): one of the community's service-model groups or
// professional councils, or, where the scheme allows it, directly to the committee with a
// justification (002).
//
// The groups and their leaders' addresses are the secretariat's register in the scheme's
// configuration (scheme.anchoring.groups). The applicant picks a group by id: an address typed into
// the form could send the committee's binding letter to anyone, and a typo would lose the copy.

import type { SchemeConfig } from '../../schemas/scheme-config.schema';

/** Groups whose leader and deputy get a copy of the committee's decisions (Sør-Rogaland). */
export const ANCHORING_GROUP_KINDS = ['service-model-group', 'professional-council'] as const;
export type AnchoringGroupKind = (typeof ANCHORING_GROUP_KINDS)[number];
/** Anchored in one of the register's groups. */
export const GROUP_ANCHORING = 'group';
/** Sent straight to the committee, with a justification and how it was anchored (002). */
export const DIRECT_ANCHORING = 'direct';

/** One entry of the register: a group, and who gets the copy of the decisions for it. */
export interface AnchoringGroup {
  id: string;
  kind: AnchoringGroupKind;
  name: string;
  leaderEmail: string;
  deputyLeaderEmail: string;
}

export interface GroupAnchoring {
  kind: typeof GROUP_ANCHORING;
  groupId: string;
}

export interface DirectAnchoring {
  kind: typeof DIRECT_ANCHORING;
  justification: string;
}

/**
 * Applications sent before the register kept the group and its leaders' addresses as the
 * applicant typed them; they are read as stored.
 */
export interface TypedGroupAnchoring {
  kind: AnchoringGroupKind;
  name: string;
  leaderEmail: string;
  deputyLeaderEmail: string;
}

export type Anchoring = GroupAnchoring | DirectAnchoring | TypedGroupAnchoring;

/** Who gets the copy of a decision. */
export type GroupCopy = Omit<AnchoringGroup, 'id'>;

/**
 * What partners and the agenda see: the group's name or the justification, not the leaders'
 * addresses. A group the register no longer has is named by its id, with kind 'group'.
 */
export type PublishedAnchoring = { kind: AnchoringGroupKind | typeof GROUP_ANCHORING; name: string } | DirectAnchoring;

/**
 * The group whose leader and deputy get a copy of the committee's decisions (002: "Tilbakemeldingen
 * sendes med kopi til leder og nestleder av aktuell tjenestemodellgruppe/fagråd"), as the register
 * has it now: a new leader gets the copies of decisions made after the change. None for a project
 * sent directly, in a scheme without groups, or for a group the register no longer has.
 */
export function anchoringGroup(anchoring: Anchoring | undefined, register: readonly AnchoringGroup[]): GroupCopy | undefined {
  if (!anchoring || anchoring.kind === DIRECT_ANCHORING) return undefined;
  if (anchoring.kind === GROUP_ANCHORING) return register.find((g) => g.id === anchoring.groupId);
  return anchoring;
}

/**
 * Who gets the copy of the decisions, as the secretariat's case shows it: undefined where the
 * project names no group, null where the register no longer has the group it names.
 */
export function decisionCopyTo(anchoring: Anchoring | undefined, register: readonly AnchoringGroup[]): GroupCopy | null | undefined {
  if (!anchoring || anchoring.kind === DIRECT_ANCHORING) return undefined;
  return anchoringGroup(anchoring, register) ?? null;
}

/** The register of a scheme's groups (empty where the scheme has none). */
export function groupRegister(scheme: Pick<SchemeConfig, 'anchoring'>): readonly AnchoringGroup[] {
  return scheme.anchoring?.groups ?? [];
}

/**
 * The register as the secretariat keeps it: the configuration's groups (their ids, kinds and names
 * are what applications name), with the leaders' addresses the secretariat has changed since.
 */
export function withLeaders(register: readonly AnchoringGroup[], changed: ReadonlyArray<Pick<AnchoringGroup, 'leaderEmail' | 'deputyLeaderEmail'> & { groupId: string }>): AnchoringGroup[] {
  return register.map((g) => {
    const c = changed.find((x) => x.groupId === g.id);
    return c ? { ...g, leaderEmail: c.leaderEmail, deputyLeaderEmail: c.deputyLeaderEmail } : g;
  });
}

export function publishedAnchoring(anchoring: Anchoring | undefined, register: readonly AnchoringGroup[]): PublishedAnchoring | undefined {
  if (!anchoring) return undefined;
  if (anchoring.kind === DIRECT_ANCHORING) return anchoring;
  const group = anchoringGroup(anchoring, register);
  if (group) return { kind: group.kind, name: group.name };
  // A group removed from the register is still named, so the committee sees where the project came from.
  return { kind: GROUP_ANCHORING, name: `${anchoring.kind === GROUP_ANCHORING ? anchoring.groupId : ''} (finnes ikke lenger i registeret)` };
}
