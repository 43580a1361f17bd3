// The secretariat's pages: the meeting calendar of every scheme (with its links to the overdue
// reports and the half-yearly report), a meeting's agenda with the decision forms, and the reports
// that are overdue. Every form carries the CSRF token.
import { groupRegisterPath } from './group-register-page';
import { ON_AGENDA } from '../domain/status-transitions';
import { andList } from '../domain/norwegian-list';
import { meetingPotYear } from '../domain/pot';
import { agendaPath, casePath, halfYearReportPath, minutesPath } from '../http/routes';
import type { getAgenda, overdueFollowUp, runningGrantFollowUp } from '../use-cases/committee';
import type { secretariatOverview } from '../use-cases/page-views';
import type { searchCases } from '../use-cases/search-cases';
import { anchoringFacts, budgetTable, changeNoteFacts, earlierGrantFacts, projectTexts } from './project-description';
import { recommendationFacts } from './recommendation-facts';
import { departedCase } from './departed-case';
import { grantStatusTable } from './grant-status-table';
import { CSRF_FIELD } from './csrf';
import { caseLookupForm } from './case-lookup';
import { count, date, dateTime, dayOf, decisionText, kroner, meetingOptions, meetingTime, overdueRhythmNb, PARTNER_KIND_LABELS, REPORT_KIND_LABELS } from './format';
import { errorSummary, FormState, hidden, type FieldErrors, type FormBody } from './forms';
import type { StaffPageForms } from './staff-form-post';
import { html, type Html } from './html';
import type { RequestSchemaKey } from '../../schemas/requests.schema';
import { requestTextLimits } from '../../schemas/request-limits';

export type Overview = Awaited<ReturnType<typeof secretariatOverview>>;
export type Agenda = Awaited<ReturnType<typeof getAgenda>>;
export type AgendaItem = Agenda['items'][number];
export type RunningGrantFollowUp = Awaited<ReturnType<typeof runningGrantFollowUp>>;
export type OverdueFollowUp = Awaited<ReturnType<typeof overdueFollowUp>>;

/** The meeting's minutes: the decisions recorded on its agenda. */
export function overduePath(schemeId: string): string {
  return `/sekretariat/${encodeURIComponent(schemeId)}/rapporter-pa-overtid`;
}

/** The secretariat's list of a scheme's applications (default status: sent in). */
export function applicationsPath(schemeId: string): string {
  return `/sekretariat/${encodeURIComponent(schemeId)}/soknader`;
}

/** The calendar's forms on the start page: a scheme's "add a meeting", and each meeting's removal or cancellation. */
export type CalendarFormName = `add:${string}` | `remove:${string}:${string}`;
export type CalendarForms = StaffPageForms<CalendarFormName>;

export const CALENDAR_NOTICES: Record<string, string> = {
  'lagt-til': 'Møtet er lagt til i møteplanen. Søknader settes opp til det som til de andre møtene.',
  fjernet: 'Møtet er tatt ut av møteplanen.',
  flyttet: 'Møtet er tatt ut av møteplanen, og sakene er flyttet til møtet du valgte. Søkerne får e-post om det nye møtet.',
  gjenopprettet: 'Møtet er tilbake i møteplanen. Saker som ble flyttet da det ble avlyst, står på møtet de ble flyttet til; flytt dem tilbake fra sakslisten der.',
};

/** The restore form's marker: the post is the add form's, with the cancelled meeting as it was. */
export const RESTORE_FIELD = 'gjenopprett';

/** Where the start page's forms post: a scheme's calendar, and one meeting's removal or cancellation. */
export function calendarPath(schemeId: string): string {
  return `/sekretariat/${encodeURIComponent(schemeId)}/moter`;
}
export function meetingRemovalPath(schemeId: string, meetingId: string): string {
  return `${agendaPath(schemeId, meetingId)}/fjerning`;
}

type OverviewScheme = Overview[number];
type OverviewMeeting = OverviewScheme['meetings'][number];

/**
 * A meeting not held can leave the calendar: an added one with no open cases at a click (a wrong
 * date); otherwise "Avlys", which asks where its open cases go (the next meeting is proposed).
 */
function removeForm(scheme: OverviewScheme['scheme'], m: OverviewMeeting, upcoming: readonly OverviewMeeting[], csrf: string, form: FormState, open: boolean): Html | '' {
  if (m.held) return '';
  const action = meetingRemovalPath(scheme.id, m.id);
  if (m.added && m.openCases === 0) {
    return html`<form method="post" action=${action} class="inline" aria-label=${`Fjern ${m.title}`}>
${hidden(CSRF_FIELD, csrf)}<button type="submit" class="secondary small">Fjern</button>
</form>`;
  }
  const others = upcoming.filter((o) => o.id !== m.id);
  const cases = count(m.openCases, 'sak', 'saker');
  // One case is "saken", "den" and "søkeren"; more are "sakene", "de" and "søkerne".
  const one = m.openCases === 1;
  const them = one ? 'saken' : 'sakene';
  const body =
    m.openCases === 0
      ? html`<p class="hint">Møtet tas ut av møteplanen. Søknader settes opp til de andre møtene. ${m.added ? 'Avlyser du ved en feil, legger du møtet inn igjen med «Legg til et møte i møteplanen».' : 'Avlyser du ved en feil, setter du møtet inn igjen under «Avlyste møter».'}</p>`
      : others.length === 0
        ? html`<p class="hint">Møtet har ${cases} på sakslisten. Legg til møtet ${them} skal flyttes til først.</p>`
        : html`<p class="hint">Møtet har ${cases} på sakslisten. ${one ? 'Den flyttes til møtet du velger, og søkeren får' : 'De flyttes til møtet du velger, og søkerne får'} e-post om det nye møtet.</p>
${form.select('moveCasesTo', `Flytt ${them} til`, meetingOptions(others), {
  value: form.value('moveCasesTo') || (others.find((o) => o.date > m.date) ?? others[0])!.id,
  context: m.title,
})}`;
  const button = m.openCases > 0 && others.length === 0 ? '' : html`<button type="submit" class="secondary small">${m.openCases > 0 ? `Avlys møtet og flytt ${them}` : 'Avlys møtet'}</button>`;
  return html`<details class="cancel-meeting"${open ? html` open` : ''}><summary>Avlys</summary>
<form method="post" action=${action} novalidate aria-label=${`Avlys ${m.title}`}>
${hidden(CSRF_FIELD, csrf)}${body}${button}
</form>
</details>`;
}

/**
 * A year the meetings ahead draw from has no pot: the committee cannot grant money in them until the
 * configuration sets one, and only whoever deploys the system can change it.
 */
function missingPotNotice(year: number, committee: string, where: string): Html {
  return html`<p class="notice warning"><strong>Det er ikke satt av noen pott for ${year}.</strong> ${committee} kan ikke innvilge tilskudd ${where} før potten er lagt inn. Avslag og utsettelse kan registreres som vanlig. Be den som drifter løsningen legge inn potten for ${year} i konfigurasjonen.</p>`;
}


/** The value most of the list has (the first of equals); undefined for an empty list. */
function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].reduce<[string, number] | undefined>((best, entry) => (!best || entry[1] > best[1] ? entry : best), undefined)?.[0];
}

/** The configured meetings cancelled and not yet at their time, each with the form that puts it back as it was. */
function cancelledList({ scheme, cancelledMeetings }: OverviewScheme, csrf: string): Html | '' {
  if (cancelledMeetings.length === 0) return '';
  return html`<h3>Avlyste møter</h3>
<p class="hint">Et møte som er avlyst ved en feil, kan settes inn igjen. Saker som ble flyttet da det ble avlyst, blir stående på møtet de ble flyttet til.</p>
<ul class="cancelled-meetings">${cancelledMeetings.map(
    (m) => html`<li>${m.title}, ${meetingTime(m)} (avlyst ${dayOf(m.cancelled.at)})
<form method="post" action=${calendarPath(scheme.id)} class="inline" aria-label=${`Sett inn igjen ${m.title}`}>
${hidden(CSRF_FIELD, csrf)}${hidden('date', m.date)}${hidden('time', m.time)}${hidden('title', m.title)}${hidden(RESTORE_FIELD, 'ja')}<button type="submit" class="secondary small">Sett inn igjen</button>
</form></li>`,
  )}</ul>`;
}

function addMeetingForm({ scheme, meetings }: OverviewScheme, csrf: string, form: FormState, open: boolean): Html {
  const usualTime = mostCommon(meetings.map((m) => m.time)) ?? '09:00';
  return html`<details class="add-meeting"${open ? html` open` : ''}><summary>Legg til et møte i møteplanen</summary>
<form method="post" action=${calendarPath(scheme.id)} novalidate aria-label=${`Legg til et møte for ${scheme.committee.shortName}`}>
${hidden(CSRF_FIELD, csrf)}
<p class="hint">For neste års møteplan eller et ekstra møte. Søknadsfristen regnes ut fra møtedatoen som for de andre møtene, og søknader som venter på et møte settes opp til det.</p>
${form.input('date', 'Dato', { type: 'date', className: 'medium', context: `${scheme.committee.shortName}, nytt møte` })}
${form.input('time', 'Klokkeslett', { type: 'time', className: 'short', value: form.value('time') || usualTime, context: `${scheme.committee.shortName}, nytt møte` })}
${form.input('title', 'Navn på møtet', { className: 'long', hint: `For eksempel «${scheme.committee.shortName}-møte mars 2028».`, context: `${scheme.committee.shortName}, nytt møte` })}
${form.radios('newApplications', 'Nye søknader', [
  { value: 'true', label: 'Nye søknader kan settes opp til møtet' },
  { value: 'false', label: 'Bare saker som allerede er til behandling', hint: 'For ordninger med søknadsrunder: et møte mellom rundene behandler utsatte saker og svar på spørsmål, og nye søknader går til neste møte som tar imot dem.' },
], { context: `${scheme.committee.shortName}, nytt møte`, ...(form.value('newApplications') ? {} : { checked: ['true'] }) })}
<button type="submit">Legg til møtet</button>
</form>
</details>`;
}

/** The case lookup's form, and what a search found. */
export interface LookupView {
  form: FormState;
  search?: Awaited<ReturnType<typeof searchCases>>;
}

/** What a search by words found: the newest matches, each linked to its case. */
function searchResults(found: NonNullable<LookupView['search']>): Html {
  if (found.total === 0) {
    return html`<section aria-labelledby="sokeresultat"><h2 id="sokeresultat">Søk: «${found.text}»</h2><p>Ingen saker i ordningene du arbeider med passer søket. Søk med ord fra tittelen, prosjektansvarliges navn eller e-postadresse, navnet på en av partene, eller saksnummeret.</p></section>`;
  }
  const shown = found.cases.length < found.total ? ` Viser de ${found.cases.length} sist innsendte.` : '';
  return html`<section aria-labelledby="sokeresultat"><h2 id="sokeresultat">Søk: «${found.text}»</h2>
<p>${count(found.total, 'sak', 'saker')} passer.${shown}</p>
<div class="table-wrap" role="region" aria-label="Saker som passer søket" tabindex="0"><table>
<caption>Saker som passer søket, sist innsendt først</caption>
<thead><tr><th scope="col">Sak</th><th scope="col">Ordning</th><th scope="col">Status</th><th scope="col">Sendt inn</th><th scope="col">E-post til prosjektansvarlig</th></tr></thead>
<tbody>${found.cases.map((c) => html`<tr><td><a href=${casePath(c.applicationId)}>${c.title}</a><br><span class="muted">${c.applicationId}</span></td><td>${c.schemeName}</td><td>${c.statusLabel}</td><td>${dateTime(c.submittedAt)}</td><td>${c.ownerEmail}</td></tr>`)}</tbody>
</table></div>
</section>`;
}

export function secretariatPage(overview: Overview, lookup: LookupView | undefined, forms: CalendarForms): { title: string; body: Html } {
  const title = 'Sekretariatet: møteplan';
  const lookupState = lookup?.form ?? new FormState({}, {}, 'finn');
  const lookupForm = caseLookupForm(lookupState); // rendered first: the error summary links to its field
  const states: FormState[] = [lookupState];
  /** A calendar form's state, filled from the failed post when it was this form (then it is shown open). */
  const calendarForm = (name: CalendarFormName, prefix: string): [FormState, boolean] => {
    const failed = forms.failed?.form === name ? forms.failed : undefined;
    const state = new FormState(failed?.values ?? {}, failed?.errors ?? {}, prefix);
    states.push(state);
    return [state, !!failed];
  };
  const sections = overview.map((entry) => {
    const { scheme, meetings, missingPots, halfYearDue, regionalFollowUpDue, overdueReports, deadlineRequests, periodRequests, supplementRequests, lapsedSupplementRequests, missingInvoices } = entry;
    const add = addMeetingForm(entry, forms.csrf, ...calendarForm(`add:${scheme.id}`, `nytt-mote-${scheme.id}`));
    const upcoming = meetings.filter((m) => !m.held);
    const removal = (m: OverviewMeeting) => removeForm(scheme, m, upcoming, forms.csrf, ...calendarForm(`remove:${scheme.id}:${m.id}`, `avlys-${scheme.id}-${m.id}`));
    return html`<section aria-labelledby=${`ordning-${scheme.id}`}>
<h2 id=${`ordning-${scheme.id}`}>${scheme.name} (${scheme.committee.shortName})</h2>
${missingPots.map((p) => missingPotNotice(p.year, scheme.committee.shortName, `i ${andList(p.meetings.map((m) => `${m.title} (${date(m.date)})`))}`))}
${halfYearDue ? html`<p class="notice"><strong>Halvåret ${date(halfYearDue.from)}–${date(halfYearDue.to)} er omme.</strong> <a href=${halfYearReportPath(scheme.id, halfYearDue)}>Lag halvårsrapporten om bruk og effekt</a>${scheme.halfYearReportTo ? ` til ${scheme.halfYearReportTo}` : ''}.</p>` : ''}
${regionalFollowUpDue ? html`<p class="notice"><strong>Oppfølgingsmøtet med det regionale helseforetaket nærmer seg.</strong> <a href=${halfYearReportPath(scheme.id, regionalFollowUpDue)}>Lag rapporten for året så langt</a>, som helseforetaket rapporterer før møtet.</p>` : ''}
${deadlineRequests ? html`<p class="notice"><strong>${deadlineRequests === 1 ? 'Ett ønske' : `${deadlineRequests} ønsker`} om utsatt rapportfrist venter på svar.</strong> <a href=${overduePath(scheme.id)}>Se ${deadlineRequests === 1 ? 'ønsket' : 'ønskene'}</a> og svar på saken.</p>` : ''}
${periodRequests ? html`<p class="notice"><strong>${periodRequests === 1 ? 'Ett ønske' : `${periodRequests} ønsker`} om ny prosjektperiode venter på svar.</strong> ${upcoming[0] ? html`<a href=${`${agendaPath(scheme.id, upcoming[0].id)}#ny-periode`}>Se ${periodRequests === 1 ? 'ønsket' : 'ønskene'} på sakslisten</a> og svar på saken.` : 'Svar på saken.'}</p>` : ''}
${lapsedSupplementRequests ? html`<p class="notice"><strong>${lapsedSupplementRequests === 1 ? 'En rapport' : `${lapsedSupplementRequests} rapporter`} ble ikke fylt ut før lenken utløp.</strong> <a href=${`${overduePath(scheme.id)}#utfylling`}>Se ${lapsedSupplementRequests === 1 ? 'den' : 'dem'}</a> og be om utfylling på nytt eller trekk ønsket fra saken.</p>` : ''}
<p><a href=${applicationsPath(scheme.id)}>Søknader etter status</a> · <a href=${overduePath(scheme.id)}>Oppfølging av tilskudd</a>: rapporter på overtid (${overdueReports}), ønsker om utsatt frist (${deadlineRequests}), rapporter til utfylling (${supplementRequests}) og fakturaer som ikke er mottatt (${missingInvoices}) · <a href=${halfYearReportPath(scheme.id)}>Halvårsrapport om bruk og effekt</a>${scheme.hasGroups ? html` · <a href=${groupRegisterPath(scheme.id)}>Tjenestemodellgrupper og fagråd</a>` : ''}</p>
<div class="table-wrap" role="region" aria-label=${`Møteplan for ${scheme.name}`} tabindex="0"><table>
<caption>Møteplan for ${scheme.committee.shortName}</caption>
<thead><tr><th scope="col">Møte</th><th scope="col">Dato</th><th scope="col">Søknadsfrist</th><th scope="col" class="num">Saker</th><th scope="col">Protokoll</th></tr></thead>
<tbody>${meetings.map(
    (m) => html`<tr><td><a href=${agendaPath(scheme.id, m.id)}>${m.title}</a>${m.added ? html` <span class="tag">lagt til</span>` : ''}${m.newApplications === false ? html` <span class="tag" title="Behandler bare saker som allerede er til behandling">ikke nye søknader</span>` : ''}${removal(m)}</td><td>${meetingTime(m)}</td><td>${dateTime(m.submissionDeadline)}${m.deadlinePassed ? ' (passert)' : ''}</td><td class="num">${m.applications}</td><td>${m.held ? html`<a href=${minutesPath(scheme.id, m.id)} aria-label=${`Protokoll fra ${m.title}`}>Protokoll</a> (${m.minutes === 'approved' ? 'godkjent' : 'ikke godkjent'})` : '–'}</td></tr>`,
  )}</tbody>
</table></div>
${cancelledList(entry, forms.csrf)}
${add}
</section>`;
  });
  const problem = forms.failed?.problem;
  const failedHere = states.some((s) => s.hasErrors()) || !!problem;
  return {
    title: failedHere ? `Feil: ${title}` : title,
    body: html`${errorSummary(states, problem ? [problem] : [])}${forms.notice ?? ''}<h1>${title}</h1>
<p class="lead">Søknader som er signert av alle partene settes automatisk opp til neste møte med åpen frist. Åpne sakslisten for å behandle sakene.</p>
${lookupForm}
${lookup?.search ? searchResults(lookup.search) : ''}
${sections}`,
  };
}

export type DecisionFormName = 'approve' | 'reject' | 'defer' | 'info' | 'recommend' | 'move';

export interface AgendaForms {
  /** the form that was posted and failed */
  failed?: { applicationId: string; form: DecisionFormName; values: FormBody; errors: FieldErrors; problem?: string };
  notice?: Html | string;
}

const FORM_PREFIX: Record<DecisionFormName, string> = { approve: 'innvilg', reject: 'avslag', defer: 'utsett', info: 'merinfo', recommend: 'innstilling', move: 'flytt' };
/** The request each form posts (for its text limits); a move has no text. */
const FORM_REQUEST: Partial<Record<DecisionFormName, RequestSchemaKey>> = { approve: 'decision', reject: 'decision', defer: 'decision', info: 'information', recommend: 'recommendation' };

type StateFor = (name: DecisionFormName, defaults?: FormBody) => FormState;

/** One FormState per form of the item, filled from the failed post when it was this form. */
function formStates(item: AgendaItem, failed: AgendaForms['failed'], states: FormState[]): StateFor {
  const mine = failed?.applicationId === item.applicationId ? failed : undefined;
  return (name, defaults = {}) => {
    const request = FORM_REQUEST[name];
    const s = new FormState(mine?.form === name ? mine.values : defaults, mine?.form === name ? mine.errors : {}, `${FORM_PREFIX[name]}-${item.applicationId}`, request ? requestTextLimits(request) : undefined);
    states.push(s);
    return s;
  };
}

function infoForm(item: AgendaItem, csrf: string, state: StateFor): Html {
  const info = state('info');
  const t = item.title;
  return html`<form method="post" action=${`${casePath(item.applicationId)}/mer-informasjon`} novalidate aria-label=${`Be om mer informasjon om «${t}»`}>
<h4>Be om mer informasjon</h4>
${hidden(CSRF_FIELD, csrf)}
${info.textarea('message', 'Hva skal prosjektansvarlig svare på?', { rows: 3, context: `«${t}»` })}
<button type="submit" class="secondary">Send forespørselen</button>
</form>`;
}

/** Moves an open case to another meeting of the calendar that has not been held. */
function moveForm(agenda: Agenda, item: AgendaItem, csrf: string, state: StateFor): Html {
  if (agenda.otherMeetings.length === 0) return html``;
  const form = state('move');
  const t = item.title;
  return html`<form method="post" action=${`${casePath(item.applicationId)}/mote`} novalidate aria-label=${`Flytt «${t}» til et annet møte`}>
<h4>Flytt til et annet møte</h4>
${hidden(CSRF_FIELD, csrf)}
${form.select('meetingId', 'Møte', meetingOptions(agenda.otherMeetings), { placeholder: 'Velg møte', context: `«${t}»` })}
<button type="submit" class="secondary">Flytt saken</button>
</form>`;
}

/** Two-level schemes: the first level's recommendation (with its rank where the scheme ranks). */
function recommendationForm(agenda: Agenda, item: AgendaItem, csrf: string, state: StateFor): Html {
  const preparation = agenda.preparation!;
  const current = item.recommendation;
  const form = state('recommend', current ? { recommended: String(current.recommended), ...(current.rank !== undefined ? { rank: String(current.rank) } : {}), comment: current.comment ?? '', participants: current.participants ?? [] } : {});
  const t = item.title;
  const by = preparation.body.shortName;
  return html`<form method="post" action=${`${casePath(item.applicationId)}/innstilling`} novalidate aria-label=${`Innstilling fra ${by} om «${t}»`}>
<h4>${current ? `Endre innstillingen fra ${by}` : `Innstilling fra ${by}`}</h4>
${hidden(CSRF_FIELD, csrf)}
${form.radios('recommended', `Innstiller ${by} søknaden?`, [
  { value: 'true', label: 'Ja, innstilles' },
  { value: 'false', label: 'Nei, innstilles ikke' },
], { context: `«${t}»` })}
${preparation.members.length ? form.checkboxes('participants', `Hvem i ${by} deltok?`, preparation.members.map((m) => ({ value: m.represents, label: m.title })), { context: `«${t}»` }) : ''}
${preparation.ranked ? form.input('rank', 'Prioritet', { inputmode: 'numeric', className: 'short', context: `«${t}»`, hint: `1 er høyest. Bare for søknader som innstilles.` }) : ''}
${form.textarea('comment', 'Begrunnelse (valgfritt)', { rows: 2, context: `«${t}»` })}
<button type="submit">Registrer innstillingen</button>
</form>`;
}

/** The committee's three decisions on a case: approve, reject, defer (only once the meeting has started). */
function committeeDecisionForms(item: AgendaItem, csrf: string, state: StateFor): Html {
  // A period applied for that starts before the meeting: the form offers one that can be granted, and says so.
  const period = item.grantablePeriod;
  const approve = state('approve', { amount: String(item.requestedAmount), periodStart: period.periodStart, periodEnd: period.periodEnd });
  const moved = item.periodStartsBeforeMeeting ? `Flyttet fra søknadens periode ${date(item.periodStart)}–${date(item.periodEnd)}, som starter før møtet.` : undefined;
  const reject = state('reject');
  const defer = state('defer');
  const decisionUrl = `${casePath(item.applicationId)}/vedtak`;
  const t = item.title;
  return html`<form method="post" action=${decisionUrl} novalidate aria-label=${`Innvilg «${t}»`}>
<h4>Innvilg</h4>
${hidden(CSRF_FIELD, csrf)}${hidden('outcome', 'approve')}
${approve.amount('amount', 'Tildelt beløp (kr)', { context: `«${t}»`, hint: `Høyst omsøkt beløp, ${kroner(item.requestedAmount)}.` })}
${approve.input('periodStart', 'Periode fra', { type: 'date', className: 'short', context: `«${t}»`, ...(moved ? { hint: moved } : {}) })}
${approve.input('periodEnd', 'Periode til', { type: 'date', className: 'short', context: `«${t}»` })}
${approve.textarea('comment', 'Merknad i vedtaksbrevet (valgfritt)', { rows: 2, context: `«${t}»` })}
<button type="submit">Innvilg</button>
</form>
<form method="post" action=${decisionUrl} novalidate aria-label=${`Avslå «${t}»`}>
<h4>Avslå</h4>
${hidden(CSRF_FIELD, csrf)}${hidden('outcome', 'reject')}
${reject.textarea('reason', 'Begrunnelse for avslaget', { rows: 3, context: `«${t}»`, hint: 'Står i brevet til prosjektansvarlig.' })}
<button type="submit" class="danger">Avslå</button>
</form>
<form method="post" action=${decisionUrl} novalidate aria-label=${`Utsett «${t}»`}>
<h4>Utsett</h4>
${hidden(CSRF_FIELD, csrf)}${hidden('outcome', 'defer')}
${defer.textarea('reason', 'Begrunnelse for utsettelsen (valgfritt)', { rows: 3, context: `«${t}»` })}
<button type="submit" class="secondary">Utsett til neste møte</button>
</form>`;
}

/** The decision section: before the meeting only what may come before it (a question to the owner, a move). */
function decisionForms(agenda: Agenda, item: AgendaItem, csrf: string, state: StateFor, more: Html): Html {
  return html`<h3>Vedtak</h3>
${agenda.held ? '' : html`<p class="notice">Vedtaket registreres når møtet er i gang, ${dateTime(agenda.meeting.startsAt)}.</p>`}
<div class="decision-forms">
${agenda.held ? committeeDecisionForms(item, csrf, state) : ''}
${infoForm(item, csrf, state)}
${more}
</div>`;
}

/** An item no longer open: the decision this meeting made on it (the minutes' line), and where it stands now. */
function handled(item: AgendaItem): Html {
  return item.decision
    ? html`<p><strong>Vedtak i møtet:</strong> ${decisionText(item.decision)}. <span class="hint">Status nå: ${item.statusLabel}.</span></p>`
    : html`<p><strong>Status nå:</strong> ${item.statusLabel}.</p>`;
}

/** What the secretariat can do with the item now: first level, then the committee's decision. */
function reviewSection(agenda: Agenda, item: AgendaItem, csrf: string, failed: AgendaForms['failed'], states: FormState[]): Html {
  const state = formStates(item, failed, states);
  const open = ON_AGENDA.includes(item.status);
  if (!agenda.preparation) {
    return open ? decisionForms(agenda, item, csrf, state, moveForm(agenda, item, csrf, state)) : handled(item);
  }
  if (!open) return html`${recommendationFacts(agenda.preparation, agenda.committee.shortName, item.recommendation)}${handled(item)}`;
  const move = moveForm(agenda, item, csrf, state);
  const first = html`<h3>Innstilling</h3>${recommendationFacts(agenda.preparation, agenda.committee.shortName, item.recommendation)}<div class="decision-forms">${recommendationForm(agenda, item, csrf, state)}${item.status === 'scheduled' ? html`${infoForm(item, csrf, state)}${move}` : ''}</div>`;
  return item.status === 'recommended' ? html`${first}${decisionForms(agenda, item, csrf, state, move)}` : first;
}

/**
 * A case decided in the meeting that has gone on since (deferred, asked for more information): its
 * number stays the agenda's, so the numbers match the minutes'.
 */
function goneItem(agenda: Agenda, gone: Agenda['decidedAndGone'][number]): Html {
  const headingId = `sak-${gone.applicationId}-tittel`;
  return html`<section class="case" id=${`sak-${gone.applicationId}`} aria-labelledby=${headingId}>
<h2 id=${headingId}>Sak ${gone.number}: ${gone.title}</h2>
<p>Vedtak i møtet: ${decisionText(gone.decision)} (${dateTime(gone.decision.at)}). Saken står ikke lenger på denne sakslisten; se <a href=${minutesPath(agenda.meeting.schemeId, agenda.meeting.id)}>møteprotokollen</a> og <a href=${casePath(gone.applicationId)}>hele saken</a>.</p>
</section>`;
}

/** A case back on an agenda: the question it was asked and the owner's answer, or the meeting that deferred it and why. */
function cameBackFacts(agenda: Agenda, item: AgendaItem): Html | '' {
  const { question: q, deferredFrom: d } = item;
  if (d) return html`<dt>Utsatt fra møtet ${d.meetingId ? date(d.meetingId) : dayOf(d.at)}</dt><dd class="long-text">${d.reason ?? 'Ingen begrunnelse er registrert.'}</dd>`;
  if (!q) return '';
  const when = q.meetingId ? (q.beforeMeeting ? `${dateTime(q.at)}, før møtet ${date(q.meetingId)}` : `${agenda.committee.shortName} i møtet ${date(q.meetingId)}`) : dateTime(q.at);
  return html`<dt>Spørsmål til prosjektansvarlig</dt><dd>${when}${q.askedBy ? ` (registrert av ${q.askedBy})` : ''}:<br><span class="long-text">${q.text ?? ''}</span></dd>
${q.answer ? answerFacts(agenda.committee.shortName, q.answer) : ''}`;
}

/** The owner's answer: the text written for the committee, what the revision says changed, or (neither written) when it came. */
function answerFacts(committee: string, a: NonNullable<NonNullable<AgendaItem['question']>['answer']>): Html {
  if (!a.text && !a.changeNote) return html`<dt>Svar fra prosjektansvarlig</dt><dd>Versjon ${a.version}, sendt inn ${dateTime(a.at)}, uten merknad om hva som er endret.</dd>`;
  return html`${a.text ? html`<dt>Svar til ${committee} (versjon ${a.version})</dt><dd class="long-text">${a.text}</dd>` : ''}
${changeNoteFacts(a.version, a.changeNote)}`;
}

function agendaItem(agenda: Agenda, item: AgendaItem, csrf: string, forms: AgendaForms, states: FormState[]): Html {
  const n = item.number;
  const partnerName = (i: number) => item.partners[i]?.organisationName ?? `Part ${i + 1}`;
  const met = new Set(item.criteriaMet);
  const headingId = `sak-${item.applicationId}-tittel`;
  const problem = forms.failed?.applicationId === item.applicationId ? forms.failed.problem : undefined;
  return html`<section class="case" id=${`sak-${item.applicationId}`} aria-labelledby=${headingId}>
<h2 id=${headingId}>Sak ${n}: ${item.title}</h2>
<p>Status: <span class="status">${item.statusLabel}</span> · <a href=${casePath(item.applicationId)}>Hele saken</a></p>
${problem ? html`<div class="notice warning" role="alert"><p>${problem}</p></div>` : ''}
<p class="long-text">${item.summary}</p>
<dl class="facts">
<dt>Omsøkt beløp</dt><dd>${kroner(item.requestedAmount)}</dd>
<dt>Egen innsats</dt><dd>${kroner(item.ownContribution)}${item.ownContribution === 0 ? html` <strong>Søknaden oppgir ingen egeninnsats; tilskuddet skal som hovedregel være en delfinansiering.</strong>` : ''}</dd>
<dt>Periode</dt><dd>${date(item.periodStart)}–${date(item.periodEnd)}${item.periodStartsBeforeMeeting ? html` <strong>Perioden starter før møtet.</strong>` : ''}</dd>
<dt>Prosjektansvarlig</dt><dd>${item.owner.organisationName}, ${item.owner.unit}</dd>
${anchoringFacts(item.anchoring, agenda.committee.shortName)}
${earlierGrantFacts(item.earlierGrant)}
${cameBackFacts(agenda, item)}
</dl>
<details class="project-texts">
<summary>Søknadens beskrivelse: utfordring, behov, forventet effekt og føringer</summary>
${projectTexts(item, agenda)}
</details>
<h3>Kriterier</h3>
<p class="hint">${agenda.criteriaRule.minMet === 0 ? 'Kriteriene er anbefalte satsingsområder; søknaden trenger ikke oppfylle noen av dem.' : agenda.criteriaRule.minMet >= agenda.criteria.length ? 'Søknaden må oppfylle alle kriteriene.' : `Søknaden må oppfylle minst ${agenda.criteriaRule.minMet} av ${agenda.criteria.length}.`}</p>
<ul>${agenda.criteria.map((c) =>
    met.has(c.id)
      ? html`<li><span class="met">Oppfylt:</span> ${c.label}</li>`
      : html`<li><span class="not-met">Ikke krysset av:</span> ${c.label}</li>`,
  )}</ul>
<h3>Parter</h3>
<ul>${item.partners.map((p) => html`<li>${p.organisationName} (${PARTNER_KIND_LABELS[p.kind] ?? p.kind}): ${p.role}</li>`)}</ul>
${budgetTable(item.budget, partnerName, `Budsjett for «${item.title}»`)}
${reviewSection(agenda, item, csrf, forms.failed, states)}
</section>`;
}

export function agendaPage(agenda: Agenda, csrf: string, forms: AgendaForms = {}): { title: string; body: Html } {
  const { meeting } = agenda;
  const title = `Saksliste: ${meeting.title}`;
  // The pot the meeting's approvals draw from: a December meeting's is not "this year's" when read in January.
  const potYear = meetingPotYear(meeting);
  const states: FormState[] = [];
  // Numbered as in the minutes: the cases on the agenda and, at their numbers, those decided here that have gone on and those gone without a decision.
  const numbered = [
    ...agenda.items.map((item) => ({ number: item.number, render: () => agendaItem(agenda, item, csrf, forms, states) })),
    ...agenda.decidedAndGone.map((gone) => ({ number: gone.number, render: () => goneItem(agenda, gone) })),
    ...agenda.leftWithoutDecision.map((d) => ({ number: d.number, render: () => departedCase(meeting.schemeId, d) })),
  ];
  const items = numbered.sort((a, b) => a.number - b.number).map((entry) => entry.render());
  const unplaced = forms.failed && !agenda.items.some((i) => i.applicationId === forms.failed?.applicationId) ? forms.failed.problem : undefined;
  const summary = errorSummary(states, unplaced ? [unplaced] : []);
  const hasErrors = states.some((s) => s.hasErrors()) || !!forms.failed?.problem;
  return {
    title: hasErrors ? `Feil: ${title}` : title,
    body: html`${summary}<p><a href="/sekretariat">Tilbake til møteplanen</a> · <a href=${minutesPath(meeting.schemeId, meeting.id)}>Møteprotokollen</a></p>
<h1>${title}</h1>
${forms.notice ?? ''}
<dl class="facts">
<dt>Møtedato</dt><dd>${dateTime(meeting.startsAt)}</dd>
<dt>Søknadsfrist</dt><dd>${dateTime(meeting.submissionDeadline)}</dd>
<dt>Igjen i potten for ${potYear}</dt><dd>${agenda.potRemaining === undefined ? 'Ingen pott registrert' : kroner(agenda.potRemaining)}</dd>
<dt>Saker</dt><dd>${agenda.items.length}</dd>
<dt>Omsøkt i sakene som ikke er avgjort</dt><dd>${kroner(agenda.demand.requested)} (${count(agenda.demand.openCases, 'sak', 'saker')})</dd>
<dt>Vedtak fattes av</dt><dd>${agenda.committee.name} (${agenda.committee.shortName})</dd>
${agenda.preparation ? html`<dt>Innstilling fra</dt><dd>${agenda.preparation.body.name} (${agenda.preparation.body.shortName})${agenda.preparation.ranked ? ', med prioritering' : ''}${agenda.preparation.members.length ? html`: ${agenda.preparation.members.map((m) => m.title).join(', ')}` : ''}</dd>` : ''}
</dl>
${agenda.missingPotYear === null ? '' : missingPotNotice(agenda.missingPotYear, agenda.committee.shortName, 'i dette møtet')}
${agenda.demand.exceedsPot ? html`<p class="notice warning"><strong>Sakene som ikke er avgjort, ber om ${kroner(agenda.demand.requested)}, mer enn de ${kroner(agenda.potRemaining)} som er igjen i potten for ${potYear}.</strong> ${agenda.committee.shortName} må prioritere mellom dem.</p>` : ''}
${items.length === 0 ? html`<p>Ingen saker er satt opp til dette møtet ennå.</p>` : items}
${reallocationSection(agenda.pendingReallocations, agenda.committee.shortName)}
${agenda.periodRequests.length ? html`<section aria-labelledby="ny-periode">
<h2 id="ny-periode">Ønsker om ny prosjektperiode som venter på svar</h2>
<p>${agenda.committee.shortName} avgjør perioden. På saken registrerer du den nye perioden («Ny prosjektperiode», fylt ut med ønsket) eller ${agenda.committee.shortName}s avslag; prosjektansvarlig får svaret på e-post.</p>
<div class="table-wrap" role="region" aria-label="Ønsker om ny prosjektperiode" tabindex="0"><table>
<caption>${count(agenda.periodRequests.length, 'ønske', 'ønsker')} om ny periode, eldste først</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Periode</th><th scope="col">Ønsket periode</th><th scope="col">Begrunnelse</th><th scope="col">Bedt om</th></tr></thead>
<tbody>${agenda.periodRequests.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${date(r.periodStart)}–${date(r.periodEnd)}</td><td>${date(r.requestedStart)}–${date(r.requestedEnd)}</td><td>${r.reason}</td><td>${dateTime(r.requestedAt)}</td></tr>`,
  )}</tbody>
</table></div>
</section>` : ''}
${agenda.deadlineRequests.length ? html`<section aria-labelledby="utsatt-frist">
<h2 id="utsatt-frist">Ønsker om utsatt rapportfrist som venter på svar</h2>
<p>${deadlineRequestHint(agenda.committee.shortName)}</p>
${deadlineRequestsTable(agenda.deadlineRequests)}
</section>` : ''}
${agenda.actionPlan ? actionPlanSection(agenda.actionPlan, agenda.committee.shortName) : ''}`,
  };
}

/** Reallocation needs the committee's prior approval: the requests waiting for it, each decided on its case. */
function reallocationSection(pending: Agenda['pendingReallocations'], committee: string): Html | '' {
  if (pending.length === 0) return '';
  return html`<section aria-labelledby="omdisponering">
<h2 id="omdisponering">Omdisponering som venter på forhåndsgodkjenning</h2>
<p>Tilskudd kan bare omdisponeres etter forhåndsgodkjenning fra ${committee}. Vedtaket registreres i saken.</p>
<div class="table-wrap" role="region" aria-label="Omdisponering som venter" tabindex="0"><table>
<caption>Søknader om omdisponering, eldste først</caption>
<thead><tr><th scope="col">Sak</th><th scope="col">Omdisponering</th><th scope="col" class="num">Beløp</th><th scope="col">Søkt</th></tr></thead>
<tbody>${pending.map(
    (r) => html`<tr><th scope="row"><a href=${`${casePath(r.applicationId)}#omdisponering-${r.reallocationId}`}>${r.title}</a></th><td class="long-text">${r.description}</td><td class="num">${kroner(r.amount)}</td><td>${dateTime(r.requestedAt)}</td></tr>`,
  )}</tbody>
</table></div>
</section>`;
}

/** Innlandet: the status of the measures in the action part, reported at every meeting. */
function actionPlanSection(plan: NonNullable<Agenda['actionPlan']>, committee: string): Html {
  return html`<section aria-labelledby="handlingsdel">
<h2 id="handlingsdel">Status for handlingsdelen</h2>
<p>Tiltak som har fått midler, er anmerket i ${plan.title}. Her er status for dem som ble tildelt, løp eller rapporterte fra ${date(plan.from)} til ${date(plan.to)}, til orientering for ${committee}.</p>
${plan.rows.length === 0
  ? html`<p>Ingen tiltak ble tildelt, løp eller rapporterte i perioden.</p>`
  : grantStatusTable(plan.rows, plan, 'Status for handlingsdelen', `Tiltak i handlingsdelen, ${date(plan.from)}–${date(plan.to)}; eldste vedtak først`)}
</section>`;
}

/** The confirmations after a redirect; `committee`: the committee's short name. */
export const agendaNotices = (committee: string): Record<string, string> => ({
  // The letters and the payout go out from the workflow a moment after the decision is recorded.
  approve: 'Vedtaket er registrert: søknaden er innvilget. Vedtaksbrevet og utbetalingen til økonomi sendes om et øyeblikk; begge står på saken når de er sendt.',
  reject: 'Vedtaket er registrert: søknaden er avslått. Avslagsbrevet sendes om et øyeblikk og står på saken når det er sendt.',
  defer: 'Vedtaket er registrert: søknaden er utsatt til et senere møte.',
  info: 'Forespørselen om mer informasjon er sendt til prosjektansvarlig.',
  recommend: `Innstillingen er registrert. ${committee} kan nå fatte vedtak i saken.`,
  move: 'Saken er flyttet til det valgte møtet.',
});

/** The owners' open requests for a later deadline, across cases: each is answered on its case. `committee`: its short name. */
const deadlineRequestHint = (committee: string) => `${committee} avgjør. På saken registrerer du den nye fristen («Utsett en rapportfrist») eller ${committee}s avslag; prosjektansvarlig får svaret på e-post.`;

function deadlineRequestsTable(requests: RunningGrantFollowUp['deadlineRequests']): Html {
  return html`<div class="table-wrap" role="region" aria-label="Ønsker om utsatt frist" tabindex="0"><table>
<caption>${count(requests.length, 'ønske', 'ønsker')} om utsatt frist som ikke er besvart, eldste først</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Rapport</th><th scope="col">Frist</th><th scope="col">Ønsket frist</th><th scope="col">Begrunnelse</th><th scope="col">Bedt om</th></tr></thead>
<tbody>${requests.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${REPORT_KIND_LABELS[r.kind] ?? r.kind}</td><td>${date(r.dueDate)}</td><td>${date(r.requestedDate)}</td><td>${r.reason}</td><td>${dateTime(r.requestedAt)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

function supplementRequestsTable(requests: RunningGrantFollowUp['supplementRequests']): Html {
  return html`<div class="table-wrap" role="region" aria-label="Rapporter til utfylling" tabindex="0"><table>
<caption>${count(requests.length, 'rapport', 'rapporter')} som prosjektansvarlig er bedt om å fylle ut, eldste først</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Rapport</th><th scope="col">Bedt om</th><th scope="col">Dette mangler</th><th scope="col">Lenken</th></tr></thead>
<tbody>${requests.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${REPORT_KIND_LABELS[r.kind] ?? r.kind}</td><td>${dateTime(r.requestedAt)}</td><td>${r.reason}</td><td>${r.lapsed ? html`<strong>utløpt uten svar</strong>: be om utfylling på nytt eller trekk ønsket fra saken` : r.linkExpiresAt ? `virker til ${dateTime(r.linkExpiresAt)}` : 'ikke laget ennå: be om utfylling på nytt fra saken'}</td></tr>`,
  )}</tbody>
</table></div>`;
}

/** How the owner is reminded of a missing invoice, in a sentence for the secretariat. */
function invoiceRhythmNb({ afterDays, maxReminders }: OverdueFollowUp['missingInvoices']): string {
  return maxReminders === 0
    ? 'Prosjektansvarlig får ingen påminnelse om fakturaen.'
    : `Prosjektansvarlig får påminnelse om å sende fakturaen da, og deretter hver ${afterDays}. dag, høyst ${count(maxReminders, 'gang', 'ganger')}.`;
}

/** The grants paid on invoice whose invoice has not come a while after the decision, oldest decision first. */
function missingInvoicesSection(invoices: OverdueFollowUp['missingInvoices'], committee: string): Html {
  const { afterDays, grants } = invoices;
  return html`<h2 id="fakturaer">Fakturaer som ikke er mottatt</h2>
<p class="hint">Innvilgede tilskudd som betales mot faktura merket med prosjektnummeret, der økonomi ikke har registrert fakturaen ${afterDays} dager etter vedtaket. ${invoiceRhythmNb(invoices)} Kommer den ikke, kan ${committee} trekke tilskuddet tilbake («Trekk tilbake tilskuddet» på saken).</p>
${grants.length === 0
  ? html`<p>Ingen fakturaer mangler.</p>`
  : html`<div class="table-wrap" role="region" aria-label="Fakturaer som ikke er mottatt" tabindex="0"><table>
<caption>${count(grants.length, 'tilskudd', 'tilskudd')} uten mottatt faktura, eldste vedtak først</caption>
<thead><tr><th scope="col">Saksnummer</th><th scope="col">Prosjekt</th><th scope="col">Prosjektansvarliges organisasjon</th><th scope="col" class="num">Beløp</th><th scope="col">Prosjektnummer</th><th scope="col">Vedtak</th><th scope="col" class="num">Dager siden vedtak</th><th scope="col">Siste påminnelse</th></tr></thead>
<tbody>${grants.map(
    (g) => html`<tr><td><a href=${casePath(g.applicationId)}>${g.applicationId}</a></td><td>${g.title}</td><td>${g.ownerOrganisation}${g.ownerOrganisationNumber ? html`<span class="hint">org.nr. ${g.ownerOrganisationNumber}</span>` : ''}</td><td class="num">${kroner(g.amount)}</td><td>${g.projectNumber}</td><td>${date(g.decisionDate)}</td><td class="num">${g.daysSinceDecision}</td><td>${g.lastReminderAt ? html`${dateTime(g.lastReminderAt)}<span class="hint">${count(g.remindersSent, 'påminnelse', 'påminnelser')} i alt</span>` : 'ingen sendt'}</td></tr>`,
  )}</tbody>
</table></div>`}`;
}

export function overduePage(scheme: { name: string; committee: { shortName: string } }, { reports, deadlineRequests, supplementRequests, overdueRhythm, missingInvoices }: OverdueFollowUp): { title: string; body: Html } {
  // Not only reports: the owners' requests, reports to be filled in and invoices not received too.
  const title = `Oppfølging av tilskudd – ${scheme.name}`;
  return {
    title,
    body: html`<p><a href="/sekretariat">Tilbake til møteplanen</a></p>
<h1>${title}</h1>
${deadlineRequests.length ? html`<h2>Ønsker om utsatt frist</h2>
<p class="hint">${deadlineRequestHint(scheme.committee.shortName)}</p>
${deadlineRequestsTable(deadlineRequests)}` : ''}
${supplementRequests.length ? html`<h2 id="utfylling">Rapporter til utfylling</h2>
<p class="hint">Mottatte rapporter sekretariatet har bedt prosjektansvarlig om å fylle ut («Be om utfyllende rapport» på saken). Prosjektansvarlig får én påminnelse; sekretariatet får beskjed om lenken utløper uten svar. Trengs ikke svaret lenger, trekker du ønsket på saken («Trekk ønsket»).</p>
${supplementRequestsTable(supplementRequests)}` : ''}
<h2 id="rapporter">Rapporter på overtid</h2>
${reports.length === 0
  ? html`<p>Ingen rapporter er på overtid.</p>`
  : html`<p class="hint">${overdueRhythmNb(overdueRhythm)} Gir ${scheme.committee.shortName} utsatt frist, registrerer du den nye fristen på saken («Utsett en rapportfrist»).</p>
<div class="table-wrap" role="region" aria-label="Rapporter på overtid" tabindex="0"><table>
<caption>${count(reports.length, 'rapport', 'rapporter')} på overtid, eldste frist først</caption>
<thead><tr><th scope="col">Prosjekt</th><th scope="col">Rapport</th><th scope="col">Frist</th><th scope="col" class="num">Dager på overtid</th><th scope="col">Saksnummer</th></tr></thead>
<tbody>${reports.map(
    (r) => html`<tr><td><a href=${casePath(r.applicationId)}>${r.title}</a></td><td>${REPORT_KIND_LABELS[r.kind] ?? r.kind}</td><td>${date(r.dueDate)}</td><td class="num">${r.daysOverdue}</td><td>${r.applicationId}</td></tr>`,
  )}</tbody>
</table></div>`}
${missingInvoicesSection(missingInvoices, scheme.committee.shortName)}`,
  };
}
