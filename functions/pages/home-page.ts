// The landing page: each configured scheme, its next deadlines and a link to its form; then the
// privacy notice (#personvern), which the footer of every page links to.
import type { PublicScheme } from './application-form-page';
import { date, dateTime } from './format';
import { html, type Html } from './html';
import { applicationFormPath, deadlineCalendarPath } from '../http/routes';
import { LOST_LINK_PATH } from './lost-link-page';
import { privacySection, type PrivacyNotice } from './privacy-notice';

export function homePage(schemes: readonly PublicScheme[], privacy: PrivacyNotice): { title: string; body: Html } {
  const title = 'Søk om rekrutterings- og samhandlingstilskudd';
  return {
    title,
    body: html`<h1>${title}</h1>
<p class="lead">Helsefellesskapene gir tilskudd til prosjekter der kommunene og helseforetaket sammen rekrutterer, beholder og deler personell, eller løser en samhandlingsutfordring.</p>
<p>Søknaden fylles ut av prosjektansvarlig. Alle partene signerer etterpå gjennom en lenke de får på e-post.</p>
${schemes.map((s) => {
  const open = s.upcomingMeetings.filter((m) => m.open).slice(0, 3);
  return html`<section aria-labelledby=${`ordning-${s.id}`}>
<h2 id=${`ordning-${s.id}`}>${s.name}</h2>
<p>Behandles av ${s.committee.name} (${s.committee.shortName}). Søknader må være komplette – signert av alle partene – ${s.submissionLeadDays} dager før møtet.</p>
${open.length ? html`<div class="table-wrap" role="region" aria-label=${`Neste møter i ${s.committee.shortName}, ${s.name}`} tabindex="0"><table>
<caption>Neste møter i ${s.committee.shortName}</caption>
<thead><tr><th scope="col">Møte</th><th scope="col">Dato</th><th scope="col">Søknadsfrist</th></tr></thead>
<tbody>${open.map((m) => html`<tr><td>${m.title}</td><td>${date(m.date)}</td><td>${dateTime(m.submissionDeadline)}</td></tr>`)}</tbody>
</table></div>` : html`<p>Ingen møter med åpen søknadsfrist er lagt inn.</p>`}
<p><a class="button" href=${applicationFormPath(s.id)}>Søk om tilskudd i ${s.name}</a></p>
<p><a href=${deadlineCalendarPath(s.id)}>Legg søknadsfristene i kalenderen din</a> (abonner på adressen i Outlook, Google eller Apple Kalender, så kommer nye møter med)</p>
<p class="muted">Spørsmål: <a href=${`mailto:${s.contact.secretariatEmail}`}>${s.contact.secretariatEmail}</a></p>
</section>`;
})}
<p><a href=${LOST_LINK_PATH}>Mistet lenken til søknaden din?</a></p>
${privacySection(privacy)}
<h2>For saksbehandlere</h2>
<ul>
<li><a href="/sekretariat">Sekretariatet: møteplan og sakslister</a></li>
<li><a href="/okonomi">Økonomi: utbetalinger</a></li>
</ul>`,
  };
}
