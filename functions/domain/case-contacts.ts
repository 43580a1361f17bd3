// Who a case's mail goes to, as its history tells: the contact person the secretariat set since the
// application, the owner's link sent again, and mail that could not be delivered.
import type { ApplicationRecord, AuditEntry } from './model';

/** The history entry of a new contact person for the project (the secretariat's change of owner). */
export const OWNER_CHANGED = 'owner-changed';
/** The secretariat sent the owner's link again (the mail with it was lost). */
export const OWNER_LINK_SENT = 'owner-link-sent';
/** The secretariat wrote to the contact person from the case page (details: message). */
export const OWNER_MESSAGED = 'owner-messaged';
/** The contact person wrote to the secretariat from the owner's page (details: message). */
export const OWNER_WROTE = 'owner-wrote';

export interface CaseMessage extends Pick<AuditEntry, 'at' | 'actor'> {
  /** who wrote: the secretariat to the contact person, or the contact person to the secretariat */
  from: 'secretariat' | 'owner';
  message: string;
}

/** The case's messages both ways, oldest first: when, who, what. */
export function caseMessages(history: readonly AuditEntry[]): CaseMessage[] {
  return history
    .filter((e) => e.action === OWNER_MESSAGED || e.action === OWNER_WROTE)
    .map((e) => ({ at: e.at, actor: e.actor, from: e.action === OWNER_WROTE ? 'owner' : 'secretariat', message: String(e.details?.['message'] ?? '') }));
}

/** How many messages the contact person may write in a day: more is not a conversation. */
export const OWNER_MESSAGES_PER_DAY = 10;

/** A mail about the case could not be delivered (details: recipient, and partnerIndex and version for a partner). */
export const MAIL_BOUNCED = 'mail-bounced';

/** The project's contact person by name: the one the secretariat set since, else the one the application names. */
export function contactName(app: Pick<ApplicationRecord, 'ownerName'>, data: { owner: { name: string } }): string {
  return app.ownerName ?? data.owner.name;
}

/**
 * Whom a partner asks about the application's content: the contact person by name, the owner's
 * organisation (a partner in the application) and the address the owner's mail goes to.
 */
export function applicantContact(
  app: Pick<ApplicationRecord, 'ownerName' | 'ownerEmail'>,
  data: { owner: { name: string; partnerIndex: number }; partners: ReadonlyArray<{ organisationName: string }> },
): { name: string; organisation: string; email: string } {
  return { name: contactName(app, data), organisation: data.partners[data.owner.partnerIndex]?.organisationName ?? '', email: app.ownerEmail };
}

/**
 * The contact person, when the secretariat set another than the application (its current version)
 * names: since when (the latest change), and whom the application names. A new person with the same
 * name counts (the address differs); a revision that names the new contact ends it.
 */
export function contactChange(
  app: Pick<ApplicationRecord, 'ownerName' | 'ownerEmail' | 'history'>,
  data: { owner: { name: string; email: string } },
): { since: string; named: { name: string; email: string } } | undefined {
  const since = app.history.findLast((e) => e.action === OWNER_CHANGED)?.at;
  if (!since) return undefined;
  const sameName = contactName(app, data) === data.owner.name;
  const sameAddress = app.ownerEmail.toLowerCase() === data.owner.email.trim().toLowerCase();
  return sameName && sameAddress ? undefined : { since, named: { name: data.owner.name, email: data.owner.email } };
}

/**
 * How many times the owner's mail has gone to a new address (a corrected name does not count): the
 * number names each handover (its link and its notices), where two changes in one instant would not.
 */
export function ownerHandovers(history: readonly AuditEntry[]): number {
  return history.filter((e) => e.action === OWNER_CHANGED && e.details?.['newAddress'] === true).length;
}

/** The reminder that mails the `handover`th new address its link (one per handover). */
export function ownerChangeReminderId(applicationId: string, handover: number): string {
  return `${applicationId}#${OWNER_CHANGED}#${handover}`;
}

/** Whether the partner's mail about this version bounced (its address in the application is likely wrong). */
export function partnerAddressBounced(history: readonly AuditEntry[], version: number, partnerIndex: number): boolean {
  return history.some((e) => e.action === MAIL_BOUNCED && e.details?.['partnerIndex'] === partnerIndex && e.details['version'] === version);
}
