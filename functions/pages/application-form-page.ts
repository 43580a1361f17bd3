// The application form (new and revised): every field of the project-description template. The
// control names are the schema's paths ('partners.0.email'), which formToApplicationInput reads
// and which the validation errors are keyed by.
import { randomBytes } from 'node:crypto';
import type { ApplicationInput } from '../../schemas/application.schema';
import { applicationFormLimits } from '../../schemas/application-limits';
import { MAX_CHANGE_NOTE, MAX_COMMITTEE_ANSWER, MAX_PARTNERS, PARTNER_KINDS } from '../../schemas/fields.schema';
import { groupThousands } from '../domain/money';
import { ANCHORING_GROUP_KINDS, DIRECT_ANCHORING, GROUP_ANCHORING } from '../domain/anchoring';
import type { ApplicationStatus } from '../domain/model';
import { STATUS_LABELS_NB } from '../domain/status-transitions';
import type { getPublicScheme } from '../use-cases/public-scheme';
import type { getRefusedRevisionForm } from '../use-cases/page-views';
import type { SentBack } from '../domain/partner-answers';
import { dateTime, PARTNER_KIND_LABELS } from './format';
import { errorSummary, firstValue, FormState, hidden, type FieldErrors, type FormBody } from './forms';
import { DRAFT_EMAIL_FIELD } from '../../schemas/draft-owner.schema';
import { attrs, html, type Html } from './html';
import { ownerPath, resubmitBy, sentBackNotice } from './owner-pages';
import { privacyLink } from './privacy-notice';

export type PublicScheme = Awaited<ReturnType<typeof getPublicScheme>>;

export const IDEMPOTENCY_FIELD = '_idempotencyKey';
/** The button pressed: absent (or anything else) submits; SAVE_DRAFT saves a draft. */
export const ACTION_FIELD = '_handling';
export const SAVE_DRAFT = 'utkast';
export const DELETE_DRAFT = 'slett-utkast';
/** The draft the form was opened from (a new form has none). */
export const DRAFT_FIELD = '_utkast';
/** Confirmations on the empty form after a redirect (?melding=…). */
export const FORM_NOTICES: Record<string, string> = {
  'utkast-slettet': 'Utkastet er slettet.',
};
/** The confirmation on a draft's page after a save (?melding=lagret or lagret-uten-epost). */
export function draftSavedNotice(code: string | undefined, draft: { updatedAt: string; values: FormBody }): Html | undefined {
  if (code === 'lagret') {
    return html`<div class="notice success" role="status"><p>Utkastet er lagret ${dateTime(draft.updatedAt)}. Lenken til utkastet er sendt til ${firstValue(draft.values, DRAFT_EMAIL_FIELD)}.</p></div>`;
  }
  if (code === 'lagret-uten-epost') {
    return html`<div class="notice warning" role="status"><p>Utkastet er lagret, men vi fikk ikke sendt e-posten med lenken nå. Ta vare på adressen til denne siden, eller lagre igjen senere, så prøver vi på nytt.</p></div>`;
  }
  return undefined;
}
/** The form's own controls, which the use cases never see. */
export const FORM_CONTROLS = [IDEMPOTENCY_FIELD, ACTION_FIELD, DRAFT_FIELD] as const;

/** A fresh key for one rendering of the form (the Idempotency-Key of its submission). */
export function newFormKey(): string {
  return `skjema-${randomBytes(18).toString('base64url')}`;
}
/** Rows shown for partners and budget lines; empty trailing rows are dropped on submit. */
export const FORM_ROWS = 4;

export interface ApplicationFormView {
  scheme: PublicScheme;
  action: string;
  values: FormBody;
  errors: FieldErrors;
  mode: 'new' | 'revision';
  /** new applications: the key that makes a double post one application */
  idempotencyKey?: string;
  /** revision: what the committee asked for */
  informationRequest?: string | undefined;
  /** revision: who declined the version being revised and why, or did not answer in time */
  sentBack?: SentBack | undefined;
  /** revision: until when it can be sent in again before it closes without a decision */
  respondBy?: string | undefined;
  /** the owner's status page (revision) */
  backUrl?: string;
  /** new applications opened from a saved draft */
  draft?: { id: string; updatedAt: string; expiresAt: string };
  /** a confirmation above the form (after saving a draft) */
  notice?: Html;
  /** a conflict the use case refused the post with (409): at the top, no field of its own */
  problem?: string | undefined;
  /**
   * revision: the status of an application that can no longer be revised (a refused post). The form
   * stays, with what the owner typed to copy, but without its send button; backUrl is where it stands.
   */
  closed?: ApplicationStatus;
}

/**
 * The form's typed fields (text, dates, amounts; not its choices) by the names its error summary
 * gives them, in the form's order; a partner's and a budget line's are named with their row
 * ('Part 2, e-post'). A post through a dead link shows them to copy.
 */
const PROJECT_LABELS = {
  title: 'Prosjektets navn',
  summary: 'Kort sammendrag',
  challenge: 'Hvilken samhandlingsutfordring skal prosjektet løse?',
  need: 'Hvilket behov skal tilskuddet dekke?',
  'expectedEffect.citizen': 'Forventet effekt for innbyggerne',
  'expectedEffect.hospital': 'Forventet effekt for sykehuset',
  'expectedEffect.municipality': 'Forventet effekt for kommunen',
  otherNeed: 'Andre behov tiltaket dekker',
} as const;
const OWNER_TO_AMOUNT_LABELS = {
  'owner.name': 'Prosjektansvarlig, navn',
  'owner.email': 'Prosjektansvarlig, e-post',
  'owner.unit': 'Prosjektansvarlig, enhet',
  'anchoring.justification': 'Forankring, begrunnelse',
  continues: 'Videreføring, saksnummer',
  periodStart: 'Startdato',
  periodEnd: 'Sluttdato',
  requestedAmount: 'Omsøkt beløp (kr)',
} as const;
const CLOSING_LABELS = { patientResponsibility: 'Pasientansvar', changeNote: 'Hva er endret' } as const;
const LABELS = { ...PROJECT_LABELS, ...OWNER_TO_AMOUNT_LABELS, ...CLOSING_LABELS };
const PARTNER_LABELS = { organisationName: 'navn', organisationNumber: 'organisasjonsnummer', contactName: 'kontaktperson', email: 'e-post', role: 'rolle' } as const;
const BUDGET_LABELS = { personnel: 'personell', money: 'økonomiske midler', purchases: 'innkjøp', equipment: 'utstyr', requestedGrant: 'omsøkt tilskudd' } as const;
const partnerName = (i: number) => `Part ${i + 1}`;
const budgetLineName = (i: number) => `Budsjettlinje ${i + 1}`;

/** The rows' typed fields: `${row}, ${label}` for each row the form has. */
function rowLabels(list: 'partners' | 'budget', rows: number, name: (i: number) => string, labels: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Array.from({ length: rows }, (_, i) => Object.entries(labels).map(([field, label]) => [`${list}.${i}.${field}`, `${name(i)}, ${label}`])).flat());
}

/** Every typed field of the form as posted (its partner rows and budget lines), in the form's order. */
export function applicationTypedFields(form: FormBody): Record<string, string> {
  return {
    ...PROJECT_LABELS,
    ...rowLabels('partners', rowCount(form, {}, 'partners'), partnerName, PARTNER_LABELS),
    ...OWNER_TO_AMOUNT_LABELS,
    ...rowLabels('budget', rowCount(form, {}, 'budget'), budgetLineName, BUDGET_LABELS),
    ...CLOSING_LABELS,
  };
}

/** A stored application → the form's fields (to prefill the revision form). */
export function applicationToForm(data: ApplicationInput): FormBody {
  const form: FormBody = {
    title: data.title,
    summary: data.summary,
    challenge: data.challenge,
    need: data.need,
    'expectedEffect.citizen': data.expectedEffect.citizen,
    'expectedEffect.hospital': data.expectedEffect.hospital,
    'expectedEffect.municipality': data.expectedEffect.municipality,
    criteriaMet: [...data.criteriaMet],
    guidelineAreas: [...data.guidelineAreas],
    priorityPatientGroups: [...data.priorityPatientGroups],
    'owner.partnerIndex': String(data.owner.partnerIndex),
    'owner.name': data.owner.name,
    'owner.email': data.owner.email,
    'owner.unit': data.owner.unit,
    ...(data.owner.isInternalUnit ? { 'owner.isInternalUnit': 'true' } : {}),
    requestedAmount: String(data.requestedAmount),
    ...(data.continues ? { continues: data.continues } : {}),
    periodStart: data.periodStart,
    periodEnd: data.periodEnd,
    patientResponsibility: data.patientResponsibility ?? '',
    ...(data.otherNeed ? { otherNeed: data.otherNeed } : {}),
  };
  for (const [field, value] of Object.entries(data.anchoring ?? {})) form[`anchoring.${field}`] = value;
  data.partners.forEach((p, i) => {
    for (const [field, value] of Object.entries(p)) form[`partners.${i}.${field}`] = String(value);
  });
  data.budget.forEach((line, i) => {
    for (const [field, value] of Object.entries(line)) form[`budget.${i}.${field}`] = String(value);
  });
  return form;
}

/** Rows to render: at least FORM_ROWS, and every row the posted form or the errors mention. */
function rowCount(values: FormBody, errors: FieldErrors, list: 'partners' | 'budget'): number {
  let highest = -1;
  const pattern = new RegExp(`^${list}[.[](\\d+)`);
  for (const key of [...Object.keys(values), ...Object.keys(errors)]) {
    const m = pattern.exec(key);
    if (m) highest = Math.max(highest, Number(m[1]));
  }
  return Math.min(MAX_PARTNERS, Math.max(FORM_ROWS, highest + 1));
}

function partnerOptions(form: FormState, rows: number) {
  return Array.from({ length: rows }, (_, i) => {
    const name = form.value(`partners.${i}.organisationName`).trim();
    return { value: String(i), label: name ? `Part ${i + 1}: ${name}` : `Part ${i + 1}` };
  });
}

function partnerRow(form: FormState, i: number): Html {
  const p = (field: string) => `partners.${i}.${field}`;
  const n = partnerName(i);
  return html`<fieldset id=${`partner-${i + 1}`}><legend>${n}${i >= 2 ? ' (valgfritt)' : ''}</legend>
<div class="grid">
${form.input(p('organisationName'), 'Organisasjonens navn', { context: `${n}`, autocomplete: 'organization' })}
${form.input(p('organisationNumber'), 'Organisasjonsnummer', { context: `${n}`, hint: '9 siffer', inputmode: 'numeric', className: 'short', autocomplete: 'off' })}
${form.select(p('kind'), 'Type organisasjon', PARTNER_KINDS.map((k) => ({ value: k, label: PARTNER_KIND_LABELS[k] ?? k })), { context: `${n}`, placeholder: 'Velg type' })}
${form.input(p('contactName'), 'Kontaktperson', { context: `${n}`, autocomplete: 'off' })}
${form.input(p('email'), 'Kontaktpersonens e-post', { context: `${n}`, type: 'email', autocomplete: 'off' })}
</div>
${form.textarea(p('role'), 'Partens rolle i prosjektet', { context: `${n}`, rows: 2 })}
</fieldset>`;
}

function budgetRow(form: FormState, i: number, partners: ReturnType<typeof partnerOptions>): Html {
  const b = (field: string) => `budget.${i}.${field}`;
  const n = budgetLineName(i);
  return html`<fieldset><legend>${n}</legend>
<div class="grid">
${form.select(b('partnerIndex'), 'Part', partners, { context: `${n}`, placeholder: 'Velg part' })}
${form.amount(b('personnel'), 'Personell (kr)', { context: `${n}` })}
${form.amount(b('money'), 'Økonomiske midler (kr)', { context: `${n}` })}
${form.amount(b('purchases'), 'Innkjøp (kr)', { context: `${n}` })}
${form.amount(b('equipment'), 'Utstyr (kr)', { context: `${n}` })}
${form.amount(b('requestedGrant'), 'Omsøkt tilskudd (kr)', { context: `${n}` })}
</div>
</fieldset>`;
}

/** Where the project is anchored, in schemes that ask: a group whose leaders get a copy of the decision, or (where allowed) directly to the committee with a justification. */
function anchoringFieldset(form: FormState, scheme: PublicScheme): Html | '' {
  if (!scheme.anchoring) return '';
  const committee = scheme.committee.shortName;
  const choices = [
    { value: GROUP_ANCHORING, label: 'En tjenestemodellgruppe eller et fagråd' },
    ...(scheme.anchoring.allowDirect ? [{ value: DIRECT_ANCHORING, label: `Ingen: sendes direkte til ${committee}` }] : []),
  ];
  // The register's groups, service-model groups first, as the seed lists them.
  const groups = ANCHORING_GROUP_KINDS.flatMap((kind) => scheme.anchoring!.groups.filter((g) => g.kind === kind)).map((g) => ({ value: g.id, label: g.name }));
  return html`<fieldset><legend>Forankring</legend>
<p class="hint">${committee} ønsker at prosjektet er kjent i og forankret i aktuell tjenestemodellgruppe eller fagråd.</p>
${form.radios('anchoring.kind', 'Prosjektet er forankret i', choices)}
${form.select('anchoring.groupId', 'Tjenestemodellgruppe eller fagråd', groups, { placeholder: 'Velg gruppe', hint: 'Lederen og nestlederen i gruppen får kopi av vedtaket.' })}
${scheme.anchoring.allowDirect ? form.textarea('anchoring.justification', 'Begrunnelse og beskrivelse av forankringsprosessen', { rows: 4, hint: `Bare når prosjektet sendes direkte til ${committee}: hvorfor, og hvordan det er forankret.` }) : ''}
</fieldset>`;
}

/** The partner rows; the fieldset is the target of errors on the whole list ('partners'). */
function partnersFieldset(form: FormState, rows: number, trust: PublicScheme['hospitalTrust']): Html {
  const group = form.group('partners', 'Parter');
  return html`<fieldset${group.attributes}><legend>Parter</legend>
<p class="hint">Alle organisasjonene i prosjektet, også den prosjektansvarlig hører til: minst én kommune og ${trust.name} (org.nr. ${trust.organisationNumber}). Hver part får en e-post med lenke for å signere. Tomme rader nederst tas ikke med.</p>
${group.error}
${Array.from({ length: rows }, (_, i) => partnerRow(form, i))}
</fieldset>`;
}

/** The budget lines; the fieldset is the target of errors on the whole budget (the sum rule). */
function budgetFieldset(form: FormState, rows: number, partners: ReturnType<typeof partnerOptions>): Html {
  const group = form.group('budget', 'Budsjett');
  return html`<fieldset${group.attributes}><legend>Budsjett</legend>
<p class="hint">Én linje per part: partens egen innsats (personell, økonomiske midler, innkjøp, utstyr) og den delen av tilskuddet parten søker om. Summen av omsøkt tilskudd må være lik omsøkt beløp. Tomme felt i en brukt linje teller som 0 kr.</p>
${group.error}
${Array.from({ length: rows }, (_, i) => budgetRow(form, i, partners))}
</fieldset>`;
}

export function applicationFormPage(view: ApplicationFormView): { title: string; body: Html } {
  const { scheme } = view;
  const form = new FormState(view.values, view.errors, undefined, applicationFormLimits);
  const partnerRows = rowCount(view.values, view.errors, 'partners');
  const budgetRows = rowCount(view.values, view.errors, 'budget');
  const partners = partnerOptions(form, partnerRows);
  const minMet = scheme.criteriaRule.minMet;
  const trust = scheme.hospitalTrust;
  const nextMeeting = scheme.upcomingMeetings.find((m) => m.open);
  const committee = scheme.committee.shortName;
  const question = view.mode === 'revision' ? view.informationRequest : undefined;

  const fields = html`
<form method="post" action=${view.action} novalidate id="soknadsskjema">
${view.idempotencyKey ? hidden(IDEMPOTENCY_FIELD, view.idempotencyKey) : ''}
${view.draft ? hidden(DRAFT_FIELD, view.draft.id) : ''}
${question ? html`<fieldset id="svar"><legend>Svar til ${committee}</legend>
<div class="notice"><p><strong>${committee} spør:</strong></p><p class="long-text">${question}</p></div>
${form.textarea('answer', `Svar til ${committee}`, { rows: 6, hint: `${committee} får svaret sammen med den reviderte søknaden. Står svaret også i søknaden, kan du skrive hvor. Høyst ${groupThousands(MAX_COMMITTEE_ANSWER)} tegn.` })}
</fieldset>` : ''}
<fieldset><legend>Om prosjektet</legend>
${form.input('title', LABELS.title)}
${form.textarea('summary', LABELS.summary, { rows: 3 })}
${form.textarea('challenge', LABELS.challenge)}
${form.textarea('need', LABELS.need)}
</fieldset>

<fieldset><legend>Forventet effekt</legend>
${form.textarea('expectedEffect.citizen', 'For innbyggerne og pasientene', { context: 'Forventet effekt', rows: 3 })}
${form.textarea('expectedEffect.hospital', 'For sykehuset', { context: 'Forventet effekt', rows: 3 })}
${form.textarea('expectedEffect.municipality', 'For kommunen', { context: 'Forventet effekt', rows: 3 })}
</fieldset>

${form.checkboxes('criteriaMet', 'Kriterier prosjektet oppfyller', scheme.criteria.map((c) => ({ value: c.id, label: c.label, hint: c.description })), {
  hint:
    minMet === 0
      ? 'Kryss av for dem prosjektet gjelder. Andre tiltak kan også få tilskudd.'
      : minMet === scheme.criteria.length
        ? `${scheme.committee.shortName} vurderer alle kriteriene: kryss av for alle ${minMet}.`
        : `Velg minst ${minMet} ${minMet === 1 ? 'kriterium' : 'kriterier'}.`,
})}
${form.checkboxes('guidelineAreas', 'Nasjonale føringer prosjektet følger opp', scheme.guidelineAreas.map((a) => ({ value: a.id, label: a.label })), { hint: scheme.allowOtherNeed ? 'Velg minst ett område, eller beskriv andre behov tiltaket dekker.' : 'Velg minst ett område.' })}
${scheme.allowOtherNeed ? form.textarea('otherNeed', LABELS.otherNeed, { rows: 3, hint: 'Når tiltaket ikke treffer de nasjonale føringene, eller også dekker andre behov i helsefellesskapet.' }) : ''}
${form.checkboxes('priorityPatientGroups', 'Prioriterte pasientgrupper (valgfritt)', scheme.priorityPatientGroups.map((g) => ({ value: g.id, label: g.label })))}

${partnersFieldset(form, partnerRows, trust)}

<fieldset><legend>Prosjektansvarlig</legend>
${form.select('owner.partnerIndex', 'Organisasjonen prosjektansvarlig hører til', partners, { placeholder: 'Velg part' })}
<div class="grid">
${form.input('owner.name', 'Navn', { context: 'Prosjektansvarlig', autocomplete: 'name' })}
${form.input('owner.email', 'E-post', { context: 'Prosjektansvarlig', type: 'email', autocomplete: 'email', hint: 'Hit sender vi kvittering og lenken til søknaden.' })}
</div>
${form.input('owner.unit', 'Enhet', { context: 'Prosjektansvarlig', list: 'interne-enheter', hint: `Avdeling, klinikk eller tjeneste. Enheter i ${trust.name}: ${trust.internalUnits.join(', ')}.` })}
<datalist id="interne-enheter">${trust.internalUnits.map((u) => html`<option${attrs({ value: u })}></option>`)}</datalist>
${form.checkbox('owner.isInternalUnit', `Prosjektansvarlig er en enhet i ${trust.name}`, { hint: 'Da kostnadsføres tilskuddet på prosjektnummeret i stedet for å utbetales mot faktura.' })}
</fieldset>

${anchoringFieldset(form, scheme)}

<fieldset><legend>Periode og beløp</legend>
<p class="hint">Det tildeles midler for inntil ${scheme.maxPeriodMonths} måneder om gangen.</p>
${form.input('continues', 'Saksnummer for tiltaket som videreføres (valgfritt)', { hint: 'Søker dere om å videreføre et tiltak som har fått tilskudd før, skriv saksnummeret fra vedtaksbrevet (app_ og 16 tegn). Den nye perioden starter tidligst dagen etter at den forrige sluttet.' })}
<div class="grid">
${form.input('periodStart', LABELS.periodStart, { type: 'date', className: 'short' })}
${form.input('periodEnd', LABELS.periodEnd, { type: 'date', className: 'short' })}
${form.amount('requestedAmount', LABELS.requestedAmount, { hint: 'Hele kroner' })}
</div>
</fieldset>

${budgetFieldset(form, budgetRows, partners)}

<fieldset><legend>Pasientansvar</legend>
${form.textarea('patientResponsibility', 'Hvem har ansvaret for pasientene mens tiltaket pågår? (valgfritt)', { rows: 3 })}
</fieldset>

${view.mode === 'revision' ? html`<fieldset><legend>Til alle som skal signere</legend>
${form.textarea('changeNote', 'Hva er endret? (valgfritt)', { rows: 3, hint: `De ser dette i e-posten og på siden der de signerer. Høyst ${MAX_CHANGE_NOTE} tegn.` })}
</fieldset>` : ''}

<p class="hint" id="personvern-skjema">Det du fyller ut, brukes til å behandle søknaden og følge opp tilskuddet, og ${trust.name} er ansvarlig for opplysningene. Kontaktpersonen hos hver part får en e-post med lenke for å signere, med navnet og e-postadressen til prosjektansvarlig. Søknaden partene leser, viser ingen e-postadresser eller navn på kontaktpersoner. Skriv ikke helseopplysninger om pasienter. ${privacyLink()}.</p>
<div class="actions">
${view.closed ? '' : html`<button type="submit">${view.mode === 'new' ? 'Send inn søknaden' : 'Send inn revidert søknad'}</button>`}
${view.mode === 'new' ? html`<button type="submit" name=${ACTION_FIELD} value=${SAVE_DRAFT} class="secondary">Lagre utkast</button>` : ''}
${view.draft ? html`<button type="submit" name=${ACTION_FIELD} value=${DELETE_DRAFT} class="secondary">Slett utkastet</button>` : ''}
${view.backUrl ? html`<a href=${view.backUrl}>${view.closed ? 'Gå til søknaden' : 'Avbryt og gå tilbake'}</a>` : ''}
</div>
</form>`;

  const title = view.mode === 'new' ? `Søknad om tilskudd – ${scheme.name}` : view.closed ? 'Søknaden kan ikke endres lenger' : 'Revider søknaden';
  const intro = view.closed
    ? closedNotice(view.closed, view.backUrl)
    : view.mode === 'new'
      ? html`<p class="lead">Søknad om rekrutterings- og samhandlingstilskudd til ${scheme.committee.name} (${scheme.committee.shortName}) i ${scheme.name}.</p>
<p>Når du sender inn, får alle partene en e-post med lenke for å signere. Søknaden er komplett når alle har signert, og settes da opp til neste møte med åpen frist.${
          nextMeeting ? html` Neste frist er <strong>${dateTime(nextMeeting.submissionDeadline)}</strong> (${nextMeeting.title}).` : ''
        }</p>${
          view.draft
            ? html`<p>Dette er et utkast, sist lagret ${dateTime(view.draft.updatedAt)}. Det slettes ${dateTime(view.draft.expiresAt)} hvis det ikke lagres igjen.</p>`
            : html`<p>Trenger du mer tid, velg «Lagre utkast» nederst: vi sender deg en lenke til utkastet på e-post, så du kan fortsette senere. Da må e-postadressen din som prosjektansvarlig være fylt ut.</p>`
        }`
      : html`${sentBackNotice(view.sentBack, false, view.respondBy)}<p class="lead">Endre søknaden og send den inn på nytt. Alle partene må signere den reviderte versjonen.</p>${
          question ? html`<div class="notice"><p><strong>${committee} ba om mer informasjon før søknaden kan behandles.</strong> Skriv svaret i feltet «Svar til ${committee}» først i skjemaet, og endre søknaden under om det trengs.</p>${resubmitBy(view.respondBy)}</div>` : ''
        }`;
  // Closed: the notice says it all; the refusal's own message would only repeat it.
  const problem = view.problem && !view.closed ? [view.problem] : [];
  const summary = errorSummary([form], problem);
  return {
    title: form.hasErrors() || problem.length > 0 ? `Feil: ${title}` : title,
    body: html`${summary}${view.notice ?? ''}<h1>${title}</h1>${intro}${fields}`,
  };
}

/** A refused revision of an application that can no longer be revised: said plainly, the way to where it stands, and that what was typed is below. */
function closedNotice(status: ApplicationStatus, backUrl: string | undefined): Html {
  return html`<div class="notice warning" role="alert"><p>Endringene dine ble ikke lagret: søknaden kan ikke endres lenger. Den har nå status «${STATUS_LABELS_NB[status]}».</p>
<p>Det du skrev, står i skjemaet under, så du kan kopiere det.${backUrl ? html` <a href=${backUrl}>Gå til søknaden</a> for å se hvor den står. Må noe rettes, ta kontakt med sekretariatet.` : ''}</p></div>`;
}

/** The owner's revision form (/soknad/<linkId>/revisjon): the current version to edit, or a refused post again with what was typed. */
export function revisionFormPage(
  linkId: string,
  frame: Awaited<ReturnType<typeof getRefusedRevisionForm>>,
  form: Pick<ApplicationFormView, 'values' | 'errors' | 'problem'>,
): { title: string; body: Html } {
  return applicationFormPage({
    scheme: frame.scheme,
    action: ownerPath(linkId, '/revisjon'),
    ...form,
    mode: 'revision',
    informationRequest: frame.informationRequest,
    sentBack: frame.sentBack,
    respondBy: frame.respondBy,
    backUrl: ownerPath(linkId),
    ...(frame.revisable ? {} : { closed: frame.status }),
  });
}

/** The owner's link id from a status URL (…/soknad/<linkId>). */
export function linkIdOf(statusUrl: string): string {
  return statusUrl.split('/').pop() ?? '';
}


