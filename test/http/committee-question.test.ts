// The committee asks the owner for more information ("Be om mer informasjon"): the owner answers by
// revising the application. The revision form has a field for the answer ("Svar til FSU", required
// while the question is open) under the question; the answer is kept with the version and stands on
// the case beside the question. The note to the partners on what changed is a thing of its own.
// The question's mail and the owner's page give both deadlines. A deferral, the committee's other
// way to wait, stays on the owner's page once the workflow has put the case on the next meeting.
import { describe, expect, it } from 'vitest';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { formatDateTimeNb } from '../../functions/mail/templates';
import { apiEvent } from '../support/api-events';
import { declinedByPartner, invoke, SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };
const QUESTION = 'Hvem har pasientansvaret om natten?';
const ANSWER = 'Kommunen har pasientansvaret hele døgnet; sykehuset gir råd på telefon.';
const NOTE = 'Pasientansvaret er beskrevet under «Pasientansvar».';

const text = (s: string) => s.replace(/\u00a0/g, ' ');
const revisionForm = async (linkId: string) =>
  text((await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: HTML }), 'page-revision-form')).text);
const postRevision = (linkId: string, form: Record<string, string | string[]>) =>
  invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: HTML, form }), 'page-submit-revision');
const ownerPage = async (linkId: string) =>
  text((await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: HTML }), 'page-owner-status')).text);
const casePage = async (applicationId: string) =>
  text((await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application')).text);

/** On the agenda, then the committee's question: back with the owner. */
async function questioned(title: string, question = QUESTION) {
  const submitted = await app.scheduled('sor-rogaland', (a) => (a.title = title));
  const asked = await app.call('request-information', { pathParameters: { applicationId: submitted.applicationId }, json: { message: question }, as: SECRETARIAT });
  expect(asked.status, asked.text).toBe(201);
  return submitted;
}

const typed = (title: string, extra: Record<string, string> = {}) =>
  ({ ...applicationToForm(app.application('sor-rogaland', (a) => (a.title = title))), ...extra }) as Record<string, string | string[]>;

describe('answering the committee\'s question', () => {
  it('the revision form quotes the question above a field for the answer to FSU, and keeps the note to the partners apart', async () => {
    const { ownerLinkId } = await questioned('Spørsmål i skjemaet');
    const form = await revisionForm(ownerLinkId);
    const fieldset = form.slice(form.indexOf('<fieldset id="svar">'), form.indexOf('</fieldset>', form.indexOf('<fieldset id="svar">')));
    expect(fieldset).toContain('<legend>Svar til FSU</legend>');
    expect(fieldset).toContain('FSU spør:');
    expect(fieldset).toContain(QUESTION);
    expect(fieldset).toMatch(/<label for="[^"]+">Svar til FSU<\/label>/);
    expect(fieldset).toContain('name="answer"');
    expect(fieldset).toContain('maxlength="4000"');
    // The answer comes first, before the application's own fields; the lead says where it goes.
    expect(form.indexOf('name="answer"')).toBeLessThan(form.indexOf('name="title"'));
    expect(form).toContain('Skriv svaret i feltet «Svar til FSU» først i skjemaet');
    // The note on what changed is still there, for the partners.
    expect(form).toContain('<legend>Til alle som skal signere</legend>');
    expect(form).toContain('name="changeNote"');
  });

  it('without an answer the revision is refused on the field, with the application\'s own errors, and nothing is written', async () => {
    const { applicationId, ownerLinkId } = await questioned('Uten svar');
    const posted = await postRevision(ownerLinkId, typed('Uten svar', { changeNote: NOTE }));
    expect(posted.status).toBe(400);
    const page = text(posted.text);
    expect(page).toContain('Skriv svaret til FSU.');
    expect(page).toContain(NOTE); // what was typed stays
    const api = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: app.application('sor-rogaland', (a) => (a.partners[1]!.email = 'ikke-en-adresse')) });
    expect(api.status).toBe(400);
    expect(Object.keys(api.body.fieldErrors).sort()).toEqual(['answer', 'partners.1.email']);
    expect(await app.store.getVersion(applicationId, 2)).toBeUndefined();
    expect((await app.store.getApplication(applicationId))!.status).toBe('more_information_requested');
  });

  it('the answer is kept with the new version beside the question, and the case shows it as "Svar til FSU"', async () => {
    const { applicationId, ownerLinkId } = await questioned('Med svar');
    const posted = await postRevision(ownerLinkId, typed('Med svar', { answer: ANSWER, changeNote: NOTE }));
    expect(posted.status, posted.text).toBe(303);
    expect(await app.store.getVersion(applicationId, 2)).toMatchObject({ question: QUESTION, answer: ANSWER, changeNote: NOTE });
    const page = await casePage(applicationId);
    expect(page).toContain(`<dt>Spørsmål fra FSU</dt><dd class="long-text">${QUESTION}</dd>`);
    expect(page).toContain(`<dt>Svar til FSU (versjon 2)</dt><dd class="long-text">${ANSWER}</dd>`);
    expect(page).toContain('<dt>Endringer i versjon 2</dt>');
  });

  it('a revision after a partner declined has no question: no answer field, and an answer sent along is not kept', async () => {
    const { applicationId, ownerLinkId } = await declinedByPartner(app, 'Avslått, uten spørsmål');
    const form = await revisionForm(ownerLinkId);
    expect(form).not.toContain('name="answer"');
    expect(form).not.toContain('Svar til FSU');
    const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: { ...app.application('sor-rogaland', (a) => (a.title = 'Avslått, uten spørsmål')), answer: ANSWER } });
    expect(res.status, res.text).toBe(200);
    const version = await app.store.getVersion(applicationId, 2);
    expect(version).not.toHaveProperty('answer');
    expect(version).not.toHaveProperty('question');
    expect(await casePage(applicationId)).not.toContain('Svar til FSU');
  });
});

describe('the secretariat\'s notice that the answer is complete', () => {
  it('says the version is the owner\'s answer to the question, which version, what was asked and the answer', async () => {
    const { applicationId, ownerLinkId } = await questioned('Svar som er komplett');
    const revised = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: { ...app.application('sor-rogaland', (a) => (a.title = 'Svar som er komplett')), answer: ANSWER } });
    expect(revised.status, revised.text).toBe(200);
    await app.cosignAll(applicationId);
    const before = app.mailer.sent.length;
    await runLifecycleStep(app.deps, 'schedule-for-meeting', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const complete = app.mailer.sent.slice(before).filter((m) => m.subject.startsWith('[FSU] Komplett søknad'));
    expect(complete).toHaveLength(1);
    expect(complete[0]!.subject).toBe('[FSU] Komplett søknad med svar til FSU (versjon 2): «Svar som er komplett»');
    const body = complete[0]!.text;
    expect(body).toContain('Prosjektansvarlig har svart på spørsmålet fra FSU med en revidert søknad (versjon 2), og alle partene har signert den. Den er klar for behandling igjen.');
    expect(body).toContain(`> ${QUESTION}`);
    expect(body).toContain(`> ${ANSWER}`);
    expect(body).not.toContain('Den er klar for behandling.\n');
  });
});

describe('the deadlines of an answer', () => {
  it('the question\'s mail and the owner\'s page say by when the answer must be in and signed again to reach the planned meeting, and the last day before the case closes', async () => {
    // On the agenda of 10.12.2026 (its submission deadline 26.11.2026), asked on 20.11.2026.
    const { applicationId, ownerLinkId } = await questioned('Frist for svaret');
    const before = app.mailer.sent.length;
    await runLifecycleStep(app.deps, 'information-requested', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const mail = app.mailer.sent.slice(before).find((m) => m.subject.includes('Mer informasjon trengs før behandlingen'));
    const respondBy: string = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body.respondBy;
    const last = formatDateTimeNb(respondBy);
    expect(mail?.text).toContain('Svar og ny signering for FSU-møtet 10.12.2026: innen 26.11.2026 kl. 23.59');
    expect(mail?.text).toContain(`Siste frist for svar: ${last}`);
    expect(mail?.text).not.toContain('Svarfrist');
    expect(mail?.text).toContain('Skal søknaden behandles i FSU-møtet 10.12.2026, må svaret være sendt inn og alle partene ha signert på nytt innen søknadsfristen for møtet, 26.11.2026 kl. 23.59. Ellers behandles den i et senere møte.');
    expect(mail?.text).toContain(`Sendes søknaden ikke inn på nytt innen ${last}, avsluttes den uten vedtak.`);
    expect(mail?.text).toContain('skriv svaret i feltet «Svar til FSU» først i skjemaet');

    const page = await ownerPage(ownerLinkId);
    const notice = page.slice(page.indexOf('FSU ber om mer informasjon:'), page.indexOf('</div>', page.indexOf('FSU ber om mer informasjon:')));
    expect(notice).toContain(QUESTION);
    expect(notice).toContain('Er svaret sendt inn og søknaden signert av alle partene på nytt innen søknadsfristen 26.11.2026 kl. 23.59, behandles søknaden i møtet 10.12.2026; ellers i et senere møte.');
    expect(notice).toContain(`Send inn søknaden på nytt innen ${last}, ellers avsluttes den uten vedtak.`);
  });
});

describe('a deferral, once the case is on the next meeting', () => {
  it('the owner\'s page keeps the reason and the meeting that deferred it, and the notice of the new meeting says it follows the deferral', async () => {
    const { applicationId, ownerLinkId } = await app.scheduled('sor-rogaland', (a) => (a.title = 'Utsatt og satt opp igjen'));
    expect((await app.decide(applicationId, { outcome: 'defer', reason: 'Venter på budsjettet for 2027.' })).status).toBe(201);
    const start = { applicationId, executionStartTime: app.clock.now().toISOString() };
    const before = app.mailer.sent.length;
    // As the workflow runs them, in the same second: the deferral's letter, then the next meeting.
    await runLifecycleStep(app.deps, 'deferred', start);
    await runLifecycleStep(app.deps, 'schedule-for-meeting', start);
    const { ownerEmail } = (await app.store.getApplication(applicationId))!;
    const toOwner = app.mailer.sent.slice(before).filter((m) => m.to.includes(ownerEmail));
    expect(toOwner.find((m) => m.subject.includes('Søknaden er utsatt'))?.text).toContain('Du får beskjed når den er satt opp igjen.');
    const notice = toOwner.find((m) => m.subject.includes('28.01.2027'));
    expect(notice?.subject).toContain('[FSU] Den utsatte søknaden behandles i FSU-møtet 28.01.2027');
    expect(notice?.text).toContain('FSU utsatte behandlingen av søknaden i møtet 10.12.2026. Nå er den satt opp til behandling igjen, i FSUs møte 28.01.2027.');

    const view = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body;
    expect(view.status).toBe('scheduled');
    expect(view.deferralReason).toBe('Venter på budsjettet for 2027.');
    expect(view.deferredFrom).toBe('2026-12-10');
    expect(await ownerPage(ownerLinkId)).toContain('<div class="notice"><p><strong>FSU utsatte søknaden i møtet 10.12.2026:</strong></p><p class="long-text">Venter på budsjettet for 2027.</p><p>Den er satt opp til behandling i møtet 28.01.2027.</p></div>');

    // A later decision (here a question in the new meeting) is what the page tells of then.
    const asked = await app.duringMeeting(applicationId, () => app.call('request-information', { pathParameters: { applicationId }, json: { message: QUESTION }, as: SECRETARIAT }));
    expect(asked.status, asked.text).toBe(201);
    const after = (await app.call('get-owner-view', { pathParameters: { linkId: ownerLinkId } })).body;
    expect(after).not.toHaveProperty('deferralReason');
    expect(await ownerPage(ownerLinkId)).not.toContain('utsatte søknaden');
  });
});
