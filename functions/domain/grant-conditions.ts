// The conditions every grant is given on (002: used as described, reallocation only with the
// committee's prior approval, repayment on misuse): the decision letter states them, and the owner's
// page repeats them for as long as the grant runs.

/** The conditions, in bokmål, naming the deciding committee by its short name. */
export function grantConditions(committee: string): string[] {
  return [
    'Tilskuddet skal brukes slik det er beskrevet i søknaden.',
    `Omdisponering av midlene krever forhåndsgodkjenning fra ${committee}.`,
    'Brukes ikke midlene i tråd med prosjektbeskrivelsen, kan hele eller deler av tilskuddet måtte betales tilbake.',
  ];
}
