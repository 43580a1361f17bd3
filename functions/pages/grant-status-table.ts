// The grants with their status and what their reports say: the half-year report's table, and the
// status of Innlandet's action part on each meeting's agenda.
import { casePath } from '../http/routes';
import type { HalfYearRow } from '../use-cases/half-year-report';
import { date, kroner } from './format';
import { html, type Html } from './html';

export function grantStatusTable(rows: readonly HalfYearRow[], label: string, caption: string): Html {
  return html`<div class="table-wrap" role="region" aria-label=${label} tabindex="0"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Nasjonale føringer</th><th scope="col">Status nå</th><th scope="col" class="num">Tildelt</th><th scope="col">Periode</th><th scope="col">Vedtak</th><th scope="col">Statusrapport</th><th scope="col">Sluttrapport</th><th scope="col" class="num">Brukt ifølge rapport</th><th scope="col">Rapportert effekt</th><th scope="col" class="num">Krav om tilbakebetaling</th></tr></thead>
<tbody>${rows.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${r.guidelineAreas}</td><td>${r.status}${r.revokedOn ? ` ${date(r.revokedOn)}` : ''}</td><td class="num">${kroner(r.amount)}</td><td>${date(r.periodStart)}–${date(r.periodEnd)}</td><td>${date(r.decidedAt)}${r.newInPeriod === 'nei' ? ' (tidligere)' : ''}</td><td>${r.statusReport ? date(r.statusReport) : 'Ikke levert'}</td><td>${r.finalReport ? date(r.finalReport) : 'Ikke levert'}</td><td class="num">${r.spentAmount === '' ? '–' : kroner(r.spentAmount)}</td><td class="long-text">${r.effect}</td><td class="num">${kroner(r.repaymentClaimed)}</td></tr>`,
  )}</tbody>
</table></div>`;
}
