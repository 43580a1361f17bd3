// application/x-www-form-urlencoded bodies → the nested objects the schemas parse (no zod here).
import { MAX_INDEX } from './fields.schema';

const isRec = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---------------------------------------------------------------------------------------------
// application/x-www-form-urlencoded → nested object

export type FormBody = Record<string, string | string[] | undefined>;

const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
const NAME_SEGMENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const INDEX_SEGMENT = /^(0|[1-9]\d{0,2})$/;
const MAX_DEPTH = 4;
const CLEAN_INTEGER = /^-?(\d+|\d{1,3}([ \u00a0\u202f]\d{3})+)$/;

/** '250 000' → 250000; anything else (1.5, '12a', '') is returned as is, for the schema to reject. */
export function parseCleanInteger(raw: string): number | string {
  const trimmed = raw.trim();
  if (!CLEAN_INTEGER.test(trimmed)) return raw;
  const n = Number(trimmed.replace(/[ \u00a0\u202f]/g, ''));
  return Number.isSafeInteger(n) ? n : raw;
}

const TRUE_WORDS = new Set(['on', 'true', 'ja', '1', 'yes']);
const FALSE_WORDS = new Set(['off', 'false', 'nei', '0', 'no', '']);

/** Checkbox text → boolean; anything else is returned as is, for the schema to reject. */
export function parseCheckbox(raw: string): boolean | string {
  const word = raw.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return raw;
}

/**
 * Splits 'partners.0.email' or 'partners[0][email]' into safe segments, or undefined for a key
 * that must be ignored (__proto__, constructor, prototype, an index above MAX_INDEX, odd names).
 */
export function parseFieldName(name: string): (string | number)[] | undefined {
  const dotted = name.replace(/\[([^\]]*)\]/g, '.$1').replace(/\.$/, '');
  const parts = dotted.split('.');
  if (parts.length === 0 || parts.length > MAX_DEPTH) return undefined;
  const out: (string | number)[] = [];
  for (const [i, part] of parts.entries()) {
    if (INDEX_SEGMENT.test(part)) {
      const n = Number(part);
      if (i === 0 || n > MAX_INDEX) return undefined;
      out.push(n);
    } else if (NAME_SEGMENT.test(part) && !FORBIDDEN_SEGMENTS.has(part)) {
      out.push(part);
    } else {
      return undefined;
    }
  }
  return out;
}

export interface FormFieldKinds {
  /** Field patterns ('*' for an index) whose repeated values form a list of strings. */
  lists?: readonly string[];
  /** Field patterns that hold whole numbers. */
  numbers?: readonly string[];
  /** Field patterns that hold checkbox booleans. */
  booleans?: readonly string[];
}

/** A request form's fields beyond formToNested's: text areas that hold lists. */
export interface RequestFormFieldKinds extends FormFieldKinds {
  /** Text areas with one entry per line (lists of people); blank lines are left out. */
  readonly lines?: readonly string[];
  /** A text area per key (recused[<case>]): each becomes its lines, an empty one nothing. */
  readonly lineMaps?: readonly string[];
}

/**
 * Generic urlencoded body → nested object. Empty values are left out (the schema then says
 * 'Feltet må fylles ut.' for required ones); lists collect repeated values; numbers and booleans
 * are converted only when clean. The result contains only own, safe keys.
 */
export function formToNested(form: FormBody, kinds: FormFieldKinds = {}): Record<string, unknown> {
  const lists = new Set(kinds.lists ?? []);
  const numbers = new Set(kinds.numbers ?? []);
  const booleans = new Set(kinds.booleans ?? []);
  const root: Record<string, unknown> = {};

  for (const name of Object.keys(form)) {
    const raw = form[name];
    if (raw === undefined) continue;
    const path = parseFieldName(name);
    if (!path) continue;
    const pattern = path.map((p) => (typeof p === 'number' ? '*' : p)).join('.');
    const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');

    let value: unknown;
    if (lists.has(pattern)) {
      value = values.map((v) => v.trim()).filter((v) => v !== '');
    } else if (booleans.has(pattern)) {
      const last = values[values.length - 1]; // hidden 'false' + checkbox 'on': the checkbox wins
      if (last === undefined) continue;
      value = parseCheckbox(last);
    } else {
      const filled = values.filter((v) => v.trim() !== '');
      if (filled.length === 0) continue;
      const convert = numbers.has(pattern) ? parseCleanInteger : (v: string) => v;
      value = filled.length === 1 ? convert(filled[0] as string) : filled.map(convert);
    }
    setPath(root, path, value);
  }
  return root;
}

function setPath(root: Record<string, unknown>, path: (string | number)[], value: unknown): void {
  let container: Record<string, unknown> | unknown[] = root;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    const next = path[i + 1];
    if (typeof segment === 'number') {
      if (!Array.isArray(container)) return;
      if (last) {
        container[segment] = value;
        return;
      }
      let child: unknown = container[segment];
      if (child === undefined) {
        child = typeof next === 'number' ? [] : {};
        container[segment] = child;
      }
      if (!isContainer(child, next)) return;
      container = child;
    } else {
      if (Array.isArray(container)) return;
      if (last) {
        if (!Object.hasOwn(container, segment)) container[segment] = value;
        return;
      }
      let child: unknown = Object.hasOwn(container, segment) ? container[segment] : undefined;
      if (child === undefined) {
        child = typeof next === 'number' ? [] : {};
        container[segment] = child;
      }
      if (!isContainer(child, next)) return;
      container = child;
    }
  }
}

function isContainer(v: unknown, next: string | number | undefined): v is Record<string, unknown> | unknown[] {
  return typeof next === 'number' ? Array.isArray(v) : isRec(v);
}
