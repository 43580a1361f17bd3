// The upgrade after a deployment, against the local table: cases stored as earlier versions stored
// them (without the entries later versions write beside them) get them, once; newer data is never
// gone back over.
import { createHash } from 'node:crypto';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { SECRETARIAT, useTestApp } from '../support/test-app';
import { upgradeStoredData, UPGRADE_STEPS } from '../../functions/use-cases/upgrade-stored-data';
import { keys } from '../../functions/adapters/table-design';

const app = useTestApp();

/** Takes attributes off an item, as a version before them stored it. */
async function strip(key: { pk: string; sk: string }, ...names: string[]) {
  await app.dynamo.client.send(new UpdateCommand({
    TableName: app.dynamo.tableName, Key: key,
    UpdateExpression: `REMOVE ${names.map((_, i) => `#a${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#a${i}`, n])),
  }));
}

describe('the upgrade of stored data', () => {
  it('fills in what earlier versions did not write, each step once, never over newer data', async () => {
    // Not done in this table yet, or done by the test before: each test starts them again.
    for (const step of UPGRADE_STEPS) await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.upgrade(step) }));

    const submitted = await app.submit();
    const grant = await app.active();
    const before = (await app.store.getApplication(submitted.applicationId))!;
    const grantApp = (await app.store.getApplication(grant.applicationId))!;

    // 1. The contact person's address beside the case (lost links by address alone).
    await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.ownerAddress(createHash('sha256').update(before.ownerEmail.trim().toLowerCase()).digest('hex'), before.id) }));
    // 2. The search fields, on one case; the other keeps a name set since (a change of contact).
    await strip(keys.application(before.id), 'partnerOrganisations', 'ownerName');
    await strip(keys.application(grant.applicationId), 'partnerOrganisations');
    // 3. A reallocation requested before the scheme's pending list.
    const requested = await app.call('request-reallocation', { pathParameters: { linkId: grant.ownerLinkId }, json: { description: 'Flytte 20 000 kr til veiledning.', amount: 20_000 } });
    expect(requested.status, requested.text).toBe(201);
    const [reallocation] = await app.store.listReallocations(grant.applicationId);
    await strip(keys.reallocation(grant.applicationId, reallocation!.id), 'schemeId', 'gsi1pk', 'gsi1sk');
    // 4. A report waiting to be filled in, asked before the scheme's list of them.
    const linkId = await app.reportLink(grant.applicationId, 'status');
    expect((await app.call('submit-report', { pathParameters: { linkId }, json: { progress: 'I gang.', effect: 'Tidlig.', spentAmount: 10_000 } })).status).toBe(201);
    expect((await app.call('request-report-supplement', { pathParameters: { applicationId: grant.applicationId }, json: { report: 'status', reason: 'Mer om effekten.' }, as: SECRETARIAT })).status).toBe(200);
    await strip(keys.report(grant.applicationId, 'status'), 'supplementRequestedAt', 'gsi2pk', 'gsi2sk');

    const lost = async () => app.store.listByOwnerAddress(before.ownerEmail);
    expect(await lost()).not.toContain(before.id);
    expect(await app.store.listPendingReallocations('sor-rogaland')).toEqual([]);
    expect(await app.store.listSupplementRequests('sor-rogaland')).toEqual([]);

    const first = await upgradeStoredData(app.deps);
    expect(first.steps).toEqual(UPGRADE_STEPS);
    expect(first.applications).toBeGreaterThanOrEqual(2);
    // Only the cases that lacked an entry count as written (the address was taken from one).
    expect(first.written).toMatchObject({ 'owner-addresses': 1, 'search-fields': 2, 'supplement-waits': 1, 'pending-reallocations': 1 });

    expect(await lost()).toContain(before.id);
    expect((await app.store.getApplication(before.id))).toMatchObject({ ownerName: before.ownerName, partnerOrganisations: before.partnerOrganisations });
    expect((await app.store.getApplication(grant.applicationId))).toMatchObject({ ownerName: grantApp.ownerName, partnerOrganisations: grantApp.partnerOrganisations });
    expect((await app.store.listPendingReallocations('sor-rogaland')).map((r) => r.id)).toEqual([reallocation!.id]);
    expect((await app.store.listSupplementRequests('sor-rogaland')).map((r) => [r.applicationId, r.kind])).toEqual([[grant.applicationId, 'status']]);
    // The secretariat's search finds the case by a partner again.
    const partner = before.partnerOrganisations![0]!;
    const found = await app.call('list-applications', { pathParameters: { schemeId: 'sor-rogaland' }, query: { q: partner }, as: SECRETARIAT });
    expect(found.status, found.text).toBe(200);
    expect(JSON.stringify(found.body)).toContain(before.id);

    // Done: the next deployment's run reads the markers and nothing else.
    const reads = app.store.listByStatus.bind(app.store);
    let queried = 0;
    app.store.listByStatus = async (...args) => { queried += 1; return reads(...args); };
    try {
      expect(await upgradeStoredData(app.deps)).toEqual({ steps: [], applications: 0, written: {}, failed: [] });
      expect(queried).toBe(0);
    } finally {
      app.store.listByStatus = reads;
    }
  });

  it('a name the contact person was given since stays; a case that already has its fields is left as it is', async () => {
    for (const step of UPGRADE_STEPS) await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.upgrade(step) }));
    const { applicationId } = await app.active();
    const changed = await app.call('change-owner', { pathParameters: { applicationId }, json: { name: 'Ny Kontaktperson', email: 'ny.kontakt@kommune.example' }, as: SECRETARIAT });
    expect(changed.status, changed.text).toBe(200);
    await strip(keys.application(applicationId), 'partnerOrganisations');
    const revision = (await app.store.getApplication(applicationId))!.revision;
    await upgradeStoredData(app.deps);
    const after = (await app.store.getApplication(applicationId))!;
    expect(after.ownerName).toBe('Ny Kontaktperson');
    expect(after.partnerOrganisations?.length).toBeGreaterThan(0);
    // nothing the case says changed: no new revision, nothing on its history
    expect(after.revision).toBe(revision);
  });

  it('a case a step cannot upgrade does not stop the others: the step is reported, not marked done, and runs again next time', async () => {
    for (const step of UPGRADE_STEPS) await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.upgrade(step) }));
    const broken = await app.submit();
    const fine = await app.submit();
    for (const { applicationId } of [broken, fine]) await strip(keys.application(applicationId), 'partnerOrganisations');
    // its current version is gone: the search fields cannot be read
    await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.version(broken.applicationId, 1) }));
    const first = await upgradeStoredData(app.deps);
    expect(first.failed).toEqual([{ step: 'search-fields', applicationId: broken.applicationId, error: expect.stringContaining('missing') }]);
    expect((await app.store.getApplication(fine.applicationId))!.partnerOrganisations?.length).toBeGreaterThan(0);
    expect(await app.store.upgradeDone('search-fields')).toBe(false);
    expect(await app.store.upgradeDone('owner-addresses')).toBe(true);
    const again = await upgradeStoredData(app.deps);
    expect(again.steps).toEqual(['search-fields']);
    expect(again.failed.map((f) => f.applicationId)).toEqual([broken.applicationId]);
  });

  it('a run short of time stops before the function is cut off (which would fail the deployment): nothing marked done, the next run finishes', async () => {
    for (const step of UPGRADE_STEPS) await app.dynamo.client.send(new DeleteCommand({ TableName: app.dynamo.tableName, Key: keys.upgrade(step) }));
    const { applicationId } = await app.submit();
    await strip(keys.application(applicationId), 'partnerOrganisations');
    // Time for the first status's Query only.
    let asked = 0;
    const short = await upgradeStoredData(app.deps, { timeLeftMs: () => (asked++ === 0 ? 120_000 : 30_000) });
    expect(short.incomplete).toBe(true);
    for (const step of UPGRADE_STEPS) expect(await app.store.upgradeDone(step)).toBe(false);
    const full = await upgradeStoredData(app.deps);
    expect(full.incomplete).toBeUndefined();
    expect((await app.store.getApplication(applicationId))!.partnerOrganisations?.length).toBeGreaterThan(0);
    // (the case the test before broke still fails its step)
    for (const step of UPGRADE_STEPS) expect(await app.store.upgradeDone(step), step).toBe(!full.failed.some((f) => f.step === step));
    expect(UPGRADE_STEPS.filter((step) => !full.failed.some((f) => f.step === step)).length).toBeGreaterThan(0);
  });
});
