// The error summary names each field as the user sees it: the text of every link in it (before
// ': ' and the message) is its target's <label> or <legend>, or that label after the field's
// context ('Part 2, kontaktpersonens e-post'). Returns the links that name a field otherwise (and
// a page with no summary linking to fields, so a check cannot pass on a page without errors).
const decode = (text: string) => text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The visible label of the control or fieldset with this id, as text. */
function labelOf(page: string, id: string): string | undefined {
  const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const label = new RegExp(`<label for="${escaped}">([\\s\\S]*?)</label>`).exec(page)?.[1];
  const legend = new RegExp(`<fieldset[^>]* id="${escaped}"[^>]*><legend>([\\s\\S]*?)</legend>`).exec(page)?.[1];
  const text = label ?? legend;
  return text === undefined ? undefined : decode(text.replace(/<[^>]+>/g, ''));
}

export function summaryMismatches(page: string): string[] {
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
  const links = [...summary.matchAll(/<a href="#([^"]+)">([\s\S]*?)<\/a>/g)];
  if (links.length === 0) return ['(no error summary with links to fields)'];
  return links.flatMap(([, id, text]) => {
    const label = labelOf(page, id!);
    const shown = decode(text!);
    if (label === undefined) return [`${shown} (no label for #${id})`];
    const lowered = /^\p{Lu}(?!\p{Lu})/u.test(label) ? label.charAt(0).toLocaleLowerCase('nb') + label.slice(1) : label;
    const named = shown.startsWith(`${label}: `) || new RegExp(`^.+, ${lowered.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `).test(shown);
    return named ? [] : [`${shown} (label: ${label})`];
  });
}
