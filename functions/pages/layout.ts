// The page frame every page shares: lang="nb", viewport, the inline style sheet, a skip link,
// a header (with the staff member's name and the staff pages when signed in) and a footer (with
// the link to the privacy notice).
import { html, raw, type Html, type Interpolation } from './html';
import { CSRF_FIELD } from './csrf';
import { hidden } from './forms';
import { privacyLink } from './privacy-notice';
import { APP_CSS } from './styles';

export const SITE_NAME = 'Rekrutterings- og samhandlingstilskudd';

export interface StaffHeader {
  /** how the person is named (StaffPrincipal.name) */
  name: string;
  roles: readonly string[];
  /** the sign-out form: it posts (a GET never acts), with the page's CSRF token */
  signOut?: { path: string; csrf: string };
}

export interface LayoutOptions {
  title: string;
  body: Interpolation;
  staff?: StaffHeader;
}

/** A sign-out button (a form post with the CSRF token); `back`: sign in again and return there. */
export function signOutForm(target: { path: string; csrf: string }, label: string, back?: string): Html {
  return html`<form method="post" action=${target.path} class="sign-out">${hidden(CSRF_FIELD, target.csrf)}${back ? hidden('tilbake', back) : ''}<button type="submit">${label}</button></form>`;
}

const ROLE_NAMES: Record<string, string> = { secretariat: 'sekretariat', finance: 'økonomi' };

function staffNav(staff: StaffHeader): Html {
  const links = [
    staff.roles.includes('secretariat') ? html`<li><a href="/sekretariat">Sekretariat</a></li>` : undefined,
    staff.roles.includes('finance') ? html`<li><a href="/okonomi">Økonomi</a></li>` : undefined,
    staff.signOut ? html`<li>${signOutForm(staff.signOut, 'Logg ut')}</li>` : undefined,
  ];
  const roles = staff.roles.map((r) => ROLE_NAMES[r] ?? r).join(', ');
  return html`<nav aria-label="Saksbehandling"><ul>${links}</ul></nav>
    <p class="who">Innlogget som <strong>${staff.name}</strong> (${roles})</p>`;
}

export function layout({ title, body, staff }: LayoutOptions): string {
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} – ${SITE_NAME}</title>
<style>${raw(APP_CSS)}</style>
</head>
<body>
<a class="skip" href="#hovedinnhold">Hopp til hovedinnholdet</a>
<header class="site-header">
<div class="inner">
<a class="site-name" href="/">${SITE_NAME}</a>
${staff ? staffNav(staff) : ''}
</div>
</header>
<main id="hovedinnhold" class="site-main" tabindex="-1">
${body}
</main>
<footer class="site-footer">
<p>Tilskuddsordning for helsefellesskapene.${staff ? '' : ' Spørsmål om en søknad? Kontakt sekretariatet i ditt helsefellesskap.'}</p>
<p>${privacyLink('Personvern')}</p>
</footer>
</body>
</html>
`.value;
}
