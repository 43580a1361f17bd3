// Helse Nord (the health community's assessment committee ranks, the regional committee decides)
// and Midt-Norge (a working committee with a user representative recommends, ASU decides): one
// product, the first level of review switched on by configuration.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();

const as = SECRETARIAT;
const NORD = 'lofoten-vesteralen-salten';
const MIDT = 'sondre-trondelag';

async function decision(applicationId: string, json: Record<string, unknown>) {
  return app.decide(applicationId, json, as);
}
async function recommend(applicationId: string, json: Record<string, unknown>) {
  return app.call('record-recommendation', { pathParameters: { applicationId }, json, as });
}
const approval = async (applicationId: string) => {
  const version = await app.store.getVersion(applicationId, (await app.store.getApplication(applicationId))!.version);
  return { outcome: 'approve', amount: version!.data.requestedAmount, periodStart: version!.data.periodStart, periodEnd: version!.data.periodEnd };
};

describe('a ranked first level (Helse Nord)', () => {
  it('not even an early rejection bypasses the first level (an application sent in, not yet on an agenda)', async () => {
    const { applicationId } = await app.submit(NORD, app.application(NORD));
    await app.cosignAll(applicationId);
    const before = await app.store.getApplication(applicationId);
    const blocked = await decision(applicationId, { outcome: 'reject', reason: 'Ufullstendig' });
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ reason: 'recommendation_missing' });
    expect(await app.store.getApplication(applicationId)).toEqual(before);
    expect(await app.store.listDecisions(applicationId)).toEqual([]);
  });

  it('the committee cannot approve, reject or defer before the ranking; afterwards it can', async () => {
    const { applicationId } = await app.scheduled(NORD);
    for (const body of [await approval(applicationId), { outcome: 'reject', reason: 'Nei' }, { outcome: 'defer' }]) {
      const blocked = await decision(applicationId, body);
      expect(blocked.status).toBe(409);
      expect(blocked.body.message).toMatch(/må gi sin innstilling før vedtaket kan registreres/);
    }
    expect((await app.store.getApplication(applicationId))!.status).toBe('scheduled');
    expect(await app.store.listDecisions(applicationId)).toEqual([]);

    const ranked = await recommend(applicationId, { recommended: true, rank: 1, comment: 'Sterk overføringsverdi' });
    expect(ranked.status).toBe(201);
    expect(ranked.body.application.status).toBe('recommended');
    expect(ranked.body.recommendation).toMatchObject({ recommended: true, rank: 1, by: app.scheme(NORD).preparation!.body.shortName, recordedBy: 'sekretær-1' });
    // A retry of the same recommendation is a no-op (200, same timestamp, no second audit entry); another rank is a new one.
    const again = await recommend(applicationId, { recommended: true, rank: 1, comment: 'Sterk overføringsverdi' });
    expect(again.status).toBe(200);
    expect(again.body.recommendation).toEqual(ranked.body.recommendation);
    const entries = () => app.store.getApplication(applicationId).then((a) => a!.history.filter((h) => h.action === 'recommendation:recommend').length);
    expect(await entries()).toBe(1);
    const reranked = await recommend(applicationId, { recommended: true, rank: 2, comment: 'Sterk overføringsverdi' });
    expect(reranked.status).toBe(201);
    expect(reranked.body.recommendation.rank).toBe(2);
    expect(await entries()).toBe(2);

    const approved = await decision(applicationId, await approval(applicationId));
    expect(approved.status).toBe(201);
    expect(approved.body.application.status).toBe('approved');
    const history = (await app.store.getApplication(applicationId))!.history.map((h) => h.action);
    expect(history.indexOf('recommendation:recommend')).toBeLessThan(history.indexOf('decision:approve'));
  });

  it('asks for a rank in Norwegian, naming the field, and writes nothing', async () => {
    const { applicationId } = await app.scheduled(NORD);
    const before = await app.store.getApplication(applicationId);
    const missing = await recommend(applicationId, { recommended: true });
    expect(missing.status).toBe(400);
    expect(missing.body.fieldErrors).toEqual({ rank: expect.stringMatching(/^Oppgi prioritet/) });
    const bad = await recommend(applicationId, { recommended: 'ja', rank: 0, extra: 1 });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fieldErrors).sort()).toEqual(['_form', 'rank', 'recommended']);
    expect(await app.store.getApplication(applicationId)).toEqual(before);
  });

  it('lists the agenda in the ranking’s order and shows who recommends and who decides', async () => {
    const first = await app.scheduled(NORD);
    const second = await app.scheduled(NORD);
    expect((await recommend(second.applicationId, { recommended: true, rank: 1 })).status).toBe(201);
    expect((await recommend(first.applicationId, { recommended: true, rank: 2 })).status).toBe(201);
    const meetingId = (await app.store.getApplication(first.applicationId))!.meetingId!;
    const agenda = await app.call('get-agenda', { pathParameters: { schemeId: NORD, meetingId }, as });
    expect(agenda.status).toBe(200);
    expect(agenda.body.preparation).toMatchObject({ ranked: true, body: app.scheme(NORD).preparation!.body });
    expect(agenda.body.committee.shortName).toBe(app.scheme(NORD).committee.shortName);
    const ids = agenda.body.items.map((i: { applicationId: string }) => i.applicationId);
    expect(ids.indexOf(second.applicationId)).toBeLessThan(ids.indexOf(first.applicationId));
    expect(agenda.body.items.find((i: { applicationId: string }) => i.applicationId === first.applicationId).recommendation).toMatchObject({ rank: 2 });
  });

  it('a move to another meeting starts a new round: the recommendation is gone and needed again', async () => {
    const { applicationId } = await app.scheduled(NORD);
    expect((await recommend(applicationId, { recommended: false, comment: 'Ikke prioritert denne runden' })).status).toBe(201);
    const current = (await app.store.getApplication(applicationId))!;
    const later = app.scheme(NORD).meetings.map((m) => m.date).find((d) => d > current.meetingId!)!;
    await app.schedule(applicationId, later);
    const moved = (await app.store.getApplication(applicationId))!;
    expect(moved.status).toBe('scheduled');
    expect(moved.recommendation).toBeUndefined();
    expect((await decision(applicationId, { outcome: 'defer' })).status).toBe(409);
  });
});

describe('an unranked first level with a user representative (Midt-Norge)', () => {
  it('takes a recommendation without a rank, refuses a rank, then lets ASU decide', async () => {
    const scheme = app.scheme(MIDT);
    expect(scheme.preparation?.members.map((m) => m.represents).sort()).toEqual(['hospital-trust', 'municipality', 'user-representative']);
    const { applicationId } = await app.scheduled(MIDT);
    const ranked = await recommend(applicationId, { recommended: true, rank: 1 });
    expect(ranked.status).toBe(400);
    expect(ranked.body.fieldErrors.rank).toMatch(/rangerer ikke/);
    const anonymous = await recommend(applicationId, { recommended: true });
    expect(anonymous.status).toBe(400);
    expect(anonymous.body.fieldErrors.participants).toBe('Kryss av hvem i AU som deltok i innstillingen.');
    expect((await recommend(applicationId, { recommended: true, participants: ['municipality', 'hospital-trust'] })).status).toBe(201);
    expect((await app.store.getApplication(applicationId))!.recommendation?.participants).toEqual(['municipality', 'hospital-trust']);
    // The agenda shows whose voice the recommendation carries, and that the user representative was absent.
    const { meetingId } = (await app.store.getApplication(applicationId))!;
    const agenda = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId: MIDT, meetingId: meetingId! }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-agenda');
    expect(agenda.text).toContain('<dt>Deltok</dt><dd>Representant fra kommunene, Representant fra St. Olavs hospital <strong>(deltok ikke: Brukerrepresentant)</strong></dd>');
    expect(agenda.text).toContain('name="participants" value="user-representative"');
    // So does the case, opened from the list of applications waiting for ASU.
    const caseOf = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application');
    const recommendedCase = await caseOf();
    expect(recommendedCase.text).toContain('<h2>Innstilling</h2>');
    expect(recommendedCase.text).toMatch(/<dt>Innstilling fra AU<\/dt><dd>Innstilt \(/);
    expect(recommendedCase.text).toContain('<strong>(deltok ikke: Brukerrepresentant)</strong>');
    const rejected = await decision(applicationId, { outcome: 'reject', reason: 'Potten er brukt opp' });
    expect(rejected.status).toBe(201);
    expect(rejected.body.application.status).toBe('rejected');
    // Decided: the case still says what the recommendation was.
    expect((await caseOf()).text).toMatch(/<dt>Innstilling fra AU<\/dt><dd>Innstilt \(/);
  });

  it('a case on the agenda without a recommendation says the committee waits for it; a one-level scheme shows no such section', async () => {
    const { applicationId } = await app.scheduled(MIDT);
    const caseOf = (id: string) => invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId: id }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application');
    const waiting = await caseOf(applicationId);
    expect(waiting.status).toBe(200);
    expect(waiting.text).toContain('Venter på innstilling fra AU.');
    const { applicationId: oneLevel } = await app.scheduled();
    const direct = await caseOf(oneLevel);
    expect(direct.status).toBe(200);
    expect(direct.text).not.toContain('<h2>Innstilling</h2>');
  });
});

describe('a scheme without a first level (Sør-Rogaland)', () => {
  it('refuses a recommendation and decides directly as before', async () => {
    const { applicationId } = await app.scheduled('sor-rogaland');
    const refused = await recommend(applicationId, { recommended: true, rank: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/ikke et eget innstillingsledd/);
    expect((await decision(applicationId, { outcome: 'defer' })).status).toBe(201);
  });
});
