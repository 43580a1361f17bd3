// A meeting's minutes (møteprotokoll): who attended, each decision recorded on the agenda with the
// case it concerns, the recommendation it rests on (two-level schemes) and the meeting's totals,
// and the committee's approval. Until the approval the secretariat records the attendance here and
// then the approval; the agenda links here, and each decision on a case links back.
import { agendaPath, casePath, minutesPath } from '../http/routes';
import type { DecisionOutcome } from '../domain/model';
import { approvalBlocked } from '../domain/meeting-minutes';
import { meetingPotYear } from '../domain/pot';
import type { meetingMinutes } from '../use-cases/meeting-minutes';
import { CSRF_FIELD } from './csrf';
import { count, date, dateTime, decisionText, kroner } from './format';
import { errorSummary, FormState, hidden } from './forms';
import { html, type Html } from './html';
import { recommendationFacts } from './recommendation-facts';
import { departedCase } from './departed-case';
import type { StaffPageForms } from './staff-form-post';

export type Minutes = Awaited<ReturnType<typeof meetingMinutes>>;
type MinutesCase = Minutes['cases'][number];

/** What the decision's text is, on the minutes. */
const REASON_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Merknad',
  reject: 'Begrunnelse',
  defer: 'Begrunnelse',
  more_information: 'Spørsmål til prosjektansvarlig',
  revoke: 'Begrunnelse',
  approve_reallocation: 'Merknad',
  refuse_reallocation: 'Begrunnelse',
  claim_repayment: 'Begrunnelse',
  change_period: 'Begrunnelse',
};

/** 'Behandlet 4 saker: 2 innvilget, 1 avslått, 1 utsatt.' (the outcomes that occurred). */
export function totalsText(t: Minutes['totals']): string {
  const parts = [
    [t.approved, 'innvilget'],
    [t.rejected, 'avslått'],
    [t.deferred, 'utsatt'],
    [t.moreInformation, 'bedt om mer informasjon'],
    [t.revoked, 'tilskudd trukket tilbake'],
    [t.reallocationsApproved, 'omdisponering godkjent'],
    [t.reallocationsRefused, 'omdisponering avslått'],
    [t.repaymentsClaimed, 'krav om tilbakebetaling'],
    [t.periodsChanged, 'ny prosjektperiode'],
  ] as const;
  const counted = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return `Behandlet ${count(t.decisions, 'sak', 'saker')}${counted.length ? `: ${counted.join(', ')}` : ''}.`;
}

function minutesCase(minutes: Minutes, c: MinutesCase): Html {
  const d = c.decision;
  const headingId = `vedtak-${c.applicationId}-${d.id}`;
  return html`<section class="case" aria-labelledby=${headingId}>
<h2 id=${headingId}>Sak ${c.number}: ${c.title}</h2>
<dl class="facts">
<dt>Saksnummer</dt><dd><a href=${casePath(c.applicationId)}>${c.applicationId}</a></dd>
<dt>Prosjektansvarlig</dt><dd>${c.owner.organisationName}, ${c.owner.unit}</dd>
<dt>Parter</dt><dd>${c.partners.join(', ')}</dd>
<dt>Omsøkt beløp</dt><dd>${kroner(c.requestedAmount)}</dd>
${d.matter ? html`<dt>Gjelder</dt><dd class="long-text">${d.matter}</dd>` : ''}
<dt>Vedtak</dt><dd><strong>${decisionText(d)}</strong></dd>
${d.reason ? html`<dt>${REASON_LABELS[d.outcome]}</dt><dd class="long-text">${d.reason}</dd>` : ''}
<dt>Registrert</dt><dd>${dateTime(d.at)}</dd>
<dt>${minutes.figuresAsOf ? 'Status ved godkjenning' : 'Status nå'}</dt><dd>${c.statusLabel}</dd>
${recusedIn(minutes, c.applicationId)}
</dl>
${minutes.preparation && d.recommendation ? recommendationFacts(minutes.preparation, minutes.committee.shortName, d.recommendation) : ''}
</section>`;
}

/** The decisions under their cases' numbers and, at theirs, the cases that left the agenda without a decision. */
function numberedCases(minutes: Minutes): Html[] {
  const entries = [
    ...minutes.cases.map((c) => ({ number: c.number, render: () => minutesCase(minutes, c) })),
    ...minutes.leftWithoutDecision.map((d) => ({ number: d.number, render: () => departedCase(minutes.meeting.schemeId, d) })),
  ];
  // (stable: a case's decisions stay in the order made)
  return entries.sort((a, b) => a.number - b.number).map((e) => e.render());
}

/** The minutes' two forms: the attendance, then the approval. */
export type MinutesFormName = 'attendance' | 'approval';

export type MinutesForms = StaffPageForms<MinutesFormName>;

export const MINUTES_NOTICES: Record<string, string> = {
  fremmote: 'Fremmøtet er lagret.',
  godkjent: 'Protokollen er godkjent. Den kan ikke lenger endres.',
};

export function attendancePath(schemeId: string, meetingId: string): string {
  return `${minutesPath(schemeId, meetingId)}/fremmote`;
}

export function minutesApprovalPath(schemeId: string, meetingId: string): string {
  return `${minutesPath(schemeId, meetingId)}/godkjenning`;
}

const names = (list: readonly string[]): Html => html`<ul class="plain">${list.map((n) => html`<li>${n}</li>`)}</ul>`;

/** Who stepped aside as disqualified while the case was dealt with, as the minutes say it. */
function recusedIn(minutes: Minutes, applicationId: string): Html | '' {
  const recused = minutes.attendance?.recused[applicationId] ?? [];
  return recused.length ? html`<dt>Inhabil, fratrådte</dt><dd>${names(recused)}</dd>` : '';
}

/** The cases the meeting dealt with, each once, in the minutes' order: those decided, then those still on the agenda. */
function casesOfMeeting(minutes: Minutes): Array<{ applicationId: string; label: string }> {
  const labels = new Map<string, string>();
  for (const c of minutes.cases) if (!labels.has(c.applicationId)) labels.set(c.applicationId, `Sak ${c.number}: ${c.title}`);
  for (const u of minutes.undecided) if (!labels.has(u.applicationId)) labels.set(u.applicationId, `Sak ${u.number}: ${u.title} (uten vedtak)`);
  return [...labels].map(([applicationId, label]) => ({ applicationId, label }));
}

/** The attendance form's values from what is recorded: the lists as lines, one text area per case with someone recused. */
function recordedAttendanceValues(attendance: NonNullable<Minutes['attendance']>): Record<string, string> {
  return {
    present: attendance.present.join('\n'),
    absent: attendance.absent.join('\n'),
    ...Object.fromEntries(Object.entries(attendance.recused).map(([applicationId, list]) => [`recused.${applicationId}`, list.join('\n')])),
  };
}

function attendanceSection(minutes: Minutes, forms: MinutesForms, form: FormState): Html {
  const { attendance, meeting } = minutes;
  const facts = attendance
    ? html`<dl class="facts">
<dt>Til stede</dt><dd>${names(attendance.present)}</dd>
<dt>Forfall</dt><dd>${attendance.absent.length ? names(attendance.absent) : 'Ingen'}</dd>
</dl>`
    : html`<p>${minutes.state === 'not_held' ? 'Fremmøtet registreres når møtet er i gang.' : 'Fremmøtet er ikke registrert.'}</p>`;
  if (minutes.state !== 'open') return html`<h2 id="fremmote">Fremmøte</h2>${facts}`;
  return html`<h2 id="fremmote">Fremmøte</h2>${facts}
<form method="post" action=${attendancePath(meeting.schemeId, meeting.id)} novalidate aria-label="Registrer fremmøte">
${hidden(CSRF_FIELD, forms.csrf)}
${!attendance && minutes.previousAttendance ? html`<p class="hint">Fylt ut med fremmøtet fra møtet ${date(minutes.previousAttendance.meetingId)}. Rett det som er annerledes på dette møtet før du lagrer.</p>` : ''}
${form.textarea('present', 'Til stede', { rows: 6, hint: 'Én person per linje, med navn og rolle, for eksempel «Kari Nordmann, leder (Stavanger kommune)».', context: 'Fremmøte' })}
${form.textarea('absent', 'Forfall (valgfritt)', { rows: 3, hint: 'Én person per linje.', context: 'Fremmøte' })}
${recusalFields(minutes, form)}
<button type="submit">${attendance ? 'Lagre endringene i fremmøtet' : 'Lagre fremmøtet'}</button>
</form>`;
}

/** Per case: who stepped aside as disqualified (forvaltningsloven § 6), written as under «Til stede». */
function recusalFields(minutes: Minutes, form: FormState): Html | '' {
  const cases = casesOfMeeting(minutes);
  if (cases.length === 0) return '';
  return html`<fieldset><legend>Inhabilitet (valgfritt)</legend>
<p class="hint">Skriv hvem som fratrådte som inhabil mens saken ble behandlet, én person per linje, slik navnet står under «Til stede».</p>
${cases.map((c) => form.textarea(`recused.${c.applicationId}`, c.label, { rows: 2, context: `Inhabilitet` }))}
</fieldset>`;
}

function approvalSection(minutes: Minutes, forms: MinutesForms, form: FormState): Html {
  const { approval, meeting } = minutes;
  if (approval) {
    return html`<h2 id="godkjenning">Godkjenning</h2>
<p><strong>Protokollen er godkjent.</strong> Godkjenningen ble registrert ${dateTime(approval.at)}.</p>
${approval.note ? html`<p class="long-text">${approval.note}</p>` : ''}`;
  }
  if (minutes.state === 'not_held') return html``;
  const intro = html`<h2 id="godkjenning">Godkjenning</h2>
<p>Protokollen er ikke godkjent. Når ${minutes.committee.shortName} har godkjent den, registrerer sekretariatet godkjenningen her. Deretter kan verken fremmøtet eller vedtakene i den endres.</p>`;
  // The same rule the approval is refused by: say what is missing instead of offering a button that fails.
  const blocked = approvalBlocked(minutes.state, (minutes.attendance?.present.length ?? 0) > 0, minutes.undecided.length);
  if (blocked) return html`${intro}<p class="notice"><strong>Protokollen kan ikke godkjennes ennå.</strong> ${blocked.message}</p>`;
  return html`${intro}
<form method="post" action=${minutesApprovalPath(meeting.schemeId, meeting.id)} novalidate aria-label="Godkjenn protokollen">
${hidden(CSRF_FIELD, forms.csrf)}
${form.textarea('note', 'Merknad (valgfritt)', { rows: 2, hint: `For eksempel «Godkjent i ${minutes.committee.shortName}-møtet» og møtets dato.`, context: 'Godkjenning' })}
<button type="submit">Godkjenn protokollen</button>
</form>`;
}

/**
 * What the figures and statuses are as of: a draft's are today's; approved minutes state them as they
 * stood at the approval, except those approved before that was kept, which say they are today's.
 */
function asOfNotice(minutes: Minutes): Html {
  if (!minutes.approval) return html`<p><strong>Utkast: protokollen er ikke godkjent.</strong> Tall og statuser er slik de er i dag.</p>`;
  if (minutes.figuresAsOf) return html`<p>Tall og statuser er slik de var da protokollen ble godkjent ${dateTime(minutes.figuresAsOf)}.</p>`;
  return html`<p class="notice">Protokollen ble godkjent før tallene ble lagret med godkjenningen. Tall og statuser er derfor slik de er i dag, ikke slik de var ved godkjenningen.</p>`;
}

export function minutesPage(minutes: Minutes, forms: MinutesForms): { title: string; body: Html } {
  const { meeting, totals, attendance } = minutes;
  const title = `Protokoll: ${meeting.title}`;
  const agenda = agendaPath(meeting.schemeId, meeting.id);
  const failed = (name: MinutesFormName) => (forms.failed?.form === name ? forms.failed : undefined);
  const previous = minutes.previousAttendance;
  const recorded = attendance ? recordedAttendanceValues(attendance) : previous ? { present: previous.present.join('\n'), absent: previous.absent.join('\n') } : {};
  const attendanceForm = new FormState(failed('attendance')?.values ?? recorded, failed('attendance')?.errors ?? {}, 'fremmote');
  const approvalForm = new FormState(failed('approval')?.values ?? {}, failed('approval')?.errors ?? {}, 'godkjenning');
  const attendanceHtml = attendanceSection(minutes, forms, attendanceForm);
  const approvalHtml = approvalSection(minutes, forms, approvalForm);
  const problem = forms.failed?.problem;
  return {
    title,
    body: html`${errorSummary([attendanceForm, approvalForm], problem ? [problem] : [])}
${forms.notice ?? ''}
<p><a href="/sekretariat">Tilbake til møteplanen</a> · <a href=${agenda}>Sakslisten</a></p>
<h1>${title}</h1>
${asOfNotice(minutes)}
<dl class="facts">
<dt>Møtedato</dt><dd>${dateTime(meeting.startsAt)}</dd>
<dt>Vedtak fattet av</dt><dd>${minutes.committee.name} (${minutes.committee.shortName})</dd>
<dt>Saker</dt><dd>${totalsText(totals)}</dd>
<dt>Tildelt i møtet</dt><dd>${kroner(totals.grantedAmount)}</dd>
<dt>Igjen i potten for ${meetingPotYear(meeting)} ${minutes.figuresAsOf ? 'per godkjenning' : 'i dag'}</dt><dd>${minutes.potRemaining === undefined ? 'Ingen pott registrert' : kroner(minutes.potRemaining)}</dd>
</dl>
${attendanceHtml}
${minutes.cases.length === 0 ? html`<p>Ingen vedtak er registrert for dette møtet ennå.</p>` : ''}
${numberedCases(minutes)}
${minutes.undecided.length === 0 ? '' : html`<section aria-labelledby="uten-vedtak">
<h2 id="uten-vedtak">Saker uten vedtak</h2>
<p>Disse sakene står på sakslisten uten at vedtak er registrert:</p>
<ul>${minutes.undecided.map((u) => html`<li>Sak ${u.number}: <a href=${`${agenda}#sak-${u.applicationId}`}>${u.title}</a> (${u.statusLabel}, omsøkt ${kroner(u.requestedAmount)})</li>`)}</ul>
</section>`}
${approvalHtml}`,
  };
}
