// "Utsatt frist": the secretariat moves a report's deadline, through the API and the case page. The
// reminders follow the new date; the owner is told by the next sweep, with the committee's reason.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { addDays, osloInstant } from '../../functions/domain/oslo-time';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const extend = (applicationId: string, json: Record<string, unknown>, claims = as) => app.call('extend-report-deadline', { pathParameters: { applicationId }, json, as: claims });
const stored = async (applicationId: string) => (await app.store.getApplication(applicationId))!;
const mailsTo = (address: string, applicationId: string) => app.mailer.sent.filter((m) => m.to.includes(address) && m.text.includes(applicationId));

describe('a report deadline moved (API)', () => {
  it('moves the date, records why, and the next sweep tells the owner once; a repeat changes nothing', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const before = await stored(applicationId);
    const due = before.allocation!.statusReportDue;
    const moved = addDays(due, 60);
    const json = { report: 'status', dueDate: moved, reason: 'Prosjektet startet tre måneder for sent.' };
    const answers = await Promise.all([1, 2].map(() => extend(applicationId, json)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect(answers[0]!.body).toMatchObject({ applicationId, report: 'status', dueDate: moved });
    const after = await stored(applicationId);
    expect(after.allocation).toEqual({ ...before.allocation, statusReportDue: moved });
    expect(after.history.filter((e) => e.action === 'report-deadline-extended')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', role: 'secretariat' }), details: { report: 'status', from: due, to: moved, reason: json.reason } }),
    ]);
    // The owner's page and the report form have the new date.
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const [mail, ...more] = mailsTo(after.ownerEmail, applicationId).filter((m) => m.subject.includes('Ny frist'));
    expect(more).toEqual([]);
    const [d, m, y] = [moved.slice(8), moved.slice(5, 7), moved.slice(0, 4)];
    expect(mail!.subject).toContain(`Ny frist for statusrapporten for «`);
    expect(mail!.text).toContain(`utsatt fra ${due.slice(8)}.${due.slice(5, 7)}.${due.slice(0, 4)} til ${d}.${m}.${y}`);
    expect(mail!.text).toContain(json.reason);
    const reportLink = await app.reportLink(applicationId, 'status', 500);
    const form = await app.call('get-report-form', { pathParameters: { linkId: reportLink } });
    expect(form.body).toMatchObject({ dueDate: moved, deadlineMoved: { from: due, reason: json.reason }, secretariatEmail: 'fsu-sekretariat@helse-stavanger.example' });
    const reportPage = (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId: reportLink }, headers: { Accept: 'text/html' } }), 'page-report-form')).text.replace(/\u00a0/g, ' ');
    expect(reportPage).toContain(`<dt>Frist</dt><dd>${d}.${m}.${y} (utsatt fra ${due.slice(8)}.${due.slice(5, 7)}.${due.slice(0, 4)})</dd>`);
    expect(reportPage).toContain('<summary>Trenger prosjektet mer tid? Be om utsatt frist</summary>');
    expect(reportPage).toContain('<a href="mailto:fsu-sekretariat@helse-stavanger.example">');
    const owner = await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } });
    expect(owner.body.allocation.statusReportDue).toBe(moved);
    expect(owner.body.movedDeadlines).toEqual({ status: { from: due, to: moved, reason: json.reason } });
    const page = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
    expect(page).toContain(`<dt>Statusrapport</dt><dd>innen ${d}.${m}.${y} (utsatt fra ${due.slice(8)}.${due.slice(5, 7)}.${due.slice(0, 4)}: ${json.reason})</dd>`);
    expect(page).toContain('Rapportfristen utsatt</td>');

    // A retry after something else happened on the case is still a repeat; another reason for the same date is not.
    expect((await app.call('resend-owner-link', { pathParameters: { applicationId }, as })).status).toBe(202);
    expect((await stored(applicationId)).history.at(-1)!.action).not.toBe('report-deadline-extended');
    const retry = await extend(applicationId, json);
    expect(retry.status, retry.text).toBe(200);
    expect(retry.body.changed).toBe(false);
    const other = await extend(applicationId, { ...json, reason: 'En annen begrunnelse' });
    expect(other.status).toBe(400);
    expect(other.body.fieldErrors.dueDate).toMatch(/^Ny frist må være etter gjeldende frist/);
    expect((await stored(applicationId)).history.filter((e) => e.action === 'report-deadline-extended')).toHaveLength(1);
  });

  it('reminds by the new date only: the old date passes without an overdue reminder, the new one is reminded', async () => {
    const { applicationId } = await app.active();
    const { allocation, ownerEmail } = await stored(applicationId);
    const due = allocation!.statusReportDue;
    const moved = addDays(due, 30);
    const saved = app.clock.now().toISOString();
    try {
      // The reminders of the old date, as the workflow made them when the grant began.
      await app.deps.store.putReminder({ id: `${applicationId}#status-report-overdue#${due}#1`, applicationId, schemeId: 'sor-rogaland', kind: 'status-report-overdue', dueAt: osloInstant(addDays(due, 1), '09:00').toISOString(), seq: 1, reportDue: due });
      expect((await extend(applicationId, { report: 'status', dueDate: moved, reason: 'Forsinket oppstart' })).status).toBe(200);
      const overdue = () => mailsTo(ownerEmail, applicationId).filter((m) => /Fristen er passert: statusrapport/.test(m.subject));
      app.clock.set(osloInstant(addDays(due, 2), '12:00').toISOString());
      await sendDueReminders(app.deps);
      expect(overdue()).toEqual([]);
      app.clock.set(osloInstant(addDays(moved, 2), '12:00').toISOString());
      await sendDueReminders(app.deps);
      expect(overdue().map((m) => /Fristen var (\S+)\./.exec(m.text)?.[1])).toEqual([`${moved.slice(8)}.${moved.slice(5, 7)}.${moved.slice(0, 4)}`]);
    } finally {
      app.clock.set(saved);
    }
  });

  it("the case's plan of reminders follows the move: the old date's are gone, the new date's are there", async () => {
    const { applicationId } = await app.active();
    const due = (await stored(applicationId)).allocation!.statusReportDue;
    // The old date's first overdue reminder, as the workflow made it when the grant began.
    await app.deps.store.putReminder({ id: `${applicationId}#status-report-overdue#${due}#1`, applicationId, schemeId: 'sor-rogaland', kind: 'status-report-overdue', dueAt: osloInstant(addDays(due, 1), '09:00').toISOString(), seq: 1, reportDue: due });
    const plan = async () => (await app.call('get-application', { pathParameters: { applicationId }, as })).body.plannedReminders as Array<{ kind: string; dueAt: string; seq?: number }>;
    expect(await plan()).toEqual([{ kind: 'status-report-overdue', dueAt: osloInstant(addDays(due, 1), '09:00').toISOString(), seq: 1 }]);
    const moved = addDays(due, 30);
    expect((await extend(applicationId, { report: 'status', dueDate: moved, reason: 'Forsinket oppstart' })).status).toBe(200);
    const after = await plan();
    expect(after.map((r) => r.kind)).toEqual(['status-report-extended', 'status-report-due', 'status-report-overdue', 'status-report-missing']);
    expect(after.find((r) => r.kind === 'status-report-overdue')).toEqual({ kind: 'status-report-overdue', dueAt: osloInstant(addDays(moved, 1), '09:00').toISOString(), seq: 1 });
    const page = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application')).text.replace(/\u00a0/g, ' ');
    expect(page).toContain('<h2 id="paminnelser">Planlagte påminnelser</h2>');
    expect(page).toContain('<td>Beskjed til prosjektansvarlig om ny frist for statusrapporten</td>');
    expect(page).toContain('<td>Purring på statusrapporten nr. 1 (kopi til sekretariatet)</td>');
    expect(page).toContain('Purringene går hver 14. dag til rapporten kommer, høyst 12 ganger; sekretariatet får den første i kopi, og beskjed når purringene slutter. Listen viser den neste.');
    // The sweep sends the notice of the new date: it leaves the plan.
    await sendDueReminders(app.deps);
    expect((await plan()).map((r) => r.kind)).not.toContain('status-report-extended');
    // The reminder before the new date says the deadline was moved, not "6 months since the allocation".
    const before = app.mailer.sent.length;
    await app.clock.setBackAfter(async () => {
      app.clock.set(after.find((r) => r.kind === 'status-report-due')!.dueAt);
      await sendDueReminders(app.deps);
    });
    const reminder = app.mailer.sent.slice(before).find((m) => m.subject.startsWith('[FSU] Påminnelse: statusrapport') && m.text.includes(applicationId));
    const nb = (iso: string) => `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    expect(reminder?.text).toContain(`Fristen for statusrapporten er utsatt fra ${nb(due)} til ${nb(moved)}. Vilkårene for tilskuddet krever en statusrapport om fremdrift og bruk av midlene innen ${nb(moved)}.`);
    expect(reminder?.text).not.toContain('siden tildelingen');
  });

  it('names the field in Norwegian (400), refuses a report already sent (409) and another role (403), changing nothing', async () => {
    const { applicationId } = await app.active();
    const before = await stored(applicationId);
    const { statusReportDue, finalReportDue } = before.allocation!;
    const cases: Array<[Record<string, unknown>, Record<string, string>]> = [
      [{ report: 'status', dueDate: statusReportDue, reason: 'Sykdom' }, { dueDate: expect.stringMatching(/^Ny frist må være etter gjeldende frist, \d\d\.\d\d\.\d{4}\.$/) }],
      [{ report: 'status', dueDate: finalReportDue, reason: 'Sykdom' }, { dueDate: expect.stringMatching(/Utsett fristen for sluttrapporten først\.$/) }],
      [{ report: 'final', dueDate: addDays(finalReportDue, 800), reason: 'Sykdom' }, { dueDate: expect.stringMatching(/^Fristen kan settes til senest \d\d\.\d\d\.\d{4}\.$/) }],
      [{ report: 'status', dueDate: '2027-02-30', reason: 'Sykdom' }, { dueDate: expect.stringMatching(/dato/i) }],
      [{ report: 'status', dueDate: addDays(statusReportDue, 10) }, { reason: expect.stringMatching(/må fylles ut/) }],
      [{ report: 'annen', dueDate: addDays(statusReportDue, 10), reason: 'Sykdom' }, { report: 'Velg statusrapporten eller sluttrapporten.' }],
    ];
    for (const [json, fieldErrors] of cases) {
      const res = await extend(applicationId, json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.fieldErrors).toEqual(fieldErrors);
    }
    expect((await extend(applicationId, { report: 'status', dueDate: addDays(statusReportDue, 10), reason: 'Sykdom' }, FINANCE)).status).toBe(403);
    expect((await stored(applicationId)).revision).toBe(before.revision);

    const report = await app.call('submit-report', {
      pathParameters: { linkId: await app.reportLink(applicationId, 'status') },
      json: { progress: 'Godt i gang.', spentAmount: 100_000, effect: 'Færre reinnleggelser.' },
    });
    expect(report.status).toBe(201);
    const sent = await extend(applicationId, { report: 'status', dueDate: addDays(statusReportDue, 10), reason: 'Sykdom' });
    expect(sent.status).toBe(409);
    expect(sent.body).toMatchObject({ reason: 'report_not_pending', message: 'Statusrapporten er sendt inn, eller tilskuddet er avsluttet. Fristen kan ikke endres.' });
    // The final report is still owed: its deadline can move.
    expect((await extend(applicationId, { report: 'final', dueDate: addDays(finalReportDue, 30), reason: 'Forsinket oppstart' })).status).toBe(200);
  });
});

describe('how late a deadline can move', () => {
  it('364 days past the deadline, with the report link made or not yet made (the link outlasts the last chance by that much)', async () => {
    const dmy = (iso: string) => `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    const { applicationId: linked } = await app.active();
    // The decision letter's step makes the report links, as the workflow does.
    await runLifecycleStep(app.deps, 'allocate', { applicationId: linked, executionStartTime: app.clock.now().toISOString() });
    expect((await app.store.listLinks(linked)).map((l) => l.purpose)).toContain('final-report');
    const data = app.application('sor-rogaland');
    const unlinked = `app_no_links_${Date.now()}`;
    await app.store.createApplication(
      {
        id: unlinked, schemeId: 'sor-rogaland', status: 'active', revision: 1, version: 1, title: data.title, ownerEmail: data.owner.email,
        ownerIsInternalUnit: false, requestedAmount: data.requestedAmount, submittedAt: '2026-06-01T10:00:00.000Z', history: [],
        allocation: { ...(await stored(linked)).allocation! },
      },
      { applicationId: unlinked, version: 1, createdAt: '2026-06-01T10:00:00.000Z', data },
      [],
    );
    const due = (await stored(linked)).allocation!.finalReportDue;
    for (const applicationId of [linked, unlinked]) {
      const late = await extend(applicationId, { report: 'final', dueDate: addDays(due, 365), reason: 'Sykdom' });
      expect(late.status, applicationId).toBe(400);
      expect(late.body.fieldErrors).toEqual({ dueDate: `Fristen kan settes til senest ${dmy(addDays(due, 364))}.` });
      expect((await extend(applicationId, { report: 'final', dueDate: addDays(due, 364), reason: 'Sykdom' })).status, applicationId).toBe(200);
    }
  });
});

describe('a report deadline moved (case page)', () => {
  const caseOf = (applicationId: string, query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query, headers: HTML, claims: as }), 'page-application');

  it('is a form behind "Utsett en rapportfrist"; errors at the field; then the case says where the date was moved from', async () => {
    const { applicationId } = await app.active();
    const { statusReportDue } = (await stored(applicationId)).allocation!;
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<details class="report-deadline"><summary>Utsett en rapportfrist</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/rapportfrist" novalidate aria-label="Utsett fristen for en rapport">`);
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/rapportfrist', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-extend-report-deadline');
    const bad = await post({ report: 'status', dueDate: statusReportDue, reason: 'Forsinket oppstart' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#rapportfrist-dueDate"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="report-deadline" open>');
    const moved = addDays(statusReportDue, 45);
    const ok = await post({ report: 'status', dueDate: moved, reason: 'Forsinket oppstart' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=rapportfrist`);
    const after = (await caseOf(applicationId, { registrert: 'rapportfrist' })).text.replace(/\u00a0/g, ' ');
    expect(after).toContain('Den nye fristen er registrert.');
    const dmy = (iso: string) => `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
    expect(after).toContain(`<dt>Statusrapport innen</dt><dd>${dmy(moved)} (utsatt fra ${dmy(statusReportDue)}: Forsinket oppstart)</dd>`);
    expect(after).toContain('Rapportfristen utsatt</td>');
  });
});

describe("the owner's request for a later deadline", () => {
  const caseOf = (applicationId: string) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
  const reportPageOf = async (linkId: string, query: Record<string, string> = {}) =>
    (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId }, query, headers: { Accept: 'text/html' } }), 'page-report-form')).text.replace(/\u00a0/g, ' ');
  const dmy = (iso: string) => `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

  it('reaches the secretariat once, shows on the case with the form filled in, and is answered by the move', async () => {
    const { applicationId, ownerLinkId } = await app.active();
    const { allocation } = await stored(applicationId);
    const due = allocation!.statusReportDue;
    const wanted = addDays(due, 45);
    const linkId = await app.reportLink(applicationId, 'status', 500);
    const json = { dueDate: wanted, reason: 'Prosjektleder sluttet; ny er på plass i august.' };
    const asked = await app.call('request-report-deadline', { pathParameters: { linkId }, json });
    expect(asked.status, asked.text).toBe(202);
    expect(asked.body).toEqual({ applicationId, kind: 'status', changed: true });
    expect((await app.call('request-report-deadline', { pathParameters: { linkId }, json })).body.changed).toBe(false);
    expect((await stored(applicationId)).allocation!.statusReportDue).toBe(due); // only asked

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const told = mailsTo('fsu-sekretariat@helse-stavanger.example', applicationId).filter((m) => m.subject.includes('Utsatt frist ønsket'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain(`innen ${dmy(wanted)} i stedet for ${dmy(due)}`);
    expect(told[0]!.text).toContain(json.reason);
    expect(told[0]!.text).toContain(`https://tilskudd.example/sekretariat/soknader/${applicationId}`);

    const form = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(form.body.deadlineRequest).toEqual({ dueDate: wanted, requestedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    // The owner's page says so beside the report's link.
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
    expect(ownerPage).toContain(`(frist ${dmy(due)}; du har bedt om utsatt frist til ${dmy(wanted)})</li>`);
    const asOwner = await reportPageOf(linkId);
    expect(asOwner).toContain(`om utsatt frist til ${dmy(wanted)}. Sekretariatet gir deg svar på e-post.`);
    expect(asOwner).not.toContain('<details class="deadline-request"');
    const casePage = (await caseOf(applicationId)).text.replace(/\u00a0/g, ' ');
    expect(casePage).toContain(`om utsatt frist for statusrapporten til ${dmy(wanted)}:</strong> ${json.reason}`);
    expect(casePage).toContain('<details class="report-deadline" open>');
    expect(casePage).toMatch(new RegExp(`name="dueDate"[^>]*value="${wanted}"|value="${wanted}"[^>]*name="dueDate"`));
    // The committee decides it: the agenda of a meeting that can still decide lists it, linked to the case.
    const agendaRef = { schemeId: 'sor-rogaland', meetingId: '2026-12-10' };
    const onAgenda = async () => ((await app.call('get-agenda', { pathParameters: agendaRef, as })).body.deadlineRequests as Array<{ applicationId: string }>).filter((r) => r.applicationId === applicationId);
    expect(await onAgenda()).toEqual([expect.objectContaining({ kind: 'status', dueDate: due, requestedDate: wanted, reason: json.reason })]);
    const agendaPage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: agendaRef, headers: HTML, claims: as }), 'page-agenda')).text;
    expect(agendaPage).toContain('<h2 id="utsatt-frist">Ønsker om utsatt rapportfrist som venter på svar</h2>');
    expect(agendaPage).toContain(`<a href="/sekretariat/soknader/${applicationId}">`);

    // The committee gives a shorter delay than asked: that answers the request.
    expect((await extend(applicationId, { report: 'status', dueDate: addDays(due, 30), reason: 'Innvilget med 30 dager.' })).status).toBe(200);
    expect(await onAgenda()).toEqual([]);
    expect((await app.call('get-report-form', { pathParameters: { linkId } })).body.deadlineRequest).toBeUndefined();
    expect(await reportPageOf(linkId)).toContain('<details class="deadline-request"');
    expect((await caseOf(applicationId)).text).not.toContain('om utsatt frist for statusrapporten til');
  });

  it('the same rules as a move, in Norwegian at the field; a report already sent is 409; through the page, back with a notice', async () => {
    const { applicationId } = await app.active();
    const { allocation } = await stored(applicationId);
    const linkId = await app.reportLink(applicationId, 'status', 500);
    const early = await app.call('request-report-deadline', { pathParameters: { linkId }, json: { dueDate: allocation!.statusReportDue, reason: 'Sykdom' } });
    expect(early.status).toBe(400);
    expect(early.body.fieldErrors).toEqual({ dueDate: expect.stringMatching(/^Ny frist må være etter gjeldende frist/) });
    const noReason = await app.call('request-report-deadline', { pathParameters: { linkId }, json: { dueDate: addDays(allocation!.statusReportDue, 10) } });
    expect(noReason.body.fieldErrors).toEqual({ reason: expect.stringMatching(/må fylles ut/) });

    const post = (form: Record<string, string>) =>
      invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}/utsatt-frist', pathParameters: { linkId }, form, headers: { Accept: 'text/html' } }), 'page-request-report-deadline');
    const bad = await post({ dueDate: allocation!.statusReportDue, reason: 'Sykdom i prosjektgruppen' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#utsettelse-dueDate"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="deadline-request" open>');
    const ok = await post({ dueDate: addDays(allocation!.statusReportDue, 20), reason: 'Forsinket oppstart' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/rapport/${linkId}?melding=utsettelse`);
    expect(await reportPageOf(linkId, { melding: 'utsettelse' })).toContain('Forespørselen om utsatt frist er sendt til sekretariatet.');

    expect((await app.call('submit-report', { pathParameters: { linkId }, json: { progress: 'Godt i gang.', spentAmount: 100_000, effect: 'Bedre flyt.' } })).status).toBe(201);
    const after = await app.call('request-report-deadline', { pathParameters: { linkId }, json: { dueDate: addDays(allocation!.statusReportDue, 60), reason: 'Sykdom' } });
    expect(after.status).toBe(409);
    expect(after.body.reason).toBe('already_reported');
  });
});

describe("the committee's no to the owner's request", () => {
  const dmy = (iso: string) => `${iso.slice(8)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  const decline = (applicationId: string, json: Record<string, unknown>, claims = as) => app.call('decline-deadline-request', { pathParameters: { applicationId }, json, as: claims });
  const caseOf = (applicationId: string, query: Record<string, string> = {}) =>
    invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query, headers: HTML, claims: as }), 'page-application');
  const followUp = async () => (await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as })).body as { deadlineRequests: Array<{ applicationId: string }> };
  const ask = async (applicationId: string, dueDate: string) => {
    const linkId = await app.reportLink(applicationId, 'status', 500);
    const asked = await app.call('request-report-deadline', { pathParameters: { linkId }, json: { dueDate, reason: 'Prosjektleder er sykmeldt.' } });
    expect(asked.status, asked.text).toBe(202);
    return linkId;
  };

  it('closes the request, keeps the deadline, tells the owner why once; the owner may ask again', async () => {
    const { applicationId } = await app.active();
    const before = await stored(applicationId);
    const due = before.allocation!.statusReportDue;
    const wanted = addDays(due, 60);
    // The start page counts the open requests, and says so while any waits.
    const startPage = async () => (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat')).text;
    const waiting = async () => Number(/<a href="\/sekretariat\/sor-rogaland\/rapporter-pa-overtid">Oppfølging av tilskudd<\/a>: rapporter på overtid \(\d+\), ønsker om utsatt frist \((\d+)\), rapporter til utfylling \(\d+\) og fakturaer som ikke er mottatt \(\d+\)/.exec(await startPage())![1]);
    const earlier = await waiting();
    const linkId = await ask(applicationId, wanted);
    expect(await waiting()).toBe(earlier + 1);
    expect(await startPage()).toMatch(/(Ett ønske|\d+ ønsker) om utsatt rapportfrist venter på svar\.<\/strong> <a href="\/sekretariat\/sor-rogaland\/rapporter-pa-overtid">Se ønske/);
    // Open across cases: the follow-up lists it (and the page links the case).
    expect((await followUp()).deadlineRequests).toContainEqual(expect.objectContaining({ applicationId, kind: 'status', dueDate: due, requestedDate: wanted, reason: 'Prosjektleder er sykmeldt.' }));
    const overview = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML, claims: as }), 'page-overdue-reports')).text.replace(/\u00a0/g, ' ');
    expect(overview).toContain('<h2>Ønsker om utsatt frist</h2>');
    expect(overview).toMatch(new RegExp(`<tr><td><a href="/sekretariat/soknader/${applicationId}">[^<]+</a></td><td>Statusrapport</td><td>${dmy(due)}</td><td>${dmy(wanted)}</td><td>Prosjektleder er sykmeldt.</td>`));

    const reason = 'Komiteen mener prosjektet kan rapportere på det som er gjort.';
    const answers = await Promise.all([1, 2].map(() => decline(applicationId, { report: 'status', reason })));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    const after = await stored(applicationId);
    expect(after.allocation).toEqual(before.allocation);
    expect(after.history.filter((e) => e.action === 'report-deadline-request-declined')).toEqual([
      expect.objectContaining({ actor: expect.objectContaining({ kind: 'staff', role: 'secretariat' }), details: { report: 'status', dueDate: wanted, reason } }),
    ]);
    expect((await followUp()).deadlineRequests.map((r) => r.applicationId)).not.toContain(applicationId);
    expect(await waiting()).toBe(earlier);

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const told = mailsTo(after.ownerEmail, applicationId).filter((m) => m.subject.includes('Ikke utsatt frist'));
    expect(told).toHaveLength(1);
    expect(told[0]!.subject).toContain('Ikke utsatt frist for statusrapporten for «');
    expect(told[0]!.text).toContain(`innen ${dmy(wanted)}. FSU har sagt nei til utsatt frist, så fristen er fortsatt ${dmy(due)}.`);
    expect(told[0]!.text).toContain(reason);
    expect(told[0]!.text).toContain(`/rapport/`);

    const form = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(form.body.deadlineRequest).toBeUndefined();
    expect(form.body.deadlineDeclined).toEqual({ dueDate: wanted, reason, answeredOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) });
    const reportPage = (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-report-form')).text.replace(/\u00a0/g, ' ');
    expect(reportPage).toContain(`Du ba om utsatt frist til ${dmy(wanted)}. Sekretariatet svarte`);
    expect(reportPage).toContain(`at komiteen ikke kan gi utsatt frist: ${reason}`);
    expect(reportPage).toContain('<details class="deadline-request"');
    const casePage = (await caseOf(applicationId)).text.replace(/\u00a0/g, ' ');
    expect(casePage).not.toContain('<details class="deadline-decline"');
    expect(casePage).toContain('Ønsket om utsatt rapportfrist ble avslått</td>');

    // Asked again: open again, and the no is behind it.
    await ask(applicationId, addDays(due, 20));
    expect((await followUp()).deadlineRequests).toContainEqual(expect.objectContaining({ applicationId, requestedDate: addDays(due, 20) }));
    expect((await app.call('get-report-form', { pathParameters: { linkId } })).body.deadlineDeclined).toBeUndefined();
  });

  it('409 without an open request, 400 naming the field, 403 for another role; nothing written', async () => {
    const { applicationId } = await app.active();
    const none = await decline(applicationId, { report: 'status', reason: 'Nei' });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({ reason: 'no_open_request', message: 'Prosjektansvarlig har ikke bedt om utsatt frist for statusrapporten, eller ønsket er besvart.' });
    const due = (await stored(applicationId)).allocation!.statusReportDue;
    await ask(applicationId, addDays(due, 30));
    const revision = (await stored(applicationId)).revision;
    expect((await decline(applicationId, { report: 'final', reason: 'Nei' })).body.reason).toBe('no_open_request');
    expect((await decline(applicationId, { report: 'status' })).body.fieldErrors).toEqual({ reason: expect.stringMatching(/må fylles ut/) });
    expect((await decline(applicationId, { report: 'annen', reason: 'Nei' })).body.fieldErrors).toEqual({ report: 'Velg statusrapporten eller sluttrapporten.' });
    expect((await decline(applicationId, { report: 'status', reason: 'Nei' }, FINANCE)).status).toBe(403);
    expect((await stored(applicationId)).revision).toBe(revision);
  });

  it('is a form beside the request on the case; errors at the field; then back with a notice', async () => {
    const { applicationId } = await app.active();
    await ask(applicationId, addDays((await stored(applicationId)).allocation!.statusReportDue, 30));
    const page = await caseOf(applicationId);
    const token = csrfTokenOf(page);
    expect(page.text).toContain(`<details class="deadline-decline"><summary>Avslå ønsket om utsatt frist</summary>\n<form method="post" action="/sekretariat/soknader/${applicationId}/rapportfrist/avslag" novalidate aria-label="Avslå ønsket om utsatt frist">`);
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/rapportfrist/avslag', pathParameters: { applicationId }, form, headers: HTML, claims: as }), 'page-decline-deadline-request');
    const bad = await post({ report: 'status', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#fristavslag-reason"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    expect(bad.text).toContain('<details class="deadline-decline" open>');
    const ok = await post({ report: 'status', reason: 'Fristen står.' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=fristavslag`);
    const after = (await caseOf(applicationId, { registrert: 'fristavslag' })).text;
    expect(after).toContain('Avslaget er registrert. Fristen står');
    expect(after).not.toContain('<details class="deadline-decline"');
  });
});
