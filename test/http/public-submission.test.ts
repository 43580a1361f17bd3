import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../functions/domain/money';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

/** An object as an HTML form posts it: dotted names, repeated keys for lists, '250 000' amounts. */
function toForm(value: unknown, prefix = '', out: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    out[prefix] = value as string[];
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => toForm(v, `${prefix}.${i}`, out));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) toForm(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (typeof value === 'number') {
    out[prefix] = groupThousands(value);
  } else if (typeof value === 'boolean') {
    if (value) out[prefix] = 'on';
  } else if (value !== undefined) {
    out[prefix] = String(value);
  }
  return out;
}

describe('POST /api/schemes/{schemeId}/applications', () => {
  it('accepts a JSON application: 201, awaiting co-signature, an owner link and one co-sign link per partner', async () => {
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application() });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: 'awaiting_cosignature', created: true });
    expect(res.body.statusUrl).toMatch(/^https:\/\/tilskudd\.example\/soknad\/[A-Za-z0-9_-]{22,}$/);
    const stored = await app.store.getApplication(res.body.applicationId);
    expect(stored).toMatchObject({ schemeId: 'sor-rogaland', status: 'awaiting_cosignature', requestedAmount: 850_000, version: 1 });
    const links = await app.store.listLinks(res.body.applicationId);
    expect(links.filter((l) => l.purpose === 'cosign')).toHaveLength(3);
    expect(links.filter((l) => l.purpose === 'owner')).toHaveLength(1);
  });

  it('answers 400 with Norwegian field errors naming the field, and writes nothing', async () => {
    const before = await app.countApplications('sor-rogaland');
    const body = app.application('sor-rogaland', (a) => {
      a.partners[0]!.organisationNumber = '964965227';
      a.title = '';
    });
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('ValidationError');
    expect(res.body.message).toBe('Skjemaet inneholder feil. Rett opp feltene som er markert.');
    expect(res.body.fieldErrors['partners.0.organisationNumber']).toBe('Organisasjonsnummeret har feil kontrollsiffer. Sjekk det mot Enhetsregisteret (brreg.no).');
    expect(res.body.fieldErrors.title).toBe('Feltet må fylles ut.');
    expect(await app.countApplications('sor-rogaland')).toBe(before);
  });

  it('refuses a period that has already ended, naming periodEnd (and its start, before today), and writes nothing', async () => {
    const before = await app.countApplications('sor-rogaland');
    const body = app.application('sor-rogaland', (a) => Object.assign(a, { periodStart: '2026-01-01', periodEnd: '2026-06-30' }));
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors).toEqual({
      periodStart: 'Startdato kan ikke være før dagen søknaden sendes. Velg en startdato fra og med 20.11.2026.',
      periodEnd: 'Perioden er allerede over (sluttdato 30.06.2026). Velg en sluttdato fra og med 20.11.2026.',
    });
    expect(await app.countApplications('sor-rogaland')).toBe(before);
  });

  it('names nested fields and unknown keys in Norwegian', async () => {
    const body = { ...app.application(), hacker: true, requestedAmount: '850000' };
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors.requestedAmount).toBe('Beløpet må være et helt antall kroner.');
    expect(res.body.fieldErrors._form).toBe('Ukjent felt: hacker.');
  });

  it('accepts an HTML form post (urlencoded, base64 as API Gateway sends it) with "250 000" amounts', async () => {
    const application = app.application('innlandet');
    const form = toForm(application);
    expect(form['budget.2.requestedGrant']).toBe('250 000');
    expect(form['requestedAmount']).toBe('850 000');
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'innlandet' }, form, base64: true });
    expect(res.status).toBe(201);
    const stored = await app.store.getApplication(res.body.applicationId);
    const version = await app.store.getVersion(res.body.applicationId, 1);
    expect(stored?.requestedAmount).toBe(850_000);
    expect(version?.data.budget[2]).toEqual(application.budget[2]);
    expect(version?.data.owner.isInternalUnit).toBe(false);
    expect(version?.data.criteriaMet).toEqual(application.criteriaMet);
  });

  it('reports form errors against the form field names', async () => {
    const form = toForm(app.application('innlandet'));
    form['budget.0.personnel'] = '150 000,50';
    form['partners.1.organisationNumber'] = '12345';
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'innlandet' }, form });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors['budget.0.personnel']).toBe('Beløpet må være et helt antall kroner.');
    expect(res.body.fieldErrors['partners.1.organisationNumber']).toBe('Organisasjonsnummeret må ha 9 siffer.');
  });

  it('is idempotent: the same Idempotency-Key twice gives one application; the repeat answers 200 with the same id', async () => {
    const before = await app.countApplications('sor-rogaland');
    const body = app.application('sor-rogaland', (a) => (a.title = 'Idempotent innsending'));
    const headers = { 'Idempotency-Key': 'key-idem-0001' };
    const first = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body, headers });
    const second = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body, headers: { 'idempotency-key': 'key-idem-0001' } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.applicationId).toBe(first.body.applicationId);
    expect(second.body.statusUrl).toBe(first.body.statusUrl);
    expect(second.body.created).toBe(false);
    expect(await app.countApplications('sor-rogaland')).toBe(before + 1);
  });

  it('treats identical content without a key as the same submission (a double click)', async () => {
    const body = app.application('sor-rogaland', (a) => (a.title = 'Dobbeltklikk'));
    const [a, b] = await Promise.all([
      app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body }),
      app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: body }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.applicationId).toBe(b.body.applicationId);
    expect(a.body.statusUrl).toBe(b.body.statusUrl);
    // One set of links: partners are not asked twice.
    const links = await app.store.listLinks(a.body.applicationId);
    expect(links.filter((l) => l.purpose === 'cosign')).toHaveLength(3);
    expect(links.filter((l) => l.purpose === 'owner')).toHaveLength(1);
  });

  it('answers 409 when an Idempotency-Key is reused with other content, and writes nothing', async () => {
    const headers = { 'Idempotency-Key': 'key-reused-0001' };
    const first = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => (a.title = 'Første')), headers });
    expect(first.status).toBe(201);
    const before = await app.countApplications('sor-rogaland');
    const other = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => (a.title = 'Andre')), headers });
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ error: 'ConflictError', reason: 'idempotency_key_reused' });
    expect(await app.countApplications('sor-rogaland')).toBe(before);
  });

  it('rejects a malformed Idempotency-Key with a field error', async () => {
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application(), headers: { 'Idempotency-Key': 'kort' } });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors['Idempotency-Key']).toMatch(/8–100 tegn/);
  });

  it('answers 404 for an unknown scheme', async () => {
    const res = await app.call('submit-application', { pathParameters: { schemeId: 'finnes-ikke' }, json: app.application() });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe('Fant ikke tilskuddsordningen.');
  });
});

describe('GET /api/schemes/{schemeId}', () => {
  it('returns criteria, guidelines, limits and upcoming meetings with their submission deadlines', async () => {
    const res = await app.call('get-scheme', { pathParameters: { schemeId: 'sor-rogaland' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: 'sor-rogaland',
      name: 'Helsefellesskapet i Sør-Rogaland',
      committee: { shortName: 'FSU' },
      criteriaRule: { minMet: 4 },
      maxPeriodMonths: 12,
      submissionLeadDays: 14,
      requestedAmount: { min: 1, max: 50_000_000 },
      contact: { secretariatEmail: 'fsu-sekretariat@helse-stavanger.example' },
    });
    expect(res.body.criteria.map((c: { id: string }) => c.id)).toEqual(['strategic-fit', 'collaboration-challenge', 'sustainable-services', 'own-contribution']);
    expect(res.body.guidelineAreas).toHaveLength(5);
    expect(res.body.priorityPatientGroups).toHaveLength(5);
    // 10.12.2026 09:00 Oslo; 14 days before = end of 26.11.2026 in Oslo (CET, UTC+1).
    expect(res.body.upcomingMeetings[0]).toMatchObject({
      id: '2026-12-10',
      startsAt: '2026-12-10T08:00:00.000Z',
      submissionDeadline: '2026-11-26T22:59:59.999Z',
      open: true,
    });
    expect(res.body.upcomingMeetings).toHaveLength(12);
  });

  it('shows no staff e-mail address other than the secretariat contact, and no money details', async () => {
    const res = await app.call('get-scheme', { pathParameters: { schemeId: 'innlandet' } });
    expect(res.status).toBe(200);
    const addresses = res.text.match(/[^\s"@]+@[^\s"@]+/g) ?? [];
    expect(addresses).toEqual(['ssu-sekretariat@sykehuset-innlandet.example']);
    expect(res.text).not.toContain('okonomi@');
    expect(res.text).not.toContain('SI-RST-2026');
    expect(res.text).not.toContain('10700000');
  });

  it('leaves out meetings that have been held and marks meetings whose deadline has passed', async () => {
    const saved = app.clock.now().toISOString();
    try {
      app.clock.set('2026-12-05T12:00:00.000Z');
      const res = await app.call('get-scheme', { pathParameters: { schemeId: 'innlandet' } });
      expect(res.body.upcomingMeetings[0]).toMatchObject({ id: '2027-02-11', open: true });
      expect(res.body.upcomingMeetings.some((m: { id: string }) => m.id === '2026-12-03')).toBe(false);
      app.clock.set('2026-12-01T12:00:00.000Z');
      const before = await app.call('get-scheme', { pathParameters: { schemeId: 'innlandet' } });
      expect(before.body.upcomingMeetings[0]).toMatchObject({ id: '2026-12-03', open: false });
    } finally {
      app.clock.set(saved);
    }
  });

  it('answers 404 for an unknown scheme', async () => {
    const res = await app.call('get-scheme', { pathParameters: { schemeId: 'ukjent' } });
    expect(res.status).toBe(404);
  });
});
