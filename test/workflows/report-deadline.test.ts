// "Utsatt frist" on the local runtime: the grant's workflow waits for the status report until the
// old date's last chance; the deadline moved meanwhile, so its "report missing" notice comes from the
// sweep at the new date's, and the owner's reminders follow the new date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeGrant, advanceTo, application, DAY, executionsOf, linkIds, REPORT, startHarness, status, type Harness } from '../support/local-system';

const SECRETARIAT = 'fsu-sekretariat@helse-stavanger.example';

describe('a report deadline moved, on the local runtime', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('the status report: reminded by the new date, "missing" at the new date\'s end only, and the grant goes on to its final report', async () => {
    const data = application();
    const { id, ownerLink } = await activeGrant(h, data);
    // Decided 10.12.2026: the status report is due 10.06.2027. The committee gives four months more.
    expect((await h.call('GET', `/api/owner/${ownerLink}`)).body.allocation.statusReportDue).toBe('2027-06-10');
    await advanceTo(h, '2027-06-01T10:00:00.000Z');
    const moved = await h.call('POST', `/api/staff/applications/${id}/report-deadline`, { report: 'status', dueDate: '2027-10-10', reason: 'Prosjektet startet sent.' }, 'secretariat');
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await h.system.advance(DAY);
    const told = (await h.mailsTo(data.owner.email)).filter((m) => /Ny frist for statusrapporten/.test(m.subject));
    expect(told).toHaveLength(1);
    expect(told[0]!.body.text).toContain('Prosjektet startet sent.');

    // The old date passes unremarked: no overdue reminder before the new one.
    await advanceTo(h, '2027-10-10T10:00:00.000Z');
    expect((await h.mailsTo(data.owner.email)).filter((m) => /Fristen er passert/.test(m.subject))).toEqual([]);
    // Past the old date's last chance (10.06.2027 + 12 × 14 days + 1): nothing says the report is missing.
    await advanceTo(h, '2027-12-01T10:00:00.000Z');
    const missing = async () => (await h.mailsTo(SECRETARIAT)).filter((m) => /Rapport mangler: statusrapport/.test(m.subject));
    expect(await missing()).toEqual([]);
    const overdue = (await h.mailsTo(data.owner.email)).filter((m) => /Fristen er passert: statusrapport/.test(m.subject));
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(new Set(overdue.map((m) => /Fristen var (\S+)\./.exec(m.body.text ?? '')?.[1]))).toEqual(new Set(['10.10.2027']));
    // The grant's execution waited to the old date, then went on: the final-report phase starts at the period's end.
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED']);

    // Past the new date's last chance (10.10.2027 + 169 days): told once.
    await advanceTo(h, '2028-03-30T10:00:00.000Z');
    const notices = await missing();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body.text).toContain('Fristen var 10.10.2027');
    expect(await status(h, ownerLink)).toBe('active');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'grant:SUCCEEDED']);
  });

  it('a final report long after every reminder (the workflow no longer waits for it) still closes the grant, and the secretariat is told', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    // The period ends 31.12.2027, the final report is due 29.02.2028; its last chance passes in August.
    await advanceTo(h, '2028-09-01T10:00:00.000Z');
    expect((await h.mailsTo(SECRETARIAT)).filter((m) => /Rapport mangler: sluttrapport/.test(m.subject))).toHaveLength(1);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED']);
    const letter = (await h.mailsTo(data.owner.email)).find((m) => linkIds(m, 'rapport').length > 1)!;
    const finalLink = linkIds(letter, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, REPORT)).status).toBe(201);
    await h.system.advance(2 * 3_600_000);
    expect(await status(h, ownerLink)).toBe('closed');
    expect((await h.mailsTo(SECRETARIAT)).filter((m) => /Sluttrapport mottatt/.test(m.subject))).toHaveLength(1);
  });
});
