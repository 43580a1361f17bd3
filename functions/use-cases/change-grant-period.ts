// The committee gives a running grant another period: the project starts later than planned
// ("utsatt oppstart": a position not yet filled), or runs longer within the longest period allowed.
// The committee decides the period (002: "for hvilken periode"), so this is its decision on the case
// and in the minutes of the meeting it was made in. The final report follows the new end: the
// final-report phase, if its schedule is set for the old end already, sees the new one and sets
// itself again (final-report.asl.json, CheckPeriodEnd).
import { ConflictError, ValidationError } from '../domain/errors';
import { continuationStartProblem, GRANT_PERIOD_CHANGED, periodChangeProblem, periodChangeRefusal, periodChanges, withNewPeriod, type PeriodChangeEntry } from '../domain/grant-period';
import type { Actor, Allocation, ApplicationRecord, Meeting } from '../domain/model';
import { addDays, formatNorwegianDate, osloDateOf } from '../domain/oslo-time';
import { actorId } from '../domain/staff-name';
import type { Dependencies } from '../composition';
import type { PeriodChange } from '../../schemas/requests.schema';
import { continuationStartingBy } from './continuation';
import { decidedInMeeting, recordGrantDecision } from './grant-decisions';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { recordOnHistory, withFreshRead } from './move-application';
import { latestDeadline } from './report-deadlines';

/** The reminder that mails the owner (and the group's leaders) the new period: sent by the next sweep. */
export const PERIOD_CHANGED_REMINDER = 'grant-period-changed';

export function changeGrantPeriod(deps: Dependencies, applicationId: string, input: PeriodChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  return withFreshRead(() => changeOnce(deps, applicationId, input, actor));
}

async function changeOnce(deps: Dependencies, applicationId: string, input: PeriodChange, actor: Actor): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const app = await loadApplication(deps, applicationId);
  const meeting = await decidedInMeeting(deps, app.schemeId, input.meetingId);
  const next = { periodStart: input.periodStart, periodEnd: input.periodEnd };
  const last = periodChanges(app.history).at(-1);
  // A repeat (a double click, a retry after a crash) finds its own change: it finishes the decision and the letter.
  if (app.allocation && last && sameChange(last, app.allocation, input)) {
    await recordDecision(deps, app, last, meeting);
    return { application: app, changed: false };
  }
  const allocation = runningGrant(app, osloDateOf(deps.clock.now()));
  const scheme = loadScheme(deps, app.schemeId);
  const problem = periodChangeProblem(allocation, next, scheme.maxPeriodMonths);
  if (problem && !problem.ok) throw new ValidationError({ [problem.field]: problem.message });
  await checkContinuations(deps, app, next);
  const changed = withNewPeriod(allocation, next, scheme.finalReportDueDays);
  const latest = await latestDeadline(deps, app, scheme, 'final');
  if (changed.finalReportDue > latest) {
    throw new ValidationError({ periodEnd: `Sluttdato kan være senest ${formatNorwegianDate(addDays(latest, -scheme.finalReportDueDays))}: lenken til sluttrapporten gjelder ikke lenger enn det.` });
  }
  const application = await recordOnHistory(deps, app, GRANT_PERIOD_CHANGED, actor, {
    set: { allocation: changed },
    details: { fromStart: allocation.periodStart, fromEnd: allocation.periodEnd, ...next, reason: input.reason },
  });
  await recordDecision(deps, application, periodChanges(application.history).at(-1)!, meeting);
  return { application, changed: true };
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
    id: `dec_period_${change.at}`, outcome: 'change_period', at: change.at, decidedBy: actorId(entry.actor), reason: change.reason,
    periodStart: change.to.periodStart, periodEnd: change.to.periodEnd,
    matter: `Prosjektperioden var ${formatNorwegianDate(change.from.periodStart)}–${formatNorwegianDate(change.from.periodEnd)}`,
  }, meeting);
  await deps.store.putReminder({ id: `${app.id}#${PERIOD_CHANGED_REMINDER}#${change.at}`, applicationId: app.id, schemeId: app.schemeId, kind: PERIOD_CHANGED_REMINDER, dueAt: change.at });
}
