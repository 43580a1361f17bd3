// "Trekk ønsket": the secretariat withdraws a request to fill in a report it no longer needs
// answered. Its link stops working (with a word why), its planned mails are cancelled, it leaves
// the list of reports waiting, and an owner who was mailed the request is told.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, STATUS_REPORT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';

const app = useTestApp();

const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const ASK = { report: 'status', reason: 'Beskriv effekten for pasientene så langt, med tall om dere har dem.' };
const ask = (applicationId: string, json: Record<string, unknown>) => app.call('request-report-supplement', { pathParameters: { applicationId }, json, as: SECRETARIAT });
const linkIn = (text: string) => /\/rapport\/([A-Za-z0-9_-]+)/.exec(text)?.[1];


describe('a request to fill in a report, withdrawn', () => {
  it('withdrawn: its link stops working with a word why, its mails are cancelled, it leaves the list, and the owner who was mailed it is told once', async () => {
    const { applicationId, ownerLinkId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    await sendDueReminders(app.deps);
    const linkId = linkIn(app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId))[0]!.text)!;
    const withdraw = (json: Record<string, unknown>, as = SECRETARIAT) => app.call('withdraw-report-supplement', { pathParameters: { applicationId }, json, as });
    const answers = await Promise.all([1, 2].map(() => withdraw({ report: 'status' })));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'report-supplement-withdrawn')).toHaveLength(1);

    const gone = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(gone.status).toBe(410);
    expect(gone.body.message).toBe('Sekretariatet trenger ikke lenger at rapporten fylles ut. Rapporten står slik den ble sendt.');
    expect((await app.call('submit-report', { pathParameters: { linkId }, json: STATUS_REPORT })).status).toBe(410);
    const waiting = (await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: SECRETARIAT })).body.supplementRequests as Array<{ applicationId: string }>;
    expect(waiting.map((r) => r.applicationId)).not.toContain(applicationId);
    expect((await app.store.listPendingReminders(applicationId)).map((r) => r.kind)).toEqual(['report-supplement-withdrawn']);
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).not.toContain('om at den fylles ut');

    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const told = app.mailer.sent.filter((m) => m.subject.includes('trenger ikke fylle ut statusrapporten') && m.text.includes(applicationId));
    expect(told).toHaveLength(1);
    expect(told[0]!.to).toEqual([(await app.store.getApplication(applicationId))!.ownerEmail]);
    app.clock.set(new Date(app.clock.now().getTime() + 61 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.filter((m) => /Påminnelse: fyll ut|Ikke utfylt/.test(m.subject) && m.text.includes(applicationId))).toEqual([]);

    // Nothing waits now: 409 for a report never asked about; asking again works as the first time.
    const none = await withdraw({ report: 'final' });
    expect(none.status).toBe(409);
    expect(none.body.reason).toBe('no_open_request');
    expect((await withdraw({ report: 'midway' })).status).toBe(400);
    expect((await withdraw({ report: 'status' }, FINANCE)).status).toBe(403);
    expect((await ask(applicationId, ASK)).body.changed).toBe(true);
    expect((await app.call('get-report-form', { pathParameters: { linkId: (await app.store.listLinks(applicationId)).findLast((l) => l.purpose === 'status-report' && l.state === 'active')!.id } })).body).toMatchObject({ open: true });
  });

  it('withdrawn before its first mail went out: the owner hears nothing of it', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    expect((await app.call('withdraw-report-supplement', { pathParameters: { applicationId }, json: { report: 'status' }, as: SECRETARIAT })).status).toBe(200);
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.filter((m) => /[Ff]yll ut|tfylt|trenger ikke fylle ut/.test(m.subject) && m.text.includes(applicationId))).toEqual([]);
  });

  it('through the case page: "Trekk ønsket" beside the request waiting posts back to the case with its notice', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    expect(page.text).toContain(`<form method="post" action="/sekretariat/soknader/${applicationId}/rapport-utfylling/trekk" class="inline" aria-label="Trekk ønsket om utfylt statusrapport">`);
    const token = csrfTokenOf(page);
    const post = (form: Record<string, string>) => invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/rapport-utfylling/trekk', pathParameters: { applicationId }, form, headers: HTML, claims: SECRETARIAT }), 'page-withdraw-report-supplement');
    const ok = await post({ report: 'status' });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=utfyllingtrukket`);
    const casePage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query: { registrert: 'utfyllingtrukket' }, headers: HTML, claims: SECRETARIAT }), 'page-application')).text;
    expect(casePage).toContain('Ønsket om utfylling er trukket.');
    expect(casePage).not.toContain('Prosjektansvarlig har ikke sendt den på nytt ennå.');
    expect(casePage).toContain('Sekretariatet trakk ønsket om utfyllende rapport');
    // Nothing waits any more: the form's answer is the refusal, at the top of the case.
    const again = await post({ report: 'final' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('Sekretariatet har ikke bedt om utfylling av sluttrapporten, eller den er sendt inn.');
  });
});
