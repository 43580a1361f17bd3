// Two-level schemes: what the preparatory body recommended, on the agenda and on the case.
import type { Recommendation } from '../domain/model';
import type { getAgenda } from '../use-cases/committee';
import { dateTime } from './format';
import { html, type Html } from './html';

type Preparation = Awaited<ReturnType<typeof getAgenda>>['preparation'];

/** The recommendation, or a notice that the committee waits for it. */
export function recommendationFacts(preparation: Preparation, committeeShortName: string, r: Recommendation | null | undefined): Html {
  const by = preparation?.body.shortName ?? '';
  if (!r) return html`<p class="notice"><strong>Venter på innstilling fra ${by}.</strong> ${committeeShortName} kan fatte vedtak når innstillingen er registrert.</p>`;
  return html`<dl class="facts">
<dt>Innstilling fra ${r.by}</dt><dd>${r.recommended ? 'Innstilt' : 'Ikke innstilt'}${r.rank !== undefined ? `, prioritet ${r.rank}` : ''} (${dateTime(r.at)})</dd>
${r.comment ? html`<dt>Begrunnelse</dt><dd class="long-text">${r.comment}</dd>` : ''}
${participantFacts(preparation?.members ?? [], r.participants)}
</dl>`;
}

/** Who took part in the recommendation; a member who did not is named, so the committee sees it. */
function participantFacts(members: ReadonlyArray<{ represents: string; title: string }>, participants: readonly string[] = []): Html | '' {
  if (members.length === 0) return '';
  const absent = members.filter((m) => !participants.includes(m.represents));
  return html`<dt>Deltok</dt><dd>${members.filter((m) => participants.includes(m.represents)).map((m) => m.title).join(', ') || 'Ikke registrert'}${absent.length ? html` <strong>(deltok ikke: ${absent.map((m) => m.title).join(', ')})</strong>` : ''}</dd>`;
}
