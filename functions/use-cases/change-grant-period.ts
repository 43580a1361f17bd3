// The committee gives a running grant another period: the project starts later than planned
// ("utsatt oppstart": a position not yet filled), runs longer within the longest period allowed, or
// ends early. The committee decides the period (002: "for hvilken periode"), so this is its decision
// on the case and in the minutes of the meeting it was made in. The final report follows the new
// end: a final-report phase whose schedule is set for an earlier end sees the new one and sets itself
// again (final-report.asl.json, CheckPeriodEnd); for an earlier end the phase is started at once to
// set its schedule for it, and the run at the old end finds the phase taken (claimFinalReport).
import { ConflictError, ValidationError } from '../domain/errors';
import {
  continuationStartProblem, declinedPeriodRequest, endsEarlier, GRANT_PERIOD_CHANGED, GRANT_PERIOD_REQUEST_DECLINED, GRANT_PERIOD_REQUESTED, openPeriodRequest, periodChangeProblem, periodChangeRefusal, periodChanges, withNewPeriod,
  type NewPeriod, type PeriodChangeEntry,
} from '../domain/grant-period';
import type { Actor, Allocation, ApplicationRecord, Meeting, ReminderRecord } from '../domain/model';
import { addDays, formatNorwegianDate, osloDateOf } from '../domain/oslo-time';
import { actorId } from '../domain/staff-name';
import type { Dependencies } from '../composition';
import type { PeriodChange, PeriodDecline, PeriodRequest } from '../../schemas/requests.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import * as mail from '../mail/templates';
import { caseUrl } from './links';
import { mailContext, notify } from './notify';
import { ownerContext } from './owner-actions';
import { continuationStartingBy } from './continuation';
import { decidedInMeeting, decidingInMeeting, periodDecisionId, recordGrantDecision } from './grant-decisions';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { recordOnHistory, withFreshRead } from './move-application';
import { latestDeadline } from './report-deadlines';

export function changeGrantPeriod(deps: Dependencies, applicationId: string, input: PeriodChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(() => changeOnce(deps, applicationId, input, actor));
}

async function changeOnce(deps: Dependencies, applicationId: string, input: PeriodChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  const meeting = await decidedInMeeting(deps, app.schemeId, input.meetingId);
  const last = periodChanges(app.history).at(-1);
  const repeat = app.allocation && last && sameChange(last, app.allocation, input) ? last : undefined;
  // The change's instant names its decision, registered in the named meeting's minutes before anything is written.
  const at = repeat?.at ?? deps.clock.now().toISOString();
  return decidingInMeeting(deps, app, meeting, periodDecisionId(at), () => writeChange(deps, app, input, actor, { meeting, repeat, at }));
}

async function writeChange(
  deps: Dependencies,
  app: ApplicationRecord,
  input: PeriodChange,
  actor: Actor,
  { meeting, repeat, at }: { meeting: Meeting | undefined; repeat: PeriodChangeEntry | undefined; at: string },
): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const next = { periodStart: input.periodStart, periodEnd: input.periodEnd };
  // A repeat (a double click, a retry after a crash) finds its own change: it finishes the decision and the letter.
  if (repeat) {
    await recordDecision(deps, app, repeat, meeting);
    await followEarlierEnd(deps, app, repeat);
    return { application: app, changed: false };
  }
  const { allocation, changed } = await checkNewPeriod(deps, app, next);
  const application = await recordOnHistory(deps, app, GRANT_PERIOD_CHANGED, actor, {
    at,
    set: { allocation: changed },
    details: { fromStart: allocation.periodStart, fromEnd: allocation.periodEnd, ...next, reason: input.reason },
  });
  const change = periodChanges(application.history).at(-1)!;
  await recordDecision(deps, application, change, meeting);
  await followEarlierEnd(deps, application, change);
  return { application, changed: true };
}

/** A period that now ends earlier: the final-report phase sets its schedule for the new end (keyed by the change: a repeat starts nothing new). */
async function followEarlierEnd(deps: Dependencies, app: ApplicationRecord, change: PeriodChangeEntry): Promise<void> {
  if (endsEarlier(change.from, change.to)) await deps.workflow.rescheduleFinalReport(app.id, app.schemeId, change.at);
}

/**
 * What a new period would make of the grant, or why it cannot have it: a running grant whose period
 * is not over (409), the rules of a period and of a change (400 at the field), clear of the grants
 * it continues and that continue it, within the final report link's reach. Nothing is written.
 */
async function checkNewPeriod(deps: Dependencies, app: ApplicationRecord, next: NewPeriod): Promise<{ allocation: Allocation; changed: Allocation }> {
  const today = osloDateOf(deps.clock.now());
  const allocation = runningGrant(app, today);
  const scheme = loadScheme(deps, app.schemeId);
  const problem = periodChangeProblem(allocation, next, scheme.maxPeriodMonths, today);
  if (problem && !problem.ok) throw new ValidationError({ [problem.field]: problem.message });
  await checkContinuations(deps, app, next);
  const changed = withNewPeriod(allocation, next, scheme.finalReportDueDays);
  const latest = await latestDeadline(deps, app, scheme, 'final');
  if (changed.finalReportDue > latest) {
    throw new ValidationError({ periodEnd: `Sluttdato kan være senest ${formatNorwegianDate(addDays(latest, -scheme.finalReportDueDays))}: lenken til sluttrapporten gjelder ikke lenger enn det.` });
  }
  return { allocation, changed };
}

/**
 * The owner asks, from the owner's page, for a new period (the project starts later): the same
 * rules as the committee's change, on the case's history, and the next sweep tells the
 * secretariat. The committee decides: the secretariat answers with the new period or its no.
 */
export function requestNewPeriod(deps: Dependencies, linkId: string, input: PeriodRequest): Promise<{ applicationId: string; changed: boolean }> {
  return withFreshRead(async () => {
    const { app, actor } = await ownerContext(deps, linkId);
    const next = { periodStart: input.periodStart, periodEnd: input.periodEnd };
    const open = openPeriodRequest(app.history);
    if (open && open.periodStart === next.periodStart && open.periodEnd === next.periodEnd && open.reason === input.reason) return { applicationId: app.id, changed: false };
    await checkNewPeriod(deps, app, next);
    const updated = await recordOnHistory(deps, app, GRANT_PERIOD_REQUESTED, actor, { details: { ...next, reason: input.reason } });
    const at = updated.history.at(-1)!.at;
    await deps.store.putReminder({ id: `${app.id}#grant-period-request#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: 'grant-period-request', dueAt: at });
    return { applicationId: app.id, changed: true };
  });
}

/**
 * The committee says no to the owner's open request: on the case's history with the committee's
 * reason; the next sweep tells the owner that the period stands. With no open request it is 409; a
 * repeat finds its own answer and changes nothing.
 */
export function declinePeriodRequest(deps: Dependencies, applicationId: string, input: PeriodDecline, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(async () => {
    const app = await loadApplication(deps, applicationId);
    const open = openPeriodRequest(app.history);
    if (!open) {
      const answered = declinedPeriodRequest(app.history);
      if (answered?.reason !== input.reason) throw new ConflictError('Prosjektansvarlig har ikke bedt om ny prosjektperiode, eller ønsket er besvart.', 'no_open_request');
      await putDeclinedReminder(deps, app, answered.at);
      return { application: app, changed: false };
    }
    const application = await recordOnHistory(deps, app, GRANT_PERIOD_REQUEST_DECLINED, actor, { details: { periodStart: open.periodStart, periodEnd: open.periodEnd, reason: input.reason } });
    await putDeclinedReminder(deps, application, application.history.at(-1)!.at);
    return { application, changed: true };
  });
}

function putDeclinedReminder(deps: Dependencies, app: ApplicationRecord, at: string): Promise<boolean> {
  return deps.store.putReminder({ id: `${app.id}#grant-period-declined#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: 'grant-period-declined', dueAt: at });
}

/** To the secretariat: the owner's open request (none: answered meanwhile). */
export async function sendPeriodRequest(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord): Promise<void> {
  const open = openPeriodRequest(app.history);
  if (!open || !app.allocation) return;
  await notify(deps, `reminder#${r.id}`, [scheme.secretariatEmail], mail.periodChangeRequested(mailContext(scheme, app), {
    periodStart: app.allocation.periodStart, periodEnd: app.allocation.periodEnd, requestedStart: open.periodStart, requestedEnd: open.periodEnd, reason: open.reason, link: caseUrl(deps, app.id),
  }));
}

/** To the owner: the committee's no, and the period that stands (none: the owner asked again, or the period changed since). */
export async function sendPeriodDeclined(deps: Dependencies, app: ApplicationRecord, scheme: SchemeConfig, r: ReminderRecord, statusLink: string): Promise<void> {
  const declined = declinedPeriodRequest(app.history);
  if (!declined || !app.allocation) return;
  await notify(deps, `reminder#${r.id}`, [app.ownerEmail], mail.periodRequestDeclined(mailContext(scheme, app), {
    periodStart: app.allocation.periodStart, periodEnd: app.allocation.periodEnd, requestedStart: declined.periodStart, requestedEnd: declined.periodEnd, reason: declined.reason, statusLink,
  }));
}

function sameChange(last: PeriodChangeEntry, allocation: Allocation, input: PeriodChange): boolean {
  return last.to.periodStart === input.periodStart && last.to.periodEnd === input.periodEnd && last.reason === input.reason
    && allocation.periodStart === input.periodStart && allocation.periodEnd === input.periodEnd;
}

/** The running grant's allocation, while its period is not over; 409 otherwise. */
function runningGrant(app: ApplicationRecord, today: string): Allocation {
  switch (periodChangeRefusal(app, today)) {
    case 'grant_not_running':
      throw new ConflictError('Bare perioden til et tilskudd som løper, kan endres (ikke etter sluttrapporten, og ikke når tilskuddet er avsluttet eller trukket tilbake).', 'grant_not_running');
    case 'period_over':
      throw new ConflictError(`Perioden sluttet ${formatNorwegianDate(app.allocation!.periodEnd)} og kan ikke endres lenger. Sluttrapporten er neste steg; fristen for den kan utsettes.`, 'period_over');
    case undefined:
      return app.allocation!;
  }
}

/** A continued grant's period ends before this one starts; one that continues this grant starts after it ends. */
async function checkContinuations(deps: Dependencies, app: ApplicationRecord, next: { periodStart: string; periodEnd: string }): Promise<void> {
  const continues = (await loadCurrentVersion(deps, app)).data.continues;
  const previous = continues ? await deps.store.getApplication(continues) : undefined;
  const startProblem = previous?.allocation && continuationStartProblem(previous.allocation.periodEnd, next.periodStart);
  if (startProblem) throw new ValidationError({ periodStart: startProblem });
  const later = await continuationStartingBy(deps, app.id, next.periodEnd);
  if (later) {
    throw new ValidationError({ periodEnd: `Søknaden «${later.title}» (${later.id}) viderefører dette tilskuddet fra ${formatNorwegianDate(later.periodStart)}. Sluttdato må være før det.` });
  }
}

/** The decision on the case (in the minutes of its meeting), and the letter to the owner by the next sweep. Both keyed: a repeat adds nothing. */
async function recordDecision(deps: Dependencies, app: ApplicationRecord, change: PeriodChangeEntry, meeting: Meeting | undefined): Promise<void> {
  const entry = app.history.find((e) => e.action === GRANT_PERIOD_CHANGED && e.at === change.at)!;
  await recordGrantDecision(deps, app, {
    // No amount: the grant's is unchanged, and the minutes would read it as money granted.
    id: periodDecisionId(change.at), outcome: 'change_period', at: change.at, decidedBy: actorId(entry.actor), reason: change.reason,
    periodStart: change.to.periodStart, periodEnd: change.to.periodEnd,
    matter: `Prosjektperioden var ${formatNorwegianDate(change.from.periodStart)}–${formatNorwegianDate(change.from.periodEnd)}`,
  }, meeting);
  await deps.store.putReminder({ id: `${app.id}#grant-period-changed#${change.at}`, applicationId: app.id, schemeId: app.schemeId, kind: 'grant-period-changed', dueAt: change.at });
}
