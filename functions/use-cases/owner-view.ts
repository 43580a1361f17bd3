import { findMeeting } from '../domain/meeting-calendar';
import { STATUS_LABELS_NB } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import { resolveLink } from './links';
import { loadApplication, loadScheme } from './load-application';

/** The project owner's view through their link: status, meeting, signatures, allocation and reports. */
export async function getOwnerView(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['owner'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const meeting = app.meetingId ? findMeeting(loadScheme(deps, app.schemeId), app.meetingId) : undefined;
  const [signatures, reports, reallocations] = await Promise.all([
    deps.store.listSignatures(app.id, app.version),
    deps.store.listReports(app.id),
    deps.store.listReallocations(app.id),
  ]);
  return {
    applicationId: app.id,
    schemeId: app.schemeId,
    title: app.title,
    status: app.status,
    statusLabel: STATUS_LABELS_NB[app.status],
    version: app.version,
    submittedAt: app.submittedAt,
    meeting: meeting ? { id: meeting.id, date: meeting.date, submissionDeadline: meeting.submissionDeadline } : undefined,
    signatures: signatures.map((s) => ({ organisationName: s.organisationName, decision: s.decision, at: s.at, reason: s.reason })),
    informationRequest: app.informationRequest,
    rejectionReason: app.rejectionReason,
    allocation: app.allocation,
    reports: reports.map((r) => ({ kind: r.kind, submittedAt: r.submittedAt })),
    reallocations: reallocations.map((r) => ({ id: r.id, state: r.state, amount: r.amount, requestedAt: r.requestedAt, reason: r.reason })),
    // The trail without personal data: what happened and when.
    history: app.history.map((h) => ({ at: h.at, action: h.action, to: h.to })),
  };
}
