// A health community's grant scheme as configuration: who decides, when, with which criteria,
// and where the money is booked. One file per community under config/schemes/, parsed at import.
// Config errors are for developers and operators (thrown at start-up), so they name the path in
// plain text; everything a citizen sees lives in application.schema.ts / requests.schema.ts.
import * as z from 'zod';
import { ANCHORING_GROUP_KINDS } from '../functions/domain/anchoring';
import { organisationNumberProblem } from '../functions/domain/organisation-number';
import { isIsoDate } from '../functions/domain/oslo-time';
import { REPRESENTS } from './fields.schema';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The five areas the national guidelines (Prop. 104 S (2023–2024)) let the grant support. */
export const NATIONAL_GUIDELINE_AREAS = [
  { id: 'waiting-times', label: 'Redusere ventetidene på sykehus' },
  {
    id: 'recruitment',
    label: 'Fremme rekruttering og bruk av personell på tvers av nivåene, for eksempel kombinerte stillinger',
  },
  { id: 'priority-groups', label: 'Støtte tiltak for prioriterte pasientgrupper med sammensatte behov' },
  {
    id: 'small-hospitals',
    label: 'Tilrettelegge for lokale løsninger i opptaksområdet til de minste sykehusene',
  },
  {
    id: 'cost-shift',
    label: 'Dekke kostnader der én partner får økte kostnader mens den andre får innsparing',
  },
] as const satisfies readonly { id: string; label: string }[];

/** The prioritised patient groups named in the national guidelines. */
export const PRIORITY_PATIENT_GROUPS = [
  { id: 'four-priority-groups', label: 'De fire prioriterte pasientgruppene med sammensatte behov' },
  { id: 'pregnancy-birth-maternity', label: 'Svangerskaps-, fødsels- og barselomsorg' },
  { id: 'mental-health-substance-abuse', label: 'Integrert psykisk helsetjeneste og rustjeneste' },
  { id: 'rehabilitation', label: 'Rehabilitering' },
  { id: 'discharge-ready', label: 'Færre utskrivningsklare pasienter som blir liggende på sykehus' },
] as const satisfies readonly { id: string; label: string }[];

export { REPRESENTS };

const uniqueIds = (items: readonly { id: string }[], ctx: z.RefinementCtx, what: string) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate ${what} id '${item.id}'` });
    seen.add(item.id);
  });
};

// Built on first use: Lambda bundles get the configurations validated at synth and never parse
// them, so they should not pay for constructing this schema at every cold start.
function buildSchemeConfigSchema() {
  const slug = z.string().max(60).regex(SLUG, 'must be a lowercase slug (a-z, 0-9, single hyphens)');
  const text = (max: number) => z.string().trim().min(1).max(max);
  const email = z.string().trim().max(254).email();
  const wholeDays = (max: number) => z.number().int().min(0).max(max);
  const dayList = z.array(z.number().int().min(0).max(365)).max(10);

  const organisationNumber = z
    .string()
    .max(20)
    .superRefine((value, ctx) => {
      const problem = organisationNumberProblem(value);
      if (problem) {
        ctx.addIssue({
          code: 'custom',
          message: problem === 'format' ? 'must be 9 digits' : 'has a wrong check digit (modulus 11)',
        });
      }
    });

  const labelled = z.strictObject({ id: slug, label: text(300) });

  /**
   * A first level of review before the committee decides (two-level schemes). Helse Nord: the health
   * community's assessment committee prioritises (ranks) the applications it sends on, then the
   * regional coordination committee decides. Midt-Norge: a working committee with a user
   * representative gives its recommendation to ASU. While it is configured, the committee cannot
   * approve, reject or defer an application that has no recommendation for the current round.
   */
  const preparationSchema = z.strictObject({
    body: z.strictObject({ shortName: text(20), name: text(200) }),
    /** true: the recommendation carries a rank (1 = highest priority) among the round's applications. */
    ranked: z.boolean(),
    /** Who sits in the body, one member per kind: a recommendation records which of them took part. */
    members: z
      .array(z.strictObject({ represents: z.enum(REPRESENTS), title: text(200) }))
      .max(REPRESENTS.length)
      .default([])
      .superRefine((members, ctx) => uniqueIds(members.map((m) => ({ id: m.represents })), ctx, 'member (represents)')),
  });

  const meetingSchema = z.strictObject({
    date: z.string().max(10).refine(isIsoDate, 'must be a real date YYYY-MM-DD'),
    time: z.string().max(5).regex(TIME, 'must be HH:MM (24 h)'),
    title: text(200),
    /**
     * false: the meeting decides only cases already in process (deferred, moved, an answer to the
     * committee's question), and new applications go to the next meeting that takes them. For
     * application rounds (002: "kanskje to søknadsfrister i året"): only the rounds' meetings take
     * new applications, each with its deadline. Absent: it takes them, as every meeting does today.
     */
    newApplications: z.boolean().optional(),
  });

  return z
    .strictObject({
      id: slug,
      name: text(200),
      hospitalTrust: z.strictObject({
        name: text(200),
        organisationNumber,
        /** Units of the hospital trust: a project owned by one of these is paid by cost booking. */
        internalUnits: z.array(text(200)).max(200),
        /**
         * The trust's data protection officer (personvernombud), whom the privacy notice on the
         * landing page names beside the secretariat. The trust is the controller (behandlingsansvarlig)
         * of the community's cases. Absent: the notice names the secretariat only.
         */
        dataProtectionOfficerEmail: email.optional(),
        /**
         * More about the legal basis, in bokmål, which the privacy notice shows under the community
         * after its own default (the processing is necessary for a task in the public interest that
         * the trust has, administering the community's grant scheme: GDPR art. 6(1)(e)). Say what
         * gives the trust the task (a mandate, an agreement, a statute), as the trust's lawyers put it.
         * Absent: the notice states the default only.
         */
        legalBasis: text(1000).optional(),
      }),
      committee: z.strictObject({
        /** 'FSU', 'SSU', 'ASU', … */
        shortName: text(20),
        name: text(200),
      }),
      /**
       * Where projects are anchored before they reach the committee (002: the service-model groups
       * and professional councils of FSU, whose leader and deputy get a copy of every decision).
       * Absent: the community has no such groups, and the form does not ask.
       */
      anchoring: z
        .strictObject({
          /** 002: a project may go "direkte til FSU, med begrunnelse og beskrivelse av forankringsprosess". */
          allowDirect: z.boolean(),
          /**
           * The register the applicant picks from, kept by the secretariat: each group and who gets
           * the copy of the decisions for it. Ids stay stable (applications refer to them); a leader
           * who changes is changed here, and gets the copies of later decisions.
           */
          groups: z
            .array(
              z.strictObject({
                id: slug,
                kind: z.enum(ANCHORING_GROUP_KINDS),
                name: text(200),
                leaderEmail: email,
                deputyLeaderEmail: email,
              }),
            )
            .min(1)
            .max(100)
            .superRefine((items, ctx) => uniqueIds(items, ctx, 'anchoring group')),
        })
        .optional(),
      /** Optional first level of review (see preparationSchema). */
      preparation: preparationSchema.optional(),
      secretariatEmail: email,
      financeEmail: email,
      senderEmail: email,
      projectNumber: text(50),
      /**
       * The project numbers the scheme had before (a new accounting year, a new project): payouts
       * keep the number they were made under, so finance's lists, the follow-up of missing invoices
       * and the half-year report read these too. New payouts use projectNumber. Absent: none.
       */
      formerProjectNumbers: z
        .array(text(50))
        .max(20)
        .superRefine((numbers, ctx) => {
          numbers.forEach((n, i) => {
            if (numbers.indexOf(n) < i) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate former project number '${n}'` });
          });
        })
        .optional(),
      /** Days before a meeting a complete application must be in (Sør-Rogaland: 14). */
      submissionLeadDays: wholeDays(365).default(14),
      /** Longest grant period in months (Sør-Rogaland: at most 12 months at a time). */
      maxPeriodMonths: z.number().int().min(1).max(60).default(12),
      statusReportAfterMonths: z.number().int().min(1).max(60).default(6),
      /** Days after the period ends the final report is due. */
      finalReportDueDays: wholeDays(365).default(60),
      reminders: z
        .strictObject({
          submissionDeadlineDaysBefore: dayList.default([7, 1]),
          reportDueDaysBefore: dayList.default([14]),
          overdueEveryDays: z.number().int().min(1).max(365).default(14),
          maxOverdueReminders: z.number().int().min(0).max(100).default(12),
          /** how many of a report's overdue reminders (the first ones) go to the secretariat in copy; it sees the rest on the overdue page, and is told when they end */
          overdueCopiesToSecretariat: z.number().int().min(0).max(100).default(1),
          cosignEveryDays: z.number().int().min(1).max(365).default(7),
          /** a grant paid on invoice: the owner is reminded this many days after the decision, and again as often, while no invoice has come */
          invoiceAfterDays: z.number().int().min(1).max(365).default(30),
          maxInvoiceReminders: z.number().int().min(0).max(12).default(3),
        })
        .prefault({}),
      criteria: z
        .array(z.strictObject({ id: slug, label: text(300), description: text(2000) }))
        .min(1)
        .max(20)
        .superRefine((items, ctx) => uniqueIds(items, ctx, 'criterion')),
      /** How many criteria an application must claim to meet. */
      criteriaRule: z.strictObject({ minMet: z.number().int().min(0).max(20) }),
      guidelineAreas: z
        .array(labelled)
        .min(1)
        .max(20)
        .superRefine((items, ctx) => uniqueIds(items, ctx, 'guideline area'))
        .default(() => NATIONAL_GUIDELINE_AREAS.map((a) => ({ ...a }))),
      /**
       * An application may describe another need instead of naming a guideline area (000: "Anmerke
       * om initiativet treffer de nasjonale føringene … eller andre behov"). Off: at least one area.
       */
      allowOtherNeed: z.boolean().default(false),
      priorityPatientGroups: z
        .array(labelled)
        .max(20)
        .superRefine((items, ctx) => uniqueIds(items, ctx, 'patient group'))
        .default(() => PRIORITY_PATIENT_GROUPS.map((g) => ({ ...g }))),
      /** The pot per calendar year, whole NOK, keyed by year ('2026'). */
      yearlyPotNok: z.record(
        z.string().regex(/^\d{4}$/, 'year keys must be YYYY'),
        z.number().int().min(0).max(1_000_000_000),
      ),
      meetings: z
        .array(meetingSchema)
        .max(200)
        .superRefine((meetings, ctx) => {
          meetings.forEach((m, i) => {
            const prev = meetings[i - 1];
            if (prev && prev.date >= m.date) {
              ctx.addIssue({
                code: 'custom',
                path: [i, 'date'],
                message: `meetings must be sorted by date without duplicates ('${prev.date}' then '${m.date}')`,
              });
            }
          });
        }),
      timeZone: z.literal('Europe/Oslo').default('Europe/Oslo'),
      /** Days an e-mailed capability link stays valid. */
      linkValidityDays: z.number().int().min(1).max(365).default(60),
      /**
       * Who the deciding committee informs every half-year of the use and effect of the grant
       * (Sør-Rogaland: "FSU orienterer halvårlig SSU", 002). Optional: a community whose process sets
       * no such report leaves it out, and the half-year notice and report then name no recipient.
       */
      halfYearReportTo: text(50).optional(),
      /**
       * The month of the regional health authority's follow-up meeting with the hospital trust, which
       * the trust reports to beforehand (003: "rapportere til RHF-et i god tid før oppfølgingsmøtet i
       * november og i årlig melding"): the secretariat is reminded in the month before it, with the
       * year so far, and in January of the annual report too.
       */
      regionalFollowUpMonth: z.number().int().min(1).max(12).default(11),
      /**
       * Innlandet (000): "Tiltak som tildeles midler anmerkes i handlingsdelen, og status på
       * handlingsdel rapporteres i SSU møte." A granted measure is noted in the action part of the
       * community's plan (the decision letter says so), and every meeting's agenda reports the
       * status of the measures since the meeting before. Absent: no action part.
       */
      actionPlan: z
        .strictObject({
          /** what the action part is called, as it reads after "anmerkes i" ('handlingsdelen av …') */
          title: text(200),
        })
        .optional(),
    })
    .superRefine((cfg, ctx) => {
      const current = cfg.formerProjectNumbers?.indexOf(cfg.projectNumber) ?? -1;
      if (current >= 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['formerProjectNumbers', current],
          message: `'${cfg.projectNumber}' is the current projectNumber, not a former one`,
        });
      }
      if (cfg.criteriaRule.minMet > cfg.criteria.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteriaRule', 'minMet'],
          message: `minMet (${cfg.criteriaRule.minMet}) exceeds the number of criteria (${cfg.criteria.length})`,
        });
      }
    });
}

let built: ReturnType<typeof buildSchemeConfigSchema> | undefined;

/** The zod schema of a scheme configuration. */
export function schemeConfigSchema(): ReturnType<typeof buildSchemeConfigSchema> {
  built ??= buildSchemeConfigSchema();
  return built;
}

export type SchemeConfig = z.infer<ReturnType<typeof buildSchemeConfigSchema>>;
/** What a config file writes: defaults may be left out. */
export type SchemeConfigInput = z.input<ReturnType<typeof buildSchemeConfigSchema>>;

/** Parses a scheme configuration; throws an Error naming every bad path. */
export function parseSchemeConfig(raw: unknown): SchemeConfig {
  const result = schemeConfigSchema().safeParse(raw);
  if (result.success) return result.data;
  const id =
    typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
      ? ` '${(raw as { id: string }).id}'`
      : '';
  const lines = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    return `  - ${path}: ${issue.message}`;
  });
  throw new Error(`Invalid scheme configuration${id}:\n${lines.join('\n')}`);
}
