import { ConflictError, NotFoundError } from '../domain/errors';
import { agendaVisitKey, findMeeting, meetingStarted, reachableMeeting, type Calendar } from '../domain/meeting-calendar';
import type { Actor, ApplicationRecord, Meeting } from '../domain/model';
import { ON_AGENDA } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { loadApplication, loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { moveApplication } from './move-application';

const SCHEDULABLE: readonly ApplicationRecord['status'][] = ['submitted', 'deferred', 'scheduled', 'recommended'];

/**
 * The meeting a complete application can reach now: a new one, the next that takes new
 * applications; one `inProcess` (back from a question, moved), any. Or the first meeting after
 * `after` (a deferral, a decision overdue).
 */
export function targetMeeting(scheme: SchemeConfig, calendar: Calendar, now: Date, { after, inProcess = false }: { after?: string | undefined; inProcess?: boolean } = {}): Meeting | undefined {
  // The calendar is in date order, so the first later one not yet held is the next (a
  // decision a month overdue can find the meeting after already held, where meetings are close).
  if (after) return calendar.find((m) => m.date > after && !meetingStarted(m, now));
  return reachableMeeting(calendar, now, scheme.submissionLeadDays, inProcess);
}

/**
 * The meeting a case not yet on an agenda would go to if it were complete now: the next whose
 * deadline has not passed (for a new application, the next that takes new applications).
 */
export function meetingInReach(scheme: SchemeConfig, calendar: Calendar, app: Pick<ApplicationRecord, 'history'>, now: Date): Meeting | undefined {
  return targetMeeting(scheme, calendar, now, { inProcess: wasOnAnAgenda(app) });
}

/**
 * The meeting the workflow's scheduling puts a complete case on now (see scheduleApplication): the
 * first after `after` (a deferral, a decision overdue), else the one in reach.
 */
export function meetingToSchedule(scheme: SchemeConfig, calendar: Calendar, app: Pick<ApplicationRecord, 'history'>, now: Date, after?: string): Meeting | undefined {
  return after ? targetMeeting(scheme, calendar, now, { after }) : meetingInReach(scheme, calendar, app, now);
}

export interface ScheduleResult {
  application: ApplicationRecord;
  meeting: Meeting;
  /** The meeting the owner aimed for at submission, when the application missed its deadline. */
  missedMeeting?: Meeting;
}

function wasOnAnAgenda(app: Pick<ApplicationRecord, 'history'>): boolean {
  return app.history.some((entry) => entry.to === 'scheduled');
}

/** The meeting whose agenda the case leaves for this one, if any (the owner is told from which). */
function meetingLeft(app: ApplicationRecord, meeting: Meeting): string | undefined {
  return ON_AGENDA.includes(app.status) && app.meetingId !== meeting.id ? app.meetingId : undefined;
}

/** How often a scheduling goes again when its meeting was cancelled while it wrote (a second time needs a second cancellation). */
const CANCELLED_MEANWHILE_RETRIES = 3;

type ScheduleOptions = { after?: string; meetingId?: string };

/**
 * Puts a complete application on the agenda of the next meeting whose submission deadline has not
 * passed (or, for a deferral, the first meeting after the one that deferred it).
 */
export function scheduleApplication(deps: Dependencies, applicationId: string, actor: Actor, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  return scheduleWithRetries(deps, applicationId, actor, options, CANCELLED_MEANWHILE_RETRIES);
}

async function scheduleWithRetries(deps: Dependencies, applicationId: string, actor: Actor, options: ScheduleOptions, retries: number): Promise<ScheduleResult> {
  const app = await loadApplication(deps, applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  if (!SCHEDULABLE.includes(app.status)) throw new ConflictError('Søknaden kan ikke settes opp til et møte nå.', 'not_schedulable');
  const now = deps.clock.now();
  const calendar = await loadCalendar(deps, scheme);
  const meeting = options.meetingId ? findMeeting(calendar, options.meetingId) : meetingToSchedule(scheme, calendar, app, now, options.after);
  if (!meeting && options.meetingId) throw new NotFoundError('Fant ikke møtet i møteplanen.', 'meetingId');
  if (!meeting) throw new NotFoundError('Det finnes ikke noe senere møte i møteplanen.');
  if (meetingStarted(meeting, now)) throw new ConflictError('Møtet er allerede holdt. Velg et senere møte.', 'meeting_passed');
  if (ON_AGENDA.includes(app.status) && app.meetingId === meeting.id) {
    // A repeat of a move whose write landed but whose answer was lost: its notice and restart may not have.
    if (options.meetingId && app.history.at(-1)?.action === 'moved-to-meeting') await afterMoveByHand(deps, app, meeting, now);
    return { application: app, meeting };
  }

  // Only a first scheduling can have missed a deadline: an application back from a question to the
  // owner was on an agenda in time, and goes to the next meeting its answer reaches.
  const aimedFor = !options.after && !options.meetingId && !wasOnAnAgenda(app) ? targetMeeting(scheme, calendar, new Date(app.submittedAt)) : undefined;
  const missed = aimedFor && aimedFor.id < meeting.id ? aimedFor : undefined;
  const left = meetingLeft(app, meeting);
  const application = await moveApplication(deps, app, 'scheduled', options.meetingId ? 'moved-to-meeting' : 'scheduled', actor, {
    set: { meetingId: meeting.id },
    details: { meetingId: meeting.id, ...(missed ? { missedMeetingId: missed.id } : {}), ...(left ? { fromMeetingId: left } : {}) },
  });
  // The secretariat cancelled the meeting between the read above and this write: the case goes to
  // the next meeting (a move by hand, to the next one reachable now). The cancellation looks at the
  // agenda after its own write, so of two such writes at the same moment one sees the other.
  const fresh = retries > 0 ? await loadCalendar(deps, scheme) : calendar;
  if (!findMeeting(fresh, meeting.id)) {
    const next = options.meetingId ? targetMeeting(scheme, fresh, now, { inProcess: true }) : undefined;
    if (!options.meetingId || next) return scheduleWithRetries(deps, applicationId, actor, next ? { meetingId: next.id } : options, retries - 1);
  }
  if (options.meetingId) await afterMoveByHand(deps, application, meeting, now);
  return { application, meeting, ...(missed ? { missedMeeting: missed } : {}) };
}

async function afterMoveByHand(deps: Dependencies, app: ApplicationRecord, meeting: Meeting, now: Date): Promise<void> {
  // The owner hears of the new meeting from the next reminder sweep (HTTP functions send no mail):
  // one reminder per time on the meeting's agenda, like the notice itself.
  const id = `${app.id}#meeting-moved#${agendaVisitKey(meeting.id, app.history)}`;
  await deps.store.putReminder({ id, applicationId: app.id, schemeId: app.schemeId, kind: 'meeting-moved', dueAt: now.toISOString() });
  // The workflow's wait for the decision was set for the old meeting: it starts again from the new one.
  await deps.workflow.cancel(app.id, 'MeetingMoved');
}
