// What the local-only endpoints (/lokal/…: the clock, a bounce) share: they answer clients on this
// machine only, in JSON, and read a small JSON body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './api-gateway';

/** The local-only endpoints' bodies are a few fields. */
const MAX_BODY_BYTES = 4096;

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || /^127(\.\d{1,3}){3}$/.test(plain);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...extra });
  res.end(JSON.stringify(body));
}

/**
 * The request's JSON body ({} when empty), or undefined after answering 413 (too large) or 400 with
 * `invalidJson` (not JSON).
 */
export async function readJsonBody(req: IncomingMessage, res: ServerResponse, invalidJson: string): Promise<unknown> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  if (raw === 'too-large') {
    sendJson(res, 413, { message: 'Forespørselen er for stor.' });
    return undefined;
  }
  try {
    return JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    sendJson(res, 400, { message: invalidJson });
    return undefined;
  }
}
