// Endpoints that exist only in the local system (never in the CDK app): staff sign-in without
// Cognito, and, when the system runs on a ManualClock, moving that clock (demos, end-to-end tests).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalSystem } from './system';

export async function serveLocalEndpoints(req: IncomingMessage, res: ServerResponse, system: LocalSystem): Promise<boolean> {
  void req;
  void res;
  void system;
  return false;
}
