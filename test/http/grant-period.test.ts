// "Ny prosjektperiode": the committee gives a running grant another period (a later start, a longer
// one within 12 months). The decision is on the case and in the minutes of its meeting; the final
// report follows the new end; the owner gets the decision by the next sweep, with the copy to the
// group's leaders.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, START, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const change = (applicationId: string, json: Record<string, unknown>, claims = as) => app.call('change-grant-period', { pathParameters: { applicationId }, json, as: claims });
const stored = async (applicationId: string) => (await app.store.getApplication(applicationId))!;
const LATER = { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Stillingen ble besatt først i mars.' };
const GROUP_LEADER = 'leder.tmg-skropelige-eldre@helse-stavanger.example';

describe('a grant given another period (API)', () => {
  it('moves the period and the final report with it, records the decision once, and the next sweep sends the decision with its copy', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const before = await stored(applicationId);
    expect(before.allocation).toMatchObject({ periodStart: '2027-01-01', periodEnd: '2027-12-31', finalReportDue: '2028-02-29' });
    const answers = await Promise.all([1, 2].map(() => change(applicationId, LATER)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect(answers[0]!.body).toEqual({ applicationId, periodStart: '2027-04-01', periodEnd: '2028-03-31', statusReportDue: before.allocation!.statusReportDue, finalReportDue: '2028-05-30', changed: expect.any(Boolean) });
    const after = await stored(applicationId);
    expect(after.allocation).toEqual({ ...before.allocation, periodStart: '2027-04-01', periodEnd: '2028-03-31', finalReportDue: '2028-05-30' });
    expect(after.history.filter((e) => e.action === 'grant-period-changed')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', role: 'secretariat' }), details: { fromStart: '2027-01-01', fromEnd: '2027-12-31', periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: LATER.reason } }),
    ]);
    const view = (await app.call('get-application', { pathParameters: { applicationId }, as })).body;
    expect(view.decisions.filter((d: { outcome: string }) => d.outcome === 'change_period')).toEqual([
      expect.objectContaining({ outcome: 'change_period', periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: LATER.reason, matter: 'Prosjektperioden var 01.01.2027–31.12.2027' }),
    ]);
    expect(view.periodChangeable).toBe(true);
    expect(view.plannedReminders.map((r: { kind: string }) => r.kind)).toContain('grant-period-changed');

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const letters = app.mailer.sent.filter((m) => m.subject.includes('ny prosjektperiode') && m.text.includes(applicationId));
    expect(letters.map((m) => [m.to, m.cc ?? []])).toEqual([[[after.ownerEmail], []], [[GROUP_LEADER], ['nestleder.tmg-skropelige-eldre@helse-stavanger.example']]]);
    const [owner, copy] = letters;
    expect(owner!.text).toContain('01.04.2027–31.03.2028 (var 01.01.2027–31.12.2027)');
    expect(owner!.text).toContain(LATER.reason);
    expect(owner!.text).toContain('30.05.2028');
    expect(owner!.text).toContain(`/soknad/${ownerLinkId}`);
    expect(owner!.text).toContain('Kopi: leder og nestleder i');
    expect(copy!.text).not.toContain(`/soknad/${ownerLinkId}`);
    // The owner's page has the new period.
    const ownerView = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body;
    expect(ownerView.allocation).toMatchObject({ periodStart: '2027-04-01', periodEnd: '2028-03-31', finalReportDue: '2028-05-30' });
    expect(ownerView.periodChanged).toEqual({ changedOn: '2026-11-20', from: { periodStart: '2027-01-01', periodEnd: '2027-12-31' }, reason: LATER.reason });
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
    expect(ownerPage).toContain(`<dt>Periode</dt><dd>01.04.2027–31.03.2028 (endret 20.11.2026, var 01.01.2027–31.12.2027: ${LATER.reason})</dd>`);
    expect(ownerPage).toContain('<dt>Sluttrapport</dt><dd>innen 30.05.2028</dd>');
  });

  it('keeps a final-report deadline the committee has moved later already; the status report keeps its own', async () => {
    app.clock.set(START);
    const { applicationId } = await app.active();
    const { statusReportDue } = (await stored(applicationId)).allocation!;
    expect((await app.call('extend-report-deadline', { pathParameters: { applicationId }, json: { report: 'final', dueDate: '2028-09-01', reason: 'Sykdom' }, as })).status).toBe(200);
    const res = await change(applicationId, { periodStart: '2027-02-01', periodEnd: '2028-01-31', reason: 'Senere oppstart.' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ statusReportDue, finalReportDue: '2028-09-01' });
  });

  it('names the field in Norwegian (400), refuses what is not a running grant in its period (409) and another role (403), changing nothing', async () => {
    app.clock.set(START);
    const { applicationId } = await app.active();
    const before = await stored(applicationId);
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ periodStart: '2027-04-01', periodEnd: '2028-04-01', reason: 'Senere oppstart' }, { periodEnd: 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.03.2028).' }],
      [{ periodStart: '2027-01-01', periodEnd: '2027-12-31', reason: 'Senere oppstart' }, { periodStart: 'Perioden er den samme som tilskuddet har. Endre startdato eller sluttdato.' }],
      [{ periodStart: '2027-01-01', periodEnd: '2027-11-30', reason: 'Kortere' }, { periodEnd: 'Sluttdato kan ikke være før gjeldende sluttdato, 31.12.2027.' }],
      [{ periodStart: '2027-02-30', periodEnd: '2028-01-31', reason: 'Senere oppstart' }, { periodStart: expect.stringMatching(/dato/i) }],
      [{ periodStart: '2027-04-01', periodEnd: '2028-03-31' }, { reason: expect.stringMatching(/må fylles ut/) }],
      [{ ...LATER, meetingId: '2026-01-01' }, { meetingId: expect.any(String) }],
    ];
    for (const [json, fieldErrors] of cases) {
      const res = await change(applicationId, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.fieldErrors).toEqual(fieldErrors);
    }
    expect((await change(applicationId, { ...LATER, extra: 'x' })).status).toBe(400);
    expect((await change(applicationId, LATER, FINANCE)).status).toBe(403);
    expect((await app.call('change-grant-period', { pathParameters: { applicationId }, json: LATER })).status).toBe(401);
    expect((await stored(applicationId)).revision).toBe(before.revision);

    // Not yet granted: 409.
    const { applicationId: scheduled } = await app.scheduled();
    const notGranted = await change(scheduled, LATER);
    expect(notGranted.status).toBe(409);
    expect(notGranted.body).toMatchObject({ reason: 'grant_not_running' });

    // The period is over: the final report is next.
    app.clock.set('2028-01-05T10:00:00.000Z');
    try {
      const over = await change(applicationId, { periodStart: '2027-02-01', periodEnd: '2028-01-31', reason: 'For sent' });
      expect(over.status).toBe(409);
      expect(over.body).toMatchObject({ reason: 'period_over', message: 'Perioden sluttet 31.12.2027 og kan ikke endres lenger. Sluttrapporten er neste steg; fristen for den kan utsettes.' });
      expect((await app.call('get-application', { pathParameters: { applicationId }, as })).body.periodChangeable).toBe(false);
    } finally {
      app.clock.set(START);
    }
    expect((await stored(applicationId)).revision).toBe(before.revision);
    expect((await app.store.listDecisions(applicationId)).map((d) => d.outcome)).toEqual(['approve']);
  });

  it('keeps clear of the grant it continues and of an application that continues it', async () => {
    app.clock.set(START);
    const { applicationId: earlier } = await app.active();
    // A continuation of `earlier`, from the day after its period: this grant cannot then run longer.
    const next = await app.submit('sor-rogaland', app.application('sor-rogaland', (b) => {
      b.continues = earlier;
      b.periodStart = '2028-01-01';
      b.periodEnd = '2028-12-31';
    }));
    const longer = await change(earlier, { periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'Senere oppstart' });
    expect(longer.status).toBe(400);
    expect(longer.body.fieldErrors).toEqual({ periodEnd: expect.stringMatching(new RegExp(`^Søknaden «.+» \\(${next.applicationId}\\) viderefører dette tilskuddet fra 01\\.01\\.2028\\. Sluttdato må være før det\\.$`)) });
    // Withdrawn, it no longer counts.
    expect((await app.call('withdraw-application', { pathParameters: { linkId: next.ownerLinkId }, json: { reason: 'Ikke aktuelt' } })).status).toBeLessThan(300);
    expect((await change(earlier, { periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'Senere oppstart' })).status).toBe(200);
  });
});

describe('a grant given another period (case page and minutes)', () => {
  const caseOf = (applicationId: string, query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query, headers: HTML, claims: as }), 'page-application');

  it('is a form beside the period; errors at the field; then the period says where it was moved from, and the decision is in the minutes of the meeting in session', async () => {
    app.clock.set(START);
    const { applicationId } = await app.active();
    const page = await caseOf(applicationId);
    const token = /__Host-csrf=([^;]+)/.exec(page.headers['set-cookie'] ?? '')![1]!;
    expect(page.text).toContain(`<details class="period-change"><summary>Ny prosjektperiode</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/periode" novalidate aria-label="Ny prosjektperiode">`);
    expect(page.text).toContain('name="periodStart" value="2027-01-01"');
    const post = (form: Record<string, string>) =>
      invoke({ ...apiEvent({ method: 'POST', path: '/sekretariat/soknader/{applicationId}/periode', pathParameters: { applicationId }, form: { _csrf: token, ...form }, headers: HTML, claims: as }), cookies: [`__Host-csrf=${token}`] }, 'page-change-grant-period');
    const bad = await post({ periodStart: '2027-04-01', periodEnd: '2028-06-30', reason: 'Senere oppstart' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#periode-periodEnd"');
    expect(bad.text).toContain('<details class="period-change" open>');
    // In the meeting of 28.01.2027 (in session): the decision is in its minutes.
    app.clock.set('2027-01-28T09:30:00.000Z');
    const ok = await post({ periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=periode`);
    const after = (await caseOf(applicationId, { registrert: 'periode' })).text.replace(/\u00a0/g, ' ');
    expect(after).toContain('Den nye perioden er registrert som komiteens vedtak.');
    expect(after).toContain('<dt>Periode</dt><dd>01.04.2027–31.03.2028 (endret 28.01.2027, var 01.01.2027–31.12.2027)');
    expect(after).toContain('Ny prosjektperiode</td>');
    expect(after).toContain('<dt>Sluttrapport innen</dt><dd>30.05.2028');
    const minutes = (await app.call('get-meeting-minutes', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2027-01-28' }, as })).body;
    expect(minutes.cases.find((c: { applicationId: string }) => c.applicationId === applicationId)?.decision).toMatchObject({ outcome: 'change_period', periodStart: '2027-04-01', periodEnd: '2028-03-31' });
    expect(minutes.totals.periodsChanged).toBeGreaterThanOrEqual(1);
    const minutesPage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}/protokoll', pathParameters: { schemeId: 'sor-rogaland', meetingId: '2027-01-28' }, headers: HTML, claims: as }), 'page-meeting-minutes')).text.replace(/\u00a0/g, ' ');
    expect(minutesPage).toContain('ny prosjektperiode');
    expect(minutesPage).toContain('<strong>Ny prosjektperiode, 01.04.2027–31.03.2028</strong>');
    expect(minutesPage).toContain('<dt>Gjelder</dt><dd class="long-text">Prosjektperioden var 01.01.2027–31.12.2027</dd>');
    expect(after).toContain('Ny prosjektperiode, 01.04.2027–31.03.2028 (Prosjektperioden var 01.01.2027–31.12.2027) (møtet 28.01.2027');
    app.clock.set(START);
  });
});
