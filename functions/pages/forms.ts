// Accessible form fields: every control has a <label> (or a fieldset legend for groups), its error
// is shown next to it and tied to it with aria-describedby + aria-invalid, and the error summary at
// the top links to each field by id. Error keys are the zod paths ('partners.0.organisationNumber'),
// which are also the controls' names, so a key maps to an id without a lookup table.
import { attrs, html, type Html, type Interpolation } from './html';
import { limitAt } from '../../schemas/text-limits';

export type FormBody = Record<string, string | string[] | undefined>;
export type FieldErrors = Record<string, string>;

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

interface FieldCommon {
  hint?: Interpolation;
  /** extra class on the control, e.g. 'short' */
  className?: string;
  /**
   * What the field belongs to, when its label alone is ambiguous on the page ('Part 2', a case's title,
   * the form of several on the page): the error summary names the field 'Part 2, kontaktpersonens e-post'.
   * The label itself is always the one the user sees (summaryName), so the summary cannot drift from it.
   */
  context?: string;
}

/** Only own string values of a parsed form body (JSON bodies and odd values are dropped). */
export function toFormBody(body: unknown): FormBody {
  const out: FormBody = {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (typeof value === 'string') out[key] = lineBreaks(value);
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string').map(lineBreaks);
  }
  return out;
}

/** A browser posts a text area's line breaks as CRLF but counts each as one character against maxlength: so does the server. */
const lineBreaks = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Only the named fields: what reaches a strict schema from a form that may carry others. */
export function pickFields(form: FormBody, names: readonly string[]): FormBody {
  return Object.fromEntries(names.filter((n) => form[n] !== undefined).map((n) => [n, form[n]]));
}

export function firstValue(form: FormBody, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function allValues(form: FormBody, name: string): string[] {
  const value = form[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** The form without the given control names (hidden fields the use case must not see). */
export function without(form: FormBody, ...names: string[]): FormBody {
  const out: FormBody = { ...form };
  for (const name of names) delete out[name];
  return out;
}

/**
 * How the error summary names a field: its visible label (or legend), after its context where it has
 * one, with the label's first letter in lower case unless it starts an abbreviation ('Part 2, kontaktpersonens
 * e-post', '«Tittel», tildelt beløp (kr)', 'FSU, nytt møte, dato').
 */
export function summaryName(label: string, context?: string): string {
  if (!context) return label;
  const lower = /^\p{Lu}(?!\p{Lu})/u.test(label) ? label.charAt(0).toLocaleLowerCase('nb') + label.slice(1) : label;
  return `${context}, ${lower}`;
}

/** A form's fields, values and errors. `prefix` keeps ids unique when a page has several forms. */
export class FormState {
  private readonly registered = new Map<string, { id: string; label: string }>();

  constructor(
    readonly values: FormBody = {},
    readonly errors: FieldErrors = {},
    readonly prefix = 'felt',
    /** the longest text each control takes (schemas/text-limits.ts): maxlength, so the browser stops where the server would refuse */
    private readonly limits: ReadonlyMap<string, number> = new Map(),
  ) {}

  idFor(key: string): string {
    return `${this.prefix}-${key.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  }

  value(name: string): string {
    return firstValue(this.values, name);
  }

  hasErrors(): boolean {
    return Object.keys(this.errors).length > 0;
  }

  /** The error shown at a field: its own, or (for groups) the first error of one of its items. */
  errorAt(key: string, group = false): string | undefined {
    if (Object.hasOwn(this.errors, key)) return this.errors[key];
    if (!group) return undefined;
    const child = Object.keys(this.errors).find((k) => k.startsWith(`${key}.`));
    return child ? this.errors[child] : undefined;
  }

  private register(key: string, label: string): string {
    const id = this.idFor(key);
    this.registered.set(key, { id, label });
    return id;
  }

  private describedBy(id: string, hint: boolean, error: boolean): string | undefined {
    const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
    return ids.length ? ids.join(' ') : undefined;
  }

  private parts(id: string, hint: Interpolation | undefined, error: string | undefined): Html {
    return html`${hint ? html`<span class="hint" id=${`${id}-hint`}>${hint}</span>` : ''}${
      error ? html`<span class="error-message" id=${`${id}-error`}><span class="visually-hidden">Feil: </span>${error}</span>` : ''
    }`;
  }

  input(key: string, label: string, options: FieldCommon & { type?: 'text' | 'email' | 'date' | 'time'; autocomplete?: string; inputmode?: 'numeric' | 'email' | 'text'; value?: string; list?: string } = {}): Html {
    const id = this.register(key, summaryName(label, options.context));
    const error = this.errorAt(key);
    const control = html`<input${attrs({
      type: options.type ?? 'text',
      id,
      name: key,
      value: options.value ?? this.value(key),
      class: options.className,
      autocomplete: options.autocomplete,
      inputmode: options.inputmode,
      list: options.list,
      maxlength: limitAt(this.limits, key),
      spellcheck: options.type === 'email' ? 'false' : undefined,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': this.describedBy(id, !!options.hint, !!error),
    })}>`;
    return html`<div class=${error ? 'field field-error' : 'field'}><label for=${id}>${label}</label>${this.parts(id, options.hint, error)}${control}</div>`;
  }

  /** Whole kroner: text with a numeric keyboard, so '250 000' is accepted as typed. */
  amount(key: string, label: string, options: FieldCommon & { value?: string } = {}): Html {
    return this.input(key, label, { ...options, inputmode: 'numeric', className: options.className ?? 'short', autocomplete: 'off' });
  }

  textarea(key: string, label: string, options: FieldCommon & { rows?: number } = {}): Html {
    const id = this.register(key, summaryName(label, options.context));
    const error = this.errorAt(key);
    return html`<div class=${error ? 'field field-error' : 'field'}><label for=${id}>${label}</label>${this.parts(id, options.hint, error)}<textarea${attrs({
      id,
      name: key,
      rows: options.rows ?? 5,
      maxlength: limitAt(this.limits, key),
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': this.describedBy(id, !!options.hint, !!error),
    })}>${this.value(key)}</textarea></div>`;
  }

  select(key: string, label: string, choices: readonly Option[], options: FieldCommon & { placeholder?: string; value?: string } = {}): Html {
    const id = this.register(key, summaryName(label, options.context));
    const error = this.errorAt(key);
    const current = options.value ?? this.value(key);
    return html`<div class=${error ? 'field field-error' : 'field'}><label for=${id}>${label}</label>${this.parts(id, options.hint, error)}<select${attrs({
      id,
      name: key,
      class: options.className,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': this.describedBy(id, !!options.hint, !!error),
    })}>${options.placeholder !== undefined ? html`<option value="">${options.placeholder}</option>` : ''}${choices.map(
      (c) => html`<option${attrs({ value: c.value, selected: c.value === current })}>${c.label}</option>`,
    )}</select></div>`;
  }

  /** Checkboxes or radios in a fieldset; the fieldset's id is the error link target. */
  private choiceGroup(type: 'checkbox' | 'radio', key: string, legend: string, choices: readonly Option[], options: FieldCommon & { checked?: readonly string[] }): Html {
    const id = this.register(key, summaryName(legend, options.context));
    const error = this.errorAt(key, true);
    const checked = new Set(options.checked ?? (type === 'checkbox' ? allValues(this.values, key) : [this.value(key)]));
    const items = choices.map((c, i) => {
      const itemId = `${id}-${i}`;
      return html`<div class="choice"><input${attrs({
        type,
        id: itemId,
        name: key,
        value: c.value,
        checked: checked.has(c.value),
        'aria-invalid': error ? 'true' : undefined,
        'aria-describedby': c.hint ? `${itemId}-hint` : undefined,
      })}><div><label for=${itemId}>${c.label}</label>${c.hint ? html`<span class="hint" id=${`${itemId}-hint`}>${c.hint}</span>` : ''}</div></div>`;
    });
    return html`<fieldset${attrs({
      id,
      tabindex: -1,
      class: error ? 'field-error' : undefined,
      'aria-describedby': this.describedBy(id, !!options.hint, !!error),
    })}><legend>${legend}</legend>${this.parts(id, options.hint, error)}${items}</fieldset>`;
  }

  checkboxes(key: string, legend: string, choices: readonly Option[], options: FieldCommon & { checked?: readonly string[] } = {}): Html {
    return this.choiceGroup('checkbox', key, legend, choices, options);
  }

  radios(key: string, legend: string, choices: readonly Option[], options: FieldCommon & { checked?: readonly string[] } = {}): Html {
    return this.choiceGroup('radio', key, legend, choices, options);
  }

  /** One checkbox that posts `value` when checked (a boolean field). */
  checkbox(key: string, label: string, options: FieldCommon & { value?: string } = {}): Html {
    const id = this.register(key, summaryName(label, options.context));
    const error = this.errorAt(key);
    const value = options.value ?? 'true';
    const checked = allValues(this.values, key).some((v) => ['true', 'on', 'ja', '1', value].includes(v));
    return html`<div class=${error ? 'field field-error' : 'field'}>${this.parts(id, options.hint, error)}<div class="choice"><input${attrs({
      type: 'checkbox',
      id,
      name: key,
      value,
      checked,
      'aria-invalid': error ? 'true' : undefined,
      'aria-describedby': this.describedBy(id, !!options.hint, !!error),
    })}><label for=${id}>${label}</label></div></div>`;
  }

  /**
   * A group that is not a control of its own (a list of rows, a table): registered so errors on
   * the whole list ('partners', 'budget') have a target and a label. Returns attributes for the
   * wrapping fieldset and the error markup to put inside it.
   */
  group(key: string, label: string): { attributes: Html; error: Html; hasError: boolean } {
    const id = this.register(key, label);
    const error = this.errorAt(key);
    return {
      attributes: attrs({ id, tabindex: -1, class: error ? 'field-error' : undefined, 'aria-describedby': error ? `${id}-error` : undefined }),
      error: this.parts(id, undefined, error),
      hasError: !!error,
    };
  }

  /** The registered field an error key belongs to: itself, or its nearest registered parent. */
  private targetOf(key: string): { id: string; label: string } | undefined {
    const parts = key.split('.');
    for (let n = parts.length; n > 0; n--) {
      const target = this.registered.get(parts.slice(0, n).join('.'));
      if (target) return target;
    }
    return undefined;
  }

  /** Items for the error summary, in the order the fields appear on the page. */
  summaryItems(): Array<{ href?: string; text: string }> {
    const order = [...this.registered.keys()];
    const rank = (key: string) => {
      const parts = key.split('.');
      for (let n = parts.length; n > 0; n--) {
        const i = order.indexOf(parts.slice(0, n).join('.'));
        if (i >= 0) return i;
      }
      return -1;
    };
    return Object.entries(this.errors)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([key, message]) => {
        const target = this.targetOf(key);
        return target ? { href: `#${target.id}`, text: `${target.label}: ${message}` } : { text: message };
      });
  }
}

/**
 * The error summary at the top of a page: role="alert", focusable and focused on load (autofocus),
 * each item a link to its field. Rendered after the fields (so they are registered), placed first.
 */
export function errorSummary(forms: readonly FormState[], extra: readonly string[] = []): Html {
  const items: Array<{ href?: string; text: string }> = [...forms.flatMap((f) => f.summaryItems()), ...extra.map((text) => ({ text }))];
  if (items.length === 0) return html``;
  const heading = items.length === 1 ? 'Det er en feil i skjemaet' : `Det er ${items.length} feil i skjemaet`;
  return html`<div class="error-summary" id="feiloppsummering" role="alert" tabindex="-1" autofocus aria-labelledby="feiloppsummering-tittel">
<h2 id="feiloppsummering-tittel">${heading}</h2>
<ul>${items.map((item) => html`<li>${item.href ? html`<a href=${item.href}>${item.text}</a>` : item.text}</li>`)}</ul>
</div>`;
}

export function hidden(name: string, value: string): Html {
  return html`<input${attrs({ type: 'hidden', name, value })}>`;
}
