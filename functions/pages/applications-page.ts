// The secretariat's list of a scheme's applications in one status: what waits for the partners'
// signatures, for a meeting, for the project owner's answer, and what has been granted or closed.
// The status is chosen by links (GET only reads); a case on an agenda links to that agenda. The
// start page's lookup is here too: it finds a case by number or words across every status.
import type { ApplicationStatus } from '../domain/model';
import { ON_AGENDA, STATUS_LABELS_NB } from '../domain/status-transitions';
import type { listApplications } from '../use-cases/committee';
import { date, dateTime, kroner } from './format';
import { toCsv, type CsvColumns } from '../domain/csv';
import { html, type Html } from './html';
import { casePath } from '../http/routes';
import { agendaPath } from '../http/routes';
import { applicationsPath } from './secretariat-pages';
import { caseLookupForm } from './case-lookup';

export type ApplicationList = Awaited<ReturnType<typeof listApplications>>;

function statusPath(schemeId: string, status: ApplicationStatus): string {
  return `${applicationsPath(schemeId)}?status=${status}`;
}

const GROUPS: ReadonlyArray<readonly [string, readonly ApplicationStatus[]]> = [
  ['Under behandling', ['awaiting_cosignature', 'draft', 'submitted', 'scheduled', 'recommended', 'more_information_requested', 'deferred']],
  ['Tildelt', ['approved', 'payout_pending', 'active', 'status_report_received', 'final_report_received', 'repayment_claimed']],
  ['Avsluttet', ['rejected', 'withdrawn', 'closed', 'revoked']],
];

function statusChoice(schemeId: string, status: ApplicationStatus, selected: ApplicationStatus): Html {
  const label = STATUS_LABELS_NB[status];
  return status === selected
    ? html`<li><a href=${statusPath(schemeId, status)} aria-current="page"><strong>${label}</strong></a></li>`
    : html`<li><a href=${statusPath(schemeId, status)}>${label}</a></li>`;
}

type Row = ApplicationList[number];

/** The list as a spreadsheet, for the secretariat's own follow-up in Excel: a grant's amount, period and report deadlines too. */
const APPLICATION_CSV: CsvColumns<Row> = [
  ['Saksnummer', (a) => a.applicationId],
  ['Tittel', (a) => a.title],
  ['Status', (a) => a.statusLabel],
  ['Sendt inn', (a) => a.submittedAt?.slice(0, 10)],
  ['Omsøkt beløp (kr)', (a) => a.requestedAmount],
  ['Møte', (a) => a.meetingId],
  ['Tildelt beløp (kr)', (a) => a.allocation?.amount],
  ['Periode fra', (a) => a.allocation?.periodStart],
  ['Periode til', (a) => a.allocation?.periodEnd],
  ['Frist statusrapport', (a) => a.allocation?.statusReportDue],
  ['Frist sluttrapport', (a) => a.allocation?.finalReportDue],
];

/** Oldest submission first, as on the page. */
const bySubmission = (list: ApplicationList): Row[] => [...list].sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));

export function applicationsCsvFile(schemeId: string, status: ApplicationStatus, list: ApplicationList, today: string): { filename: string; body: string } {
  return { filename: `soknader-${schemeId}-${status}-${today}.csv`, body: toCsv(APPLICATION_CSV, bySubmission(list)) };
}

export function applicationsPage(scheme: { id: string; name: string }, status: ApplicationStatus, list: ApplicationList): { title: string; body: Html } {
  const title = `Søknader – ${scheme.name}`;
  const rows = bySubmission(list);
  const meeting = (a: ApplicationList[number]) =>
    a.meetingId && ON_AGENDA.includes(a.status) ? html`<a href=${`${agendaPath(scheme.id, a.meetingId)}#sak-${a.applicationId}`}>Sakslisten ${date(a.meetingId)}</a>` : '–';
  return {
    title,
    body: html`<p><a href="/sekretariat">Tilbake til møteplanen</a></p>
<h1>${title}</h1>
${caseLookupForm()}
<nav aria-label="Velg status" class="status-filter">
${GROUPS.map(([group, statuses]) => html`<p><strong>${group}:</strong></p><ul>${statuses.map((s) => statusChoice(scheme.id, s, status))}</ul>`)}
</nav>
<h2>${STATUS_LABELS_NB[status]} (${rows.length})</h2>
${rows.length === 0
  ? html`<p>Ingen søknader har denne statusen.</p>`
  : html`<p><a href=${`${statusPath(scheme.id, status)}&format=csv`} download>Last ned listen som CSV (åpnes i Excel)</a></p>
<div class="table-wrap" role="region" aria-label=${`Søknader: ${STATUS_LABELS_NB[status]}`} tabindex="0"><table>
<caption>${STATUS_LABELS_NB[status]}, eldste innsending først</caption>
<thead><tr><th scope="col">Søknad</th><th scope="col">Sendt inn</th><th scope="col" class="num">Omsøkt beløp</th><th scope="col">Møte</th><th scope="col">Saksnummer</th></tr></thead>
<tbody>${rows.map(
    (a) => html`<tr><td><a href=${casePath(a.applicationId)}>${a.title}</a></td><td>${a.submittedAt ? dateTime(a.submittedAt) : '–'}</td><td class="num">${kroner(a.requestedAmount)}</td><td>${meeting(a)}</td><td>${a.applicationId}</td></tr>`,
  )}</tbody>
</table></div>`}`,
  };
}
