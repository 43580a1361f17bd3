// A tiny escaping template: html`<p>${text}</p>` escapes every interpolation unless it is already
// SafeHtml (another html`` result or raw()), and html`<a href=${url}>` also quotes the value.
// Arrays are joined; null, undefined and booleans render nothing, so `${cond && html`…`}` works.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type Html = SafeHtml;
export type Interpolation = SafeHtml | string | number | boolean | null | undefined | readonly Interpolation[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function render(value: Interpolation): string {
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return escapeHtml(String(value));
}

/** An interpolation right after `name=` is an unquoted attribute value: it gets quotes, so a space can never start a new attribute. */
const UNQUOTED_ATTRIBUTE = /[\s"'][A-Za-z][A-Za-z0-9-]*=$/;

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const rendered = render(value);
    out += UNQUOTED_ATTRIBUTE.test(out.slice(-80)) ? `"${rendered.replace(/"/g, '&quot;')}"` : rendered;
    out += strings[i + 1] ?? '';
  });
  return new SafeHtml(out);
}

/** A trusted fragment (the page's own CSS, a pre-rendered block): inserted without escaping. */
export function raw(value: string): SafeHtml {
  return new SafeHtml(value);
}

export function join(parts: readonly Interpolation[], separator: Interpolation = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(parts.map(render).filter((p) => p !== '').join(sep));
}

export type AttributeValue = string | number | boolean | null | undefined;

/**
 * Attributes from an object: strings and numbers are escaped, `true` renders the bare attribute,
 * false/null/undefined leave it out. Names must be plain attribute names (never user input).
 */
export function attrs(values: Record<string, AttributeValue>): SafeHtml {
  let out = '';
  for (const [name, value] of Object.entries(values)) {
    if (!/^[a-z][a-z0-9-]*$/i.test(name)) throw new Error(`Invalid attribute name ${name}`);
    if (value === false || value === null || value === undefined) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return new SafeHtml(out);
}
