// Endpoints that exist only in the local system (never in the CDK app): staff sign-in without
// Cognito; when the system runs on a ManualClock, moving that clock; and a mail that bounced
// (demos, end-to-end tests).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveLocalBounce } from './local-bounce';
import { serveLocalClock } from './local-clock';
import { serveLocalSignIn } from './local-sign-in';
import type { LocalSystem } from './system';

export async function serveLocalEndpoints(req: IncomingMessage, res: ServerResponse, system: LocalSystem): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/lokal/innlogging') return serveLocalSignIn(req, res, system);
  if (path.startsWith('/lokal/klokke')) return serveLocalClock(req, res, system);
  if (path.startsWith('/lokal/retur')) return serveLocalBounce(req, res);
  return false;
}
