// How staff are named (pure): the id an actor is recorded under, and which of a staff member's token
// claims names them for people (Cognito's `sub` is a UUID, fine for the audit trail but not for
// "Innlogget som …" or the case history).

import type { Actor } from './model';

/** The id an actor is recorded under on decisions and minutes: a staff member's sub, else the kind of actor. */
export function actorId(actor: Actor): string {
  return actor.kind === 'staff' ? actor.subject : actor.kind;
}

/** How people read an actor: a staff member's name (else the subject), else the kind of actor. */
export function actorName(actor: Actor): string {
  return actor.kind === 'staff' ? (actor.name ?? actor.subject) : actor.kind;
}

const NAME_CLAIMS = ['name', 'email', 'cognito:username', 'username'] as const;
const MAX_NAME = 200;

/** The first non-empty naming claim (`name`, `email`, the user name), else the subject itself. */
export function staffDisplayName(claims: Readonly<Record<string, unknown>>, subject: string): string {
  for (const key of NAME_CLAIMS) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_NAME);
  }
  return subject;
}
