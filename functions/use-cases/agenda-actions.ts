// What the secretariat records for an application on a meeting's agenda: the decision, a request for
// more information, and (two-level schemes) the preparatory body's recommendation.
import { ConflictError, ValidationError, type FieldErrors } from '../domain/errors';
import { approvalProblems, type ApprovalValues } from '../domain/approval';
import { reportDeadlines } from '../domain/grant-period';
import type { Actor, Allocation, ApplicationRecord, DecisionRecord, Meeting, Recommendation } from '../domain/model';
import { ON_AGENDA } from '../domain/status-transitions';
import { decisionBlockedByPreparation, recommendationProblems } from '../domain/preparation';
import { osloDateOf } from '../domain/oslo-time';
import { allocationCheck, meetingPotYear, potYearOf } from '../domain/pot';
import type { Dependencies } from '../composition';
import { approvalFields, type DecisionRequest, type InformationRequest, type RecommendationRequest } from '../../schemas/requests.schema';
import { validFieldsOf } from '../../schemas/fields.schema';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { continuationProblems } from './continuation';
import { applicationMeeting } from '../domain/meeting-calendar';
import { approvedMinutesRefusal, askedBeforeMeeting, decisionBeforeMeeting } from '../domain/meeting-minutes';
import { intoMeetingMinutes } from './minutes-registration';
import { actorId } from '../domain/staff-name';
import { moveApplication } from './move-application';
import { leftInPot, preparePot, readPot } from './yearly-pot';

/** The revision it was decided on: a retried request maps to the same decision id. */
const decisionIdOf = (app: Pick<ApplicationRecord, 'revision'>) => `dec_${app.revision}`;

function decisionRecord(app: ApplicationRecord, outcome: DecisionRecord['outcome'], actor: Actor, at: string, extra: Partial<DecisionRecord>): DecisionRecord {
  return {
    applicationId: app.id,
    schemeId: app.schemeId,
    id: decisionIdOf(app),
    outcome,
    at,
    decidedBy: actorId(actor),
    ...(app.meetingId ? { meetingId: app.meetingId } : {}),
    ...(app.status === 'recommended' && app.recommendation ? { recommendation: app.recommendation } : {}),
    ...extra,
  };
}

/** Whether the case can be decided now; the meeting it is decided in, if it is on an agenda. */
async function assertDecidable(deps: Dependencies, app: ApplicationRecord, outcome: string): Promise<Meeting | undefined> {
  const allowed = outcome === 'reject' ? [...ON_AGENDA, 'submitted', 'deferred', 'more_information_requested'] : ON_AGENDA;
  if (!allowed.includes(app.status)) {
    throw new ConflictError('Søknaden er allerede behandlet, eller er ikke satt opp til et møte.', 'already_decided');
  }
  // A case on an agenda is decided in that meeting; one not on any (incomplete, say) may be rejected at once.
  const scheme = loadScheme(deps, app.schemeId);
  const meeting = ON_AGENDA.includes(app.status) ? applicationMeeting(await loadCalendar(deps, scheme), app) : undefined;
  const early = meeting && decisionBeforeMeeting(meeting, deps.clock.now());
  if (early) throw new ConflictError(early, 'meeting_not_held');
  const blocked = decisionBlockedByPreparation(scheme.preparation, app.status);
  if (blocked) throw new ConflictError(blocked, 'recommendation_missing');
  return meeting;
}

/**
 * Runs the writes of a decision on a case (the decision itself last) in the minutes of the meeting
 * whose agenda it is on (intoMeetingMinutes): refused with a 409 before anything is written once those
 * minutes are approved. A case on no agenda has no minutes to be in.
 */
async function inItsMeeting<T>(deps: Dependencies, app: ApplicationRecord, write: () => Promise<T>): Promise<T> {
  if (!app.meetingId) return write();
  const meetingId = app.meetingId;
  return intoMeetingMinutes(deps, { schemeId: app.schemeId, meetingId }, { applicationId: app.id, id: decisionIdOf(app) }, () => approvedMinutesRefusal(meetingId), write);
}

/** Approve (takes money from the pot atomically), reject with a reason, or defer to a later meeting. */
export async function recordDecision(deps: Dependencies, applicationId: string, request: DecisionRequest, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const meeting = await assertDecidable(deps, app, request.outcome);
  const now = deps.clock.now();
  const at = now.toISOString();

  if (request.outcome === 'reject') {
    const decision = decisionRecord(app, 'reject', actor, at, { reason: request.reason });
    const updated = await inItsMeeting(deps, app, async () => {
      const moved = await moveApplication(deps, app, 'rejected', 'decision:reject', actor, { set: { rejectionReason: request.reason } });
      await deps.store.putDecision(decision);
      return moved;
    });
    // An application waiting for the owner's answer to a question: the workflow waits for the revision, not a decision.
    if (app.status === 'more_information_requested') await deps.workflow.cancel(app.id, 'Rejected');
    else await deps.workflow.completeStep(app.id, 'decision', { outcome: 'reject', decisionId: decision.id });
    return { application: updated, decision };
  }

  if (request.outcome === 'defer') {
    const decision = decisionRecord(app, 'defer', actor, at, request.reason ? { reason: request.reason } : {});
    const updated = await inItsMeeting(deps, app, async () => {
      const moved = await moveApplication(deps, app, 'deferred', 'decision:defer', actor, { remove: ['meetingId'], ...(request.reason ? { details: { reason: request.reason } } : {}) });
      await deps.store.putDecision(decision);
      return moved;
    });
    await deps.workflow.completeStep(app.id, 'decision', { outcome: 'defer', decisionId: decision.id });
    return { application: updated, decision };
  }

  const scheme = loadScheme(deps, app.schemeId);
  const problems = await approvalRuleErrors(deps, app, request);
  if (Object.keys(problems).length) throw new ValidationError(problems);
  // The committee grants in the meeting: a December meeting's approval recorded in January draws from December's pot.
  const year = meeting ? meetingPotYear(meeting) : potYearOf(now);
  const pot = await readPot(deps, scheme, year);
  if (!pot) throw new ConflictError(`Det er ikke satt av noen pott for ${year}.`, 'no_pot');
  const check = allocationCheck({ amount: request.amount, requestedAmount: app.requestedAmount, remaining: leftInPot(pot, app.id) });
  if (!check.ok) {
    if (request.amount <= app.requestedAmount) throw new ConflictError(check.message, 'pot_exhausted');
    throw new ValidationError({ [check.field]: check.message });
  }

  const decidedOn = osloDateOf(now);
  const allocation: Allocation = {
    amount: request.amount,
    periodStart: request.periodStart,
    periodEnd: request.periodEnd,
    potYear: year,
    decidedAt: at,
    ...(app.meetingId ? { meetingId: app.meetingId } : {}),
    ...reportDeadlines(decidedOn, request.periodEnd, scheme),
    ...(request.comment ? { note: request.comment } : {}),
  };
  const decision = decisionRecord(app, 'approve', actor, at, {
    amount: request.amount,
    periodStart: request.periodStart,
    periodEnd: request.periodEnd,
    ...(request.comment ? { reason: request.comment } : {}),
  });
  const updated = await inItsMeeting(deps, app, async () => {
    // The pot reservation is a single conditional write, so concurrent approvals cannot overdraw it.
    await preparePot(deps, pot);
    await deps.store.reserve(app.schemeId, year, app.id, request.amount);
    let moved: ApplicationRecord;
    try {
      moved = await moveApplication(deps, app, 'approved', 'decision:approve', actor, { set: { allocation }, details: { amount: request.amount } });
    } catch (error) {
      await deps.store.release(app.schemeId, year, app.id); // nothing half-written: give the money back
      throw error;
    }
    await deps.store.putDecision(decision);
    return moved;
  });
  await deps.workflow.completeStep(app.id, 'decision', { outcome: 'approve', decisionId: decision.id });
  return { application: updated, decision };
}

/**
 * Every rule an approval's amount and period break, at their fields (none: {}): those of the
 * domain, and for a continuation its start (the committee may grant another period than applied
 * for, and it must still start after the grant it continues). On whatever values are known.
 */
async function approvalRuleErrors(deps: Dependencies, app: ApplicationRecord, values: ApprovalValues): Promise<FieldErrors> {
  const scheme = loadScheme(deps, app.schemeId);
  const problems = approvalProblems(values, { requestedAmount: app.requestedAmount, maxPeriodMonths: scheme.maxPeriodMonths, today: osloDateOf(deps.clock.now()) });
  if (values.periodStart === undefined || problems['periodStart']) return problems;
  const version = await loadCurrentVersion(deps, app);
  return { ...(await continuationProblems(deps, scheme, { continues: version.data.continues, periodStart: values.periodStart }, app.id)), ...problems };
}

/**
 * The approval form's rules on what parsed of a post that failed its schema (none: {}): shown with
 * the schema's errors, so the committee's secretariat fixes everything in one go. Other outcomes: {}.
 */
export async function decisionFormProblems(deps: Dependencies, applicationId: string, body: unknown): Promise<FieldErrors> {
  if (typeof body !== 'object' || body === null || (body as Record<string, unknown>)['outcome'] !== 'approve') return {};
  return approvalRuleErrors(deps, await loadApplication(deps, applicationId), validFieldsOf(approvalFields, body));
}

/** The committee (or its working committee) asks the owner for more information before deciding. */
export async function requestInformation(deps: Dependencies, applicationId: string, request: InformationRequest, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  if (!ON_AGENDA.includes(app.status)) {
    throw new ConflictError('Det kan bare bes om mer informasjon om en søknad som står på et møte og ikke er avgjort.', 'not_scheduled');
  }
  const decision = decisionRecord(app, 'more_information', actor, deps.clock.now().toISOString(), { reason: request.message });
  const ask = async () => {
    const moved = await moveApplication(deps, app, 'more_information_requested', 'decision:more-information', actor, {
      set: { informationRequest: request.message },
      remove: ['meetingId'],
    });
    await deps.store.putDecision(decision);
    return moved;
  };
  // Asked on a day before the meeting's: the preparation's question, not a decision of the meeting, so not in its minutes.
  const updated = askedBeforeMeeting(decision) ? await ask() : await inItsMeeting(deps, app, ask);
  await deps.workflow.completeStep(app.id, 'decision', { outcome: 'more_information', decisionId: decision.id });
  return { application: updated, decision };
}

/**
 * The first level of a two-level review: the preparatory body's recommendation (with a rank where
 * the scheme ranks). Recording it again in the same round replaces it, until the committee decides.
 */
export async function recordRecommendation(deps: Dependencies, applicationId: string, request: RecommendationRequest, actor: Actor) {
  const app = await loadApplication(deps, applicationId);
  const { preparation } = loadScheme(deps, app.schemeId);
  if (!preparation) {
    throw new ConflictError('Denne ordningen har ikke et eget innstillingsledd; komiteen fatter vedtak direkte.', 'no_preparation_step');
  }
  if (!ON_AGENDA.includes(app.status)) {
    throw new ConflictError('Det kan bare gis innstilling om en søknad som står på et møte og ikke er avgjort.', 'not_scheduled');
  }
  const problems = recommendationProblems(preparation, request);
  if (problems) throw new ValidationError(problems);
  // A retry (a double click, a repeated request) of the recommendation already recorded in this round changes nothing.
  const current = app.status === 'recommended' ? app.recommendation : undefined;
  const participants = [...new Set(request.participants ?? [])];
  const sameParticipants = (current?.participants ?? []).join() === participants.join();
  if (current && current.recommended === request.recommended && current.rank === request.rank && (current.comment ?? '') === (request.comment ?? '') && sameParticipants) {
    return { application: app, recommendation: current, created: false };
  }
  const recommendation: Recommendation = {
    recommended: request.recommended,
    ...(request.rank !== undefined ? { rank: request.rank } : {}),
    ...(request.comment ? { comment: request.comment } : {}),
    ...(participants.length ? { participants } : {}),
    by: preparation.body.shortName,
    at: deps.clock.now().toISOString(),
    recordedBy: actorId(actor),
  };
  const application = await moveApplication(deps, app, 'recommended', request.recommended ? 'recommendation:recommend' : 'recommendation:not-recommend', actor, {
    set: { recommendation },
    details: { by: recommendation.by, ...(recommendation.rank !== undefined ? { rank: recommendation.rank } : {}) },
  });
  return { application, recommendation, created: true };
}
