// A draft of the application form: the fields as typed, kept so the applicant can come back to
// them. Nothing is checked but what storing needs: known fields only, each value within the longest
// text the form takes, and the owner's e-mail (the link to the draft goes there). The whole
// application is checked when it is submitted.
import { applicationFieldPatterns } from './application.schema';
import { DRAFT_EMAIL_FIELD, draftOwnerEmail } from './draft-owner.schema';
import { groupThousands } from '../functions/domain/money';
import { MAX_PARTNERS } from './fields.schema';
import { parseFieldName, type FormBody } from './form-body';

/** The longest text field of the form (the challenge and the need). */
export const MAX_DRAFT_VALUE = 4000;
/** The most values one control sends (a checkbox list). */
const MAX_DRAFT_VALUES = MAX_PARTNERS;
/** Room for every field at its longest, well under DynamoDB's 400 KB item. */
export const MAX_DRAFT_CHARACTERS = 100_000;

export type DraftCheck = { values: FormBody; ownerEmail: string } | { errors: Record<string, string> };

let patterns: ReadonlySet<string> | undefined;

/** The form's known fields, under their dotted names ('partners[0][email]' → 'partners.0.email'), empty ones left out. */
export function checkDraftForm(form: FormBody): DraftCheck {
  patterns ??= applicationFieldPatterns();
  const values: FormBody = {};
  const errors: Record<string, string> = {};
  let characters = 0;
  for (const [name, raw] of Object.entries(form)) {
    const path = raw === undefined ? undefined : parseFieldName(name);
    if (!path || !patterns.has(path.map((part) => (typeof part === 'number' ? '*' : part)).join('.'))) continue;
    const key = path.join('.');
    const typed = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    if (typed.length === 0) continue;
    if (typed.length > MAX_DRAFT_VALUES) errors[key] = `Listen kan ha høyst ${MAX_DRAFT_VALUES} elementer.`;
    else if (typed.some((v) => v.length > MAX_DRAFT_VALUE)) errors[key] = `Teksten kan ha høyst ${groupThousands(MAX_DRAFT_VALUE)} tegn.`;
    characters += typed.reduce((sum, v) => sum + v.length, 0);
    values[key] = typed.length === 1 ? typed[0] : typed;
  }
  const owner = draftOwnerEmail(values);
  if ('error' in owner) errors[DRAFT_EMAIL_FIELD] = owner.error;
  if (characters > MAX_DRAFT_CHARACTERS) errors._form = `Utkastet er for stort: høyst ${groupThousands(MAX_DRAFT_CHARACTERS)} tegn i alt.`;
  if (Object.keys(errors).length > 0 || 'error' in owner) return { errors };
  return { values, ownerEmail: owner.email };
}
