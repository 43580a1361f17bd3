// A meeting's minutes (møteprotokoll): each decision recorded on the agenda, with the case it
// concerns, the recommendation it rests on (two-level schemes) and the meeting's totals. It only
// reads; the agenda links here, and each decision on a case links back.
import { agendaPath, casePath } from '../http/routes';
import type { DecisionOutcome } from '../domain/model';
import type { meetingMinutes } from '../use-cases/meeting-minutes';
import { dateTime, decisionText, kroner } from './format';
import { html, type Html } from './html';
import { recommendationFacts } from './recommendation-facts';

export type Minutes = Awaited<ReturnType<typeof meetingMinutes>>;
type MinutesCase = Minutes['cases'][number];

/** What the decision's text is, on the minutes. */
const REASON_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Merknad',
  reject: 'Begrunnelse',
  defer: 'Begrunnelse',
  more_information: 'Spørsmål til prosjektansvarlig',
};

/** 'Behandlet 4 saker: 2 innvilget, 1 avslått, 1 utsatt.' (the outcomes that occurred). */
export function totalsText(t: Minutes['totals']): string {
  const parts = [
    [t.approved, 'innvilget'],
    [t.rejected, 'avslått'],
    [t.deferred, 'utsatt'],
    [t.moreInformation, 'bedt om mer informasjon'],
  ] as const;
  const counted = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return `Behandlet ${t.decisions} ${t.decisions === 1 ? 'sak' : 'saker'}${counted.length ? `: ${counted.join(', ')}` : ''}.`;
}

function minutesCase(minutes: Minutes, c: MinutesCase): Html {
  const d = c.decision;
  const headingId = `vedtak-${c.applicationId}-${d.id}`;
  return html`<section class="case" aria-labelledby=${headingId}>
<h2 id=${headingId}>Sak ${c.number}: ${c.title}</h2>
<dl class="facts">
<dt>Saksnummer</dt><dd><a href=${casePath(c.applicationId)}>${c.applicationId}</a></dd>
<dt>Prosjektansvarlig</dt><dd>${c.owner.organisationName}, ${c.owner.unit}</dd>
<dt>Partnere</dt><dd>${c.partners.join(', ')}</dd>
<dt>Omsøkt beløp</dt><dd>${kroner(c.requestedAmount)}</dd>
<dt>Vedtak</dt><dd><strong>${decisionText(d)}</strong></dd>
${d.reason ? html`<dt>${REASON_LABELS[d.outcome]}</dt><dd class="long-text">${d.reason}</dd>` : ''}
<dt>Registrert</dt><dd>${dateTime(d.at)}</dd>
<dt>Status nå</dt><dd>${c.statusLabel}</dd>
</dl>
${minutes.preparation && d.recommendation ? recommendationFacts(minutes.preparation, minutes.committee.shortName, d.recommendation) : ''}
</section>`;
}

export function minutesPage(minutes: Minutes): { title: string; body: Html } {
  const { meeting, totals } = minutes;
  const title = `Protokoll: ${meeting.title}`;
  const agenda = agendaPath(meeting.schemeId, meeting.id);
  return {
    title,
    body: html`<p><a href="/sekretariat">Tilbake til møteplanen</a> · <a href=${agenda}>Sakslisten</a></p>
<h1>${title}</h1>
<dl class="facts">
<dt>Møtedato</dt><dd>${dateTime(meeting.startsAt)}</dd>
<dt>Vedtak fattet av</dt><dd>${minutes.committee.name} (${minutes.committee.shortName})</dd>
<dt>Saker</dt><dd>${totalsText(totals)}</dd>
<dt>Tildelt i møtet</dt><dd>${kroner(totals.grantedAmount)}</dd>
<dt>Igjen i årets pott</dt><dd>${minutes.potRemaining === undefined ? 'Ingen pott registrert' : kroner(minutes.potRemaining)}</dd>
</dl>
${minutes.cases.length === 0 ? html`<p>Ingen vedtak er registrert for dette møtet ennå.</p>` : minutes.cases.map((c) => minutesCase(minutes, c))}
${minutes.undecided.length === 0 ? '' : html`<section aria-labelledby="uten-vedtak">
<h2 id="uten-vedtak">Saker uten vedtak</h2>
<p>Disse sakene står på sakslisten uten at vedtak er registrert:</p>
<ul>${minutes.undecided.map((u) => html`<li><a href=${`${agenda}#sak-${u.applicationId}`}>${u.title}</a> (${u.statusLabel}, omsøkt ${kroner(u.requestedAmount)})</li>`)}</ul>
</section>`}`,
  };
}
