// The status report (6 months after allocation) and the final report, through the owner's report link.
import type { getReportForm } from '../use-cases/reports';
import { date, dateTime, kroner, REPORT_KIND_LABELS } from './format';
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';
import { reportFacts } from './project-description';
import { requestTextLimits } from '../../schemas/request-limits';

export type ReportView = Awaited<ReturnType<typeof getReportForm>>;

export function reportPath(linkId: string): string {
  return `/rapport/${encodeURIComponent(linkId)}`;
}

export interface ReportFormState {
  values: FormBody;
  errors: FieldErrors;
  problem?: string;
}

/** The report form's typed fields, named as the form asks for them whichever report it is (a post through a dead link shows them to copy). */
export const REPORT_LABELS = { progress: 'Hva er gjort', effect: 'Hvilken effekt prosjektet har', spentAmount: 'Brukt av tilskuddet hittil (kr)', lessonsLearned: 'Erfaringer og læring', deviations: 'Avvik fra planen' } as const;
/** The request for a later deadline's typed fields (as REPORT_LABELS). */
export const DEADLINE_REQUEST_LABELS = { dueDate: 'Utsatt frist, ønsket dato', reason: 'Utsatt frist, begrunnelse' } as const;

export function deadlineRequestPath(linkId: string): string {
  return `${reportPath(linkId)}/utsatt-frist`;
}

/**
 * More time for the report: the owner's request, or the one already sent (the secretariat answers by
 * moving the deadline, which the owner is told of by e-mail).
 */
function deadlineRequest(view: ReportView, linkId: string, state: FormState): Html {
  if (view.deadlineRequest) {
    return html`<p class="hint">Du ba ${date(view.deadlineRequest.requestedOn)} om utsatt frist til ${date(view.deadlineRequest.dueDate)}. Sekretariatet gir deg svar på e-post.</p>`;
  }
  const declined = view.deadlineDeclined;
  return html`${declined ? html`<p class="notice">Du ba om utsatt frist til ${date(declined.dueDate)}. Sekretariatet svarte ${date(declined.answeredOn)} at komiteen ikke kan gi utsatt frist: ${declined.reason}</p>
` : ''}<details class="deadline-request"${state.hasErrors() ? html` open` : ''}><summary>Trenger prosjektet mer tid? Be om utsatt frist</summary>
<form method="post" action=${deadlineRequestPath(linkId)} novalidate aria-label="Be om utsatt frist">
<p class="hint">Sekretariatet legger forespørselen fram for komiteen og gir deg svar på e-post. Spørsmål kan du sende til <a href=${`mailto:${view.secretariatEmail}`}>${view.secretariatEmail}</a> (oppgi saksnummeret ${view.applicationId}). Skriv ikke helseopplysninger i begrunnelsen.</p>
${state.input('dueDate', 'Ønsket frist', { type: 'date', context: 'Utsatt frist' })}
${state.textarea('reason', 'Hvorfor trenger prosjektet mer tid?', { rows: 3, context: 'Utsatt frist' })}
<button type="submit" class="secondary">Send forespørselen</button>
</form>
</details>`;
}

export function reportPage(view: ReportView, linkId: string, form?: ReportFormState, notice?: Html | string, requestForm?: ReportFormState): { title: string; body: Html } {
  const kind = REPORT_KIND_LABELS[view.kind] ?? 'Rapport';
  // Asked to fill in a report sent before: the form starts from what was sent.
  const asked = view.supplementRequest;
  const sent: FormBody = asked && view.report ? {
    progress: view.report.progress, effect: view.report.effect, spentAmount: String(view.report.spentAmount),
    ...(view.report.lessonsLearned ? { lessonsLearned: view.report.lessonsLearned } : {}), ...(view.report.deviations ? { deviations: view.report.deviations } : {}),
  } : {};
  const state = new FormState(form?.values ?? sent, form?.errors ?? {}, 'rapport', requestTextLimits('report'));
  const requestState = new FormState(requestForm?.values ?? {}, requestForm?.errors ?? {}, 'utsettelse', requestTextLimits('deadlineRequest'));
  const title = `${kind}: ${view.title}`;
  const allocation = view.allocation;
  const formHtml = view.open
    ? html`${asked ? html`<div class="notice"><p>Sekretariatet ba ${date(asked.requestedOn)} om at dere fyller ut ${kind.toLowerCase()}en dere sendte ${view.submittedAt ? dateTime(view.submittedAt) : ''}:</p><p class="long-text">${asked.reason}</p><p>Skjemaet under viser rapporten slik dere sendte den. Endre eller utdyp det som trengs, og send den på nytt.</p></div>
` : ''}<form method="post" action=${reportPath(linkId)} novalidate>
${state.textarea('progress', view.kind === 'status' ? 'Hva er gjort så langt?' : 'Hva er gjort i prosjektet?', { rows: 6 })}
${state.textarea('effect', view.kind === 'status' ? 'Hvilken effekt ser dere så langt?' : 'Hvilken effekt har prosjektet hatt?', { rows: 6 })}
${state.amount('spentAmount', 'Brukt av tilskuddet hittil (kr)', { hint: 'Hele kroner' })}
${state.textarea('lessonsLearned', 'Erfaringer og læring (valgfritt)', { rows: 4 })}
${state.textarea('deviations', 'Avvik fra planen (valgfritt)', { hint: 'For eksempel forsinkelser, endret budsjett eller endrede samarbeidsparter.', rows: 4 })}
<button type="submit">${asked ? `Send utfylt ${kind.toLowerCase()}` : `Send inn ${kind.toLowerCase()}`}</button>
</form>`
    : view.submittedAt
      ? html`<div class="notice success"><p>${kind} ble sendt inn ${dateTime(view.submittedAt)}.</p></div>
${view.report ? html`<h2>Det dere rapporterte</h2>${reportFacts(view.report)}` : ''}`
      : view.opensOn
        ? html`<div class="notice"><p>${kind} kan sendes fra ${date(view.opensOn)}, når tilskuddsperioden er over. Vi sender deg en påminnelse før fristen.</p></div>`
        : view.waitsForStatusReport
          ? html`<div class="notice"><p>${kind} kan sendes når statusrapporten er sendt${allocation ? ` (frist ${date(allocation.statusReportDue)})` : ''}. Lenken til statusrapporten står i vedtaksbrevet og på siden for søknaden.</p></div>`
          : view.notOwed
            ? html`<div class="notice"><p>${kind} skal ikke leveres: tilskuddet er avsluttet.</p></div>`
            : html`<div class="notice warning"><p>${kind} kan ikke sendes inn nå. Ta kontakt med sekretariatet hvis du mener dette er feil.</p></div>`;
  // Writing the final report: the status report it follows, to build on.
  const earlier = view.statusReport && !view.submittedAt
    ? html`<details class="earlier-report"><summary>Statusrapporten dere sendte ${dateTime(view.statusReport.submittedAt)}</summary>${reportFacts(view.statusReport)}</details>`
    : '';
  const moreTime = view.mayRequestDeadline ? deadlineRequest(view, linkId, requestState) : '';
  const problems = [form?.problem, requestForm?.problem].filter((x): x is string => !!x);
  const summary = errorSummary([state, requestState], problems);
  return {
    title: state.hasErrors() || requestState.hasErrors() || problems.length ? `Feil: ${title}` : title,
    body: html`${summary}<h1>${title}</h1>
${notice ?? ''}
<dl class="facts">
${view.notOwed ? '' : html`<dt>Frist</dt><dd>${date(view.dueDate)}${view.deadlineMoved ? ` (utsatt fra ${date(view.deadlineMoved.from)})` : ''}${view.overdue ? ': fristen er passert, send rapporten så snart som mulig' : ''}</dd>`}
${allocation ? html`<dt>Tildelt</dt><dd>${kroner(allocation.amount)}</dd><dt>Periode</dt><dd>${date(allocation.periodStart)}–${date(allocation.periodEnd)}</dd>` : ''}
</dl>
${moreTime}
${earlier}
${formHtml}`,
  };
}

export const REPORT_NOTICES: Record<string, string> = {
  mottatt: 'Takk! Rapporten er mottatt. Du får en kvittering på e-post i løpet av et kvarter.',
  utfylt: 'Takk! Den utfylte rapporten er mottatt, og sekretariatet får beskjed.',
  utsettelse: 'Forespørselen om utsatt frist er sendt til sekretariatet. Du får svar på e-post. Fristen står til du får beskjed om en ny.',
};
