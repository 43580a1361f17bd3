// The grants with their status and what their reports say: the half-year report's table, and the
// status of Innlandet's action part on each meeting's agenda.
import { casePath } from '../http/routes';
import type { HalfYearRow } from '../use-cases/half-year-report';
import { date, kroner } from './format';
import { html, type Html } from './html';

/** The figures are as they stood at the period's end: a day before the period is marked as such. */
function dayIn(day: string, period: { from: string }): string {
  return `${date(day)}${day < period.from ? ' (før perioden)' : ''}`;
}

/** What the grant spent, and the report that says so (it may be one from before the period). */
function spentCell(r: HalfYearRow): Html {
  if (r.spentAmount === '') return html`<td class="num">–</td>`;
  const supplemented = r.latestReportSupplementedOn ? `, utfylt ${date(r.latestReportSupplementedOn)}` : '';
  return html`<td class="num">${kroner(r.spentAmount)}<br><span class="muted">${r.latestReport} ${date(r.latestReportOn)}${supplemented}</span></td>`;
}

/** A report not in by the period's end: overdue then, or not yet due (its deadline as it stood). */
function notIn(due: string, period: { to: string }): string {
  return due <= period.to ? `Ikke levert (frist ${date(due)})` : `Frist ${date(due)}`;
}

function claimCell(r: HalfYearRow, period: { from: string }): Html {
  if (!r.repaymentClaimedOn) return html`<td class="num">${kroner(r.repaymentClaimed)}</td>`;
  return html`<td class="num">${kroner(r.repaymentClaimed)}<br><span class="muted">fremmet ${dayIn(r.repaymentClaimedOn, period)}</span></td>`;
}

export function grantStatusTable(rows: readonly HalfYearRow[], period: { from: string; to: string }, label: string, caption: string): Html {
  return html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Nasjonale føringer</th><th scope="col">Status nå</th><th scope="col" class="num">Tildelt</th><th scope="col">Periode</th><th scope="col">Vedtak</th><th scope="col">Statusrapport</th><th scope="col">Sluttrapport</th><th scope="col" class="num">Brukt ifølge siste rapport</th><th scope="col">Effekt ifølge siste rapport</th><th scope="col" class="num">Krav om tilbakebetaling</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${r.guidelineAreas}</td><td>${r.status}${r.revokedOn ? ` ${date(r.revokedOn)}` : ''}</td><td class="num">${kroner(r.amount)}</td><td>${date(r.periodStart)}–${date(r.periodEnd)}</td><td>${dayIn(r.decidedAt, period)}</td><td>${r.statusReport ? dayIn(r.statusReport, period) : notIn(r.statusReportDue, period)}</td><td>${r.finalReport ? dayIn(r.finalReport, period) : notIn(r.finalReportDue, period)}</td>${spentCell(r)}<td class="long-text">${r.effect}</td>${claimCell(r, period)}</tr>`,
  )}</tbody>
</table></div>`;
}
