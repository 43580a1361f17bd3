// The outbox that makes `Mailer.send` once-per-key: a mail is claimed before it is sent and marked
// sent afterwards. A failed send releases the claim (a retry sends); a claim left behind by a crash
// between claim and send may be retaken once it is older than MAIL_CLAIM_STALE_MS.

export type MailClaimResult =
  /** this call owns the key now and must send (then markSent, or release on failure) */
  | 'claimed'
  /** the mail with this key was sent before: send nothing */
  | 'sent'
  /** another caller claimed it less than MAIL_CLAIM_STALE_MS ago and may be sending right now */
  | 'in_progress';

/** A claim older than this is considered abandoned (crash between claim and send) and may be retaken. */
export const MAIL_CLAIM_STALE_MS = 5 * 60 * 1000;

export interface MailOutbox {
  claim(key: string, at: Date): Promise<MailClaimResult>;
  markSent(key: string, messageId: string, at: Date): Promise<void>;
  /**
   * Gives up a claim that has not been sent. Never removes a sent record. With `claimedAt`, only the
   * claim made at that instant is released (not a newer claim that retook a stale one).
   */
  release(key: string, claimedAt?: Date): Promise<void>;
}

type Entry = { state: 'claimed'; claimedAt: number } | { state: 'sent'; messageId: string; sentAt: number };

/** In-memory outbox for unit tests and single-process local runs. */
export class InMemoryMailOutbox implements MailOutbox {
  readonly entries = new Map<string, Entry>();
  constructor(private readonly staleAfterMs = MAIL_CLAIM_STALE_MS) {}

  async claim(key: string, at: Date): Promise<MailClaimResult> {
    const entry = this.entries.get(key);
    if (entry?.state === 'sent') return 'sent';
    if (entry?.state === 'claimed' && entry.claimedAt > at.getTime() - this.staleAfterMs) return 'in_progress';
    this.entries.set(key, { state: 'claimed', claimedAt: at.getTime() });
    return 'claimed';
  }

  async markSent(key: string, messageId: string, at: Date): Promise<void> {
    this.entries.set(key, { state: 'sent', messageId, sentAt: at.getTime() });
  }

  async release(key: string, claimedAt?: Date): Promise<void> {
    const entry = this.entries.get(key);
    if (entry?.state !== 'claimed') return;
    if (claimedAt && entry.claimedAt !== claimedAt.getTime()) return;
    this.entries.delete(key);
  }
}
