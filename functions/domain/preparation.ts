// Two-level review: in schemes with a preparatory body (Helse Nord: the health community ranks,
// then the regional committee decides; Midt-Norge: a working committee recommends to ASU), the
// committee decides only on applications that carry that body's recommendation for this round.
import type { ApplicationStatus } from './model';

export interface PreparationStep {
  body: { shortName: string; name: string };
  ranked: boolean;
  /** one per kind (municipality, hospital trust, user representative); none where not appointed yet */
  members?: ReadonlyArray<{ represents: string; title: string }>;
}

/**
 * Why the committee cannot approve, reject or defer yet, or undefined when it can: in a two-level
 * scheme only an application that carries the first level's recommendation for this round, so not
 * even an early rejection (of one sent in, deferred or waiting for more information) bypasses the
 * first level (004: the health community assesses and prioritises "før disse sendes til
 * koordineringsutvalg"). Asking the owner for more information stays open: the preparatory body is
 * often the one asking.
 */
export function decisionBlockedByPreparation(preparation: PreparationStep | undefined, status: ApplicationStatus): string | undefined {
  if (!preparation || status === 'recommended') return undefined;
  return `${preparation.body.shortName} må gi sin innstilling før vedtaket kan registreres.`;
}

export interface RecommendationInput {
  recommended: boolean;
  rank?: number | undefined;
  participants?: readonly string[] | undefined;
}

/** Field errors for a recommendation under the scheme's rules (bokmål), or undefined when it is valid. */
export function recommendationProblems(preparation: PreparationStep, input: RecommendationInput): Record<string, string> | undefined {
  if (preparation.ranked && input.recommended && input.rank === undefined) {
    return { rank: `Oppgi prioritet (1 er høyest) i ${preparation.body.shortName}s rangering.` };
  }
  if (preparation.ranked && !input.recommended && input.rank !== undefined) {
    return { rank: 'Bare søknader som innstilles, får en prioritet; la prioritet stå tom.' };
  }
  if (!preparation.ranked && input.rank !== undefined) {
    return { rank: `${preparation.body.shortName} rangerer ikke søknadene; la prioritet stå tom.` };
  }
  // Where the body's members are set up (Midt-Norge: municipality, hospital and a user representative),
  // the recommendation records who took part, so the committee sees whose voice it carries.
  const members = preparation.members ?? [];
  const participants = input.participants ?? [];
  if (members.length === 0 && participants.length > 0) {
    return { participants: `Ingen medlemmer av ${preparation.body.shortName} er satt opp for ordningen; la deltakerne stå tomme.` };
  }
  if (participants.some((p) => !members.some((m) => m.represents === p))) {
    return { participants: 'Velg blant medlemmene som er satt opp for ordningen.' };
  }
  if (members.length > 0 && participants.length === 0) {
    return { participants: `Kryss av hvem i ${preparation.body.shortName} som deltok i innstillingen.` };
  }
  return undefined;
}
