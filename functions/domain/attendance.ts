// Who attended a meeting, as its minutes list them (pure): one person per line, a name and then,
// after a comma or in parentheses, the role or body ("Ingrid Bø, medlem (Sandnes kommune)").

/** Text compared as a reader would: Unicode-composed, letter case and runs of whitespace ignored, Norwegian letters kept. */
function comparable(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');
}

/** An attendee's name: the line before its first comma or parenthesis. */
function nameOf(line: string): string {
  return comparable(line.split(/[,(]/, 1)[0]!);
}

/** A name written for someone who stepped aside, matched against those present: their line, or why it matches none. */
export type AttendeeMatch = { line: string } | { problem: string };

/**
 * The attendee a name written for a disqualification (inhabilitet) means: the line under «Til stede»
 * it repeats, else the one whose name (the part before the first comma or parenthesis) it is. A name
 * that matches no one, or more than one attendee, is refused with the reason (bokmål).
 */
export function matchAttendee(present: readonly string[], written: string): AttendeeMatch {
  const text = comparable(written);
  const whole = present.find((line) => comparable(line) === text);
  if (whole !== undefined) return { line: whole };
  const named = [...new Set(present.filter((line) => nameOf(line) === text))];
  if (named.length === 1) return { line: named[0]! };
  if (named.length === 0) return { problem: `${written} står ikke blant dem som var til stede. Skriv navnet slik det står der.` };
  return { problem: `Flere som var til stede, heter ${written}: ${named.map((l) => `«${l}»`).join(' og ')}. Skriv hele linjen slik den står under «Til stede».` };
}

/**
 * The disqualifications by case, each name replaced by the attendee's line (once per case), and per
 * case the first name that matches no one or several (a field error each). Cases without anyone are left out.
 */
export function recusalsOfAttendees(present: readonly string[], recused: Readonly<Record<string, readonly string[]>>): { recused: Record<string, string[]>; problems: Record<string, string> } {
  const resolved: Record<string, string[]> = {};
  const problems: Record<string, string> = {};
  for (const [caseId, names] of Object.entries(recused)) {
    const matches = names.map((name) => matchAttendee(present, name));
    const problem = matches.flatMap((m) => ('problem' in m ? [m.problem] : []))[0];
    const lines = matches.flatMap((m) => ('line' in m ? [m.line] : []));
    if (problem !== undefined) problems[caseId] = problem;
    else if (lines.length > 0) resolved[caseId] = [...new Set(lines)];
  }
  return { recused: resolved, problems };
}
