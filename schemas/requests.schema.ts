// Request bodies other than the application itself. All strict, all Norwegian, all bounded.
// Scheme-dependent limits (e.g. the approved period ≤ scheme.maxPeriodMonths, the pot) are the
// use cases' job: call checkPeriod(start, end, scheme.maxPeriodMonths) after parsing.
import * as z from 'zod/mini';
import { APPLICATION_STATUSES, PAYOUT_STATES } from '../functions/domain/model';
import { isIsoDate } from '../functions/domain/oslo-time';
import { recusalsOfAttendees } from '../functions/domain/attendance';
import { caseNumberField, dateRangeInOrder, emailField, indexField, isoDateField, kronerField, MAX_REQUESTED_AMOUNT, NORWEGIAN, optionalCaseNumberField, optionalTextField, REPRESENTS, textField } from './fields.schema';
import { formToNested, type FormBody, type RequestFormFieldKinds } from './form-body';

const E = NORWEGIAN;

/** Reasons, comments: short texts. Messages to applicants: longer. */
const REASON_MAX = 2000;
const MESSAGE_MAX = 4000;
const REPORT_TEXT_MAX = 8000;

// ---- co-signature -----------------------------------------------------------------------------

export const signatureRequestSchema = z
  .strictObject(
    {
      decision: z.enum(['sign', 'decline'], { error: 'Velg om du signerer eller avslår.' }),
      reason: optionalTextField(REASON_MAX),
    },
    E,
  )
  .check(
    z.superRefine((v, ctx) => {
      if (v.decision === 'decline' && !v.reason) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Skriv hvorfor du ikke vil signere.' });
      }
    }),
  );
export type SignatureRequest = z.infer<typeof signatureRequestSchema>;

// ---- committee decision -----------------------------------------------------------------------

const approveSchema = z
  .strictObject(
    {
      outcome: z.literal('approve'),
      amount: kronerField(MAX_REQUESTED_AMOUNT, { positive: true }),
      periodStart: isoDateField(),
      periodEnd: isoDateField(),
      comment: optionalTextField(REASON_MAX),
    },
    E,
  )
  .check(
    z.superRefine((v, ctx) => {
      if (isIsoDate(v.periodStart) && isIsoDate(v.periodEnd) && v.periodEnd <= v.periodStart) {
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'Sluttdato må være etter startdato.' });
      }
    }),
  );

/** The approval's fields, each on its own: what parsed of a form that failed (see validFieldsOf). */
export const approvalFields = approveSchema.shape;

const rejectSchema = z.strictObject(
  {
    outcome: z.literal('reject'),
    reason: z
      .string({ error: (i) => (i.input === undefined ? 'Skriv en begrunnelse for avslaget.' : 'Feltet må være tekst.') })
      .check(
        z.trim(),
        z.minLength(1, { error: 'Skriv en begrunnelse for avslaget.' }),
        z.maxLength(REASON_MAX, { error: `Teksten kan ha høyst ${REASON_MAX} tegn.` }),
      ),
  },
  E,
);

const deferSchema = z.strictObject({ outcome: z.literal('defer'), reason: optionalTextField(REASON_MAX) }, E);

export const decisionRequestSchema = z.discriminatedUnion('outcome', [approveSchema, rejectSchema, deferSchema], {
  error: 'Velg innvilge, avslå eller utsette.',
});
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

// ---- recommendation (two-level schemes: the preparatory body before the committee) ------------

/** Rank 1 = highest priority; the highest allowed is far above any meeting's number of cases. */
export const MAX_RANK = 500;

export const recommendationRequestSchema = z.strictObject(
  {
    recommended: z.boolean({
      error: (i) => (i.input === undefined ? 'Velg om søknaden innstilles eller ikke.' : 'Velg innstilles eller innstilles ikke.'),
    }),
    rank: z.optional(
      z
        .number({ error: 'Prioritet må være et helt tall fra 1.' })
        .check(
          z.gte(1, { error: 'Prioritet må være et helt tall fra 1.' }),
          z.lte(MAX_RANK, { error: `Prioritet kan være høyst ${MAX_RANK}.` }),
          z.refine(Number.isInteger, { error: 'Prioritet må være et helt tall fra 1.' }),
        ),
    ),
    comment: optionalTextField(REASON_MAX),
    /** Which of the body's members took part (scheme.preparation.members, by whom they represent). */
    participants: z.optional(
      z.array(z.enum(REPRESENTS, { error: 'Velg blant medlemmene som er satt opp for ordningen.' }), E).check(z.maxLength(REPRESENTS.length)),
    ),
  },
  E,
);
export type RecommendationRequest = z.infer<typeof recommendationRequestSchema>;

// ---- moving an application to a meeting -------------------------------------------------------

const MEETING_MESSAGE = 'Velg et møte i møteplanen (dato ÅÅÅÅ-MM-DD).';

/** Meeting ids are the meeting's date. */
export const scheduleRequestSchema = z.strictObject(
  {
    meetingId: z
      .string({ error: (i) => (i.input === undefined ? 'Velg hvilket møte søknaden skal behandles i.' : MEETING_MESSAGE) })
      .check(z.trim(), z.maxLength(10, { error: MEETING_MESSAGE }), z.refine(isIsoDate, { error: MEETING_MESSAGE })),
  },
  E,
);
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>;

/**
 * A meeting by its date, or empty or left out: the meeting a decision on a running grant was made in
 * when the secretariat records it later (none: the one in session), where a cancelled meeting's cases go.
 */
const optionalMeetingField = () =>
  z.optional(z.string(E).check(z.trim(), z.maxLength(10, { error: MEETING_MESSAGE }), z.refine((v) => v === '' || isIsoDate(v), { error: MEETING_MESSAGE })));

// ---- more information -------------------------------------------------------------------------

export const informationRequestSchema = z.strictObject({ message: textField(MESSAGE_MAX) }, E);
export type InformationRequest = z.infer<typeof informationRequestSchema>;

// ---- reports ----------------------------------------------------------------------------------

export const reportRequestSchema = z.strictObject(
  {
    /** What has been done. */
    progress: textField(REPORT_TEXT_MAX),
    /** The effect so far / assessed effect. */
    effect: textField(REPORT_TEXT_MAX),
    spentAmount: kronerField(MAX_REQUESTED_AMOUNT),
    lessonsLearned: optionalTextField(REPORT_TEXT_MAX),
    deviations: optionalTextField(REPORT_TEXT_MAX),
  },
  E,
);
export type ReportRequest = z.infer<typeof reportRequestSchema>;

// ---- reallocation, repayment ------------------------------------------------------------------

export const reallocationRequestSchema = z.strictObject(
  { description: textField(MESSAGE_MAX), amount: kronerField(MAX_REQUESTED_AMOUNT, { positive: true }) },
  E,
);
export type ReallocationRequest = z.infer<typeof reallocationRequestSchema>;

export const reallocationDecisionSchema = z.strictObject(
  {
    approved: z.boolean({
      error: (i) => (i.input === undefined ? 'Feltet må fylles ut.' : 'Velg godkjenn eller avslå.'),
    }),
    reason: optionalTextField(REASON_MAX),
    meetingId: optionalMeetingField(),
  },
  E,
);
export type ReallocationDecision = z.infer<typeof reallocationDecisionSchema>;

export const repaymentClaimSchema = z.strictObject(
  {
    amount: kronerField(MAX_REQUESTED_AMOUNT, { positive: true }),
    reason: textField(REASON_MAX),
    /** false: a partial claim and the grant runs on with its reports (refused for a closed grant); true or left out (API clients from before): the claim ends the grant. The case page requires the choice of a partial claim (see claimChoiceMissing). */
    endGrant: z.optional(z.boolean({ error: 'Velg om tilskuddet avsluttes eller løper videre.' })),
    meetingId: optionalMeetingField(),
  },
  E,
);
export type RepaymentClaim = z.infer<typeof repaymentClaimSchema>;

/** The committee takes back a grant of which nothing is paid (paid money is claimed back instead). */
export const revocationRequestSchema = z.strictObject({ reason: textField(REASON_MAX), meetingId: optionalMeetingField() }, E);
export type RevocationRequest = z.infer<typeof revocationRequestSchema>;

/** The committee gives a running grant another period (a later start, "utsatt oppstart"; a longer one within the longest allowed; an earlier end). */
export const periodChangeSchema = z.strictObject(
  { periodStart: isoDateField(), periodEnd: isoDateField(), reason: textField(REASON_MAX), meetingId: optionalMeetingField() },
  E,
);
export type PeriodChange = z.infer<typeof periodChangeSchema>;

/** The owner asks the committee for a new period (a later start, an earlier end), with why; the committee decides. */
export const periodRequestSchema = z.strictObject({ periodStart: isoDateField(), periodEnd: isoDateField(), reason: textField(REASON_MAX) }, E);
export type PeriodRequest = z.infer<typeof periodRequestSchema>;

/** The committee's no to the owner's request for a new period; the reason goes to the owner. */
export const periodDeclineSchema = z.strictObject({ reason: textField(REASON_MAX) }, E);
export type PeriodDecline = z.infer<typeof periodDeclineSchema>;

/** The contact person lost the link to the case: the case number (in every e-mail) and the address the case has. */
export const lostLinkSchema = z.strictObject({ caseNumber: optionalCaseNumberField('e-postene om saken'), email: emailField() }, E);
export type LostLink = z.infer<typeof lostLinkSchema>;

/** Who leads a service-model group or professional council now: the addresses that get the copy of the committee's decisions. */
export const groupLeadersSchema = z.strictObject({ leaderEmail: emailField(), deputyLeaderEmail: emailField() }, E);
export type GroupLeaders = z.infer<typeof groupLeadersSchema>;

/** A new contact person for the project (the owner has left, or handed the project over): the owner's link goes to them. */
export const ownerChangeSchema = z.strictObject({ name: textField(200), email: emailField() }, E);
export type OwnerChange = z.infer<typeof ownerChangeSchema>;

/** A report's new deadline ("utsatt frist"), with the reason the committee gave. */
const reportKindField = () => z.enum(['status', 'final'], { error: 'Velg statusrapporten eller sluttrapporten.' });

export const reportDeadlineSchema = z.strictObject(
  {
    report: reportKindField(),
    dueDate: isoDateField(),
    reason: textField(REASON_MAX),
  },
  E,
);
export type ReportDeadlineRequest = z.infer<typeof reportDeadlineSchema>;

/** The owner asks for a later deadline for the report its link is for; the secretariat decides. */
export const deadlineRequestSchema = z.strictObject({ dueDate: isoDateField(), reason: textField(REASON_MAX) }, E);
export type DeadlineRequest = z.infer<typeof deadlineRequestSchema>;

/** The committee says no to the owner's open request for a later deadline; the reason goes to the owner. */
export const deadlineDeclineSchema = z.strictObject({ report: reportKindField(), reason: textField(REASON_MAX) }, E);
export type DeadlineDecline = z.infer<typeof deadlineDeclineSchema>;

/** The secretariat asks the owner to supplement a report it finds lacking: which report, and what is missing (mailed to the owner). */
export const reportSupplementSchema = z.strictObject({ report: reportKindField(), reason: textField(MESSAGE_MAX) }, E);
export type ReportSupplement = z.infer<typeof reportSupplementSchema>;

/** The secretariat withdraws its request to fill in a report (it no longer needs the answer): which report. */
export const reportSupplementWithdrawalSchema = z.strictObject({ report: reportKindField() }, E);
export type ReportSupplementWithdrawal = z.infer<typeof reportSupplementWithdrawalSchema>;

/** The secretariat writes to the project's contact person (by e-mail, kept on the case). */
export const ownerMessageSchema = z.strictObject({ message: textField(MESSAGE_MAX) }, E);
export type OwnerMessage = z.infer<typeof ownerMessageSchema>;

/** The owner asks for a partner's signing link to be sent again (the partner lost the mail). */
export const signingLinkResendSchema = z.strictObject({ partnerIndex: indexField('Velg en av samarbeidspartene.') }, E);
export type SigningLinkResend = z.infer<typeof signingLinkResendSchema>;

/** Sending the owner's link again: nothing to say (the body may be left out). */
export const ownerLinkResendSchema = z.strictObject({}, E);

// ---- invoicing, withdrawal --------------------------------------------------------------------

export const invoiceRequestSchema = z.strictObject({ invoiceNumber: textField(50) }, E);
export type InvoiceRequest = z.infer<typeof invoiceRequestSchema>;

export const withdrawRequestSchema = z.strictObject({ reason: optionalTextField(REASON_MAX) }, E);
export type WithdrawRequest = z.infer<typeof withdrawRequestSchema>;

// ---- queries (query strings: all values arrive as text) ----------------------------------------

/** The secretariat's list of applications in one status (default: sent in, not yet on an agenda). */
/** default: submitted */
const statusQueryField = () => z.optional(z.enum(APPLICATION_STATUSES, { error: 'Ukjent søknadsstatus.' }));

/** The secretariat's page of applications in one status. */
export const applicationsByStatusQuerySchema = z.strictObject({ status: statusQueryField(), format: z.optional(z.enum(['csv'], { error: 'Velg csv, eller la formatet stå tomt.' })) }, E);

export const listApplicationsQuerySchema = z.strictObject(
  {
    status: statusQueryField(),
    /** words to search for in every status: the title, the owner's address or the case number */
    q: z.optional(z.string(E).check(z.trim(), z.minLength(3, { error: 'Skriv minst 3 tegn å søke etter.' }), z.maxLength(100, { error: 'Skriv høyst 100 tegn å søke etter.' }))),
  },
  E,
);
export type ListApplicationsQuery = z.infer<typeof listApplicationsQuerySchema>;

export const payoutQuerySchema = z.strictObject(
  {
    projectNumber: textField(50),
    state: z.optional(z.enum(PAYOUT_STATES, { error: 'Ukjent utbetalingsstatus.' })),
  },
  E,
);
export type PayoutQuery = z.infer<typeof payoutQuerySchema>;

export const halfYearQuerySchema = z
  .strictObject(
    {
      from: isoDateField(),
      to: isoDateField(),
      format: z.optional(z.enum(['json', 'csv'], { error: 'Velg json eller csv.' })),
    },
    E,
  )
  .check(dateRangeInOrder('from', 'to'));
export type HalfYearQuery = z.infer<typeof halfYearQuerySchema>;

// ---- meeting minutes: attendance and approval ------------------------------------------------

/** One person on the minutes (name, and role or body), and how many the minutes list. */
export const MAX_ATTENDEE_LENGTH = 200;
export const MAX_ATTENDEES = 60;

/** A list of people, one per line on the page: each line trimmed, none empty or too long. */
function attendeeList() {
  return z.array(z.string(E).check(z.trim()), E).check(
    z.maxLength(MAX_ATTENDEES, { error: `Skriv høyst ${MAX_ATTENDEES} personer.` }),
    z.superRefine((names, ctx) => {
      const line = names.findIndex((n) => n === '' || n.length > MAX_ATTENDEE_LENGTH);
      if (line < 0) return;
      const problem = names[line] === '' ? 'er tom' : `har mer enn ${MAX_ATTENDEE_LENGTH} tegn`;
      ctx.addIssue({ code: 'custom', message: `Linje ${line + 1} ${problem}. Skriv én person per linje.`, input: names });
    }),
  );
}

/** The most cases a meeting's minutes record recusals on (far above any agenda). */
export const MAX_RECUSAL_CASES = 100;

export const attendanceRequestSchema = z
  .strictObject(
    {
      present: attendeeList().check(z.minLength(1, { error: 'Skriv hvem som var til stede, én person per linje.' })),
      absent: z.optional(attendeeList()),
      /**
       * Who stepped aside as disqualified (inhabil, forvaltningsloven § 6) while a case was dealt
       * with: by case number, each person as written under present, or by name alone (the part of
       * the line before its first comma or parenthesis); stored as the line under present.
       */
      recused: z.optional(
        z.record(caseNumberField(), attendeeList(), { error: (issue) => (issue.code === 'invalid_key' ? 'Inhabilitet føres på en sak: saksnummeret er app_ fulgt av 16 tegn.' : undefined) }).check(
          z.refine((cases) => Object.keys(cases).length <= MAX_RECUSAL_CASES, { error: `Inhabilitet kan føres for høyst ${MAX_RECUSAL_CASES} saker.` }),
        ),
      ),
    },
    E,
  )
  .check(
    z.superRefine((v, ctx) => {
      const present = new Set((v.present ?? []).map((n) => n.toLocaleLowerCase('nb')));
      const both = (v.absent ?? []).find((n) => present.has(n.toLocaleLowerCase('nb')));
      if (both) ctx.addIssue({ code: 'custom', path: ['absent'], message: `${both} står både som til stede og med forfall.`, input: v.absent });
      // Each disqualified person must be one of those present: by the whole line or by name (recusalsOfAttendees).
      const { problems } = recusalsOfAttendees(v.present ?? [], v.recused ?? {});
      for (const [applicationId, message] of Object.entries(problems)) {
        ctx.addIssue({ code: 'custom', path: ['recused', applicationId], message, input: v.recused?.[applicationId] });
      }
    }),
  );
export type AttendanceRequest = z.infer<typeof attendanceRequestSchema>;

export const minutesApprovalSchema = z.strictObject({ note: optionalTextField(REASON_MAX) }, E);
export type MinutesApprovalRequest = z.infer<typeof minutesApprovalSchema>;

// ---- the meeting calendar: a meeting the secretariat adds ------------------------------------

const TIME_MESSAGE = 'Skriv klokkeslettet som TT:MM, for eksempel 09:00.';
export const meetingAdditionSchema = z.strictObject(
  {
    date: isoDateField(),
    time: z.string(E).check(z.trim(), z.maxLength(5, { error: TIME_MESSAGE }), z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: TIME_MESSAGE })),
    title: textField(200),
    /** false: the meeting decides only cases already in process (application rounds); default true */
    newApplications: z.optional(z.boolean({ error: 'Velg om møtet tar imot nye søknader.' })),
  },
  E,
);
export type MeetingAddition = z.infer<typeof meetingAdditionSchema>;

/** Cancelling a meeting not yet held: the meeting its open cases move to (needed only when it has any). */
export const meetingCancellationSchema = z.strictObject({ moveCasesTo: optionalMeetingField() }, E);
export type MeetingCancellation = z.infer<typeof meetingCancellationSchema>;

// ---- urlencoded form posts ----------------------------------------------------------------------

export const REQUEST_SCHEMAS = {
  signature: signatureRequestSchema,
  decision: decisionRequestSchema,
  recommendation: recommendationRequestSchema,
  information: informationRequestSchema,
  report: reportRequestSchema,
  reallocation: reallocationRequestSchema,
  reallocationDecision: reallocationDecisionSchema,
  repaymentClaim: repaymentClaimSchema,
  revocation: revocationRequestSchema,
  periodChange: periodChangeSchema,
  periodRequest: periodRequestSchema,
  periodDecline: periodDeclineSchema,
  groupLeaders: groupLeadersSchema,
  lostLink: lostLinkSchema,
  ownerChange: ownerChangeSchema,
  reportDeadline: reportDeadlineSchema,
  deadlineRequest: deadlineRequestSchema,
  deadlineDecline: deadlineDeclineSchema,
  reportSupplement: reportSupplementSchema,
  reportSupplementWithdrawal: reportSupplementWithdrawalSchema,
  ownerMessage: ownerMessageSchema,
  signingLinkResend: signingLinkResendSchema,
  invoice: invoiceRequestSchema,
  withdraw: withdrawRequestSchema,
  payoutQuery: payoutQuerySchema,
  halfYearQuery: halfYearQuerySchema,
  attendance: attendanceRequestSchema,
  minutesApproval: minutesApprovalSchema,
  meetingAddition: meetingAdditionSchema,
  meetingCancellation: meetingCancellationSchema,
} as const;
export type RequestSchemaKey = keyof typeof REQUEST_SCHEMAS;

/** The fields of a request that a form does not post as plain text, for the requests that have any (a test holds this to the schemas). */
export const FORM_FIELD_KINDS: Readonly<Partial<Record<RequestSchemaKey, RequestFormFieldKinds>>> = {
  decision: { numbers: ['amount'] },
  recommendation: { numbers: ['rank'], booleans: ['recommended'], lists: ['participants'] },
  report: { numbers: ['spentAmount'] },
  reallocation: { numbers: ['amount'] },
  reallocationDecision: { booleans: ['approved'] },
  repaymentClaim: { numbers: ['amount'], booleans: ['endGrant'] },
  attendance: { lines: ['present', 'absent'], lineMaps: ['recused'] },
  meetingAddition: { booleans: ['newApplications'] },
  signingLinkResend: { numbers: ['partnerIndex'] },
};

/**
 * An urlencoded form post for one of REQUEST_SCHEMAS → the object that schema parses: empty
 * fields are left out, clean whole numbers ('250 000') become numbers for that schema's number
 * fields, 'true'/'on'/'ja' and 'false'/'off'/'nei' become booleans for its boolean fields;
 * anything else stays text so the schema reports it in Norwegian. Unsafe keys are ignored.
 */
export function coerceFormBody(schemaKey: RequestSchemaKey, form: FormBody): Record<string, unknown> {
  const { numbers = [], booleans = [], lists = [], lines = [], lineMaps = [] } = FORM_FIELD_KINDS[schemaKey] ?? {};
  const out = formToNested(form, { numbers, booleans, lists });
  // Checkbox lists: none ticked posts nothing, which is an empty list.
  for (const list of lists) out[list] ??= [];
  for (const field of lines) out[field] = linesOf(out[field]);
  for (const field of lineMaps) {
    const areas = out[field];
    if (typeof areas !== 'object' || areas === null || Array.isArray(areas)) continue;
    const filled = Object.entries(areas).map(([key, text]) => [key, linesOf(text)] as const).filter(([, lines]) => !Array.isArray(lines) || lines.length > 0);
    if (filled.length === 0) delete out[field];
    else out[field] = Object.fromEntries(filled);
  }
  return out;
}

/** A text area's lines, trimmed, without the blank ones (anything but text is left for the schema). */
function linesOf(value: unknown): unknown {
  if (value === undefined) return [];
  if (typeof value !== 'string') return value;
  return value.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
}

/** The same for any request body in this file, knowing every number and boolean field by name. */
export function formToObject(form: FormBody): Record<string, unknown> {
  const all = (kind: 'numbers' | 'booleans') => [...new Set(Object.values(FORM_FIELD_KINDS).flatMap((k) => k[kind] ?? []))];
  return formToNested(form, { numbers: all('numbers'), booleans: all('booleans') });
}

/** Parses a form post with the schema for the key. */
export function parseFormBody<K extends RequestSchemaKey>(schemaKey: K, form: FormBody) {
  return REQUEST_SCHEMAS[schemaKey].safeParse(coerceFormBody(schemaKey, form)) as ReturnType<
    (typeof REQUEST_SCHEMAS)[K]['safeParse']
  >;
}
