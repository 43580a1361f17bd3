// The partner's co-signature page: the whole project description as published to partners
// (getCosignView), the budget, and a form to sign or decline with a reason. GET never acts.
import type { getCosignPage } from '../use-cases/page-views';
import { dateTime } from './format';
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';
import { projectDescription } from './project-description';

export type CosignView = Awaited<ReturnType<typeof getCosignPage>>;

export function cosignPath(linkId: string): string {
  return `/signering/${encodeURIComponent(linkId)}`;
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
${projectDescription(view.project, view.scheme)}
${action}`,
  };
}
