// The Norwegian messages of every schema a citizen or a staff member meets, the field builders the
// application and the other request schemas share, and field errors for forms and answers.
// Builds no schema at import: a Lambda that only reports errors (or validates nothing) constructs none.
// zod/mini (checks as functions, `.check(z.trim(), z.maxLength(n))`): a Lambda bundle carries only the
// parts it uses; the synth and local tools use classic zod.
import * as z from 'zod/mini';
import { groupThousands } from '../functions/domain/money';
import { isIsoDate } from '../functions/domain/oslo-time';

// Limits and kinds the schemas and the forms share.
/** The most a project can ask for (the application's amount, a decision's, a reallocation's, a repayment's). */
export const MAX_REQUESTED_AMOUNT = 50_000_000;
export const MAX_PARTNERS = 20;
/** Highest list index accepted anywhere (partners, budget lines): MAX_PARTNERS − 1. */
export const MAX_INDEX = MAX_PARTNERS - 1;
/** The longest note an owner may send with a revision (what changed, for the partners). */
export const MAX_CHANGE_NOTE = 1000;
/** The longest answer an owner may send the committee with a revision, when the committee asked a question. */
export const MAX_COMMITTEE_ANSWER = 4000;
export const PARTNER_KINDS = ['municipality', 'hospital_trust', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
/** Who a preparatory body's members represent (Midt-Norge: one of each). */
export const REPRESENTS = ['municipality', 'hospital-trust', 'user-representative'] as const;

// ---------------------------------------------------------------------------------------------
// Norwegian messages

const TYPE_MESSAGES: Record<string, string> = {
  string: 'Feltet må være tekst.',
  number: 'Feltet må være et tall.',
  int: 'Feltet må være et helt tall.',
  boolean: 'Feltet må være ja eller nei.',
  array: 'Feltet må være en liste.',
  object: 'Feltet har ugyldig format.',
};

export const isMissing = (input: unknown) => input === undefined || input === null;

/**
 * The Norwegian fallback for every zod issue. Attached to each schema in this file and in
 * requests.schema.ts; pass it to other parses too: `schema.safeParse(x, { error: norwegianErrorMap })`.
 */
export const norwegianErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (isMissing(issue.input)) return 'Feltet må fylles ut.';
      return TYPE_MESSAGES[issue.expected] ?? 'Feltet har ugyldig verdi.';
    case 'invalid_value':
      if (isMissing(issue.input)) return 'Feltet må fylles ut.';
      return 'Velg en av de gyldige verdiene.';
    case 'invalid_union':
      if (isMissing(issue.input)) return 'Feltet må fylles ut.';
      return 'Feltet har ugyldig verdi.';
    case 'unrecognized_keys':
      return `Ukjent felt: ${issue.keys.join(', ')}.`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') {
        return issue.input === '' || min <= 1 ? 'Feltet må fylles ut.' : `Teksten må ha minst ${min} tegn.`;
      }
      if (issue.origin === 'array' || issue.origin === 'set') return `Velg minst ${min}.`;
      return issue.inclusive ? `Verdien må være minst ${min}.` : `Verdien må være større enn ${min}.`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `Teksten kan ha høyst ${groupThousands(max)} tegn.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Listen kan ha høyst ${max} elementer.`;
      return issue.inclusive ? `Verdien kan være høyst ${groupThousands(max)}.` : `Verdien må være mindre enn ${groupThousands(max)}.`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'Skriv en gyldig e-postadresse.';
      return 'Feltet har ugyldig format.';
    case 'not_multiple_of':
      return `Verdien må gå opp i ${String(issue.divisor)}.`;
    default:
      return 'Feltet har ugyldig verdi.';
  }
};

export type Issue = Parameters<z.core.$ZodErrorMap>[0];
/** A field-specific map that falls back to the Norwegian defaults. */
export const withMessages =
  (specific: (issue: Issue) => string | undefined): z.core.$ZodErrorMap =>
  (issue) =>
    specific(issue) ?? norwegianErrorMap(issue);

/** The Norwegian messages as a schema's or a parse's `error` parameter. */
export const NORWEGIAN = { error: norwegianErrorMap };
const E = NORWEGIAN;

/**
 * Any object whose field names have at most 100 characters: a body checked later by a schema that
 * needs more than the request (the scheme's application schema) or by a page's own form parse.
 */
export function anyFields() {
  return z.record(z.string().check(z.maxLength(100)), z.unknown(), E);
}

// ---------------------------------------------------------------------------------------------
// Field builders (the application and the other requests)

/** Required text: trimmed, 1..max characters (or min..max). */
export function textField(max: number, min = 1) {
  return z.string(E).check(z.trim(), z.minLength(min), z.maxLength(max));
}

/** Optional text: trimmed, ..max characters; absent is fine, '' is kept as ''. */
export function optionalTextField(max: number) {
  return z.optional(z.string(E).check(z.trim(), z.maxLength(max)));
}

/**
 * An application's case number as its letters and pages show it (`app_` and 16 characters); `where`
 * names where the person finds it (an applicant looking for a lost link may have no decision letter).
 */
export function caseNumberField(where = 'vedtaksbrevet') {
  const message = `Skriv saksnummeret slik det står i ${where}: app_ fulgt av 16 tegn.`;
  return z.string({ error: message }).check(z.trim(), z.regex(/^app_[A-Za-z0-9_-]{16}$/, { error: message }));
}

export function optionalCaseNumberField(where?: string) {
  return z.optional(caseNumberField(where));
}

/** E-mail, trimmed and lower-cased (one spelling per person: links and actors compare e-mails). */
export function emailField() {
  return z
    .string({ error: withMessages((i) => (i.code === 'too_big' ? 'Skriv en gyldig e-postadresse.' : undefined)) })
    .check(z.trim(), z.maxLength(254), z.toLowerCase(), z.email({ error: 'Skriv en gyldig e-postadresse.' }));
}

/** Calendar date 'YYYY-MM-DD' that exists (2027-02-29 does not). */
/**
 * A date range's order, for the API's `from`/`to` and the page's `fra`/`til`: the end may not come
 * before the start (the error sits at the end's field; either date may be absent or invalid).
 */
export function dateRangeInOrder<K extends string>(fromKey: K, toKey: K) {
  return z.superRefine((v: Partial<Record<K, unknown>>, ctx) => {
    const from = v[fromKey];
    const to = v[toKey];
    if (typeof from === 'string' && typeof to === 'string' && isIsoDate(from) && isIsoDate(to) && to < from) {
      ctx.addIssue({ code: 'custom', path: [toKey], message: 'Til-dato kan ikke være før fra-dato.' });
    }
  });
}

/** A date as Norwegians write it (1.3.2027, 01.03.2027) → ISO; anything else as it was, for the check after to judge. */
export function fromNorwegianDate(text: string): string {
  const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : text;
}

const DATE_MESSAGE = 'Skriv en gyldig dato (DD.MM.ÅÅÅÅ).';

/** A date field: ISO (what a date picker posts) or typed the Norwegian way where the browser has no picker. */
export function isoDateField() {
  return z
    .string(E)
    .check(z.trim(), z.overwrite(fromNorwegianDate), z.maxLength(10, { error: DATE_MESSAGE }), z.refine(isIsoDate, { error: DATE_MESSAGE }));
}

/** Whole kroner in [0, max] (or [1, max] when positive). */
export function kronerField(max: number, { positive = false } = {}) {
  const map = withMessages((issue) => {
    if (issue.code === 'invalid_type') {
      return isMissing(issue.input) ? 'Feltet må fylles ut.' : 'Beløpet må være et helt antall kroner.';
    }
    if (issue.code === 'too_small') {
      return positive ? 'Beløpet må være større enn 0 kr.' : 'Beløpet kan ikke være negativt.';
    }
    if (issue.code === 'too_big') return `Beløpet kan være høyst ${groupThousands(max)} kr.`;
    return undefined;
  });
  // Not .int(): its failure aborts the whole parse, which would hide the cross-field messages.
  return z
    .number({ error: map })
    .check(z.gte(positive ? 1 : 0), z.lte(max), z.refine(Number.isInteger, { error: 'Beløpet må være et helt antall kroner.' }));
}

// ---------------------------------------------------------------------------------------------
// Errors for forms

/**
 * The fields of `raw` that are valid each on its own by `shape` (an object schema's shape), parsed:
 * what a body that failed its schema has parsed so far, so the rules beyond the schema can still run
 * on those and the form shows every problem at once.
 */
export function validFieldsOf<S extends Record<string, z.ZodMiniType>>(shape: S, raw: unknown): { [K in keyof S]?: z.output<S[K]> } {
  const out: { [K in keyof S]?: z.output<S[K]> } = {};
  if (typeof raw !== 'object' || raw === null) return out;
  for (const key of Object.keys(shape) as Array<keyof S & string>) {
    const parsed = shape[key]!.safeParse((raw as Record<string, unknown>)[key]);
    if (parsed.success) out[key] = parsed.data as z.output<S[typeof key]>;
  }
  return out;
}

/** 'partners.0.organisationNumber' → first message; issues on the whole body go under '_form'. */
export function toFieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const iss of error.issues) {
    const key = iss.path.length === 0 ? '_form' : iss.path.map(String).join('.');
    if (!Object.hasOwn(out, key)) out[key] = iss.message;
  }
  return out;
}

/** A list index (partner reference) 0..MAX_INDEX. */
export function indexField(message: string) {
  return z
    .number({ error: withMessages((i) => (isMissing(i.input) ? 'Feltet må fylles ut.' : message)) })
    .check(z.gte(0), z.lte(MAX_INDEX), z.refine(Number.isInteger, { error: message }));
}
