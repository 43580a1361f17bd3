// "Ny prosjektperiode": the committee gives a running grant another period (a later start, a longer
// one within 12 months, an earlier end). The decision is on the case and in the minutes of its meeting; the final
// report follows the new end; the owner gets the decision by the next sweep, with the copy to the
// group's leaders.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
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

  describe('an earlier end (the project ends early)', () => {
    afterEach(() => vi.restoreAllMocks());

    it('moves the final report as many days earlier and has the final-report phase set for the new end, once per change', async () => {
      app.clock.set(START);
      const { applicationId } = await app.active();
      const reschedule = vi.spyOn(app.deps.workflow, 'rescheduleFinalReport');
      const EARLIER = { periodStart: '2027-01-01', periodEnd: '2027-09-30', reason: 'Prosjektet avsluttes når stillingen fases inn i drift.' };
      const answers = await Promise.all([1, 2].map(() => change(applicationId, EARLIER)));
      expect(answers.map((r) => r.status)).toEqual([200, 200]);
      expect(answers[0]!.body).toMatchObject({ periodEnd: '2027-09-30', finalReportDue: '2027-11-29' });
      const at = (await stored(applicationId)).history.find((e) => e.action === 'grant-period-changed')!.at;
      // Both answers ask for it (a repeat finishes what the first began): one key, so one phase start.
      expect(reschedule.mock.calls).toEqual([[applicationId, 'sor-rogaland', at], [applicationId, 'sor-rogaland', at]]);
      // A later end again needs no start: the phase at the earlier end sets itself for the later one.
      reschedule.mockClear();
      expect((await change(applicationId, { ...EARLIER, periodEnd: '2027-10-31' })).status).toBe(200);
      expect(reschedule).not.toHaveBeenCalled();
    });

    it('is refused before today, at the field; nothing is started', async () => {
      app.clock.set('2027-06-15T10:00:00.000Z');
      const { applicationId } = await app.active();
      const reschedule = vi.spyOn(app.deps.workflow, 'rescheduleFinalReport');
      const res = await change(applicationId, { periodStart: '2027-01-01', periodEnd: '2027-06-14', reason: 'Avsluttet' });
      expect(res.status).toBe(400);
      expect(res.body.fieldErrors).toEqual({ periodEnd: 'Sluttdato kan ikke være før i dag, 15.06.2027.' });
      expect((await change(applicationId, { periodStart: '2027-01-01', periodEnd: '2027-06-15', reason: 'Avsluttet i dag' })).status).toBe(200);
      expect(reschedule).toHaveBeenCalledTimes(1);
    });
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
      [{ periodStart: '2026-10-01', periodEnd: '2026-11-19', reason: 'Avsluttet' }, { periodEnd: 'Sluttdato kan ikke være før i dag, 20.11.2026.' }],
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
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<details class="period-change"><summary>Ny prosjektperiode</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/periode" novalidate aria-label="Ny prosjektperiode">`);
    expect(page.text).toContain('name="periodStart" value="2027-01-01"');
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/periode', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-change-grant-period');
    const bad = await post({ periodStart: '2027-04-01', periodEnd: '2028-06-30', reason: 'Senere oppstart' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#periode-periodEnd"');
    expect(summaryMismatches(bad.text)).toEqual([]);
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

describe('the owner asks for a new period', () => {
  const ask = (linkId: string, json: Record<string, unknown>) => app.call('request-period-change', { pathParameters: { linkId }, json });
  const decline = (applicationId: string, json: Record<string, unknown>) => app.call('decline-period-request', { pathParameters: { applicationId }, json, as });
  const ownerPage = async (linkId: string) => (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
  const casePage = async (applicationId: string) => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application')).text.replace(/\u00a0/g, ' ');
  const agendaRef = { schemeId: 'sor-rogaland', meetingId: '2026-12-10' };
  const onAgenda = async (applicationId: string) => ((await app.call('get-agenda', { pathParameters: agendaRef, as })).body.periodRequests as Array<{ applicationId: string }>).filter((r) => r.applicationId === applicationId);
  const secretariatMails = (applicationId: string) => app.mailer.sent.filter((m) => m.to.includes('fsu-sekretariat@helse-stavanger.example') && m.subject.includes('Ny prosjektperiode ønsket') && m.text.includes(applicationId));

  it('reaches the secretariat once, is on the agenda and the case with the period form filled in, and is answered by the new period', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const json = { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Koordinatoren begynner 1. april.' };
    const asked = await ask(ownerLinkId, json);
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toEqual({ applicationId, changed: true });
    expect((await ask(ownerLinkId, json)).body.changed).toBe(false);
    expect((await stored(applicationId)).allocation).toMatchObject({ periodStart: '2027-01-01', periodEnd: '2027-12-31' }); // only asked

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const told = secretariatMails(applicationId);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('01.04.2027–31.03.2028 i stedet for 01.01.2027–31.12.2027');
    expect(told[0]!.text).toContain(json.reason);
    expect(told[0]!.text).toContain(`https://tilskudd.example/sekretariat/soknader/${applicationId}`);

    expect((await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.periodRequest).toEqual({ state: 'open', periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: json.reason, requestedOn: '2026-11-20' });
    expect(await ownerPage(ownerLinkId)).toContain('Du ba 20.11.2026 om ny prosjektperiode, 01.04.2027–31.03.2028. FSU avgjør, og du får svaret på e-post.');
    expect(await onAgenda(applicationId)).toEqual([expect.objectContaining({ periodStart: '2027-01-01', periodEnd: '2027-12-31', requestedStart: '2027-04-01', requestedEnd: '2028-03-31', reason: json.reason })]);
    const start = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat')).text;
    expect(start).toMatch(/<strong>(Ett ønske|\d+ ønsker) om ny prosjektperiode venter på svar\.<\/strong> <a href="\/sekretariat\/sor-rogaland\/moter\/[\d-]+#ny-periode">/);
    const before = await casePage(applicationId);
    expect(before).toContain(`om ny prosjektperiode, 01.04.2027–31.03.2028:</strong> ${json.reason}`);
    expect(before).toContain('<details class="period-change" open>');
    expect(before).toContain('name="periodStart" value="2027-04-01"');

    // The committee grants it: that answers the request.
    expect((await change(applicationId, { ...json, reason: 'Innvilget som ønsket.' })).status).toBe(200);
    expect((await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.periodRequest).toBeUndefined();
    expect(await onAgenda(applicationId)).toEqual([]);
    expect(await casePage(applicationId)).not.toContain('Avslå ønsket om ny prosjektperiode');
    expect((await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat')).text).not.toContain('om ny prosjektperiode venter på svar');
  });

  it('the committee says no: the owner is told why once, may ask again; a no without a request is 409', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const { ownerEmail } = await stored(applicationId);
    expect((await decline(applicationId, { reason: 'Nei' })).body).toMatchObject({ reason: 'no_open_request' });
    expect((await ask(ownerLinkId, { periodStart: '2027-03-01', periodEnd: '2028-02-29', reason: 'Senere oppstart.' })).status).toBe(202);
    const no = { reason: 'Prosjektet må holde den vedtatte perioden.' };
    const answers = await Promise.all([decline(applicationId, no), decline(applicationId, no)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const letters = app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.subject.includes('Ikke ny prosjektperiode') && m.text.includes(applicationId));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.text).toContain('perioden er fortsatt 01.01.2027–31.12.2027');
    expect(letters[0]!.text).toContain(no.reason);
    expect((await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.periodRequest).toMatchObject({ state: 'declined', reason: no.reason });
    const page = await ownerPage(ownerLinkId);
    expect(page).toContain(`FSU sa 20.11.2026 nei til ny prosjektperiode (01.03.2027–29.02.2028): ${no.reason}`);
    expect(page).toContain('<summary>Starter prosjektet senere, eller slutter det tidligere? Be om ny prosjektperiode</summary>');
    expect((await stored(applicationId)).history.filter((e) => e.action === 'grant-period-request-declined')).toHaveLength(1);
  });

  it('the same rules as the committee\'s change, at the field; not while the grant has not started or its period is over; through the pages, back with a notice', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    const tooLong = await ask(ownerLinkId, { periodStart: '2027-04-01', periodEnd: '2028-04-01', reason: 'Senere oppstart' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.fieldErrors).toEqual({ periodEnd: 'Perioden kan være høyst 12 måneder (siste mulige sluttdato er 31.03.2028).' });
    expect((await ask(ownerLinkId, { periodStart: '2026-10-01', periodEnd: '2026-11-19', reason: 'Avsluttet' })).body.fieldErrors).toEqual({ periodEnd: 'Sluttdato kan ikke være før i dag, 20.11.2026.' });
    const { ownerLinkId: notGranted } = await app.scheduled();
    expect((await ask(notGranted, { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' })).body).toMatchObject({ reason: 'grant_not_running' });
    expect((await stored(applicationId)).history.filter((e) => e.action === 'grant-period-requested')).toEqual([]);

    // The owner's page: the rule's message at the field, then the request and the notice.
    const post = (form: Record<string, string>) => invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/ny-periode', pathParameters: { linkId: ownerLinkId }, form, headers: { Accept: 'text/html' } }), 'page-request-period-change');
    const bad = await post({ periodStart: '2027-04-01', periodEnd: '2028-04-01', reason: 'Senere oppstart' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#periode-periodEnd"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="period-request" open>');
    const ok = await post({ periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/soknad/${ownerLinkId}?melding=periode`);

    // The case page's no, back on the case with its notice.
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
    const token = csrfTokenOf(page);
    const no = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/periode/avslag', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-decline-period-request');
    const empty = await no({});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('<details class="period-decline" open>');
    const declined = await no({ reason: 'Perioden står.' });
    expect(declined.status, declined.text).toBe(303);
    expect(declined.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=periodeavslag`);

    // The period is over: no new request.
    app.clock.set('2028-01-05T10:00:00.000Z');
    try {
      expect((await ask(ownerLinkId, { periodStart: '2027-02-01', periodEnd: '2028-01-31', reason: 'For sent' })).body).toMatchObject({ reason: 'period_over' });
      expect(await ownerPage(ownerLinkId)).not.toContain('Be om ny prosjektperiode</summary>');
    } finally {
      app.clock.set(START);
    }
  });
});

describe('the case as a printout for the archive', () => {
  it('has every part of the case open and no form, and the case links it', async () => {
    app.clock.set(START);
    const { applicationId, ownerLinkId } = await app.active();
    expect((await app.call('message-secretariat', { pathParameters: { linkId: ownerLinkId }, json: { message: 'Vi starter i april.' } })).status).toBe(202);
    await sendDueReminders(app.deps);
    const casePage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application')).text;
    expect(casePage).toContain(`<a href="/sekretariat/soknader/${applicationId}/utskrift">Utskrift for arkivet</a>`);
    // A running grant's page is long: it opens with its parts to jump to, each an id on the page.
    const contents = /<nav class="contents" aria-label="På denne siden"><ul>(.*?)<\/ul><\/nav>/s.exec(casePage)![1]!;
    const targets = [...contents.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(targets).toEqual(['tildeling', 'signaturer', 'vedtak', 'utbetalinger', 'rapporter', 'omdisponeringer', 'prosjektbeskrivelsen', 'historikk', 'paminnelser', 'e-post']);
    for (const id of targets) expect(casePage, id).toContain(`<h2 id="${id}">`);
    const printout = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}/utskrift', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-case-print');
    expect(printout.status).toBe(200);
    const main = printout.text.slice(printout.text.indexOf('<main'));
    expect(main).toContain('Utskrift for arkivet: hele saken slik den står nå, uten skjemaene.');
    // No form acts on the case from the printout (the header's sign-out form is not in <main>).
    expect(main).not.toContain('<form');
    expect(main).toContain('<details class="project-texts" open>');
    expect(main).toContain('<details class="mail-log" open>');
    expect(main).toContain('Vi starter i april.');
    expect(main).toContain('<h2 id="historikk">Historikk</h2>');
    expect(main).not.toContain('aria-label="På denne siden"');
    expect((await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}/utskrift', pathParameters: { applicationId: 'app_finnesikke0000000' }, headers: HTML, claims: as }), 'page-case-print')).status).toBe(404);
  });
});
