// Local staff sign-in (stands in for Cognito's hosted UI). Filled in by the web-pages work.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalSystem } from './system';

export async function serveLocalSignIn(_req: IncomingMessage, _res: ServerResponse, _system: LocalSystem): Promise<boolean> {
  return false;
}
