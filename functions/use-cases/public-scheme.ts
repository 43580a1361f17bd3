import { takesNewApplications, upcomingMeetings as upcoming } from '../domain/meeting-calendar';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import type { Dependencies } from '../composition';
import { MAX_REQUESTED_AMOUNT } from '../../schemas/fields.schema';
import { loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { icsCalendar } from '../domain/icalendar';
import { formatNorwegianDate, osloDateOf } from '../domain/oslo-time';
import { applicationFormPath } from '../http/routes';

/**
 * What anyone may read about a scheme before applying: criteria, guidelines, the meeting plan with
 * submission deadlines, and limits. No staff addresses except the secretariat's contact address;
 * no pot balances, project numbers or finance details.
 */
export async function getPublicScheme(deps: Pick<Dependencies, 'scheme' | 'clock' | 'store'>, schemeId: string) {
  const scheme = loadScheme(deps, schemeId);
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps, scheme);
  // open: a new application sent now can reach it (its deadline has not passed, and it takes new ones).
  const upcomingMeetings = upcoming(calendar, now).map((m) => {
    const newApplications = takesNewApplications(m);
    const { id, date, time, title, startsAt, submissionDeadline } = m;
    return { id, date, time, title, startsAt, submissionDeadline, newApplications, open: newApplications && Date.parse(submissionDeadline) >= now.getTime() };
  });
  return { ...publicSchemeFacts(scheme), upcomingMeetings };
}

/**
 * The submission deadlines of the meetings a new application can still reach, as an iCalendar feed
 * applicants subscribe to (each deadline an all-day event on its last day, with the link to the
 * form). A meeting added or cancelled by the secretariat appears or goes at the next refresh.
 */
export async function deadlineCalendar(deps: Pick<Dependencies, 'scheme' | 'clock' | 'store' | 'publicBaseUrl'>, schemeId: string): Promise<{ filename: string; body: string }> {
  const scheme = await getPublicScheme(deps, schemeId);
  const c = scheme.committee.shortName;
  const host = new URL(deps.publicBaseUrl).host;
  const events = scheme.upcomingMeetings.filter((m) => m.open).map((m) => ({
    uid: `soknadsfrist-${scheme.id}-${m.id}@${host}`,
    date: osloDateOf(new Date(m.submissionDeadline)),
    summary: `Søknadsfrist: ${c}-møtet ${formatNorwegianDate(m.date)}`,
    description: `Søknader til ${c}s møte ${formatNorwegianDate(m.date)} (${scheme.name}) må være sendt inn og signert av alle partene innen utgangen av denne dagen.`,
    url: new URL(applicationFormPath(scheme.id), deps.publicBaseUrl).toString(),
  }));
  return {
    filename: `soknadsfrister-${scheme.id}.ics`,
    body: icsCalendar({ productId: '-//Rekrutterings- og samhandlingstilskudd//Søknadsfrister//NO', name: `Søknadsfrister – ${scheme.name}`, events, now: deps.clock.now() }),
  };
}

/** The scheme as getPublicScheme describes it, without its meetings (pages that show none read no calendar). */
export function getSchemeFacts(deps: Pick<Dependencies, 'scheme'>, schemeId: string) {
  return publicSchemeFacts(loadScheme(deps, schemeId));
}

/**
 * What the privacy notice on the landing page says about one community: the controller (the
 * community's hospital trust), whom to ask, who besides the secretariat reads its cases, and what
 * it adds about the legal basis.
 */
export function privacyFacts(deps: Pick<Dependencies, 'scheme'>, schemeId: string) {
  const scheme = loadScheme(deps, schemeId);
  return {
    id: scheme.id,
    name: scheme.name,
    controller: { name: scheme.hospitalTrust.name, organisationNumber: scheme.hospitalTrust.organisationNumber },
    secretariatEmail: scheme.secretariatEmail,
    dataProtectionOfficerEmail: scheme.hospitalTrust.dataProtectionOfficerEmail ?? null,
    /** what the community says about the legal basis beyond the notice's default (art. 6(1)(e)) */
    legalBasis: scheme.hospitalTrust.legalBasis ?? null,
    committee: scheme.committee,
    /** two-level schemes: the body that recommends before the committee decides */
    preparationBody: scheme.preparation?.body.name ?? null,
    /** the leader and deputy of the group the project is anchored in get a copy of the decisions */
    decisionCopiesToGroups: scheme.anchoring !== undefined,
  };
}

export type PrivacyFacts = ReturnType<typeof privacyFacts>;

function publicSchemeFacts(scheme: SchemeConfig) {
  return {
    id: scheme.id,
    name: scheme.name,
    committee: scheme.committee,
    hospitalTrust: { name: scheme.hospitalTrust.name, organisationNumber: scheme.hospitalTrust.organisationNumber, internalUnits: scheme.hospitalTrust.internalUnits },
    contact: { secretariatEmail: scheme.secretariatEmail },
    /**
     * null: the scheme does not ask where the project is anchored (send no `anchoring`). The groups
     * an application may name by id; their leaders' addresses are the secretariat's.
     */
    anchoring: scheme.anchoring
      ? { allowDirect: scheme.anchoring.allowDirect, groups: scheme.anchoring.groups.map((g) => ({ id: g.id, kind: g.kind, name: g.name })) }
      : null,
    criteria: scheme.criteria,
    criteriaRule: scheme.criteriaRule,
    guidelineAreas: scheme.guidelineAreas,
    /** true: an application may describe another need instead of a guideline area (`otherNeed`). */
    allowOtherNeed: scheme.allowOtherNeed,
    priorityPatientGroups: scheme.priorityPatientGroups,
    maxPeriodMonths: scheme.maxPeriodMonths,
    submissionLeadDays: scheme.submissionLeadDays,
    statusReportAfterMonths: scheme.statusReportAfterMonths,
    requestedAmount: { min: 1, max: MAX_REQUESTED_AMOUNT, currency: 'NOK' },
  };
}
