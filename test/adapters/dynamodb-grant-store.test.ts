// DynamoGrantStore against dynalite (in memory): every method, conditional-write conflicts,
// idempotency and concurrency.
import { createHash, randomUUID } from 'node:crypto';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoGrantStore } from '../../functions/adapters/dynamodb-grant-store';
import { INTERNAL_ATTRIBUTES, keys } from '../../functions/adapters/table-design';
import { ConflictError, GoneError, NotFoundError } from '../../functions/domain/errors';
import type {
  ApplicationRecord,
  ApplicationVersion,
  AuditEntry,
  LinkRecord,
  MinutesRecord,
  PayoutRecord,
  ReminderRecord,
  ReportRecord,
  SignatureRecord,
} from '../../functions/domain/model';
import { startDynalite, type LocalDynamo } from '../support/dynalite';
import { getScheme } from '../../config/schemes';
import { exampleApplication } from '../../schemas/application.schema';

let local: LocalDynamo;
let store: DynamoGrantStore;

beforeAll(async () => {
  local = await startDynalite();
  store = new DynamoGrantStore({ client: local.client, tableName: local.tableName });
});

afterAll(async () => {
  await local?.stop();
});

const uid = (prefix = ''): string => `${prefix}${randomUUID()}`;
const staff = { kind: 'staff', role: 'secretariat', subject: 'sek-1' } as const;

function audit(action: string, extra: Partial<AuditEntry> = {}): AuditEntry {
  return { at: '2026-03-01T10:00:00.000Z', actor: staff, action, ...extra };
}

function application(overrides: Partial<ApplicationRecord> = {}): ApplicationRecord {
  return {
    id: uid('app-'),
    schemeId: uid('scheme-'),
    status: 'submitted',
    revision: 1,
    version: 1,
    title: 'Felles rekruttering av sykepleiere',
    ownerEmail: 'eier@example.no',
    ownerIsInternalUnit: false,
    requestedAmount: 250_000,
    submittedAt: '2026-02-01T08:00:00.000Z',
    history: [audit('submitted', { to: 'submitted' })],
    ...overrides,
  };
}

function versionOf(app: ApplicationRecord, version = 1): ApplicationVersion {
  return {
    applicationId: app.id,
    version,
    createdAt: app.submittedAt,
    data: { title: app.title } as unknown as ApplicationVersion['data'],
  };
}

function link(app: ApplicationRecord, overrides: Partial<LinkRecord> = {}): LinkRecord {
  return {
    id: uid('link-'),
    purpose: 'cosign',
    applicationId: app.id,
    schemeId: app.schemeId,
    partnerIndex: 0,
    version: 1,
    createdAt: '2026-02-01T08:00:00.000Z',
    expiresAt: '2026-03-01T08:00:00.000Z',
    state: 'active',
    ...overrides,
  };
}

async function created(overrides: Partial<ApplicationRecord> = {}, links: LinkRecord[] = []): Promise<ApplicationRecord> {
  const app = application(overrides);
  await store.createApplication(app, versionOf(app), links);
  return app;
}

function expectNoInternalAttributes(records: object[]): void {
  for (const r of records) for (const a of INTERNAL_ATTRIBUTES) expect(r).not.toHaveProperty(a);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

describe('applications', () => {
  it('creates an application with its version and links, and reads it back without key attributes', async () => {
    const draft = application();
    const owner = link(draft, { purpose: 'owner', partnerIndex: undefined, version: undefined });
    await store.createApplication(draft, versionOf(draft), [owner]);

    const app = await store.getApplication(draft.id);
    expect(app).toEqual(draft);
    expectNoInternalAttributes([app!]);
    expect(await store.getVersion(draft.id, 1)).toEqual(versionOf(draft));
    expect(await store.getVersion(draft.id, 2)).toBeUndefined();
    expect(await store.getLink(owner.id)).toEqual(owner);
    expect(await store.getApplication('missing')).toBeUndefined();
  });

  it('getApplications reads many in one go: each found one once, in the order asked, unknown ids left out', async () => {
    const many = await Promise.all(Array.from({ length: 130 }, () => created()));
    const asked = [many[5]!.id, 'missing', many[0]!.id, many[5]!.id, ...many.slice(6).map((a) => a.id), 'x'.repeat(3000)];
    const apps = await store.getApplications(asked);
    expect(apps.map((a) => a.id)).toEqual([many[5]!.id, many[0]!.id, ...many.slice(6).map((a) => a.id)]);
    expect(apps[0]).toEqual(many[5]);
    expectNoInternalAttributes(apps);
    expect(await store.getApplications([])).toEqual([]);
  });

  it('finds applications by their contact person\'s address (in any spelling), noted at creation and on a change; the key holds a hash, not the address', async () => {
    const address = `${uid('eier-')}@kommune.example`;
    const a = await created({ ownerEmail: address });
    const b = await created({ ownerEmail: address, schemeId: uid('other-') });
    const c = await created({ ownerEmail: `${uid('annen-')}@kommune.example` });
    expect((await store.listByOwnerAddress(address.toUpperCase())).sort()).toEqual([a.id, b.id].sort());
    await store.putOwnerAddress(c.id, address);
    await store.putOwnerAddress(c.id, address);
    expect((await store.listByOwnerAddress(address)).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await store.listByOwnerAddress('ingen@kommune.example')).toEqual([]);
    const items = await local.client.send(new QueryCommand({ TableName: local.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OWNERADDR#${createHash('sha256').update(address).digest('hex')}` } }));
    expect(items.Items).toHaveLength(3);
    expect(JSON.stringify(items.Items)).not.toContain(address);
  });

  it('createApplication is idempotent: a retried submission neither fails nor resets the item', async () => {
    const app = await created();
    await store.transition({ applicationId: app.id, expectedRevision: 1, from: ['submitted'], to: 'scheduled', audit: audit('x') });
    await expect(store.createApplication(app, versionOf(app), [])).resolves.toBeUndefined();
    const after = await store.getApplication(app.id);
    expect(after?.status).toBe('scheduled');
    expect(after?.revision).toBe(2);
  });

  it('claimSubmissionKey: the first claim is fresh, a repeat returns the first claim', async () => {
    const scheme = uid('scheme-');
    const first = await store.claimSubmissionKey(scheme, 'key-1', 'app-1', 'hash-1', '2026-02-01T08:00:00.000Z');
    expect(first).toEqual({ fresh: true, applicationId: 'app-1', requestHash: 'hash-1' });
    const again = await store.claimSubmissionKey(scheme, 'key-1', 'app-2', 'hash-2', '2026-02-01T08:00:05.000Z');
    expect(again).toEqual({ fresh: false, applicationId: 'app-1', requestHash: 'hash-1', claimedAt: '2026-02-01T08:00:00.000Z' });
    const otherScheme = await store.claimSubmissionKey(uid('scheme-'), 'key-1', 'app-3', 'hash-3', '2026-02-01T08:00:05.000Z');
    expect(otherScheme.fresh).toBe(true);
  });

  it('reassignSubmissionKey moves a claim from the application it names, once: a second move from the same one fails', async () => {
    const scheme = uid('scheme-');
    await store.claimSubmissionKey(scheme, 'content:h', 'app-1', 'h', '2026-02-01T08:00:00.000Z');
    expect(await store.reassignSubmissionKey(scheme, 'content:h', 'app-1', 'app-2', '2026-02-03T08:00:00.000Z')).toBe(true);
    expect(await store.reassignSubmissionKey(scheme, 'content:h', 'app-1', 'app-3', '2026-02-03T08:00:01.000Z')).toBe(false);
    expect(await store.claimSubmissionKey(scheme, 'content:h', 'app-4', 'h', '2026-02-03T08:00:02.000Z'))
      .toEqual({ fresh: false, applicationId: 'app-2', requestHash: 'h', claimedAt: '2026-02-03T08:00:00.000Z' });
  });

  it('concurrent claims of one key: exactly one is fresh and all see the same application', async () => {
    const scheme = uid('scheme-');
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.claimSubmissionKey(scheme, 'k', `app-${i}`, `h-${i}`, '2026-02-01T08:00:00.000Z')),
    );
    expect(claims.filter((c) => c.fresh)).toHaveLength(1);
    expect(new Set(claims.map((c) => c.applicationId)).size).toBe(1);
  });

  it('transition applies status, fields, revision and audit entry in one conditional write', async () => {
    const app = await created();
    const entry = audit('scheduled', { from: 'submitted', to: 'scheduled', details: { meeting: '2026-04-10' } });
    const next = await store.transition({
      applicationId: app.id,
      expectedRevision: 1,
      from: ['submitted', 'deferred'],
      to: 'scheduled',
      set: { meetingId: '2026-04-10', title: 'Ny tittel', allocation: undefined },
      audit: entry,
    });
    expect(next.status).toBe('scheduled');
    expect(next.revision).toBe(2);
    expect(next.meetingId).toBe('2026-04-10');
    expect(next.title).toBe('Ny tittel');
    expect(next.history).toEqual([...app.history, entry]);
    expect(next).not.toHaveProperty('allocation');
    expectNoInternalAttributes([next]);
    expect(await store.getApplication(app.id)).toEqual(next);

    // recording a field without changing the status (no `from`, no `to`)
    const more = await store.transition({
      applicationId: app.id,
      expectedRevision: 2,
      set: { informationRequest: 'Send budsjett' },
      audit: audit('note'),
    });
    expect(more.status).toBe('scheduled');
    expect(more.informationRequest).toBe('Send budsjett');
    const removed = await store.transition({
      applicationId: app.id,
      expectedRevision: 3,
      remove: ['informationRequest', 'meetingId'],
      audit: audit('cleared'),
    });
    expect(removed).not.toHaveProperty('informationRequest');
    expect(removed).not.toHaveProperty('meetingId');
    expect(removed.history).toHaveLength(4);
  });

  it('transition with a stale revision throws ConflictError(stale) and changes nothing', async () => {
    const app = await created();
    const err = await rejection(
      store.transition({ applicationId: app.id, expectedRevision: 7, from: ['submitted'], to: 'scheduled', audit: audit('x') }),
    );
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe('stale');
    expect((err as ConflictError).statusCode).toBe(409);
    expect((err as ConflictError).message).toBe(
      'Søknaden er endret av noen andre, eller har en status som ikke tillater dette. Last inn på nytt og prøv igjen.',
    );
    expect(await store.getApplication(app.id)).toEqual(app);
  });

  it('transition from a status the item is not in throws ConflictError and changes nothing', async () => {
    const app = await created();
    const err = await rejection(
      store.transition({ applicationId: app.id, expectedRevision: 1, from: ['approved', 'active'], to: 'closed', audit: audit('x') }),
    );
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe('stale');
    expect(await store.getApplication(app.id)).toEqual(app);
  });

  it('transition of a missing application fails and never creates an item', async () => {
    const id = uid('app-');
    await expect(store.transition({ applicationId: id, expectedRevision: 1, to: 'approved', audit: audit('x') })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(store.transition({ applicationId: id, expectedRevision: 1, set: { title: 't' }, audit: audit('x') })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await store.getApplication(id)).toBeUndefined();
  });

  it('transition refuses fields outside the allow-list', async () => {
    const app = await created();
    const bad = { status: 'approved' } as unknown as ApplicationRecord;
    await expect(store.transition({ applicationId: app.id, expectedRevision: 1, set: bad, audit: audit('x') })).rejects.toThrow(/not allowed/);
    const bad2 = { revision: 99 } as unknown as ApplicationRecord;
    await expect(store.transition({ applicationId: app.id, expectedRevision: 1, set: bad2, audit: audit('x') })).rejects.toThrow(/not allowed/);
    expect(await store.getApplication(app.id)).toEqual(app);
  });

  it('concurrent transitions with the same expectedRevision: exactly one wins', async () => {
    const app = await created();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        store.transition({
          applicationId: app.id,
          expectedRevision: 1,
          from: ['submitted'],
          to: i % 2 === 0 ? 'approved' : 'rejected',
          audit: audit(`attempt-${i}`),
        }),
      ),
    );
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(11);
    for (const l of lost) expect(l.reason).toBeInstanceOf(ConflictError);
    const final = await store.getApplication(app.id);
    expect(final?.revision).toBe(2);
    expect(final?.history).toHaveLength(2);
  });

  it('listByStatus follows transitions', async () => {
    const schemeId = uid('scheme-');
    const a = await created({ schemeId, submittedAt: '2026-02-02T00:00:00.000Z' });
    const b = await created({ schemeId, submittedAt: '2026-02-01T00:00:00.000Z' });
    await created({ schemeId: uid('scheme-') }); // another scheme
    expect((await store.listByStatus(schemeId, 'submitted')).map((x) => x.id)).toEqual([b.id, a.id]);

    await store.transition({ applicationId: a.id, expectedRevision: 1, from: ['submitted'], to: 'scheduled', audit: audit('s') });
    expect((await store.listByStatus(schemeId, 'submitted')).map((x) => x.id)).toEqual([b.id]);
    const scheduled = await store.listByStatus(schemeId, 'scheduled');
    expect(scheduled.map((x) => x.id)).toEqual([a.id]);
    expectNoInternalAttributes(scheduled);
    expect(await store.listByStatus(schemeId, 'approved')).toEqual([]);
  });

  it('listByStatus returns every page of a large result', async () => {
    const schemeId = uid('scheme-');
    const bigTitle = 'x'.repeat(60_000);
    await Promise.all(Array.from({ length: 25 }, () => created({ schemeId, title: bigTitle, history: [] })));
    const all = await store.listByStatus(schemeId, 'submitted');
    expect(all).toHaveLength(25); // ~1.5 MB: more than one 1 MB page
  });

  it('listAgenda after setting and removing meetingId', async () => {
    const schemeId = uid('scheme-');
    const a = await created({ schemeId });
    const b = await created({ schemeId, meetingId: '2026-04-10', status: 'scheduled' });
    expect((await store.listAgenda(schemeId, '2026-04-10')).map((x) => x.id)).toEqual([b.id]);

    await store.transition({ applicationId: a.id, expectedRevision: 1, from: ['submitted'], to: 'scheduled', set: { meetingId: '2026-04-10' }, audit: audit('s') });
    expect((await store.listAgenda(schemeId, '2026-04-10')).map((x) => x.id).sort()).toEqual([a.id, b.id].sort());

    // moved to another meeting
    await store.transition({ applicationId: a.id, expectedRevision: 2, to: 'deferred', set: { meetingId: '2026-05-15' }, audit: audit('d') });
    expect((await store.listAgenda(schemeId, '2026-04-10')).map((x) => x.id)).toEqual([b.id]);
    expect((await store.listAgenda(schemeId, '2026-05-15')).map((x) => x.id)).toEqual([a.id]);

    // removed from the agenda
    await store.transition({ applicationId: b.id, expectedRevision: 1, to: 'more_information_requested', remove: ['meetingId'], audit: audit('m') });
    expect(await store.listAgenda(schemeId, '2026-04-10')).toEqual([]);
    const agenda = await store.listAgenda(schemeId, '2026-05-15');
    expectNoInternalAttributes(agenda);
    expect(agenda[0]?.meetingId).toBe('2026-05-15');
  });

  it('listAgendaStatuses: the same cases as listAgenda, with their ids and statuses only', async () => {
    const schemeId = uid('scheme-');
    const a = await created({ schemeId, meetingId: '2026-04-10', status: 'scheduled', title: 'x'.repeat(10_000) });
    const b = await created({ schemeId, meetingId: '2026-04-10', status: 'approved' });
    await created({ schemeId, meetingId: '2026-05-15', status: 'scheduled' });
    const entries = await store.listAgendaStatuses(schemeId, '2026-04-10');
    expect(entries.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [{ id: a.id, status: 'scheduled' }, { id: b.id, status: 'approved' }].sort((x, y) => x.id.localeCompare(y.id)),
    );
    expect(await store.listAgendaStatuses(schemeId, '2026-06-12')).toEqual([]);
  });

  it('putVersion is create-only and getVersion reads it', async () => {
    const app = await created();
    const v2 = { ...versionOf(app, 2), createdAt: '2026-02-10T00:00:00.000Z' };
    expect(await store.putVersion(v2)).toBe(true);
    expect(await store.putVersion({ ...v2, createdAt: 'changed' })).toBe(false);
    expect(await store.getVersion(app.id, 2)).toEqual(v2);
    expect(await store.getVersion(app.id, 1)).toEqual(versionOf(app));
  });

  it('putVersion replaces a version only when it is the one named (by its createdAt)', async () => {
    const app = await created();
    const orphan = { ...versionOf(app, 2), createdAt: '2026-02-10T00:00:00.000Z' };
    await store.putVersion(orphan);
    const next = { ...orphan, createdAt: '2026-02-11T00:00:00.000Z', data: { ...orphan.data, title: 'Rettet tittel' } };
    expect(await store.putVersion(next, '2026-02-09T00:00:00.000Z')).toBe(false);
    expect(await store.getVersion(app.id, 2)).toEqual(orphan);
    expect(await store.putVersion(next, orphan.createdAt)).toBe(true);
    expect(await store.getVersion(app.id, 2)).toEqual(next);
    // Two replacing the same one: only the first.
    expect(await store.putVersion({ ...next, createdAt: '2026-02-12T00:00:00.000Z' }, orphan.createdAt)).toBe(false);
  });
});

describe('links', () => {
  it('consumes a link once; a second consume is GoneError', async () => {
    const app = application();
    const l = link(app);
    await store.putLinks([l]);
    const used = await store.consumeLink(l.id, '2026-02-10T00:00:00.000Z');
    expect(used).toEqual({ ...l, state: 'used', usedAt: '2026-02-10T00:00:00.000Z' });
    expectNoInternalAttributes([used]);
    await expect(store.consumeLink(l.id, '2026-02-10T00:00:01.000Z')).rejects.toBeInstanceOf(GoneError);
  });

  it('an expired link is GoneError, an unknown link is NotFoundError', async () => {
    const app = application();
    const l = link(app, { expiresAt: '2026-02-05T00:00:00.000Z' });
    await store.putLinks([l]);
    await expect(store.consumeLink(l.id, '2026-02-05T00:00:00.000Z')).rejects.toBeInstanceOf(GoneError);
    await expect(store.consumeLink(l.id, '2026-03-01T00:00:00.000Z')).rejects.toBeInstanceOf(GoneError);
    expect((await store.getLink(l.id))?.state).toBe('active');
    await expect(store.consumeLink(uid('nope-'), '2026-02-01T00:00:00.000Z')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('concurrent consumes of one link: exactly one succeeds', async () => {
    const l = link(application());
    await store.putLinks([l]);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.consumeLink(l.id, '2026-02-10T00:00:00.000Z')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('putLinks never overwrites an existing (used) link', async () => {
    const l = link(application());
    await store.putLinks([l]);
    await store.consumeLink(l.id, '2026-02-10T00:00:00.000Z');
    await store.putLinks([l]);
    expect((await store.getLink(l.id))?.state).toBe('used');
  });

  it('revokeLinks revokes only active links of the purpose; listLinks lists all', async () => {
    const app = application();
    const c1 = link(app, { partnerIndex: 0 });
    const c2 = link(app, { partnerIndex: 1 });
    const owner = link(app, { purpose: 'owner', partnerIndex: undefined, version: undefined });
    const report = link(app, { purpose: 'status-report', partnerIndex: undefined, version: undefined });
    await store.putLinks([c1, c2, owner, report, link(application())]);
    await store.consumeLink(c2.id, '2026-02-10T00:00:00.000Z');

    await store.revokeLinks(app.id, 'cosign');
    expect((await store.getLink(c1.id))?.state).toBe('revoked');
    expect((await store.getLink(c2.id))?.state).toBe('used');
    expect((await store.getLink(owner.id))?.state).toBe('active');
    expect((await store.getLink(report.id))?.state).toBe('active');
    await expect(store.consumeLink(c1.id, '2026-02-10T00:00:00.000Z')).rejects.toBeInstanceOf(GoneError);

    const all = await store.listLinks(app.id);
    expect(all.map((x) => x.id).sort()).toEqual([c1.id, c2.id, owner.id, report.id].sort());
    expectNoInternalAttributes(all);
    await store.revokeLinks(app.id, 'cosign'); // repeat: nothing to do
  });

  it('revokeLinks with a filter revokes only the active links it accepts', async () => {
    const app = application();
    const v1 = link(app, { partnerIndex: 0, version: 1 });
    const v2 = link(app, { partnerIndex: 0, version: 2 });
    await store.putLinks([v1, v2]);
    await store.revokeLinks(app.id, 'cosign', (l) => (l.version ?? 0) < 2);
    expect((await store.getLink(v1.id))?.state).toBe('revoked');
    expect((await store.getLink(v2.id))?.state).toBe('active');
  });
});

describe('signatures', () => {
  const sig = (appId: string, version: number, partnerIndex: number): SignatureRecord => ({
    applicationId: appId,
    version,
    partnerIndex,
    organisationName: `Kommune ${partnerIndex}`,
    contactName: 'Kari Nordmann',
    decision: 'signed',
    at: '2026-02-03T00:00:00.000Z',
  });

  it('one answer per partner per version', async () => {
    const appId = uid('app-');
    await store.putSignature(sig(appId, 1, 0));
    const err = await rejection(store.putSignature({ ...sig(appId, 1, 0), decision: 'declined' }));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe('already_signed');
    expect((err as ConflictError).message).toBe('Organisasjonen har allerede svart på denne versjonen av søknaden.');

    await store.putSignature(sig(appId, 1, 1));
    await store.putSignature(sig(appId, 2, 0)); // a new version asks again
    await store.putSignature(sig(appId, 10, 0));

    const v1 = await store.listSignatures(appId, 1);
    expect(v1).toEqual([sig(appId, 1, 0), sig(appId, 1, 1)]);
    expectNoInternalAttributes(v1);
    expect(await store.listSignatures(appId, 2)).toEqual([sig(appId, 2, 0)]);
    expect(await store.listSignatures(appId, 3)).toEqual([]);
  });

  it('concurrent answers from one partner: exactly one is stored', async () => {
    const appId = uid('app-');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => store.putSignature(sig(appId, 1, 0))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('continuations', () => {
  it('listVersionsContinuing: the ids of every version that names the grant, nothing of versions that name none or another', async () => {
    const earlier = uid('app-');
    const data = (continues?: string) => ({ ...exampleApplication(getScheme('sor-rogaland')!), ...(continues ? { continues } : {}) });
    const first = uid('app-');
    const second = uid('app-');
    await store.putVersion({ applicationId: first, version: 1, createdAt: '2027-11-01T10:00:00.000Z', data: data(earlier) });
    await store.putVersion({ applicationId: first, version: 2, createdAt: '2027-11-03T10:00:00.000Z', data: data() });
    await store.putVersion({ applicationId: second, version: 1, createdAt: '2027-11-02T10:00:00.000Z', data: data(earlier) });
    await store.putVersion({ applicationId: uid('app-'), version: 1, createdAt: '2027-11-02T11:00:00.000Z', data: data(uid('app-')) });
    expect(await store.listVersionsContinuing(earlier)).toEqual([
      { applicationId: first, version: 1 },
      { applicationId: second, version: 1 },
    ]);
    expect(await store.listVersionsContinuing(uid('app-'))).toEqual([]);
  });
});

describe('decisions', () => {
  it('putDecision is idempotent on (applicationId, id); listDecisions oldest first', async () => {
    const appId = uid('app-');
    const d1 = { applicationId: appId, id: 'd-b', outcome: 'defer', at: '2026-04-10T10:00:00.000Z', decidedBy: 'sek-1', meetingId: '2026-04-10' } as const;
    const d2 = { applicationId: appId, id: 'd-a', outcome: 'approve', at: '2026-05-15T10:00:00.000Z', decidedBy: 'sek-1', amount: 100_000 } as const;
    await store.putDecision(d2);
    await store.putDecision(d1);
    await store.putDecision({ ...d1, outcome: 'reject' });
    const list = await store.listDecisions(appId);
    expect(list).toEqual([d1, d2]);
    expectNoInternalAttributes(list);
  });

  it("listMeetingDecisions: a meeting's decisions in the order made; none of another scheme or meeting, none without a meeting", async () => {
    const schemeId = uid('scheme-');
    const at = (minute: number) => `2027-02-25T08:${String(minute).padStart(2, '0')}:00.000Z`;
    const base = { schemeId, decidedBy: 'sek-1', meetingId: '2027-02-25' } as const;
    const later = { ...base, applicationId: uid('app-'), id: 'dec_3', outcome: 'reject', at: at(7), reason: 'Utenfor formålet' } as const;
    const earlier = { ...base, applicationId: uid('app-'), id: 'dec_4', outcome: 'approve', at: at(2), amount: 200_000 } as const;
    await store.putDecision(later);
    await store.putDecision(earlier);
    await store.putDecision({ ...base, applicationId: uid('app-'), id: 'dec_2', outcome: 'defer', at: at(3), meetingId: '2027-03-18' });
    await store.putDecision({ ...base, applicationId: uid('app-'), id: 'dec_2', outcome: 'defer', at: at(4), schemeId: uid('scheme-') });
    const { meetingId: _none, ...outsideMeeting } = { ...base, applicationId: uid('app-'), id: 'dec_5', outcome: 'reject', at: at(5) } as const;
    await store.putDecision(outsideMeeting);
    const minutes = await store.listMeetingDecisions(schemeId, '2027-02-25');
    expect(minutes).toEqual([earlier, later]);
    expectNoInternalAttributes(minutes);
    expect(await store.listMeetingDecisions(schemeId, '2027-04-22')).toEqual([]);
  });

  it("putAgendaDeparture keeps a case's latest departure from a meeting (by the case's revision; one noted before revisions were kept, by time), and of two on one revision the first; listMeetingCases reads it beside the decisions, listMeetingDecisions does not", async () => {
    const schemeId = uid('scheme-');
    const applicationId = uid('app-');
    const decision = { schemeId, applicationId: uid('app-'), id: 'dec_3', outcome: 'reject', at: '2027-05-27T07:01:00.000Z', decidedBy: 'sek-1', meetingId: '2027-05-27' } as const;
    await store.putDecision(decision);
    const moved = { schemeId, meetingId: '2027-05-27', applicationId, title: 'Felles vikarpool i Hå', submittedAt: '2026-11-20T09:01:00.000Z', rank: 2, kind: 'moved', at: '2027-05-20T10:00:00.000Z', movedTo: '2027-06-17', revision: 4 } as const;
    expect(await store.putAgendaDeparture(moved)).toEqual(moved);
    // a repeat of it (a retry) is noted again
    expect(await store.putAgendaDeparture({ ...moved, at: '2027-05-20T10:00:05.000Z' })).toEqual({ ...moved, at: '2027-05-20T10:00:05.000Z' });
    expect(await store.putAgendaDeparture(moved)).toEqual({ ...moved, at: '2027-05-20T10:00:05.000Z' });
    // Another change on the same revision at once (the owner withdrew it): the move holds it, and says so.
    const { rank: _rank, movedTo: _movedTo, ...rest } = moved;
    const withdrawnAtOnce = { ...rest, kind: 'withdrawn', at: '2027-05-20T10:00:01.000Z' } as const;
    expect(await store.putAgendaDeparture(withdrawnAtOnce)).toEqual({ ...moved, at: '2027-05-20T10:00:05.000Z' });
    expect(await store.putAgendaDeparture({ ...moved, movedTo: '2027-08-26', at: '2027-05-20T10:00:06.000Z' })).toEqual({ ...moved, at: '2027-05-20T10:00:05.000Z' });
    // Back on the agenda, then withdrawn: the later departure is the one kept; the earlier one, written late, is not.
    const withdrawn = { ...rest, kind: 'withdrawn', at: '2027-05-26T10:00:00.000Z', revision: 6 } as const;
    expect(await store.putAgendaDeparture(withdrawn)).toEqual(withdrawn);
    expect(await store.putAgendaDeparture(moved)).toEqual(withdrawn);
    // A change on the same revision long after (the first died before its write) takes it over.
    const closed = { ...withdrawn, kind: 'closed', at: '2027-05-26T10:03:00.000Z' } as const;
    expect(await store.putAgendaDeparture(closed)).toEqual(closed);
    expect(await store.putAgendaDeparture(withdrawn)).toEqual(closed);
    expect(await store.putAgendaDeparture({ ...withdrawn, at: '2027-05-26T10:04:00.000Z' })).toEqual(closed);
    expect(await store.putAgendaDeparture({ ...withdrawn, at: '2027-05-26T10:05:01.000Z' })).toEqual({ ...withdrawn, at: '2027-05-26T10:05:01.000Z' });
    expect(await store.putAgendaDeparture(withdrawn)).toEqual({ ...withdrawn, at: '2027-05-26T10:05:01.000Z' });
    // One noted before revisions were kept is replaced by a later one, not by an earlier one.
    const old = { ...rest, applicationId: uid('app-'), kind: 'withdrawn', at: '2027-05-22T10:00:00.000Z' } as const;
    const { revision: _revision, ...oldWithout } = old;
    expect(await store.putAgendaDeparture(oldWithout)).toEqual(oldWithout);
    expect(await store.putAgendaDeparture({ ...old, at: '2027-05-21T10:00:00.000Z' })).toEqual(oldWithout);
    expect(await store.putAgendaDeparture({ ...old, at: '2027-05-23T10:00:00.000Z' })).toEqual({ ...old, at: '2027-05-23T10:00:00.000Z' });
    const kept = { ...withdrawn, at: '2027-05-26T10:05:01.000Z' };
    const cases = await store.listMeetingCases(schemeId, '2027-05-27');
    expect(cases.decisions).toEqual([decision]);
    expect(cases.departures).toEqual(expect.arrayContaining([kept, { ...old, at: '2027-05-23T10:00:00.000Z' }]));
    expect(cases.departures).toHaveLength(2);
    expectNoInternalAttributes(cases.departures);
    expect(await store.listMeetingDecisions(schemeId, '2027-05-27')).toEqual([decision]);
    expect(await store.listMeetingCases(schemeId, '2027-06-17')).toEqual({ decisions: [], departures: [] });
    // not among the case's decisions either
    expect(await store.listDecisions(applicationId)).toEqual([]);
  });
});

describe('minutes records', () => {
  const record = (meetingId: string, extra: Partial<MinutesRecord> = {}): MinutesRecord => ({
    schemeId: 'sor-rogaland',
    meetingId,
    present: ['Kari Nordmann, leder', 'Ola Hansen, Stavanger kommune'],
    absent: [],
    recordedAt: '2027-02-25T10:00:00.000Z',
    recordedBy: 'sek-1',
    revision: 1,
    ...extra,
  });

  it('writes the first revision once, then each revision only on the one before, never after the approval', async () => {
    const meetingId = uid('m-');
    expect(await store.getMinutesRecord('sor-rogaland', meetingId)).toBeUndefined();
    expect(await store.saveMinutesRecord(record(meetingId))).toBe(true);
    // Another first write (someone else recorded at the same time) loses.
    expect(await store.saveMinutesRecord(record(meetingId, { present: ['Per'] }))).toBe(false);
    // A write based on a revision that is not the stored one loses.
    expect(await store.saveMinutesRecord(record(meetingId, { present: ['Per'], revision: 3 }))).toBe(false);
    expect(await store.saveMinutesRecord(record(meetingId, { absent: ['Per Olsen'], revision: 2 }))).toBe(true);
    const approval = { at: '2027-03-20T10:00:00.000Z', by: 'sek-2', note: 'Godkjent i FSU-møtet 20. mars' };
    expect(await store.saveMinutesRecord(record(meetingId, { absent: ['Per Olsen'], approval, revision: 3 }))).toBe(true);
    expect(await store.saveMinutesRecord(record(meetingId, { present: ['Per'], revision: 4 }))).toBe(false);
    const stored = await store.getMinutesRecord('sor-rogaland', meetingId);
    expect(stored).toEqual(record(meetingId, { absent: ['Per Olsen'], approval, revision: 3 }));
    for (const attr of INTERNAL_ATTRIBUTES) expect(stored).not.toHaveProperty(attr);
    // Per scheme and meeting; a scheme's records are listed in one Query (its pots are not among them).
    expect(await store.getMinutesRecord('innlandet', meetingId)).toBeUndefined();
    await store.ensurePot('sor-rogaland', 2027, 1_000_000);
    const listed = await store.listMinutesRecords('sor-rogaland');
    expect(listed).toContainEqual(stored);
    expect(listed.every((r) => r.schemeId === 'sor-rogaland' && typeof r.meetingId === 'string' && Array.isArray(r.present))).toBe(true);
    expect((await store.listMinutesRecords('innlandet')).map((r) => r.meetingId)).not.toContain(meetingId);
  });

  it('registers decisions for the minutes until they are approved: before the attendance nothing reads as a record, the record\'s writes leave the registrations as they are, and an approval written with a count of registrations loses to one registered since', async () => {
    const meetingId = uid('m-');
    const [first, second] = ['2027-02-25T09:00:00.000Z app_a dec_1 reg_1', '2027-02-25T09:01:00.000Z app_b dec_2 reg_2'];
    expect(await store.registerMinutesDecision('sor-rogaland', meetingId, first)).toBe(true);
    expect(await store.getMinutesRecord('sor-rogaland', meetingId)).toBeUndefined();
    expect((await store.listMinutesRecords('sor-rogaland')).map((r) => r.meetingId)).not.toContain(meetingId);
    // The attendance's first write finds the registrations' item, and keeps them.
    expect(await store.saveMinutesRecord(record(meetingId))).toBe(true);
    expect(await store.getMinutesRecord('sor-rogaland', meetingId)).toEqual({ ...record(meetingId), registeredDecisions: [first], registrations: 1 });
    expect(await store.registerMinutesDecision('sor-rogaland', meetingId, second)).toBe(true);
    await store.unregisterMinutesDecision('sor-rogaland', meetingId, first);
    const read = (await store.getMinutesRecord('sor-rogaland', meetingId))!;
    expect(read).toMatchObject({ registeredDecisions: [second], registrations: 2 });
    const approval = { at: '2027-03-20T10:00:00.000Z', by: 'sek-2' };
    const { registeredDecisions: _r, registrations: _n, ...approved } = { ...read, approval, revision: 2 };
    // Written with the count read before the second registration: lost; with the count now: written, the registrations as they were.
    expect(await store.saveMinutesRecord(approved, 1)).toBe(false);
    expect(await store.saveMinutesRecord(approved, 2)).toBe(true);
    expect(await store.getMinutesRecord('sor-rogaland', meetingId)).toEqual({ ...approved, registeredDecisions: [second], registrations: 2 });
    // Approved: no more registrations, nor taking one back.
    expect(await store.registerMinutesDecision('sor-rogaland', meetingId, first)).toBe(false);
    await store.unregisterMinutesDecision('sor-rogaland', meetingId, second);
    expect((await store.getMinutesRecord('sor-rogaland', meetingId))!.registeredDecisions).toEqual([second]);
    // An approval of minutes nobody registered a decision in is written with no count.
    const quiet = uid('m-');
    await store.saveMinutesRecord(record(quiet));
    expect(await store.saveMinutesRecord(record(quiet, { approval, revision: 2 }), 0)).toBe(true);
  });

  it('concurrent writes of the same revision: exactly one wins', async () => {
    const meetingId = uid('m-');
    await store.saveMinutesRecord(record(meetingId));
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => store.saveMinutesRecord(record(meetingId, { present: [`Person ${i}`], revision: 2 }))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});

describe('meetings added to the calendar', () => {
  it("adds a meeting once per scheme and day, lists a scheme's in date order (its minutes records and pots are not among them), and removes one", async () => {
    const schemeId = uid('scheme-');
    const meeting = (date: string, title = `Møte ${date}`) => ({ schemeId, date, time: '09:00', title, addedAt: '2026-11-20T09:00:00.000Z', addedBy: 'sek-1' });
    expect(await store.listCalendarChanges(schemeId)).toEqual({ added: [], cancelled: [] });
    expect(await store.addMeeting(meeting('2028-03-09'))).toBe(true);
    expect(await store.addMeeting(meeting('2028-02-10'))).toBe(true);
    // Another meeting on a day that has one loses; the first stays as it was.
    expect(await store.addMeeting(meeting('2028-02-10', 'Et annet møte'))).toBe(false);
    await store.saveMinutesRecord({ schemeId, meetingId: '2026-12-10', present: ['Kari'], absent: [], recordedAt: '2026-12-10T10:00:00.000Z', recordedBy: 'sek-1', revision: 1 });
    await store.ensurePot(schemeId, 2028, 1_000_000);
    const listed = await store.listCalendarChanges(schemeId);
    expect(listed).toEqual({ added: [meeting('2028-02-10'), meeting('2028-03-09')], cancelled: [] });
    expectNoInternalAttributes([...listed.added]);
    expect(await store.listCalendarChanges(uid('other-'))).toEqual({ added: [], cancelled: [] });

    expect(await store.removeAddedMeeting(schemeId, '2028-02-10')).toBe(true);
    expect(await store.removeAddedMeeting(schemeId, '2028-02-10')).toBe(false);
    expect((await store.listCalendarChanges(schemeId)).added.map((m) => m.date)).toEqual(['2028-03-09']);
  });

  it('cancels a configured meeting once; its day can have an added meeting besides', async () => {
    const schemeId = uid('scheme-');
    const cancellation = { schemeId, date: '2026-12-10', cancelledAt: '2026-11-23T09:00:00.000Z', cancelledBy: 'sek-1' };
    expect(await store.cancelConfiguredMeeting(cancellation)).toBe(true);
    expect(await store.cancelConfiguredMeeting({ ...cancellation, cancelledBy: 'sek-2' })).toBe(false);
    const moved = { schemeId, date: '2026-12-10', time: '15:00', title: 'Flyttet', addedAt: '2026-11-23T09:01:00.000Z', addedBy: 'sek-1' };
    expect(await store.addMeeting(moved)).toBe(true);
    const listed = await store.listCalendarChanges(schemeId);
    expect(listed).toEqual({ added: [moved], cancelled: [cancellation] });
    expectNoInternalAttributes([...listed.cancelled]);
  });

  it('restores a cancelled configured meeting once; then it can be cancelled again', async () => {
    const schemeId = uid('scheme-');
    const cancellation = { schemeId, date: '2027-01-28', cancelledAt: '2026-11-23T09:00:00.000Z', cancelledBy: 'sek-1' };
    expect(await store.cancelConfiguredMeeting(cancellation)).toBe(true);
    expect(await store.restoreConfiguredMeeting(schemeId, '2027-01-28')).toBe(true);
    expect(await store.restoreConfiguredMeeting(schemeId, '2027-01-28')).toBe(false);
    expect((await store.listCalendarChanges(schemeId)).cancelled).toEqual([]);
    expect(await store.cancelConfiguredMeeting({ ...cancellation, cancelledAt: '2026-11-24T09:00:00.000Z' })).toBe(true);
    expect((await store.listCalendarChanges(schemeId)).cancelled).toEqual([{ ...cancellation, cancelledAt: '2026-11-24T09:00:00.000Z' }]);
  });
});

describe('pot', () => {
  it('ensurePot creates once and never resets', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    await store.reserve(schemeId, 2026, 'a1', 300_000);
    await store.ensurePot(schemeId, 2026, 5_000_000);
    const pot = await store.getPot(schemeId, 2026);
    expect(pot).toEqual({ schemeId, year: 2026, total: 1_000_000, remaining: 700_000, reservations: { a1: 300_000 } });
    expectNoInternalAttributes([pot!]);
    expect(await store.getPot(schemeId, 2027)).toBeUndefined();
  });

  it('setPotTotal moves the total and what is left by the same difference, only from the total it names', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    await store.reserve(schemeId, 2026, 'a1', 300_000);
    expect(await store.setPotTotal(schemeId, 2026, 1_000_000, 1_200_000)).toBe(true);
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ total: 1_200_000, remaining: 900_000, reservations: { a1: 300_000 } });
    // Named from a total it no longer has (another change came first): nothing changes.
    expect(await store.setPotTotal(schemeId, 2026, 1_000_000, 800_000)).toBe(false);
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ total: 1_200_000, remaining: 900_000 });
    // A lower total than already allocated leaves nothing to allocate (remaining below zero).
    expect(await store.setPotTotal(schemeId, 2026, 1_200_000, 200_000)).toBe(true);
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ total: 200_000, remaining: -100_000 });
    expect((await rejection(store.reserve(schemeId, 2026, 'a2', 1))) as ConflictError).toMatchObject({ reason: 'pot_exhausted' });
  });

  it('reserve is idempotent per application; exhaustion is ConflictError(pot_exhausted)', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 500_000);
    await store.reserve(schemeId, 2026, 'a1', 400_000);
    await store.reserve(schemeId, 2026, 'a1', 400_000); // repeat
    expect((await store.getPot(schemeId, 2026))?.remaining).toBe(100_000);

    const err = await rejection(store.reserve(schemeId, 2026, 'a2', 100_001));
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).reason).toBe('pot_exhausted');
    expect((err as ConflictError).message).toBe('Potten har ikke nok midler igjen til denne tildelingen.');
    await store.reserve(schemeId, 2026, 'a2', 100_000); // exactly what is left
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ remaining: 0, reservations: { a1: 400_000, a2: 100_000 } });
  });

  it('reserve on a missing pot is ConflictError(pot_missing) and creates nothing', async () => {
    const schemeId = uid('scheme-');
    const err = await rejection(store.reserve(schemeId, 2026, 'a1', 1));
    expect((err as ConflictError).reason).toBe('pot_missing');
    expect(await store.getPot(schemeId, 2026)).toBeUndefined();
    await expect(store.reserve(schemeId, 2026, 'a1', 0)).rejects.toThrow(RangeError);
  });

  it('release gives the reservation back once', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    await store.reserve(schemeId, 2026, 'a1', 250_000);
    await store.reserve(schemeId, 2026, 'a2', 50_000);
    await store.release(schemeId, 2026, 'a1');
    await store.release(schemeId, 2026, 'a1');
    await store.release(schemeId, 2026, 'never-reserved');
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ remaining: 950_000, reservations: { a2: 50_000 } });
    await store.reserve(schemeId, 2026, 'a1', 100_000); // can reserve again after a release
    expect((await store.getPot(schemeId, 2026))?.remaining).toBe(850_000);
  });

  it('50 concurrent reserves of 100 000 on a pot of 1 000 000: exactly 10 succeed, remaining 0', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => store.reserve(schemeId, 2026, `app-${i}`, 100_000)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    for (const f of failed) {
      expect(f.reason).toBeInstanceOf(ConflictError);
      expect((f.reason as ConflictError).reason).toBe('pot_exhausted');
    }
    const pot = await store.getPot(schemeId, 2026);
    expect(pot?.remaining).toBe(0);
    expect(Object.keys(pot?.reservations ?? {})).toHaveLength(10);
    expect(Object.values(pot?.reservations ?? {}).reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });

  it('concurrent reserves for the same application take the amount only once', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => store.reserve(schemeId, 2026, 'same-app', 300_000)));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ remaining: 700_000, reservations: { 'same-app': 300_000 } });
  });

  it('concurrent releases give the amount back only once', async () => {
    const schemeId = uid('scheme-');
    await store.ensurePot(schemeId, 2026, 1_000_000);
    await store.reserve(schemeId, 2026, 'a1', 300_000);
    await Promise.all(Array.from({ length: 10 }, () => store.release(schemeId, 2026, 'a1')));
    expect(await store.getPot(schemeId, 2026)).toMatchObject({ remaining: 1_000_000, reservations: {} });
  });
});

describe('payouts', () => {
  const payout = (overrides: Partial<PayoutRecord> = {}): PayoutRecord => ({
    id: uid('payout-'),
    applicationId: uid('app-'),
    schemeId: 'scheme-1',
    projectNumber: uid('P'),
    payee: 'Helse Nord',
    amount: 100_000,
    mode: 'invoice',
    state: 'awaiting_invoice',
    createdAt: '2026-05-20T00:00:00.000Z',
    revision: 1,
    ...overrides,
  });

  it('putPayout is idempotent; lists by project (and state) and by application', async () => {
    const projectNumber = uid('P');
    const appId = uid('app-');
    const p1 = payout({ projectNumber, applicationId: appId, createdAt: '2026-05-20T00:00:00.000Z' });
    const p2 = payout({ projectNumber, applicationId: appId, state: 'pending', mode: 'cost_booking', createdAt: '2026-05-21T00:00:00.000Z' });
    const other = payout();
    await store.putPayout(p1);
    await store.putPayout({ ...p1, amount: 1 });
    await store.putPayout(p2);
    await store.putPayout(other);

    expect(await store.getPayout(p1.id)).toEqual(p1);
    expect(await store.getPayout('missing')).toBeUndefined();
    const byProject = await store.listPayoutsByProject(projectNumber);
    expect(byProject.map((p) => p.id).sort()).toEqual([p1.id, p2.id].sort());
    expectNoInternalAttributes(byProject);
    expect(await store.listPayoutsByProject(projectNumber, 'pending')).toEqual([p2]);
    expect(await store.listPayoutsByProject(projectNumber, 'paid')).toEqual([]);
    expect(await store.listPayoutsForApplication(appId)).toEqual([p1, p2]);
  });

  it('updatePayout is conditional on revision and state and moves the state index', async () => {
    const p = payout();
    await store.putPayout(p);
    const invoiced = await store.updatePayout(p.id, 1, ['awaiting_invoice'], 'invoiced', {
      invoiceNumber: 'F-1',
      invoicedAt: '2026-06-01T00:00:00.000Z',
    });
    expect(invoiced).toEqual({ ...p, state: 'invoiced', revision: 2, invoiceNumber: 'F-1', invoicedAt: '2026-06-01T00:00:00.000Z' });
    expectNoInternalAttributes([invoiced]);
    expect(await store.listPayoutsByProject(p.projectNumber, 'awaiting_invoice')).toEqual([]);
    expect(await store.listPayoutsByProject(p.projectNumber, 'invoiced')).toEqual([invoiced]);

    const stale = await rejection(store.updatePayout(p.id, 1, ['invoiced'], 'paid', { paidAt: '2026-06-02T00:00:00.000Z' }));
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).reason).toBe('stale');
    const wrongState = await rejection(store.updatePayout(p.id, 2, ['awaiting_invoice'], 'paid', {}));
    expect(wrongState).toBeInstanceOf(ConflictError);
    await expect(store.updatePayout('missing', 1, ['pending'], 'paid', {})).rejects.toBeInstanceOf(NotFoundError);

    const paid = await store.updatePayout(p.id, 2, ['invoiced'], 'paid', { paidAt: '2026-06-02T00:00:00.000Z' });
    expect(paid.state).toBe('paid');
    expect(paid.revision).toBe(3);
  });

  it('concurrent payout updates with the same revision: exactly one wins', async () => {
    const p = payout();
    await store.putPayout(p);
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.updatePayout(p.id, 1, ['awaiting_invoice'], 'invoiced', { invoiceNumber: 'F' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('reports', () => {
  const report = (applicationId: string, kind: ReportRecord['kind'], submittedAt: string): ReportRecord => ({
    applicationId,
    kind,
    submittedAt,
    progress: 'God framdrift',
    effect: 'Flere rekruttert',
    spentAmount: 80_000,
  });

  it('one report per kind; listed per application and per scheme between dates', async () => {
    const schemeId = uid('scheme-');
    const a = await created({ schemeId });
    const b = await created({ schemeId });
    const r1 = report(a.id, 'status', '2026-06-15T12:00:00.000Z');
    const r2 = report(a.id, 'final', '2026-12-31T23:00:00.000Z');
    const r3 = report(b.id, 'status', '2027-01-01T00:00:00.000Z');
    await store.putReport(r1);
    await store.putReport(r2);
    await store.putReport(r3);

    const again = await rejection(store.putReport({ ...r1, progress: 'igjen' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect((again as ConflictError).reason).toBe('already_reported');

    const list = await store.listReports(a.id);
    expect(list.sort((x, y) => x.kind.localeCompare(y.kind))).toEqual([r2, r1]);
    expectNoInternalAttributes(list);

    expect(await store.listReportsBySchemeBetween(schemeId, '2026-01-01', '2026-12-31')).toEqual([r1, r2]);
    expect(await store.listReportsBySchemeBetween(schemeId, '2026-06-15T12:00:00.000Z', '2026-06-15T12:00:00.000Z')).toEqual([r1]);
    expect(await store.listReportsBySchemeBetween(schemeId, '2026-07-01', '2027-12-31')).toEqual([r2, r3]);
    expect(await store.listReportsBySchemeBetween(uid('scheme-'), '2000-01-01', '2100-01-01')).toEqual([]);
  });

  it('supplementReport: the new content if the stored version is the one read (one of two at once), the earlier kept in order; the half-year index keeps the first sending', async () => {
    const schemeId = uid('scheme-');
    const a = await created({ schemeId });
    const first = { ...report(a.id, 'status', '2026-06-15T12:00:00.000Z'), lessonsLearned: 'Tidlig opplæring.' };
    await store.putReport(first);
    const second = { progress: 'Mer', effect: 'Liggetiden ned 2 døgn', spentAmount: 90_000 };
    const both = await Promise.all([
      store.supplementReport(a.id, 'status', second, '2026-07-01T10:00:00.000Z', first.submittedAt),
      store.supplementReport(a.id, 'status', { ...second, effect: 'Annen' }, '2026-07-01T10:00:01.000Z', first.submittedAt),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const [afterOne] = await store.listReports(a.id);
    expect(afterOne!.earlier).toEqual([{ sentAt: first.submittedAt, progress: first.progress, effect: first.effect, spentAmount: first.spentAmount, lessonsLearned: 'Tidlig opplæring.' }]);
    expect(afterOne!.lessonsLearned).toBeUndefined();
    const third = { progress: 'Enda mer', effect: 'Tall', spentAmount: 95_000, deviations: 'Ingen' };
    expect(await store.supplementReport(a.id, 'status', third, '2026-08-01T10:00:00.000Z', first.submittedAt)).toBe(false);
    expect(await store.supplementReport(a.id, 'status', third, '2026-08-01T10:00:00.000Z', afterOne!.supplementedAt!)).toBe(true);
    const [afterTwo] = await store.listReports(a.id);
    expect(afterTwo).toMatchObject({ ...third, submittedAt: first.submittedAt, supplementedAt: '2026-08-01T10:00:00.000Z' });
    expect(afterTwo!.earlier!.map((v) => v.sentAt)).toEqual([first.submittedAt, afterOne!.supplementedAt]);
    expectNoInternalAttributes([afterTwo!]);
    expect((await store.listReportsBySchemeBetween(schemeId, '2026-06-15', '2026-06-15')).map((r) => r.effect)).toEqual(['Tall']);
    expect(await store.supplementReport(a.id, 'final', third, '2026-08-01T10:00:00.000Z', first.submittedAt)).toBe(false);
  });

  it('markSupplementRequested: the scheme\'s list holds the report while it waits (a later request replaces an earlier, never the other way), until it is supplemented', async () => {
    const schemeId = uid('scheme-');
    const [a, b] = [await created({ schemeId }), await created({ schemeId })];
    await store.putReport(report(a.id, 'status', '2026-06-15T12:00:00.000Z'));
    await store.putReport(report(b.id, 'final', '2026-06-16T12:00:00.000Z'));
    expect(await store.listSupplementRequests(schemeId)).toEqual([]);
    await store.markSupplementRequested(b.id, 'final', '2026-07-01T10:00:00.000Z');
    await store.markSupplementRequested(a.id, 'status', '2026-07-02T10:00:00.000Z');
    await store.markSupplementRequested(b.id, 'final', '2026-06-30T10:00:00.000Z');
    const waiting = await store.listSupplementRequests(schemeId);
    expect(waiting.map((r) => [r.applicationId, r.kind, r.supplementRequestedAt])).toEqual([[b.id, 'final', '2026-07-01T10:00:00.000Z'], [a.id, 'status', '2026-07-02T10:00:00.000Z']]);
    expectNoInternalAttributes(waiting);
    await store.markSupplementRequested(b.id, 'final', '2026-07-03T10:00:00.000Z');
    expect((await store.listSupplementRequests(schemeId)).map((r) => r.applicationId)).toEqual([a.id, b.id]);
    expect(await store.supplementReport(a.id, 'status', { progress: 'Mer', effect: 'Tall', spentAmount: 1 }, '2026-07-04T10:00:00.000Z', '2026-06-15T12:00:00.000Z')).toBe(true);
    expect((await store.listSupplementRequests(schemeId)).map((r) => r.applicationId)).toEqual([b.id]);
    expect((await store.listReports(a.id))[0]).not.toHaveProperty('supplementRequestedAt');
    // no report: nothing is marked
    await store.markSupplementRequested(a.id, 'final', '2026-07-05T10:00:00.000Z');
    expect((await store.listReports(a.id)).map((r) => r.kind)).toEqual(['status']);
  });

  it('a report for an unknown application is NotFoundError', async () => {
    await expect(store.putReport(report(uid('app-'), 'status', '2026-06-15T12:00:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('reallocations', () => {
  it('puts, gets, lists and decides once', async () => {
    const appId = uid('app-');
    const r = { applicationId: appId, id: 'r1', requestedAt: '2026-08-01T00:00:00.000Z', description: 'Flytt midler', amount: 20_000, state: 'requested' } as const;
    await store.putReallocation(r);
    await store.putReallocation({ ...r, amount: 1 });
    await store.putReallocation({ ...r, id: 'r2' });
    expect(await store.getReallocation(appId, 'r1')).toEqual(r);
    expect(await store.getReallocation(appId, 'nope')).toBeUndefined();
    expect((await store.listReallocations(appId)).map((x) => x.id)).toEqual(['r1', 'r2']);

    const decided = await store.decideReallocation(appId, 'r1', 'refused', '2026-08-05T00:00:00.000Z', 'Ikke innenfor formålet');
    expect(decided).toEqual({ ...r, state: 'refused', decidedAt: '2026-08-05T00:00:00.000Z', reason: 'Ikke innenfor formålet' });
    expectNoInternalAttributes([decided]);
    const twice = await rejection(store.decideReallocation(appId, 'r1', 'approved', '2026-08-06T00:00:00.000Z'));
    expect(twice).toBeInstanceOf(ConflictError);
    expect((twice as ConflictError).reason).toBe('already_decided');
    await expect(store.decideReallocation(appId, 'missing', 'approved', '2026-08-06T00:00:00.000Z')).rejects.toBeInstanceOf(NotFoundError);
    expect(await store.getReallocation(appId, 'missing')).toBeUndefined();

    // Only a request not yet decided is removed (compensation); a decided one, or none, is left as it is.
    await store.removePendingReallocation(appId, 'r1');
    await store.removePendingReallocation(appId, 'r2');
    await store.removePendingReallocation(appId, 'missing');
    expect((await store.listReallocations(appId)).map((x) => [x.id, x.state])).toEqual([['r1', 'refused']]);
  });

  it("lists a scheme's pending requests oldest first (a Query on the sparse index), and drops one once decided", async () => {
    const schemeId = uid('scheme-');
    const [a, b] = [uid('app-'), uid('app-')];
    const request = (applicationId: string, id: string, requestedAt: string) => ({ applicationId, schemeId, id, requestedAt, description: 'Flytt midler', amount: 10_000, state: 'requested' as const });
    await store.putReallocation(request(b, 'r2', '2027-03-02T00:00:00.000Z'));
    await store.putReallocation(request(a, 'r1', '2027-03-01T00:00:00.000Z'));
    await store.putReallocation({ ...request(a, 'r0', '2027-02-01T00:00:00.000Z'), schemeId: undefined } as never); // made before the list: not on it
    await store.putReallocation({ ...request(a, 'r9', '2027-02-01T00:00:00.000Z'), schemeId: uid('other-') });
    const pending = await store.listPendingReallocations(schemeId);
    expect(pending.map((r) => r.id)).toEqual(['r1', 'r2']);
    expectNoInternalAttributes(pending);
    await store.decideReallocation(a, 'r1', 'approved', '2027-03-10T00:00:00.000Z');
    expect((await store.listPendingReallocations(schemeId)).map((r) => r.id)).toEqual(['r2']);
  });
});

describe('reminders', () => {
  // The due index is shared by the whole table: use a time range no other test uses.
  const reminder = (appId: string, kind: ReminderRecord['kind'], dueAt: string): ReminderRecord => ({
    id: `${appId}#${kind}#${dueAt}`,
    applicationId: appId,
    schemeId: 'scheme-1',
    kind,
    dueAt,
  });

  it('lists due reminders oldest first (with a limit), marks sent once, and cancels by kind', async () => {
    const appA = uid('app-');
    const appB = uid('app-');
    const r1 = reminder(appA, 'cosign', '2030-01-01T00:00:00.000Z');
    const r2 = reminder(appA, 'status-report-due', '2030-01-02T00:00:00.000Z');
    const r3 = reminder(appB, 'final-report-due', '2030-01-03T00:00:00.000Z');
    const later = reminder(appB, 'final-report-overdue', '2030-02-01T00:00:00.000Z');
    const alreadySent = { ...reminder(appB, 'cosign', '2030-01-01T12:00:00.000Z'), sentAt: '2030-01-01T12:00:00.000Z' };
    for (const r of [r3, later, r1, r2, alreadySent]) await store.putReminder(r);
    await store.putReminder(r1); // idempotent

    const inRange = (rs: ReminderRecord[]) => rs.filter((r) => r.dueAt >= '2030-01-01' && r.dueAt < '2031');
    expect(inRange(await store.listDueReminders('2030-01-03T00:00:00.000Z'))).toEqual([r1, r2, r3]); // inclusive
    expect(inRange(await store.listDueReminders('2030-01-02T23:59:59.999Z'))).toEqual([r1, r2]);
    const limited = await store.listDueReminders('2030-01-03T00:00:00.000Z', 2);
    expect(limited).toHaveLength(2);
    expectNoInternalAttributes(limited);

    expect(await store.markReminderSent(r1.id, '2030-01-01T00:05:00.000Z')).toBe(true);
    expect(await store.markReminderSent(r1.id, '2030-01-01T00:06:00.000Z')).toBe(false);
    expect(await store.markReminderSent('missing', '2030-01-01T00:06:00.000Z')).toBe(false);
    expect(inRange(await store.listDueReminders('2030-01-03T00:00:00.000Z'))).toEqual([r2, r3]);
    await store.putReminder(r1); // a repeated put does not revive a sent reminder
    expect(inRange(await store.listDueReminders('2030-01-03T00:00:00.000Z'))).toEqual([r2, r3]);

    await store.cancelReminders(appB, ['final-report-due', 'final-report-overdue']);
    expect(inRange(await store.listDueReminders('2030-12-31T00:00:00.000Z'))).toEqual([r2]);
    expect(await store.markReminderSent(r3.id, '2030-01-03T00:05:00.000Z')).toBe(false); // cancelled
    await store.cancelReminders(appA, ['cosign']); // r1 already sent, r2 another kind: unchanged
    expect(inRange(await store.listDueReminders('2030-12-31T00:00:00.000Z'))).toEqual([r2]);
    await store.cancelReminders(appA, []);
  });

  it('concurrent markReminderSent: exactly one worker wins', async () => {
    const r = reminder(uid('app-'), 'cosign', '2031-01-01T00:00:00.000Z');
    await store.putReminder(r);
    const results = await Promise.all(Array.from({ length: 10 }, () => store.markReminderSent(r.id, '2031-01-01T00:01:00.000Z')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("listPendingReminders: the case's reminders neither sent nor cancelled, soonest first; listLiveReminders: the sent ones too", async () => {
    const appId = uid('app-');
    const later = reminder(appId, 'final-report-due', '2033-03-01T00:00:00.000Z');
    const sooner = reminder(appId, 'status-report-due', '2033-01-01T00:00:00.000Z');
    const sent = reminder(appId, 'owner-link', '2032-12-01T00:00:00.000Z');
    const cancelled = reminder(appId, 'status-report-overdue', '2033-02-01T00:00:00.000Z');
    for (const r of [later, sooner, sent, cancelled, reminder(uid('app-'), 'cosign', '2033-01-01T00:00:00.000Z')]) await store.putReminder(r);
    await store.markReminderSent(sent.id, '2032-12-01T00:01:00.000Z');
    await store.cancelReminders(appId, ['status-report-overdue']);
    expect((await store.listPendingReminders(appId)).map((r) => r.id)).toEqual([sooner.id, later.id]);
    expectNoInternalAttributes(await store.listPendingReminders(appId));
    const live = await store.listLiveReminders(appId);
    expect(live.map((r) => r.id)).toEqual([sent.id, sooner.id, later.id]);
    expect(live[0]!.sentAt).toBe('2032-12-01T00:01:00.000Z');
    expectNoInternalAttributes(live);
  });

  it('a sent reminder keeps its record (sentAt) but loses its due-index keys', async () => {
    const r = reminder(uid('app-'), 'cosign', '2032-01-01T00:00:00.000Z');
    await store.putReminder(r);
    await store.markReminderSent(r.id, '2032-01-01T00:01:00.000Z');
    const raw = await local.client.send(new GetCommand({ TableName: local.tableName, Key: keys.reminder(r.id) }));
    expect(raw.Item).toMatchObject({ sentAt: '2032-01-01T00:01:00.000Z' });
    expect(raw.Item).not.toHaveProperty('gsi1pk');
    expect(raw.Item).not.toHaveProperty('gsi1sk');
  });
});

describe('the final-report phase (hand-over and claim)', () => {
  it('is claimed only after the hand-over, by one execution of many at once; the claimant\'s retry claims it again', async () => {
    const applicationId = uid('app_');
    expect(await store.claimFinalReport(applicationId, 'early', '2027-10-01T00:00:00.000Z')).toBe(false);
    await store.handOverFinalReport(applicationId, '2027-05-02T10:00:00.000Z');
    await store.handOverFinalReport(applicationId, '2027-05-03T10:00:00.000Z');
    const names = Array.from({ length: 8 }, (_, i) => `execution-${i}`);
    const claims = await Promise.all(names.map((name) => store.claimFinalReport(applicationId, name, '2027-10-01T00:00:00.000Z')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = names[claims.indexOf(true)]!;
    expect(await store.claimFinalReport(applicationId, winner, '2027-10-01T00:05:00.000Z')).toBe(true);
    expect(await store.claimFinalReport(applicationId, 'old-end', '2028-01-01T00:00:00.000Z')).toBe(false);
    const item = (await local.client.send(new GetCommand({ TableName: local.tableName, Key: keys.finalReportPhase(applicationId) }))).Item;
    expect(item).toMatchObject({ handedOverAt: '2027-05-02T10:00:00.000Z', claimedBy: winner, claimedAt: '2027-10-01T00:00:00.000Z' });
  });
});

describe("the case's mail log", () => {
  it('keeps one record per mail key (a repeat keeps the first), lists the case\'s oldest first, and no other case\'s', async () => {
    const appId = (await created()).id;
    const other = uid('app_');
    const mail = (key: string, sentAt: string, extra = {}) => ({ applicationId: appId, key, ref: `ref-${key}`, sentAt, subject: `Emne ${key}`, to: ['eier@kommune.example'], ...extra });
    await store.recordSentMail(mail(`decision#${appId}#d1`, '2026-03-02T10:00:00.000Z', { cc: ['leder@sykehus.example'] }));
    await store.recordSentMail(mail(`scheduled#${appId}#m1`, '2026-03-01T10:00:00.000Z'));
    // a repeat (the sender retried after a crash) a minute later
    await store.recordSentMail(mail(`scheduled#${appId}#m1`, '2026-03-01T10:01:00.000Z', { subject: 'annet' }));
    await store.recordSentMail({ ...mail('x', '2026-03-01T09:00:00.000Z'), applicationId: other });
    // items of the case's partition that are not mails stay out
    await store.putReport({ applicationId: appId, kind: 'status', submittedAt: '2026-03-03T10:00:00.000Z', progress: 'p', effect: 'e', spentAmount: 1 });
    expect(await store.listSentMail(appId)).toEqual([
      { applicationId: appId, key: `scheduled#${appId}#m1`, ref: `ref-scheduled#${appId}#m1`, sentAt: '2026-03-01T10:00:00.000Z', subject: `Emne scheduled#${appId}#m1`, to: ['eier@kommune.example'] },
      { applicationId: appId, key: `decision#${appId}#d1`, ref: `ref-decision#${appId}#d1`, sentAt: '2026-03-02T10:00:00.000Z', subject: `Emne decision#${appId}#d1`, to: ['eier@kommune.example'], cc: ['leder@sykehus.example'] },
    ]);
    expect(await store.listSentMail(uid('app_'))).toEqual([]);

    // A bounce marks the mail it names by its ref; the addresses add up, a repeat adds nothing.
    expect(await store.markSentMail(appId, `ref-decision#${appId}#d1`, 'bouncedTo', ['leder@sykehus.example'])).toBe(true);
    expect(await store.markSentMail(appId, `ref-decision#${appId}#d1`, 'bouncedTo', ['leder@sykehus.example', 'eier@kommune.example'])).toBe(true);
    expect(await store.markSentMail(appId, `ref-decision#${appId}#d1`, 'bouncedTo', ['eier@kommune.example'])).toBe(true);
    expect(await store.markSentMail(appId, 'ref-unknown', 'bouncedTo', ['eier@kommune.example'])).toBe(false);
    const [scheduled, decision] = await store.listSentMail(appId);
    expect(decision!.bouncedTo).toEqual(['leder@sykehus.example', 'eier@kommune.example']);
    expect(scheduled!.bouncedTo).toBeUndefined();
    // A complaint is kept apart from the bounces.
    expect(await store.markSentMail(appId, `ref-scheduled#${appId}#m1`, 'complainedBy', ['eier@kommune.example'])).toBe(true);
    const [complained] = await store.listSentMail(appId);
    expect(complained).toMatchObject({ complainedBy: ['eier@kommune.example'] });
    expect(complained!.bouncedTo).toBeUndefined();
  });
});
