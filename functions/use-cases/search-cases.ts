// The secretariat's search for cases by words, across the statuses of the communities a person
// works for (the start page's lookup and the staff API's ?q=). Reads only.
import { runningSchemeIds, type Dependencies } from '../composition';
import { matchesCase, searchWords } from '../domain/case-search';
import { APPLICATION_STATUSES } from '../domain/model';
import { STATUS_LABELS_NB } from '../domain/status-transitions';
import { loadScheme } from './load-application';

/** How many matches a search shows (the newest). */
const CASE_SEARCH_LIMIT = 50;

/**
 * The cases in the person's communities that match the words (domain/case-search.ts), newest
 * first: one Query per community and status, no Scan.
 */
export async function searchCases(deps: Dependencies, text: string, actsFor: (schemeId: string) => boolean) {
  const words = searchWords(text);
  const schemes = runningSchemeIds(deps).filter(actsFor).map((id) => loadScheme(deps, id));
  const byStatus = await Promise.all(schemes.flatMap((scheme) => APPLICATION_STATUSES.map(async (status) => (await deps.store.listByStatus(scheme.id, status)).map((app) => ({ app, scheme })))));
  const matches = byStatus.flat().filter(({ app }) => matchesCase(words, app));
  matches.sort((a, b) => b.app.submittedAt.localeCompare(a.app.submittedAt));
  return {
    text,
    total: matches.length,
    cases: matches.slice(0, CASE_SEARCH_LIMIT).map(({ app, scheme }) => ({
      applicationId: app.id,
      title: app.title,
      schemeId: scheme.id,
      schemeName: scheme.name,
      status: app.status,
      statusLabel: STATUS_LABELS_NB[app.status],
      requestedAmount: app.requestedAmount,
      submittedAt: app.submittedAt,
      ...(app.meetingId ? { meetingId: app.meetingId } : {}),
      ownerEmail: app.ownerEmail,
    })),
  };
}
