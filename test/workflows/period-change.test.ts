// A later start ("utsatt oppstart") and an earlier end on the local runtime: the committee moves the
// grant's period after the final-report schedule was set for the old end. For a later end the
// final-report phase starts at the old end, sees the new one, sets itself again and ends; at the new
// end it starts for real. For an earlier end the phase is started at once to set itself for the new
// end, and the run at the old end finds the phase taken. Either way it runs once, and the final
// report's reminders and deadline follow the new period.
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

  /** The owner sends the final report through the link in the decision letter: the grant closes. */
  async function sendFinalReport(ownerEmail: string, statusReportLink: string, ownerLink: string) {
    const letter = (await h.mailsTo(ownerEmail)).find((m) => linkIds(m, 'rapport').length > 1)!;
    const finalLink = linkIds(letter, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, REPORT)).status).toBe(201);
    await h.system.advance(DAY);
    expect(await status(h, ownerLink)).toBe('closed');
  }

  /** A grant whose status report is in: the grant phase has set the final-report schedule for the period's end, 31.12.2027. */
  async function grantWithStatusReport() {
    const data = application();
    const grant = await activeGrant(h, data);
    await advanceTo(h, '2027-05-01T10:00:00.000Z');
    expect((await h.call('POST', `/api/reports/${grant.statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.advance(DAY);
    expect(await executionsOf(h, grant.id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED']);
    return { data, ...grant };
  }

  it('the final-report phase starts at the new end, not the old one, and the owner is told once', async () => {
    const { data, id, ownerLink, statusReportLink } = await grantWithStatusReport();

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
    await sendFinalReport(data.owner.email, statusReportLink, ownerLink);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
  });

  it('an earlier end: the final-report phase runs at the new end, once; the schedule at the old end finds it taken', async () => {
    const { data, id, ownerLink, statusReportLink } = await grantWithStatusReport();

    // The project ends three months early; the phase is started at once and sets itself for 30.09.2027.
    const changed = await h.call('POST', `/api/staff/applications/${id}/period`, { periodStart: '2027-01-01', periodEnd: '2027-09-30', reason: 'Tiltaket er satt i drift.' }, 'secretariat');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ periodEnd: '2027-09-30', finalReportDue: '2027-11-29' });
    await h.system.advance(DAY);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);

    // The new end passes: the phase runs and reminds by the new deadline.
    await advanceTo(h, '2027-11-25T10:00:00.000Z');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    const finalReminders = async () => (await h.mailsTo(data.owner.email)).filter((m) => /sluttrapport/i.test(m.subject) && !/ny prosjektperiode/.test(m.subject));
    const reminded = await finalReminders();
    expect(reminded.length).toBeGreaterThan(0);
    expect(reminded.every((m) => (m.body.text ?? '').includes('29.11.2027'))).toBe(true);

    // The report is late, and the old end passes: the schedule set for it starts the phase, which finds it taken and ends.
    await advanceTo(h, '2028-01-05T10:00:00.000Z');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    await sendFinalReport(data.owner.email, statusReportLink, ownerLink);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
  });

  it('an earlier end before the status report is in: the phase waits for the grant phase, which starts it after the status report', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    // Ends 31.03.2027, before the status report is due: the final report then follows the status report.
    await advanceTo(h, '2027-02-01T10:00:00.000Z');
    const changed = await h.call('POST', `/api/staff/applications/${id}/period`, { periodStart: '2027-01-01', periodEnd: '2027-03-31', reason: 'Kortere prosjekt.' }, 'secretariat');
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    await h.system.advance(DAY);
    // The new end passes before the grant phase has handed over: the phase started for it ends.
    await advanceTo(h, '2027-04-05T10:00:00.000Z');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:RUNNING']);
    // The status report comes: the grant phase hands over, and the phase runs an hour later.
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.advance(DAY);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'final-report:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    await sendFinalReport(data.owner.email, statusReportLink, ownerLink);
  });
});
