// A budget line's own contribution: what the partner puts in itself (personnel, money, purchases,
// equipment), next to the grant it asks for.
export interface ContributionLine {
  personnel: number;
  money: number;
  purchases: number;
  equipment: number;
}

export function ownContribution(line: ContributionLine): number {
  return line.personnel + line.money + line.purchases + line.equipment;
}
