// The secretariat's half-yearly report on use and effect (what the committee reports to the
// strategic committee every half year): a period form (GET: it only reads), the grants of the
// period with their reported effect, and the same as a CSV file for Excel.
import * as z from 'zod/mini';
import { previousHalfYear, reportingPeriods } from '../domain/grant-period';
import type { halfYearReport } from '../use-cases/half-year-report';
import type { meetingsHeldBetween } from '../use-cases/meeting-minutes';
import { dateRangeInOrder, isoDateField, NORWEGIAN, toFieldErrors } from '../../schemas/fields.schema';
import { count, date, kroner } from './format';
import { errorSummary, FormState, type FormBody } from './forms';
import { grantStatusTable } from './grant-status-table';
import { html, type Html } from './html';
import { halfYearReportPath, minutesPath } from '../http/routes';
import { osloDateOf } from '../domain/oslo-time';

export type HalfYearReport = Awaited<ReturnType<typeof halfYearReport>> & { meetings: Awaited<ReturnType<typeof meetingsHeldBetween>> };

const query = z
  .strictObject({ fra: z.optional(isoDateField()), til: z.optional(isoDateField()), format: z.optional(z.enum(['csv'], { error: 'Velg csv eller ingen format.' })) }, NORWEGIAN)
  .check(dateRangeInOrder('fra', 'til'));

export interface HalfYearRequest {
  form: FormState;
  /** the period to report on; absent when the form has errors */
  period?: { from: string; to: string };
  csv: boolean;
  /** the day it is asked (Oslo), for the periods offered */
  today: string;
}

/** The query (?fra=…&til=…&format=csv); without dates, the last whole half-year before `today`. */
export function readHalfYearQuery(raw: Record<string, string>, today: string): HalfYearRequest {
  const parsed = query.safeParse(raw);
  if (!parsed.success) return { form: new FormState(raw as FormBody, toFieldErrors(parsed.error), 'halvar'), csv: false, today };
  const fallback = previousHalfYear(today);
  const period = { from: parsed.data.fra ?? fallback.from, to: parsed.data.til ?? fallback.to };
  return { form: new FormState({ fra: period.from, til: period.to }, {}, 'halvar'), period, csv: parsed.data.format === 'csv', today };
}

const PERIOD_LABELS = {
  'half-year': 'Forrige halvår',
  'year-to-date': 'Hittil i år (til oppfølgingsmøtet med RHF i november)',
  'last-year': 'Hele fjoråret (til årsrapporten)',
} as const;

/** One click to the periods the reports are made for; the one shown is not a link. */
function periodLinks(schemeId: string, request: HalfYearRequest): Html {
  return html`<nav class="period-links" aria-label="Vanlige perioder"><ul>${reportingPeriods(request.today).map((p) => {
    const label = `${PERIOD_LABELS[p.kind]}: ${date(p.from)}–${date(p.to)}`;
    const shown = request.period?.from === p.from && request.period.to === p.to;
    return html`<li>${shown ? html`<strong aria-current="page">${label}</strong>` : html`<a href=${halfYearReportPath(schemeId, p)}>${label}</a>`}</li>`;
  })}</ul></nav>`;
}

/** For the report to the regional health authority: the grants and the money by national guideline area. */
function areaTable(report: HalfYearReport): Html {
  return html`<div class="table-wrap" role="region" aria-label="Fordeling på nasjonale føringer" tabindex="0"><table>
<caption>Fordeling på nasjonale føringer. Et tilskudd som treffer flere områder, telles under hvert av dem.</caption>
<thead><tr><th scope="col">Område</th><th scope="col" class="num">Tilskudd i perioden</th><th scope="col" class="num">Nye tildelinger</th><th scope="col" class="num">Tildelt i perioden</th></tr></thead>
<tbody>${report.byGuidelineArea.map((a) => html`<tr><td>${a.label}</td><td class="num">${a.grants}</td><td class="num">${a.newGrants}</td><td class="num">${kroner(a.allocated)}</td></tr>`)}</tbody>
</table></div>`;
}

/** The committee's meetings in the period: what each decided, and whether its minutes are approved. */
function meetingTable(schemeId: string, report: HalfYearReport): Html {
  if (report.meetings.length === 0) return html`<h3>Møter i perioden</h3><p>${report.scheme.committee} holdt ingen møter i perioden.</p>`;
  return html`<div class="table-wrap" role="region" aria-label="Møter i perioden" tabindex="0"><table>
<caption>Møter i perioden og vedtakene i protokollene</caption>
<thead><tr><th scope="col">Møte</th><th scope="col" class="num">Innvilget</th><th scope="col" class="num">Tildelt</th><th scope="col" class="num">Avslått</th><th scope="col" class="num">Utsatt</th><th scope="col" class="num">Andre vedtak</th><th scope="col">Protokoll</th></tr></thead>
<tbody>${report.meetings.map((m) => {
    const others = m.totals.decisions - m.totals.approved - m.totals.rejected - m.totals.deferred;
    return html`<tr><td>${m.title} (${date(m.date)})</td><td class="num">${m.totals.approved}</td><td class="num">${kroner(m.totals.grantedAmount)}</td><td class="num">${m.totals.rejected}</td><td class="num">${m.totals.deferred}</td><td class="num">${others}</td><td><a href=${minutesPath(schemeId, m.id)} aria-label=${`Protokoll fra ${m.title}`}>Protokoll</a> (${m.approvedAt ? `godkjent ${date(osloDateOf(new Date(m.approvedAt)))}` : 'ikke godkjent'})</td></tr>`;
  })}</tbody>
</table></div>`;
}

/**
 * Which reports the amount spent is from: each grant's latest up to the period's end, which may
 * have come in an earlier period (beside "received in the period", a reader must see which).
 */
function spentSource(report: HalfYearReport): string {
  const { spentReportedGrants: n, spentReportedBeforePeriod: before } = report;
  if (n === 0) return 'ingen rapporter ved periodens slutt';
  const when = before === 0 ? 'i perioden' : before === n ? 'før perioden' : '';
  if (!when) return `siste rapport fra ${n} tilskudd, ${before} av dem sendt før perioden`;
  return `siste rapport fra ${n} tilskudd, ${n === 1 ? '' : 'alle '}sendt ${when}`;
}

/** An amount up to the period's end, split into what was decided in the period and before it. */
function inPeriodAndBefore(inPeriod: number, upToEnd: number, decided: string): string {
  const before = upToEnd - inPeriod;
  return `${kroner(inPeriod)} ${decided} i perioden${before > 0 ? `, ${kroner(before)} før perioden` : ''}`;
}

function reportSection(schemeId: string, report: HalfYearReport): Html {
  const csv = `${halfYearReportPath(schemeId, report)}&format=csv`;
  return html`<h2>${date(report.from)}–${date(report.to)}</h2>
<dl class="facts">
<dt>Tilskudd i perioden</dt><dd>${report.grants}</dd>
<dt>Nye tildelinger</dt><dd>${report.newGrants}</dd>
<dt>Tildelt i perioden</dt><dd>${kroner(report.allocated)}</dd>
<dt>Rapporter mottatt i perioden</dt><dd>${report.reportsReceived}${report.reportsSupplemented > 0 ? ` (${count(report.reportsSupplemented, 'rapport', 'rapporter')} utfylt på forespørsel i perioden)` : ''}</dd>
<dt>Brukt ifølge siste rapport</dt><dd>${kroner(report.spentReported)} (${spentSource(report)})</dd>
<dt>Utbetalt i perioden</dt><dd>${kroner(report.paidOut)}${report.payoutsPaid > 0 ? ` (${count(report.payoutsPaid, 'utbetaling', 'utbetalinger')})` : ''}</dd>
<dt>Krav om tilbakebetaling</dt><dd>${inPeriodAndBefore(report.repaymentClaimedInPeriod, report.repaymentClaimed, 'fremmet')}</dd>
<dt>Tilbakebetalt i perioden</dt><dd>${kroner(report.repaid)}</dd>
<dt>Omdisponert med godkjenning</dt><dd>${inPeriodAndBefore(report.reallocatedInPeriod, report.reallocated, 'godkjent')}</dd>
${report.revokedGrants > 0 ? html`<dt>Trukket tilbake før utbetaling</dt><dd>${report.revokedGrants} tilskudd, ${kroner(report.revokedAmount)} (ikke med i «Tildelt i perioden»)</dd>` : ''}
${report.scheme.reportTo ? html`<dt>Rapporteres til</dt><dd>${report.scheme.reportTo}</dd>` : ''}
</dl>
<p><a href=${csv} download>Last ned som CSV (åpnes i Excel)</a></p>
${meetingTable(schemeId, report)}
${report.rows.length === 0 ? '' : areaTable(report)}
${report.rows.length === 0
  ? html`<p>Ingen tilskudd ble tildelt, løp eller rapporterte i perioden.</p>`
  : grantStatusTable(report.rows, report, 'Tilskudd i perioden', 'Tilskudd tildelt i perioden, og eldre som løp eller rapporterte i den; eldste vedtak først. Status er slik den er nå; periode, rapporter og krav slik de sto ved periodens slutt.')}`;
}

export function halfYearPage(scheme: { id: string; name: string; committee: { shortName: string } }, request: HalfYearRequest, report?: HalfYearReport): { title: string; body: Html } {
  const title = `Halvårsrapport om bruk og effekt – ${scheme.name}`;
  const { form } = request;
  const fields = html`<form method="get" action=${halfYearReportPath(scheme.id)} aria-label="Periode for rapporten">
<div class="grid">
${form.input('fra', 'Fra og med', { type: 'date', className: 'short' })}
${form.input('til', 'Til og med', { type: 'date', className: 'short' })}
</div>
<button type="submit">Vis rapporten</button>
</form>
${periodLinks(scheme.id, request)}`;
  return {
    title,
    body: html`<p><a href="/sekretariat">Tilbake til møteplanen</a></p>
${errorSummary([form])}
<h1>${title}</h1>
<p class="lead">Tilskudd ${scheme.committee.shortName} har tildelt i perioden, og effekten prosjektene har rapportert. Uten valgt periode vises forrige hele halvår.</p>
${fields}
${report ? reportSection(scheme.id, report) : ''}`,
  };
}
