// Local staff sign-in: stands in for Cognito's hosted UI, only in the local system (never in the
// CDK app). A developer picks a role and a name (no password); the page sets the `staff_session`
// cookie with a local JWT carrying the claims Cognito would (sub, cognito:groups), which the local
// API Gateway accepts for staff routes. /lokal/utlogging clears it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { html as htmlResponse, type HttpResult } from '../functions/http/responses';
import { errorSummary, FormState, hidden, type FieldErrors, type FormBody } from '../functions/pages/forms';
import { html } from '../functions/pages/html';
import { layout } from '../functions/pages/layout';
import { readBody, SESSION_COOKIE, sessionCookie } from './api-gateway';
import type { LocalSystem } from './system';

const ROLES = {
  secretariat: { label: 'Sekretariat', home: '/sekretariat' },
  finance: { label: 'Økonomi', home: '/okonomi' },
} as const;
type Role = keyof typeof ROLES;

const SESSION_SECONDS = 8 * 3600; // LocalAuth's token lifetime

/** Only a path on this site: '/sekretariat?x=1' yes; '//evil.example', 'https://…', '/\\evil' no. */
export function safeReturnPath(value: string | undefined): string | undefined {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  try {
    const base = 'http://lokal.invalid';
    const url = new URL(value, base);
    if (url.origin !== base) return undefined;
    if (url.pathname.startsWith('/lokal/')) return undefined;
    return `${url.pathname}${url.search}`;
  } catch {
    return undefined;
  }
}

function isRole(value: string | undefined): value is Role {
  return value === 'secretariat' || value === 'finance';
}

function send(res: ServerResponse, result: HttpResult, extra: Record<string, string> = {}): void {
  res.writeHead(result.statusCode, { ...result.headers, ...extra });
  res.end(result.body ?? '');
}

function signInPage(system: LocalSystem, req: IncomingMessage, values: FormBody, errors: FieldErrors, status: number, notice?: string): HttpResult {
  const form = new FormState(values, errors, 'innlogging');
  const current = system.auth.verify(sessionCookie(req.headers.cookie));
  const back = typeof values.tilbake === 'string' ? values.tilbake : '';
  const fields = html`<form method="post" action="/lokal/innlogging" novalidate>
${back ? hidden('tilbake', back) : ''}
${form.radios('role', 'Rolle', Object.entries(ROLES).map(([value, r]) => ({ value, label: r.label })))}
${form.input('name', 'Navn', { hint: 'Vises i vedtak og historikk som den som handlet.', autocomplete: 'name' })}
<button type="submit">Logg inn</button>
</form>`;
  const title = 'Lokal innlogging for saksbehandlere';
  const body = html`${errorSummary([form])}<h1>${title}</h1>
${notice ? html`<div class="notice success" role="status"><p>${notice}</p></div>` : ''}
<div class="notice warning"><p><strong>Bare i det lokale systemet.</strong> Denne siden står i stedet for Cognitos innloggingsside (hosted UI). Det er ingen passord: velg rolle og navn, så får du en lokal innlogging (en JWT med de samme feltene som Cognito gir) i en informasjonskapsel. I AWS finnes ikke denne siden.</p></div>
${current ? html`<p>Du er innlogget som <strong>${current.sub}</strong> (${current['cognito:groups'].join(', ')}). <a href="/lokal/utlogging">Logg ut</a></p>` : ''}
${fields}`;
  return htmlResponse(status, layout({ title: errors && Object.keys(errors).length ? `Feil: ${title}` : title, body }));
}

export async function serveLocalSignIn(req: IncomingMessage, res: ServerResponse, system: LocalSystem): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();

  if (url.pathname === '/lokal/utlogging') {
    res.writeHead(303, { location: '/lokal/innlogging?utlogget=1', 'set-cookie': `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`, 'cache-control': 'no-store' });
    res.end();
    return true;
  }
  if (url.pathname !== '/lokal/innlogging') return false;

  if (method === 'GET') {
    const back = safeReturnPath(url.searchParams.get('tilbake') ?? undefined);
    const role: Role = back?.startsWith('/okonomi') ? 'finance' : 'secretariat';
    const values: FormBody = { role, name: role === 'finance' ? 'Økonomi Lokal' : 'Sekretær Lokal', ...(back ? { tilbake: back } : {}) };
    send(res, signInPage(system, req, values, {}, 200, url.searchParams.has('utlogget') ? 'Du er logget ut.' : undefined));
    return true;
  }
  if (method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST', 'content-type': 'text/plain; charset=utf-8' });
    res.end('Metoden støttes ikke.');
    return true;
  }
  const raw = await readBody(req, 16 * 1024);
  const params = new URLSearchParams(raw === 'too-large' ? '' : raw.toString('utf8'));
  const role = params.get('role') ?? undefined;
  const name = (params.get('name') ?? '').trim();
  const back = safeReturnPath(params.get('tilbake') ?? undefined);
  const errors: FieldErrors = {};
  if (!isRole(role)) errors.role = 'Velg sekretariat eller økonomi.';
  if (name === '') errors.name = 'Skriv navnet ditt.';
  else if (name.length > 100) errors.name = 'Navnet kan ha høyst 100 tegn.';
  if (!isRole(role) || Object.keys(errors).length > 0) {
    const values: FormBody = { ...(role ? { role } : {}), name, ...(back ? { tilbake: back } : {}) };
    send(res, signInPage(system, req, values, errors, 400));
    return true;
  }
  const token = system.auth.issue(name, [role]);
  res.writeHead(303, {
    location: back ?? ROLES[role].home,
    'set-cookie': `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${SESSION_SECONDS}`,
    'cache-control': 'no-store',
  });
  res.end();
  return true;
}
