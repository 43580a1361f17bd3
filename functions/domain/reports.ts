// A grant's reports: the status report six months in, the final report after the period.
import type { ReportKind } from './model';

/** What a grant last said about itself: its final report, else its status report. */
export function latestReport<R extends { kind: ReportKind }>(reports: readonly R[]): R | undefined {
  return reports.find((r) => r.kind === 'final') ?? reports.find((r) => r.kind === 'status');
}
