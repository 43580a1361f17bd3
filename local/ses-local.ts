// Local SES (aws-ses-v2-local) for development and integration tests.
//
//   const ses = await startLocalSes();            // 127.0.0.1, a free port
//   const client = createSesClient({ endpoint: ses.endpoint, region: 'eu-north-1' });
//   …send…
//   const mails = await fetchMailStore(ses.endpoint);   // GET /store
//   await ses.stop();
//
// Note: aws-ses-v2-local keeps its store in a module-level variable, so every local SES started in
// the same process shares one store. Filter by recipient/subject or `since`, or call clear().
// Its v1 SendEmail keeps only the FIRST To, Cc and Bcc address (its request schema lists `member.1`
// only); real SES gets them all. Assert on full recipient lists with aws-sdk-client-mock instead.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LocalSes {
  /** SES endpoint for the SDK client, e.g. http://127.0.0.1:41234 */
  endpoint: string;
  /** web viewer of the captured mail */
  viewerUrl: string;
  /** empties the captured mail (POST /clear-store) */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartLocalSesOptions {
  /** 0 or omitted: a free port */
  port?: number;
  host?: string;
}

type ServerFactory = (config?: Partial<{ host: string; port: number }>) => Promise<Server>;

async function loadServerFactory(): Promise<ServerFactory> {
  // CommonJS module with `exports.default`: depending on the loader (Node ESM, vitest, tsx, esbuild)
  // the default import is either the function or the whole exports object.
  const mod = (await import('aws-ses-v2-local')) as unknown as { default: unknown };
  const candidate = mod.default as ServerFactory | { default?: ServerFactory };
  if (typeof candidate === 'function') return candidate;
  if (candidate && typeof candidate.default === 'function') return candidate.default;
  throw new Error('aws-ses-v2-local: no server factory export found');
}

export async function startLocalSes({ port = 0, host = '127.0.0.1' }: StartLocalSesOptions = {}): Promise<LocalSes> {
  const createServer = await loadServerFactory();
  const server = await createServer({ host, port });
  // The library resolves even when listen fails (e.g. EADDRINUSE): check that it really listens.
  const address = server.address() as AddressInfo | string | null;
  if (!server.listening || address === null || typeof address === 'string') {
    server.close();
    throw new Error(`Local SES could not listen on ${host}:${port}`);
  }
  const hostForUrl = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const endpoint = `http://${hostForUrl}:${address.port}`;
  let stopped = false;
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    clear: () => clearMailStore(endpoint),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

/** One mail as captured by aws-ses-v2-local (GET /store). */
export interface LocalSesMail {
  messageId: string;
  from: string;
  replyTo: string[];
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; filename?: string; size: number }>;
  headers?: Array<{ name: string; value: string }>;
  /** epoch seconds */
  at: number;
}

/**
 * The captured mails, oldest first. `since` filters on capture time: epoch seconds or a Date
 * (the store has one-second resolution, and the filter is inclusive).
 */
export async function fetchMailStore(endpoint: string, since?: number | Date): Promise<LocalSesMail[]> {
  const url = new URL('/store', endpoint);
  if (since !== undefined) {
    const seconds = since instanceof Date ? Math.floor(since.getTime() / 1000) : Math.floor(since);
    url.searchParams.set('since', String(seconds));
  }
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`Local SES store answered ${response.status}`);
  const body = (await response.json()) as { emails?: LocalSesMail[] };
  return body.emails ?? [];
}

export async function clearMailStore(endpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', endpoint), { method: 'POST', signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`Local SES clear-store answered ${response.status}`);
}

/** The opaque link ids in a captured mail, by page: /signering/<id>, /soknad/<id>, /rapport/<id>. */
export function linkIds(mail: LocalSesMail, page: 'signering' | 'soknad' | 'soknad/utkast' | 'rapport'): string[] {
  const text = `${mail.body.text ?? ''}\n${mail.body.html ?? ''}`;
  return [...new Set(Array.from(text.matchAll(new RegExp(`/${page}/([A-Za-z0-9_-]{22,64})`, 'g')), (m) => m[1]!))];
}

/** The mails sent to an address, as recipient or copy. */
export function mailsTo(mails: LocalSesMail[], address: string): LocalSesMail[] {
  return mails.filter((m) => m.destination.to.includes(address) || m.destination.cc.includes(address));
}
