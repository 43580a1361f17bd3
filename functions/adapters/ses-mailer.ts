// Mailer on Amazon SES (v1 SendEmail), once per idempotency key through a MailOutbox.
//
// Why our own outbox and not Powertools `makeIdempotent` + `DynamoDBPersistenceLayer`: we tried it
// against dynalite with our single table (keyAttr 'pk', sortKeyAttr 'sk', staticPkValue 'MAIL').
// It runs (it falls back to GetItem when ReturnValuesOnConditionCheckFailure is ignored), but:
// - outside a registered Lambda context an INPROGRESS record gets no in-progress expiry, so a crash
//   between claim and send blocks the key for good; inside Lambda the expiry is the invocation's
//   remaining time, not the 5 minutes we want, and every handler would have to call
//   `registerLambdaContext` before using the mailer;
// - COMPLETED records expire (default 1 hour) and a later call with the same key sends again;
// - the sort key is a hash prefixed with AWS_LAMBDA_FUNCTION_NAME, so two functions sending the same
//   mail key do not see each other (unless keyPrefix is pinned), and all records share one
//   partition; our layout is pk=`MAIL#<key>`, sk=`MAIL`, readable in the console;
// - a repeat returns the cached result, so `{ sent: false }` for a repeat needs extra state;
// - it takes time from Date.now(), not from our Clock, so the stale-claim rule is not testable.
// The outbox below is ~100 lines of conditional writes with the exact semantics of the Mailer port.
import { SESClient, SendEmailCommand, type SendEmailCommandInput } from '@aws-sdk/client-ses';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Clock } from '../ports/clock';
import { systemClock } from '../ports/clock';
import type { MailOutbox } from '../ports/mail-outbox';
import type { Mailer, OutgoingMail } from '../ports/mailer';
import type { Logger } from '@aws-lambda-powertools/logger';
import { logger as defaultLogger } from './logger';

const CHARSET = 'UTF-8';
/** What SES accepts in a message tag's name and value. */
const TAG_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;

/**
 * Thrown when another caller holds a fresh claim on the same key (it may be sending right now).
 * Retryable: after MAIL_CLAIM_STALE_MS an abandoned claim is retaken, so a later retry either sees
 * `sent` or sends itself. Step Functions can retry on the error name.
 */
export class MailSendInProgressError extends Error {
  override readonly name = 'MailSendInProgressError';
  constructor(readonly idempotencyKey: string) {
    super('A mail with this idempotency key is being sent by another caller; retry later');
  }
}

export class InvalidMailError extends Error {
  override readonly name = 'InvalidMailError';
}

type LoggerLike = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface SesMailerOptions {
  ses: SESClient;
  /** `ikke-svar@…` or `Name <ikke-svar@…>` (config().MAIL_FROM) */
  from: string;
  outbox: MailOutbox;
  clock?: Clock;
  logger?: LoggerLike;
  /** optional Reply-To, e.g. the secretariat's address */
  replyTo?: string[];
  /** optional SES configuration set (event publishing) */
  configurationSetName?: string;
}

export class SesMailer implements Mailer {
  private readonly ses: SESClient;
  private readonly from: string;
  private readonly outbox: MailOutbox;
  private readonly clock: Clock;
  private readonly log: LoggerLike;
  private readonly replyTo: string[] | undefined;
  private readonly configurationSetName: string | undefined;

  constructor(options: SesMailerOptions) {
    this.ses = options.ses;
    this.from = options.from;
    this.outbox = options.outbox;
    this.clock = options.clock ?? systemClock;
    this.log = options.logger ?? defaultLogger;
    this.replyTo = options.replyTo;
    this.configurationSetName = options.configurationSetName;
  }

  /**
   * Sends the mail unless a mail with the same idempotencyKey was sent before.
   * Returns `{ sent: true, messageId }` when this call sent it, `{ sent: false }` for a repeat.
   * Throws MailSendInProgressError while another caller holds a fresh claim, InvalidMailError for a
   * malformed mail (nothing claimed), and rethrows SES errors after releasing the claim.
   */
  async send(mail: OutgoingMail): Promise<{ sent: boolean; messageId?: string }> {
    const input = this.toSesInput(mail);
    const key = mail.idempotencyKey;
    const claimedAt = this.clock.now();
    const claim = await this.outbox.claim(key, claimedAt);
    if (claim === 'sent') {
      this.log.info('mail already sent; skipped', { idempotencyKey: key });
      return { sent: false };
    }
    if (claim === 'in_progress') {
      this.log.warn('mail claimed by another caller', { idempotencyKey: key });
      throw new MailSendInProgressError(key);
    }

    let messageId: string;
    try {
      const output = await this.ses.send(new SendEmailCommand(input));
      messageId = output.MessageId ?? 'unknown';
    } catch (error) {
      try {
        await this.outbox.release(key, claimedAt);
      } catch (releaseError) {
        // The claim turns stale after MAIL_CLAIM_STALE_MS and is retaken then: no mail is lost.
        this.log.error('could not release mail claim', { idempotencyKey: key, error: releaseError as Error });
      }
      this.log.warn('SES send failed; claim released', { idempotencyKey: key, error: error as Error });
      throw error;
    }

    try {
      await this.outbox.markSent(key, messageId, this.clock.now());
    } catch (error) {
      // The mail is out. Do not throw (a retry would only hit the claim); at worst the stale claim
      // is retaken after MAIL_CLAIM_STALE_MS by a later call with the same key and sends a duplicate.
      this.log.error('mail sent but not recorded as sent', { idempotencyKey: key, messageId, error: error as Error });
    }
    this.log.info('mail sent', { idempotencyKey: key, messageId });
    return { sent: true, messageId };
  }

  private toSesInput(mail: OutgoingMail): SendEmailCommandInput {
    if (!mail.idempotencyKey) throw new InvalidMailError('idempotencyKey is required');
    const to = uniqueAddresses(mail.to);
    const cc = uniqueAddresses(mail.cc ?? []).filter((address) => !to.some((t) => sameAddress(t, address)));
    if (to.length === 0) throw new InvalidMailError('at least one To address is required');
    for (const address of [...to, ...cc]) {
      if (!isAddress(address)) throw new InvalidMailError('invalid recipient address');
    }
    const subject = mail.subject.replace(/[\r\n]+/g, ' ').trim();
    if (!subject) throw new InvalidMailError('subject is required');
    if (!mail.text && !mail.html) throw new InvalidMailError('a text or html body is required');
    // SES refuses a tag with other characters; a tag is for tracing, so one it would refuse is left out.
    const tags = Object.entries(mail.tags ?? {})
      .filter(([name, value]) => TAG_PATTERN.test(name) && TAG_PATTERN.test(value))
      .map(([Name, Value]) => ({ Name, Value }));
    return {
      Source: this.from,
      Destination: { ToAddresses: to, ...(cc.length > 0 ? { CcAddresses: cc } : {}) },
      ...(this.replyTo && this.replyTo.length > 0 ? { ReplyToAddresses: this.replyTo } : {}),
      ...(this.configurationSetName ? { ConfigurationSetName: this.configurationSetName } : {}),
      ...(tags.length > 0 ? { Tags: tags } : {}),
      Message: {
        Subject: { Data: subject, Charset: CHARSET },
        Body: {
          Text: { Data: mail.text, Charset: CHARSET },
          ...(mail.html ? { Html: { Data: mail.html, Charset: CHARSET } } : {}),
        },
      },
    };
  }
}

function uniqueAddresses(addresses: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of addresses) {
    const address = raw.trim();
    if (address && !out.some((seen) => sameAddress(seen, address))) out.push(address);
  }
  return out;
}

const sameAddress = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
const isAddress = (address: string): boolean => /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(address);

export interface CreateSesClientOptions {
  /** local SES (aws-ses-v2-local), e.g. http://127.0.0.1:8005; omit on AWS */
  endpoint?: string;
  region: string;
  requestTimeoutMs?: number;
  connectionTimeoutMs?: number;
}

/**
 * An SES v1 client whose requests time out (the local SES never answers unsupported actions).
 * With an endpoint it uses stub credentials ('local'), so no AWS account is needed.
 */
export function createSesClient({
  endpoint,
  region,
  requestTimeoutMs = 5000,
  connectionTimeoutMs = 2000,
}: CreateSesClientOptions): SESClient {
  return new SESClient({
    region,
    requestHandler: new NodeHttpHandler({
      requestTimeout: requestTimeoutMs,
      connectionTimeout: connectionTimeoutMs,
      throwOnRequestTimeout: true,
    }),
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 2 }
      : {}),
  });
}
