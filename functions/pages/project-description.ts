// The parts of a case that more than one page shows: the project description (the partner signs it
// in cosign-page.ts, the committee decides on it on the agenda, the secretariat reads it in the
// case, the owner sees what was sent), the reports as sent (the owner's report page and the case)
// and the history (the owner's status page and the secretariat's case).
import { DIRECT_ANCHORING, type GroupCopy, type PublishedAnchoring } from '../domain/anchoring';
import { ownContribution } from '../domain/budget';
import type { AuditEntry, ReportRecord } from '../domain/model';
import { casePath } from '../http/routes';
import type { earlierGrant } from '../use-cases/continuation';
import type { publicProjectDescription } from '../use-cases/cosign-application';
import { actionLabel, ANCHORING_KIND_LABELS, date, dateTime, kroner, PARTNER_KIND_LABELS } from './format';
import { html, type Html } from './html';

type Project = ReturnType<typeof publicProjectDescription>;
type Labels = readonly { id: string; label: string }[];

export function labelled(ids: readonly string[], known: readonly { id: string; label: string }[]): string[] {
  return ids.map((id) => known.find((k) => k.id === id)?.label ?? id);
}

/** The budget as a table: each partner's own contribution and requested grant, with sums. */
export function budgetTable(budget: Project['budget'], partnerName: (index: number) => string, caption = 'Budsjett'): Html {
  const sum = (f: (b: Project['budget'][number]) => number) => budget.reduce((n, b) => n + f(b), 0);
  return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Part</th><th scope="col" class="num">Personell</th><th scope="col" class="num">Økonomiske midler</th><th scope="col" class="num">Innkjøp</th><th scope="col" class="num">Utstyr</th><th scope="col" class="num">Egen innsats</th><th scope="col" class="num">Omsøkt tilskudd</th></tr></thead>
<tbody>${budget.map(
    (b) => html`<tr><th scope="row">${partnerName(b.partnerIndex)}</th><td class="num">${kroner(b.personnel)}</td><td class="num">${kroner(b.money)}</td><td class="num">${kroner(b.purchases)}</td><td class="num">${kroner(b.equipment)}</td><td class="num">${kroner(ownContribution(b))}</td><td class="num">${kroner(b.requestedGrant)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Sum</th><td class="num">${kroner(sum((b) => b.personnel))}</td><td class="num">${kroner(sum((b) => b.money))}</td><td class="num">${kroner(sum((b) => b.purchases))}</td><td class="num">${kroner(sum((b) => b.equipment))}</td><td class="num">${kroner(sum(ownContribution))}</td><td class="num">${kroner(sum((b) => b.requestedGrant))}</td></tr></tfoot>
</table></div>`;
}

/**
 * Where the project is anchored, as rows of a facts list; nothing where the scheme does not ask.
 * `committee`: the committee's short name, to which a project may go directly with a justification.
 * `copyTo`: on the secretariat's case, who gets the copy of the decisions (the register's leaders).
 */
export function anchoringFacts(anchoring: PublishedAnchoring | undefined, committee: string, copyTo?: GroupCopy | null): Html | '' {
  if (!anchoring) return '';
  if (anchoring.kind === DIRECT_ANCHORING) {
    return html`<dt>Forankring</dt><dd>Sendt direkte til ${committee}</dd>
<dt>Begrunnelse og forankringsprosess</dt><dd class="long-text">${anchoring.justification}</dd>`;
  }
  const group = html`<dt>Forankring</dt><dd>${ANCHORING_KIND_LABELS[anchoring.kind] ?? anchoring.kind}: ${anchoring.name}</dd>`;
  if (copyTo === undefined) return group;
  return html`${group}
<dt>Kopi av vedtak til</dt><dd>${copyTo ? `leder ${copyTo.leaderEmail} og nestleder ${copyTo.deputyLeaderEmail}` : 'Ingen: gruppen finnes ikke lenger i registeret'}</dd>`;
}

type EarlierGrant = NonNullable<Awaited<ReturnType<typeof earlierGrant>>>;

/**
 * The grant a continuation carries on, as rows of a facts list: what it got, for when, where it
 * stands and what its latest report says (the secretariat's pages; the link opens that case).
 */
export function earlierGrantFacts(grant: EarlierGrant | null): Html | '' {
  if (!grant) return '';
  const report = grant.latestReport;
  return html`<dt>Videreføring av</dt><dd><a href=${casePath(grant.applicationId)}>${grant.title}</a> (${grant.applicationId}): ${kroner(grant.amount)} for ${date(grant.periodStart)}–${date(grant.periodEnd)}, ${grant.status.toLowerCase()}</dd>
<dt>Siste rapport for den</dt><dd>${report
    ? html`${report.kind === 'final' ? 'Sluttrapport' : 'Statusrapport'} ${date(report.submittedOn)}: brukt ${kroner(report.spentAmount)}. <span class="long-text">${report.effect}</span>`
    : 'Ingen rapport ennå'}${grant.repaymentClaimed > 0 ? html` <strong>(krav om tilbakebetaling: ${kroner(grant.repaymentClaimed)})</strong>` : ''}</dd>`;
}

/** The applications that go on with this grant (the case of the earlier grant). */
export function continuationFacts(continuations: ReadonlyArray<{ applicationId: string; title: string; statusLabel: string; submittedAt: string }>): Html | '' {
  if (continuations.length === 0) return '';
  return html`<dt>Videreføres i</dt><dd><ul class="plain">${continuations.map(
    (c) => html`<li><a href=${casePath(c.applicationId)}>${c.title}</a> (${c.applicationId}): ${c.statusLabel.toLowerCase()}, sendt inn ${dateTime(c.submittedAt)}</li>`,
  )}</ul></dd>`;
}

/**
 * The application's own account: the collaboration challenge, the need, the expected effect for each
 * level, the national guidelines and patient groups it answers, who has the patients. The partner
 * signs it; the committee decides on it (the agenda).
 */
export function projectTexts(
  p: Pick<Project, 'challenge' | 'need' | 'expectedEffect' | 'guidelineAreas' | 'priorityPatientGroups'> & { patientResponsibility?: string | undefined; otherNeed?: string | undefined },
  scheme: { guidelineAreas: Labels; priorityPatientGroups: Labels },
): Html {
  return html`<h3>Samhandlingsutfordringen</h3><p class="long-text">${p.challenge}</p>
<h3>Behovet tilskuddet skal dekke</h3><p class="long-text">${p.need}</p>
<h3>Forventet effekt</h3>
<dl class="facts">
<dt>For innbyggerne</dt><dd class="long-text">${p.expectedEffect.citizen}</dd>
<dt>For sykehuset</dt><dd class="long-text">${p.expectedEffect.hospital}</dd>
<dt>For kommunen</dt><dd class="long-text">${p.expectedEffect.municipality}</dd>
</dl>
${p.guidelineAreas.length ? html`<h3>Nasjonale føringer</h3><ul>${labelled(p.guidelineAreas, scheme.guidelineAreas).map((l) => html`<li>${l}</li>`)}</ul>` : ''}
${p.otherNeed ? html`<h3>Andre behov</h3><p class="long-text">${p.otherNeed}</p>` : ''}
${p.priorityPatientGroups.length ? html`<h3>Prioriterte pasientgrupper</h3><ul>${labelled(p.priorityPatientGroups, scheme.priorityPatientGroups).map((l) => html`<li>${l}</li>`)}</ul>` : ''}
${p.patientResponsibility ? html`<h3>Pasientansvar</h3><p class="long-text">${p.patientResponsibility}</p>` : ''}`;
}

/** The scheme's words for what an application picks: its committee, criteria, guideline areas and patient groups. */
export interface SchemeLabels {
  committee: { shortName: string };
  criteria: Labels;
  guidelineAreas: Labels;
  priorityPatientGroups: Labels;
}

/**
 * The whole project description as published to the partners (no addresses or contact names): the
 * partner signs it, and the owner sees on the status page what was sent and signed.
 */
export function projectDescription(p: Project, scheme: SchemeLabels, heading = 'Prosjektbeskrivelsen'): Html {
  const partnerName = (i: number) => p.partners[i]?.organisationName ?? `Part ${i + 1}`;
  return html`<h2>${heading}</h2>
<dl class="facts">
<dt>Prosjekt</dt><dd>${p.title}</dd>
<dt>Prosjektansvarlig</dt><dd>${p.owner.organisationName}, ${p.owner.unit}</dd>
<dt>Periode</dt><dd>${date(p.periodStart)}–${date(p.periodEnd)}</dd>
${p.continues ? html`<dt>Videreføring av</dt><dd>tiltaket med saksnummer ${p.continues}</dd>` : ''}
<dt>Omsøkt beløp</dt><dd>${kroner(p.requestedAmount)}</dd>
${anchoringFacts(p.anchoring, scheme.committee.shortName)}
</dl>
<h3>Sammendrag</h3><p class="long-text">${p.summary}</p>
${projectTexts(p, scheme)}
<h3>Kriterier prosjektet oppfyller</h3>
<ul>${labelled(p.criteriaMet, scheme.criteria).map((l) => html`<li>${l}</li>`)}</ul>
<h3>Parter</h3>
<div class="table-wrap" role="region" aria-label="Parter" tabindex="0"><table>
<caption>Parter i prosjektet</caption>
<thead><tr><th scope="col">Organisasjon</th><th scope="col">Org.nr.</th><th scope="col">Type</th><th scope="col">Rolle</th></tr></thead>
<tbody>${p.partners.map((x) => html`<tr><td>${x.organisationName}</td><td>${x.organisationNumber}</td><td>${PARTNER_KIND_LABELS[x.kind] ?? x.kind}</td><td>${x.role}</td></tr>`)}</tbody>
</table></div>
<h3>Budsjett</h3>
${budgetTable(p.budget, partnerName)}`;
}

/** A report as it was sent (the owner reads it back; the secretariat reads it in the case). */
export function reportFacts(r: Pick<ReportRecord, 'progress' | 'effect' | 'spentAmount' | 'lessonsLearned' | 'deviations'>): Html {
  return html`<dl class="facts">
<dt>Brukt av tilskuddet</dt><dd>${kroner(r.spentAmount)}</dd>
<dt>Fremdrift</dt><dd class="long-text">${r.progress}</dd>
<dt>Effekt</dt><dd class="long-text">${r.effect}</dd>
${r.lessonsLearned ? html`<dt>Erfaringer og læring</dt><dd class="long-text">${r.lessonsLearned}</dd>` : ''}
${r.deviations ? html`<dt>Avvik fra planen</dt><dd class="long-text">${r.deviations}</dd>` : ''}
</dl>`;
}

/**
 * What happened to the application, oldest first; `by` adds who did it (the secretariat's view).
 * `costBooked`: the grant is a cost booking, so finance's "paid" is "Kostnadsført", as its page says.
 */
/** What the owner wrote about what changed in a revision (the answer to a question, often), as the case and the agenda show it. */
export function changeNoteFacts(version: number, changeNote: string | null | undefined): Html | '' {
  return changeNote ? html`<dt>Endringer i versjon ${version}</dt><dd class="long-text">${changeNote}</dd>` : '';
}

export function historyTable<E extends Pick<AuditEntry, 'at' | 'action' | 'to'>>(history: readonly E[], by?: (entry: E) => string, costBooked = false, labelOf?: (entry: E) => string | undefined): Html {
  const label = (h: E) => labelOf?.(h) ?? (costBooked && h.action === 'paid' ? 'Kostnadsført' : actionLabel(h.action, h.to));
  return html`<div class="table-wrap" role="region" aria-label="Historikk" tabindex="0"><table>
<caption>Hva som har skjedd med søknaden</caption>
<thead><tr><th scope="col">Tidspunkt</th><th scope="col">Hendelse</th>${by ? html`<th scope="col">Av</th>` : ''}</tr></thead>
<tbody>${history.map((h) => html`<tr><td>${dateTime(h.at)}</td><td>${label(h)}</td>${by ? html`<td>${by(h)}</td>` : ''}</tr>`)}</tbody>
</table></div>`;
}
