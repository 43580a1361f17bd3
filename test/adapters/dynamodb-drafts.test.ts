// The draft store against dynalite: one draft per form rendering, a save that stopped after its
// claim is finished by its repeat, updates only of drafts that are there, TTL on every item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDraftStore } from '../../functions/adapters/dynamodb-drafts';
import type { ApplicationDraft } from '../../functions/ports/drafts';
import { startDynalite, type LocalDynamo } from '../support/dynalite';

const draft = (id: string, formKey: string, title: string): ApplicationDraft => ({
  id,
  schemeId: 'sor-rogaland',
  formKey,
  values: { title, criteriaMet: ['a', 'b'], 'owner.email': 'eier@kommune.example' },
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  expiresAt: '2027-01-21T10:00:00.000Z',
});

describe('DynamoDraftStore', () => {
  let dynamo: LocalDynamo;
  let drafts: DynamoDraftStore;
  beforeAll(async () => {
    dynamo = await startDynalite();
    drafts = new DynamoDraftStore({ client: dynamo.client, tableName: dynamo.tableName });
  });
  afterAll(async () => dynamo?.stop());

  it('creates one draft per form rendering: a repeat returns the first draft with the new values', async () => {
    const first = await drafts.create(draft('draft-id-aaaaaaaaaaaaaaaaaaaa', 'skjema-1', 'Første'));
    expect(first).toEqual({ draft: draft('draft-id-aaaaaaaaaaaaaaaaaaaa', 'skjema-1', 'Første'), created: true });
    const repeat = await drafts.create(draft('draft-id-bbbbbbbbbbbbbbbbbbbb', 'skjema-1', 'Andre'));
    expect(repeat.created).toBe(false);
    expect(repeat.draft.id).toBe('draft-id-aaaaaaaaaaaaaaaaaaaa');
    expect(repeat.draft.values.title).toBe('Andre');
    expect(await drafts.get('draft-id-bbbbbbbbbbbbbbbbbbbb')).toBeUndefined();
    // The same key in another community is another rendering.
    const other = await drafts.create({ ...draft('draft-id-cccccccccccccccccccc', 'skjema-1', 'Innlandet'), schemeId: 'innlandet' });
    expect(other.created).toBe(true);
  });

  it('finishes a save that stopped after its claim, under the claimed id', async () => {
    await drafts.create(draft('draft-id-dddddddddddddddddddd', 'skjema-2', 'Avbrutt'));
    await dynamo.client.send(new DeleteCommand({ TableName: dynamo.tableName, Key: { pk: 'DRAFT#draft-id-dddddddddddddddddddd', sk: 'DRAFT' } }));
    const retried = await drafts.create(draft('draft-id-eeeeeeeeeeeeeeeeeeee', 'skjema-2', 'Igjen'));
    expect(retried).toMatchObject({ created: true, draft: { id: 'draft-id-dddddddddddddddddddd', values: { title: 'Igjen' } } });
    expect((await drafts.get('draft-id-dddddddddddddddddddd'))?.values.title).toBe('Igjen');
  });

  it("updates only a draft that is there, of the scheme and not expired, in one write; delete is repeatable and can be held to a scheme; items carry the TTL of their expiry", async () => {
    const { draft: saved } = await drafts.create(draft('draft-id-ffffffffffffffffffff', 'skjema-3', 'Før'));
    const change = { values: { title: 'Etter' }, updatedAt: '2026-12-01T10:00:00.000Z', expiresAt: '2027-01-30T10:00:00.000Z' };
    const guard = { schemeId: 'sor-rogaland', now: change.updatedAt };
    // Another scheme's, or one expired at that moment: refused, unchanged.
    expect(await drafts.update(saved.id, change, { ...guard, schemeId: 'innlandet' })).toBeUndefined();
    expect(await drafts.update(saved.id, change, { ...guard, now: saved.expiresAt })).toBeUndefined();
    expect((await drafts.get(saved.id))?.values.title).toBe('Før');
    expect(await drafts.update(saved.id, change, guard)).toEqual({ ...saved, ...change });
    const item = await dynamo.client.send(new GetCommand({ TableName: dynamo.tableName, Key: { pk: `DRAFT#${saved.id}`, sk: 'DRAFT' } }));
    expect(item.Item?.ttl).toBe(Date.parse(change.expiresAt) / 1000);
    const claim = await dynamo.client.send(new GetCommand({ TableName: dynamo.tableName, Key: { pk: 'DRAFTKEY#sor-rogaland#skjema-3', sk: 'DRAFT' } }));
    expect(claim.Item).toMatchObject({ draftId: saved.id, ttl: Date.parse(saved.expiresAt) / 1000 });

    await drafts.delete(saved.id, 'innlandet');
    expect(await drafts.get(saved.id)).toBeDefined();
    await drafts.delete(saved.id, 'sor-rogaland');
    await drafts.delete(saved.id);
    expect(await drafts.get(saved.id)).toBeUndefined();
    expect(await drafts.update(saved.id, change, guard)).toBeUndefined();
    expect(await drafts.get(saved.id)).toBeUndefined();
  });

  it('a sent reminder leaves the due index; one re-aimed stays in it at its new time; neither touches a reminder a save changed meanwhile', async () => {
    const first = { at: '2026-11-23T22:59:59.999Z', meetingId: '2026-12-10' };
    const next = { at: '2027-01-11T22:59:59.999Z', meetingId: '2027-01-28' };
    const due = async (until: string) => (await drafts.listDueReminders(until)).map((d) => d.id);
    const { draft: sent } = await drafts.create({ ...draft('draft-id-gggggggggggggggggggg', 'skjema-4', 'Sendt'), reminder: first });
    const { draft: moved } = await drafts.create({ ...draft('draft-id-hhhhhhhhhhhhhhhhhhhh', 'skjema-5', 'Flyttet'), reminder: first });
    expect(await due('2026-11-24T00:00:00.000Z')).toEqual(expect.arrayContaining([sent.id, moved.id]));

    // A save in between aimed at another meeting: the old reminder's marks change nothing.
    await drafts.markReminded(sent.id, { ...first, meetingId: '2026-12-11' });
    await drafts.markReminded(moved.id, { ...first, at: '2026-11-22T22:59:59.999Z' }, next);
    expect(await due('2026-11-24T00:00:00.000Z')).toEqual(expect.arrayContaining([sent.id, moved.id]));

    await drafts.markReminded(sent.id, first);
    await drafts.markReminded(moved.id, first, next);
    expect(await due('2026-11-24T00:00:00.000Z')).not.toContain(sent.id);
    expect(await due('2026-11-24T00:00:00.000Z')).not.toContain(moved.id);
    expect(await due('2027-01-12T00:00:00.000Z')).toContain(moved.id);
    expect(await due('2027-01-12T00:00:00.000Z')).not.toContain(sent.id);
    expect((await drafts.get(moved.id))?.reminder).toEqual(next);
  });
});
