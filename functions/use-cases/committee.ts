import { ConflictError, NotFoundError } from '../domain/errors';
import { ownContribution as ownContributionOf } from '../domain/budget';
import { decisionCopyTo, groupRegister, publishedAnchoring, type AnchoringGroup } from '../domain/anchoring';
import { cancelledMeetings, decisionOverdueAt, findMeeting, meetingCalendar, meetingDeadline, meetingStarted, sincePreviousMeeting, upcomingMeetings, type Calendar } from '../domain/meeting-calendar';
import { REPORT_KINDS, REPORTABLE_FROM, reportDueDate } from '../domain/reports';
import { openDeadlineRequest, reportDueState, reportPending, type ReportDueState } from '../domain/report-deadlines';
import { reminderStillDue } from '../domain/reminders';
import { AGENDA_OUTCOMES, askedBeforeMeeting, decisionsOfMeeting, lastRoundEnd, lateArrival, meetingCaseNumbers, minutesState, numberedDepartures } from '../domain/meeting-minutes';
import type { Actor, AgendaDepartureRecord, Allocation, ApplicationRecord, ApplicationStatus, DecisionRecord, Meeting, MinutesSnapshotDeparture, ReportKind, ReportRecord } from '../domain/model';
import type { MeetingCaseRecords } from '../ports/grant-store';
import { openOnAgenda, REVISABLE, STATUS_LABELS_NB, statusLabelOf } from '../domain/status-transitions';
import { resubmissionDue } from '../domain/resubmission';
import { agendaDemand, missingPots } from '../domain/pot';
import { daysBetween, osloDateOf } from '../domain/oslo-time';
import { grantablePeriod, openPeriodRequest, periodChangeRefusal } from '../domain/grant-period';
import { addDaysToInstant } from '../domain/wait-budget';
import type { Dependencies } from '../composition';
import type { ReallocationDecision } from '../../schemas/requests.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { currentGroupRegister } from './group-register';
import { loadCalendar, loadMeeting } from './meeting-calendar';
import { publicProjectDescription } from './cosign-application';
import { meetingPotRemaining } from './yearly-pot';
import { halfYearReport } from './half-year-report';
import { earlierGrant, laterContinuations } from './continuation';
import { decidedInMeeting, decidingInMeeting, reallocationDecisionId, recordGrantDecision } from './grant-decisions';
import { actorId, actorName } from '../domain/staff-name';
import { meetingInReach } from './schedule-application';
import { waitingSupplementRequests } from './report-supplement';
import { missingInvoices } from './missing-invoices';

/**
 * The meeting calendar with each meeting's deadline, whether it has been held and its minutes
 * approved, and how many applications it has; the configured meetings cancelled that could
 * still be restored (not yet at their time); and the years of the meetings ahead that have no pot.
 */
export async function listMeetings(deps: Dependencies, schemeId: string) {
  const scheme = loadScheme(deps, schemeId);
  const now = deps.clock.now();
  const [records, changes] = await Promise.all([deps.store.listMinutesRecords(scheme.id), deps.store.listCalendarChanges(scheme.id)]);
  const calendar = meetingCalendar(scheme, changes);
  const counts = await Promise.all(
    calendar.map(async (m) => {
      const agenda = await deps.store.listAgendaStatuses(scheme.id, m.id);
      return { meeting: m, applications: agenda.length, openCases: openOnAgenda(agenda).length };
    }),
  );
  const recordOf = new Map(records.map((r) => [r.meetingId, r]));
  const meetings = counts.map(({ meeting: m, applications, openCases }) => ({
    ...m,
    deadlinePassed: Date.parse(m.submissionDeadline) < now.getTime(),
    // Started: its minutes may have decisions.
    held: meetingStarted(m, now),
    minutes: minutesState(m, now, recordOf.get(m.id)),
    applications,
    // not yet decided: a cancelled meeting's are moved on
    openCases,
  }));
  return {
    meetings,
    cancelledMeetings: cancelledMeetings(scheme, changes).filter((m) => !meetingStarted(m, now)),
    // The committee cannot grant money in these meetings until the configuration sets their year's pot.
    missingPots: missingPots(calendar, scheme.yearlyPotNok, now),
  };
}

/** A meeting's agenda: each application with its criteria, budget and requested amount. */
export async function getAgenda(deps: Dependencies, schemeId: string, meetingId: string) {
  const { scheme, meeting, calendar } = await loadMeeting(deps, schemeId, meetingId);
  // Matters on running grants waiting for the committee, on the agenda of a meeting that can still decide them.
  const canStillDecide = decisionOverdueAt(meeting) > deps.clock.now();
  const [apps, meetingRecords, potRemaining, actionPlan, reallocations, followUp] = await Promise.all([
    deps.store.listAgenda(scheme.id, meeting.id),
    deps.store.listMeetingCases(scheme.id, meeting.id),
    meetingPotRemaining(deps, scheme, meeting),
    actionPlanStatus(deps, scheme, calendar, meeting),
    canStillDecide ? pendingReallocations(deps, scheme.id) : [],
    canStillDecide ? runningGrantFollowUp(deps, scheme.id) : undefined,
  ]);
  const decisions = decisionsOfMeeting(meetingRecords.decisions);
  const { numbers, left, departed } = await meetingCases(deps, scheme, meeting, apps, meetingRecords);
  const items = await Promise.all(apps.map(async (app) => ({ number: numbers.get(app.id)!, ...(await agendaItem(deps, app, groupRegister(scheme), { day: meeting.date, maxPeriodMonths: scheme.maxPeriodMonths })), decision: decisionInMeeting(decisions, app.id) })));
  // In the cases' numbers' order (two-level schemes: the first level's ranking).
  items.sort((a, b) => a.number - b.number);
  return {
    meeting,
    // The committee decides in the meeting: until it starts, the agenda takes no decisions.
    held: meetingStarted(meeting, deps.clock.now()),
    potRemaining,
    // The meeting is ahead (or today) and its year has no pot: the committee cannot grant money in it until one is set.
    missingPotYear: missingPots([meeting], scheme.yearlyPotNok, deps.clock.now())[0]?.year ?? null,
    demand: agendaDemand(openOnAgenda(items).map((i) => i.requestedAmount), potRemaining),
    committee: committeeView(scheme),
    preparation: preparationView(scheme),
    // Where a case can be moved: the calendar's meetings not yet held, other than this one.
    otherMeetings: upcomingMeetings(calendar, deps.clock.now()).filter((m) => m.id !== meeting.id).map(({ id, date, title }) => ({ id, date, title })),
    criteria: scheme.criteria,
    criteriaRule: scheme.criteriaRule,
    guidelineAreas: scheme.guidelineAreas,
    priorityPatientGroups: scheme.priorityPatientGroups,
    items,
    // Decided in the meeting and gone on since (deferred, asked for more information): they keep their numbers.
    decidedAndGone: left.map(({ app, decision }) => ({ number: numbers.get(app.id)!, applicationId: app.id, title: app.title, decision: { outcome: decision.outcome, at: decision.at } })),
    // Gone without a decision once the agenda was out (withdrawn, moved, closed): they keep their numbers too.
    leftWithoutDecision: departuresView(departed, numbers, calendar),
    actionPlan,
    pendingReallocations: reallocations,
    // The owners' requests for a later report deadline that nobody has answered: the committee decides them too.
    deadlineRequests: followUp?.deadlineRequests ?? [],
    // And their requests for a new period (a later start, an earlier end).
    periodRequests: followUp?.periodRequests ?? [],
  };
}

/**
 * A meeting's case numbers, the same on its agenda and in its minutes (meetingCaseNumbers): the cases
 * on its agenda, those decided in it that have left it since and those that left it without a
 * decision once the agenda was out (their departures carry the rest of what the number needs), each
 * that has left read for its history (one GetItem each), which says, as the agenda's own cases' does,
 * whether it came onto the agenda after the agenda was out (lateArrival). `left` lists the decided
 * ones with the decision made on each, `departed` the others.
 */
export async function meetingCases(deps: Dependencies, scheme: SchemeConfig, meeting: Meeting, agenda: readonly ApplicationRecord[], { decisions: recorded, departures }: MeetingCaseRecords) {
  const onAgenda = new Set(agenda.map((a) => a.id));
  const decisions = decisionsOfMeeting(recorded);
  const gone = new Map(decisions.filter((d) => AGENDA_OUTCOMES.includes(d.outcome) && !onAgenda.has(d.applicationId)).map((d) => [d.applicationId, d]));
  const numbered = new Set([...onAgenda, ...gone.keys()]);
  // Asked for more information before the meeting once the agenda was out, and not back on it: it
  // left without a decision of the meeting, and keeps its number as such a line.
  const asked = await Promise.all(
    numberedDepartures(recorded.filter(askedBeforeMeeting), meeting, numbered).map(async (d) => ({ app: await loadApplication(deps, d.applicationId), question: d })),
  );
  const askedApps = new Map(asked.map(({ app }) => [app.id, app]));
  const departed = numberedDepartures(latestPerCase([...departures, ...asked.map(({ app, question }) => askedDeparture(app, question, meeting))]), meeting, numbered);
  const [left, departedApps] = await Promise.all([
    Promise.all([...gone.values()].map(async (decision) => ({ app: await loadApplication(deps, decision.applicationId), decision }))),
    Promise.all(departed.map((d) => askedApps.get(d.applicationId) ?? loadApplication(deps, d.applicationId))),
  ]);
  const arrivedLate = (app: ApplicationRecord) => lateArrival(app.history, meeting);
  const cases = [
    ...agenda.map((a) => ({ applicationId: a.id, submittedAt: a.submittedAt, rank: a.recommendation?.rank, arrivedLate: arrivedLate(a) })),
    // the rank its decision was made on: a later round's is another meeting's
    ...left.map(({ app, decision }) => ({ applicationId: app.id, submittedAt: app.submittedAt, rank: decision.recommendation?.rank, arrivedLate: arrivedLate(app) })),
    // left after the deadline, so on the agenda before it, unless it came after it too
    ...departed.map((d, i) => ({ applicationId: d.applicationId, submittedAt: d.submittedAt, rank: d.rank, arrivedLate: arrivedLate(departedApps[i]!) })),
  ];
  return { numbers: meetingCaseNumbers(cases, !!scheme.preparation?.ranked), left, departed };
}

/** A question asked before the meeting, as the line of a case that left its agenda without a decision. */
function askedDeparture(app: ApplicationRecord, question: DecisionRecord, meeting: Meeting): AgendaDepartureRecord {
  return {
    schemeId: app.schemeId, meetingId: meeting.id, applicationId: app.id, title: app.title, submittedAt: app.submittedAt,
    ...(question.recommendation?.rank !== undefined ? { rank: question.recommendation.rank } : {}),
    kind: 'asked', at: question.at,
  };
}

/** Each case's latest departure (a case asked before the meeting may have left it before too). */
function latestPerCase(departures: readonly AgendaDepartureRecord[]): AgendaDepartureRecord[] {
  const latest = new Map<string, AgendaDepartureRecord>();
  for (const d of departures) if (!latest.has(d.applicationId) || latest.get(d.applicationId)!.at < d.at) latest.set(d.applicationId, d);
  return [...latest.values()];
}

/** The meeting a case went to; one since taken off the calendar is named by its id (a meeting's id is its day), and has no agenda to link to. */
export function movedToView(meetingId: string, calendar: Calendar): NonNullable<MinutesSnapshotDeparture['movedTo']> {
  const meeting = findMeeting(calendar, meetingId);
  return meeting ? { id: meetingId, date: meeting.date } : { id: meetingId, date: meetingId, offCalendar: true };
}

/** The cases that left a meeting's agenda without a decision, under their numbers, as the agenda and the minutes show them. */
export function departuresView(departed: readonly AgendaDepartureRecord[], numbers: ReadonlyMap<string, number>, calendar: Calendar): MinutesSnapshotDeparture[] {
  return departed
    .map((d) => ({
      number: numbers.get(d.applicationId)!,
      applicationId: d.applicationId,
      title: d.title,
      kind: d.kind,
      at: d.at,
      movedTo: d.movedTo ? movedToView(d.movedTo, calendar) : null,
    }))
    .sort((a, b) => a.number - b.number);
}

/**
 * Reallocation needs the committee's prior approval (002): the requests still waiting, on the
 * agenda of a meeting that can still decide them (not yet held, or held less than the month in
 * which its decisions are recorded). Older agendas show none: they are not the current list.
 */
async function pendingReallocations(deps: Dependencies, schemeId: string) {
  const pending = await deps.store.listPendingReallocations(schemeId);
  return Promise.all(
    pending.map(async (r) => ({
      applicationId: r.applicationId,
      title: (await loadApplication(deps, r.applicationId)).title,
      reallocationId: r.id,
      description: r.description,
      amount: r.amount,
      requestedAt: r.requestedAt,
    })),
  );
}

/**
 * Innlandet: "status på handlingsdel rapporteres i SSU møte". The measures granted, running or
 * reporting since the meeting before, as the use-and-effect report has them (null: no action part).
 */
async function actionPlanStatus(deps: Dependencies, scheme: ReturnType<typeof loadScheme>, calendar: Calendar, meeting: Meeting) {
  if (!scheme.actionPlan) return null;
  const period = sincePreviousMeeting(calendar, meeting);
  const { rows } = await halfYearReport(deps, scheme.id, period.from, period.to);
  return { title: scheme.actionPlan.title, ...period, rows };
}

/** The decision on the application itself (not a matter on a running grant) this meeting made, the last if more: what a decided item says it got. */
function decisionInMeeting(decisions: readonly DecisionRecord[], applicationId: string) {
  const d = decisions.filter((x) => x.applicationId === applicationId && !x.matter).at(-1);
  return d ? { outcome: d.outcome, ...(d.amount !== undefined ? { amount: d.amount } : {}), ...(d.periodStart && d.periodEnd ? { periodStart: d.periodStart, periodEnd: d.periodEnd } : {}) } : null;
}

/**
 * A case on the agenda; `meeting`: the meeting's date and the longest period. A period applied for
 * that starts before the meeting is flagged, and the approval form offers one the committee can
 * grant (`grantablePeriod`; `periodMoved` when it is not the one applied for).
 */
async function agendaItem(deps: Dependencies, app: ApplicationRecord, register: readonly AnchoringGroup[], meeting: { day: string; maxPeriodMonths: number }) {
  const [version, cameBack] = await Promise.all([loadCurrentVersion(deps, app), lastRound(deps, app)]);
  const { data } = version;
  const { moved, ...grantable } = grantablePeriod(data, meeting.day, meeting.maxPeriodMonths);
  const ownContribution = data.budget.reduce((sum, b) => sum + ownContributionOf(b), 0);
  const continued = await earlierGrant(deps, data.continues);
  // The committee decides on what the partners signed: the whole project description.
  return {
    applicationId: app.id,
    ...publicProjectDescription(data, register),
    title: app.title,
    status: app.status,
    statusLabel: STATUS_LABELS_NB[app.status],
    ownContribution,
    periodStartsBeforeMeeting: moved,
    grantablePeriod: grantable,
    recommendation: app.recommendation ?? null,
    earlierGrant: continued,
    /** Back from a question to the owner: what was asked, when and by whom, and the owner's answer (and what the revision says changed). */
    question: cameBack?.outcome === 'more_information' ? questionView(app, cameBack, version) : null,
    /** Deferred from an earlier meeting: which, and why. */
    deferredFrom: cameBack?.outcome === 'defer' ? { meetingId: cameBack.meetingId ?? null, at: cameBack.at, reason: cameBack.reason ?? null } : null,
  };
}

/**
 * How the case's last round ended, if it came back from a question or a deferral: read (one Query)
 * only for a case whose history has either.
 */
async function lastRound(deps: Dependencies, app: ApplicationRecord): Promise<DecisionRecord | undefined> {
  if (!app.history.some((e) => e.action === 'decision:more-information' || e.action === 'decision:defer')) return undefined;
  return lastRoundEnd(await deps.store.listDecisions(app.id));
}

function questionView(app: ApplicationRecord, question: DecisionRecord, version: Awaited<ReturnType<typeof loadCurrentVersion>>) {
  // The history's entry of the question names who asked (a decision keeps the id only).
  const entry = app.history.find((e) => e.action === 'decision:more-information' && e.at >= question.at);
  const answered = version.version > 1 && version.createdAt > question.at;
  return {
    at: question.at,
    text: question.reason ?? null,
    askedBy: entry ? actorName(entry.actor) : null,
    /** asked on a day before the meeting named (askedBeforeMeeting): the preparation's; else in that meeting */
    beforeMeeting: askedBeforeMeeting(question),
    meetingId: question.meetingId ?? null,
    // The answer written for the committee (kept since the revision form asks for one), and what the revision says changed.
    answer: answered ? { version: version.version, at: version.createdAt, text: version.answer ?? null, changeNote: version.changeNote ?? null } : null,
  };
}

/** The committee that decides, as the pages name it. */
export function committeeView(scheme: ReturnType<typeof loadScheme>) {
  return { shortName: scheme.committee.shortName, name: scheme.committee.name };
}

/** Two-level schemes: the preparatory body, whether it ranks, and its members (null: the committee decides directly). */
export function preparationView(scheme: ReturnType<typeof loadScheme>) {
  const p = scheme.preparation;
  return p ? { body: p.body, ranked: p.ranked, members: p.members } : null;
}

/** Full case view for the secretariat. */
export async function getApplicationForStaff(deps: Dependencies, applicationId: string) {
  const app = await loadApplication(deps, applicationId);
  const [version, signatures, decisions, payouts, reports, reallocations, mails, reminders] = await Promise.all([
    loadCurrentVersion(deps, app),
    deps.store.listSignatures(app.id, app.version),
    deps.store.listDecisions(app.id),
    deps.store.listPayoutsForApplication(app.id),
    deps.store.listReports(app.id),
    deps.store.listReallocations(app.id),
    deps.store.listSentMail(app.id),
    deps.store.listPendingReminders(app.id),
  ]);
  const scheme = loadScheme(deps, app.schemeId);
  const [earlier, continuations, decisionMeetings, calendar, register] = await Promise.all([
    earlierGrant(deps, version.data.continues),
    laterContinuations(deps, app.id),
    app.allocation ? meetingsStillMinuting(deps, scheme) : [],
    REVISABLE.includes(app.status) ? loadCalendar(deps, scheme) : undefined,
    currentGroupRegister(deps, scheme),
  ]);
  // Not on an agenda yet (partners signing, or back with the owner): the meeting it reaches if complete now.
  const reach = calendar && meetingInReach(scheme, calendar, app, deps.clock.now());
  return {
    application: { ...app, statusLabel: statusLabelOf(app, osloDateOf(deps.clock.now())) },
    earlierGrant: earlier,
    continuations,
    anchoring: publishedAnchoring(version.data.anchoring, groupRegister(scheme)),
    /** Who gets the copy of the decisions: the register's leaders of the group (null: the register no longer has it). */
    decisionCopyTo: decisionCopyTo(version.data.anchoring, register),
    committee: committeeView(scheme),
    preparation: preparationView(scheme),
    data: version.data, signatures, payouts, reports, reallocations,
    /** The committee's decisions; a question to the owner asked before its meeting's day is not one (askedBeforeMeeting). */
    decisions: decisionsOfMeeting(decisions),
    /** The questions to the owner asked before the meeting (the working committee's, the secretariat's preparation). */
    questionsBeforeMeeting: decisions.filter(askedBeforeMeeting),
    /** A revision: what the owner wrote to the partners about what changed. */
    changeNote: version.version > 1 ? version.changeNote : undefined,
    /** A revision sent while the committee's question was open: the question and the owner's answer to it. */
    committeeAnswer: version.question && version.answer ? { question: version.question, answer: version.answer } : undefined,
    /** The meetings a decision on the grant may be recorded as made in, newest first (see decidedInMeeting). */
    decisionMeetings,
    nextMeeting: meetingDeadline(reach),
    /** Back with the owner: until when it can be sent in again, as the owner's mail said. */
    respondBy: resubmissionDue(app),
    /** Every mail about the case that went out, oldest first: when, to whom, the subject. */
    mails,
    /** The reminders and notices the sweep will send about the case, soonest first (those the case has left behind are not). */
    plannedReminders: reminders.filter((r) => reminderStillDue(r, app)).map((r) => ({ kind: r.kind, dueAt: r.dueAt, ...(r.seq ? { seq: r.seq } : {}) })),
    /** Whether the committee can give the grant another period now (a running grant whose period is not over). */
    periodChangeable: periodChangeRefusal(app, osloDateOf(deps.clock.now())) === undefined,
    /** Each report against its deadline today: received, owed (and how many days overdue), or not owed any more. */
    reportStates: app.allocation ? reportStates(app.allocation, app.status, reports, osloDateOf(deps.clock.now())) : undefined,
    overdueRhythm: overdueRhythm(scheme),
  };
}

function reportStates(allocation: Allocation, status: ApplicationStatus, reports: readonly Pick<ReportRecord, 'kind'>[], today: string): Record<ReportKind, ReportDueState> {
  const of = (kind: ReportKind, due: string) => reportDueState(reports.some((r) => r.kind === kind), status, due, today);
  return { status: of('status', allocation.statusReportDue), final: of('final', allocation.finalReportDue) };
}

/** How overdue reports are chased: every so many days, at most so many times, the first so many in copy to the secretariat. */
function overdueRhythm(scheme: SchemeConfig) {
  return { everyDays: scheme.reminders.overdueEveryDays, atMost: scheme.reminders.maxOverdueReminders, copies: scheme.reminders.overdueCopiesToSecretariat };
}

/** How far back a decision on a running grant can be recorded as made in a meeting (the minutes are approved at the next one). */
const DECIDED_IN_MEETING_DAYS = 90;

/** Meetings held in the last DECIDED_IN_MEETING_DAYS whose minutes are not approved yet, newest first. */
async function meetingsStillMinuting(deps: Dependencies, scheme: ReturnType<typeof loadScheme>) {
  const now = deps.clock.now();
  const [records, calendar] = await Promise.all([deps.store.listMinutesRecords(scheme.id), loadCalendar(deps, scheme)]);
  const approved = new Set(records.filter((r) => r.approval).map((r) => r.meetingId));
  const since = addDaysToInstant(now, -DECIDED_IN_MEETING_DAYS).getTime();
  return calendar
    .filter((m) => meetingStarted(m, now) && Date.parse(m.startsAt) >= since && !approved.has(m.id))
    .map((m) => ({ id: m.id, date: m.date, title: m.title }))
    .reverse();
}

/** Reallocation needs the committee's prior approval; this records that decision. */
export async function decideReallocation(deps: Dependencies, applicationId: string, reallocationId: string, decision: ReallocationDecision, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const request = await deps.store.getReallocation(app.id, reallocationId);
  if (!request) throw new NotFoundError('Fant ikke søknaden om omdisponering.');
  // (its request was closed with the revocation)
  if (app.status === 'revoked') throw new ConflictError('Tilskuddet er trukket tilbake, og søknaden om omdisponering er avsluttet.', 'revoked');
  const meeting = await decidedInMeeting(deps, app.schemeId, decision.meetingId);
  const state = decision.approved ? 'approved' : 'refused';
  const at = deps.clock.now().toISOString();
  if (request.state !== 'requested' && request.state !== state) throw new ConflictError('Søknaden om omdisponering er allerede behandlet.', 'already_decided');
  const decided = await decidingInMeeting(deps, app, meeting, reallocationDecisionId(request.id), async () => {
    // The audit entry first (conditional on the revision read), then the decision itself: a retry
    // after a crash in between finds the request still open and completes it.
    if (request.state === 'requested') {
      await deps.store.transition({
        applicationId: app.id,
        expectedRevision: app.revision,
        from: [app.status],
        audit: { at, actor, action: `reallocation-${state}`, details: { reallocationId: request.id } },
      });
    }
    const done = request.state === 'requested' ? await deps.store.decideReallocation(app.id, request.id, state, at, decision.reason) : request;
    // Prior approval is the committee's (002): its decision, in the minutes of the meeting it was made in.
    await recordGrantDecision(deps, app, {
      id: reallocationDecisionId(request.id), outcome: decision.approved ? 'approve_reallocation' : 'refuse_reallocation', at: done.decidedAt ?? at,
      decidedBy: actorId(actor), amount: request.amount, reason: done.reason, matter: request.description,
    }, meeting);
    return done;
  });
  await deps.workflow.completeStep(app.id, 'reallocation-decision', { reallocationId: request.id, approved: decision.approved });
  return decided;
}

/**
 * What the secretariat follows up on running grants, from the grants that still owe a report (a
 * Query per status, REPORTABLE_FROM: the status report paid out or not, the final report with or
 * without the status report; the same statuses whose period can change): the reports past their
 * due date, oldest deadline first, and the owners' requests for a later deadline or a new period
 * that nobody has answered yet, oldest request first.
 */
export async function runningGrantFollowUp(deps: Dependencies, schemeId: string) {
  const scheme = loadScheme(deps, schemeId);
  const today = osloDateOf(deps.clock.now());
  const statuses = [...new Set([...REPORTABLE_FROM.status, ...REPORTABLE_FROM.final])];
  // Received reports the secretariat asked the owner to fill in (a closed grant's final report too), read beside the running grants.
  const [byStatus, supplementRequests] = await Promise.all([Promise.all(statuses.map((status) => deps.store.listByStatus(scheme.id, status))), waitingSupplementRequests(deps, scheme.id)]);
  const grants = byStatus.flat();
  const owed = REPORT_KINDS.flatMap((kind) =>
    grants.flatMap((app) => {
      const due = reportDueDate(kind, app.allocation);
      return reportPending(kind, app.status) && due ? [{ app, kind, due }] : [];
    }),
  );
  const reports = owed
    .filter(({ due }) => due < today)
    .sort((a, b) => a.due.localeCompare(b.due))
    .map(({ app, kind, due }) => ({ applicationId: app.id, title: app.title, kind, dueDate: due, daysOverdue: daysBetween(due, today) }));
  const deadlineRequests = owed
    .flatMap(({ app, kind, due }) => {
      const request = openDeadlineRequest(app.history, kind);
      return request ? [{ applicationId: app.id, title: app.title, kind, dueDate: due, requestedDate: request.dueDate, reason: request.reason, requestedAt: request.at }] : [];
    })
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  // The owners' requests for a new period.
  const periodRequests = grants
    .flatMap((app) => {
      const request = openPeriodRequest(app.history);
      return request && app.allocation ? [{ applicationId: app.id, title: app.title, periodStart: app.allocation.periodStart, periodEnd: app.allocation.periodEnd, requestedStart: request.periodStart, requestedEnd: request.periodEnd, reason: request.reason, requestedAt: request.at }] : [];
    })
    .sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  return { reports, deadlineRequests, periodRequests, supplementRequests, overdueRhythm: overdueRhythm(scheme) };
}

/** The overdue page and its JSON: the follow-up of running grants, and the grants whose invoice has not come. */
export async function overdueFollowUp(deps: Dependencies, schemeId: string) {
  const [followUp, invoices] = await Promise.all([runningGrantFollowUp(deps, schemeId), missingInvoices(deps, schemeId)]);
  return { ...followUp, missingInvoices: invoices };
}

export async function listApplications(deps: Dependencies, schemeId: string, status: ApplicationRecord['status']) {
  const scheme = loadScheme(deps, schemeId);
  const apps = await deps.store.listByStatus(scheme.id, status);
  return apps.map((a) => ({
    applicationId: a.id, title: a.title, status: a.status, statusLabel: STATUS_LABELS_NB[a.status], requestedAmount: a.requestedAmount, submittedAt: a.submittedAt, meetingId: a.meetingId,
    // a grant: what was granted, for which period, and when its reports are due
    ...(a.allocation ? { allocation: pickAllocation(a.allocation) } : {}),
  }));
}

function pickAllocation({ amount, periodStart, periodEnd, statusReportDue, finalReportDue }: NonNullable<ApplicationRecord['allocation']>) {
  return { amount, periodStart, periodEnd, statusReportDue, finalReportDue };
}
