// The secretariat takes a meeting not yet held off the calendar, and moves its open cases on.
import { ConflictError, ValidationError } from '../domain/errors';
import { findMeeting, meetingStarted, type Calendar } from '../domain/meeting-calendar';
import type { Actor, Meeting } from '../domain/model';
import type { AgendaEntry } from '../ports/grant-store';
import { actorId } from '../domain/staff-name';
import { openOnAgenda } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { MeetingCancellation } from '../../schemas/requests.schema';
import { loadCalendar, loadMeeting } from './meeting-calendar';
import { scheduleApplication, targetMeeting } from './schedule-application';

export interface CancelledMeeting {
  removed: Meeting;
  /** where its open cases went, and which they were */
  movedTo?: Meeting;
  moved: string[];
}

/**
 * Takes a meeting not yet held off the calendar: an added one (a wrong date) is deleted, a configured
 * one is cancelled (moved to another day, or not held). Its open cases go to the meeting the
 * secretariat names, each as if moved there by hand (the owner is told; the decision waits for the
 * new meeting); without one, a meeting with open cases stays. The meeting leaves the calendar only
 * once every case is moved, so a repeat after a failure finishes the job.
 */
export async function cancelMeeting(deps: Dependencies, schemeId: string, meetingId: string, input: MeetingCancellation, actor: Actor): Promise<CancelledMeeting> {
  const { scheme, meeting, calendar } = await loadMeeting(deps, schemeId, meetingId);
  const now = deps.clock.now();
  if (meetingStarted(meeting, now)) throw new ConflictError('Møtet er allerede holdt og kan ikke avlyses.', 'meeting_passed');
  const agenda = () => deps.store.listAgendaStatuses(scheme.id, meeting.id).then(openOnAgenda);
  const open = await agenda();
  const movedTo = open.length > 0 ? casesDestination(calendar, meeting, input.moveCasesTo, open, now) : undefined;
  for (const app of open) await scheduleApplication(deps, app.id, actor, { meetingId: movedTo!.id });
  if (meeting.added) await deps.store.removeAddedMeeting(scheme.id, meeting.id);
  else await deps.store.cancelConfiguredMeeting({ schemeId: scheme.id, date: meeting.date, cancelledAt: now.toISOString(), cancelledBy: actorId(actor) });
  // A case scheduled to it between the first look and the cancellation follows the others (or, with
  // none to follow, goes to the next meeting it can reach); scheduling looks again after its write too.
  const late = (await agenda()).filter((a) => !open.some((o) => o.id === a.id));
  const lateTo = late.length > 0 ? (movedTo ?? targetMeeting(scheme, await loadCalendar(deps, scheme), now, { inProcess: true })) : undefined;
  if (lateTo) for (const app of late) await scheduleApplication(deps, app.id, actor, { meetingId: lateTo.id });
  const moved = [...open, ...(lateTo ? late : [])].map((a) => a.id);
  return { removed: meeting, moved, ...(movedTo ? { movedTo } : {}) };
}

/** The meeting a cancelled meeting's open cases move to: one of the calendar's not yet held, another than the cancelled. */
function casesDestination(calendar: Calendar, cancelled: Meeting, moveCasesTo: string | undefined, open: readonly AgendaEntry[], now: Date): Meeting {
  if (!moveCasesTo) {
    const cases = `${open.length} ${open.length === 1 ? 'sak' : 'saker'}`;
    throw new ConflictError(`Møtet har ${cases} på sakslisten. Velg hvilket møte ${open.length === 1 ? 'saken' : 'sakene'} skal flyttes til.`, 'meeting_has_cases');
  }
  const target = findMeeting(calendar, moveCasesTo);
  if (!target) throw new ValidationError({ moveCasesTo: 'Fant ikke møtet i møteplanen.' });
  if (target.id === cancelled.id) throw new ValidationError({ moveCasesTo: 'Velg et annet møte enn det som avlyses.' });
  if (meetingStarted(target, now)) throw new ValidationError({ moveCasesTo: 'Møtet er allerede holdt. Velg et senere møte.' });
  return target;
}
