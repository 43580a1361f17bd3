// Finance: payouts by project number and state, with forms to register an invoice and mark paid.
import { toCsv, type CsvColumns } from '../domain/csv';
import { PAYOUT_STATES, type PayoutRecord, type PayoutState } from '../domain/model';
import { osloDateOf } from '../domain/oslo-time';
import { isRepaymentPayout } from '../domain/payout';
import { andList } from '../domain/norwegian-list';
import { payoutsPath } from '../http/routes';
import { CSRF_FIELD } from './csrf';
import { count, dateTime, dayOf, kroner, payoutModeLabel, payoutStateFilterLabel, payoutStateLabel } from './format';
import { errorSummary, FormState, hidden, type FieldErrors, type FormBody } from './forms';
import { attrs, html, type Html } from './html';

export interface FinanceFilter {
  projectNumber: string;
  state?: PayoutState | undefined;
}

export interface FinanceView {
  filter: FinanceFilter;
  /** the choices: each scheme's current project number, and those it had before (`former`) */
  projectNumbers: ReadonlyArray<{ projectNumber: string; schemeName: string; former?: boolean }>;
  /** the project numbers the list read besides the one chosen: the scheme's former ones, when its current one is chosen */
  formerListed?: readonly string[];
  payouts: readonly PayoutRecord[];
  /** each case's project title, by case number (a case not found shows its number alone) */
  titles?: ReadonlyMap<string, string>;
  csrf: string;
  failed?: { payoutId: string; values: FormBody; errors: FieldErrors; problem?: string };
  notice?: Html | string;
}

export function financePath(filter: FinanceFilter): string {
  return payoutsPath(filter.projectNumber, filter.state);
}

/** The filter from the page's query (?prosjektnummer=…&status=…); unknown states mean all. */
export function financeFilter(query: Record<string, string | undefined>, defaultProjectNumber: string): FinanceFilter {
  const projectNumber = (query.prosjektnummer ?? '').trim().slice(0, 50) || defaultProjectNumber;
  const state = PAYOUT_STATES.find((s) => s === query.status);
  return { projectNumber, ...(state ? { state } : {}) };
}

/** A return path inside the finance page only (never another site or page). */
export function financeReturnPath(value: string | undefined, fallback: FinanceFilter): FinanceFilter {
  if (!value || !value.startsWith('/okonomi')) return fallback;
  try {
    const url = new URL(value, 'http://lokal.invalid');
    if (url.origin !== 'http://lokal.invalid' || url.pathname !== '/okonomi') return fallback;
    return financeFilter(Object.fromEntries(url.searchParams), fallback.projectNumber);
  } catch {
    return fallback;
  }
}

function actions(payout: PayoutRecord, view: FinanceView, states: FormState[]): Html {
  const back = financePath(view.filter);
  const failed = view.failed?.payoutId === payout.id ? view.failed : undefined;
  const path = (suffix: string) => `/okonomi/utbetalinger/${encodeURIComponent(payout.id)}/${suffix}`;
  const problem = failed?.problem ? html`<p class="error-message" role="alert">${failed.problem}</p>` : '';
  if (payout.state === 'awaiting_invoice') {
    const form = new FormState(failed?.values ?? {}, failed?.errors ?? {}, `faktura-${payout.id}`);
    states.push(form);
    return html`${problem}<form method="post" action=${path('faktura')} novalidate>
${hidden(CSRF_FIELD, view.csrf)}${hidden('tilbake', back)}
${form.input('invoiceNumber', 'Fakturanummer', { className: 'short', context: `${payout.payee}`, autocomplete: 'off' })}
<button type="submit">Registrer faktura</button>
</form>`;
  }
  if (payout.state === 'pending' || payout.state === 'invoiced' || payout.state === 'repayment_claimed') {
    const label = payout.state === 'repayment_claimed' ? 'Registrer som tilbakebetalt' : payout.state === 'pending' ? 'Marker som kostnadsført og betalt' : 'Marker som betalt';
    return html`${problem}<form method="post" action=${path('betalt')}>
${hidden(CSRF_FIELD, view.csrf)}${hidden('tilbake', back)}
<button type="submit" aria-label=${`${label}: ${payout.payee}, ${kroner(payout.amount)}`}>${label}</button>
</form>`;
  }
  return html`${problem}`;
}

/**
 * How many payouts and repayment claims: '2 utbetalinger og 1 krav om tilbakebetaling'. In the
 * sums, where the state already says it is a claim, `claim` is the short 'krav' ('1 krav', '2 krav').
 */
function inNumbers(payouts: readonly PayoutRecord[], claim = 'krav om tilbakebetaling'): string {
  const claims = payouts.filter(isRepaymentPayout).length;
  const grants = payouts.length - claims;
  return [grants > 0 || claims === 0 ? count(grants, 'utbetaling', 'utbetalinger') : '', claims > 0 ? `${claims} ${claim}` : ''].filter(Boolean).join(' og ');
}

/** The list in sum, per state in the order payouts go through them, a cost booking done apart from a payout paid (a repayment claim counts as a negative amount). */
function totalsByState(payouts: FinanceView['payouts']): Html {
  const groups = new Map<string, PayoutRecord[]>();
  for (const state of PAYOUT_STATES) {
    for (const p of payouts.filter((q) => q.state === state)) groups.set(payoutStateLabel(p), [...(groups.get(payoutStateLabel(p)) ?? []), p]);
  }
  return html`<dl class="facts">${[...groups].map(
    ([label, list]) => html`<dt>${label}</dt><dd>${kroner(list.reduce((sum, p) => sum + p.amount, 0))} (${inNumbers(list, 'krav')})</dd>`,
  )}</dl>`;
}

/** The day the payout reached its state, where it has one (as the CSV's dates); the case page's payouts show it too. */
export function payoutStateDay(p: PayoutRecord): Html | '' {
  const at = p.state === 'paid' || p.state === 'repaid' ? p.paidAt : p.state === 'cancelled' ? p.cancelledAt : undefined;
  return at ? html`<span class="hint">${dayOf(at)}</span>` : '';
}

export function financePage(view: FinanceView): { title: string; body: Html } {
  const title = 'Økonomi: utbetalinger';
  const known = view.projectNumbers.some((p) => p.projectNumber === view.filter.projectNumber);
  const options = [...view.projectNumbers, ...(known ? [] : [{ projectNumber: view.filter.projectNumber, schemeName: 'ukjent prosjektnummer' }])];
  const states: FormState[] = [];
  const rows = view.payouts.map(
    (p) => html`<tr id=${`utbetaling-${p.id.replace(/[^A-Za-z0-9_-]+/g, '-')}`}>
<td>${view.titles?.get(p.applicationId) ?? ''}<span class="hint">saksnr. ${p.applicationId}</span>${p.projectNumber === view.filter.projectNumber ? '' : html`<span class="hint">prosjektnr. ${p.projectNumber}</span>`}</td>
<td>${p.payee}${p.payeeOrganisationNumber ? html`<span class="hint">org.nr. ${p.payeeOrganisationNumber}</span>` : ''}</td><td class="num">${kroner(p.amount)}</td><td>${payoutModeLabel(p)}</td><td>${payoutStateLabel(p)}${payoutStateDay(p)}</td>
<td>${dateTime(p.createdAt)}</td><td>${p.invoiceNumber ?? ''}${p.invoicedAt ? html`<span class="hint">registrert ${dayOf(p.invoicedAt)}</span>` : ''}</td><td>${actions(p, view, states)}</td></tr>`,
  );
  const unplaced = view.failed && !view.payouts.some((p) => p.id === view.failed?.payoutId) ? view.failed.problem : undefined;
  const summary = errorSummary(states, unplaced ? [unplaced] : []);
  const hasErrors = states.some((s) => s.hasErrors()) || !!view.failed?.problem;
  return {
    title: hasErrors ? `Feil: ${title}` : title,
    body: html`${summary}<h1>${title}</h1>
${view.notice ?? ''}
<p>Utbetalinger bestilles når komiteen innvilger et tilskudd: kostnadsføring på prosjektnummeret når prosjektansvarlig er en enhet i helseforetaket, ellers faktura merket med prosjektnummeret.</p>
<form method="get" action="/okonomi" class="filter">
<div class="grid">
<div class="field"><label for="prosjektnummer">Prosjektnummer</label>
<select id="prosjektnummer" name="prosjektnummer">${options.map(
      (o) => html`<option${attrs({ value: o.projectNumber, selected: o.projectNumber === view.filter.projectNumber })}>${o.projectNumber} (${o.schemeName}${o.former ? ', tidligere prosjektnummer' : ''})</option>`,
    )}</select></div>
<div class="field"><label for="status">Status</label>
<select id="status" name="status"><option value="">Alle</option>${PAYOUT_STATES.map(
      (s) => html`<option${attrs({ value: s, selected: s === view.filter.state })}>${payoutStateFilterLabel(s)}</option>`,
    )}</select></div>
</div>
<button type="submit" class="secondary">Vis utbetalinger</button>
</form>
<h2>Utbetalinger på ${view.filter.projectNumber}${view.formerListed?.length ? ` og tidligere prosjektnummer ${andList(view.formerListed)}` : ''}${view.filter.state ? ` – ${payoutStateFilterLabel(view.filter.state).toLowerCase()}` : ''}</h2>
${view.payouts.length === 0
  ? html`<p>Ingen utbetalinger.</p>`
  : html`<p><a href=${`${financePath(view.filter)}&format=csv`} download>Last ned listen som CSV (åpnes i Excel)</a></p>
${totalsByState(view.payouts)}
<div class="table-wrap" role="region" aria-label="Utbetalinger" tabindex="0"><table>
<caption>${inNumbers(view.payouts)}</caption>
<thead><tr><th scope="col">Sak</th><th scope="col">Mottaker</th><th scope="col" class="num">Beløp</th><th scope="col">Måte</th><th scope="col">Status</th><th scope="col">Bestilt</th><th scope="col">Faktura</th><th scope="col">Handling</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`}`,
  };
}

const onOsloDate = (iso: string | undefined) => (iso ? osloDateOf(new Date(iso)) : undefined);

type PayoutRow = PayoutRecord & { title: string | undefined };

const PAYOUT_CSV: CsvColumns<PayoutRow> = [
  ['Saksnummer', (p) => p.applicationId],
  ['Tittel', (p) => p.title],
  ['Utbetaling', (p) => p.id],
  ['Prosjektnummer', (p) => p.projectNumber],
  ['Mottaker', (p) => p.payee],
  ['Mottakers org.nr.', (p) => p.payeeOrganisationNumber],
  ['Beløp (kr)', (p) => p.amount],
  ['Måte', (p) => payoutModeLabel(p)],
  ['Status', (p) => payoutStateLabel(p)],
  ['Bestilt', (p) => onOsloDate(p.createdAt)],
  ['Fakturanummer', (p) => p.invoiceNumber],
  ['Faktura registrert', (p) => onOsloDate(p.invoicedAt)],
  ['Betalt', (p) => onOsloDate(p.paidAt)],
  ['Annullert', (p) => onOsloDate(p.cancelledAt)],
];

/** The list as shown, for the accounts: a CSV download (a repayment claim is a negative amount). */
export function financeCsvFile(filter: FinanceFilter, payouts: readonly PayoutRecord[], titles: ReadonlyMap<string, string>, today: string): { filename: string; body: string } {
  const name = [filter.projectNumber, filter.state].filter(Boolean).join('-').replace(/[^A-Za-z0-9_-]+/g, '-');
  return { filename: `utbetalinger-${name}-${today}.csv`, body: toCsv(PAYOUT_CSV, payouts.map((p) => ({ ...p, title: titles.get(p.applicationId) }))) };
}

export const FINANCE_NOTICES: Record<string, string> = {
  faktura: 'Fakturaen er registrert.',
  betalt: 'Utbetalingen er registrert som betalt.',
  kostnadsfort: 'Utbetalingen er registrert som kostnadsført.',
  tilbakebetalt: 'Kravet om tilbakebetaling er registrert som betalt tilbake.',
};

/** The notice after "betalt": in the words of the button pressed (a cost booking, or a claim repaid, is no payout paid). */
export function paidNotice(p: Pick<PayoutRecord, 'state' | 'mode'>): string {
  if (p.state === 'repaid') return 'tilbakebetalt';
  return p.mode === 'cost_booking' ? 'kostnadsfort' : 'betalt';
}
