// The application: the health community's project-description template as a schema.
// Every message a citizen can see is Norwegian bokmål. Each leaf schema carries the Norwegian error
// map itself (zod 4 per-schema `error`), so the messages hold without any global z.config() and
// even for type errors, missing fields and unknown keys. The messages and the field builders are in
// fields.schema.ts, the form parsing in form-body.ts: importing those builds no schema.
import * as z from 'zod/mini';
import { checkPeriod } from '../functions/domain/grant-period';
import {
  normaliseOrganisationNumber,
  organisationNumberProblem,
} from '../functions/domain/organisation-number';
import { DIRECT_ANCHORING, GROUP_ANCHORING } from '../functions/domain/anchoring';
import { isIsoDate } from '../functions/domain/oslo-time';
import { groupThousands } from '../functions/domain/money';
import {
  emailField,
  indexField,
  isMissing,
  isoDateField,
  kronerField,
  MAX_CHANGE_NOTE,
  MAX_COMMITTEE_ANSWER,
  MAX_PARTNERS,
  MAX_REQUESTED_AMOUNT,
  NORWEGIAN,
  PARTNER_KINDS,
  optionalCaseNumberField,
  optionalTextField,
  textField,
  toFieldErrors,
  withMessages,
} from './fields.schema';
import { formToNested, type FormBody, type FormFieldKinds } from './form-body';
import { textLimits } from './text-limits';
import type { SchemeConfig } from './scheme-config.schema';

export { MAX_CHANGE_NOTE, MAX_COMMITTEE_ANSWER, MAX_INDEX, MAX_PARTNERS, MAX_REQUESTED_AMOUNT, PARTNER_KINDS, type PartnerKind } from './fields.schema';
/** Own contributions per budget line (personnel, money, purchases, equipment). */
export const MAX_CONTRIBUTION_AMOUNT = 1_000_000_000;
const E = NORWEGIAN;

const idList = (max: number, tooMany: string) =>
  z.array(z.string(E).check(z.trim(), z.minLength(1), z.maxLength(60)), E).check(z.maxLength(max, { error: tooMany }));

const CHECK_DIGIT_MESSAGE = 'Organisasjonsnummeret har feil kontrollsiffer. Sjekk det mot Enhetsregisteret (brreg.no).';

const organisationNumberField = () =>
  z.string(E).check(
    z.trim(),
    z.maxLength(20, { error: 'Organisasjonsnummeret må ha 9 siffer.' }),
    z.overwrite(normaliseOrganisationNumber),
    z.superRefine((value: string, ctx) => {
      const problem = organisationNumberProblem(value);
      if (problem === 'format') ctx.addIssue({ code: 'custom', message: 'Organisasjonsnummeret må ha 9 siffer.' });
      if (problem === 'check-digit') {
        // Say where the right number is: a check digit that fails is a typing error.
        ctx.addIssue({ code: 'custom', message: CHECK_DIGIT_MESSAGE });
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
    partnerIndex: indexField('Budsjettlinjen må høre til en av partene.'),
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

/** A group of the scheme's register (scheme.anchoring.groups), by id: its leaders' addresses are the register's, not the applicant's. */
const groupAnchoringSchema = z.strictObject({ kind: z.literal(GROUP_ANCHORING), groupId: textField(60) }, E);
const directAnchoringSchema = z.strictObject({ kind: z.literal(DIRECT_ANCHORING), justification: textField(2000) }, E);

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
  guidelineAreas: idList(20, 'Du kan velge høyst 20 områder.'),
  /** Another need the initiative answers instead of (or besides) a guideline area, where the scheme allows it (scheme.allowOtherNeed). */
  otherNeed: optionalTextField(2000),
  /** Ids of scheme.priorityPatientGroups; may be empty. */
  priorityPatientGroups: idList(20, 'Du kan velge høyst 20 pasientgrupper.'),
  partners: z
    .array(partnerSchema, E)
    .check(
      z.minLength(1, { error: 'Søknaden må ha minst én kommune og ett helseforetak som parter.' }),
      z.maxLength(MAX_PARTNERS, { error: `Søknaden kan ha høyst ${MAX_PARTNERS} parter.` }),
    ),
  /** The project owner (hovedansvarlig). */
  owner: z.strictObject(
    {
      partnerIndex: indexField('Prosjektansvarlig må høre til en av partene.'),
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
  /**
   * The case number of an earlier grant this one continues: a grant runs at most 12 months "at a
   * time", so a project that goes on applies again (see use-cases/continuation.ts for the rules).
   */
  continues: optionalCaseNumberField(),
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
  /**
   * Where the project is anchored, in schemes that ask (scheme.anchoring): a service-model group or
   * professional council, whose leader and deputy get a copy of the decisions, or, where the scheme
   * allows it, straight to the committee with a justification. anchoringRules says when it is required.
   */
  anchoring: z.optional(
    z.discriminatedUnion('kind', [groupAnchoringSchema, directAnchoringSchema], { error: 'Velg hvor prosjektet er forankret.' }),
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
    issue(ctx, ['partners'], 'Søknaden må ha minst én kommune og ett helseforetak som parter.');
  }

  const owner = isRec(value.owner) ? value.owner : undefined;
  if (owner && isWhole(owner.partnerIndex) && owner.partnerIndex >= partners.length) {
    issue(ctx, ['owner', 'partnerIndex'], 'Prosjektansvarlig må høre til en av partene.');
  }
  // Every party signs for itself (the documented agreement): the owner may sign for the
  // organisation they belong to, never for another partner (before the duplicates: it says more).
  const ownerEmail = owner && typeof owner.email === 'string' ? owner.email.trim().toLowerCase() : '';
  if (owner && ownerEmail && isWhole(owner.partnerIndex)) {
    partners.forEach((p, i) => {
      if (i === owner.partnerIndex || !isRec(p) || typeof p.email !== 'string' || p.email.trim().toLowerCase() !== ownerEmail) return;
      const name = typeof p.organisationName === 'string' && p.organisationName.trim() ? p.organisationName.trim() : `partner ${i + 1}`;
      issue(ctx, ['partners', i, 'email'], `Prosjektansvarlig kan ikke signere for ${name}. Skriv e-postadressen til kontaktpersonen der.`);
    });
  }

  const emails = new Set<string>();
  partners.forEach((p, i) => {
    if (!isRec(p) || typeof p.email !== 'string' || p.email === '') return;
    const email = p.email.trim().toLowerCase();
    if (emails.has(email)) issue(ctx, ['partners', i, 'email'], 'E-postadressen er allerede brukt av en annen part.');
    emails.add(email);
  });

  const budget = arr(value.budget);
  const seen = new Set<number>();
  budget.forEach((line, i) => {
    if (!isRec(line) || !isWhole(line.partnerIndex)) return;
    if (line.partnerIndex >= partners.length) {
      issue(ctx, ['budget', i, 'partnerIndex'], 'Budsjettlinjen må høre til en av partene.');
    } else if (seen.has(line.partnerIndex)) {
      issue(ctx, ['budget', i, 'partnerIndex'], 'Hver part kan bare ha én budsjettlinje. Slå sammen linjene, eller velg en annen part.');
    }
    seen.add(line.partnerIndex);
  });
  // The agreement's budget shows what each party contributes (DOMAIN; 003: "hvilke ressurser
  // kommune(r) og helseforetak bidrar med"): a line for every partner, zeros allowed.
  const unbudgeted = partners.map((p, i) => ({ p, i })).filter(({ i }) => !seen.has(i));
  if (budget.length > 0 && budget.every((line) => isRec(line) && isWhole(line.partnerIndex)) && unbudgeted.length > 0) {
    const names = unbudgeted.map(({ p, i }) => (isRec(p) && typeof p.organisationName === 'string' && p.organisationName.trim() ? p.organisationName.trim() : `part ${i + 1}`));
    issue(ctx, ['budget'], `Budsjettet mangler en linje for ${names.join(', ')}. Hver part skal vise hva den bidrar med (0 kr er lov).`);
  }

  const grants = budget.map((line) => (isRec(line) ? line.requestedGrant : undefined));
  if (budget.length > 0 && grants.every(isWhole) && isWhole(value.requestedAmount)) {
    const sum = grants.reduce((a, b) => a + b, 0);
    if (sum !== value.requestedAmount) {
      issue(
        ctx,
        ['budget'],
        `Summen av omsøkt tilskudd i budsjettet (${groupThousands(sum)} kr) må være lik omsøkt beløp (${groupThousands(value.requestedAmount)} kr).`,
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
    if (met < minMet) issue(ctx, ['criteriaMet'], minMet >= scheme.criteria.length ? `Kryss av for alle ${minMet} kriteriene: ${scheme.committee.shortName} vurderer søknaden etter alle.` : `Velg minst ${minMet} ${kriterier(minMet)}.`);
  }
  if (Array.isArray(value.guidelineAreas)) {
    const otherNeed = typeof value.otherNeed === 'string' && value.otherNeed.trim() !== '';
    if (!scheme.allowOtherNeed && otherNeed) {
      issue(ctx, ['otherNeed'], `${scheme.name} gir tilskudd bare til tiltak innenfor de nasjonale føringene; velg område i stedet.`);
    }
    if (value.guidelineAreas.length === 0 && !(scheme.allowOtherNeed && otherNeed)) {
      issue(
        ctx,
        ['guidelineAreas'],
        scheme.allowOtherNeed
          ? 'Velg minst ett område i de nasjonale føringene, eller beskriv hvilket annet behov tiltaket dekker.'
          : 'Velg minst ett område i de nasjonale føringene.',
      );
    }
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

  anchoringRules(scheme, value.anchoring, ctx);

  // The agreement is with the community's own hospital trust: it also pays out and keeps the books.
  const trust = scheme.hospitalTrust;
  const partners = arr(value.partners).map((p) => (isRec(p) ? p : {}));
  const kinds = new Set(partners.map((p) => p.kind));
  const trustIndex = partners.findIndex((p) => p.organisationNumber === trust.organisationNumber);
  if (kinds.has('municipality') && kinds.has('hospital_trust') && trustIndex < 0) {
    issue(ctx, ['partners'], `${trust.name} (org.nr. ${trust.organisationNumber}) må være med som part.`);
  }
  const trustPartner = partners[trustIndex];
  if (trustPartner && trustPartner.kind !== undefined && trustPartner.kind !== 'hospital_trust') {
    issue(ctx, ['partners', trustIndex, 'kind'], `${trust.name} må registreres som helseforetak.`);
  }

  // Cost booking on the project number is for units of the community's hospital trust, and only for
  // them (002): an owner in the trust is one of its units, whatever the checkbox says.
  const owner = isRec(value.owner) ? value.owner : undefined;
  const ownerInTrust = owner && isWhole(owner.partnerIndex) && partners[owner.partnerIndex]?.organisationNumber === trust.organisationNumber;
  if (owner && ownerInTrust && owner.isInternalUnit === false) {
    issue(
      ctx,
      ['owner', 'isInternalUnit'],
      `En prosjektansvarlig i ${trust.name} er en enhet i helseforetaket, og kostnadene føres på prosjektnummeret. Kryss av og velg enheten.`,
    );
  }
  if (owner && owner.isInternalUnit === true) {
    const ownerPartner = isWhole(owner.partnerIndex) ? partners[owner.partnerIndex] : undefined;
    if (ownerPartner && ownerPartner.organisationNumber !== trust.organisationNumber) {
      issue(
        ctx,
        ['owner', 'isInternalUnit'],
        `Bare en prosjektansvarlig i ${trust.name} kan være en intern enhet. Velg ${trust.name} som organisasjonen prosjektansvarlig hører til, eller fjern krysset.`,
      );
    } else if (typeof owner.unit === 'string' && owner.unit.trim() !== '') {
      const unit = owner.unit.trim().toLocaleLowerCase('nb');
      const known = trust.internalUnits.some((u) => u.toLocaleLowerCase('nb') === unit);
      if (!known) issue(ctx, ['owner', 'unit'], `Velg en av enhetene i ${trust.name}.`);
    }
  }
}

/** The anchoring a scheme asks for: required where it has groups, absent where it has none. */
function anchoringRules(scheme: SchemeConfig, anchoring: unknown, ctx: Ctx): void {
  const committee = scheme.committee.shortName;
  if (!scheme.anchoring) {
    if (anchoring !== undefined) issue(ctx, ['anchoring'], `${scheme.name} har ikke tjenestemodellgrupper eller fagråd; send søknaden uten forankring.`);
  } else if (anchoring === undefined) {
    issue(ctx, ['anchoring', 'kind'], 'Velg hvor prosjektet er forankret.');
  } else if (isRec(anchoring) && anchoring.kind === DIRECT_ANCHORING && !scheme.anchoring.allowDirect) {
    issue(ctx, ['anchoring', 'kind'], `Prosjektet må være forankret i en tjenestemodellgruppe eller et fagråd før det sendes til ${committee}.`);
  } else if (isRec(anchoring) && anchoring.kind === GROUP_ANCHORING && typeof anchoring.groupId === 'string' && anchoring.groupId.trim() !== '') {
    const groupId = anchoring.groupId.trim();
    if (!scheme.anchoring.groups.some((g) => g.id === groupId)) {
      issue(ctx, ['anchoring', 'groupId'], `Velg en av tjenestemodellgruppene eller fagrådene i ${scheme.name}.`);
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

/**
 * What a revision's body has beyond the application: the owner's note to the partners on what
 * changed (plain text, optional: a corrected address needs none), and, when the committee asked a
 * question, the owner's answer to it (required then: see reviseApplication). Both are stored with
 * the version, not in the application, which a first submission sends without them.
 */
const revisionShape = { changeNote: optionalTextField(MAX_CHANGE_NOTE), answer: optionalTextField(MAX_COMMITTEE_ANSWER) };
const revisionNoteSchema = z.strictObject(revisionShape, E);

/** The longest text each control of the application form (and the revision's note) takes, read from the schema (application-limits.ts is held to it). */
export function applicationTextLimits(): ReadonlyMap<string, number> {
  return textLimits(z.strictObject({ ...applicationShape, ...revisionShape }));
}

/** A revision's body as a whole (the API's description): the application and the note. */
export function buildRevisionSchema(scheme: SchemeConfig) {
  return z.strictObject({ ...applicationShape, ...revisionShape }, E).check(
    z.superRefine(baseRules, ALWAYS),
    z.superRefine((value, ctx) => schemeRules(scheme, value, ctx), ALWAYS),
  );
}

/**
 * A revision's body → the application (for the scheme's application schema), the owner's note and
 * answer, or their errors. A body that is not an object is left whole to the application's schema.
 */
export function splitRevisionBody(raw: unknown): { application: unknown; changeNote?: string; answer?: string; noteErrors?: Record<string, string> } {
  if (!isRec(raw) || !(Object.hasOwn(raw, 'changeNote') || Object.hasOwn(raw, 'answer'))) return { application: raw };
  const { changeNote, answer, ...application } = raw;
  const parsed = revisionNoteSchema.safeParse({ changeNote, answer });
  if (!parsed.success) return { application, noteErrors: toFieldErrors(parsed.error) };
  const { changeNote: note, answer: given } = parsed.data;
  return { application, ...(note ? { changeNote: note } : {}), ...(given ? { answer: given } : {}) };
}

/**
 * The form's control names as patterns ('partners.*.email': '*' for a row index), read from the
 * schema's own shape: every field a person can type into, and nothing else (what a draft keeps).
 */
export function applicationFieldPatterns(): ReadonlySet<string> {
  // The fields that are objects or lists of objects, by the prefix of their controls' names.
  const nested: Partial<Record<string, [prefix: string, shape: object]>> = {
    expectedEffect: ['expectedEffect', applicationShape.expectedEffect.shape],
    owner: ['owner', applicationShape.owner.shape],
    partners: ['partners.*', partnerSchema.shape],
    budget: ['budget.*', budgetLineSchema.shape],
    anchoring: ['anchoring', { ...groupAnchoringSchema.shape, ...directAnchoringSchema.shape }],
  };
  return new Set(
    Object.keys(applicationShape).flatMap((key) => {
      const inner = nested[key];
      return inner ? Object.keys(inner[1]).map((field) => `${inner[0]}.${field}`) : [key];
    }),
  );
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

/** The anchoring fields the form shows for each choice; the others are left out (the form has no script to hide them). */
const ANCHORING_FIELDS: Record<string, readonly string[]> = {
  [GROUP_ANCHORING]: Object.keys(groupAnchoringSchema.shape),
  [DIRECT_ANCHORING]: Object.keys(directAnchoringSchema.shape),
};

const BUDGET_AMOUNTS = ['personnel', 'money', 'purchases', 'equipment', 'requestedGrant'] as const;

/**
 * The application form as posted (application/x-www-form-urlencoded) → the shape
 * buildApplicationSchema parses. Decisions:
 * - unchecked checkbox lists and lists of rows left empty become [], required groups of fields
 *   left empty (owner, expectedEffect) {}; an unchecked owner.isInternalUnit becomes false;
 * - trailing partner/budget rows left completely empty are dropped, gaps become {} (so errors
 *   point at the form's own row numbers);
 * - in a budget row that has any value, an empty amount means 0 kr.
 */
export function formToApplicationInput(form: FormBody): unknown {
  const out = formToNested(form, APPLICATION_FORM_KINDS);
  // A group of controls left all empty is left out: as [] or {} it is checked field by field, so
  // each error names a control of the form rather than the group, which has none of its own.
  for (const [key, schema] of Object.entries(applicationShape)) {
    if (Object.hasOwn(out, key)) continue;
    const { type } = schema._zod.def;
    if (type === 'array') out[key] = [];
    if (type === 'object') out[key] = {};
  }
  if (isRec(out.owner) && !Object.hasOwn(out.owner, 'isInternalUnit')) out.owner.isInternalUnit = false;
  if (isRec(out.anchoring) && typeof out.anchoring.kind === 'string') {
    const keep = ANCHORING_FIELDS[out.anchoring.kind];
    if (keep) out.anchoring = Object.fromEntries(Object.entries(out.anchoring).filter(([k]) => keep.includes(k)));
  }

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
    ...(scheme.anchoring
      ? {
          anchoring: {
            kind: GROUP_ANCHORING,
            // An elderly-care project: the register's group for the frail elderly, where there is one.
            groupId: (scheme.anchoring.groups.find((g) => g.id.includes('eldre')) ?? scheme.anchoring.groups[0]!).id,
          },
        }
      : {}),
  };
}
