// What earlier versions of the system did not write, written once for the data they left: lists and
// lookups that new writes keep up to date but that were empty for cases older than them. Runs after
// each deployment (a CDK trigger) and when the local system starts. Each step is named; once it has
// gone through every case it is marked done and skipped from then on. Every write is conditional on
// what it fills in being absent, so a step that runs twice, or beside the requests, writes nothing
// twice and never goes back over newer data. Reads are Queries by scheme and status: no Scan.
import { APPLICATION_STATUSES, type ApplicationRecord } from '../domain/model';
import { REPORT_KINDS } from '../domain/reports';
import { partnerOrganisations } from '../domain/case-search';
import { openSupplementRequest } from '../domain/report-supplement';
import type { Dependencies } from '../composition';
import { SCHEME_IDS } from '../../config/schemes';
import { loadCurrentVersion } from './load-application';
import { stillInTime, type TimeLeftOption } from './time-left';

type Deps = Pick<Dependencies, 'store' | 'clock'>;

/** Each step: what it fills in for one case; true when it wrote something. */
const STEPS = {
  /** "Mistet lenken?" by address alone (5dbdabd): the contact person's address beside the case. */
  'owner-addresses': (deps: Deps, app: ApplicationRecord) => deps.store.putOwnerAddress(app.id, app.ownerEmail),
  /** The secretariat's search by contact person and partners: the case's search fields. */
  'search-fields': async (deps: Deps, app: ApplicationRecord) => {
    if (app.partnerOrganisations) return false;
    const { data } = await loadCurrentVersion(deps, app);
    return deps.store.fillSearchFields(app.id, { ownerName: data.owner.name, partnerOrganisations: partnerOrganisations(data) });
  },
  /** The reports waiting to be filled in, listed beside the overdue ones (a2ff417). */
  'supplement-waits': async (deps: Deps, app: ApplicationRecord) => {
    const open = REPORT_KINDS.flatMap((kind) => openSupplementRequest(app.history, kind) ?? []);
    await Promise.all(open.map((request) => deps.store.markSupplementRequested(app.id, request.kind, request.at)));
    return open.length > 0;
  },
  /** The committee's list of requests for reallocation waiting for its prior approval. */
  'pending-reallocations': async (deps: Deps, app: ApplicationRecord) => {
    if (!app.allocation) return false;
    const unlisted = (await deps.store.listReallocations(app.id)).filter((r) => r.state === 'requested' && !r.schemeId);
    const listed = await Promise.all(unlisted.map((r) => deps.store.addPendingReallocation(app.id, r.id, app.schemeId)));
    return listed.some(Boolean);
  },
} as const;

export type UpgradeStep = keyof typeof STEPS;
export const UPGRADE_STEPS = Object.keys(STEPS) as UpgradeStep[];

/** Cases upgraded at once (each is a handful of small reads and writes). */
const CONCURRENCY = 8;

export interface UpgradeResult {
  /** the steps that ran (the others were done already) */
  steps: UpgradeStep[];
  applications: number;
  /** per step, the cases it wrote something for */
  written: Partial<Record<UpgradeStep, number>>;
  /** the cases a step failed on (a record it could not read, say): that step is not marked done, and runs again next time */
  failed: Array<{ step: UpgradeStep; applicationId: string; error: string }>;
  /** stopped before the last case for time: no step marked done, the next run goes through them again */
  incomplete?: true;
}

/** Time a run keeps in hand when it stops (the deployment waits for it, and fails if it is cut off). */
const UPGRADE_MARGIN_MS = 60_000;

export async function upgradeStoredData(deps: Deps, options: TimeLeftOption = {}): Promise<UpgradeResult> {
  const steps = (await Promise.all(UPGRADE_STEPS.map(async (step) => ((await deps.store.upgradeDone(step)) ? [] : [step])))).flat();
  const written: Partial<Record<UpgradeStep, number>> = Object.fromEntries(steps.map((s) => [s, 0]));
  const failed: UpgradeResult['failed'] = [];
  let applications = 0;
  if (steps.length === 0) return { steps, applications, written, failed };
  const inTime = stillInTime(options, UPGRADE_MARGIN_MS);
  for (const schemeId of SCHEME_IDS) {
    for (const status of APPLICATION_STATUSES) {
      if (!inTime()) return { steps, applications, written, failed, incomplete: true };
      const apps = await deps.store.listByStatus(schemeId, status);
      applications += apps.length;
      for (let i = 0; i < apps.length; i += CONCURRENCY) {
        // Cut off by the function's timeout, the run would fail the deployment: it stops in time instead.
        if (!inTime()) return { steps, applications, written, failed, incomplete: true };
        await Promise.all(apps.slice(i, i + CONCURRENCY).map(async (app) => {
          for (const step of steps) {
            // One case that cannot be upgraded does not stop the others (nor the deployment).
            try {
              if (await STEPS[step](deps, app)) written[step] = (written[step] ?? 0) + 1;
            } catch (error) {
              failed.push({ step, applicationId: app.id, error: error instanceof Error ? error.message : String(error) });
            }
          }
        }));
      }
    }
  }
  // Done only after every case: a run stopped for time, or a step that failed on a case, goes through them again next time.
  const at = deps.clock.now().toISOString();
  await Promise.all(steps.filter((step) => !failed.some((f) => f.step === step)).map((step) => deps.store.markUpgradeDone(step, at)));
  return { steps, applications, written, failed };
}
