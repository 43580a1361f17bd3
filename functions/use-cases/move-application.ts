import { ConflictError } from '../domain/errors';
import { assertTransition } from '../domain/status-transitions';
import { agendaDeparture, departureRefusal } from '../domain/meeting-minutes';
import type { Actor, ApplicationRecord, ApplicationStatus } from '../domain/model';
import type { Dependencies } from '../composition';
import type { ApplicationTransition } from '../ports/grant-store';

export interface MoveOptions {
  set?: ApplicationTransition['set'];
  remove?: ApplicationTransition['remove'];
  details?: Record<string, string | number | boolean>;
}

/**
 * The one way a use case changes an application's status: checked against the transition table,
 * conditional on the revision it read (no lost updates), audited in the same write. A change that
 * takes the case off its meeting's agenda without a decision (withdrawn, closed, moved) is noted for
 * that meeting, so the case keeps its number there (agendaDeparture); a repeat of the change is
 * refused, or finds the case where it went, before it gets here, and notes nothing again.
 */
export async function moveApplication(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  app: ApplicationRecord,
  to: ApplicationStatus,
  action: string,
  actor: Actor,
  options: MoveOptions = {},
): Promise<ApplicationRecord> {
  assertTransition(app.status, to);
  const remove = [...(options.remove ?? []), ...(leavesItsRound(app, options) ? (['recommendation'] as const) : [])];
  const at = deps.clock.now().toISOString();
  // Before the change, so a failure here leaves nothing half-done for a retry; noted for a change that
  // then fails on another write that keeps the case on the agenda or decides it (a recommendation, a
  // decision), it is harmless: the case is numbered as such, and a later departure replaces it. Two
  // departures made on the same revision at once (the owner withdraws while the secretariat moves)
  // would both pass here and one lose at the transition, the agenda's line saying what the loser
  // did: the departure is noted per revision, the first one noted goes on and the other is refused
  // here (a 409 saying what happened instead), before it writes anything.
  const departure = agendaDeparture(app, { to, actor, at, meetingId: options.set?.meetingId, removesMeeting: !!options.remove?.includes('meetingId') });
  if (departure) {
    const refusal = departureRefusal(await deps.store.putAgendaDeparture(departure), departure);
    if (refusal) throw new ConflictError(refusal, 'changed_meanwhile');
  }
  return deps.store.transition({
    applicationId: app.id,
    expectedRevision: app.revision,
    from: [app.status],
    to,
    ...(options.set ? { set: options.set } : {}),
    ...(remove.length ? { remove } : {}),
    audit: { at, actor, action, from: app.status, to, ...(options.details ? { details: options.details } : {}) },
  });
}

/**
 * A history entry without a change of status (a payment after the status report, a partial
 * repayment claim and its repayment): conditional on the revision it read, like a move.
 */
export async function recordOnHistory(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  app: ApplicationRecord,
  action: string,
  actor: Actor,
  options: Pick<MoveOptions, 'set' | 'details'> & { /** the entry's instant, when the caller has named something by it already (default: now) */ at?: string } = {},
): Promise<ApplicationRecord> {
  return deps.store.transition({
    applicationId: app.id,
    expectedRevision: app.revision,
    ...(options.set ? { set: options.set } : {}),
    audit: { at: options.at ?? deps.clock.now().toISOString(), actor, action, ...(options.details ? { details: options.details } : {}) },
  });
}

/**
 * A recommendation (two-level schemes) holds for one round on one agenda: whatever takes the
 * application off that agenda or onto another (deferral, a question to the owner, a move) ends it.
 */
function leavesItsRound(app: ApplicationRecord, options: MoveOptions): boolean {
  if (!app.recommendation) return false;
  const meetingId = options.set?.meetingId;
  return !!options.remove?.includes('meetingId') || (meetingId !== undefined && meetingId !== app.meetingId);
}

/**
 * Runs a read-decide-write step again when its conditional write lost to another write (a 'stale'
 * conflict): the step reads afresh, so a double click's second post finds the first one's result.
 */
export async function withFreshRead<T>(step: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof ConflictError && error.reason === 'stale') || attempt >= attempts) throw error;
    }
  }
}

export function staffActor(staff: { subject: string; name?: string }, role: 'secretariat' | 'finance'): Actor {
  return { kind: 'staff', role, subject: staff.subject, ...(staff.name && staff.name !== staff.subject ? { name: staff.name } : {}) };
}

export const SYSTEM: Actor = { kind: 'system', name: 'lifecycle' };
