// "Mistet lenken?": the contact person has the link to the case mailed again, with the address the
// case has and, if they have it, the case number from any of its e-mails (without it, every case with
// that address gets its mail). The page says the same whatever was typed.
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';

export const LOST_LINK_PATH = '/mistet-lenke';

export const LOST_LINK_NOTICES: Record<string, string> = {
  sendt: 'Er e-postadressen registrert på en sak (og hører saksnummeret til den, om du skrev det), får du lenken til saken på e-post i løpet av et kvarter, én e-post for hver sak. Kommer den ikke, kan du spørre sekretariatet.',
};

export function lostLinkPage(failed?: { values: FormBody; errors: FieldErrors }, notice?: Html): { title: string; body: Html } {
  const title = 'Mistet lenken til søknaden?';
  const form = new FormState(failed?.values ?? {}, failed?.errors ?? {}, 'lenke');
  const fields = html`${form.input('email', 'E-postadressen saken er registrert med', { type: 'email', autocomplete: 'email' })}
${form.input('caseNumber', 'Saksnummer (valgfritt)', { hint: 'Står i hver e-post om saken, for eksempel «Saksnummer: app_…». Uten saksnummer sender vi lenken til hver sak som er registrert med adressen.', autocomplete: 'off' })}`;
  return {
    title,
    body: html`${errorSummary([form])}
<h1>${title}</h1>
${notice ?? ''}
<p>Lenken til søknaden står i e-postene du har fått om den. Finner du dem ikke, sender vi lenken på nytt til adressen saken er registrert med: skriv den adressen, og saksnummeret om du har det.</p>
<form method="post" action=${LOST_LINK_PATH} novalidate aria-label="Send meg lenken til saken">
${fields}
<button type="submit">Send meg lenken</button>
</form>
<p><a href="/">Til forsiden</a></p>`,
  };
}
