// A report the secretariat finds lacking ("mangelfull"): it asks the owner to supplement it, with
// what is missing; the owner sends the report again through a new link, and the secretariat reads
// the new version (the earlier ones are kept with the report). Both steps are on the case's history.
import type { AuditEntry, ReportKind } from './model';

export const REPORT_SUPPLEMENT_REQUESTED = 'report-supplement-requested';
export const REPORT_SUPPLEMENTED = 'report-supplemented';

export interface SupplementRequest {
  at: string;
  kind: ReportKind;
  reason: string;
}

const kindOf = (e: AuditEntry): ReportKind | undefined => {
  const kind = e.details?.['kind'];
  return kind === 'status' || kind === 'final' ? kind : undefined;
};

/** The secretariat's request for more in this report that the owner has not answered (undefined: none open). */
export function openSupplementRequest(history: readonly AuditEntry[], kind: ReportKind): SupplementRequest | undefined {
  const last = history.findLast((e) => (e.action === REPORT_SUPPLEMENT_REQUESTED || e.action === REPORT_SUPPLEMENTED) && kindOf(e) === kind);
  return last?.action === REPORT_SUPPLEMENT_REQUESTED ? { at: last.at, kind, reason: String(last.details?.['reason'] ?? '') } : undefined;
}

/** The history entry of a supplement step recorded at `at` (the sweep's reminders are due at that instant), of this report if it is named. */
export function supplementStepAt(history: readonly AuditEntry[], action: typeof REPORT_SUPPLEMENT_REQUESTED | typeof REPORT_SUPPLEMENTED, at: string, report?: ReportKind): SupplementRequest | undefined {
  const entry = history.find((e) => e.action === action && e.at === at && (!report || kindOf(e) === report));
  const kind = entry && kindOf(entry);
  return kind ? { at, kind, reason: String(entry.details?.['reason'] ?? '') } : undefined;
}
