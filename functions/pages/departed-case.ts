// A case that left a meeting's agenda without a decision once the agenda was out: the agenda and the
// minutes keep it as a line under its number, saying what happened, so the numbers the committee
// prepared from stay the same.
import type { MinutesSnapshotDeparture } from '../domain/model';
import { agendaPath, casePath } from '../http/routes';
import { date, dayOf } from './format';
import { html, type Html } from './html';

/** What happened to it: 'trukket av søkeren 12.12.2026', 'flyttet til møtet 28.01.2027', 'avsluttet uten vedtak 12.12.2026', 'mer informasjon etterspurt før møtet, 05.12.2026'. */
export function departureText(d: Pick<MinutesSnapshotDeparture, 'kind' | 'at' | 'movedTo'>): string {
  if (d.kind === 'asked') return `mer informasjon etterspurt før møtet, ${dayOf(d.at)}`;
  if (d.kind === 'moved') return `flyttet til møtet ${d.movedTo ? date(d.movedTo.date) : dayOf(d.at)}${d.movedTo?.offCalendar ? ', som siden er tatt av møteplanen' : ''}`;
  return `${d.kind === 'withdrawn' ? 'trukket av søkeren' : 'avsluttet uten vedtak'} ${dayOf(d.at)}`;
}

/** Its line: 'Sak 3: «Title» – trukket av søkeren 12.12.2026', with links to the case and, moved, to the agenda it went to. */
export function departedCase(schemeId: string, d: MinutesSnapshotDeparture): Html {
  const headingId = `sak-${d.applicationId}-tittel`;
  // A meeting taken off the calendar has no agenda: the case shows where it went on to.
  const movedTo = d.movedTo && !d.movedTo.offCalendar ? html`<a href=${agendaPath(schemeId, d.movedTo.id)}>Sakslisten for møtet ${date(d.movedTo.date)}</a> · ` : '';
  return html`<section class="case" id=${`sak-${d.applicationId}`} aria-labelledby=${headingId}>
<h2 id=${headingId}>Sak ${d.number}: «${d.title}» – ${departureText(d)}</h2>
<p>Saken står ikke lenger på sakslisten og ble ikke behandlet i møtet. ${movedTo}<a href=${casePath(d.applicationId)}>Hele saken</a></p>
</section>`;
}
