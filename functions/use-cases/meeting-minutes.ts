// A meeting's minutes (møteprotokoll): what the committee decided on each case of its agenda, in
// the order the decisions were recorded, with the totals the committee and the secretariat report.
import type { DecisionRecord } from '../domain/model';
import { minutesTotals } from '../domain/meeting-minutes';
import { ON_AGENDA, STATUS_LABELS_NB } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import { loadApplication, loadCurrentVersion, loadMeeting } from './load-application';
import { meetingPotRemaining } from './yearly-pot';
import { committeeView, preparationView } from './committee';
import { publicProjectDescription } from './cosign-application';

export async function meetingMinutes(deps: Dependencies, schemeId: string, meetingId: string) {
  const { scheme, meeting } = loadMeeting(deps, schemeId, meetingId);
  const [decisions, undecided, potRemaining] = await Promise.all([
    deps.store.listMeetingDecisions(scheme.id, meeting.id),
    deps.store.listAgenda(scheme.id, meeting.id),
    meetingPotRemaining(deps, scheme, meeting),
  ]);
  const cases = await Promise.all(decisions.map(async (decision, i) => ({ number: i + 1, ...(await caseOf(deps, decision)), decision: decisionView(decision) })));
  return {
    meeting,
    committee: committeeView(scheme),
    preparation: preparationView(scheme),
    cases,
    totals: minutesTotals(decisions),
    potRemaining,
    // Open cases still on the agenda (an approved or rejected case stays on its agenda, decided).
    undecided: undecided
      .filter((a) => ON_AGENDA.includes(a.status))
      .map((a) => ({ applicationId: a.id, title: a.title, status: a.status, statusLabel: STATUS_LABELS_NB[a.status], requestedAmount: a.requestedAmount })),
  };
}

async function caseOf(deps: Dependencies, decision: DecisionRecord) {
  const app = await loadApplication(deps, decision.applicationId);
  const { owner, partners, requestedAmount } = publicProjectDescription((await loadCurrentVersion(deps, app)).data);
  return {
    applicationId: app.id,
    title: app.title,
    owner,
    partners: partners.map((p) => p.organisationName),
    requestedAmount,
    statusLabel: STATUS_LABELS_NB[app.status],
  };
}

function decisionView(d: DecisionRecord) {
  return {
    id: d.id,
    outcome: d.outcome,
    at: d.at,
    ...(d.amount !== undefined ? { amount: d.amount } : {}),
    ...(d.periodStart ? { periodStart: d.periodStart } : {}),
    ...(d.periodEnd ? { periodEnd: d.periodEnd } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    recommendation: d.recommendation ?? null,
  };
}
