// The project owner's pages (through the owner's link): the receipt after submitting, and the
// status page with withdrawal, revision and reallocation, and the application as it was sent.
import type { getOwnerView } from '../use-cases/owner-view';
import type { SentBack } from '../domain/partner-answers';
import type { getOwnerPage } from '../use-cases/page-views';
import { ACTIVE_GRANT_STATUSES, ON_AGENDA, REALLOCATABLE, REVISABLE, TERMINAL_STATUSES, WITHDRAWABLE } from '../domain/status-transitions';
import { grantConditions } from '../domain/grant-conditions';
import { date, dateTime, dayOf, kroner, movedFrom, REALLOCATION_STATE_LABELS, REPORT_KIND_LABELS } from './format';
import { historyTable, projectDescription } from './project-description';
import { reportPath } from './report-page';
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';
import { requestTextLimits } from '../../schemas/request-limits';

export type OwnerView = Awaited<ReturnType<typeof getOwnerView>>;
export type OwnerPageView = Awaited<ReturnType<typeof getOwnerPage>>;

export function ownerPath(linkId: string, suffix = ''): string {
  return `/soknad/${encodeURIComponent(linkId)}${suffix}`;
}

export function receiptPage(view: OwnerView, linkId: string, statusUrl: string, sentBefore = false): { title: string; body: Html } {
  const title = sentBefore ? 'Søknaden var allerede sendt inn' : 'Søknaden er sendt inn';
  return {
    title,
    body: html`<h1>${title}</h1>
${sentBefore
  ? html`<div class="notice" role="status"><p>Søknaden <strong>«${view.title}»</strong> med nøyaktig det samme innholdet ble sendt inn ${dateTime(view.submittedAt)}. Det er ikke laget en ny sak: under står den du sendte. Vil du endre noe, gjør du det fra lenken til søknaden.</p></div>`
  : html`<div class="notice success" role="status"><p>Vi har mottatt søknaden <strong>«${view.title}»</strong>.</p></div>`}
<dl class="facts">
<dt>Saksnummer</dt><dd>${view.applicationId}</dd>
<dt>Status</dt><dd><span class="status">${view.statusLabel}</span></dd>
<dt>Sendt inn</dt><dd>${dateTime(view.submittedAt)}</dd>
</dl>
<h2>Lenken til søknaden</h2>
<p>Her følger du søknaden, kan trekke den og sende inn en revidert versjon. Ta vare på lenken: den er personlig og gir tilgang til søknaden. Vi har også sendt den til prosjektansvarliges e-post.</p>
<p><a id="statuslenke" href=${ownerPath(linkId)}>${statusUrl}</a></p>
<h2>Hva skjer nå?</h2>
<ol>
<li>Hver part får en e-post med lenke for å signere søknaden.</li>
<li>Når alle har signert, settes søknaden opp til det neste møtet med åpen søknadsfrist.${view.nextMeeting ? ` ${inReach(view.status, view.nextMeeting)}` : ''}</li>
<li>Avslår en samarbeidspart, kommer søknaden tilbake til deg for revisjon.</li>
</ol>
<p>Ser du en feil, for eksempel i en samarbeidsparts e-postadresse? Du kan endre søknaden fra lenken over til alle har signert. Da må alle partene signere den nye versjonen.</p>`,
  };
}

export interface OwnerForms {
  withdraw?: { values: FormBody; errors: FieldErrors };
  reallocation?: { values: FormBody; errors: FieldErrors };
  message?: { values: FormBody; errors: FieldErrors };
  period?: { values: FormBody; errors: FieldErrors };
  signing?: { values: FormBody; errors: FieldErrors };
  /** a refusal that is not about a field (409 and the like) */
  problem?: string;
  /** a fixed confirmation after a redirect */
  notice?: Html | string;
}

/** Each status-page form's typed fields, each named with its form (a post through a dead link shows them to copy). */
export const OWNER_FORM_LABELS = {
  withdraw: { reason: 'Trekk søknaden, begrunnelse' },
  reallocation: { description: 'Omdisponering, beskrivelse', amount: 'Omdisponering, beløp' },
  message: { message: 'Melding til sekretariatet' },
  period: { periodStart: 'Ny periode, startdato', periodEnd: 'Ny periode, sluttdato', reason: 'Ny periode, begrunnelse' },
  // The partner to send the link to again: a hidden field, nothing typed.
  signing: {},
} as const satisfies Record<Exclude<keyof OwnerForms, 'problem' | 'notice'>, Record<string, string>>;

const SIGNATURE_LABELS: Record<string, string> = { signed: 'Signert', declined: 'Avslått' };

/** Where the grant's money is, in the owner's words: what to do (send the invoice) or what has happened. */
export function payoutText(p: NonNullable<OwnerView['payout']>): string {
  const project = `prosjektnummer ${p.projectNumber}`;
  switch (p.state) {
    case 'awaiting_invoice':
      return `Venter på faktura. Send faktura til ${p.invoiceTo?.name ?? 'helseforetaket'}${p.invoiceTo ? ` (org.nr. ${p.invoiceTo.organisationNumber})` : ''} på ${kroner(p.amount)}, merket med ${project}.`;
    case 'invoiced':
      return `Fakturaen${p.invoiceNumber ? ` (${p.invoiceNumber})` : ''} er mottatt${p.invoicedOn ? ` ${date(p.invoicedOn)}` : ''} og venter på utbetaling.`;
    case 'pending':
      return `Kostnadene føres på ${project}; de er ikke bokført ennå.`;
    case 'paid':
      return p.mode === 'cost_booking' ? `Kostnadsført på ${project}${p.paidOn ? ` ${date(p.paidOn)}` : ''}.` : `Utbetalt${p.paidOn ? ` ${date(p.paidOn)}` : ''}.`;
    default:
      return 'Annullert.';
  }
}

/** A claim for repayment: how much, what it does to the grant, and how to pay it back (as the claim's letter says) until finance has it. */
function repaymentText(c: NonNullable<OwnerView['repaymentClaim']>): string {
  const effect = c.effect === 'runs-on' ? '; resten av tilskuddet løper videre' : c.effect === 'ends' ? '; tilskuddet er avsluttet' : '';
  const payment = c.repaidOn
    ? `Tilbakebetalt ${date(c.repaidOn)}.`
    : `Økonomiavdelingen i helseforetaket sender nærmere informasjon om innbetalingen. Merk innbetalingen med prosjektnummer ${c.projectNumber}.`;
  return `${kroner(c.amount)}${c.claimedOn ? ` (${date(c.claimedOn)})` : ''}${effect}. ${payment}`;
}

/**
 * The meeting: its submission deadline only while the case waits on its agenda (once decided, that
 * deadline says nothing); none, with what it takes to reach the next one; "not yet" only while the
 * application can still get one.
 */
function meetingFact(view: OwnerPageView): Html {
  if (view.meeting) return ON_AGENDA.includes(view.status) ? html`${date(view.meeting.date)} (søknadsfrist ${dateTime(view.meeting.submissionDeadline)})` : html`${date(view.meeting.date)}`;
  if (TERMINAL_STATUSES.includes(view.status)) return html`Ikke satt opp til et møte.`;
  return html`Ikke satt opp til et møte ennå.${view.nextMeeting ? html` ${inReach(view.status, view.nextMeeting)}` : ''}`;
}

/**
 * Why the application is back with the owner, at the top of the page: the partners who declined and
 * why, or those who had not answered when the signing links ran out; and what to do, as the mail said.
 */
/**
 * Why the application came back from the partners (`sentBackBy`): on the owner's page with what to do
 * next (`advise`), on the revision form without (its lead says it).
 */
export function sentBackNotice(sentBack: SentBack | undefined, advise: boolean, respondBy?: string): Html | '' {
  if (!sentBack) return '';
  const { declined, silent } = sentBack;
  // The owner's own organisation may be among them: not called a samarbeidspart.
  const ask = declined.length + silent.length === 1 ? 'parten' : 'partene';
  return html`<div class="notice warning">${declined.map((p) => html`<p><strong>${p.organisationName} avslo å signere søknaden ${dateTime(p.at)}${p.reason ? ':' : '.'}</strong></p>${p.reason ? html`<p class="long-text">${p.reason}</p>` : ''}`)}
${silent.length ? html`<p><strong>Fristen for å signere gikk ut før alle partene hadde svart.</strong> Ikke svart: ${silent.join(', ')}.</p>` : ''}
${advise ? html`<p>Avklar med ${ask} det gjelder, endre søknaden om det trengs, og send den inn på nytt. Alle partene blir da bedt om å signere den nye versjonen.</p>` : ''}${resubmitBy(respondBy)}</div>`;
}

/** Until when it can be sent in again, as the mail that sent it back said (nothing on applications sent back before it was kept). */
export function resubmitBy(respondBy: string | undefined): Html | '' {
  return respondBy ? html`
<p><strong>Send inn søknaden på nytt innen ${dateTime(respondBy)}, ellers avsluttes den uten vedtak.</strong></p>` : '';
}

/**
 * The committee deferred the case: why, and in which meeting, while it waits for a new meeting and
 * once it is on the next one's agenda (the workflow puts it there at once).
 */
function deferralNotice(view: OwnerPageView): Html | '' {
  if (!view.deferralReason && !view.deferredFrom) return '';
  const c = view.scheme.committee.shortName;
  const where = view.deferredFrom ? `i møtet ${date(view.deferredFrom)}` : 'til et senere møte';
  return html`<div class="notice"><p><strong>${c} utsatte søknaden ${where}${view.deferralReason ? ':' : '.'}</strong></p>${view.deferralReason ? html`<p class="long-text">${view.deferralReason}</p>` : ''}${
    view.meeting && ON_AGENDA.includes(view.status) ? html`<p>Den er satt opp til behandling i møtet ${date(view.meeting.date)}.</p>` : ''
  }</div>`;
}

/** The way to the revision form: to correct it while the partners sign, or to revise it when it came back. */
function reviseOffer(status: OwnerView['status'], linkId: string): Html {
  const correcting = status === 'awaiting_cosignature';
  return html`${correcting ? html`<p>Er noe feil i søknaden, for eksempel en samarbeidsparts e-postadresse? Du kan endre den til alle har signert. Da må alle partene signere den nye versjonen, også de som har signert allerede.</p>
` : ''}<p><a class="button" href=${ownerPath(linkId, '/revisjon')}>${correcting ? 'Endre søknaden' : 'Revider søknaden'}</a></p>`;
}

/** What it takes to reach the next meeting: every signature (or the revision, or the answer to the committee's question, and its signatures) before its deadline. */
function inReach(status: OwnerView['status'], m: NonNullable<OwnerView['nextMeeting']>): string {
  const when = status === 'awaiting_cosignature'
    ? 'Har alle partene signert'
    : status === 'more_information_requested'
      ? 'Er svaret sendt inn og søknaden signert av alle partene på nytt'
      : 'Er den reviderte søknaden sendt og signert av alle partene';
  return `${when} innen søknadsfristen ${dateTime(m.submissionDeadline)}, behandles søknaden i møtet ${date(m.date)}; ellers i et senere møte.`;
}

/**
 * A report's row under the grant: its deadline while owed (and that it has passed, as the overdue
 * reminders say), when it was sent once received, or that it is owed no more when a claim ended the
 * grant (the claim's letter says so too): never a deadline that no longer applies.
 */
function reportStanding(view: OwnerPageView, kind: 'status' | 'final', due: string): string {
  const state = view.reportStates?.[kind];
  const sent = view.reports.find((r) => r.kind === kind);
  if (state?.state === 'received' && sent) return `sendt ${dayOf(sent.submittedAt)} (frist ${date(due)})`;
  if (state?.state === 'not-owed') return 'skal ikke leveres: tilskuddet er avsluttet';
  return `innen ${date(due)}${movedFrom(view.movedDeadlines[kind])}${overdue(view, kind) ? ': fristen er passert, send rapporten så snart som mulig' : ''}`;
}

/** Owed, and its deadline's day is past. */
function overdue(view: OwnerPageView, kind: 'status' | 'final'): boolean {
  const state = view.reportStates?.[kind];
  return state?.state === 'owed' && state.overdueDays > 0;
}

/** The owner's request for a new period (a later start, an earlier end): the open one, the committee's no, or the form while the period can change. */
function periodRequestSection(view: OwnerPageView, linkId: string, form: FormState): Html | '' {
  const r = view.periodRequest;
  if (r?.state === 'open') return html`<p class="notice">Du ba ${date(r.requestedOn)} om ny prosjektperiode, ${date(r.periodStart)}–${date(r.periodEnd)}. ${view.scheme.committee.shortName} avgjør, og du får svaret på e-post.</p>`;
  const declined = r?.state === 'declined' ? html`<p class="notice warning">${view.scheme.committee.shortName} sa ${date(r.answeredOn)} nei til ny prosjektperiode (${date(r.periodStart)}–${date(r.periodEnd)}): ${r.reason}</p>` : '';
  if (!view.periodChangeable) return declined;
  const allocation = view.allocation!;
  const prefill = (key: 'periodStart' | 'periodEnd') => (form.value(key) ? {} : { value: allocation[key] });
  return html`${declined}<details class="period-request"${form.hasErrors() ? html` open` : ''}><summary>Starter prosjektet senere, eller slutter det tidligere? Be om ny prosjektperiode</summary>
<form method="post" action=${ownerPath(linkId, '/ny-periode')} novalidate aria-label="Be om ny prosjektperiode">
<p class="hint">${view.scheme.committee.shortName} avgjør perioden. Perioden kan være høyst ${view.maxPeriodMonths} måneder, og en tidligere sluttdato kan ikke være før i dag. Fristen for sluttrapporten følger sluttdatoen.</p>
${form.input('periodStart', 'Ny startdato', { type: 'date', context: 'Ny periode', ...prefill('periodStart') })}
${form.input('periodEnd', 'Ny sluttdato', { type: 'date', context: 'Ny periode', ...prefill('periodEnd') })}
${form.textarea('reason', 'Hvorfor trenger prosjektet ny periode?', { rows: 3, context: 'Ny periode' })}
<button type="submit" class="secondary">Send ønsket</button>
</form>
</details>`;
}

export function ownerStatusPage(view: OwnerPageView, linkId: string, forms: OwnerForms = {}): { title: string; body: Html } {
  const withdraw = new FormState(forms.withdraw?.values ?? {}, forms.withdraw?.errors ?? {}, 'trekk', requestTextLimits('withdraw'));
  const reallocation = new FormState(forms.reallocation?.values ?? {}, forms.reallocation?.errors ?? {}, 'omdisponering', requestTextLimits('reallocation'));
  const message = new FormState(forms.message?.values ?? {}, forms.message?.errors ?? {}, 'melding', requestTextLimits('ownerMessage'));
  const signingOpen = view.status === 'awaiting_cosignature';
  const signing = new FormState(forms.signing?.values ?? {}, forms.signing?.errors ?? {}, 'signering');
  const period = new FormState(forms.period?.values ?? {}, forms.period?.errors ?? {}, 'periode', requestTextLimits('periodRequest'));
  const canRevise = REVISABLE.includes(view.status);
  const canWithdraw = WITHDRAWABLE.includes(view.status);
  // One request at a time: a second is refused while the committee has one to decide (a refused post keeps its form, with what was typed).
  const reallocationPending = view.reallocations.some((r) => r.state === 'requested');
  const canReallocate = REALLOCATABLE.includes(view.status) && (!reallocationPending || !!forms.reallocation);
  const allocation = view.allocation;

  const content = html`
<p>Status: <span class="status">${view.statusLabel}</span></p>
${forms.notice ?? ''}
${sentBackNotice(view.sentBack, true, view.respondBy)}
${view.informationRequest ? html`<div class="notice warning"><p><strong>${view.scheme.committee.shortName} ber om mer informasjon:</strong></p><p class="long-text">${view.informationRequest}</p>${view.nextMeeting ? html`
<p>${inReach(view.status, view.nextMeeting)}</p>` : ''}${resubmitBy(view.respondBy)}</div>` : ''}
${deferralNotice(view)}
${view.rejectionReason ? html`<div class="notice warning"><p><strong>Begrunnelse for avslaget:</strong></p><p class="long-text">${view.rejectionReason}</p></div>` : ''}
${canRevise ? reviseOffer(view.status, linkId) : ''}
<dl class="facts">
<dt>Saksnummer</dt><dd>${view.applicationId}</dd>
<dt>Sendt inn</dt><dd>${dateTime(view.submittedAt)}</dd>
<dt>Versjon</dt><dd>${view.version}</dd>
<dt>Møte</dt><dd>${meetingFact(view)}</dd>
</dl>

${allocation ? html`<h2>Tildeling</h2>
<dl class="facts">
<dt>Tildelt beløp</dt><dd>${kroner(allocation.amount)}</dd>
${allocation.note ? html`<dt>Merknad fra ${view.scheme.committee.shortName}</dt><dd class="long-text">${allocation.note}</dd>` : ''}
<dt>Periode</dt><dd>${date(allocation.periodStart)}–${date(allocation.periodEnd)}${view.periodChanged ? html` (endret ${date(view.periodChanged.changedOn)}, var ${date(view.periodChanged.from.periodStart)}–${date(view.periodChanged.from.periodEnd)}: ${view.periodChanged.reason})` : ''}</dd>
${view.payout && !view.revocation ? html`<dt>Utbetaling</dt><dd>${payoutText(view.payout)}</dd>` : ''}
${view.revocation ? html`<dt>Trukket tilbake</dt><dd>${date(view.revocation.revokedOn)}: tilskuddet blir ikke utbetalt, og du skal ikke levere flere rapporter.${view.revocation.reason ? html`<br><span class="long-text">${view.revocation.reason}</span>` : ''}</dd>` : html`<dt>Statusrapport</dt><dd>${reportStanding(view, 'status', allocation.statusReportDue)}</dd>
<dt>Sluttrapport</dt><dd>${reportStanding(view, 'final', allocation.finalReportDue)}</dd>`}
${view.repaymentClaim ? html`<dt>Krav om tilbakebetaling</dt><dd>${repaymentText(view.repaymentClaim)}${view.repaymentClaim.reason ? html`<br><span class="long-text">${view.repaymentClaim.reason}</span>` : ''}</dd>` : ''}
</dl>
${periodRequestSection(view, linkId, period)}
${ACTIVE_GRANT_STATUSES.includes(view.status) ? html`<h3>Vilkår for tilskuddet</h3>
<ul>${grantConditions(view.scheme.committee.shortName).map((c) => html`<li>${c}</li>`)}</ul>` : ''}` : ''}

<h2 id="meldinger">Meldinger</h2>
${view.messages.length ? html`<ul class="owner-messages">${view.messages.map((m) => html`<li>${dateTime(m.at)}, ${m.from === 'owner' ? 'du til sekretariatet' : 'sekretariatet til deg'}:<br><span class="long-text">${m.message}</span></li>`)}</ul>` : ''}
<details class="message-secretariat"${message.hasErrors() ? html` open` : ''}><summary>Skriv til sekretariatet</summary>
<form method="post" action=${ownerPath(linkId, '/melding')} novalidate aria-label="Skriv til sekretariatet">
<p class="hint">Meldingen lagres på saken, og sekretariatet får den på e-post. Skriv ikke helseopplysninger.</p>
${message.textarea('message', 'Melding', { rows: 4, context: 'Skriv til sekretariatet' })}
<button type="submit" class="secondary">Send meldingen</button>
</form>
</details>

<h2>Signaturer</h2>
${signingOpen ? html`<p>Hver part har fått en e-post med en lenke for å signere. Finner en samarbeidspart ikke e-posten (se også i søppelposten), kan du sende lenken på nytt, én gang i døgnet. Kom e-posten ikke fram, eller er adressen feil, rett den med «Endre søknaden» over: da får partene en ny lenke.</p>` : ''}
<div class="table-wrap" role="region" aria-label="Svar fra partene" tabindex="0"><table>
<caption>Svar fra partene (versjon ${view.version})</caption>
<thead><tr><th scope="col">Part</th><th scope="col">Svar</th><th scope="col">Tidspunkt</th><th scope="col">Begrunnelse</th></tr></thead>
<tbody>${view.partners.map((p, i) => html`<tr><td>${p.organisationName}</td><td>${p.answer === 'waiting' ? (signingOpen ? ('mailBounced' in p ? html`<strong>E-posten kom ikke fram</strong>: sjekk adressen` : html`Venter på signatur ${'linkExpired' in p ? expiredNote : 'resentToday' in p && p.resentToday ? resentNote(p.resentToday) : resendButton(linkId, i, p.organisationName)}`) : 'Ikke svart') : SIGNATURE_LABELS[p.answer]}</td><td>${'at' in p ? dateTime(p.at) : ''}</td><td>${('reason' in p && p.reason) || ''}</td></tr>`)}</tbody>
</table></div>

${view.reports.length || view.reportForms.length ? html`<h2>Rapporter</h2><ul>${view.reports.map((r) => html`<li>${REPORT_KIND_LABELS[r.kind] ?? r.kind} sendt ${dateTime(r.submittedAt)}${r.supplementedAt ? `, utfylt ${dateTime(r.supplementedAt)}` : ''}${r.supplementRequestedOn
  ? html`. <strong>Sekretariatet ba ${date(r.supplementRequestedOn)} om at den fylles ut:</strong> ${r.linkId ? html`<a href=${reportPath(r.linkId)}>fyll ut og send rapporten på nytt</a>` : 'lenken er utløpt; be sekretariatet om en ny («Skriv til sekretariatet»).'}`
  : r.linkId ? html` (<a href=${reportPath(r.linkId)}>se rapporten</a>)` : ''}</li>`)}${view.reportForms.map(
  (f) => html`<li><a href=${reportPath(f.linkId)}>Send inn ${(REPORT_KIND_LABELS[f.kind] ?? f.kind).toLowerCase()}</a>${f.dueDate ? ` (frist ${date(f.dueDate)}${overdue(view, f.kind) ? ', passert' : ''}${f.requestedDueDate ? `; du har bedt om utsatt frist til ${date(f.requestedDueDate)}` : ''})` : ''}</li>`,
)}</ul>` : ''}

${view.reallocations.length ? html`<h2>Omdisponering</h2><ul>${view.reallocations.map(
  (r) => html`<li>${kroner(r.amount)} – ${REALLOCATION_STATE_LABELS[r.state] ?? r.state} (søkt ${dateTime(r.requestedAt)})${r.reason ? html`: ${r.reason}` : ''}</li>`,
)}</ul>${reallocationPending && !canReallocate && REALLOCATABLE.includes(view.status) ? html`<p>Du kan søke om en ny omdisponering når ${view.scheme.committee.shortName} har avgjort denne.</p>` : ''}` : ''}

${canReallocate ? html`<h2 id="omdisponering">Søk om omdisponering</h2>
<p>Omdisponering krever forhåndsgodkjenning fra ${view.scheme.committee.shortName}.</p>
<form method="post" action=${ownerPath(linkId, '/omdisponering')} novalidate>
${reallocation.textarea('description', 'Hva vil dere bruke midlene til i stedet?', { context: 'Omdisponering' })}
${reallocation.amount('amount', 'Beløp som skal omdisponeres (kr)', { context: 'Omdisponering' })}
<button type="submit">Send søknad om omdisponering</button>
</form>` : ''}

${canWithdraw ? html`<h2 id="trekk">Trekk søknaden</h2>
<p>Trekker du søknaden, avsluttes behandlingen og signeringslenkene slutter å virke. Det kan ikke angres.</p>
<form method="post" action=${ownerPath(linkId, '/trekk')} novalidate>
${withdraw.textarea('reason', 'Hvorfor trekker dere søknaden? (valgfritt)', { context: 'Trekk søknaden', rows: 3 })}
<button type="submit" class="danger">Trekk søknaden</button>
</form>` : ''}

${projectDescription(view.project, view.scheme, `Søknaden (versjon ${view.version})`)}

<h2>Historikk</h2>
${historyTable(view.history, undefined, view.payout?.mode === 'cost_booking')}`;

  const summary = errorSummary([period, reallocation, withdraw, message, signing], forms.problem ? [forms.problem] : []);
  const hasErrors = [withdraw, reallocation, message, period, signing].some((f) => f.hasErrors()) || !!forms.problem;
  return {
    title: hasErrors ? `Feil: ${view.title}` : view.title,
    body: html`${summary}<h1>${view.title}</h1>${content}`,
  };
}

/** Instead of the button once the link was asked for again today (a second would be refused until tomorrow). */
function resentNote(resent: { sentAt?: string }): Html {
  return html`<span class="hint">${resent.sentAt ? `Lenken ble sendt på nytt ${dateTime(resent.sentAt)}.` : 'Lenken sendes på nytt i løpet av et kvarter.'} Du kan sende den igjen i morgen.</span>`;
}

/** Instead of the button once the partner's link has run out (sending it again would be refused): the new version gives everyone a new one. */
const expiredNote = html`<span class="hint">Lenken er utløpt, så den kan ikke sendes på nytt. Endre søknaden og send den inn på nytt («Endre søknaden»), så får alle partene en ny lenke.</span>`;

/** One waiting partner's signing link mailed again (the link it has; at most once a day). */
function resendButton(linkId: string, partnerIndex: number, organisation: string): Html {
  return html`<form method="post" action=${ownerPath(linkId, '/signeringslenke')} class="inline" aria-label=${`Send lenken på nytt til ${organisation}`}><input type="hidden" name="partnerIndex" value=${String(partnerIndex)}><button type="submit" class="secondary small">Send lenken på nytt</button></form>`;
}

/** The confirmations after a redirect; `committee`: the committee's short name. */
export const ownerNotices = (committee: string): Record<string, string> => ({
  trukket: 'Søknaden er trukket.',
  revidert: 'Den reviderte søknaden er sendt inn. Partene får en ny lenke for å signere.',
  omdisponering: `Søknaden om omdisponering er sendt til ${committee}.`,
  melding: 'Meldingen er sendt til sekretariatet.',
  signeringslenke: 'Samarbeidsparten får lenken for å signere på nytt på e-post innen et kvarter.',
  periode: `Ønsket om ny prosjektperiode er sendt til sekretariatet. ${committee} avgjør, og du får svaret på e-post.`,
});
