import { randomBytes } from 'node:crypto';

/** Opaque link ids: 192 random bits, URL-safe. They are the only thing a person ever receives. */
export function newLinkId(): string {
  return randomBytes(24).toString('base64url');
}

/** Application ids are internal (never a capability) but still unguessable; `app_` and 16 characters, the case number caseNumberField (schemas/fields.schema.ts) accepts. */
export function newApplicationId(): string {
  return `app_${randomBytes(12).toString('base64url')}`;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}
