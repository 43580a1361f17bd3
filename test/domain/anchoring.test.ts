import { describe, expect, it } from 'vitest';
import { anchoringGroup, decisionCopyTo, groupRegister, publishedAnchoring, type AnchoringGroup } from '../../functions/domain/anchoring';

const register: AnchoringGroup[] = [
  { id: 'tmg-eldre', kind: 'service-model-group', name: 'TMG for skrøpelige eldre', leaderEmail: 'leder@hf.example', deputyLeaderEmail: 'nestleder@kommune.example' },
  { id: 'fagrad-ikt', kind: 'professional-council', name: 'Fagråd for IKT', leaderEmail: 'ikt-leder@hf.example', deputyLeaderEmail: 'ikt-nestleder@kommune.example' },
];
const direct = { kind: 'direct' as const, justification: 'Drøftet med kommuneoverlegene.' };

describe('the copy of a decision goes to the register\'s leaders', () => {
  it('a group named by id gets the copy at the addresses the register has now', () => {
    expect(anchoringGroup({ kind: 'group', groupId: 'fagrad-ikt' }, register)).toMatchObject({ leaderEmail: 'ikt-leder@hf.example', deputyLeaderEmail: 'ikt-nestleder@kommune.example' });
    const newLeader = register.map((g) => (g.id === 'fagrad-ikt' ? { ...g, leaderEmail: 'ny-leder@hf.example' } : g));
    expect(anchoringGroup({ kind: 'group', groupId: 'fagrad-ikt' }, newLeader)?.leaderEmail).toBe('ny-leder@hf.example');
  });
  it('no copy for a project sent directly, without anchoring, or for a group the register no longer has', () => {
    expect(anchoringGroup(direct, register)).toBeUndefined();
    expect(anchoringGroup(undefined, register)).toBeUndefined();
    expect(anchoringGroup({ kind: 'group', groupId: 'nedlagt' }, register)).toBeUndefined();
  });
  it('applications sent before the register keep the addresses they were sent with', () => {
    const typed = { kind: 'service-model-group' as const, name: 'TMG', leaderEmail: 'a@b.example', deputyLeaderEmail: 'c@d.example' };
    expect(anchoringGroup(typed, register)).toEqual(typed);
  });
  it('the secretariat sees who gets the copy, and when nobody does because the group is gone', () => {
    expect(decisionCopyTo({ kind: 'group', groupId: 'tmg-eldre' }, register)?.leaderEmail).toBe('leder@hf.example');
    expect(decisionCopyTo({ kind: 'group', groupId: 'nedlagt' }, register)).toBeNull();
    expect(decisionCopyTo(direct, register)).toBeUndefined();
    expect(decisionCopyTo(undefined, register)).toBeUndefined();
  });
});

describe('what partners and the committee see', () => {
  it('the group\'s kind and name, never the leaders\' addresses', () => {
    expect(publishedAnchoring({ kind: 'group', groupId: 'tmg-eldre' }, register)).toEqual({ kind: 'service-model-group', name: 'TMG for skrøpelige eldre' });
    expect(publishedAnchoring(direct, register)).toEqual(direct);
    expect(publishedAnchoring(undefined, register)).toBeUndefined();
  });
  it('a group removed from the register is still named by its id', () => {
    expect(publishedAnchoring({ kind: 'group', groupId: 'nedlagt' }, register)).toEqual({ kind: 'group', name: 'nedlagt (finnes ikke lenger i registeret)' });
  });
  it('a scheme without groups has an empty register', () => {
    expect(groupRegister({ anchoring: undefined })).toEqual([]);
    expect(groupRegister({ anchoring: { allowDirect: false, groups: register } })).toBe(register);
  });
});
