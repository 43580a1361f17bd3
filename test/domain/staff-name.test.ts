import { describe, expect, it } from 'vitest';
import { staffDisplayName, actorName } from '../../functions/domain/staff-name';

describe('staffDisplayName', () => {
  const sub = '5c1e9a2b-7d3f-4e8a-9b1c-2d3e4f5a6b7c';
  it('prefers the name, then the e-mail, then the user name, and falls back to the subject', () => {
    expect(staffDisplayName({ sub, name: 'Kari Nordmann', email: 'kari@helse-stavanger.no' }, sub)).toBe('Kari Nordmann');
    expect(staffDisplayName({ sub, email: 'kari@helse-stavanger.no', 'cognito:username': sub }, sub)).toBe('kari@helse-stavanger.no');
    expect(staffDisplayName({ sub, 'cognito:username': 'kari' }, sub)).toBe('kari');
    expect(staffDisplayName({ sub, username: 'kari' }, sub)).toBe('kari');
    expect(staffDisplayName({ sub }, sub)).toBe(sub);
  });

  it('skips empty or non-text claims and bounds the length', () => {
    expect(staffDisplayName({ name: '  ', email: 42, username: ' kari ' }, sub)).toBe('kari');
    expect(staffDisplayName({ name: 'x'.repeat(500) }, sub)).toHaveLength(200);
  });
});

describe('actorName', () => {
  it('is a staff member\'s name, else the subject, else the kind of actor', () => {
    expect(actorName({ kind: 'staff', role: 'secretariat', subject: 'uuid-1', name: 'Kari Nordmann' })).toBe('Kari Nordmann');
    expect(actorName({ kind: 'staff', role: 'finance', subject: 'uuid-2' })).toBe('uuid-2');
    expect(actorName({ kind: 'system', name: 'lifecycle' })).toBe('system');
  });
});
