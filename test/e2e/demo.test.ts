// `npm run demo`'s scenarios, in-process against the harness's LocalSystem (in memory, ManualClock
// at 2026-11-20): every grant ends where its path says, with a timeline from its audit history, and
// the mail table names the recipients' roles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_GRANTS, formatMails, formatTimelines, runDemoScenarios, type DemoResult } from '../../local/demo-scenarios';
import { startHarness, type Harness } from '../support/local-system';

describe('the demo scenarios (npm run demo)', () => {
  let h: Harness;
  let result: DemoResult;
  beforeAll(async () => {
    h = await startHarness();
    result = await runDemoScenarios(h.system);
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('takes each grant to the status its path ends in', () => {
    expect(result.grants.map((g) => [g.key, g.status])).toEqual([
      ['A', 'closed'],
      ['B', 'status_report_received'],
      ['C', 'rejected'],
      ['D', 'withdrawn'],
      ['E', 'repayment_claimed'],
      ['F', 'active'],
    ]);
    for (const g of result.grants) expect(g.status, g.key).toBe(g.expectedStatus);
    expect(result.grants.map((g) => g.key)).toEqual(DEMO_GRANTS.map((p) => p.key));
  });

  it('builds a dated timeline per grant from its audit history', async () => {
    for (const g of result.grants) {
      expect(g.timeline.length, g.key).toBeGreaterThanOrEqual(2);
      expect(g.timeline[0]?.event).toMatch(/sendt inn/i);
      const dates = g.timeline.map((t) => t.date);
      expect([...dates].sort()).toEqual(dates);
      // The last change of status is where the grant stands (a decision on its period changes none).
      expect(g.timeline.filter((t) => t.status).at(-1)?.status, g.key).toBe(g.status);
    }
    const byKey = Object.fromEntries(result.grants.map((g) => [g.key, g.timeline.map((t) => `${t.date} ${t.event}`).join('\n')]));
    expect(byKey.A).toMatch(/2026-12-10 Vedtak: innvilget/);
    expect(byKey.A).toMatch(/Sluttrapport mottatt[\s\S]*avsluttet/);
    expect(byKey.B).toMatch(/avslo å signere[\s\S]*Revidert av søkeren[\s\S]*Vedtak: innvilget/);
    expect(byKey.B).toMatch(/2027-06-14 Sekretariatet ber om utfyllende statusrapport[\s\S]*2027-06-21 Statusrapporten er fylt ut og sendt på nytt/);
    expect(byKey.C).toMatch(/mer informasjon[\s\S]*Revidert[\s\S]*2027-01-28 Vedtak: avslått/);
    expect(byKey.D).toMatch(/Trukket av søkeren/);
    expect(byKey.E).toMatch(/utsatt[\s\S]*2027-01-28 Vedtak: innvilget[\s\S]*tilbakebetaling/);
    expect(byKey.F).toMatch(/2026-11-27 .*fristen for 10\.12\.2026 var passert/);
    expect(byKey.F).toMatch(/2027-02-25 Ny prosjektperiode 01\.05\.2027–30\.04\.2028 \(FSUs vedtak\)/);

    // The timeline is the same history the secretariat sees through the staff API.
    const a = result.grants[0]!;
    const view = await h.call('GET', `/api/staff/applications/${a.applicationId}`, undefined, 'secretariat');
    expect(view.body.application.history).toHaveLength(a.timeline.length);
  });

  it('lists the e-mails that went out, dated on the system clock, by recipient role', () => {
    expect(result.mails.length).toBeGreaterThan(30);
    const roles = new Set(result.mails.flatMap((m) => [m.to, ...m.cc]));
    for (const role of ['søker', 'partner', 'sekretariat', 'økonomi', 'leder'] as const) expect(roles, role).toContain(role);
    expect(roles).not.toContain('ukjent');
    const dates = result.mails.map((m) => m.date);
    expect(dates[0]).toBe('2026-11-20');
    expect([...dates].sort()).toEqual(dates);
    expect(result.mails.some((m) => m.to === 'økonomi' && /Utbetaling/.test(m.subject))).toBe(true);
    expect(result.mails.some((m) => m.date === '2026-11-27' && /flyttet/.test(m.subject))).toBe(true);
  });

  it("records the first meeting's attendance, and its minutes' approval at the next meeting", async () => {
    const minutes = await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/minutes', undefined, 'secretariat');
    expect(minutes.body).toMatchObject({ state: 'approved', approval: { at: '2027-01-28T08:00:00.000Z', note: 'Godkjent i FSU-møtet 28.01.2027.' } });
    expect(minutes.body.attendance.present).toHaveLength(5);
    expect(minutes.body.undecided).toEqual([]);
  });

  it('prints progress lines per step and the two tables, in Norwegian', () => {
    expect(result.progress.some((l) => /^\[2026-12-10\] FSU-møte: 2 søknader vedtatt/.test(l))).toBe(true);
    expect(result.progress.every((l) => /^\[\d{4}-\d{2}-\d{2}\] /.test(l))).toBe(true);
    expect(result.progress).toContain('[2026-12-10] Protokollen fra FSU-møtet 10.12.2026: fremmøtet er registrert (5 til stede, 1 forfall)');
    expect(result.progress).toContain('[2027-01-28] Protokollen fra FSU-møtet 10.12.2026 er godkjent');
    const timelines = formatTimelines(result);
    expect(timelines).toContain('Dato');
    expect(timelines).toContain('Hendelse');
    expect(formatMails(result).split('\n').length).toBe(result.mails.length + 2);
  });
});
