// The local bounce endpoint (/lokal/retur): local SES delivers everything, so this plays SES's part
// and runs the real mail-events handler; the owner hears of the partner's address that bounced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { application, startHarness, submit, type Harness } from '../support/local-system';

describe('/lokal/retur', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness('2026-11-20T09:00:00.000Z');
  });
  afterAll(async () => {
    await h?.stop();
  });

  const post = async (body: unknown) => {
    const response = await fetch(`${h.system.url}/lokal/retur`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it("a partner's address that bounced: the owner is told through the mail viewer", async () => {
    const data = application();
    const { id } = await submit(h, data);
    expect(await post({ applicationId: id, address: data.partners[1]!.email })).toEqual({ status: 202, body: { applicationId: id } });
    const told = (await h.mailsTo(data.owner.email)).filter((m) => /kom ikke fram/.test(m.subject));
    expect(told.map((m) => m.subject)).toEqual([`[FSU] E-posten til ${data.partners[1]!.organisationName} kom ikke fram: «${data.title}»`]);
    // The case's mail log marks the mail that bounced: the partner's signing request.
    const mails = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.mails as Array<{ subject: string; to: string[]; bouncedTo?: string[] }>;
    const marked = mails.filter((m) => m.bouncedTo);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ to: [data.partners[1]!.email], bouncedTo: [data.partners[1]!.email.toLowerCase()] });
  });

  it('a transient bounce ("midlertidig") of a signing request: marked on the case\'s mail log, the owner told the address may be right', async () => {
    const data = application({ title: 'Felles læringsnettverk for hjemmetjenesten' });
    const { id } = await submit(h, data);
    const before = (await h.mailsTo(data.owner.email)).length;
    expect(await post({ applicationId: id, address: data.partners[2]!.email, midlertidig: true })).toEqual({ status: 202, body: { applicationId: id } });
    const told = (await h.mailsTo(data.owner.email)).slice(before);
    expect(told.map((m) => m.subject)).toEqual([`[FSU] E-posten til ${data.partners[2]!.organisationName} kom ikke fram nå: «${data.title}»`]);
    const mails = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.mails as Array<{ to: string[]; bouncedTo?: string[]; softBouncedTo?: string[] }>;
    expect(mails.filter((m) => m.bouncedTo)).toEqual([]);
    expect(mails.filter((m) => m.softBouncedTo)).toEqual([expect.objectContaining({ to: [data.partners[2]!.email], softBouncedTo: [data.partners[2]!.email.toLowerCase()] })]);
  });

  it('says in Norwegian what it needs, and only takes POST', async () => {
    for (const body of ['ikke json', {}, { applicationId: 'app_x', address: 'ikke-en-adresse' }, { applicationId: 'app_x', address: 'a@b.example', ekstra: 1 }, { applicationId: 'app_x', address: 'a@b.example', midlertidig: 'ja' }]) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message).toMatch(/applicationId \(saksnummeret\) og address/);
    }
    expect((await fetch(`${h.system.url}/lokal/retur`)).status).toBe(405);
  });
});
