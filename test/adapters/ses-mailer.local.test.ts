// Integration: SesMailer + DynamoMailOutbox against aws-ses-v2-local and dynalite, all in-process.
import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoMailOutbox } from '../../functions/adapters/dynamodb-mail-outbox';
import { SesMailer, createSesClient } from '../../functions/adapters/ses-mailer';
import { decisionLetter } from '../../functions/mail/templates';
import { fetchMailStore, startLocalSes, type LocalSes } from '../../local/ses-local';
import { startDynalite, type LocalDynamo } from '../support/dynalite';

const silent = { info: () => {}, warn: () => {}, error: () => {} };

describe('SesMailer on local SES and dynalite', () => {
  let ses: LocalSes;
  let dynamo: LocalDynamo;
  let client: SESClient;
  let outbox: DynamoMailOutbox;
  let mailer: SesMailer;

  beforeAll(async () => {
    [ses, dynamo] = await Promise.all([startLocalSes(), startDynalite()]);
    client = createSesClient({ endpoint: ses.endpoint, region: 'eu-north-1' });
    outbox = new DynamoMailOutbox({ client: dynamo.client, tableName: dynamo.tableName });
    mailer = new SesMailer({ ses: client, from: 'FSU Sør-Rogaland <ikke-svar@tilskudd.example>', outbox, logger: silent });
  });
  afterAll(async () => {
    client?.destroy();
    await Promise.all([ses?.stop(), dynamo?.stop()]);
  });
  beforeEach(async () => {
    await ses.clear();
  });

  it('binds to 127.0.0.1 on a free port', () => {
    expect(ses.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ses.viewerUrl).toBe(`${ses.endpoint}/`);
  });

  it('delivers a rendered Norwegian letter once per key and records it in the outbox', async () => {
    const letter = decisionLetter(
      {
        scheme: { name: 'Helsefellesskapet i Sør-Rogaland', committeeShortName: 'FSU', secretariatEmail: 'fsu@hf.example', statusReportAfterMonths: 6 },
        application: { id: 'app-42', title: 'Felles utskrivningsteam for Jæren' },
      },
      {
        amount: 250000,
        periodStart: '2025-04-01',
        periodEnd: '2026-03-31',
        decidedAt: '2025-03-12',
        projectNumber: 'R-11326-D11325',
        ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' },
        statusReportDue: '2025-09-12',
        finalReportDue: '2026-05-31',
      },
    );
    const outgoing = {
      idempotencyKey: 'decision#app-42#dec-1',
      to: ['eier@kommune.example'],
      cc: ['leder@hf.example', 'nestleder@kommune.example'],
      ...letter,
    };
    const before = Math.floor(Date.now() / 1000);

    const first = await mailer.send(outgoing);
    const second = await mailer.send(outgoing);
    expect(first.sent).toBe(true);
    expect(second).toEqual({ sent: false });

    const mails = await fetchMailStore(ses.endpoint, before);
    expect(mails).toHaveLength(1);
    const [stored] = mails;
    expect(stored?.messageId).toBe(first.messageId);
    expect(stored?.from).toBe('FSU Sør-Rogaland <ikke-svar@tilskudd.example>');
    // aws-ses-v2-local's v1 SendEmail keeps only the first address of each list (its schema lists
    // `member.1` only); that every address reaches SES is checked in ses-mailer.test.ts.
    expect(stored?.destination).toEqual({ to: ['eier@kommune.example'], cc: ['leder@hf.example'], bcc: [] });
    expect(stored?.subject).toBe('[FSU] Vedtak om tilskudd: «Felles utskrivningsteam for Jæren»');
    expect(stored?.body.text).toContain('250 000 kr');
    expect(stored?.body.text).toContain('R-11326-D11325');
    expect(stored?.body.html).toContain('<html lang="nb">');

    await expect(outbox.get('decision#app-42#dec-1')).resolves.toMatchObject({
      pk: 'MAIL#decision#app-42#dec-1',
      sk: 'MAIL',
      entity: 'mail',
      state: 'sent',
      attempts: 1,
      messageId: first.messageId,
    });
  });

  it('does not send twice when two callers race on the same key', async () => {
    const outgoing = { idempotencyKey: 'receipt#app-43', to: ['eier@kommune.example'], subject: 'Kvittering', text: 'Søknaden er mottatt.' };
    const results = await Promise.allSettled([mailer.send(outgoing), mailer.send(outgoing), mailer.send(outgoing)]);
    const sent = results.filter((r) => r.status === 'fulfilled' && r.value.sent);
    expect(sent).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('MailSendInProgressError');
    }
    expect((await fetchMailStore(ses.endpoint)).filter((m) => m.subject === 'Kvittering')).toHaveLength(1);
  });

  it('releases the claim when SES refuses the mail, so a retry sends', async () => {
    // An SES that is down (nothing listens on port 9): the send fails after the claim was taken.
    const down = createSesClient({ endpoint: 'http://127.0.0.1:9', region: 'eu-north-1', connectionTimeoutMs: 500 });
    const failing = new SesMailer({ ses: down, from: 'ikke-svar@tilskudd.example', outbox, logger: silent });
    const outgoing = { idempotencyKey: 'reminder#app-44#r1', to: ['eier@kommune.example'], subject: 'Påminnelse', text: 'Husk rapporten.' };
    await expect(failing.send(outgoing)).rejects.toThrow();
    down.destroy();
    await expect(outbox.get('reminder#app-44#r1')).resolves.toBeUndefined();

    await expect(mailer.send(outgoing)).resolves.toMatchObject({ sent: true });
    expect((await fetchMailStore(ses.endpoint)).filter((m) => m.subject === 'Påminnelse')).toHaveLength(1);
  });

  it('times out on actions the local SES does not answer', async () => {
    const quick = createSesClient({ endpoint: ses.endpoint, region: 'eu-north-1', requestTimeoutMs: 300 });
    const started = Date.now();
    await expect(quick.send(new GetSendQuotaCommand({}))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5000);
    quick.destroy();
  });

  it('outbox: a fresh claim blocks, a stale one is retaken, an old release leaves the new claim alone', async () => {
    const key = 'cosign#app-45#v1#p0';
    const t0 = new Date('2025-03-01T10:00:00.000Z');
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    await expect(outbox.claim(key, t0)).resolves.toBe('claimed');
    await expect(outbox.claim(key, at(4))).resolves.toBe('in_progress');
    await expect(outbox.claim(key, at(6))).resolves.toBe('claimed');
    await outbox.release(key, t0); // the crashed first caller wakes up late: not its claim any more
    await expect(outbox.get(key)).resolves.toMatchObject({ state: 'claimed', attempts: 2, claimedAt: at(6).toISOString() });
    await outbox.markSent(key, 'ses-1', at(7));
    await outbox.release(key); // never removes a sent record
    await expect(outbox.claim(key, at(60))).resolves.toBe('sent');
  });
});
