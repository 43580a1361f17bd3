// An application whose period is over before the first meeting that can decide it cannot be granted:
// the form says so at the end date, naming the meeting, before anyone is asked to sign.
import { describe, expect, it } from 'vitest';
import { declinedByPartner, useTestApp } from '../support/test-app';

const app = useTestApp(); // 20.11.2026: the next meeting that takes applications is 10.12.2026 (deadline 26.11.2026)

const MESSAGE = 'Perioden slutter før FSU kan behandle søknaden (første mulige møte er 10.12.2026). Velg en sluttdato etter møtet.';

describe('a period that ends before the first meeting', () => {
  it('is refused at the end date on submission, and nothing is stored; a day after the meeting is accepted', async () => {
    const before = await app.countApplications('sor-rogaland');
    for (const periodEnd of ['2026-12-05', '2026-12-10']) {
      const res = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => { a.periodStart = '2026-11-25'; a.periodEnd = periodEnd; }) });
      expect(res.status).toBe(400);
      expect(res.body.fieldErrors).toEqual({ periodEnd: MESSAGE });
    }
    expect(await app.countApplications('sor-rogaland')).toBe(before);
    const ok = await app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, json: app.application('sor-rogaland', (a) => { a.periodStart = '2026-12-11'; a.periodEnd = '2027-06-30'; }) });
    expect(ok.status, ok.text).toBe(201);
  });

  it('is refused in a revision too, once the deadline of the meeting it aimed for has passed', async () => {
    const { ownerLinkId, applicationId } = await declinedByPartner(app, 'Kort periode');
    app.clock.set('2026-11-27T09:00:00.000Z'); // past the deadline of 10.12: the next meeting is the first of 2027
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application('sor-rogaland', (a) => { a.title = 'Kort periode'; a.periodStart = '2026-12-11'; a.periodEnd = '2026-12-20'; }) });
    expect(res.status).toBe(400);
    expect(res.body.fieldErrors.periodEnd).toMatch(/^Perioden slutter før FSU kan behandle søknaden \(første mulige møte er \d\d\.0[1-3]\.2027\)/);
    expect(await app.store.getVersion(applicationId, 2)).toBeUndefined();
  });
});
