// A decision made in a meeting goes into the meeting's minutes, and approved minutes are final: a
// decision recorded while the minutes are approved must either be in what the approval keeps or be
// refused. No transactions here (dynalite, the local stand-in, has none), so the decision is first
// registered on the meeting's minutes item, before anything of it is written: one conditional
// UpdateItem, refused once the minutes are approved, that adds it to the item's list and counts it.
// The approval takes in every decision on that list when it read the item (waiting for one still on
// its way) and is conditional on the count it read, so a decision registered after that read makes
// the approval go again, and one after the approval is refused before it writes anything.
import type { Dependencies } from '../composition';
import { ConflictError } from '../domain/errors';
import type { DecisionRecord, MeetingRef } from '../domain/model';
import { minutesEntry } from '../domain/meeting-minutes';

/**
 * Runs `write` (every write of a decision made in the meeting, the decision itself last) with the
 * decision registered in the meeting's minutes first; undefined, with nothing written, when the
 * minutes are approved. A write that fails takes its registration back.
 */
export async function inMeetingMinutes<T>(
  deps: Pick<Dependencies, 'store' | 'clock' | 'ids'>,
  ref: MeetingRef,
  decision: Pick<DecisionRecord, 'applicationId' | 'id'>,
  write: () => Promise<T>,
): Promise<{ written: T } | undefined> {
  const entry = minutesEntry(deps.clock.now().toISOString(), decision.applicationId, decision.id, deps.ids.id('reg'));
  if (!(await deps.store.registerMinutesDecision(ref.schemeId, ref.meetingId, entry))) return undefined;
  try {
    return { written: await write() };
  } catch (error) {
    // Not written after all (refused, or lost to another write): the approval need not wait for it.
    await deps.store.unregisterMinutesDecision(ref.schemeId, ref.meetingId, entry);
    throw error;
  }
}

/** As inMeetingMinutes, for a decision that must be in those minutes: approved, it is refused (409, `refusal` says why) with nothing written. */
export async function intoMeetingMinutes<T>(
  deps: Pick<Dependencies, 'store' | 'clock' | 'ids'>,
  ref: MeetingRef,
  decision: Pick<DecisionRecord, 'applicationId' | 'id'>,
  refusal: () => string,
  write: () => Promise<T>,
): Promise<T> {
  const done = await inMeetingMinutes(deps, ref, decision, write);
  if (!done) throw new ConflictError(refusal(), 'minutes_approved');
  return done.written;
}
