// The partner's co-signature page: the whole project description as published to partners
// (getCosignView), the budget, and a form to sign or decline with a reason. GET never acts.
import type { getCosignPage } from '../use-cases/page-views';
import { ANCHORING_KIND_LABELS, date, dateTime, kroner, PARTNER_KIND_LABELS } from './format';
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';

export type CosignView = Awaited<ReturnType<typeof getCosignPage>>;
type Project = CosignView['project'];

export function cosignPath(linkId: string): string {
  return `/signering/${encodeURIComponent(linkId)}`;
}

function labelled(ids: readonly string[], known: readonly { id: string; label: string }[]): string[] {
  return ids.map((id) => known.find((k) => k.id === id)?.label ?? id);
}

/** The budget as a table: each partner's own contribution and requested grant, with sums. */
export function budgetTable(budget: Project['budget'], partnerName: (index: number) => string, caption = 'Budsjett'): Html {
  const own = (b: Project['budget'][number]) => b.personnel + b.money + b.purchases + b.equipment;
  const sum = (f: (b: Project['budget'][number]) => number) => budget.reduce((n, b) => n + f(b), 0);
  return html`<div class="table-wrap" role="region" aria-label=${caption} tabindex="0"><table>
<caption>${caption}</caption>
<thead><tr><th scope="col">Partner</th><th scope="col" class="num">Personell</th><th scope="col" class="num">Økonomiske midler</th><th scope="col" class="num">Innkjøp</th><th scope="col" class="num">Utstyr</th><th scope="col" class="num">Egen innsats</th><th scope="col" class="num">Omsøkt tilskudd</th></tr></thead>
<tbody>${budget.map(
    (b) => html`<tr><th scope="row">${partnerName(b.partnerIndex)}</th><td class="num">${kroner(b.personnel)}</td><td class="num">${kroner(b.money)}</td><td class="num">${kroner(b.purchases)}</td><td class="num">${kroner(b.equipment)}</td><td class="num">${kroner(own(b))}</td><td class="num">${kroner(b.requestedGrant)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Sum</th><td class="num">${kroner(sum((b) => b.personnel))}</td><td class="num">${kroner(sum((b) => b.money))}</td><td class="num">${kroner(sum((b) => b.purchases))}</td><td class="num">${kroner(sum((b) => b.equipment))}</td><td class="num">${kroner(sum(own))}</td><td class="num">${kroner(sum((b) => b.requestedGrant))}</td></tr></tfoot>
</table></div>`;
}

type Labels = readonly { id: string; label: string }[];

/**
 * The application's own account: the collaboration challenge, the need, the expected effect for each
 * level, the national guidelines and patient groups it answers, who has the patients. The partner
 * signs it; the committee decides on it (the agenda).
 */
export function projectTexts(
  p: Pick<Project, 'challenge' | 'need' | 'expectedEffect' | 'guidelineAreas' | 'priorityPatientGroups' | 'patientResponsibility'>,
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
<h3>Nasjonale føringer</h3>
<ul>${labelled(p.guidelineAreas, scheme.guidelineAreas).map((l) => html`<li>${l}</li>`)}</ul>
${p.priorityPatientGroups.length ? html`<h3>Prioriterte pasientgrupper</h3><ul>${labelled(p.priorityPatientGroups, scheme.priorityPatientGroups).map((l) => html`<li>${l}</li>`)}</ul>` : ''}
${p.patientResponsibility ? html`<h3>Pasientansvar</h3><p class="long-text">${p.patientResponsibility}</p>` : ''}`;
}

function projectDescription(view: CosignView): Html {
  const p = view.project;
  const partnerName = (i: number) => p.partners[i]?.organisationName ?? `Partner ${i + 1}`;
  return html`<h2>Prosjektbeskrivelsen</h2>
<dl class="facts">
<dt>Prosjekt</dt><dd>${p.title}</dd>
<dt>Prosjektansvarlig</dt><dd>${p.owner.organisationName}, ${p.owner.unit}</dd>
<dt>Periode</dt><dd>${date(p.periodStart)}–${date(p.periodEnd)}</dd>
<dt>Omsøkt beløp</dt><dd>${kroner(p.requestedAmount)}</dd>
<dt>Forankring</dt><dd>${ANCHORING_KIND_LABELS[p.anchoring.kind] ?? p.anchoring.kind}: ${p.anchoring.name}</dd>
</dl>
<h3>Sammendrag</h3><p class="long-text">${p.summary}</p>
${projectTexts(p, view.scheme)}
<h3>Kriterier prosjektet oppfyller</h3>
<ul>${labelled(p.criteriaMet, view.scheme.criteria).map((l) => html`<li>${l}</li>`)}</ul>
<h3>Partnere</h3>
<div class="table-wrap" role="region" aria-label="Partnere" tabindex="0"><table>
<caption>Partnere i prosjektet</caption>
<thead><tr><th scope="col">Organisasjon</th><th scope="col">Org.nr.</th><th scope="col">Type</th><th scope="col">Rolle</th></tr></thead>
<tbody>${p.partners.map((x) => html`<tr><td>${x.organisationName}</td><td>${x.organisationNumber}</td><td>${PARTNER_KIND_LABELS[x.kind] ?? x.kind}</td><td>${x.role}</td></tr>`)}</tbody>
</table></div>
<h3>Budsjett</h3>
${budgetTable(p.budget, partnerName)}`;
}

export interface CosignForm {
  values: FormBody;
  errors: FieldErrors;
}

export const COSIGN_NOTICES: Record<string, string> = {
  signert: 'Takk! Du har signert søknaden.',
  avslatt: 'Du har avslått å signere. Prosjektansvarlig får beskjed og kan sende inn en revidert søknad.',
};

export function cosignPage(view: CosignView, linkId: string, form?: CosignForm, notice?: Html | string): { title: string; body: Html } {
  const state = new FormState(form?.values ?? {}, form?.errors ?? {}, 'signering');
  const partner = view.partner;
  let action: Html;
  if (view.answer) {
    action = html`<div class="notice success" id="svar"><p>${
      view.answer.decision === 'signed' ? 'Du signerte søknaden' : 'Du avslo å signere søknaden'
    } ${dateTime(view.answer.at)}.</p></div>`;
  } else if (!view.current) {
    action = html`<div class="notice warning"><p>Søknaden er endret eller ikke lenger til signering. Du får en ny lenke på e-post hvis du skal signere en ny versjon.</p></div>`;
  } else {
    action = html`<h2 id="svar">Ditt svar</h2>
<p>Du svarer for ${partner?.organisationName ?? 'organisasjonen din'}. Signaturen gjelder denne versjonen (versjon ${view.version}) av søknaden.</p>
<form method="post" action=${cosignPath(linkId)} novalidate>
${state.textarea('reason', 'Begrunnelse hvis du avslår', { hint: 'Må fylles ut hvis du avslår. Prosjektansvarlig ser begrunnelsen.', rows: 3, summaryLabel: 'Begrunnelse' })}
<div class="actions">
<button type="submit" name="decision" value="sign">Signer søknaden</button>
<button type="submit" name="decision" value="decline" class="danger">Avslå signering</button>
</div>
</form>`;
  }
  const title = `Signering: ${view.project.title}`;
  const summary = errorSummary([state]);
  return {
    title: state.hasErrors() ? `Feil: ${title}` : title,
    body: html`${summary}<h1>${title}</h1>
${notice ?? ''}
<p class="lead">${partner ? html`${partner.contactName}, ${partner.organisationName} er oppgitt som partner med rollen «${partner.role}».` : ''} Les prosjektbeskrivelsen og signer hvis organisasjonen din stiller seg bak søknaden til ${view.scheme.committee.shortName} i ${view.scheme.name}.</p>
${view.current && !view.answer ? html`<p><a href="#svar">Gå til signering</a></p>` : ''}
${projectDescription(view)}
${action}`,
  };
}
