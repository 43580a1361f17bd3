// "Finn en sak": the secretariat types the case number a letter or an e-mail quotes and goes
// straight to the case. A GET form on the overview (it only reads); the overview's route answers it.
import * as z from 'zod/mini';
import { caseNumberField, NORWEGIAN, toFieldErrors } from '../../schemas/fields.schema';
import { FormState } from './forms';
import { html, type Html } from './html';

const lookupQuery = z.strictObject({ sak: caseNumberField() }, NORWEGIAN);

export interface CaseLookup {
  form: FormState;
  /** the case number asked for, when it is well-formed */
  applicationId?: string;
  /** well-formed, but no such case in the person's communities */
  notFound?: boolean;
}

/** `?sak=…` on the overview; undefined when the overview was opened without a lookup. */
export function readCaseLookup(raw: Record<string, string>): CaseLookup | undefined {
  if (!Object.hasOwn(raw, 'sak')) return undefined;
  const values = { sak: raw.sak ?? '' };
  if (values.sak.trim() === '') return { form: new FormState(values, { sak: 'Skriv saksnummeret du vil åpne.' }, 'finn') };
  // Pasted with the words around it ("Saksnummer: app_…." from a letter): the one number in it.
  const quoted = values.sak.length <= 200 ? values.sak.match(/app_[A-Za-z0-9_-]{16}(?![A-Za-z0-9_-])/g) : null;
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
${form.input('sak', 'Saksnummer', { className: 'medium', autocomplete: 'off', hint: 'Saksnummeret står i e-postene og brevene: app_ fulgt av 16 tegn.' })}
<button type="submit" class="secondary">Åpne saken</button>
</form>`;
}
