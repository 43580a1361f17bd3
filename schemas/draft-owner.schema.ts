// The owner's e-mail of a draft: where its links go. Apart from application-draft.schema.ts, which
// reads the whole application schema's shape, so the reminder sweep can check an address without it.
import * as z from 'zod/mini';
import { emailField, toFieldErrors } from './fields.schema';
import type { FormBody } from './form-body';

export const DRAFT_EMAIL_FIELD = 'owner.email';

/** The owner's e-mail of a draft's values (where its links go), checked and normalised, or what is wrong with it. */
export function draftOwnerEmail(values: FormBody): { email: string } | { error: string } {
  const typed = values[DRAFT_EMAIL_FIELD];
  if (typed === undefined) return { error: 'Skriv e-postadressen din: dit sender vi lenken til utkastet.' };
  if (typeof typed !== 'string') return { error: 'Skriv bare én e-postadresse.' };
  const parsed = z.safeParse(emailField(), typed);
  return parsed.success ? { email: parsed.data } : { error: Object.values(toFieldErrors(parsed.error))[0] ?? 'Skriv en gyldig e-postadresse.' };
}
