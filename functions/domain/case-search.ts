// The secretariat's search for cases by words: every word must be found in the case's title, the
// name and address of its contact person (the owner the application names, or the one set since),
// its partners' organisation names, or its case number, in any case of letters.
import type { ApplicationRecord } from './model';

/** What the case record keeps of the version's partners for the search: their organisation names. */
export function partnerOrganisations(data: { partners: ReadonlyArray<{ organisationName: string }> }): string[] {
  return data.partners.map((p) => p.organisationName);
}

/** The words of a search, lower-cased the Norwegian way, without empty ones. */
export function searchWords(text: string): string[] {
  return text.toLocaleLowerCase('nb').split(/\s+/).filter((w) => w !== '');
}

export function matchesCase(words: readonly string[], app: Pick<ApplicationRecord, 'id' | 'title' | 'ownerEmail' | 'ownerName' | 'partnerOrganisations'>): boolean {
  const haystack = [app.title, app.ownerEmail, app.ownerName ?? '', ...(app.partnerOrganisations ?? []), app.id].join('\n').toLocaleLowerCase('nb');
  return words.length > 0 && words.every((w) => haystack.includes(w));
}
