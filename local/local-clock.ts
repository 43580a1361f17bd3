// Moving the local system's ManualClock over HTTP (demo, end-to-end tests). Filled in by the demo work.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalSystem } from './system';

export async function serveLocalClock(_req: IncomingMessage, _res: ServerResponse, _system: LocalSystem): Promise<boolean> {
  return false;
}
