// The secretariat's search for cases by words: every word must be found in the case's title, the
// name and address of its contact person (the owner the application names, or the one set since),
// or its case number, in any case of letters.
import type { ApplicationRecord } from './model';

/** The words of a search, lower-cased the Norwegian way, without empty ones. */
export function searchWords(text: string): string[] {
  return text.toLocaleLowerCase('nb').split(/\s+/).filter((w) => w !== '');
}

export function matchesCase(words: readonly string[], app: Pick<ApplicationRecord, 'id' | 'title' | 'ownerEmail' | 'ownerName'>): boolean {
  const haystack = [app.title, app.ownerEmail, app.ownerName ?? '', app.id].join('\n').toLocaleLowerCase('nb');
  return words.length > 0 && words.every((w) => haystack.includes(w));
}
