// "Be om utfyllende rapport": the secretariat finds a received report lacking and asks the owner to
// fill it in. The owner gets what is missing and a new link (the first acted when the report was
// sent), sends the report again, and the secretariat is told; the earlier version is kept.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { summaryMismatches } from '../support/error-summary';
import { FINANCE, invoke, SECRETARIAT, STATUS_REPORT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';

const app = useTestApp();

const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const ASK = { report: 'status', reason: 'Beskriv effekten for pasientene så langt, med tall om dere har dem.' };
const ask = (applicationId: string, json: Record<string, unknown>, as = SECRETARIAT) => app.call('request-report-supplement', { pathParameters: { applicationId }, json, as });
const linkIn = (text: string) => /\/rapport\/([A-Za-z0-9_-]+)/.exec(text)?.[1];


describe('a report the secretariat asks to have filled in', () => {
  it('mails the owner what is missing and a new link; the report sent again replaces the content, keeps the first, and the secretariat is told', async () => {
    const { applicationId, ownerLinkId, reportLinkId } = await app.statusReportIn();
    const answers = await Promise.all([1, 2].map(() => ask(applicationId, ASK)));
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    expect(answers.map((r) => r.body.changed).sort()).toEqual([false, true]);
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    const owner = (await app.store.getApplication(applicationId))!.ownerEmail;
    const asked = app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId));
    expect(asked).toHaveLength(1);
    expect(asked[0]!.to).toEqual([owner]);
    expect(asked[0]!.text).toContain(ASK.reason);
    const linkId = linkIn(asked[0]!.text)!;
    expect(linkId).toBeDefined();
    expect(linkId).not.toBe(reportLinkId);

    // The owner's page says so, with the link.
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).toContain(`om at den fylles ut:</strong> <a href="/rapport/${linkId}">fyll ut og send rapporten på nytt</a>`);

    // The form again, as it was sent, with the secretariat's words.
    const form = await app.call('get-report-form', { pathParameters: { linkId } });
    expect(form.body).toMatchObject({ open: true, supplementRequest: { reason: ASK.reason }, report: { effect: STATUS_REPORT.effect } });
    const page = (await invoke(apiEvent({ method: 'GET', path: '/rapport/{linkId}', pathParameters: { linkId }, headers: { Accept: 'text/html' } }), 'page-report-form')).text;
    expect(page).toContain(ASK.reason);
    expect(page).toContain(`>${STATUS_REPORT.effect}</textarea>`);
    expect(page).toContain('Send utfylt statusrapport');
    // The first link still shows what was sent, and acts no more.
    expect((await app.call('submit-report', { pathParameters: { linkId: reportLinkId }, json: STATUS_REPORT })).status).toBe(409);

    app.clock.set(new Date(app.clock.now().getTime() + 86_400_000).toISOString());
    const better = { ...STATUS_REPORT, effect: 'Liggetiden for utskrivningsklare er redusert fra 4,1 til 2,3 døgn.', spentAmount: 210_000 };
    const posted = await invoke(apiEvent({ method: 'POST', path: '/rapport/{linkId}', pathParameters: { linkId }, form: { ...better, spentAmount: String(better.spentAmount) }, headers: { Accept: 'text/html' } }), 'page-submit-report');
    expect(posted.status, posted.text).toBe(303);
    expect(posted.headers.location).toBe(`/rapport/${linkId}?melding=utfylt`);
    const [report] = await app.store.listReports(applicationId);
    expect(report).toMatchObject({ kind: 'status', effect: better.effect, spentAmount: 210_000, supplementedAt: app.clock.now().toISOString() });
    expect(report!.earlier).toEqual([expect.objectContaining({ effect: STATUS_REPORT.effect, spentAmount: 200_000, sentAt: report!.submittedAt })]);
    // Sent: the link acts no more; the grant's status is as it was.
    expect((await app.call('submit-report', { pathParameters: { linkId }, json: better })).status).toBe(409);
    expect((await app.store.getApplication(applicationId))!.status).toBe('status_report_received');

    await sendDueReminders(app.deps);
    const told = app.mailer.sent.filter((m) => m.subject.includes('Utfylt statusrapport') && m.text.includes(applicationId));
    expect(told.map((m) => m.to)).toEqual([['fsu-sekretariat@helse-stavanger.example']]);

    // The case shows the report now, when it was filled in, and the first version; it may be asked about again.
    const casePage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application')).text;
    expect(casePage).toMatch(/Statusrapport, mottatt [^<]*, utfylt /);
    expect(casePage).toContain('Tidligere versjoner (1)');
    expect(casePage).toContain(STATUS_REPORT.effect);
    expect(casePage).toContain('<summary>Be om utfyllende rapport</summary>');
    // Answered: no reminder two weeks on.
    app.clock.set(new Date(app.clock.now().getTime() + 15 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.filter((m) => m.subject.includes('Påminnelse: fyll ut') && m.text.includes(applicationId))).toEqual([]);
    expect((await ask(applicationId, { ...ASK, reason: 'Og budsjettet?' })).status).toBe(200);
  });

  it('reminds the owner once, two weeks on, while the request waits; a replaced request\'s reminder is not sent', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    await sendDueReminders(app.deps);
    const start = app.clock.now().getTime();
    const reminders = () => app.mailer.sent.filter((m) => m.subject.includes('Påminnelse: fyll ut statusrapporten') && m.text.includes(applicationId));
    app.clock.set(new Date(start + 13 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    expect(reminders()).toEqual([]);
    app.clock.set(new Date(start + 14 * 86_400_000 + 60_000).toISOString());
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain(ASK.reason);
    expect(linkIn(reminders()[0]!.text)).toBeDefined();

    // Replaced: the first request's reminder is cancelled; the new one has its own, two weeks after it.
    const { applicationId: other } = await app.statusReportIn();
    expect((await ask(other, ASK)).status).toBe(200);
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
    expect((await ask(other, { ...ASK, reason: 'Noe annet.' })).status).toBe(200);
    const planned = (await app.store.listPendingReminders(other)).filter((r) => r.kind === 'report-supplement');
    expect(planned.map((r) => r.seq ?? 1)).toEqual([1, 2]);
    expect(planned.every((r) => r.id.includes(app.clock.now().toISOString()))).toBe(true);
  });

  it('is refused before the report is sent (409), at the field for bad input (400), for finance (403); nothing is written', async () => {
    const { applicationId } = await app.active();
    const noReport = await ask(applicationId, ASK);
    expect(noReport.status).toBe(409);
    expect(noReport.body).toMatchObject({ reason: 'no_report', message: 'Prosjektansvarlig har ikke sendt statusrapporten ennå.' });
    const bad = await ask(applicationId, { report: 'middle', reason: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ report: 'Velg statusrapporten eller sluttrapporten.', reason: expect.stringMatching(/må fylles ut/) });
    expect((await ask(applicationId, ASK, FINANCE)).status).toBe(403);
    expect((await app.store.getApplication(applicationId))!.history.filter((e) => e.action === 'report-supplement-requested')).toEqual([]);

  });

  it('other words while a request waits replace it: the owner gets them with a new link, and the first link stops working', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    await sendDueReminders(app.deps);
    app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
    const again = await ask(applicationId, { ...ASK, reason: 'Og budsjettet: hva gikk pengene til?' });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(true);
    await sendDueReminders(app.deps);
    const asked = app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId));
    expect(asked).toHaveLength(2);
    const [first, second] = asked.map((m) => linkIn(m.text)!);
    expect(second).not.toBe(first);
    expect(asked[1]!.text).toContain('Og budsjettet: hva gikk pengene til?');
    const stale = await app.call('get-report-form', { pathParameters: { linkId: first! } });
    expect(stale.status).toBe(410);
    expect((await app.call('submit-report', { pathParameters: { linkId: first! }, json: STATUS_REPORT })).status).toBe(410);
    expect((await app.call('get-report-form', { pathParameters: { linkId: second! } })).body).toMatchObject({ open: true, supplementRequest: { reason: 'Og budsjettet: hva gikk pengene til?' } });
    expect((await app.call('submit-report', { pathParameters: { linkId: second! }, json: { ...STATUS_REPORT, spentAmount: 201_000 } })).status).toBe(201);
    expect((await app.store.listReports(applicationId))[0]).toMatchObject({ spentAmount: 201_000 });
  });

  it('through the case page: the form posts back to the case with its notice, or shows its errors at the fields', async () => {
    const { applicationId } = await app.statusReportIn();
    const page = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application');
    const token = csrfTokenOf(page);
    const post = (form: Record<string, string>) => invoke(formPost(token, { path: '/sekretariat/soknader/{applicationId}/rapport-utfylling', pathParameters: { applicationId }, form, headers: HTML, claims: SECRETARIAT }), 'page-request-report-supplement');
    const bad = await post({ report: 'status' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#utfylling-reason"');
    expect(summaryMismatches(bad.text)).toEqual([]);
    const ok = await post({ report: 'status', reason: ASK.reason });
    expect(ok.status, ok.text).toBe(303);
    expect(ok.headers.location).toBe(`/sekretariat/soknader/${applicationId}?registrert=rapportutfylling`);
    const casePage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, query: { registrert: 'rapportutfylling' }, headers: HTML, claims: SECRETARIAT }), 'page-application')).text;
    expect(casePage).toContain('Prosjektansvarlig får det som mangler og en lenke til rapporten på e-post');
    expect(casePage).toContain('Prosjektansvarlig har ikke sendt den på nytt ennå.');
    // Asked about already: a new request replaces it, and the form says so.
    expect(casePage).toContain('erstatter det forrige: prosjektansvarlig får en ny lenke');
  });
  it('a link the owner let expire: asking again, in the same words, sends a new one', async () => {
    const { applicationId, ownerLinkId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    await sendDueReminders(app.deps);
    app.clock.set(new Date(app.clock.now().getTime() + 61 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    const before = app.mailer.sent.filter((m) => /[Ff]yll ut statusrapporten/.test(m.subject) && m.text.includes(applicationId)).map((m) => linkIn(m.text));
    expect((await app.call('get-report-form', { pathParameters: { linkId: before[0]! } })).status).toBe(410);
    // The owner's page does not link the dead link: it says to ask for a new one.
    const ownerPage = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: { Accept: 'text/html' } }), 'page-owner-status')).text;
    expect(ownerPage).toContain('om at den fylles ut:</strong> lenken er utløpt; be sekretariatet om en ny');
    expect(ownerPage).not.toContain(`/rapport/${before[0]}`);
    const again = await ask(applicationId, ASK);
    expect(again.body.changed).toBe(true);
    await sendDueReminders(app.deps);
    const after = app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId)).map((m) => linkIn(m.text)!);
    expect(after).toHaveLength(2);
    expect((await app.call('get-report-form', { pathParameters: { linkId: after[1]! } })).body).toMatchObject({ open: true });
  });

  it('a link that expires unanswered: the secretariat is told once, and the scheme\'s list and start page show it until it is asked anew', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    const start = app.clock.now().getTime();
    const lapsed = () => app.mailer.sent.filter((m) => m.subject.startsWith('[FSU] Ikke utfylt: statusrapporten') && m.text.includes(applicationId));
    const rowOf = async () => ((await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: SECRETARIAT })).body.supplementRequests as Array<Record<string, unknown>>).find((r) => r.applicationId === applicationId);
    await sendDueReminders(app.deps);
    expect(await rowOf()).toMatchObject({ kind: 'status', reason: ASK.reason, lapsed: false, linkExpiresAt: new Date(start + 60 * 86_400_000).toISOString() });

    // A day before the link expires: nothing to the secretariat.
    app.clock.set(new Date(start + 59 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    expect(lapsed()).toEqual([]);
    app.clock.set(new Date(start + 60 * 86_400_000 + 60_000).toISOString());
    await sendDueReminders(app.deps);
    await sendDueReminders(app.deps);
    expect(lapsed()).toHaveLength(1);
    expect(lapsed()[0]!.to).toEqual(['fsu-sekretariat@helse-stavanger.example']);
    expect(lapsed()[0]!.text).toContain(ASK.reason);
    expect(lapsed()[0]!.text).toContain(`/sekretariat/soknader/${applicationId}`);
    expect(lapsed()[0]!.text).not.toMatch(/\/rapport\//);
    expect(await rowOf()).toMatchObject({ lapsed: true });
    expect(await rowOf()).not.toHaveProperty('linkExpiresAt');

    const overdue = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML, claims: SECRETARIAT }), 'page-overdue-reports')).text;
    expect(overdue).toContain('<h2 id="utfylling">Rapporter til utfylling</h2>');
    expect(overdue).toMatch(new RegExp(`href="/sekretariat/soknader/${applicationId}">[^<]+</a></td><td>Statusrapport</td><td>[^<]+</td><td>${ASK.reason}</td><td><strong>utløpt uten svar</strong>`));
    const startPage = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: SECRETARIAT }), 'page-secretariat')).text;
    expect(startPage).toMatch(/<strong>(En rapport|\d+ rapporter) ble ikke fylt ut før lenken utløp\.<\/strong> <a href="\/sekretariat\/sor-rogaland\/rapporter-pa-overtid#utfylling">/);

    // Asked anew: waiting again, with the new link's expiry; no word to the secretariat before it lapses too.
    expect((await ask(applicationId, ASK)).body.changed).toBe(true);
    await sendDueReminders(app.deps);
    expect(await rowOf()).toMatchObject({ lapsed: false, linkExpiresAt: new Date(app.clock.now().getTime() + 60 * 86_400_000).toISOString() });
    expect(lapsed()).toHaveLength(1);

    // Filled in: off the list, and its planned mails cancelled.
    const link = (await app.store.listLinks(applicationId)).findLast((l) => l.purpose === 'status-report' && l.state === 'active')!;
    expect((await app.call('submit-report', { pathParameters: { linkId: link.id }, json: STATUS_REPORT })).status).toBe(201);
    expect(await rowOf()).toBeUndefined();
    expect((await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'report-supplement' || r.kind === 'report-supplement-lapsed')).toEqual([]);
  });

  it('mails planned before they were named by the report still go out for the request they belong to', async () => {
    const { applicationId } = await app.statusReportIn();
    expect((await ask(applicationId, ASK)).status).toBe(200);
    const [first] = (await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'report-supplement');
    await app.store.cancelReminders(applicationId, ['report-supplement', 'report-supplement-lapsed']);
    // as the request planned its mail before: `<case>#report-supplement#<instant>`
    await app.store.putReminder({ ...first!, id: first!.id.replace('#status#', '#') });
    await sendDueReminders(app.deps);
    expect(app.mailer.sent.filter((m) => m.subject.includes('Fyll ut statusrapporten') && m.text.includes(applicationId))).toHaveLength(1);
  });

  it('both reports asked about at once: filling in one leaves the other\'s request, its reminder and its place on the list', async () => {
    const { applicationId } = await app.closed(200_000);
    expect((await ask(applicationId, ASK)).status).toBe(200);
    expect((await ask(applicationId, { report: 'final', reason: 'Hva lærte dere?' })).status).toBe(200);
    await sendDueReminders(app.deps);
    const waiting = async () => ((await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: SECRETARIAT })).body.supplementRequests as Array<{ applicationId: string; kind: string }>).filter((r) => r.applicationId === applicationId).map((r) => r.kind);
    expect((await waiting()).sort()).toEqual(['final', 'status']);
    const statusLink = (await app.store.listLinks(applicationId)).findLast((l) => l.purpose === 'status-report' && l.state === 'active')!;
    expect((await app.call('submit-report', { pathParameters: { linkId: statusLink.id }, json: STATUS_REPORT })).status).toBe(201);
    expect(await waiting()).toEqual(['final']);
    const planned = (await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'report-supplement' || r.kind === 'report-supplement-lapsed');
    expect(planned.map((r) => [r.kind, r.seq ?? 1])).toEqual([['report-supplement', 2], ['report-supplement-lapsed', 1]]);
    app.clock.set(new Date(app.clock.now().getTime() + 15 * 86_400_000).toISOString());
    await sendDueReminders(app.deps);
    const reminders = app.mailer.sent.filter((m) => m.subject.includes('Påminnelse: fyll ut') && m.text.includes(applicationId));
    expect(reminders.map((m) => m.subject)).toEqual([expect.stringContaining('sluttrapporten')]);
  });

  it('both reports filled in at the same instant: the secretariat is told of each', async () => {
    const { applicationId } = await app.closed(200_000);
    expect((await ask(applicationId, ASK)).status).toBe(200);
    expect((await ask(applicationId, { report: 'final', reason: 'Hva lærte dere?' })).status).toBe(200);
    const links = (await app.store.listLinks(applicationId)).filter((l) => l.state === 'active');
    const linkOf = (purpose: string) => links.findLast((l) => l.purpose === purpose)!.id;
    expect((await app.call('submit-report', { pathParameters: { linkId: linkOf('status-report') }, json: STATUS_REPORT })).status).toBe(201);
    expect((await app.call('submit-report', { pathParameters: { linkId: linkOf('final-report') }, json: { ...STATUS_REPORT, lessonsLearned: 'Start tidlig.' } })).status).toBe(201);
    await sendDueReminders(app.deps);
    const told = app.mailer.sent.filter((m) => m.subject.includes('Utfylt') && m.text.includes(applicationId)).map((m) => m.subject.replace(/:.*/, ''));
    expect(told.sort()).toEqual(['[FSU] Utfylt sluttrapport', '[FSU] Utfylt statusrapport']);
  });

});
