// What a draft keeps of the form: the form's own fields (from the schema's shape), as typed,
// within the longest text the form takes; the owner's e-mail is required (the link goes there).
import { describe, expect, it } from 'vitest';
import { checkDraftForm, MAX_DRAFT_CHARACTERS, MAX_DRAFT_VALUE } from '../../schemas/application-draft.schema';
import { applicationFieldPatterns } from '../../schemas/application.schema';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { exampleApplication } from '../../schemas/application.schema';
import { getScheme } from '../../config/schemes';

describe('checkDraftForm', () => {
  it('keeps every field of a whole application as the form has it, and the owner\'s e-mail lower-cased', () => {
    const form = applicationToForm(exampleApplication(getScheme('sor-rogaland')!));
    const checked = checkDraftForm({ ...form, 'owner.email': ' Eier@Kommune.Example ' });
    expect('values' in checked && Object.keys(checked.values).sort()).toEqual(Object.keys(form).filter((k) => form[k] !== '').sort());
    expect('ownerEmail' in checked && checked.ownerEmail).toBe('eier@kommune.example');
  });

  it('drops unknown names, rows past the last partner, empty values; dots bracketed names', () => {
    const checked = checkDraftForm({
      'owner.email': 'a@b.no',
      'partners[2][role]': 'Fagressurs',
      'partners.20.email': 'for.langt@ute.no',
      'budget.0.unknown': '1',
      constructor: 'x',
      'owner.__proto__': 'x',
      summary: '   ',
      guidelineAreas: ['', 'rekruttering'],
    });
    expect(checked).toEqual({ values: { 'owner.email': 'a@b.no', 'partners.2.role': 'Fagressurs', guidelineAreas: 'rekruttering' }, ownerEmail: 'a@b.no' });
  });

  it('names the field that is too long, the list that is too long, and a missing or bad e-mail', () => {
    expect(checkDraftForm({ 'owner.email': 'a@b.no', title: 'x'.repeat(MAX_DRAFT_VALUE) })).toHaveProperty('values');
    expect(checkDraftForm({ 'owner.email': 'a@b.no', title: 'x'.repeat(MAX_DRAFT_VALUE + 1) })).toEqual({ errors: { title: 'Teksten kan ha høyst 4 000 tegn.' } });
    expect(checkDraftForm({ 'owner.email': 'a@b.no', criteriaMet: Array.from({ length: 21 }, (_, i) => `k${i}`) })).toEqual({ errors: { criteriaMet: 'Listen kan ha høyst 20 elementer.' } });
    expect(checkDraftForm({ title: 'Uten e-post' })).toEqual({ errors: { 'owner.email': 'Skriv e-postadressen din: dit sender vi lenken til utkastet.' } });
    expect(checkDraftForm({ 'owner.email': 'ikke en adresse' })).toEqual({ errors: { 'owner.email': 'Skriv en gyldig e-postadresse.' } });
    expect(checkDraftForm({ 'owner.email': ['a@b.no', 'c@d.no'] })).toEqual({ errors: { 'owner.email': 'Skriv bare én e-postadresse.' } });
  });

  it('refuses a draft larger than the store takes in all', () => {
    const big = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`partners.${i}.role`, 'x'.repeat(MAX_DRAFT_VALUE)]));
    const checked = checkDraftForm({ 'owner.email': 'a@b.no', ...big, challenge: 'x'.repeat(MAX_DRAFT_VALUE), need: 'x'.repeat(MAX_DRAFT_VALUE) });
    expect(4000 * 22).toBeLessThanOrEqual(MAX_DRAFT_CHARACTERS);
    expect(checked).toHaveProperty('values');
    const huge = checkDraftForm({ 'owner.email': 'a@b.no', ...big, ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`partners.${i}.organisationName`, 'y'.repeat(MAX_DRAFT_VALUE)])) });
    expect(huge).toEqual({ errors: { _form: 'Utkastet er for stort: høyst 100 000 tegn i alt.' } });
  });

  it('the patterns are the schema\'s: every control of the form and nothing else', () => {
    const patterns = applicationFieldPatterns();
    expect(patterns.has('partners.*.organisationNumber')).toBe(true);
    expect(patterns.has('budget.*.requestedGrant')).toBe(true);
    expect(patterns.has('anchoring.justification')).toBe(true);
    expect(patterns.has('owner.isInternalUnit')).toBe(true);
    expect(patterns.has('partners')).toBe(false);
    expect(patterns.has('owner')).toBe(false);
  });
});
