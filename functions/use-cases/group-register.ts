// The register of service-model groups and professional councils (schemes with `anchoring`): the
// groups are configuration, as applications name them by id; who leads each is the secretariat's
// to keep. A new leader's addresses set here get the copy of every decision sent after the change
// (002: "med kopi til leder og nestleder"), with no deployment.
import { ConflictError, NotFoundError } from '../domain/errors';
import { groupRegister, withLeaders, type AnchoringGroup } from '../domain/anchoring';
import type { Actor, GroupLeadersRecord } from '../domain/model';
import { actorName } from '../domain/staff-name';
import type { Dependencies } from '../composition';
import type { GroupLeaders } from '../../schemas/requests.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { loadScheme } from './load-application';
import { withFreshRead } from './move-application';

/** The register as it stands: the configuration's groups with the leaders the secretariat has set (one Query; none without groups). */
export async function currentGroupRegister(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig): Promise<readonly AnchoringGroup[]> {
  const groups = groupRegister(scheme);
  return groups.length === 0 ? groups : withLeaders(groups, await deps.store.listGroupLeaders(scheme.id));
}

function schemeWithGroups(deps: Pick<Dependencies, 'scheme'>, schemeId: string): SchemeConfig & { anchoring: NonNullable<SchemeConfig['anchoring']> } {
  const scheme = loadScheme(deps, schemeId);
  if (!scheme.anchoring) throw new NotFoundError(`${scheme.name} har ikke tjenestemodellgrupper eller fagråd.`);
  return scheme as SchemeConfig & { anchoring: NonNullable<SchemeConfig['anchoring']> };
}

/** The register for the secretariat's page and API: each group, its leaders now, and the last change (when, by whom, from what). */
export async function groupRegisterView(deps: Dependencies, schemeId: string) {
  const scheme = schemeWithGroups(deps, schemeId);
  const changed = await deps.store.listGroupLeaders(scheme.id);
  return {
    schemeId: scheme.id,
    schemeName: scheme.name,
    committee: scheme.committee.shortName,
    groups: withLeaders(scheme.anchoring.groups, changed).map(({ id, kind, name, leaderEmail, deputyLeaderEmail }) => {
      const c = changed.find((x) => x.groupId === id);
      return { id, kind, name, leaderEmail, deputyLeaderEmail, changed: c ? { at: c.updatedAt, by: actorName(c.updatedBy), previous: c.previous } : null };
    }),
  };
}

/** A group's new leaders (a repeat of the same addresses changes nothing). Conditional on the record read: two at once, the second reads again. */
export function updateGroupLeaders(deps: Dependencies, schemeId: string, groupId: string, input: GroupLeaders, actor: Actor): Promise<{ groupId: string; leaderEmail: string; deputyLeaderEmail: string; changed: boolean }> {
  return withFreshRead(async () => {
    const scheme = schemeWithGroups(deps, schemeId);
    const group = scheme.anchoring.groups.find((g) => g.id === groupId);
    if (!group) throw new NotFoundError(`Fant ikke gruppen i registeret til ${scheme.name}.`);
    const stored = (await deps.store.listGroupLeaders(scheme.id)).find((r) => r.groupId === groupId);
    const now = { leaderEmail: stored?.leaderEmail ?? group.leaderEmail, deputyLeaderEmail: stored?.deputyLeaderEmail ?? group.deputyLeaderEmail };
    if (now.leaderEmail === input.leaderEmail && now.deputyLeaderEmail === input.deputyLeaderEmail) return { groupId, ...now, changed: false };
    const record: GroupLeadersRecord = {
      schemeId: scheme.id, groupId, leaderEmail: input.leaderEmail, deputyLeaderEmail: input.deputyLeaderEmail,
      updatedAt: deps.clock.now().toISOString(), updatedBy: actor, previous: now, revision: (stored?.revision ?? 0) + 1,
    };
    if (!(await deps.store.saveGroupLeaders(record))) throw new ConflictError('Registeret ble endret samtidig. Prøv igjen.', 'stale');
    return { groupId, leaderEmail: record.leaderEmail, deputyLeaderEmail: record.deputyLeaderEmail, changed: true };
  });
}
