// The committee's decisions on a running grant (taking it back, claiming money back, a request to
// reallocate): each is a DecisionRecord on the case and, when made in a meeting, in its minutes.
import type { ApplicationRecord, DecisionRecord, Meeting } from '../domain/model';
import { findMeeting, meetingInSession } from '../domain/meeting-calendar';
import { decidedInMeetingRefusal } from '../domain/meeting-minutes';
import { ValidationError } from '../domain/errors';
import { recordedClaim } from '../domain/payout';
import type { Dependencies } from '../composition';
import { loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { inMeetingMinutes, intoMeetingMinutes } from './minutes-registration';

type GrantDecision = Pick<DecisionRecord, 'id' | 'outcome' | 'at' | 'decidedBy' | 'amount' | 'reason'> & Pick<Partial<DecisionRecord>, 'matter' | 'periodStart' | 'periodEnd'>;

/**
 * The meeting the secretariat says a decision on a running grant was made in (recorded after the
 * meeting's day): held, and its minutes not approved. Checked before anything is written; a 400
 * naming `meetingId` otherwise. Undefined when none is named.
 */
export async function decidedInMeeting(deps: Dependencies, schemeId: string, meetingId: string | undefined): Promise<Meeting | undefined> {
  if (!meetingId) return undefined;
  const meeting = findMeeting(await loadCalendar(deps, loadScheme(deps, schemeId)), meetingId);
  const approved = meeting ? !!(await deps.store.getMinutesRecord(schemeId, meeting.id))?.approval : false;
  const refusal = decidedInMeetingRefusal(meeting, deps.clock.now(), approved);
  if (refusal) throw new ValidationError({ meetingId: refusal });
  return meeting;
}

/**
 * Runs the writes of a decision on a running grant that the secretariat says was made in `meeting`
 * (decidedInMeeting, which found its minutes open): registered in those minutes before anything is
 * written (intoMeetingMinutes), so if they were approved since, it is refused with a 409 and nothing
 * written. Without a meeting named, just `write`.
 */
export async function decidingInMeeting<T>(deps: Dependencies, app: Pick<ApplicationRecord, 'id' | 'schemeId'>, meeting: Meeting | undefined, decisionId: string, write: () => Promise<T>): Promise<T> {
  if (!meeting) return write();
  return intoMeetingMinutes(deps, { schemeId: app.schemeId, meetingId: meeting.id }, { applicationId: app.id, id: decisionId }, () => decidedInMeetingRefusal(meeting, deps.clock.now(), true)!, write);
}

/**
 * Records a decision on a running grant, in the minutes of the meeting it was made in: the one the
 * secretariat named (decidedInMeeting, and registered there by decidingInMeeting), else the one in
 * session when it was recorded (meetingInSession; none on a day without a meeting), unless those
 * minutes are approved already: approved minutes are final, and the decision is on the case only.
 * Keyed by its id: a repeat writes nothing new.
 */
export async function recordGrantDecision(deps: Dependencies, app: Pick<ApplicationRecord, 'id' | 'schemeId'>, decision: GrantDecision, named?: Meeting): Promise<void> {
  const put = (meeting?: Meeting) => deps.store.putDecision({ applicationId: app.id, schemeId: app.schemeId, ...decision, ...(meeting ? { meetingId: meeting.id } : {}) });
  if (named) return put(named);
  const inSession = meetingInSession(await loadCalendar(deps, loadScheme(deps, app.schemeId)), new Date(decision.at));
  // Registered in the minutes in session, unless they are approved (then not: on the case only).
  const inMinutes = inSession && (await inMeetingMinutes(deps, { schemeId: app.schemeId, meetingId: inSession.id }, { applicationId: app.id, id: decision.id }, () => put(inSession)));
  if (!inMinutes) await put();
}

/** The ids of the committee's decisions on a running grant that it makes once. */
export const REPAYMENT_DECISION_ID = 'dec_repayment';
export const REVOCATION_DECISION_ID = 'dec_revoke';
export const reallocationDecisionId = (reallocationId: string) => `dec_${reallocationId}`;
export const periodDecisionId = (changedAt: string) => `dec_period_${changedAt}`;

/** The repayment claim on the grant's history, as the committee's decision (once per grant; a repeat of the claim records it again, a no-op). */
export async function recordClaimDecision(deps: Dependencies, app: Pick<ApplicationRecord, 'id' | 'schemeId' | 'history'>, named?: Meeting): Promise<void> {
  const claim = recordedClaim(app.history);
  if (!claim) return;
  await recordGrantDecision(deps, app, { id: REPAYMENT_DECISION_ID, outcome: 'claim_repayment', at: claim.at, decidedBy: claim.decidedBy, amount: claim.amount, reason: claim.reason }, named);
}
