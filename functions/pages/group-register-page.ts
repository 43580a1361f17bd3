// The register of service-model groups and professional councils: who leads each, and so who gets
// the copy of the committee's decisions. The groups are configuration; the secretariat keeps the
// leaders' addresses here (a new leader), and later decisions go to the new addresses.
import type { groupRegisterView } from '../use-cases/group-register';
import { ANCHORING_KIND_LABELS, dateTime } from './format';
import { CSRF_FIELD } from './csrf';
import { errorSummary, FormState, hidden } from './forms';
import { html, type Html } from './html';
import type { StaffPageForms } from './staff-form-post';

export type GroupRegisterView = Awaited<ReturnType<typeof groupRegisterView>>;

/** The form that failed is named by its group's id. */
export type GroupRegisterForms = StaffPageForms<string>;

export const GROUP_REGISTER_NOTICES: Record<string, string> = {
  lagret: 'Lederne er lagret. Kopien av vedtakene som sendes fra nå av, går til de nye adressene.',
};

export function groupRegisterPath(schemeId: string): string {
  return `/sekretariat/${encodeURIComponent(schemeId)}/grupper`;
}

export function groupLeadersPath(schemeId: string, groupId: string): string {
  return `${groupRegisterPath(schemeId)}/${encodeURIComponent(groupId)}`;
}

export function groupRegisterPage(view: GroupRegisterView, forms: GroupRegisterForms): { title: string; body: Html } {
  const title = `Tjenestemodellgrupper og fagråd – ${view.schemeName}`;
  const states: FormState[] = [];
  // Built before the page: the error summary at its top lists their states.
  const groups = view.groups.map((g) => {
    const mine = forms.failed?.form === g.id ? forms.failed : undefined;
    const form = new FormState(mine?.values ?? {}, mine?.errors ?? {}, `gruppe-${g.id}`);
    states.push(form);
    return groupSection(view.schemeId, g, form, forms.csrf, mine?.problem);
  });
  return {
    title,
    body: html`${errorSummary(states, forms.failed?.problem ? [forms.failed.problem] : [])}
${forms.notice ?? ''}
<p><a href="/sekretariat">Tilbake til møteplanen</a></p>
<h1>${title}</h1>
<p>Lederen og nestlederen av gruppen et prosjekt er forankret i, får kopi av ${view.committee}s vedtak om prosjektet. Får en gruppe ny leder, skriver du de nye adressene her: vedtak som sendes etter endringen, går dit. Gruppene selv (navn og type) står i ordningens oppsett.</p>
${groups}`,
  };
}

function groupSection(schemeId: string, g: GroupRegisterView['groups'][number], form: FormState, csrf: string, problem: string | undefined): Html {
  const prefill = (key: 'leaderEmail' | 'deputyLeaderEmail') => (form.value(key) ? {} : { value: g[key] });
  return html`<section class="group" id=${`gruppe-${g.id}`} aria-labelledby=${`gruppe-${g.id}-navn`}>
<h2 id=${`gruppe-${g.id}-navn`}>${g.name}</h2>
<dl class="facts">
<dt>Type</dt><dd>${ANCHORING_KIND_LABELS[g.kind] ?? g.kind}</dd>
<dt>Leder</dt><dd>${g.leaderEmail}</dd>
<dt>Nestleder</dt><dd>${g.deputyLeaderEmail}</dd>
<dt>Endret</dt><dd>${g.changed ? html`${dateTime(g.changed.at)} av ${g.changed.by} (før: ${g.changed.previous.leaderEmail}, ${g.changed.previous.deputyLeaderEmail})` : 'Som i ordningens oppsett'}</dd>
</dl>
<details class="group-leaders"${form.hasErrors() || problem ? html` open` : ''}><summary>Endre lederne</summary>
<form method="post" action=${groupLeadersPath(schemeId, g.id)} novalidate aria-label=${`Endre lederne av ${g.name}`}>
${hidden(CSRF_FIELD, csrf)}
${form.input('leaderEmail', 'Leders e-postadresse', { type: 'email', autocomplete: 'off', context: `${g.name}`, ...prefill('leaderEmail') })}
${form.input('deputyLeaderEmail', 'Nestleders e-postadresse', { type: 'email', autocomplete: 'off', context: `${g.name}`, ...prefill('deputyLeaderEmail') })}
<button type="submit" class="secondary">Lagre lederne</button>
</form>
</details>
</section>`;
}
