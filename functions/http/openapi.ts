// The API's OpenAPI 3.1 description, generated from the route table and the zod request schemas
// (zod 4's z.toJSONSchema emits JSON Schema 2020-12, the dialect OpenAPI 3.1 uses).
import * as z from 'zod/mini';
import { SCHEMES } from '../../config/schemes';
import { buildApplicationSchema, buildRevisionSchema } from '../../schemas/application.schema';
import {
  attendanceRequestSchema,
  decisionRequestSchema,
  halfYearQuerySchema,
  informationRequestSchema,
  invoiceRequestSchema,
  listApplicationsQuerySchema,
  minutesApprovalSchema,
  meetingAdditionSchema,
  meetingCancellationSchema,
  payoutQuerySchema,
  reallocationDecisionSchema,
  reallocationRequestSchema,
  recommendationRequestSchema,
  repaymentClaimSchema,
  reportRequestSchema,
  deadlineRequestSchema,
  revocationRequestSchema, periodChangeSchema, periodRequestSchema, lostLinkSchema, periodDeclineSchema, groupLeadersSchema,
  ownerChangeSchema,
  reportDeadlineSchema,
  deadlineDeclineSchema,
  reportSupplementSchema,
  reportSupplementWithdrawalSchema,
  ownerMessageSchema,
  signingLinkResendSchema,
  ownerLinkResendSchema,
  scheduleRequestSchema,
  signatureRequestSchema,
  withdrawRequestSchema,
} from '../../schemas/requests.schema';
import { API_ROUTES, type RouteDefinition } from './routes';

type JsonSchema = Record<string, unknown>;

export const STAFF_SECURITY_SCHEME = 'staffJwt';

function firstScheme() {
  const scheme = Object.values(SCHEMES)[0];
  if (!scheme) throw new Error('No scheme configured');
  return scheme;
}

/** Request bodies by route id: [component name, schema]. */
function requestBodies(): Record<string, [string, z.ZodMiniType]> {
  return {
    'submit-application': ['Application', buildApplicationSchema(firstScheme())],
    'revise-application': ['Revision', buildRevisionSchema(firstScheme())],
    'withdraw-application': ['WithdrawRequest', withdrawRequestSchema],
    'request-reallocation': ['ReallocationRequest', reallocationRequestSchema],
    'cosign-application': ['SignatureRequest', signatureRequestSchema],
    'submit-report': ['ReportRequest', reportRequestSchema],
    'request-report-deadline': ['DeadlineRequest', deadlineRequestSchema],
    'schedule-application': ['ScheduleRequest', scheduleRequestSchema],
    'request-information': ['InformationRequest', informationRequestSchema],
    'record-recommendation': ['RecommendationRequest', recommendationRequestSchema],
    'record-decision': ['DecisionRequest', decisionRequestSchema],
    'record-attendance': ['AttendanceRequest', attendanceRequestSchema],
    'approve-minutes': ['MinutesApproval', minutesApprovalSchema],
    'add-meeting': ['MeetingAddition', meetingAdditionSchema],
    'remove-meeting': ['MeetingCancellation', meetingCancellationSchema],
    'decide-reallocation': ['ReallocationDecision', reallocationDecisionSchema],
    'claim-repayment': ['RepaymentClaim', repaymentClaimSchema],
    'revoke-grant': ['RevocationRequest', revocationRequestSchema],
    'change-grant-period': ['PeriodChange', periodChangeSchema],
    'request-period-change': ['PeriodRequest', periodRequestSchema],
    'request-lost-link': ['LostLink', lostLinkSchema],
    'decline-period-request': ['PeriodDecline', periodDeclineSchema],
    'update-group-leaders': ['GroupLeaders', groupLeadersSchema],
    'change-owner': ['OwnerChange', ownerChangeSchema],
    'extend-report-deadline': ['ReportDeadline', reportDeadlineSchema],
    'decline-deadline-request': ['DeadlineDecline', deadlineDeclineSchema],
    'request-report-supplement': ['ReportSupplement', reportSupplementSchema],
    'withdraw-report-supplement': ['ReportSupplementWithdrawal', reportSupplementWithdrawalSchema],
    'message-owner': ['OwnerMessage', ownerMessageSchema],
    'message-secretariat': ['OwnerMessage', ownerMessageSchema],
    'resend-signing-link': ['SigningLinkResend', signingLinkResendSchema],
    'resend-owner-link': ['OwnerLinkResend', ownerLinkResendSchema],
    'register-invoice': ['InvoiceRequest', invoiceRequestSchema],
  };
}

const QUERIES: Record<string, z.ZodMiniType> = {
  'list-applications': listApplicationsQuerySchema,
  'half-year-report': halfYearQuerySchema,
  'list-payouts': payoutQuerySchema,
};

const SUCCESS: Record<string, [number, string]> = {
  'get-deadline-calendar': [200, 'Søknadsfristene til møtene som tar imot nye søknader, som heldagshendelser (iCalendar, RFC 5545)'],
  'submit-application': [201, 'Søknaden er mottatt (200: samme innsending er mottatt før, eller nøyaktig samme søknad under en annen nøkkel mens den første er i behandling; sentBefore: true)'],
  'request-reallocation': [201, 'Søknaden om omdisponering er registrert'],
  'submit-report': [201, 'Rapporten er mottatt'],
  'request-report-deadline': [202, 'Forespørselen om utsatt frist er registrert (changed: false for en gjentakelse); sekretariatet får beskjed'],
  'request-information': [201, 'Forespørselen er registrert'],
  'record-recommendation': [201, 'Innstillingen er registrert'],
  'record-decision': [201, 'Vedtaket er registrert'],
  'claim-repayment': [201, 'Kravet er registrert'],
  'revoke-grant': [200, 'Tilskuddet er trukket tilbake (også når det var trukket tilbake fra før)'],
  'change-grant-period': [200, 'Den nye perioden er registrert som komiteens vedtak (changed: false for en gjentakelse); sluttrapporten følger den nye sluttdatoen, og prosjektansvarlig får vedtaket med kopi til gruppens ledere'],
  'update-group-leaders': [200, 'Lederne er lagret (changed: false når adressene var de samme fra før); kopien av vedtakene som sendes fra nå av, går dit'],
  'request-lost-link': [202, 'Mottatt, uansett om saksnummeret og adressen hører sammen (svaret røper ikke det); hører de sammen, sendes lenken til sakens adresse med neste utsending av påminnelser, høyst tre ganger i døgnet'],
  'request-period-change': [202, 'Ønsket om ny prosjektperiode er registrert (changed: false for en gjentakelse); sekretariatet får beskjed, og komiteen avgjør'],
  'decline-period-request': [200, 'Avslaget er registrert (changed: false for en gjentakelse); prosjektansvarlig får begrunnelsen, og perioden står'],
  'change-owner': [200, 'Prosjektansvarlig er endret (changed: false når det var den samme fra før); den nye prosjektansvarlige får lenken sin på e-post'],
  'extend-report-deadline': [200, 'Den nye fristen er registrert (changed: false for en gjentakelse); påminnelsene følger den, og prosjektansvarlig får beskjed'],
  'decline-deadline-request': [200, 'Avslaget er registrert (changed: false for en gjentakelse); prosjektansvarlig får begrunnelsen, og fristen står'],
  'request-report-supplement': [200, 'Ønsket er registrert (changed: false for en gjentakelse); prosjektansvarlig får det som mangler og en lenke til rapporten'],
  'withdraw-report-supplement': [200, 'Ønsket er trukket (changed: false for en gjentakelse); lenken virker ikke lenger, og en prosjektansvarlig som fikk ønsket får beskjed'],
  'message-secretariat': [202, 'Meldingen sendes til sekretariatet med neste utsending av påminnelser (innen et kvarter); samme tekst igjen innen et minutt er samme melding (changed: false); høyst 10 i døgnet (409)'],
  'resend-signing-link': [202, 'Lenken samarbeidsparten har fått, sendes til samarbeidspartens adresse med neste utsending av påminnelser (innen et kvarter); høyst én gang i døgnet per samarbeidspart (409)'],
  'message-owner': [202, 'Meldingen sendes til prosjektansvarlig med neste utsending av påminnelser (innen et kvarter); samme tekst igjen innen et minutt er samme melding (changed: false)'],
  'resend-owner-link': [202, 'Lenken sendes til prosjektansvarlig med neste utsending av påminnelser (innen et kvarter); en gjentakelse innen et minutt sender ikke en til'],
  'approve-minutes': [201, 'Godkjenningen er registrert (200: protokollen var godkjent fra før)'],
  'add-meeting': [201, 'Møtet er lagt til i møteplanen, eller et avlyst møte er satt inn igjen slik det var (restored) (200: det samme møtet var der fra før)'],
};

/** Routes whose body may be left out (every field optional). */
const OPTIONAL_BODIES = new Set(['remove-meeting', 'resend-owner-link']);

const FORM_ROUTES = new Set(['submit-application', 'revise-application', 'withdraw-application', 'request-reallocation', 'cosign-application', 'submit-report', 'request-report-deadline', 'message-secretariat', 'request-period-change', 'request-lost-link', 'resend-signing-link']);

type CheckDef = { check?: string; fn?: unknown };

/** Amounts are checked with .refine(Number.isInteger) (so cross-field messages survive); say "integer". */
function isWholeNumber(schema: z.core.$ZodType): boolean {
  const def = schema._zod.def as { type: string; checks?: Array<{ _zod: { def: CheckDef } }> };
  return def.type === 'number' && (def.checks ?? []).some((c) => c._zod.def.check === 'custom' && c._zod.def.fn === Number.isInteger);
}

function toSchema(schema: z.ZodMiniType): JsonSchema {
  const out = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: (ctx) => {
      if (isWholeNumber(ctx.zodSchema)) ctx.jsonSchema.type = 'integer';
    },
  }) as JsonSchema;
  delete out.$schema;
  return out;
}

/** What a route answers other than JSON alone. */
const CONTENT: Record<string, Record<string, unknown>> = {
  'half-year-report': { 'application/json': { schema: { type: 'object' } }, 'text/csv': { schema: { type: 'string' } } },
  'get-deadline-calendar': { 'text/calendar': { schema: { type: 'string' } } },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operation(route: RouteDefinition, bodies: Record<string, [string, z.ZodMiniType]>) {
  const parameters: JsonSchema[] = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = QUERIES[route.id];
  if (query) {
    const schema = toSchema(query);
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    }
  }
  if (route.id === 'submit-application') {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Samme nøkkel med samme innhold gir samme søknad; med annet innhold gir den 409.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{8,100}$' },
    });
  }
  const [status, description] = SUCCESS[route.id] ?? [200, 'OK'];
  const responses: Record<string, unknown> = {
    [String(status)]: {
      description,
      content: CONTENT[route.id] ?? { 'application/json': { schema: { type: 'object' } } },
    },
    '400': errorResponse('Ugyldig forespørsel; fieldErrors forklarer hvert felt'),
    '404': errorResponse('Fant ikke det du ba om'),
    '500': errorResponse('Intern feil'),
  };
  if (route.method === 'POST') {
    responses['409'] = errorResponse('Konflikt med gjeldende status');
    responses['413'] = errorResponse('Forespørselen er for stor');
    responses['415'] = errorResponse('Innholdstypen støttes ikke');
  }
  if (route.path.includes('{linkId}')) responses['410'] = errorResponse('Lenken er utløpt eller allerede brukt');
  if (route.access !== 'public') {
    responses['401'] = errorResponse('Ikke innlogget');
    responses['403'] = errorResponse('Mangler rollen ' + route.access);
  }
  const body = bodies[route.id];
  const ref = body ? { $ref: `#/components/schemas/${body[0]}` } : undefined;
  return {
    operationId: route.id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()),
    summary: route.summary,
    tags: [route.access === 'public' ? 'Offentlig' : route.access === 'secretariat' ? 'Sekretariat' : 'Økonomi'],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(ref
      ? {
          requestBody: {
            required: !OPTIONAL_BODIES.has(route.id),
            content: {
              'application/json': { schema: ref },
              ...(FORM_ROUTES.has(route.id) ? { 'application/x-www-form-urlencoded': { schema: ref } } : {}),
            },
          },
        }
      : {}),
    responses,
    security: route.access === 'public' ? [] : [{ [STAFF_SECURITY_SCHEME]: [] }],
    ...(route.access !== 'public' ? { 'x-required-role': route.access } : {}),
  };
}

export function buildOpenApiDocument() {
  const bodies = requestBodies();
  const schemas: Record<string, JsonSchema> = {
    Error: {
      type: 'object',
      required: ['error', 'message'],
      properties: {
        error: { type: 'string' },
        message: { type: 'string' },
        reason: { type: 'string' },
        fieldErrors: { type: 'object', additionalProperties: { type: 'string' } },
        correlationId: { type: 'string' },
      },
    },
  };
  for (const [name, schema] of Object.values(bodies)) schemas[name] ??= toSchema(schema);
  const paths: Record<string, Record<string, unknown>> = {};
  // The JSON API only: the web pages (PAGE_ROUTES) answer HTML for people and are not an API.
  for (const route of API_ROUTES) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, bodies);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rekrutterings- og samhandlingstilskudd',
      version: '0.1.0',
      description: 'Søknad, signering, behandling, utbetaling og rapportering av tilskudd i helsefellesskapene.',
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        [STAFF_SECURITY_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Cognito-token; rollen avgjøres av gruppene (secretariat, finance).',
        },
      },
    },
  };
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** Built once per container. */
export function openApiDocument() {
  cached ??= buildOpenApiDocument();
  return cached;
}
