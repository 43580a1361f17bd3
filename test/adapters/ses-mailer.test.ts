import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidMailError, MailSendInProgressError, SesMailer, createSesClient } from '../../functions/adapters/ses-mailer';
import { InMemoryMailOutbox, MAIL_CLAIM_STALE_MS } from '../../functions/ports/mail-outbox';
import { redact, redactingJsonReplacer } from '../../functions/adapters/logger';
import type { Clock } from '../../functions/ports/clock';
import type { OutgoingMail } from '../../functions/ports/mailer';

const sesMock = mockClient(SESClient);
const silent = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };

class FakeClock implements Clock {
  constructor(public current = new Date('2025-03-01T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  idempotencyKey: 'decision#app-1#dec-1',
  to: ['eier@kommune.example'],
  cc: ['leder@hf.example', 'nestleder@hf.example'],
  subject: '[FSU] Vedtak om tilskudd: «Felles utskrivningsteam»',
  text: 'Hei,\n\nFSU har tildelt kr 250 000.\n',
  html: '<p>FSU har tildelt kr 250 000.</p>',
  ...overrides,
});

describe('SesMailer', () => {
  let outbox: InMemoryMailOutbox;
  let clock: FakeClock;
  let mailer: SesMailer;

  beforeEach(() => {
    sesMock.reset();
    sesMock.on(SendEmailCommand).resolves({ MessageId: 'msg-1' });
    outbox = new InMemoryMailOutbox();
    clock = new FakeClock();
    mailer = new SesMailer({ ses: new SESClient({ region: 'eu-north-1' }), from: 'ikke-svar@tilskudd.example', outbox, clock, logger: silent });
  });
  afterEach(() => vi.clearAllMocks());

  it('sends a v1 SendEmail with To, Cc, Subject, UTF-8 text and html', async () => {
    await expect(mailer.send(mail())).resolves.toEqual({ sent: true, messageId: 'msg-1' });
    const calls = sesMock.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.args[0].input).toEqual({
      Source: 'ikke-svar@tilskudd.example',
      Destination: { ToAddresses: ['eier@kommune.example'], CcAddresses: ['leder@hf.example', 'nestleder@hf.example'] },
      Message: {
        Subject: { Data: '[FSU] Vedtak om tilskudd: «Felles utskrivningsteam»', Charset: 'UTF-8' },
        Body: {
          Text: { Data: 'Hei,\n\nFSU har tildelt kr 250 000.\n', Charset: 'UTF-8' },
          Html: { Data: '<p>FSU har tildelt kr 250 000.</p>', Charset: 'UTF-8' },
        },
      },
    });
    expect(outbox.entries.get('decision#app-1#dec-1')).toMatchObject({ state: 'sent', messageId: 'msg-1' });
  });

  it('omits Cc and Html when there are none, drops duplicate addresses and line breaks in the subject', async () => {
    await mailer.send(
      mail({ cc: ['EIER@kommune.example'], html: undefined, to: ['eier@kommune.example', 'eier@kommune.example'], subject: 'Linje 1\r\nBcc: x@y.z' }),
    );
    const input = sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input;
    expect(input?.Destination).toEqual({ ToAddresses: ['eier@kommune.example'] });
    expect(input?.Message?.Body?.Html).toBeUndefined();
    expect(input?.Message?.Subject?.Data).toBe('Linje 1 Bcc: x@y.z');
  });

  it('tags the message with the case it is about (SES returns tags with a bounce); a tag SES would refuse is left out, the mail still goes', async () => {
    await mailer.send(mail({ tags: { application: 'app_AbC-12_x', kind: 'ikke gyldig', 'æ': 'x' } }));
    expect(sesMock.commandCalls(SendEmailCommand)[0]?.args[0].input.Tags).toEqual([{ Name: 'application', Value: 'app_AbC-12_x' }]);
    await mailer.send(mail({ idempotencyKey: 'other', tags: {} }));
    expect(sesMock.commandCalls(SendEmailCommand)[1]?.args[0].input.Tags).toBeUndefined();
  });

  it('sends nothing the second time with the same key', async () => {
    await mailer.send(mail());
    await expect(mailer.send(mail())).resolves.toEqual({ sent: false });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
    await mailer.send(mail({ idempotencyKey: 'decision#app-1#dec-2' }));
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('releases the claim when SES fails, so a retry sends exactly once', async () => {
    const throttled = Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling' });
    sesMock.on(SendEmailCommand).rejectsOnce(throttled).resolves({ MessageId: 'msg-2' });
    await expect(mailer.send(mail())).rejects.toThrow('Maximum sending rate exceeded.');
    expect(outbox.entries.has('decision#app-1#dec-1')).toBe(false);

    await expect(mailer.send(mail())).resolves.toEqual({ sent: true, messageId: 'msg-2' });
    await expect(mailer.send(mail())).resolves.toEqual({ sent: false });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(2);
  });

  it('refuses while another caller holds a fresh claim, and retakes a claim older than 5 minutes', async () => {
    await outbox.claim('decision#app-1#dec-1', clock.now()); // a caller that crashed after claiming
    await expect(mailer.send(mail())).rejects.toBeInstanceOf(MailSendInProgressError);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);

    clock.advance(MAIL_CLAIM_STALE_MS - 1);
    await expect(mailer.send(mail())).rejects.toMatchObject({ name: 'MailSendInProgressError' });

    clock.advance(2);
    await expect(mailer.send(mail())).resolves.toEqual({ sent: true, messageId: 'msg-1' });
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it('still reports success when the mail went out but could not be recorded', async () => {
    vi.spyOn(outbox, 'markSent').mockRejectedValueOnce(new Error('DynamoDB down'));
    await expect(mailer.send(mail())).resolves.toEqual({ sent: true, messageId: 'msg-1' });
    expect(silent.error).toHaveBeenCalledWith('mail sent but not recorded as sent', expect.objectContaining({ messageId: 'msg-1' }));
  });

  it('rejects a malformed mail before claiming anything', async () => {
    await expect(mailer.send(mail({ to: [] }))).rejects.toBeInstanceOf(InvalidMailError);
    await expect(mailer.send(mail({ to: ['ikke en adresse'] }))).rejects.toBeInstanceOf(InvalidMailError);
    await expect(mailer.send(mail({ idempotencyKey: '' }))).rejects.toBeInstanceOf(InvalidMailError);
    expect(outbox.entries.size).toBe(0);
    expect(sesMock.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});

describe('createSesClient', () => {
  it('uses stub credentials and the endpoint for local SES', async () => {
    const client = createSesClient({ endpoint: 'http://127.0.0.1:8005', region: 'eu-north-1' });
    await expect(client.config.credentials()).resolves.toMatchObject({ accessKeyId: 'local', secretAccessKey: 'local' });
    const endpoint = await client.config.endpoint?.();
    expect(endpoint?.hostname).toBe('127.0.0.1');
    expect(await client.config.region()).toBe('eu-north-1');
    client.destroy();
  });
});

// The mailer logs through the shared logger; these are the rules that keep personal data out of logs.
describe('logger redact', () => {
  it('masks e-mail addresses, link ids, task tokens and token assignments, but keeps ids', () => {
    const taskToken = 'AQCEAAAAKgAAAAMAAAAAAAAAAc' + 'x7Yz/9+Ab'.repeat(20) + '==';
    const line = redact(
      `to kari.nordmann@sola.kommune.example link https://t.example/l/Zx9aB3cD4eF5gH6iJ7kL8m tok ${taskToken} token=abc ` +
        'app 01HXYZABCDEFGHJKMNPQRSTVWX req 3f2b9c1e-8d4a-4b6e-9f0a-1c2d3e4f5a6b ConditionalCheckFailedException key decision#app-1#dec-1',
    );
    expect(line).toContain('***@sola.kommune.example');
    expect(line).not.toContain('kari.nordmann');
    expect(line).not.toContain('Zx9aB3cD4eF5gH6iJ7kL8m');
    expect(line).not.toContain('x7Yz');
    expect(line).toContain('token=[redacted]');
    for (const kept of ['01HXYZABCDEFGHJKMNPQRSTVWX', '3f2b9c1e-8d4a-4b6e-9f0a-1c2d3e4f5a6b', 'ConditionalCheckFailedException', 'decision#app-1#dec-1']) {
      expect(line).toContain(kept);
    }
  });

  it('replaces secret and personal fields wholesale, recursively, without mutating the input', () => {
    const input = {
      applicationId: 'app-1',
      taskToken: 'short',
      ownerEmail: 'eier@kommune.example',
      audit: { from: 'draft', to: 'submitted' },
      partners: [{ contactName: 'Ola Nordmann', partnerIndex: 0 }],
      error: new Error('failed for eier@kommune.example'),
    };
    expect(redact(input)).toEqual({
      applicationId: 'app-1',
      taskToken: '[redacted]',
      ownerEmail: '[redacted]',
      audit: { from: 'draft', to: 'submitted' },
      partners: [{ contactName: '[redacted]', partnerIndex: 0 }],
      error: expect.objectContaining({ name: 'Error', message: 'failed for ***@kommune.example' }),
    });
    expect(input.ownerEmail).toBe('eier@kommune.example');
  });

  it('is the JSON replacer of the logger', () => {
    const json = JSON.stringify({ message: 'sent to a@b.no', linkId: 'x', idempotencyKey: 'k#1' }, redactingJsonReplacer);
    expect(JSON.parse(json)).toEqual({ message: 'sent to ***@b.no', linkId: '[redacted]', idempotencyKey: 'k#1' });
  });
});
