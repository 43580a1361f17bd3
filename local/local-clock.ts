// Moving the local system's ManualClock over HTTP (demo, end-to-end tests). Local only: the CDK app
// has no such route, and here it exists only when the system runs on a ManualClock
// (`LOCAL_CLOCK=manual npm start`) and only for clients on this machine.
//
//   GET  /lokal/klokke                           → { now, manual: true }
//   POST /lokal/klokke  { "advanceDays": 7 }     → moves the clock 7 days (reminders, schedules,
//   POST /lokal/klokke  { "to": "2027-01-28T09:00:00Z" }   workflows settled) → { now }
//   POST /lokal/klokke/vent                      → waits until every workflow has settled → { now }
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { isLoopback, readJsonBody, sendJson } from './local-endpoint';
import type { LocalSystem } from './system';
import { ManualClock } from './workflow-runtime';

const DAY_MS = 86_400_000;
/** Ten years: enough for any grant's lifecycle, small enough that a typo does not spin for hours. */
const MAX_ADVANCE_DAYS = 3650;

const moveSchema = z.union([
  z.strictObject({
    advanceDays: z.number().finite().min(0).max(MAX_ADVANCE_DAYS),
    /** optional step length; reminders and schedules are checked after each step (default 1 day) */
    stepHours: z.number().finite().min(1).max(24 * 31).optional(),
  }),
  z.strictObject({
    to: z.iso.datetime({ offset: true }),
    stepHours: z.number().finite().min(1).max(24 * 31).optional(),
  }),
]);

/** Moves of one system's clock run one after another, never interleaved. */
const queues = new WeakMap<LocalSystem, Promise<unknown>>();

function serialised<T>(system: LocalSystem, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(system) ?? Promise.resolve();
  const next = previous.then(work, work);
  queues.set(system, next.catch(() => undefined));
  return next;
}

export async function serveLocalClock(req: IncomingMessage, res: ServerResponse, system: LocalSystem): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
  if (path !== '/lokal/klokke' && path !== '/lokal/klokke/vent') return false;
  const clock = system.deps.clock;
  // On the real clock the endpoint does not exist at all (the caller's generic 404).
  if (!(clock instanceof ManualClock)) return false;
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { message: 'Klokken kan bare styres fra denne maskinen.' });
    return true;
  }
  const method = (req.method ?? 'GET').toUpperCase();

  if (path === '/lokal/klokke/vent') {
    if (method !== 'POST') {
      sendJson(res, 405, { message: 'Bruk POST.' }, { allow: 'POST' });
      return true;
    }
    await serialised(system, () => system.settle());
    sendJson(res, 200, { now: clock.now().toISOString() });
    return true;
  }

  if (method === 'GET' || method === 'HEAD') {
    sendJson(res, 200, { now: clock.now().toISOString(), manual: true });
    return true;
  }
  if (method !== 'POST') {
    sendJson(res, 405, { message: 'Bruk GET eller POST.' }, { allow: 'GET, POST' });
    return true;
  }

  const body = await readJsonBody(req, res, 'Innholdet må være JSON, for eksempel {"advanceDays": 7} eller {"to": "2027-01-28T09:00:00Z"}.');
  if (body === undefined) return true;
  const parsed = moveSchema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { message: 'Oppgi enten advanceDays (0–3650 dager) eller to (tidspunkt i ISO 8601 med tidssone).' });
    return true;
  }
  const move = parsed.data;
  const stepMs = (move.stepHours ?? 24) * 3_600_000;

  const outcome = await serialised(system, async (): Promise<{ status: number; body: unknown }> => {
    const now = clock.now().getTime();
    const ms = 'to' in move ? Date.parse(move.to) - now : move.advanceDays * DAY_MS;
    if (ms < 0) return { status: 409, body: { message: 'Klokken kan bare flyttes fremover.', now: new Date(now).toISOString() } };
    if (ms > MAX_ADVANCE_DAYS * DAY_MS) return { status: 400, body: { message: `Klokken kan flyttes høyst ${MAX_ADVANCE_DAYS} dager om gangen.` } };
    await system.advance(ms, stepMs);
    return { status: 200, body: { now: clock.now().toISOString() } };
  });
  sendJson(res, outcome.status, outcome.body);
  return true;
}
