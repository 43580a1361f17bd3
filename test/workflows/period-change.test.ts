// A later start ("utsatt oppstart") on the local runtime: the committee moves the grant's period
// after the final-report schedule was set for the old end. The final-report phase starts at the old
// end, sees the new one, sets itself again and ends; at the new end it starts for real, and the
// final report's reminders and deadline follow the new period.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeGrant, advanceTo, application, DAY, executionsOf, linkIds, REPORT, startHarness, status, type Harness } from '../support/local-system';

describe('a grant period moved after the final-report schedule was set', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the final-report phase starts at the new end, not the old one, and the owner is told once', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    // The status report comes: the grant phase sets the final-report schedule for the period's end, 31.12.2027.
    await advanceTo(h, '2027-05-01T10:00:00.000Z');
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.advance(DAY);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED']);

    // The project started three months late: the committee moves the period.
    const changed = await h.call('POST', `/api/staff/applications/${id}/period`, { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Stillingen ble besatt først i mars.' }, 'secretariat');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ periodStart: '2027-04-01', periodEnd: '2028-03-31', finalReportDue: '2028-05-30', changed: true });
    await h.system.advance(DAY);
    const letters = (await h.mailsTo(data.owner.email)).filter((m) => /ny prosjektperiode/.test(m.subject));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.body.text).toContain('01.04.2027–31.03.2028 (var 01.01.2027–31.12.2027)');
    expect(letters[0]!.body.text).toContain('Stillingen ble besatt først i mars.');

    // The old end passes: the phase starts, finds the period running, and sets itself again.
    await advanceTo(h, '2028-01-10T10:00:00.000Z');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    const finalReminders = async () => (await h.mailsTo(data.owner.email)).filter((m) => /sluttrapport/i.test(m.subject) && !/ny prosjektperiode/.test(m.subject));
    expect(await finalReminders()).toEqual([]);

    // The new end passes: the final-report phase runs, reminds by the new deadline, and the report closes the grant.
    await advanceTo(h, '2028-05-25T10:00:00.000Z');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    const reminded = await finalReminders();
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.every((m) => (m.body.text ?? '').includes('30.05.2028'))).toBe(true);
    const letter = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').length > 1)!;
    const finalLink = linkIds(letter, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, REPORT)).status).toBe(201);
    await h.system.advance(DAY);
    expect(await status(h, ownerLink)).toBe('closed');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
  });
});
