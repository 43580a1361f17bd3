// Back with the owner (a partner declined, the signing ran out, the committee asked for more
// information): the deadline for sending the application in again, as the owner's mail gives it,
// is on the owner's page and in its JSON, and on the secretariat's case, until the owner has revised.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { declinedByPartner, invoke, SECRETARIAT, useTestApp, type Submitted } from '../support/test-app';
import { runLifecycleStep, type LifecycleAction } from '../../functions/use-cases/lifecycle-steps';
import { formatDateTimeNb } from '../../functions/mail/templates';
import { RESUBMISSION_DUE } from '../../functions/domain/resubmission';
import { addDaysToInstant, MAX_EXECUTION_DAYS } from '../../functions/domain/wait-budget';
import type { OutgoingMail } from '../../functions/ports/mailer';

const app = useTestApp();
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };

const ownerView = async (linkId: string) => (await app.call('get-owner-view', { pathParameters: { linkId } })).body;
const ownerPage = async (linkId: string) =>
  (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId }, headers: HTML }), 'page-owner-status')).text.replace(/\u00a0/g, ' ');
const revisionForm = async (linkId: string) =>
  (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}/revisjon', pathParameters: { linkId }, headers: HTML }), 'page-revision-form')).text.replace(/\u00a0/g, ' ');
/** The notices at the top of the owner's page: why it came back, what the committee asks. */
const topNotices = (page: string) => page.slice(page.indexOf('Status:'), page.indexOf('<dl class="facts">'));
const casePage = async (applicationId: string) =>
  (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: SECRETARIAT }), 'page-application')).text.replace(/\u00a0/g, ' ');

/** Runs the workflow's step some hours after what it follows, in an execution that started `startedDaysAgo` before. */
async function step(action: LifecycleAction, applicationId: string, startedDaysAgo = 0) {
  app.clock.set(new Date(app.clock.now().getTime() + 3 * 3_600_000 + 17 * 60_000).toISOString());
  const before = app.mailer.sent.length;
  const result = await runLifecycleStep(app.deps, action, { applicationId, executionStartTime: addDaysToInstant(app.clock.now(), -startedDaysAgo).toISOString() });
  return { result, mails: app.mailer.sent.slice(before) };
}

const pageLine = (respondBy: string) => `Send inn søknaden på nytt innen ${formatDateTimeNb(respondBy)}, ellers avsluttes den uten vedtak.`;
/** How the decline's and the expired signing's mails give it. */
const sentBackMailLine = (respondBy: string) => `Sendes den ikke inn på nytt innen ${formatDateTimeNb(respondBy)}, avsluttes søknaden.`;
const caseLine = (respondBy: string) => `<dt>Frist for prosjektansvarlig</dt><dd>Sendes søknaden ikke inn på nytt innen ${formatDateTimeNb(respondBy)}, avsluttes den uten vedtak.</dd>`;

/**
 * The owner's mail (`subject`) gives the deadline as `mailSays` words it; the notice at the top of the
 * owner's page that says `why` gives the same, and so does the case; after the revision, neither does.
 */
async function shownAsMailed(submitted: Submitted, mails: readonly OutgoingMail[], respondBy: string, said: { subject: string; mailSays: (respondBy: string) => string; why: string }) {
  expect(mails.find((m) => m.subject.includes(said.subject))?.text).toContain(said.mailSays(respondBy));
  const notice = topNotices(await ownerPage(submitted.ownerLinkId));
  expect(notice).toContain(said.why);
  expect(notice).toContain(pageLine(respondBy));
  // The revision form, where it is sent in again, says it too.
  expect(await revisionForm(submitted.ownerLinkId)).toContain(pageLine(respondBy));
  expect(await casePage(submitted.applicationId)).toContain(caseLine(respondBy));
  await revisedHidesIt(submitted);
}

/** The owner revises (the period starting after the latest revision day here): the case moves on, and the deadline is no longer shown. */
async function revisedHidesIt({ applicationId, ownerLinkId }: Submitted) {
  // The answer to a question the committee asked (kept only where it did).
  const res = await app.call('revise-application', { pathParameters: { linkId: ownerLinkId }, json: { ...app.application('sor-rogaland', (a) => Object.assign(a, { title: `Revidert ${applicationId}`, periodStart: '2027-03-01', periodEnd: '2028-02-28' })), answer: 'Svaret står i søknaden.' } });
  expect(res.status).toBe(200);
  expect(await ownerView(ownerLinkId)).not.toHaveProperty('respondBy');
  expect(await ownerPage(ownerLinkId)).not.toContain('Send inn søknaden på nytt innen');
  expect(await casePage(applicationId)).not.toContain('Frist for prosjektansvarlig');
}

describe('the deadline for sending the application in again', () => {
  it('a partner declined: the decline mail\'s day, on the owner\'s page, in its JSON and on the case; a repeated step keeps it; gone once revised', async () => {
    await app.clock.setBackAfter(async () => {
      const submitted = await declinedByPartner(app, 'Avslått, med frist');
      const { ownerLinkId, applicationId } = submitted;
      const { result, mails } = await step('sent-back-for-revision', applicationId);
      const view = await ownerView(ownerLinkId);
      const respondBy: string = view.respondBy;
      // The wait ends at the deadline the owner is given: 90 days on.
      expect(respondBy).toBe(addDaysToInstant(app.clock.now(), 90).toISOString());
      expect(app.clock.now().getTime() + (result.timeoutSeconds as number) * 1000).toBe(Date.parse(respondBy));
      expect((await app.call('get-application', { pathParameters: { applicationId }, as: SECRETARIAT })).body.respondBy).toBe(respondBy);
      // Retried later (the mail had failed, say): the deadline kept is the one, written once.
      await step('sent-back-for-revision', applicationId);
      expect((await ownerView(ownerLinkId)).respondBy).toBe(respondBy);
      expect((await app.store.getApplication(applicationId))!.history.filter((h) => h.action === RESUBMISSION_DUE)).toHaveLength(1);

      await shownAsMailed(submitted, mails, respondBy, { subject: 'Samarbeidspart har avslått å signere', mailSays: sentBackMailLine, why: 'avslo å signere søknaden' });
    });
  });

  it('the signing ran out: the expiry mail\'s day, on the owner\'s page and in its JSON; gone once revised', async () => {
    await app.clock.setBackAfter(async () => {
      const submitted = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Ikke signert i tide, med frist')));
      const [first] = await app.cosignLinks(submitted.applicationId);
      expect((await app.call('cosign-application', { pathParameters: { linkId: first!.id }, json: { decision: 'sign' } })).status).toBe(200);
      app.clock.set('2027-01-20T09:00:00.000Z'); // the signing links have expired
      const { mails } = await step('cosignatures-expired', submitted.applicationId);
      const respondBy: string = (await ownerView(submitted.ownerLinkId)).respondBy;
      expect(respondBy).toBe(addDaysToInstant(app.clock.now(), 90).toISOString());
      await shownAsMailed(submitted, mails, respondBy, { subject: 'Søknaden ble ikke signert i tide', mailSays: sentBackMailLine, why: 'Fristen for å signere gikk ut før alle partene hadde svart.' });
    });
  });

  it('the committee asks for more information: the mail\'s deadline, also when the execution\'s budget ends it early; gone once revised', async () => {
    await app.clock.setBackAfter(async () => {
      const submitted = await app.scheduled();
      const asked = await app.call('request-information', { pathParameters: { applicationId: submitted.applicationId }, json: { message: 'Hvem har pasientansvaret om natten?' }, as: SECRETARIAT });
      expect(asked.status).toBe(201);
      // The application's execution has run 300 of its 355 days: the wait, and the deadline, end with it.
      const { result, mails } = await step('information-requested', submitted.applicationId, 300);
      const respondBy: string = (await ownerView(submitted.ownerLinkId)).respondBy;
      expect(respondBy).toBe(addDaysToInstant(app.clock.now(), MAX_EXECUTION_DAYS - 300).toISOString());
      expect(app.clock.now().getTime() + (result.timeoutSeconds as number) * 1000).toBe(Date.parse(respondBy));
      await shownAsMailed(submitted, mails, respondBy, {
        subject: 'Mer informasjon trengs før behandlingen',
        mailSays: (by) => `Sendes søknaden ikke inn på nytt innen ${formatDateTimeNb(by)}, avsluttes den uten vedtak.`,
        why: 'FSU ber om mer informasjon:',
      });
    });
  });

  it('an application sent back before the deadline was kept renders as before, without one', async () => {
    // The decline recorded, and no step has kept a deadline: as every case sent back before this version.
    const { applicationId, ownerLinkId } = await declinedByPartner(app, 'Avslått før fristen ble lagret');
    expect((await app.store.getApplication(applicationId))!.history.some((h) => h.action === RESUBMISSION_DUE)).toBe(false);
    expect(await ownerView(ownerLinkId)).not.toHaveProperty('respondBy');
    const page = await ownerPage(ownerLinkId);
    expect(topNotices(page)).toContain('Avklar med parten det gjelder, endre søknaden om det trengs, og send den inn på nytt.');
    expect(page).not.toContain('Send inn søknaden på nytt innen');
    const staff = await casePage(applicationId);
    expect(staff).toContain('Sendt tilbake for endring');
    expect(staff).not.toContain('Frist for prosjektansvarlig');
  });
});
