// The partner's co-signature page: the whole project description as published to partners
// (getCosignView), the budget, and a form to sign or decline with a reason. GET never acts.
import type { getCosignPage } from '../use-cases/page-views';
import { osloDateOf } from '../domain/oslo-time';
import { date, dateTime } from './format';
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';
import { privacyLink } from './privacy-notice';
import { projectDescription } from './project-description';
import { requestTextLimits } from '../../schemas/request-limits';

export type CosignView = Awaited<ReturnType<typeof getCosignPage>>;

/** The signing form's typed field by its label (a post through a dead link shows it to copy). */
export const COSIGN_LABELS = { reason: 'Begrunnelse hvis du avslår' } as const;

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

/** What the partner already answered for this version: said at the top, also to a second post of the form. */
export function answeredNotice(answer: NonNullable<CosignView['answer']>): Html {
  const on = date(osloDateOf(new Date(answer.at)));
  return html`<div class="notice success" role="status"><p>${answer.decision === 'signed' ? `Du har allerede signert søknaden ${on}.` : `Du har allerede avslått å signere søknaden ${on}.`}</p></div>`;
}

export function cosignPage(view: CosignView, linkId: string, form?: CosignForm, notice?: Html | string): { title: string; body: Html } {
  const state = new FormState(form?.values ?? {}, form?.errors ?? {}, 'signering', requestTextLimits('signature'));
  const partner = view.partner;
  const open = view.current && !view.answer;
  let action: Html;
  if (view.answer) {
    action = html`<div class="notice success" id="svar"><p>${
      view.answer.decision === 'signed' ? 'Du signerte søknaden' : 'Du avslo å signere søknaden'
    } ${dateTime(view.answer.at)}.</p></div>`;
  } else if (!view.current) {
    // Why is said at the top (closedMessage).
    action = html`<div class="notice warning" id="svar"><p>Denne versjonen av søknaden kan ikke lenger signeres.</p></div>`;
  } else {
    action = html`<h2 id="svar">Ditt svar</h2>
<p>Du svarer for ${partner?.organisationName ?? 'organisasjonen din'}. Signaturen gjelder denne versjonen (versjon ${view.version}) av søknaden.</p>
<form method="post" action=${cosignPath(linkId)} novalidate>
${state.textarea('reason', 'Begrunnelse hvis du avslår', { hint: 'Må fylles ut hvis du avslår. Prosjektansvarlig ser begrunnelsen.', rows: 3 })}
<div class="actions">
<button type="submit" name="decision" value="sign">Signer søknaden</button>
<button type="submit" name="decision" value="decline" class="danger">Avslå signering</button>
</div>
</form>`;
  }
  // Said first: an answer given already (and, the application changed since, that the new version waits for one too), or why this version can no longer be signed.
  const warning = view.newerVersion?.message ?? (view.answer ? undefined : view.closedMessage);
  const top = notice && String(notice) !== ''
    ? notice
    : warning
      ? html`<div class="notice warning" role="status"><p>${warning}</p></div>`
      : view.answer ? answeredNotice(view.answer) : '';
  // The organisation is the party, its contact person in brackets. The owner's own organisation signs
  // too, but is not its own samarbeidspart (as in the mail asking it to sign).
  const own = partner?.organisationName === view.project.owner.organisationName;
  const named = partner
    ? html`${partner.organisationName} (${own ? 'søkerens egen organisasjon, ' : ''}kontaktperson ${partner.contactName}) er oppgitt ${own ? '' : 'som samarbeidspart '}med rollen «${partner.role}».`
    : '';
  const title = `Signering: ${view.project.title}`;
  const summary = errorSummary([state]);
  return {
    title: state.hasErrors() ? `Feil: ${title}` : title,
    body: html`${summary}<h1>${title}</h1>
${top}
<p class="lead">${named} ${open
    ? `Les prosjektbeskrivelsen og signer hvis organisasjonen din stiller seg bak søknaden til ${view.scheme.committee.shortName} i ${view.scheme.name}.`
    : `Under står søknaden til ${view.scheme.committee.shortName} i ${view.scheme.name} slik den var da du fikk lenken.`}</p>
${view.changeNote ? html`<div class="notice"><p><strong>Prosjektansvarlig skriver om endringene:</strong></p><p class="long-text">${view.changeNote}</p></div>` : ''}
${open ? html`<p><a href="#svar">Gå til signering</a></p>` : ''}
${projectDescription(view.project, view.scheme)}
${action}
<p class="hint" id="personvern-signering">Navnet og e-postadressen din har vi fra søkeren, ${view.project.owner.organisationName}, som oppga deg som kontaktperson. De brukes til å be deg signere denne søknaden, til påminnelser og til beskjed hvis søknaden blir endret eller trukket, og sekretariatet ser dem i saken. ${privacyLink()}.</p>`,
  };
}
