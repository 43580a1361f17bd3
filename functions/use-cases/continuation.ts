// "Det tildeles midler for inntil 12 måneder om gangen" (002): a project that goes on applies again
// and names the grant it continues. The committee sees that grant and what its reports say.
import { ValidationError, type FieldErrors } from '../domain/errors';
import { continuationStartProblem, periodStartProblem } from '../domain/grant-period';
import { osloDateOf } from '../domain/oslo-time';
import { latestReport } from '../domain/reports';
import type { ApplicationRecord } from '../domain/model';
import { GRANTED_STATUSES, STATUS_LABELS_NB } from '../domain/status-transitions';
import type { Dependencies } from '../composition';
import type { ApplicationInput } from '../../schemas/application.schema';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { grantFacts } from './half-year-report';

/**
 * The grant an application continues must be one granted in the same scheme (not the application
 * itself), and the new period must start after it ended. Checked before anything is written.
 */
export async function checkContinuation(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig, data: Pick<ApplicationInput, 'continues' | 'periodStart'>, selfId?: string): Promise<void> {
  const problems = await continuationProblems(deps, scheme, data, selfId);
  if (Object.keys(problems).length) throw new ValidationError(problems);
}

/**
 * What is wrong with the grant an application names as the one it continues, against the field to
 * fix (none: {}). With `today` (an application sent or revised that day), the period's start is
 * held to both start rules at once (see periodStartProblem); without it (the committee's period),
 * to the continuation's alone.
 */
export async function continuationProblems(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig, data: Pick<ApplicationInput, 'continues' | 'periodStart'>, selfId?: string, today?: string): Promise<FieldErrors> {
  if (!data.continues) return {};
  const previous = data.continues === selfId ? undefined : await deps.store.getApplication(data.continues);
  if (!previous || previous.schemeId !== scheme.id || !previous.allocation || !GRANTED_STATUSES.includes(previous.status)) {
    return { continues: `Fant ingen innvilget søknad med saksnummer ${data.continues} i ${scheme.name}.` };
  }
  const problem = today === undefined
    ? continuationStartProblem(previous.allocation.periodEnd, data.periodStart)
    : periodStartProblem(data.periodStart, today, previous.allocation.periodEnd);
  return problem ? { periodStart: problem } : {};
}

/** The earlier grant an application continues, for the agenda and the case (null: none, or gone). */
export async function earlierGrant(deps: Pick<Dependencies, 'store'>, applicationId: string | undefined) {
  if (!applicationId) return null;
  const [previous, reports] = await Promise.all([deps.store.getApplication(applicationId), deps.store.listReports(applicationId)]);
  if (!previous?.allocation) return null;
  const latest = latestReport(reports);
  return {
    ...grantFacts(previous, previous.allocation),
    latestReport: latest ? { kind: latest.kind, submittedOn: osloDateOf(new Date(latest.submittedAt)), spentAmount: latest.spentAmount, effect: latest.effect } : null,
    repaymentClaimed: previous.repaymentClaimed ?? 0,
  };
}

/**
 * The applications that go on with this grant: those whose current version names it (a revision
 * that drops the reference drops the application from the list). Oldest first.
 */
export async function laterContinuations(deps: Pick<Dependencies, 'store'>, applicationId: string) {
  return (await continuingApplications(deps, applicationId)).map((a) => ({ applicationId: a.id, title: a.title, status: a.status, statusLabel: STATUS_LABELS_NB[a.status], submittedAt: a.submittedAt }));
}

/**
 * The first application going on with this grant whose period starts by `date` (its granted
 * period, else the one applied for): a later end of this grant's period would overlap it. Those
 * rejected, withdrawn or taken back do not count.
 */
export async function continuationStartingBy(deps: Pick<Dependencies, 'store'>, applicationId: string, date: string): Promise<{ id: string; title: string; periodStart: string } | undefined> {
  for (const app of await continuingApplications(deps, applicationId)) {
    if (['rejected', 'withdrawn', 'revoked'].includes(app.status)) continue;
    const periodStart = app.allocation?.periodStart ?? (await deps.store.getVersion(app.id, app.version))?.data.periodStart;
    if (periodStart && periodStart <= date) return { id: app.id, title: app.title, periodStart };
  }
  return undefined;
}

async function continuingApplications(deps: Pick<Dependencies, 'store'>, applicationId: string): Promise<ApplicationRecord[]> {
  const versions = await deps.store.listVersionsContinuing(applicationId);
  const apps = await deps.store.getApplications(versions.map((v) => v.applicationId));
  return apps.filter((a) => versions.some((v) => v.applicationId === a.id && v.version === a.version));
}
