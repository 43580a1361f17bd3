// The local sign-in page: the authorize endpoint of the local identity provider, standing in for
// Cognito's managed login (only in the local system, never in the CDK app). The web pages send a
// browser here with state and a PKCE challenge (GET /innlogging); a developer picks a role and a
// name (no password), and the page answers the pages' callback with a one-time code, as Cognito would.
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { html as htmlResponse, redirect, type HttpResult } from '../functions/http/responses';
import { errorSummary, FormState, hidden, type FieldErrors, type FormBody } from '../functions/pages/forms';
import { html } from '../functions/pages/html';
import { layout } from '../functions/pages/layout';
import { STAFF_SIGN_IN_PATHS } from '../functions/http/routes';
import { ALL_SCHEMES_GROUP, schemeGroup } from '../functions/http/staff-auth';
import { runningSchemeIds } from '../functions/composition';
import { readBody } from './api-gateway';
import { LOCAL_AUTHORIZE_PATH, LOCAL_CLIENT_ID } from './local-staff-sign-in';
import type { LocalSystem } from './system';

const ROLES = {
  secretariat: { label: 'Sekretariat', name: 'Sekretær Lokal' },
  finance: { label: 'Økonomi', name: 'Økonomi Lokal' },
} as const;
type Role = keyof typeof ROLES;

/** What the pages' sign-in sends along (Cognito's /oauth2/authorize parameters). */
const authorizeRequest = z.object({
  response_type: z.literal('code'),
  client_id: z.literal(LOCAL_CLIENT_ID),
  redirect_uri: z.string().max(500),
  state: z.string().min(16).max(100),
  code_challenge: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  code_challenge_method: z.literal('S256'),
});
type AuthorizeRequest = z.output<typeof authorizeRequest>;

function isRole(value: string | undefined): value is Role {
  return value === 'secretariat' || value === 'finance';
}

function send(res: ServerResponse, result: HttpResult): void {
  res.writeHead(result.statusCode, result.headers);
  res.end(result.body ?? '');
}

/** Whom the staff member works for: every community, or one (the `scheme:…` group Cognito would give). */
function schemeChoices(system: LocalSystem): Array<{ value: string; label: string }> {
  return [{ value: 'all', label: 'Alle ordninger' }, ...runningSchemeIds(system.deps).map((id) => ({ value: id, label: system.deps.scheme(id)!.name }))];
}

function signInPage(system: LocalSystem, request: AuthorizeRequest, values: FormBody, errors: FieldErrors, status: number): HttpResult {
  const form = new FormState(values, errors, 'innlogging');
  const title = 'Lokal innlogging for saksbehandlere';
  const body = html`${errorSummary([form])}<h1>${title}</h1>
<div class="notice warning"><p><strong>Bare i det lokale systemet.</strong> Denne siden står i stedet for Cognitos innloggingsside. Det er ingen passord: velg rolle og navn, så logger du inn med de samme feltene som Cognito gir (bruker og gruppe). I AWS logger du inn med e-postadresse, passord og engangskode.</p></div>
<form method="post" action=${LOCAL_AUTHORIZE_PATH} novalidate>
${Object.entries(request).map(([name, value]) => hidden(name, value))}
${form.radios('role', 'Rolle', Object.entries(ROLES).map(([value, r]) => ({ value, label: r.label })))}
${form.input('name', 'Navn', { hint: 'Vises i vedtak og historikk som den som handlet.', autocomplete: 'name' })}
${form.radios('scheme', 'Ordning', schemeChoices(system), { hint: 'Saksbehandlere ser og behandler bare saker i ordningene de arbeider for.', ...(values.scheme ? {} : { checked: ['all'] }) })}
<button type="submit">Logg inn</button>
</form>`;
  return htmlResponse(status, layout({ title: Object.keys(errors).length ? `Feil: ${title}` : title, body }));
}

function badRequest(): HttpResult {
  return htmlResponse(400, layout({ title: 'Ugyldig innlogging', body: html`<h1>Ugyldig innlogging</h1><p>Innloggingen må startes fra tjenesten. <a href=${STAFF_SIGN_IN_PATHS.start}>Logg inn</a></p>` }));
}

/** The request's OAuth parameters, if they are the pages' own (registered client and callback). */
function parseAuthorize(system: LocalSystem, params: URLSearchParams): AuthorizeRequest | undefined {
  const parsed = authorizeRequest.safeParse(Object.fromEntries([...params].filter(([name]) => name in authorizeRequest.shape)));
  if (!parsed.success || parsed.data.redirect_uri !== system.signIn.callbackUrl) return undefined;
  return parsed.data;
}

export async function serveLocalSignIn(req: IncomingMessage, res: ServerResponse, system: LocalSystem): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== LOCAL_AUTHORIZE_PATH) return false;
  const method = (req.method ?? 'GET').toUpperCase();

  if (method === 'GET') {
    // Opened directly (a bookmark, the start banner): begin at the service, which comes back here.
    if (!url.searchParams.has('state')) {
      const back = url.searchParams.get('tilbake');
      send(res, redirect(`${STAFF_SIGN_IN_PATHS.start}${back ? `?tilbake=${encodeURIComponent(back)}` : ''}`));
      return true;
    }
    const request = parseAuthorize(system, url.searchParams);
    send(res, request ? signInPage(system, request, { role: 'secretariat', name: ROLES.secretariat.name }, {}, 200) : badRequest());
    return true;
  }
  if (method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Metoden støttes ikke.');
    return true;
  }
  const raw = await readBody(req, 16 * 1024);
  const params = new URLSearchParams(raw === 'too-large' ? '' : raw.toString('utf8'));
  const request = parseAuthorize(system, params);
  if (!request) {
    send(res, badRequest());
    return true;
  }
  const role = params.get('role') ?? undefined;
  const name = (params.get('name') ?? '').trim();
  const scheme = params.get('scheme') ?? 'all';
  const errors: FieldErrors = {};
  if (!isRole(role)) errors.role = 'Velg sekretariat eller økonomi.';
  if (!schemeChoices(system).some((c) => c.value === scheme)) errors.scheme = 'Velg en ordning.';
  if (name === '') errors.name = 'Skriv navnet ditt.';
  else if (name.length > 100) errors.name = 'Navnet kan ha høyst 100 tegn.';
  if (!isRole(role) || Object.keys(errors).length > 0) {
    send(res, signInPage(system, request, { ...(role ? { role } : {}), name, scheme }, errors, 400));
    return true;
  }
  const code = system.signIn.issueCode(name, [role, scheme === 'all' ? ALL_SCHEMES_GROUP : schemeGroup(scheme)], { codeChallenge: request.code_challenge, redirectUri: request.redirect_uri });
  send(res, redirect(`${request.redirect_uri}?${new URLSearchParams({ code, state: request.state })}`));
  return true;
}
