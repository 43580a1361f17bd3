// "Mistet lenken?": the contact person has the link to the case mailed again, with the case number
// from any of its e-mails and the address the case has. The page says the same whatever was typed.
import { errorSummary, FormState, type FieldErrors, type FormBody } from './forms';
import { html, type Html } from './html';

export const LOST_LINK_PATH = '/mistet-lenke';

export const LOST_LINK_NOTICES: Record<string, string> = {
  sendt: 'Hører saksnummeret og e-postadressen sammen, får du lenken til saken på e-post i løpet av et kvarter. Kommer den ikke, kan du spørre sekretariatet.',
};

export function lostLinkPage(failed?: { values: FormBody; errors: FieldErrors }, notice?: Html): { title: string; body: Html } {
  const title = 'Mistet lenken til søknaden?';
  const form = new FormState(failed?.values ?? {}, failed?.errors ?? {}, 'lenke');
  const fields = html`${form.input('caseNumber', 'Saksnummer', { hint: 'Står i hver e-post om saken, for eksempel «Saksnummer: app_…».', autocomplete: 'off' })}
${form.input('email', 'E-postadressen saken er registrert med', { type: 'email', autocomplete: 'email' })}`;
  return {
    title,
    body: html`${errorSummary([form])}
<h1>${title}</h1>
${notice ?? ''}
<p>Lenken til søknaden står i e-postene du har fått om den. Finner du dem ikke, sender vi lenken på nytt til adressen saken er registrert med: skriv saksnummeret og den adressen.</p>
<form method="post" action=${LOST_LINK_PATH} novalidate aria-label="Send meg lenken til saken">
${fields}
<button type="submit">Send meg lenken</button>
</form>
<p><a href="/">Til forsiden</a></p>`,
  };
}
