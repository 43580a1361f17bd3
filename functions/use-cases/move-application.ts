import { assertTransition } from '../domain/status-transitions';
import type { Actor, ApplicationRecord, ApplicationStatus } from '../domain/model';
import type { Dependencies } from '../composition';
import type { ApplicationTransition } from '../ports/grant-store';

export interface MoveOptions {
  set?: ApplicationTransition['set'];
  remove?: ApplicationTransition['remove'];
  details?: Record<string, string | number | boolean>;
}

/**
 * The one way a use case changes an application's status: checked against the transition table,
 * conditional on the revision it read (no lost updates), audited in the same write.
 */
export async function moveApplication(
  deps: Pick<Dependencies, 'store' | 'clock'>,
  app: ApplicationRecord,
  to: ApplicationStatus,
  action: string,
  actor: Actor,
  options: MoveOptions = {},
): Promise<ApplicationRecord> {
  assertTransition(app.status, to);
  return deps.store.transition({
    applicationId: app.id,
    expectedRevision: app.revision,
    from: [app.status],
    to,
    ...(options.set ? { set: options.set } : {}),
    ...(options.remove ? { remove: options.remove } : {}),
    audit: { at: deps.clock.now().toISOString(), actor, action, from: app.status, to, ...(options.details ? { details: options.details } : {}) },
  });
}

export function staffActor(staff: { subject: string }, role: 'secretariat' | 'finance'): Actor {
  return { kind: 'staff', role, subject: staff.subject };
}

export const SYSTEM: Actor = { kind: 'system', name: 'lifecycle' };
