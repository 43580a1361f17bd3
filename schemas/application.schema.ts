// The application: the health community's project-description template as a schema.
// Every message a citizen can see is Norwegian bokmål. Each leaf schema carries the Norwegian error
// map itself (zod 4 per-schema `error`), so the messages hold without any global z.config() and
// even for type errors, missing fields and unknown keys.
// zod/mini (checks as functions, `.check(z.trim(), z.maxLength(n))`): a Lambda bundle carries only the
// parts it uses and builds no methods per schema at start-up; the synth and local tools use classic zod.
import * as z from 'zod/mini';
import { checkPeriod } from '../functions/domain/grant-period';
import {
  normaliseOrganisationNumber,
  organisationNumberProblem,
} from '../functions/domain/organisation-number';
import { isIsoDate } from '../functions/domain/oslo-time';
import type { SchemeConfig } from './scheme-config.schema';

export const MAX_REQUESTED_AMOUNT = 50_000_000;
/** Own contributions per budget line (personnel, money, purchases, equipment). */
export const MAX_CONTRIBUTION_AMOUNT = 1_000_000_000;
export const MAX_PARTNERS = 20;
/** Highest list index accepted anywhere (partners, budget lines): MAX_PARTNERS − 1. */
export const MAX_INDEX = MAX_PARTNERS - 1;
export const PARTNER_KINDS = ['municipality', 'hospital_trust', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
export const ANCHORING_KINDS = ['service-model-group', 'professional-council'] as const;

// ---------------------------------------------------------------------------------------------
// Norwegian messages

/** '1250000' → '1 250 000' (plain spaces, so messages compare predictably in tests and e-mail). */
export function formatKroner(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(n))).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const TYPE_MESSAGES: Record<string, string> = {
  string: 'Feltet må være tekst.',
  number: 'Feltet må være et tall.',
  int: 'Feltet må være et helt tall.',
  boolean: 'Feltet må være ja eller nei.',
  array: 'Feltet må være en liste.',
  object: 'Feltet har ugyldig format.',
};

const isMissing = (input: unknown) => input === undefined || input === null;

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
      if (issue.origin === 'string') return `Teksten kan ha høyst ${formatKroner(max)} tegn.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Listen kan ha høyst ${max} elementer.`;
      return issue.inclusive ? `Verdien kan være høyst ${formatKroner(max)}.` : `Verdien må være mindre enn ${formatKroner(max)}.`;
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

type Issue = Parameters<z.core.$ZodErrorMap>[0];
/** A field-specific map that falls back to the Norwegian defaults. */
const withMessages =
  (specific: (issue: Issue) => string | undefined): z.core.$ZodErrorMap =>
  (issue) =>
    specific(issue) ?? norwegianErrorMap(issue);

const E = { error: norwegianErrorMap };

// ---------------------------------------------------------------------------------------------
// Field builders (shared with requests.schema.ts)

/** Required text: trimmed, 1..max characters (or min..max). */
export function textField(max: number, min = 1) {
  return z.string(E).check(z.trim(), z.minLength(min), z.maxLength(max));
}

/** Optional text: trimmed, ..max characters; absent is fine, '' is kept as ''. */
export function optionalTextField(max: number) {
  return z.optional(z.string(E).check(z.trim(), z.maxLength(max)));
}

/** E-mail, trimmed and lower-cased (one spelling per person: links and actors compare e-mails). */
export function emailField() {
  return z
    .string({ error: withMessages((i) => (i.code === 'too_big' ? 'Skriv en gyldig e-postadresse.' : undefined)) })
    .check(z.trim(), z.maxLength(254), z.toLowerCase(), z.email({ error: 'Skriv en gyldig e-postadresse.' }));
}

/** Calendar date 'YYYY-MM-DD' that exists (2027-02-29 does not). */
export function isoDateField() {
  return z
    .string(E)
    .check(z.trim(), z.maxLength(10, { error: 'Skriv en gyldig dato (ÅÅÅÅ-MM-DD).' }), z.refine(isIsoDate, { error: 'Skriv en gyldig dato (ÅÅÅÅ-MM-DD).' }));
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
    if (issue.code === 'too_big') return `Beløpet kan være høyst ${formatKroner(max)} kr.`;
    return undefined;
  });
  // Not .int(): its failure aborts the whole parse, which would hide the cross-field messages.
  return z
    .number({ error: map })
    .check(z.gte(positive ? 1 : 0), z.lte(max), z.refine(Number.isInteger, { error: 'Beløpet må være et helt antall kroner.' }));
}

/** A list index (partner reference) 0..MAX_INDEX. */
function indexField(message: string) {
  return z
    .number({ error: withMessages((i) => (isMissing(i.input) ? 'Feltet må fylles ut.' : message)) })
    .check(z.gte(0), z.lte(MAX_INDEX), z.refine(Number.isInteger, { error: message }));
}

const idList = (max: number, tooMany: string) =>
  z.array(z.string(E).check(z.trim(), z.minLength(1), z.maxLength(60)), E).check(z.maxLength(max, { error: tooMany }));

const organisationNumberField = () =>
  z.string(E).check(
    z.trim(),
    z.maxLength(20, { error: 'Organisasjonsnummeret må ha 9 siffer.' }),
    z.overwrite(normaliseOrganisationNumber),
    z.superRefine((value: string, ctx) => {
      const problem = organisationNumberProblem(value);
      if (problem === 'format') ctx.addIssue({ code: 'custom', message: 'Organisasjonsnummeret må ha 9 siffer.' });
      if (problem === 'check-digit') {
        ctx.addIssue({ code: 'custom', message: 'Organisasjonsnummeret har feil kontrollsiffer.' });
      }
    }),
  );

// ---------------------------------------------------------------------------------------------
// The scheme-independent shape

const partnerSchema = z.strictObject(
  {
    organisationName: textField(200),
    /** 9 digits; spaces are removed ('964 965 226' → '964965226'). */
    organisationNumber: organisationNumberField(),
    kind: z.enum(PARTNER_KINDS, {
      error: withMessages((i) =>
        isMissing(i.input) ? 'Velg type organisasjon.' : 'Velg kommune, helseforetak eller annen organisasjon.',
      ),
    }),
    contactName: textField(200),
    email: emailField(),
    /** The partner's role in the project. */
    role: textField(500),
  },
  E,
);

const budgetLineSchema = z.strictObject(
  {
    partnerIndex: indexField('Budsjettlinjen må høre til en av partnerne.'),
    /** Own contribution: personnel (valued in kroner). */
    personnel: kronerField(MAX_CONTRIBUTION_AMOUNT),
    /** Own contribution: money. */
    money: kronerField(MAX_CONTRIBUTION_AMOUNT),
    /** Own contribution: purchases. */
    purchases: kronerField(MAX_CONTRIBUTION_AMOUNT),
    /** Own contribution: equipment. */
    equipment: kronerField(MAX_CONTRIBUTION_AMOUNT),
    /** The part of the grant this partner asks for. */
    requestedGrant: kronerField(MAX_REQUESTED_AMOUNT),
  },
  E,
);

const applicationShape = {
  title: textField(200, 3),
  summary: textField(2000),
  /** The challenge the initiative solves. */
  challenge: textField(4000),
  /** The need the money covers. */
  need: textField(4000),
  expectedEffect: z.strictObject(
    { citizen: textField(2000), hospital: textField(2000), municipality: textField(2000) },
    E,
  ),
  /** Ids of scheme.criteria the applicant claims to meet. */
  criteriaMet: idList(20, 'Du kan velge høyst 20 kriterier.'),
  /** Ids of scheme.guidelineAreas (the national guidelines). */
  guidelineAreas: idList(20, 'Du kan velge høyst 20 områder.').check(
    z.minLength(1, { error: 'Velg minst ett område i de nasjonale føringene.' }),
  ),
  /** Ids of scheme.priorityPatientGroups; may be empty. */
  priorityPatientGroups: idList(20, 'Du kan velge høyst 20 pasientgrupper.'),
  partners: z
    .array(partnerSchema, E)
    .check(
      z.minLength(1, { error: 'Søknaden må ha minst én kommune og ett helseforetak som partnere.' }),
      z.maxLength(MAX_PARTNERS, { error: `Søknaden kan ha høyst ${MAX_PARTNERS} partnere.` }),
    ),
  /** The project owner (hovedansvarlig). */
  owner: z.strictObject(
    {
      partnerIndex: indexField('Prosjektansvarlig må høre til en av partnerne.'),
      name: textField(200),
      email: emailField(),
      unit: textField(200),
      /** The owner is a unit of the scheme's hospital trust → payout by cost booking. */
      isInternalUnit: z.boolean({
        error: (i) =>
          isMissing(i.input) ? 'Feltet må fylles ut.' : 'Velg om prosjektansvarlig er en enhet i helseforetaket.',
      }),
    },
    E,
  ),
  requestedAmount: kronerField(MAX_REQUESTED_AMOUNT, { positive: true }),
  periodStart: isoDateField(),
  periodEnd: isoDateField(),
  budget: z
    .array(budgetLineSchema, E)
    .check(
      z.minLength(1, { error: 'Budsjettet må ha minst én linje.' }),
      z.maxLength(MAX_PARTNERS, { error: `Budsjettet kan ha høyst ${MAX_PARTNERS} linjer.` }),
    ),
  /** Who is responsible for the patients during the measure, where relevant. */
  patientResponsibility: optionalTextField(2000),
  /** The service-model group or professional council the project is anchored in (FSU copies its leaders). */
  anchoring: z.strictObject(
    {
      kind: z.enum(ANCHORING_KINDS, { error: 'Velg tjenestemodellgruppe eller fagråd.' }),
      name: textField(200),
      leaderEmail: emailField(),
      deputyLeaderEmail: emailField(),
    },
    E,
  ),
};

// Cross-field rules run even when single fields failed (so the form shows every problem at once);
// they therefore read the value defensively.
const ALWAYS = { when: () => true };

type Ctx = z.core.$RefinementCtx;
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);
const issue = (ctx: Ctx, path: PropertyKey[], message: string) =>
  ctx.addIssue({ code: 'custom', path, message, input: undefined });

function baseRules(value: unknown, ctx: Ctx): void {
  if (!isRec(value)) return;
  const partners = arr(value.partners);

  const kinds = new Set(partners.map((p) => (isRec(p) ? p.kind : undefined)));
  if (partners.length > 0 && !(kinds.has('municipality') && kinds.has('hospital_trust'))) {
    issue(ctx, ['partners'], 'Søknaden må ha minst én kommune og ett helseforetak som partnere.');
  }

  const emails = new Set<string>();
  partners.forEach((p, i) => {
    if (!isRec(p) || typeof p.email !== 'string' || p.email === '') return;
    const email = p.email.trim().toLowerCase();
    if (emails.has(email)) issue(ctx, ['partners', i, 'email'], 'E-postadressen er allerede brukt av en annen partner.');
    emails.add(email);
  });

  const owner = isRec(value.owner) ? value.owner : undefined;
  if (owner && isWhole(owner.partnerIndex) && owner.partnerIndex >= partners.length) {
    issue(ctx, ['owner', 'partnerIndex'], 'Prosjektansvarlig må høre til en av partnerne.');
  }

  const budget = arr(value.budget);
  const seen = new Set<number>();
  budget.forEach((line, i) => {
    if (!isRec(line) || !isWhole(line.partnerIndex)) return;
    if (line.partnerIndex >= partners.length) {
      issue(ctx, ['budget', i, 'partnerIndex'], 'Budsjettlinjen må høre til en av partnerne.');
    } else if (seen.has(line.partnerIndex)) {
      issue(ctx, ['budget', i, 'partnerIndex'], 'Hver partner kan bare ha én budsjettlinje.');
    }
    seen.add(line.partnerIndex);
  });

  const grants = budget.map((line) => (isRec(line) ? line.requestedGrant : undefined));
  if (budget.length > 0 && grants.every(isWhole) && isWhole(value.requestedAmount)) {
    const sum = grants.reduce((a, b) => a + b, 0);
    if (sum !== value.requestedAmount) {
      issue(
        ctx,
        ['budget'],
        `Summen av omsøkt tilskudd i budsjettet (${formatKroner(sum)} kr) må være lik omsøkt beløp (${formatKroner(value.requestedAmount)} kr).`,
      );
    }
  }
}

const applicationBaseSchema = z.strictObject(applicationShape, E).check(z.superRefine(baseRules, ALWAYS));

/** A parsed, valid application (the same type for every scheme). */
export type ApplicationInput = z.output<typeof applicationBaseSchema>;
/** What a client may send before parsing (numbers as numbers; strings untrimmed). */
export type ApplicationRequestBody = z.input<typeof applicationBaseSchema>;
export type PartnerInput = ApplicationInput['partners'][number];
export type BudgetLineInput = ApplicationInput['budget'][number];

// ---------------------------------------------------------------------------------------------
// Scheme rules

function kriterier(n: number): string {
  return n === 1 ? 'kriterium' : 'kriterier';
}

function checkIds(
  ctx: Ctx,
  field: string,
  values: unknown[],
  known: readonly { id: string }[],
  unknownMessage: (id: string) => string,
  duplicateMessage: string,
): number {
  const ids = new Set(known.map((k) => k.id));
  const chosen = new Set<string>();
  values.forEach((v, i) => {
    if (typeof v !== 'string' || v === '') return;
    if (!ids.has(v)) issue(ctx, [field, i], unknownMessage(v));
    else if (chosen.has(v)) issue(ctx, [field, i], duplicateMessage);
    else chosen.add(v);
  });
  return chosen.size;
}

function schemeRules(scheme: SchemeConfig, value: unknown, ctx: Ctx): void {
  if (!isRec(value)) return;

  if (Array.isArray(value.criteriaMet)) {
    const met = checkIds(
      ctx,
      'criteriaMet',
      value.criteriaMet,
      scheme.criteria,
      (id) => `Ukjent kriterium: ${id}.`,
      'Kriteriet er valgt mer enn én gang.',
    );
    const minMet = scheme.criteriaRule.minMet;
    if (met < minMet) issue(ctx, ['criteriaMet'], `Velg minst ${minMet} ${kriterier(minMet)}.`);
  }
  if (Array.isArray(value.guidelineAreas)) {
    checkIds(
      ctx,
      'guidelineAreas',
      value.guidelineAreas,
      scheme.guidelineAreas,
      (id) => `Ukjent område: ${id}.`,
      'Området er valgt mer enn én gang.',
    );
  }
  if (Array.isArray(value.priorityPatientGroups)) {
    checkIds(
      ctx,
      'priorityPatientGroups',
      value.priorityPatientGroups,
      scheme.priorityPatientGroups,
      (id) => `Ukjent pasientgruppe: ${id}.`,
      'Pasientgruppen er valgt mer enn én gang.',
    );
  }

  const start = value.periodStart;
  const end = value.periodEnd;
  if (typeof start === 'string' && typeof end === 'string' && isIsoDate(start) && isIsoDate(end)) {
    const period = checkPeriod(start, end, scheme.maxPeriodMonths);
    if (!period.ok) issue(ctx, [period.field], period.message);
  }

  // The agreement is with the community's own hospital trust: it also pays out and keeps the books.
  const trust = scheme.hospitalTrust;
  const partners = arr(value.partners).map((p) => (isRec(p) ? p : {}));
  const kinds = new Set(partners.map((p) => p.kind));
  const trustIndex = partners.findIndex((p) => p.organisationNumber === trust.organisationNumber);
  if (kinds.has('municipality') && kinds.has('hospital_trust') && trustIndex < 0) {
    issue(ctx, ['partners'], `${trust.name} (org.nr. ${trust.organisationNumber}) må være med som partner.`);
  }
  const trustPartner = partners[trustIndex];
  if (trustPartner && trustPartner.kind !== undefined && trustPartner.kind !== 'hospital_trust') {
    issue(ctx, ['partners', trustIndex, 'kind'], `${trust.name} må registreres som helseforetak.`);
  }

  // Cost booking on the project number is only for units of the community's hospital trust.
  const owner = isRec(value.owner) ? value.owner : undefined;
  if (owner && owner.isInternalUnit === true) {
    const ownerPartner = isWhole(owner.partnerIndex) ? partners[owner.partnerIndex] : undefined;
    if (ownerPartner && ownerPartner.organisationNumber !== trust.organisationNumber) {
      issue(
        ctx,
        ['owner', 'isInternalUnit'],
        `Bare en prosjektansvarlig i ${trust.name} kan være en intern enhet. Velg ${trust.name} som partner for prosjektansvarlig, eller fjern krysset.`,
      );
    } else if (typeof owner.unit === 'string' && owner.unit.trim() !== '') {
      const unit = owner.unit.trim().toLocaleLowerCase('nb');
      const known = trust.internalUnits.some((u) => u.toLocaleLowerCase('nb') === unit);
      if (!known) issue(ctx, ['owner', 'unit'], `Velg en av enhetene i ${trust.name}.`);
    }
  }
}

/** The application schema for one scheme: the shared shape plus that scheme's rules. */
export function buildApplicationSchema(scheme: SchemeConfig) {
  return z.strictObject(applicationShape, E).check(
    z.superRefine(baseRules, ALWAYS),
    z.superRefine((value, ctx) => schemeRules(scheme, value, ctx), ALWAYS),
  );
}
export type ApplicationSchema = ReturnType<typeof buildApplicationSchema>;

// ---------------------------------------------------------------------------------------------
// Errors for forms

/** 'partners.0.organisationNumber' → first message; issues on the whole body go under '_form'. */
export function toFieldErrors(error: z.core.$ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const iss of error.issues) {
    const key = iss.path.length === 0 ? '_form' : iss.path.map(String).join('.');
    if (!Object.hasOwn(out, key)) out[key] = iss.message;
  }
  return out;
}

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

const APPLICATION_FORM_KINDS: FormFieldKinds = {
  lists: ['criteriaMet', 'guidelineAreas', 'priorityPatientGroups'],
  numbers: [
    'requestedAmount',
    'owner.partnerIndex',
    'budget.*.partnerIndex',
    'budget.*.personnel',
    'budget.*.money',
    'budget.*.purchases',
    'budget.*.equipment',
    'budget.*.requestedGrant',
  ],
  booleans: ['owner.isInternalUnit'],
};

const BUDGET_AMOUNTS = ['personnel', 'money', 'purchases', 'equipment', 'requestedGrant'] as const;

/**
 * The application form as posted (application/x-www-form-urlencoded) → the shape
 * buildApplicationSchema parses. Decisions:
 * - unchecked checkbox lists become [], an unchecked owner.isInternalUnit becomes false;
 * - trailing partner/budget rows left completely empty are dropped, gaps become {} (so errors
 *   point at the form's own row numbers);
 * - in a budget row that has any value, an empty amount means 0 kr.
 */
export function formToApplicationInput(form: FormBody): unknown {
  const out = formToNested(form, APPLICATION_FORM_KINDS);
  for (const list of APPLICATION_FORM_KINDS.lists ?? []) {
    if (!Object.hasOwn(out, list)) out[list] = [];
  }
  if (!Object.hasOwn(out, 'owner')) out.owner = {};
  if (isRec(out.owner) && !Object.hasOwn(out.owner, 'isInternalUnit')) out.owner.isInternalUnit = false;

  for (const key of ['partners', 'budget'] as const) {
    const rows = out[key];
    if (!Array.isArray(rows)) continue;
    while (rows.length > 0 && isEmptyRow(rows[rows.length - 1])) rows.pop();
    for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = {};
  }
  if (Array.isArray(out.budget)) {
    for (const row of out.budget) {
      if (!isRec(row)) continue;
      for (const amount of BUDGET_AMOUNTS) if (!Object.hasOwn(row, amount)) row[amount] = 0;
    }
  }
  return out;
}

function isEmptyRow(row: unknown): boolean {
  return row === undefined || (isRec(row) && Object.keys(row).length === 0);
}

// ---------------------------------------------------------------------------------------------
// A valid example (tests, demo, local seed)

interface ExampleMunicipality {
  name: string;
  organisationNumber: string;
  domain: string;
}

const EXAMPLE_MUNICIPALITIES: Record<string, [ExampleMunicipality, ExampleMunicipality]> = {
  'sor-rogaland': [
    { name: 'Stavanger kommune', organisationNumber: '964965226', domain: 'stavanger.kommune.example' },
    { name: 'Sola kommune', organisationNumber: '964979405', domain: 'sola.kommune.example' },
  ],
  innlandet: [
    { name: 'Hamar kommune', organisationNumber: '970540008', domain: 'hamar.kommune.example' },
    { name: 'Gjøvik kommune', organisationNumber: '939864970', domain: 'gjovik.kommune.example' },
  ],
};

export interface ExampleOptions {
  /** 'municipality' (default): owner in the first municipality, payout on invoice.
   *  'internal-unit': owner in the hospital trust's first internal unit, payout by cost booking. */
  owner?: 'municipality' | 'internal-unit';
}

/** A fresh, valid application for the scheme (2 municipalities + the hospital trust, 850 000 kr, 2027). */
export function exampleApplication(scheme: SchemeConfig, options: ExampleOptions = {}): ApplicationInput {
  const [first, second] = EXAMPLE_MUNICIPALITIES[scheme.id] ?? EXAMPLE_MUNICIPALITIES['sor-rogaland']!;
  const trust = scheme.hospitalTrust;
  const trustDomain = scheme.secretariatEmail.split('@')[1] ?? `${scheme.id}-hf.example`;
  const minMet = scheme.criteriaRule.minMet;
  const criteriaCount = Math.max(minMet, Math.min(2, scheme.criteria.length));
  const preferredAreas = ['recruitment', 'priority-groups'].filter((id) =>
    scheme.guidelineAreas.some((a) => a.id === id),
  );
  const firstArea = scheme.guidelineAreas[0]?.id;
  const areas = preferredAreas.length > 0 ? preferredAreas : firstArea ? [firstArea] : [];
  const groups = scheme.priorityPatientGroups.some((g) => g.id === 'discharge-ready') ? ['discharge-ready'] : [];
  const internalUnit = trust.internalUnits[0];
  const ownerInTrust = options.owner === 'internal-unit' && internalUnit !== undefined;

  return {
    title: 'Felles utskrivningsteam for eldre med sammensatte behov',
    summary:
      'Kommunene og helseforetaket etablerer et felles utskrivningsteam som planlegger hjemreisen ' +
      'sammen med pasienten fra første dag på sykehuset.',
    challenge:
      'Eldre med sammensatte behov blir liggende på sykehus etter at de er utskrivningsklare, fordi ' +
      'kommunen får beskjed for sent og mangler informasjon om oppfølgingsbehovet.',
    need:
      'Tilskuddet dekker frikjøp av sykepleiere i en kombinert stilling mellom sykehus og kommune, ' +
      'og opplæring av hjemmetjenesten.',
    expectedEffect: {
      citizen: 'Tryggere hjemreise og færre reinnleggelser.',
      hospital: 'Færre liggedøgn for utskrivningsklare pasienter.',
      municipality: 'Bedre planlegging av hjemmetjenester og korttidsplasser.',
    },
    criteriaMet: scheme.criteria.slice(0, criteriaCount).map((c) => c.id),
    guidelineAreas: areas,
    priorityPatientGroups: groups,
    partners: [
      {
        organisationName: first.name,
        organisationNumber: first.organisationNumber,
        kind: 'municipality',
        contactName: 'Kari Nordmann',
        email: `kari.nordmann@${first.domain}`,
        role: 'Prosjekteier og ansvarlig for hjemmetjenesten',
      },
      {
        organisationName: second.name,
        organisationNumber: second.organisationNumber,
        kind: 'municipality',
        contactName: 'Per Hansen',
        email: `per.hansen@${second.domain}`,
        role: 'Deltar med korttidsavdelingen',
      },
      {
        organisationName: trust.name,
        organisationNumber: trust.organisationNumber,
        kind: 'hospital_trust',
        contactName: 'Ingrid Larsen',
        email: `ingrid.larsen@${trustDomain}`,
        role: 'Ansvarlig for utskrivningsprosessen i sykehuset',
      },
    ],
    owner: ownerInTrust
      ? {
          partnerIndex: 2,
          name: 'Ingrid Larsen',
          email: `ingrid.larsen@${trustDomain}`,
          unit: internalUnit,
          isInternalUnit: true,
        }
      : {
          partnerIndex: 0,
          name: 'Kari Nordmann',
          email: `kari.nordmann@${first.domain}`,
          unit: 'Hjemmetjenesten',
          isInternalUnit: false,
        },
    requestedAmount: 850_000,
    periodStart: '2027-01-01',
    periodEnd: '2027-12-31',
    budget: [
      { partnerIndex: 0, personnel: 150_000, money: 0, purchases: 20_000, equipment: 0, requestedGrant: 400_000 },
      { partnerIndex: 1, personnel: 80_000, money: 0, purchases: 0, equipment: 0, requestedGrant: 200_000 },
      { partnerIndex: 2, personnel: 300_000, money: 0, purchases: 0, equipment: 50_000, requestedGrant: 250_000 },
    ],
    patientResponsibility:
      'Sykehuset har ansvaret for pasienten til utskrivning; deretter har kommunen ansvaret.',
    anchoring: {
      kind: 'service-model-group',
      name: 'Tjenestemodellgruppe for eldre med sammensatte behov',
      leaderEmail: `leder.tmg@${first.domain}`,
      deputyLeaderEmail: `nestleder.tmg@${trustDomain}`,
    },
  };
}
