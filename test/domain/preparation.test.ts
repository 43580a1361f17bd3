import { describe, expect, it } from 'vitest';
import { decisionBlockedByPreparation, recommendationProblems, type PreparationStep } from '../../functions/domain/preparation';
import { canTransition } from '../../functions/domain/status-transitions';

const ranked: PreparationStep = { body: { shortName: 'SSU', name: 'Strategisk samarbeidsutvalg' }, ranked: true };
const unranked: PreparationStep = { body: { shortName: 'AU', name: 'Arbeidsutvalget' }, ranked: false };

describe('two-level review: the committee decides after the first level', () => {
  it('blocks approve/reject/defer on a scheduled application until the recommendation is in', () => {
    expect(decisionBlockedByPreparation(ranked, 'scheduled')).toBe('SSU må gi sin innstilling før vedtaket kan registreres.');
    expect(decisionBlockedByPreparation(ranked, 'recommended')).toBeUndefined();
  });

  it('blocks an early rejection too (sent in, deferred, waiting for more information): nothing bypasses the first level', () => {
    for (const status of ['submitted', 'deferred', 'more_information_requested'] as const) {
      expect(decisionBlockedByPreparation(unranked, status)).toBe('AU må gi sin innstilling før vedtaket kan registreres.');
      expect(decisionBlockedByPreparation(undefined, status)).toBeUndefined();
    }
  });

  it('never blocks in a scheme without a first level', () => {
    expect(decisionBlockedByPreparation(undefined, 'scheduled')).toBeUndefined();
  });

  it('lets a recommendation be corrected and a new round start when the application moves', () => {
    expect(canTransition('scheduled', 'recommended')).toBe(true);
    expect(canTransition('recommended', 'recommended')).toBe(true);
    expect(canTransition('recommended', 'scheduled')).toBe(true);
    expect(canTransition('recommended', 'approved')).toBe(true);
    expect(canTransition('submitted', 'recommended')).toBe(false);
    expect(canTransition('deferred', 'recommended')).toBe(false);
  });
});

describe('recommendation rules', () => {
  it('a ranked scheme needs a rank for a recommended application, and none for one it does not recommend', () => {
    expect(recommendationProblems(ranked, { recommended: true })).toEqual({ rank: 'Oppgi prioritet (1 er høyest) i SSUs rangering.' });
    expect(recommendationProblems(ranked, { recommended: true, rank: 2 })).toBeUndefined();
    expect(recommendationProblems(ranked, { recommended: false })).toBeUndefined();
    expect(recommendationProblems(ranked, { recommended: false, rank: 3 })).toEqual({ rank: 'Bare søknader som innstilles, får en prioritet; la prioritet stå tom.' });
  });

  it('an unranked scheme takes no rank', () => {
    expect(recommendationProblems(unranked, { recommended: true })).toBeUndefined();
    expect(recommendationProblems(unranked, { recommended: false })).toBeUndefined();
    expect(recommendationProblems(unranked, { recommended: true, rank: 1 })).toEqual({ rank: 'AU rangerer ikke søknadene; la prioritet stå tom.' });
  });

  it('where the members are set up, the recommendation says which of them took part', () => {
    const withMembers: PreparationStep = { ...unranked, members: [{ represents: 'municipality', title: 'Kommunene' }, { represents: 'user-representative', title: 'Brukerrepresentant' }] };
    expect(recommendationProblems(withMembers, { recommended: true })).toEqual({ participants: 'Kryss av hvem i AU som deltok i innstillingen.' });
    expect(recommendationProblems(withMembers, { recommended: true, participants: ['municipality'] })).toBeUndefined();
    expect(recommendationProblems(withMembers, { recommended: true, participants: ['hospital-trust'] })).toEqual({ participants: 'Velg blant medlemmene som er satt opp for ordningen.' });
    expect(recommendationProblems(unranked, { recommended: true, participants: ['municipality'] })).toEqual({ participants: 'Ingen medlemmer av AU er satt opp for ordningen; la deltakerne stå tomme.' });
  });
});
