// What the web pages read beyond the API's views: the scheme's labels next to a partner's view,
// the current version for the owner's revision form, the secretariat's overview of all schemes.
// Read-only; every change still goes through the API's use cases.
import { runningSchemeIds, type Dependencies } from '../composition';
import { getCosignView } from './cosign-application';
import { listMeetings, runningGrantFollowUp } from './committee';
import { missingInvoiceCount } from './missing-invoices';
import { resolveLink } from './links';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { notRevisable, REVISABLE } from '../domain/status-transitions';
import { resubmissionDue } from '../domain/resubmission';
import { contactName } from '../domain/case-contacts';
import { halfYearJustEnded, regionalFollowUpDue } from '../domain/grant-period';
import { osloDateOf } from '../domain/oslo-time';
import { getPublicScheme, privacyFacts } from './public-scheme';
import { getOwnerView } from './owner-view';
import { partnerAnswers, sentBackBy } from '../domain/partner-answers';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

/** The partner's signing view with the labels of the scheme's criteria, guideline areas and patient groups. */
export async function getCosignPage(deps: Dependencies, linkId: string) {
  const view = await getCosignView(deps, linkId);
  const app = await loadApplication(deps, view.applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  return { ...view, scheme: schemeLabels(scheme) };
}

/** The owner's status page: the owner's view with the scheme's labels for the project description. */
export async function getOwnerPage(deps: Dependencies, linkId: string) {
  const view = await getOwnerView(deps, linkId);
  return { ...view, scheme: schemeLabels(loadScheme(deps, view.schemeId)) };
}

function schemeLabels(scheme: SchemeConfig) {
  return { id: scheme.id, name: scheme.name, committee: scheme.committee, criteria: scheme.criteria, guidelineAreas: scheme.guidelineAreas, priorityPatientGroups: scheme.priorityPatientGroups };
}

/** The owner's revision form: the current version to edit, while the application may be revised. */
export async function getRevisionForm(deps: Dependencies, linkId: string) {
  const { app, frame, version } = await revisionFrame(deps, linkId);
  if (!frame.revisable || !version) throw notRevisable(app);
  return {
    applicationId: app.id,
    version: app.version,
    ...frame,
    // The contact person the secretariat set since is the owner the revision names (else it would set the old one back).
    data: { ...version.data, owner: { ...version.data.owner, email: app.ownerEmail, name: contactName(app, version.data) } },
  };
}

/**
 * What stands around the revision form after the use case refused its post: unlike
 * getRevisionForm, also when the application can no longer be revised (the page then keeps what the
 * owner typed, to copy, instead of an error page that loses it).
 */
export async function getRefusedRevisionForm(deps: Dependencies, linkId: string) {
  return (await revisionFrame(deps, linkId)).frame;
}

async function revisionFrame(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['owner'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const revisable = REVISABLE.includes(app.status);
  // What the revision answers means nothing once it can no longer be sent.
  const [version, signatures, scheme] = await Promise.all([
    revisable ? loadCurrentVersion(deps, app) : undefined,
    revisable ? deps.store.listSignatures(app.id, app.version) : [],
    getPublicScheme(deps, app.schemeId),
  ]);
  const frame = {
    status: app.status,
    revisable,
    informationRequest: revisable ? app.informationRequest : undefined,
    // Who declined the version being revised and why, or did not answer: what the revision is to answer (as on the status page).
    sentBack: version ? sentBackBy(app, partnerAnswers(app, version.data.partners, signatures)) : undefined,
    // Until when it can be sent in again (as the mail said), while it can.
    respondBy: revisable ? resubmissionDue(app) : undefined,
    scheme,
  };
  return { app, frame, version };
}


/** Every scheme this deployment runs, with its public description (the landing page). */
export function listPublicSchemes(deps: Pick<Dependencies, 'scheme' | 'clock' | 'store'>) {
  return Promise.all(runningSchemeIds(deps).map((id) => getPublicScheme(deps, id)));
}

/** The privacy notice's facts for each community this deployment runs (the landing page). */
export function listPrivacyFacts(deps: Pick<Dependencies, 'scheme'>) {
  return runningSchemeIds(deps).map((id) => privacyFacts(deps, id));
}

/** The secretariat's start page: each scheme's meeting calendar with deadlines and counts. */
export async function secretariatOverview(deps: Dependencies, actsFor: (schemeId: string) => boolean) {
  const today = osloDateOf(deps.clock.now());
  const halfYear = halfYearJustEnded(today);
  return Promise.all(
    runningSchemeIds(deps).filter(actsFor).map(async (id) => {
      const scheme = loadScheme(deps, id);
      const [calendar, followUp, missingInvoices] = await Promise.all([listMeetings(deps, scheme.id), runningGrantFollowUp(deps, scheme.id), missingInvoiceCount(deps, scheme.id)]);
      return {
        scheme: { id: scheme.id, name: scheme.name, committee: scheme.committee, projectNumber: scheme.projectNumber, halfYearReportTo: scheme.halfYearReportTo, hasGroups: !!scheme.anchoring },
        ...calendar,
        // What waits on reports: the overdue ones, and the owners' requests for a later deadline not yet answered.
        overdueReports: followUp.reports.length,
        deadlineRequests: followUp.deadlineRequests.length,
        // The owners' requests for a new period (a later start, an earlier end), which the committee decides too.
        periodRequests: followUp.periodRequests.length,
        // Received reports the owners were asked to fill in; the lapsed ones wait on the secretariat.
        supplementRequests: followUp.supplementRequests.length,
        lapsedSupplementRequests: followUp.supplementRequests.filter((r) => r.lapsed).length,
        // Grants paid on invoice whose invoice has not come a while after the decision.
        missingInvoices,
        // The month after a half-year: its use-and-effect report is due.
        halfYearDue: halfYear ?? null,
        // The month before the regional follow-up meeting: the year so far is reported before it.
        regionalFollowUpDue: regionalFollowUpDue(today, scheme.regionalFollowUpMonth) ?? null,
      };
    }),
  );
}

/** The case with this number, if there is one in the communities the person acts for. */
export async function findCase(deps: Dependencies, applicationId: string, actsFor: (schemeId: string) => boolean): Promise<string | undefined> {
  const app = await deps.store.getApplication(applicationId);
  return app && actsFor(app.schemeId) ? app.id : undefined;
}

/** Where an application is on the agenda (the decision forms return there). */
export async function agendaPlaceOf(deps: Dependencies, applicationId: string) {
  const app = await loadApplication(deps, applicationId);
  return { applicationId: app.id, schemeId: app.schemeId, meetingId: app.meetingId, status: app.status };
}

/**
 * The project numbers finance can look up: each scheme's current one (its list reads the former
 * ones too) first, then the numbers the schemes had before, each of which can be listed alone.
 */
export function financeProjectNumbers(deps: Pick<Dependencies, 'scheme'>, actsFor: (schemeId: string) => boolean) {
  const schemes = runningSchemeIds(deps).filter(actsFor).map((id) => loadScheme(deps, id));
  return [
    ...schemes.map((s) => ({ projectNumber: s.projectNumber, schemeName: s.name })),
    ...schemes.flatMap((s) => (s.formerProjectNumbers ?? []).map((projectNumber) => ({ projectNumber, schemeName: s.name, former: true as const }))),
  ];
}

/** The payout's project number (finance's forms return to that list). */
export async function payoutProjectNumber(deps: Dependencies, payoutId: string): Promise<string | undefined> {
  return (await deps.store.getPayout(payoutId))?.projectNumber;
}
