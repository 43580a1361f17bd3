// A report the secretariat finds lacking ("mangelfull"): it asks the owner to supplement it, with
// what is missing; the owner sends the report again through a new link, and the secretariat reads
// the new version (the earlier ones are kept with the report). The secretariat may also withdraw a
// request it no longer needs answered. Every step is on the case's history.
import type { AuditEntry, ReportKind } from './model';

export const REPORT_SUPPLEMENT_REQUESTED = 'report-supplement-requested';
export const REPORT_SUPPLEMENTED = 'report-supplemented';
export const REPORT_SUPPLEMENT_WITHDRAWN = 'report-supplement-withdrawn';
const STEPS = [REPORT_SUPPLEMENT_REQUESTED, REPORT_SUPPLEMENTED, REPORT_SUPPLEMENT_WITHDRAWN];
type Step = (typeof STEPS)[number];

export interface SupplementRequest {
  at: string;
  kind: ReportKind;
  reason: string;
}

const kindOf = (e: AuditEntry): ReportKind | undefined => {
  const kind = e.details?.['kind'];
  return kind === 'status' || kind === 'final' ? kind : undefined;
};

const lastStep = (history: readonly AuditEntry[], kind: ReportKind) => history.findLast((e) => STEPS.includes(e.action) && kindOf(e) === kind);

/** The secretariat's request for more in this report that the owner has not answered nor the secretariat withdrawn (undefined: none open). */
export function openSupplementRequest(history: readonly AuditEntry[], kind: ReportKind): SupplementRequest | undefined {
  const last = lastStep(history, kind);
  return last?.action === REPORT_SUPPLEMENT_REQUESTED ? { at: last.at, kind, reason: String(last.details?.['reason'] ?? '') } : undefined;
}

/** The secretariat's withdrawal of its request for this report, when that is the report's last step: when, the request it withdrew, and whether the owner is told. */
export function lastWithdrawal(history: readonly AuditEntry[], kind: ReportKind): { at: string; request: SupplementRequest; tell: boolean } | undefined {
  const last = lastStep(history, kind);
  if (last?.action !== REPORT_SUPPLEMENT_WITHDRAWN) return undefined;
  const request = supplementStepAt(history, REPORT_SUPPLEMENT_REQUESTED, String(last.details?.['requestedAt'] ?? ''), kind);
  return request && { at: last.at, request, tell: last.details?.['tell'] === true };
}

/** The history entry of a supplement step recorded at `at` (the sweep's reminders are due at that instant), of this report if it is named. */
export function supplementStepAt(history: readonly AuditEntry[], action: Step, at: string, report?: ReportKind): SupplementRequest | undefined {
  const entry = history.find((e) => e.action === action && e.at === at && (!report || kindOf(e) === report));
  const kind = entry && kindOf(entry);
  return kind ? { at, kind, reason: String(entry.details?.['reason'] ?? '') } : undefined;
}
