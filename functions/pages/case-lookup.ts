// "Finn en sak": the secretariat types the case number a letter or an e-mail quotes and goes
// straight to the case, or words (from the title, the contact person, a partner; see
// domain/case-search.ts) and gets the cases that match. A GET form on the overview (it only reads); the overview's route answers it.
import * as z from 'zod/mini';
import { caseNumberField, NORWEGIAN, toFieldErrors } from '../../schemas/fields.schema';
import { FormState } from './forms';
import { html, type Html } from './html';

const lookupQuery = z.strictObject({ sak: caseNumberField() }, NORWEGIAN);
const SEARCH_MIN = 3;
const SEARCH_MAX = 100;

export interface CaseLookup {
  form: FormState;
  /** the case number asked for, when it is well-formed */
  applicationId?: string;
  /** words to search for, when it is not a case number */
  search?: string;
  /** well-formed, but no such case in the person's communities */
  notFound?: boolean;
}

/** `?sak=…` on the overview; undefined when the overview was opened without a lookup. */
export function readCaseLookup(raw: Record<string, string>): CaseLookup | undefined {
  if (!Object.hasOwn(raw, 'sak')) return undefined;
  const values = { sak: raw.sak ?? '' };
  const text = values.sak.trim();
  if (text === '') return { form: new FormState(values, { sak: 'Skriv saksnummeret du vil åpne, eller ord å søke etter.' }, 'finn') };
  // Pasted with the words around it ("Saksnummer: app_…." from a letter): the one number in it.
  const quoted = values.sak.length <= 200 ? values.sak.match(/app_[A-Za-z0-9_-]{16}(?![A-Za-z0-9_-])/g) : null;
  // Not a case number, nor an attempt at one: words to search for.
  if (!quoted?.length && !/^app_/i.test(text)) {
    const problem = text.length < SEARCH_MIN ? `Skriv minst ${SEARCH_MIN} tegn å søke etter, eller hele saksnummeret.` : text.length > SEARCH_MAX ? `Skriv høyst ${SEARCH_MAX} tegn å søke etter.` : undefined;
    return problem ? { form: new FormState(values, { sak: problem }, 'finn') } : { form: new FormState({ sak: text }, {}, 'finn'), search: text };
  }
  const parsed = lookupQuery.safeParse(quoted?.length === 1 ? { sak: quoted[0] } : values);
  if (!parsed.success) return { form: new FormState(values, toFieldErrors(parsed.error), 'finn') };
  return { form: new FormState({ sak: parsed.data.sak }, {}, 'finn'), applicationId: parsed.data.sak };
}

/** The same lookup, answered: no case with that number in the person's communities. */
export function caseNotFound(lookup: CaseLookup): CaseLookup {
  return { form: new FormState(lookup.form.values, { sak: `Fant ingen sak med saksnummer ${lookup.applicationId ?? ''} i ordningene du arbeider med.` }, 'finn'), notFound: true };
}

export function caseLookupForm(form: FormState = new FormState({}, {}, 'finn')): Html {
  return html`<form method="get" action="/sekretariat" class="case-lookup" aria-label="Finn en sak">
${form.input('sak', 'Saksnummer eller søkeord', { className: 'medium', autocomplete: 'off', hint: 'Saksnummeret står i e-postene og brevene: app_ fulgt av 16 tegn. Eller søk med ord fra tittelen, prosjektansvarliges navn eller e-postadresse, eller navnet på en av partene.' })}
<button type="submit" class="secondary">Finn</button>
</form>`;
}
