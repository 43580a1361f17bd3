// The secretariat's whole case: where it stands, what the partners signed, what the committee
// decided, what finance paid, what the owner reported and everything that happened, in one page.
// Its forms are the committee's actions on a running grant: deciding a reallocation request,
// taking back a grant not yet paid, and claiming repayment (the review's actions stay on the agenda,
// payments on the finance page).
import { openSupplementRequest, type SupplementRequest } from '../domain/report-supplement';
import type { Actor, AuditEntry, ReportKind } from '../domain/model';
import { lastDeadlineMove, openDeadlineRequest, reportPending } from '../domain/report-deadlines';
import { osloDateOf } from '../domain/oslo-time';
import { actorName } from '../domain/staff-name';
import { openPeriodRequest, periodChanges, type PeriodRequestEntry } from '../domain/grant-period';
import { REPORT_KINDS } from '../domain/reports';
import { payoutIdFor, recordedRevocation, repaymentClaimable, revocationRefusal } from '../domain/payout';
import { caseMessages, contactChange, contactName, partnerAddressBounced } from '../domain/case-contacts';
import { ON_AGENDA, ownerChangeable } from '../domain/status-transitions';
import { askedBeforeMeeting, questionOfEntry } from '../domain/meeting-minutes';
import { isOverdueReminder, overdueCopiedToSecretariat } from '../domain/reminders';
import type { getApplicationForStaff } from '../use-cases/committee';
import type { getSchemeFacts } from '../use-cases/public-scheme';
import { count, date, dateTime, dayOf, decisionText, REMINDER_KIND_LABELS, kroner, meetingOptions, movedFrom, overdueRhythmNb, PARTNER_KIND_LABELS, payoutModeLabel, payoutStateLabel, REALLOCATION_STATE_LABELS, REPORT_KIND_LABELS, statusLabel } from './format';
import { CSRF_FIELD } from './csrf';
import { errorSummary, FormState, hidden } from './forms';
import { html, type Html } from './html';
import type { StaffPageForms } from './staff-form-post';
import { recommendationFacts } from './recommendation-facts';
import { anchoringFacts, budgetTable, changeNoteFacts, continuationFacts, earlierGrantFacts, historyTable, labelled, projectTexts, reportFacts } from './project-description';
import { applicationsPath } from './secretariat-pages';
import { payoutStateDay } from './finance-page';
import { agendaPath, casePath, minutesPath } from '../http/routes';
import type { RequestSchemaKey } from '../../schemas/requests.schema';
import { requestTextLimits } from '../../schemas/request-limits';

type CaseView = Awaited<ReturnType<typeof getApplicationForStaff>>;
type Scheme = ReturnType<typeof getSchemeFacts>;

/** The case's forms: one per reallocation request waiting for a decision, the revocation, the repayment claim, the new contact person and the owner's link sent again. */
export type CaseFormName = 'repayment' | 'revocation' | 'period' | 'periodDecline' | 'owner' | 'ownerLink' | 'ownerMessage' | 'reportDeadline' | 'deadlineDecline' | 'reportSupplement' | 'supplementWithdrawal' | `reallocation:${string}`;

/** The request each form posts (for its text limits); the owner's link is sent again without one. */
const FORM_REQUEST: Record<Exclude<CaseFormName, `reallocation:${string}` | 'ownerLink'>, RequestSchemaKey> = {
  repayment: 'repaymentClaim', revocation: 'revocation', period: 'periodChange', periodDecline: 'periodDecline', owner: 'ownerChange',
  ownerMessage: 'ownerMessage', reportDeadline: 'reportDeadline', deadlineDecline: 'deadlineDecline', reportSupplement: 'reportSupplement',
  supplementWithdrawal: 'reportSupplementWithdrawal',
};
const requestOf = (name: CaseFormName): RequestSchemaKey | undefined =>
  name.startsWith('reallocation:') ? 'reallocationDecision' : name === 'ownerLink' ? undefined : FORM_REQUEST[name as keyof typeof FORM_REQUEST];

const FORM_ID_PREFIX: Record<Exclude<CaseFormName, `reallocation:${string}`>, string> = {
  repayment: 'tilbakebetaling', revocation: 'tilbaketrekking', owner: 'kontaktperson', ownerLink: 'lenke', reportDeadline: 'rapportfrist',
  deadlineDecline: 'fristavslag',
  period: 'periode',
  periodDecline: 'periodeavslag',
  ownerMessage: 'melding',
  reportSupplement: 'utfylling',
  supplementWithdrawal: 'utfyllingtrekk',
};

export type CaseForms = StaffPageForms<CaseFormName>;

export const CASE_NOTICES: Record<string, string> = {
  omdisponering: 'Vedtaket om omdisponering er registrert, og prosjektansvarlig får beskjed.',
  tilbakebetaling: 'Kravet om tilbakebetaling er registrert. Økonomi og prosjektansvarlig får beskjed.',
  tilbaketrukket: 'Tilskuddet er trukket tilbake. Utbetalingen er annullert og beløpet er lagt tilbake i potten. Økonomi og prosjektansvarlig får beskjed.',
  kontaktperson: 'Den nye prosjektansvarlige er registrert og får en egen lenke på e-post. Den forrige lenken virker ikke lenger.',
  lenke: 'Prosjektansvarlig får lenken til saken på e-post i løpet av et kvarter.',
  rapportfrist: 'Den nye fristen er registrert. Påminnelsene følger den, og prosjektansvarlig får beskjed på e-post i løpet av et kvarter.',
  melding: 'Meldingen er lagret på saken, og prosjektansvarlig får den på e-post i løpet av et kvarter.',
  periode: 'Den nye perioden er registrert som komiteens vedtak. Prosjektansvarlig får vedtaket på e-post i løpet av et kvarter.',
  periodeavslag: 'Avslaget er registrert. Perioden står, og prosjektansvarlig får begrunnelsen på e-post i løpet av et kvarter.',
  fristavslag: 'Avslaget er registrert. Fristen står, og prosjektansvarlig får begrunnelsen på e-post i løpet av et kvarter.',
  rapportutfylling: 'Prosjektansvarlig får det som mangler og en lenke til rapporten på e-post i løpet av et kvarter. Den utfylte rapporten kommer inn her, og du får beskjed.',
  utfyllingtrukket: 'Ønsket om utfylling er trukket. Lenken til å fylle ut rapporten virker ikke lenger, og har prosjektansvarlig fått ønsket, får hen beskjed på e-post i løpet av et kvarter.',
};

export function ownerChangePath(applicationId: string): string {
  return `${casePath(applicationId)}/kontaktperson`;
}

export function reportDeadlinePath(applicationId: string): string {
  return `${casePath(applicationId)}/rapportfrist`;
}

export function deadlineDeclinePath(applicationId: string): string {
  return `${reportDeadlinePath(applicationId)}/avslag`;
}

export function reportSupplementPath(applicationId: string): string {
  return `${casePath(applicationId)}/rapport-utfylling`;
}

export function supplementWithdrawalPath(applicationId: string): string {
  return `${reportSupplementPath(applicationId)}/trekk`;
}

export function casePrintPath(applicationId: string): string {
  return `${casePath(applicationId)}/utskrift`;
}

export function ownerMessagePath(applicationId: string): string {
  return `${casePath(applicationId)}/melding`;
}

export function ownerLinkPath(applicationId: string): string {
  return `${casePath(applicationId)}/lenke`;
}

export function periodChangePath(applicationId: string): string {
  return `${casePath(applicationId)}/periode`;
}

export function reallocationDecisionPath(applicationId: string, reallocationId: string): string {
  return `${casePath(applicationId)}/omdisponering/${encodeURIComponent(reallocationId)}`;
}

export function repaymentClaimPath(applicationId: string): string {
  return `${casePath(applicationId)}/tilbakebetaling`;
}

export function revocationPath(applicationId: string): string {
  return `${casePath(applicationId)}/tilbaketrekking`;
}

function actorLabel(actor: Actor, partners: CaseView['data']['partners']): string {
  switch (actor.kind) {
    case 'applicant':
      return 'Prosjektansvarlig';
    case 'partner':
      return partners[actor.partnerIndex]?.organisationName ?? 'Samarbeidspart';
    case 'staff':
      return actor.role === 'finance' ? `Økonomi (${actorName(actor)})` : `Sekretariatet (${actorName(actor)})`;
    case 'system':
      return 'Systemet';
  }
}

/**
 * Who did what a history entry says. Every signature in is the partners' together, so the system's
 * (entries stored before the system was recorded as its actor name the last partner to sign, as if it alone had done it).
 */
function historyActorLabel(entry: Pick<AuditEntry, 'action' | 'actor'>, partners: CaseView['data']['partners']): string {
  return entry.action === 'cosigned-by-all' ? actorLabel({ kind: 'system', name: 'lifecycle' }, partners) : actorLabel(entry.actor, partners);
}

/** A question asked before its meeting's day: the case's history and its page say so, not as a decision. */
const askedBeforeText = (meetingId: string) => `Mer informasjon etterspurt før møtet ${date(meetingId)}`;

function section(title: string, items: readonly unknown[], empty: string, body: () => Html, id?: string): Html {
  return html`<h2${id ? html` id=${id}` : ''}>${title}</h2>${items.length ? body() : html`<p>${empty}</p>`}`;
}

/**
 * Which meeting the decision was made in, when it is recorded after the meeting's day (left empty:
 * the meeting in session now, if any). Offered while a held meeting's minutes are open.
 */
function decidedInMeetingField(form: FormState, meetings: CaseView['decisionMeetings'], context: string): Html | '' {
  if (meetings.length === 0) return '';
  return form.select('meetingId', 'Vedtatt i møte', meetingOptions(meetings), {
    placeholder: 'Møtet som pågår nå (eller ikke i et møte)',
    hint: 'Velg møtet når vedtaket registreres etter møtedagen. Da står det i møtets protokoll.',
    context,
  });
}

function reallocationForm(app: CaseView['application'], r: CaseView['reallocations'][number], csrf: string, state: (name: CaseFormName) => FormState, meetings: CaseView['decisionMeetings']): Html {
  const form = state(`reallocation:${r.id}`);
  return html`<form method="post" action=${reallocationDecisionPath(app.id, r.id)} novalidate aria-label=${`Vedtak om omdisponering av ${kroner(r.amount)}`}>
${hidden(CSRF_FIELD, csrf)}
${form.radios('approved', `Godkjenner komiteen omdisponeringen av ${kroner(r.amount)}?`, [
  { value: 'true', label: 'Godkjenn' },
  { value: 'false', label: 'Avslå' },
], { context: 'Omdisponering' })}
${form.textarea('reason', 'Begrunnelse (valgfritt, sendes til prosjektansvarlig)', { rows: 2, context: 'Omdisponering' })}
${decidedInMeetingField(form, meetings, 'Omdisponering')}
<button type="submit">Registrer vedtaket</button>
</form>`;
}

function repaymentForm(app: CaseView['application'], csrf: string, state: (name: CaseFormName) => FormState, meetings: CaseView['decisionMeetings']): Html {
  const form = state('repayment');
  // A closed grant has nothing left to end or to let run on.
  const closed = app.status === 'closed';
  return html`<h2 id="tilbakebetaling">Krav om tilbakebetaling</h2>
<p>Er midlene ikke brukt i tråd med prosjektbeskrivelsen, kan komiteen kreve hele eller deler av tilskuddet tilbake${closed ? ', også etter at tilskuddet er avsluttet' : ''}. Økonomi får kravet på prosjektnummeret, og prosjektansvarlig får beskjed.</p>
<form method="post" action=${repaymentClaimPath(app.id)} novalidate aria-label="Krev tilbakebetaling">
${hidden(CSRF_FIELD, csrf)}
${form.amount('amount', 'Beløp som kreves tilbake (kr)', { context: 'Tilbakebetaling', hint: `Høyst tildelt beløp, ${kroner(app.allocation?.amount)}.` })}
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 3, context: 'Tilbakebetaling' })}
${closed ? '' : form.radios('endGrant', 'Hva skjer med tilskuddet?', [
  { value: 'true', label: 'Tilskuddet avsluttes', hint: 'Rapportpåminnelsene stopper; saken avsluttes når pengene er betalt tilbake.' },
  { value: 'false', label: 'Tilskuddet løper videre', hint: 'Bare når en del kreves tilbake: status- og sluttrapporten skal leveres som før.' },
], { context: 'Tilbakebetaling', hint: 'Kreves hele tilskuddet tilbake, avsluttes det uansett.' })}
${decidedInMeetingField(form, meetings, 'Tilbakebetaling')}
<button type="submit" class="danger">Krev tilbakebetaling</button>
</form>`;
}

/**
 * A new contact person for the project (the owner left, or handed it over): open while the case
 * runs, or while a repayment claim keeps a closed grant going. Closed by default: a rare action.
 */
function ownerForm(app: CaseView['application'], ownerName: string, csrf: string, state: (name: CaseFormName) => FormState): Html | '' {
  if (!ownerChangeable(app)) return '';
  const form = state('owner');
  const failed = form.hasErrors();
  return html`<details class="change-owner"${failed ? html` open` : ''}><summary>Ny prosjektansvarlig</summary>
<form method="post" action=${ownerChangePath(app.id)} novalidate aria-label="Ny prosjektansvarlig på saken">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">Når ${ownerName} ikke lenger er prosjektansvarlig. E-post om saken går heretter til den nye prosjektansvarlige, som får en egen lenke til saken; lenken ${ownerName} fikk, slutter å virke. Prosjektbeskrivelsen partene signerte, endres ikke.</p>
${form.input('name', 'Navn', { className: 'long', context: 'Ny prosjektansvarlig' })}
${form.input('email', 'E-postadresse', { type: 'email', className: 'long', context: 'Ny prosjektansvarlig' })}
<button type="submit" class="secondary">Registrer ny prosjektansvarlig</button>
</form>
</details>`;
}

/** No report in: and which is overdue, so the section does not read as all well. */
function noReportsYet(view: CaseView): string {
  const overdue = REPORT_KINDS.flatMap((kind) => {
    const state = view.reportStates?.[kind];
    return state?.state === 'owed' && state.overdueDays > 0 ? [`${REPORT_NAMES[kind]} er på overtid, ${count(state.overdueDays, 'dag', 'dager')}`] : [];
  });
  return `Ingen rapporter mottatt.${overdue.length ? ` ${overdue.join('; ')}.` : ''}`;
}
const REPORT_NAMES = { status: 'Statusrapporten', final: 'Sluttrapporten' } as const;

/** A report's due date, and where it was moved from ("utsatt frist"). */
function dueFact(view: CaseView, kind: ReportKind, due: string): string {
  const state = view.reportStates?.[kind];
  const standing = state?.state === 'received' ? ' – mottatt'
    : state?.state === 'not-owed' ? ' – skal ikke leveres (tilskuddet er avsluttet)'
    : state && state.overdueDays > 0 ? ` – på overtid, ${count(state.overdueDays, 'dag', 'dager')}`
    : '';
  return `${date(due)}${movedFrom(lastDeadlineMove(view.application.history, kind))}${standing}`;
}

/** "Utsatt frist": a new deadline for a report the grant still owes. Closed by default, like the contact person. */
function reportDeadlineForm(app: CaseView['application'], csrf: string, state: (name: CaseFormName) => FormState): Html | '' {
  const pending = REPORT_KINDS.filter((k) => reportPending(k, app.status));
  if (!app.allocation || pending.length === 0) return '';
  const form = state('reportDeadline');
  const names = REPORT_NAMES;
  const dues = { status: app.allocation.statusReportDue, final: app.allocation.finalReportDue };
  // The owner's open request, if any: shown, and the form opened with it filled in.
  const requested = pending.flatMap((k) => {
    const r = openDeadlineRequest(app.history, k);
    return r ? [{ kind: k, ...r }] : [];
  })[0];
  const prefill = requested && !form.hasErrors();
  return html`${requested ? html`<p class="notice"><strong>Prosjektansvarlig ba ${date(osloDateOf(new Date(requested.at)))} om utsatt frist for ${names[requested.kind].toLowerCase()} til ${date(requested.dueDate)}:</strong> ${requested.reason}</p>
${declineForm(app.id, requested.kind, csrf, state('deadlineDecline'))}` : ''}
<details class="report-deadline"${form.hasErrors() || requested ? html` open` : ''}><summary>Utsett en rapportfrist</summary>
<form method="post" action=${reportDeadlinePath(app.id)} novalidate aria-label="Utsett fristen for en rapport">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">Når komiteen gir prosjektet utsatt frist. Påminnelsene følger den nye fristen, og prosjektansvarlig får den nye fristen og begrunnelsen på e-post: skriv ikke helseopplysninger i begrunnelsen.</p>
${form.radios('report', 'Rapport', pending.map((k) => ({ value: k, label: `${names[k]} (frist ${date(dues[k])})` })), { context: 'Rapportfrist', ...(form.value('report') ? {} : { checked: [prefill ? requested.kind : pending[0]!] }) })}
${form.input('dueDate', 'Ny frist', { type: 'date', context: 'Rapportfrist', ...(prefill ? { value: requested.dueDate } : {}) })}
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 2, context: 'Rapportfrist' })}
<button type="submit" class="secondary">Registrer ny frist</button>
</form>
</details>`;
}

/** The committee's no to the owner's open request: the deadline stands, and the owner gets the reason. */
function declineForm(applicationId: string, kind: ReportKind, csrf: string, form: FormState): Html {
  return html`<details class="deadline-decline"${form.hasErrors() ? html` open` : ''}><summary>Avslå ønsket om utsatt frist</summary>
<form method="post" action=${deadlineDeclinePath(applicationId)} novalidate aria-label="Avslå ønsket om utsatt frist">
${hidden(CSRF_FIELD, csrf)}
${hidden('report', kind)}
<p class="hint">Når komiteen ikke gir utsatt frist. Fristen står, og prosjektansvarlig får begrunnelsen på e-post: skriv ikke helseopplysninger i den.</p>
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 2, context: 'Avslag på utsatt frist' })}
<button type="submit" class="secondary">Avslå ønsket</button>
</form>
</details>`;
}

/** Where the period was moved from, when the committee changed it (the decisions list every change). */
function periodHistory(history: CaseView['application']['history']): Html | '' {
  const last = periodChanges(history).at(-1);
  return last ? html` (endret ${date(osloDateOf(new Date(last.at)))}, var ${date(last.from.periodStart)}–${date(last.from.periodEnd)})` : '';
}

/** The committee's new period for a running grant (a later start, a longer period, an earlier end): beside the period, closed by default. */
function periodForm(app: CaseView['application'], maxMonths: number, csrf: string, form: FormState, meetings: CaseView['decisionMeetings'], requested: PeriodRequestEntry | undefined): Html {
  const allocation = app.allocation!;
  // The owner's open request fills the form in (until a post of the form itself failed).
  const asked = requested && !form.hasErrors() ? requested : allocation;
  return html`<details class="period-change"${form.hasErrors() || requested ? html` open` : ''}><summary>Ny prosjektperiode</summary>
<form method="post" action=${periodChangePath(app.id)} novalidate aria-label="Ny prosjektperiode">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">Når komiteen vedtar en annen periode, for eksempel fordi prosjektet starter senere enn planlagt (utsatt oppstart) eller avsluttes tidligere. Perioden kan være høyst ${maxMonths} måneder, og en tidligere sluttdato kan ikke være før i dag. Fristen for sluttrapporten følger den nye sluttdatoen (ved en tidligere sluttdato flyttes den like mange dager fram); statusrapporten har samme frist som før. Prosjektansvarlig får vedtaket med kopi til gruppen prosjektet er forankret i.</p>
${form.input('periodStart', 'Ny startdato', { type: 'date', context: 'Ny periode', ...(form.value('periodStart') ? {} : { value: asked.periodStart }) })}
${form.input('periodEnd', 'Ny sluttdato', { type: 'date', context: 'Ny periode', ...(form.value('periodEnd') ? {} : { value: asked.periodEnd }) })}
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 2, context: 'Ny periode' })}
${decidedInMeetingField(form, meetings, 'Ny periode')}
<button type="submit" class="secondary">Registrer ny periode</button>
</form>
</details>`;
}

/** The owner's open request for a new period, and the committee's no to it (the yes is the period form, filled in with it). */
function periodRequestNotice(applicationId: string, requested: PeriodRequestEntry, csrf: string, form: FormState): Html {
  return html`<p class="notice"><strong>Prosjektansvarlig ba ${date(osloDateOf(new Date(requested.at)))} om ny prosjektperiode, ${date(requested.periodStart)}–${date(requested.periodEnd)}:</strong> ${requested.reason}</p>
<details class="period-decline"${form.hasErrors() ? html` open` : ''}><summary>Avslå ønsket om ny prosjektperiode</summary>
<form method="post" action=${`${periodChangePath(applicationId)}/avslag`} novalidate aria-label="Avslå ønsket om ny prosjektperiode">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">Når komiteen ikke gir ny periode. Perioden står, og prosjektansvarlig får begrunnelsen på e-post: skriv ikke helseopplysninger i den.</p>
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 2, context: 'Avslag på ny periode' })}
<button type="submit" class="secondary">Avslå ønsket</button>
</form>
</details>`;
}

function revocationForm(app: CaseView['application'], csrf: string, state: (name: CaseFormName) => FormState, meetings: CaseView['decisionMeetings']): Html {
  const form = state('revocation');
  const closed = app.status === 'closed';
  return html`<h2 id="tilbaketrekking">Trekk tilbake tilskuddet</h2>
<p>${closed
  ? `Tilskuddet er avsluttet, men aldri utbetalt. Vedtar komiteen at prosjektet ikke skal få pengene likevel (for eksempel fordi fakturaen aldri kom), annulleres utbetalingen og ${kroner(app.allocation?.amount)} legges tilbake i potten for ${app.allocation?.potYear}.`
  : `Tilskuddet er ikke utbetalt ennå. Vedtar komiteen at prosjektet ikke skal få pengene likevel (for eksempel fordi det ikke blir gjennomført), annulleres utbetalingen, ${kroner(app.allocation?.amount)} legges tilbake i potten for ${app.allocation?.potYear}, og rapportene skal ikke leveres.`} Prosjektansvarlig får vedtaket med kopi til gruppen prosjektet er forankret i, og økonomi får beskjed.</p>
<form method="post" action=${revocationPath(app.id)} novalidate aria-label="Trekk tilbake tilskuddet">
${hidden(CSRF_FIELD, csrf)}
${form.textarea('reason', 'Begrunnelse (sendes til prosjektansvarlig)', { rows: 3, context: 'Tilbaketrekking' })}
${decidedInMeetingField(form, meetings, 'Tilbaketrekking')}
<button type="submit" class="danger">Trekk tilbake tilskuddet</button>
</form>`;
}

/**
 * The whole case. `print`: the same case for the archive (journalføring) with every part open and
 * no forms, as it stands now.
 */
export function casePage(view: CaseView, scheme: Scheme, forms: CaseForms, print = false): { title: string; body: Html } {
  const { application: app, data } = view;
  // What acts on the case: left out of the printout.
  const work = (h: Html | ''): Html | '' => (print ? '' : h);
  const states: FormState[] = [];
  const state = (name: CaseFormName) => {
    const mine = forms.failed?.form === name ? forms.failed : undefined;
    const request = requestOf(name);
    const prefix = name.startsWith('reallocation:') ? `omdisp-${name.slice('reallocation:'.length)}` : FORM_ID_PREFIX[name as keyof typeof FORM_ID_PREFIX];
    const s = new FormState(mine?.values ?? {}, mine?.errors ?? {}, prefix, request ? requestTextLimits(request) : undefined);
    states.push(s);
    return s;
  };
  const waiting = view.reallocations.filter((r) => r.state === 'requested');
  const reallocationForms = new Map(waiting.map((r) => [r.id, reallocationForm(app, r, forms.csrf, state, view.decisionMeetings)]));
  const grantPayout = view.payouts.find((p) => p.id === payoutIdFor(app.id, 'grant'));
  const repayment = work(app.allocation && repaymentClaimable(app, grantPayout) ? repaymentForm(app, forms.csrf, state, view.decisionMeetings) : '');
  const revocation = work(app.allocation && revocationRefusal(app, grantPayout) === undefined ? revocationForm(app, forms.csrf, state, view.decisionMeetings) : '');
  const revoked = recordedRevocation(app.history);
  const problem = forms.failed?.problem;
  const partnerName = (i: number) => data.partners[i]?.organisationName ?? `Part ${i + 1}`;
  const onAgenda = app.meetingId && ON_AGENDA.includes(app.status);
  const agendaItemPath = onAgenda ? `${agendaPath(scheme.id, app.meetingId!)}#sak-${app.id}` : '';
  const allocation = app.allocation;
  const ownerName = contactName(app, data);
  const change = contactChange(app, data);
  // Whom the application names, where the secretariat has set another contact since: the address too when it differs.
  const named = change ? [change.named.name, ...(change.named.email.toLowerCase() !== app.ownerEmail.toLowerCase() ? [change.named.email] : [])].join(', ') : '';
  const owner = work(ownerForm(app, ownerName, forms.csrf, state));
  const reportDeadline = work(reportDeadlineForm(app, forms.csrf, state));
  const periodRequest = openPeriodRequest(app.history);
  const period = work(html`${periodRequest ? periodRequestNotice(app.id, periodRequest, forms.csrf, state('periodDecline')) : ''}${view.periodChangeable ? periodForm(app, scheme.maxPeriodMonths, forms.csrf, state('period'), view.decisionMeetings, periodRequest) : ''}`);
  // Built before the page (as the forms above): the error summary at its top lists their states.
  const message = html`${caseMessageList(app, data.partners)}${work(ownerMessageForm(app, ownerName, forms.csrf, state('ownerMessage')))}`;
  const supplement = work(reportSupplementForm(app, view.reports, forms.csrf, state));
  // Its only field is hidden: a refusal (409, a tampered report) shows in the error summary.
  state('supplementWithdrawal');
  const reports = view.reports.map((r) => {
    const asked = openSupplementRequest(app.history, r.kind);
    return receivedReport(r, asked, print, work(asked ? supplementWithdrawalForm(app.id, r.kind, forms.csrf) : ''));
  });
  return {
    title: `Sak: ${app.title}`,
    body: html`${errorSummary(states, problem ? [problem] : [])}
${forms.notice ?? ''}
${print
  ? html`<p><a href=${casePath(app.id)}>Tilbake til saken</a></p>
<p class="hint">Utskrift for arkivet: hele saken slik den står nå, uten skjemaene.</p>`
  : html`<p><a href=${`${applicationsPath(scheme.id)}?status=${encodeURIComponent(app.status)}`}>Søknader med status «${statusLabel(app.status)}»</a>${onAgenda ? html` · <a href=${agendaItemPath}>Sakslisten ${date(app.meetingId)}</a>` : ''} · <a href=${casePrintPath(app.id)}>Utskrift for arkivet</a></p>`}
<h1>${app.title}</h1>
${work(contents(!!allocation))}
<dl class="facts">
<dt>Saksnummer</dt><dd>${app.id}</dd>
<dt>Ordning</dt><dd>${scheme.name}</dd>
<dt>Status</dt><dd>${app.statusLabel}</dd>
${view.respondBy ? html`<dt>Frist for prosjektansvarlig</dt><dd>Sendes søknaden ikke inn på nytt innen ${dateTime(view.respondBy)}, avsluttes den uten vedtak.</dd>` : ''}
${onAgenda ? html`<dt>Møte</dt><dd>${print ? date(app.meetingId) : html`<a href=${agendaItemPath}>${date(app.meetingId)}</a>`}</dd>` : ''}
${view.nextMeeting ? html`<dt>Neste mulige møte</dt><dd>${date(view.nextMeeting.date)}, om søknaden er komplett innen søknadsfristen ${dateTime(view.nextMeeting.submissionDeadline)}</dd>` : ''}
<dt>Sendt inn</dt><dd>${dateTime(app.submittedAt)}</dd>
<dt>Versjon</dt><dd>${app.version}</dd>
${changeNoteFacts(app.version, view.changeNote)}
${view.committeeAnswer ? html`<dt>Spørsmål fra ${scheme.committee.shortName}</dt><dd class="long-text">${view.committeeAnswer.question}</dd>
<dt>Svar til ${scheme.committee.shortName} (versjon ${app.version})</dt><dd class="long-text">${view.committeeAnswer.answer}</dd>` : ''}
<dt>Omsøkt beløp</dt><dd>${kroner(app.requestedAmount)}</dd>
<dt>Prosjektansvarlig</dt><dd>${ownerName}, ${partnerName(data.owner.partnerIndex)} (${data.owner.unit}), ${app.ownerEmail}${change ? html` (prosjektansvarlig fra ${dateTime(change.since)}; søknaden oppga ${named})` : ''}
${work(html`<form method="post" action=${ownerLinkPath(app.id)} class="inline" aria-label="Send lenken til saken på nytt til prosjektansvarlig">${hidden(CSRF_FIELD, forms.csrf)}<button type="submit" class="secondary small">Send lenken på nytt</button></form>`)}${owner}</dd>
${anchoringFacts(view.anchoring, scheme.committee.shortName, view.decisionCopyTo)}
${earlierGrantFacts(view.earlierGrant)}
${continuationFacts(view.continuations)}
${app.informationRequest ? html`<dt>Etterspurt informasjon</dt><dd class="long-text">${app.informationRequest}</dd>` : ''}
${app.rejectionReason ? html`<dt>Begrunnelse for avslag</dt><dd class="long-text">${app.rejectionReason}</dd>` : ''}
</dl>
${view.preparation && (app.recommendation || onAgenda) ? html`<h2>Innstilling</h2>
${recommendationFacts(view.preparation, view.committee.shortName, app.recommendation)}` : ''}
${allocation ? html`<h2 id="tildeling">Tildeling</h2>
<dl class="facts">
<dt>Tildelt beløp</dt><dd>${kroner(allocation.amount)}</dd>
<dt>Periode</dt><dd>${date(allocation.periodStart)}–${date(allocation.periodEnd)}${periodHistory(app.history)}${period}</dd>
<dt>Vedtatt</dt><dd>${dateTime(allocation.decidedAt)}</dd>
<dt>Statusrapport innen</dt><dd>${dueFact(view, 'status', allocation.statusReportDue)}</dd>
<dt>Sluttrapport innen</dt><dd>${dueFact(view, 'final', allocation.finalReportDue)}${reportDeadline}</dd>
${app.repaymentClaimed ? html`<dt>Krav om tilbakebetaling</dt><dd>${kroner(app.repaymentClaimed)}</dd>` : ''}
${revoked ? html`<dt>Trukket tilbake</dt><dd>${dateTime(revoked.at)} (<a href="#vedtak">vedtaket med begrunnelsen</a>)</dd>` : ''}
</dl>` : ''}
${section(`Signaturer for versjon ${app.version}`, data.partners, 'Ingen parter.', () => html`<div class="table-wrap" role="region" aria-label="Signaturer" tabindex="0"><table>
<caption>Partenes svar på gjeldende versjon</caption>
<thead><tr><th scope="col">Part</th><th scope="col">Type</th><th scope="col">Svar</th><th scope="col">Tidspunkt</th></tr></thead>
<tbody>${data.partners.map((p, i) => {
  const s = view.signatures.find((x) => x.partnerIndex === i);
  const answer = !s ? `Ikke svart${partnerAddressBounced(app.history, app.version, i) ? ' (e-posten kom ikke fram)' : ''}` : s.decision === 'signed' ? 'Signert' : `Avslått${s.reason ? `: ${s.reason}` : ''}`;
  return html`<tr><td>${p.organisationName}</td><td>${PARTNER_KIND_LABELS[p.kind] ?? p.kind}</td><td>${answer}</td><td>${s ? dateTime(s.at) : '–'}</td></tr>`;
})}</tbody>
</table></div>`, 'signaturer')}
${section('Vedtak', view.decisions, 'Ingen vedtak ennå.', () => html`<ul>${view.decisions.map(
  (d) => html`<li>${dateTime(d.at)}: ${decisionText(d)}${d.matter ? html` (${d.matter})` : ''}${d.meetingId ? html` (møtet ${date(d.meetingId)}, <a href=${minutesPath(app.schemeId, d.meetingId)}>protokollen</a>)` : ''}${d.reason ? html`<br><span class="long-text">${d.reason}</span>` : ''}</li>`,
)}</ul>`, 'vedtak')}
${view.questionsBeforeMeeting.length ? html`<h3>Spørsmål til prosjektansvarlig før møtet</h3>
<p class="hint">Stilt før møtedagen, som forberedelse til ${view.committee.shortName}: ikke vedtak i møtet, og ikke i protokollen.</p>
<ul>${view.questionsBeforeMeeting.map((q) => html`<li>${dateTime(q.at)}: ${askedBeforeText(q.meetingId!)}${q.reason ? html`<br><span class="long-text">${q.reason}</span>` : ''}</li>`)}</ul>` : ''}
${section('Utbetalinger', view.payouts, 'Ingen utbetalinger.', () => html`<div class="table-wrap" role="region" aria-label="Utbetalinger" tabindex="0"><table>
<caption>Utbetalinger og krav om tilbakebetaling</caption>
<thead><tr><th scope="col">Bestilt</th><th scope="col">Mottaker</th><th scope="col" class="num">Beløp</th><th scope="col">Måte</th><th scope="col">Status</th><th scope="col">Faktura</th></tr></thead>
<tbody>${view.payouts.map((p) => html`<tr><td>${dateTime(p.createdAt)}</td><td>${p.payee}</td><td class="num">${kroner(p.amount)}</td><td>${payoutModeLabel(p)}</td><td>${payoutStateLabel(p)}${payoutStateDay(p)}</td><td>${p.invoiceNumber ?? '–'}${p.invoicedAt ? html`<span class="hint">registrert ${dayOf(p.invoicedAt)}</span>` : ''}</td></tr>`)}</tbody>
</table></div>`, 'utbetalinger')}
${section('Rapporter', view.reports, noReportsYet(view), () => html`${reports}${supplement}`, 'rapporter')}
${section('Omdisponeringer', view.reallocations, 'Ingen søknader om omdisponering.', () => html`<ul>${view.reallocations.map(
  (r) => html`<li id=${`omdisponering-${r.id}`}>${dateTime(r.requestedAt)}: ${kroner(r.amount)} – ${REALLOCATION_STATE_LABELS[r.state] ?? r.state}<br><span class="long-text">${r.description}</span>${r.reason ? html`<br>Begrunnelse: ${r.reason}` : ''}${work(reallocationForms.get(r.id) ?? '')}</li>`,
)}</ul>`, 'omdisponeringer')}
${revocation}
${repayment}
<h2 id="prosjektbeskrivelsen">Prosjektbeskrivelsen</h2>
<details class="project-texts"${print ? html` open` : ''}><summary>Vis hele prosjektbeskrivelsen (versjon ${app.version})</summary>
<h3>Sammendrag</h3><p class="long-text">${data.summary}</p>
${projectTexts(data, scheme)}
<h3>Kriterier prosjektet oppfyller</h3>
<ul>${labelled(data.criteriaMet, scheme.criteria).map((l) => html`<li>${l}</li>`)}</ul>
${budgetTable(data.budget, partnerName)}
</details>
<h2 id="historikk">Historikk</h2>
${historyTable(app.history, (entry) => historyActorLabel(entry, data.partners), grantPayout?.mode === 'cost_booking', (entry) => {
  const question = questionOfEntry(entry, [...view.decisions, ...view.questionsBeforeMeeting]);
  return question && askedBeforeMeeting(question) ? askedBeforeText(question.meetingId!) : undefined;
})}
${section('Planlagte påminnelser', view.plannedReminders, 'Ingen påminnelser eller meldinger er planlagt.', () => reminderPlan(view), 'paminnelser')}
${section('E-post om saken', view.mails, 'Ingen e-post om saken er sendt.', () => mailLog(view.mails, print), 'e-post')}
${message}`,
  };
}

/** A report as received: its content now, when it was filled in at the secretariat's request and what is still asked for, and the versions before. */
function receivedReport(r: CaseView['reports'][number], asked: SupplementRequest | undefined, print: boolean, withdraw: Html | ''): Html {
  const name = REPORT_KIND_LABELS[r.kind] ?? r.kind;
  const earlier = r.earlier ?? [];
  return html`<h3>${name}, mottatt ${dateTime(r.submittedAt)}${r.supplementedAt ? html`, utfylt ${dateTime(r.supplementedAt)}` : ''}</h3>
${asked ? html`<div class="notice"><p>Sekretariatet ba ${dateTime(asked.at)} om at rapporten fylles ut: <span class="long-text">${asked.reason}</span> Prosjektansvarlig har ikke sendt den på nytt ennå.</p>${withdraw}</div>` : ''}
${reportFacts(r)}
${earlier.length ? html`<details class="earlier-report"${print ? html` open` : ''}><summary>Tidligere versjoner (${earlier.length})</summary>${earlier.map((v) => html`<h4>Sendt ${dateTime(v.sentAt)}</h4>${reportFacts(v)}`)}</details>` : ''}`;
}

/** "Trekk ønsket": the secretariat no longer needs the report filled in. */
function supplementWithdrawalForm(applicationId: string, kind: ReportKind, csrf: string): Html {
  return html` <form method="post" action=${supplementWithdrawalPath(applicationId)} class="inline" aria-label=${`Trekk ønsket om utfylt ${(REPORT_KIND_LABELS[kind] ?? kind).toLowerCase()}`}>${hidden(CSRF_FIELD, csrf)}${hidden('report', kind)}<button type="submit" class="secondary small">Trekk ønsket</button></form>`;
}

/** "Be om utfyllende rapport": which received report, and what is missing. Closed by default. */
function reportSupplementForm(app: CaseView['application'], reports: CaseView['reports'], csrf: string, state: (name: CaseFormName) => FormState): Html | '' {
  if (reports.length === 0) return '';
  const waiting = reports.some((r) => openSupplementRequest(app.history, r.kind));
  const form = state('reportSupplement');
  return html`<details class="report-supplement"${form.hasErrors() ? html` open` : ''}><summary>Be om utfyllende rapport</summary>
<form method="post" action=${reportSupplementPath(app.id)} novalidate aria-label="Be om utfyllende rapport">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">Når en rapport mangler noe. Prosjektansvarlig får det du skriver og en lenke til rapporten slik den ble sendt, og sender den utfylt på nytt. Den første versjonen tas vare på. Skriv ikke helseopplysninger.${waiting ? ' Et nytt ønske om en rapport som allerede venter, erstatter det forrige: prosjektansvarlig får en ny lenke, og den forrige virker ikke lenger.' : ''}</p>
${form.radios('report', 'Hvilken rapport?', reports.map((r) => ({ value: r.kind, label: REPORT_KIND_LABELS[r.kind] ?? r.kind })), { context: 'Utfyllende rapport', ...(form.value('report') || reports.length > 1 ? {} : { checked: [reports[0]!.kind] }) })}
${form.textarea('reason', 'Hva mangler? (sendes til prosjektansvarlig)', { rows: 3, context: 'Utfyllende rapport' })}
<button type="submit" class="secondary">Send ønsket</button>
</form>
</details>`;
}

/** The parts of the case page, to jump to (a running grant's page is long). */
function contents(grant: boolean): Html {
  const parts: Array<[string, string]> = [
    ...(grant ? [['tildeling', 'Tildeling'] as [string, string]] : []),
    ['signaturer', 'Signaturer'], ['vedtak', 'Vedtak'], ['utbetalinger', 'Utbetalinger'], ['rapporter', 'Rapporter'], ['omdisponeringer', 'Omdisponeringer'],
    ['prosjektbeskrivelsen', 'Prosjektbeskrivelsen'], ['historikk', 'Historikk'], ['paminnelser', 'Planlagte påminnelser'], ['e-post', 'E-post om saken'],
  ];
  return html`<nav class="contents" aria-label="På denne siden"><ul>${parts.map(([id, label]) => html`<li><a href=${`#${id}`}>${label}</a></li>`)}</ul></nav>`;
}

/** What the reminder sweep will send about the case, and when (the next overdue reminder only: each one schedules the next). */
function reminderPlan({ plannedReminders: reminders, overdueRhythm }: CaseView): Html {
  const overdue = reminders.some(isOverdueReminder);
  return html`<div class="table-wrap" role="region" aria-label="Planlagte påminnelser" tabindex="0"><table>
<caption>Det påminnelsene sender om saken, først det som kommer først</caption>
<thead><tr><th scope="col">Når</th><th scope="col">Hva</th></tr></thead>
<tbody>${reminders.map((r) => html`<tr><td>${dateTime(r.dueAt)}</td><td>${REMINDER_KIND_LABELS[r.kind]}${r.seq ? ` nr. ${r.seq}` : ''}${overdueCopiedToSecretariat(r, overdueRhythm.copies) ? ' (kopi til sekretariatet)' : ''}</td></tr>`)}</tbody>
</table></div>
${overdue ? html`<p class="hint">${overdueRhythmNb(overdueRhythm)} Listen viser den neste.</p>` : ''}`;
}

/** The messages between the secretariat and the contact person so far, both ways. */
function caseMessageList(app: CaseView['application'], partners: CaseView['data']['partners']): Html | '' {
  const written = caseMessages(app.history);
  return written.length ? html`<h3>Meldinger med prosjektansvarlig</h3>
<ul class="owner-messages">${written.map((m) => html`<li>${dateTime(m.at)}, ${actorLabel(m.actor, partners)}:<br><span class="long-text">${m.message}</span></li>`)}</ul>` : '';
}

/** Writing to the contact person from the case. Closed by default. */
function ownerMessageForm(app: CaseView['application'], ownerName: string, csrf: string, form: FormState): Html {
  return html`<details class="owner-message"${form.hasErrors() ? html` open` : ''}><summary>Skriv til prosjektansvarlig</summary>
<form method="post" action=${ownerMessagePath(app.id)} novalidate aria-label="Skriv til prosjektansvarlig">
${hidden(CSRF_FIELD, csrf)}
<p class="hint">${ownerName} (${app.ownerEmail}) får meldingen på e-post med lenken til saken, og meldingen lagres på saken. Prosjektansvarlig kan svare fra sakens side, så lagres svaret her også. Skriv ikke helseopplysninger.</p>
${form.textarea('message', 'Melding', { rows: 5, context: 'Skriv til prosjektansvarlig' })}
<button type="submit" class="secondary">Send meldingen</button>
</form>
</details>`;
}

/** The mails about the case that went out (closed by default: a running grant has tens). */
function mailLog(mails: CaseView['mails'], open: boolean): Html {
  const bounced = mails.some((m) => m.bouncedTo?.length || m.softBouncedTo?.length || m.complainedBy?.length);
  return html`<details class="mail-log"${bounced || open ? html` open` : ''}><summary>${count(mails.length, 'e-post', 'e-poster')} sendt, den siste ${dateTime(mails.at(-1)!.sentAt)}</summary>
<div class="table-wrap" role="region" aria-label="E-post om saken" tabindex="0"><table>
<caption>E-post om saken, eldste først (emnet; innholdet lagres ikke)</caption>
<thead><tr><th scope="col">Sendt</th><th scope="col">Til</th><th scope="col">Emne</th></tr></thead>
<tbody>${mails.map((m) => html`<tr><td>${dateTime(m.sentAt)}</td><td>${m.to.join(', ')}${m.cc?.length ? html`<br>kopi: ${m.cc.join(', ')}` : ''}${m.bouncedTo?.length ? html`<br><strong>Kom ikke fram til ${m.bouncedTo.join(', ')}</strong>` : ''}${m.softBouncedTo?.length ? html`<br><strong>Kom ikke fram til ${m.softBouncedTo.join(', ')} nå</strong> (midlertidig feil hos mottakeren, som full innboks: adressen kan være riktig)` : ''}${m.complainedBy?.length ? html`<br><strong>Merket som søppelpost av ${m.complainedBy.join(', ')}</strong>` : ''}</td><td>${m.subject}</td></tr>`)}</tbody>
</table></div>
</details>`;
}
