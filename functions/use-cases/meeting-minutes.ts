// A meeting's minutes (møteprotokoll): what the committee decided on each case of its agenda, under
// the case's number there (then decisions on running grants, in the order made), with the totals the committee and the secretariat report;
// who attended, and the committee's approval, after which the minutes are final.
import { ConflictError, ValidationError } from '../domain/errors';
import type { Actor, ApplicationStatus, DecisionRecord, Meeting, MeetingRef, MinutesRecord, MinutesSnapshot } from '../domain/model';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { approvalBlocked, askedBeforeMeeting, attendanceBlocked, decisionsOfMeeting, minutesCaseNumbers, minutesState, minutesTotals, unrecordedEntries, type MinutesBlock } from '../domain/meeting-minutes';
import { meetingStarted } from '../domain/meeting-calendar';
import type { AttendanceRequest, MinutesApprovalRequest } from '../../schemas/requests.schema';
import { openOnAgenda, STATUS_LABELS_NB } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { loadCalendar, loadMeeting } from './meeting-calendar';
import { groupRegister } from '../domain/anchoring';
import { meetingPotRemaining } from './yearly-pot';
import { committeeView, departuresView, meetingCases, preparationView } from './committee';
import type { MeetingCaseRecords } from '../ports/grant-store';
import type { Calendar } from '../domain/meeting-calendar';
import { publicProjectDescription } from './cosign-application';
import { actorId } from '../domain/staff-name';
import { recusalsOfAttendees } from '../domain/attendance';

/** Who attended, as the minutes and the API show it. */
export function attendanceView(record: MinutesRecord) {
  return { present: record.present, absent: record.absent, recused: record.recused ?? {}, recordedAt: record.recordedAt, recordedBy: record.recordedBy };
}

/** The attendance recorded for the scheme's last meeting before this one (one Query), or null. */
async function lastAttendanceBefore(deps: Dependencies, schemeId: string, meetingId: string): Promise<{ meetingId: string; present: string[]; absent: string[] } | null> {
  const before = (await deps.store.listMinutesRecords(schemeId)).filter((r) => r.meetingId < meetingId && r.present.length > 0);
  const last = before.sort((a, b) => a.meetingId.localeCompare(b.meetingId)).at(-1);
  return last ? { meetingId: last.meetingId, present: last.present, absent: last.absent } : null;
}

export async function meetingMinutes(deps: Dependencies, ref: MeetingRef) {
  const { scheme, meeting, calendar } = await loadMeeting(deps, ref.schemeId, ref.meetingId);
  const [records, record] = await Promise.all([deps.store.listMeetingCases(scheme.id, meeting.id), deps.store.getMinutesRecord(scheme.id, meeting.id)]);
  const state = minutesState(meeting, deps.clock.now(), record);
  // Approved with a snapshot: as they stood at the approval. A draft, or an approval from before snapshots were kept: as things stand now.
  const content = record?.snapshot ? approvedContent(record.snapshot, records.decisions) : await currentContent(deps, scheme, meeting, calendar, records);
  return {
    meeting,
    ...content,
    state,
    /** when the figures and statuses are from (the approval's instant), or null: read now */
    figuresAsOf: record?.snapshot && record.approval ? record.approval.at : null,
    attendance: record ? attendanceView(record) : null,
    // Not recorded yet: the attendance of the last meeting before, to start from (a committee meets with the same members).
    previousAttendance: !record && state === 'open' ? await lastAttendanceBefore(deps, scheme.id, meeting.id) : null,
    approval: record?.approval ?? null,
  };
}

/** A case on the agenda without a decision, as the minutes list it: under its number there. */
interface UndecidedCase {
  number: number;
  applicationId: string;
  title: string;
  status: ApplicationStatus;
  statusLabel: string;
  requestedAmount: number;
}

/** The minutes' content read from current state: a draft's, and what the approval keeps as its snapshot. */
async function currentContent(deps: Dependencies, scheme: SchemeConfig, meeting: Meeting, calendar: Calendar, records: MeetingCaseRecords) {
  // Not a question asked before the meeting: the preparation's, on the case only.
  const decisions = decisionsOfMeeting(records.decisions);
  const [agenda, potRemaining] = await Promise.all([deps.store.listAgenda(scheme.id, meeting.id), meetingPotRemaining(deps, scheme, meeting)]);
  // Each case with the number it has on the agenda, the minutes in that order (a case's decisions in the order made).
  const { numbers: caseNumbers, departed } = await meetingCases(deps, scheme, meeting, agenda, records);
  const numbers = minutesCaseNumbers(decisions, caseNumbers);
  const cases = (await Promise.all(decisions.map(async (decision, i) => ({ number: numbers[i]!, ...(await caseOf(deps, decision)), decision: decisionView(decision) })))).sort((a, b) => a.number - b.number);
  const undecided: UndecidedCase[] = openOnAgenda(agenda)
    .map((a) => ({ number: caseNumbers.get(a.id)!, applicationId: a.id, title: a.title, status: a.status, statusLabel: STATUS_LABELS_NB[a.status], requestedAmount: a.requestedAmount }))
    .sort((a, b) => a.number - b.number);
  // Gone without a decision once the agenda was out: a line under their numbers.
  const leftWithoutDecision = departuresView(departed, caseNumbers, calendar);
  return { committee: committeeView(scheme), preparation: preparationView(scheme), cases, leftWithoutDecision, totals: minutesTotals(decisions), potRemaining, undecided };
}

type MinutesContent = Awaited<ReturnType<typeof currentContent>>;

function snapshotOf(content: MinutesContent): MinutesSnapshot {
  return {
    committee: content.committee,
    preparation: content.preparation,
    cases: content.cases.map(({ decision, ...c }) => ({ ...c, decisionId: decision.id })),
    leftWithoutDecision: content.leftWithoutDecision,
    ...(content.potRemaining !== undefined ? { potRemaining: content.potRemaining } : {}),
  };
}

/** Approved minutes from their snapshot: its cases with their decisions as recorded (never rewritten), nothing left open. */
function approvedContent(snapshot: MinutesSnapshot, decisions: readonly DecisionRecord[]): MinutesContent {
  // Decision ids are unique within a case only.
  const recorded = new Map(decisions.map((d) => [`${d.applicationId}#${d.id}`, d]));
  const entries = snapshot.cases.flatMap(({ decisionId, ...c }) => {
    const decision = recorded.get(`${c.applicationId}#${decisionId}`);
    // A question asked before the meeting, approved with it before they were told apart: not the meeting's.
    return decision && !askedBeforeMeeting(decision) ? [{ c, decision }] : [];
  });
  return {
    committee: snapshot.committee,
    preparation: snapshot.preparation,
    cases: entries.map(({ c, decision }) => ({ ...c, decision: decisionView(decision) })),
    // approved before these were kept: none
    leftWithoutDecision: snapshot.leftWithoutDecision ?? [],
    totals: minutesTotals(entries.map((e) => e.decision)),
    potRemaining: snapshot.potRemaining,
    undecided: [],
  };
}

/**
 * The committee's meetings held in a period (Oslo days, both ends included), each with what its
 * minutes decided and whether they are approved: the half-yearly report's account of the meetings.
 * One Query for the minutes records and one per meeting for its decisions.
 */
export async function meetingsHeldBetween(deps: Dependencies, schemeId: string, from: string, to: string) {
  const scheme = loadScheme(deps, schemeId);
  const now = deps.clock.now();
  const [calendar, records] = await Promise.all([loadCalendar(deps, scheme), deps.store.listMinutesRecords(scheme.id)]);
  const recordOf = new Map(records.map((r) => [r.meetingId, r]));
  const held = calendar.filter((m) => m.date >= from && m.date <= to && meetingStarted(m, now));
  return Promise.all(
    held.map(async (m) => {
      const record = recordOf.get(m.id);
      return {
        id: m.id,
        date: m.date,
        title: m.title,
        minutes: minutesState(m, now, record),
        approvedAt: record?.approval?.at ?? null,
        totals: minutesTotals(decisionsOfMeeting(await deps.store.listMeetingDecisions(scheme.id, m.id))),
      };
    }),
  );
}

async function caseOf(deps: Dependencies, decision: DecisionRecord) {
  const app = await loadApplication(deps, decision.applicationId);
  const { owner, partners, requestedAmount } = publicProjectDescription((await loadCurrentVersion(deps, app)).data, groupRegister(loadScheme(deps, app.schemeId)));
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
    ...(d.matter ? { matter: d.matter } : {}),
    recommendation: d.recommendation ?? null,
  };
}

function refuse(block: MinutesBlock | undefined): void {
  if (block) throw new ConflictError(block.message, block.reason);
}

const MINUTES_CHANGED = 'Protokollen ble endret av noen andre samtidig. Last siden på nytt og prøv igjen.';

async function save(deps: Dependencies, record: MinutesRecord): Promise<MinutesRecord> {
  if (!(await deps.store.saveMinutesRecord(record))) throw new ConflictError(MINUTES_CHANGED, 'minutes_changed');
  return record;
}

/** Who was present and who sent apologies; can be corrected until the minutes are approved. */
export async function recordAttendance(deps: Dependencies, ref: MeetingRef, request: AttendanceRequest, actor: Actor) {
  const { scheme, meeting } = await loadMeeting(deps, ref.schemeId, ref.meetingId);
  const current = await deps.store.getMinutesRecord(scheme.id, meeting.id);
  refuse(attendanceBlocked(minutesState(meeting, deps.clock.now(), current)));
  const absent = request.absent ?? [];
  // Each name written as the attendee's line under «Til stede» (the schema refused one that matches no one, or several).
  const recused = await recusalsOnCases(deps, ref, recusalsOfAttendees(request.present, request.recused ?? {}).recused);
  // A repeat (a double click, a retried request) of what is already recorded writes nothing.
  const same = current && current.present.join('\n') === request.present.join('\n') && current.absent.join('\n') === absent.join('\n') && sameRecusals(current.recused ?? {}, recused);
  if (same) return { minutes: current, created: false };
  const record = await save(deps, {
    schemeId: scheme.id,
    meetingId: meeting.id,
    present: request.present,
    absent,
    ...(Object.keys(recused).length > 0 ? { recused } : {}),
    recordedAt: deps.clock.now().toISOString(),
    recordedBy: actorId(actor),
    revision: (current?.revision ?? 0) + 1,
  });
  return { minutes: record, created: true };
}

/**
 * The recusals, each on a case of the meeting: decided in it or still on its agenda (a 400 at the
 * case's field otherwise). Cases without anyone are left out.
 */
async function recusalsOnCases(deps: Dependencies, ref: MeetingRef, recused: Record<string, string[]>): Promise<Record<string, string[]>> {
  const named = Object.entries(recused).filter(([, names]) => names.length > 0);
  if (named.length === 0) return {};
  const [decisions, agenda] = await Promise.all([deps.store.listMeetingDecisions(ref.schemeId, ref.meetingId), deps.store.listAgenda(ref.schemeId, ref.meetingId)]);
  const cases = new Set([...decisions.map((d) => d.applicationId), ...agenda.map((a) => a.id)]);
  const foreign = named.filter(([applicationId]) => !cases.has(applicationId));
  if (foreign.length > 0) throw new ValidationError(Object.fromEntries(foreign.map(([applicationId]) => [`recused.${applicationId}`, `Saken ${applicationId} er ikke behandlet i dette møtet.`])));
  return Object.fromEntries(named);
}

function sameRecusals(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const text = (r: Record<string, string[]>) => JSON.stringify(Object.entries(r).sort(([x], [y]) => x.localeCompare(y)));
  return text(a) === text(b);
}

/**
 * The committee has approved the minutes (usually at its next meeting): from now on they are final.
 * Needs the attendance and a decision on every case still on the agenda. Approving again answers
 * with the approval already made. A decision registered for the minutes while they are approved
 * (minutes-registration.ts) makes the approval go again, with it (at most three times).
 */
export async function approveMinutes(deps: Dependencies, ref: MeetingRef, request: MinutesApprovalRequest, actor: Actor) {
  for (let attempt = 1; ; attempt++) {
    const approved = await approveOnce(deps, ref, request, actor);
    if (approved) return approved;
    if (attempt >= 3) throw new ConflictError(MINUTES_CHANGED, 'minutes_changed');
  }
}

async function approveOnce(deps: Dependencies, ref: MeetingRef, request: MinutesApprovalRequest, actor: Actor) {
  const { scheme, meeting, calendar } = await loadMeeting(deps, ref.schemeId, ref.meetingId);
  const [current, records] = await Promise.all([deps.store.getMinutesRecord(scheme.id, meeting.id), deps.store.listMeetingCases(scheme.id, meeting.id)]);
  if (current?.approval) return { minutes: current, created: false };
  const decisions = await withRegistered(deps, meeting, current, records.decisions);
  const content = await currentContent(deps, scheme, meeting, calendar, { ...records, decisions });
  refuse(approvalBlocked(minutesState(meeting, deps.clock.now(), current), (current?.present.length ?? 0) > 0, content.undecided.length));
  if (!current) throw new Error('approvalBlocked lets no minutes without attendance through');
  const approval = { at: deps.clock.now().toISOString(), by: actorId(actor), ...(request.note ? { note: request.note } : {}) };
  // The approval and what the minutes show are one conditional write: both, or neither; and only if
  // no decision was registered for the minutes since the record was read (else undefined: again).
  const { registeredDecisions: _registered, registrations, ...record } = { ...current, approval, snapshot: snapshotOf(content), revision: current.revision + 1 };
  if (!(await deps.store.saveMinutesRecord(record, registrations ?? 0))) return undefined;
  return { minutes: record, created: true };
}

/**
 * The meeting's decisions as its Query found them, with those registered for the minutes that it did
 * not return (written since it ran, or the index not caught up yet), each read from its case: those
 * recorded in this meeting, all in the order made. One still on its way makes the approval wait (a
 * 409 to try again); one registered long ago and never written (its request died) is not waited for.
 */
async function withRegistered(deps: Dependencies, meeting: Meeting, record: MinutesRecord | undefined, found: readonly DecisionRecord[]): Promise<DecisionRecord[]> {
  const unrecorded = unrecordedEntries(record?.registeredDecisions ?? [], new Set(found.map((d) => `${d.applicationId}#${d.id}`)), deps.clock.now());
  const read = await Promise.all(unrecorded.map(async (e) => ({ ...e, decision: (await deps.store.listDecisions(e.applicationId)).find((d) => d.id === e.decisionId) })));
  if (read.some((e) => !e.decision && e.onItsWay)) {
    throw new ConflictError('Et vedtak i dette møtet blir registrert akkurat nå. Vent litt, og godkjenn protokollen på nytt.', 'decision_in_progress');
  }
  const late = read.flatMap((e) => (e.decision?.meetingId === meeting.id ? [e.decision] : []));
  if (late.length === 0) return [...found];
  const order = (d: DecisionRecord) => `${d.at}#${d.applicationId}#${d.id}`;
  return [...found, ...late].sort((a, b) => order(a).localeCompare(order(b)));
}
