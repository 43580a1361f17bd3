import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getScheme } from '../../config/schemes';
import {
  activeGrant, APPROVAL, application, cosignLinks, DAY, decide, executionsOf, groupOf, linkIds, REPORT, scheduled, signAll, startHarness, status, submit, type Harness,
} from '../support/local-system';

describe('lifecycle side paths on the local runtime', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.stop();
  });

  it('a partner declines: the application goes back to the owner, who revises it; partners sign the new version', async () => {
    const data = application();
    const { id, ownerLink } = await submit(h, data);
    const [first, second] = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${first}`, { decision: 'sign' })).status).toBe(200);
    expect((await h.call('POST', `/api/cosign/${second}`, { decision: 'decline', reason: 'Budsjettet for kommunen er for høyt' })).status).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('draft');
    const told = (await h.mailsTo(data.owner.email)).find((m) => /Budsjettet for kommunen/.test(m.body.text ?? ''));
    expect(told, 'owner told of the decline').toBeDefined();
    // an old link no longer signs anything: posted again, it is told the answer it gave
    const again = await h.call('POST', `/api/cosign/${first}`, { decision: 'sign' });
    expect(again.body).toMatchObject({ decision: 'signed', status: 'draft', alreadyAnswered: true });

    const revised = { ...data, summary: `${data.summary} Revidert budsjett.` };
    const res = await h.call('POST', `/api/owner/${ownerLink}/revision`, revised);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('awaiting_cosignature');
    const newLinks = await cosignLinks(h, revised);
    expect(newLinks).not.toContain(first);
    await signAll(h, revised);
    expect(await status(h, ownerLink)).toBe('scheduled');
    expect(await executionsOf(h, id)).toEqual(['application:RUNNING']);
  });

  it('the signing links expire with partners silent: the owner is told who did not answer, not that they declined; the history says the same', async () => {
    const data = application();
    expect(data.partners.length).toBeGreaterThanOrEqual(3);
    const { id, ownerLink } = await submit(h, data);
    const [first] = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${first}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();

    await h.system.advance((getScheme('sor-rogaland')!.linkValidityDays + 1) * DAY, DAY);
    expect(await status(h, ownerLink)).toBe('draft');

    const silent = data.partners.slice(1).map((p) => p.organisationName);
    const told = (await h.mailsTo(data.owner.email)).filter((m) => /signert i tide|avslått/.test(m.subject));
    expect(told.map((m) => m.subject)).toEqual([expect.stringMatching(/^\[FSU\] Søknaden ble ikke signert i tide: «/)]);
    const text = told[0]!.body.text ?? '';
    expect(text).not.toMatch(/avsl[åo]/);
    expect(text).toContain(`alle partene hadde svart. ${silent.slice(0, -1).join(', ')} og ${silent.at(-1)} har ikke svart.`);
    expect(text).not.toContain(`${data.partners[0]!.organisationName} har ikke svart`);
    expect(text).toContain('sendt tilbake til deg');
    expect(text).toContain(`/soknad/${ownerLink}`);

    const found = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(found.status).toBe(200);
    const actions = JSON.stringify(found.body).match(/"action":"[^"]+"/g) ?? [];
    expect(actions).toContain('"action":"cosignatures-expired"');
    expect(actions).not.toContain('"action":"declined-by-partner"');

    // What the mail says happens next: sent in again (its period moved to start no earlier than today), every partner is asked to sign anew.
    const again = await h.call('POST', `/api/owner/${ownerLink}/revision`, { ...data, periodStart: '2027-02-01', periodEnd: '2028-01-31' });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('awaiting_cosignature');
    expect(await cosignLinks(h, data)).not.toContain(first);
  });

  it('corrected before everyone signed (a partner\'s address was wrong): every partner signs the new version, the old links sign nothing', async () => {
    const data = application();
    const { id, ownerLink } = await submit(h, data);
    const [first, second] = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${first}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    const owner = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(owner.body.status).toBe('awaiting_cosignature');

    const partners = data.partners.map((p, i) => (i === 1 ? { ...p, email: 'riktig.adresse@kommune.example' } : p));
    const corrected = { ...data, partners };
    const res = await h.call('POST', `/api/owner/${ownerLink}/revision`, corrected);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ status: 'awaiting_cosignature', version: 2 });
    await h.system.settle();
    // The old links sign nothing: the one that signed, and the one at the wrong address.
    const stale = await h.call('POST', `/api/cosign/${second}`, { decision: 'sign' });
    expect(stale.status).toBe(410);
    expect(stale.body.message).toBe('Søknaden er endret etter at du fikk denne lenken. Bruk lenken i den nyeste e-posten om signering.');
    const asked = await h.mailsTo('riktig.adresse@kommune.example');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.text).toContain('Søknaden er endret.');
    const [again, ...others] = await cosignLinks(h, corrected);
    expect([again, ...others]).not.toContain(first);
    // The partner who had signed signs again: the others' signatures are not all.
    for (const link of others) expect((await h.call('POST', `/api/cosign/${link}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('awaiting_cosignature');
    expect((await h.call('POST', `/api/cosign/${again}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('scheduled');
    expect(await executionsOf(h, id)).toEqual(['application:RUNNING']);
  });

  it('a signature missing past the deadline moves the application to the next meeting, and the owner is told', async () => {
    const data = application();
    const { id, ownerLink } = await submit(h, data);
    const links = await cosignLinks(h, data);
    for (const link of links.slice(0, -1)) expect((await h.call('POST', `/api/cosign/${link}`, { decision: 'sign' })).status).toBe(200);
    // The 2026-12-10 meeting's deadline is 26.11; the owner is reminded 7 and 1 days before (19.11 has passed, 25.11 not).
    await h.system.advance(7 * DAY);
    const reminders = (await h.mailsTo(data.owner.email)).filter((m) => /frist/i.test(m.subject));
    expect(reminders.length, 'submission-deadline reminder').toBeGreaterThanOrEqual(1);
    expect((await h.call('POST', `/api/cosign/${links.at(-1)}`, { decision: 'sign' })).status).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('scheduled');
    const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(view.body.application.meetingId > '2026-12-10').toBe(true);
    const moved = (await h.mailsTo(data.owner.email)).find((m) => /neste møte|flyttet/i.test(`${m.subject} ${m.body.text}`));
    expect(moved, 'owner told of the move').toBeDefined();
  });

  it('more information requested: the owner revises, partners sign again, and it is scheduled again', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    const res = await h.call('POST', `/api/staff/applications/${id}/information-requests`, { message: 'Beskriv pasientansvaret nærmere.' }, 'secretariat');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('more_information_requested');
    expect((await h.mailsTo(data.owner.email)).some((m) => /pasientansvaret/.test(m.body.text ?? ''))).toBe(true);
    const revised = { ...data, patientResponsibility: 'Kommunen har pasientansvaret under tiltaket.' };
    expect((await h.call('POST', `/api/owner/${ownerLink}/revision`, { ...revised, answer: 'Pasientansvaret er beskrevet i søknaden.' })).status).toBe(200);
    await h.system.settle();
    await signAll(h, revised);
    expect(await status(h, ownerLink)).toBe('scheduled');
  });

  it('more information asked for after the submission deadline: the answer goes to the next meeting it reaches, without a "too late" notice', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data); // on the 10.12 agenda; its deadline is 26.11 23:59
    await h.system.advance(8 * DAY); // 28.11: the deadline has passed
    const res = await h.call('POST', `/api/staff/applications/${id}/information-requests`, { message: 'Beskriv pasientansvaret nærmere.' }, 'secretariat');
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    await h.system.settle();
    const revised = { ...data, patientResponsibility: 'Kommunen har pasientansvaret under tiltaket.' };
    expect((await h.call('POST', `/api/owner/${ownerLink}/revision`, { ...revised, answer: 'Pasientansvaret er beskrevet i søknaden.' })).status).toBe(200);
    await h.system.settle();
    await signAll(h, revised);
    expect(await status(h, ownerLink)).toBe('scheduled');
    const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(view.body.application.meetingId > '2026-12-10').toBe(true);
    expect(view.body.application.history.at(-1).details).not.toHaveProperty('missedMeetingId');
    const mails = await h.mailsTo(data.owner.email);
    expect(mails.some((m) => /ikke komplett innen fristen/.test(m.body.text ?? ''))).toBe(false);
  });

  it('a grant still waiting for its invoice: the status report is reminded and listed overdue all the same, and can be sent', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, { outcome: 'approve', amount: 800_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' });
    expect(await status(h, ownerLink)).toBe('payout_pending'); // no invoice comes
    await h.system.advance(200 * DAY); // the status report was due 10.06.2027 (decided 10.12.2026)
    expect(await status(h, ownerLink)).toBe('payout_pending');
    const mails = await h.mailsTo(data.owner.email);
    expect(mails.filter((m) => /statusrapport/i.test(m.subject) && /passert/i.test(m.subject)).length, 'overdue reminders').toBeGreaterThanOrEqual(1);
    // The owner was reminded to send the invoice 30, 60 and 90 days after the decision, then no more (maxInvoiceReminders).
    const invoiceReminders = mails.filter((m) => /send faktura/i.test(m.subject));
    expect(invoiceReminders).toHaveLength(3);
    expect(invoiceReminders[0]!.body.text).toContain('merket med prosjektnummer R-11326-D11325');
    const overdue = await h.call('GET', '/api/staff/schemes/sor-rogaland/overdue-reports', undefined, 'secretariat');
    expect(overdue.body.reports).toContainEqual(expect.objectContaining({ applicationId: id, kind: 'status', dueDate: '2027-06-10' }));
    const letter = mails.find((m) => linkIds(m, 'rapport').length > 0)!;
    expect((await h.call('POST', `/api/reports/${linkIds(letter, 'rapport')[0]}`, REPORT)).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('status_report_received');
  });

  it('a grant paid on invoice: no reminder once the invoice is registered; none for a unit of the hospital trust (cost booking)', async () => {
    // The clock is in March 2027 by now: the period applied for starts no earlier.
    const data = application({ periodStart: '2027-04-01', periodEnd: '2028-03-31' });
    const { id } = await scheduled(h, data);
    await decide(h, id, APPROVAL);
    await h.system.advance(31 * DAY);
    expect((await h.mailsTo(data.owner.email)).filter((m) => /send faktura/i.test(m.subject))).toHaveLength(1);
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const payout = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string }) => p.applicationId === id);
    const invoiceReminderDue = async () => (await h.system.deps.store.listDueReminders('9999-12-31T00:00:00.000Z', 1_000)).filter((r) => r.applicationId === id && r.kind === 'invoice-missing');
    expect(await invoiceReminderDue()).toHaveLength(1); // the second, 30 days after the first
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-77' }, 'finance')).status).toBe(200);
    // Cancelled with the registration, not left for the sweep to skip.
    expect(await invoiceReminderDue()).toEqual([]);
    await h.system.advance(70 * DAY);
    expect((await h.mailsTo(data.owner.email)).filter((m) => /send faktura/i.test(m.subject))).toHaveLength(1);

    const internal = application({ periodStart: '2027-07-01', periodEnd: '2028-06-30' }, 'internal-unit');
    const booked = await scheduled(h, internal);
    await decide(h, booked.id, APPROVAL);
    await h.system.advance(100 * DAY);
    expect((await h.mailsTo(internal.owner.email)).filter((m) => /send faktura/i.test(m.subject))).toEqual([]);
  });

  /** The copy of a decision to the leader and deputy of the anchoring group: its own e-mail, without links. */
  const expectCopyToLeaders = async (data: ReturnType<typeof application>, text: RegExp) => {
    const copies = (await h.mailsTo(groupOf(data).deputyLeaderEmail)).filter((m) => text.test(m.body.text ?? ''));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.destination).toMatchObject({ to: [groupOf(data).leaderEmail], cc: [groupOf(data).deputyLeaderEmail] });
    expect(copies[0]!.body.text).toContain(`som kopi fordi du er leder eller nestleder i ${groupOf(data).name}`);
    expect(copies[0]!.body.text).not.toMatch(/https?:\/\//);
  };

  it('deferred: the application moves to the next meeting after the one that deferred it', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, { outcome: 'defer', reason: 'Venter på ny budsjettsituasjon' });
    await expectCopyToLeaders(data, /Venter på ny budsjettsituasjon/);
    expect(await status(h, ownerLink)).toBe('scheduled');
    const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(view.body.application.meetingId > '2026-12-10').toBe(true);
    expect((await h.mailsTo(data.owner.email)).some((m) => /utsatt/i.test(`${m.subject} ${m.body.text}`))).toBe(true);
  });

  it('rejected: the owner gets a letter with the reason and the lifecycle ends', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, { outcome: 'reject', reason: 'Tiltaket treffer ikke kriteriene godt nok.' });
    expect(await status(h, ownerLink)).toBe('rejected');
    expect((await h.mailsTo(data.owner.email)).some((m) => /treffer ikke kriteriene/.test(m.body.text ?? ''))).toBe(true);
    await expectCopyToLeaders(data, /treffer ikke kriteriene/);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED']);
  });

  it('sent directly to FSU (no group): the decision goes to the owner alone, with no copy line', async () => {
    const data = { ...application(), anchoring: { kind: 'direct' as const, justification: 'Drøftet direkte med FSU-lederne; ingen gruppe dekker feltet.' } };
    const { id } = await scheduled(h, data);
    await decide(h, id, { outcome: 'reject', reason: 'Tiltaket mangler egeninnsats fra kommunen.' });
    const letters = (await h.mails()).filter((m) => /mangler egeninnsats/.test(m.body.text ?? ''));
    expect(letters.map((m) => m.destination)).toEqual([{ to: [data.owner.email], cc: [], bcc: [] }]);
    expect(letters[0]!.body.text).not.toMatch(/Kopi:|som kopi/);
  });

  it('withdrawn: the owner withdraws while partners are signing; the secretariat is told, and the partners who had not answered that there is nothing to sign', async () => {
    const data = application();
    const { id, ownerLink } = await submit(h, data);
    const links = await cosignLinks(h, data);
    expect((await h.call('POST', `/api/cosign/${links[0]}`, { decision: 'sign' })).status).toBe(200);
    const res = await h.call('POST', `/api/owner/${ownerLink}/withdrawal`, { reason: 'Prosjektet er lagt på is' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('withdrawn');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED']);
    const scheme = (await h.call('GET', '/api/schemes/sor-rogaland')).body;
    expect((await h.mailsTo(scheme.secretariatEmail ?? scheme.contact?.email ?? 'x')).length + (await h.mailsTo(data.owner.email)).filter((m) => /trukket/i.test(m.subject)).length).toBeGreaterThan(0);
    const toldNotToSign = async (email: string) => (await h.mailsTo(email)).filter((m) => /har trukket søknaden du ble bedt om å signere/.test(m.body.text ?? ''));
    expect(await toldNotToSign(data.partners[0]!.email), 'signed already').toEqual([]);
    for (const partner of data.partners.slice(1)) {
      if (partner.email === data.owner.email) continue;
      expect(await toldNotToSign(partner.email), partner.organisationName).toHaveLength(1);
    }
    // A signing link after the withdrawal says why it no longer works.
    const late = await h.call('GET', `/api/cosign/${links[1]}`);
    expect(late.status).toBe(410);
    expect(late.body.message).toBe('Søknaden er trukket eller avsluttet. Du trenger ikke å signere den.');
  });

  it('status report overdue, then received; final report overdue, then received; the grant closes, and what it left unspent is claimed back after', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    // due six months after the decision (2026-11-20 → 2027-05-20); two overdue reminders
    await h.system.advance(200 * DAY);
    const overdue = (await h.mailsTo(data.owner.email)).filter((m) => /passert/i.test(m.subject));
    expect(overdue.length, 'status report overdue reminders').toBeGreaterThanOrEqual(1);
    const overdueList = await h.call('GET', '/api/staff/schemes/sor-rogaland/overdue-reports', undefined, 'secretariat');
    expect(JSON.stringify(overdueList.body)).toContain(id);
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('status_report_received');
    // the period ends 2027-12-31; the final report is due 60 days later; let it go overdue
    await h.system.advance(300 * DAY);
    const finalMails = (await h.mailsTo(data.owner.email)).filter((m) => linkIds(m, 'rapport').some((l) => l !== statusReportLink));
    expect(finalMails.some((m) => /passert/i.test(m.subject))).toBe(true);
    const finalLink = linkIds(finalMails.at(-1)!, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: 800_000 })).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('closed');

    // The final report shows 50 000 kr not used: the committee claims it back from the closed grant.
    const runOn = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 50_000, reason: 'Ubrukte midler', endGrant: false }, 'secretariat');
    expect(runOn.status).toBe(400);
    expect(runOn.body.fieldErrors).toEqual({ endGrant: 'Tilskuddet er allerede avsluttet og kan ikke løpe videre.' });
    expect(await status(h, ownerLink)).toBe('closed'); // nothing written
    const claim = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 50_000, reason: 'Sluttrapporten viser 50 000 kr ubrukt' }, 'secretariat');
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('repayment_claimed');
    expect(h.system.lifecycle.runtime.publishedEvents().filter((e) => e.detailType === 'RepaymentClaim').map((e) => (e.detail as { amount: number }).amount)).toEqual([-50_000]);
    const letter = (await h.mailsTo(data.owner.email)).find((m) => /tilbakebetal/i.test(m.subject));
    expect(letter?.body.text).toContain('Tilskuddet er allerede avsluttet etter sluttrapporten.');
    expect(letter?.body.text).not.toContain('har samtidig avsluttet tilskuddet');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED', 'repayment:SUCCEEDED']);

    // Finance registers the money back: closed again.
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const repayment = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string; amount: number }) => p.applicationId === id && p.amount < 0);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(repayment.id)}/paid`, {}, 'finance')).status).toBe(200);
    const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(view.body.application.status).toBe('closed');
    expect(view.body.application.history.slice(-3).map((e: { action: string; from?: string; to?: string }) => [e.action, e.from, e.to])).toEqual([
      ['closed', 'final_report_received', 'closed'],
      ['repayment-claimed', 'closed', 'repayment_claimed'],
      ['repaid', 'repayment_claimed', 'closed'],
    ]);
  });

  it('a short grant (its period ends before the status report is due): the final report is due after the status report, not overdue when it opens', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data, { ...APPROVAL, amount: 200_000, periodStart: '2027-01-01', periodEnd: '2027-03-31' });
    // Decided 10.12.2026: the status report is due 10.06.2027, after the period; the final report 60 days after that.
    expect((await h.call('GET', `/api/owner/${ownerLink}`)).body.allocation).toMatchObject({ statusReportDue: '2027-06-10', finalReportDue: '2027-08-09' });
    const letter = (await h.mailsTo(data.owner.email)).find((m) => /vedtak/i.test(m.subject) && linkIds(m, 'rapport').length > 0)!;
    expect(letter.body.text).toMatch(/Sluttrapport .* innen 09\.08\.2027/);
    expect(letter.body.text).toContain('Send sluttrapporten her (etter at statusrapporten er sendt)');
    // The status report comes in on time, early in June: the final-report phase starts at once (the period is over).
    await h.system.advance(173 * DAY); // from the meeting, 10.12.2026, to 01.06.2027
    expect(h.clock.now().toISOString().slice(0, 10)).toBe('2027-06-01');
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, { ...REPORT, spentAmount: 200_000 })).status).toBe(201);
    await h.system.settle();
    await h.system.advance(20 * DAY);
    expect(await status(h, ownerLink)).toBe('status_report_received');
    // Not overdue: no reminder says so, and the secretariat's list does not have it.
    const finalMails = (await h.mailsTo(data.owner.email)).filter((m) => linkIds(m, 'rapport').some((l) => l !== statusReportLink));
    expect(finalMails.length, 'the final report asked for').toBeGreaterThanOrEqual(1);
    expect(finalMails.filter((m) => /passert/i.test(m.subject))).toEqual([]);
    const overdue = await h.call('GET', '/api/staff/schemes/sor-rogaland/overdue-reports', undefined, 'secretariat');
    expect(overdue.body.reports.filter((r: { applicationId: string }) => r.applicationId === id)).toEqual([]);
    const finalLink = linkIds(finalMails.at(-1)!, 'rapport').find((l) => l !== statusReportLink)!;
    expect((await h.call('POST', `/api/reports/${finalLink}`, { ...REPORT, spentAmount: 200_000 })).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('closed');
  });

  it('reallocation: refused, then approved, each after the committee decides; the owner is told, with the copy to the group\'s leaders', async () => {
    const data = application();
    const { id, ownerLink } = await activeGrant(h, data);
    for (const approved of [false, true]) {
      const req = await h.call('POST', `/api/owner/${ownerLink}/reallocations`, { description: 'Flytte 100 000 fra utstyr til personell', amount: 100_000 });
      expect(req.status, JSON.stringify(req.body)).toBeLessThan(300);
      await h.system.settle();
      const decided = await h.call('POST', `/api/staff/applications/${id}/reallocations/${req.body.id}`, { approved, reason: approved ? 'Godkjent' : 'Ikke godt nok begrunnet' }, 'secretariat');
      expect(decided.status, JSON.stringify(decided.body)).toBeLessThan(300);
      await h.system.settle();
    }
    const view = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(view.body.reallocations.map((r: { state: string }) => r.state).sort()).toEqual(['approved', 'refused']);
    expect((await h.mailsTo(data.owner.email)).filter((m) => /omdispon/i.test(m.subject)).length).toBe(2);
    await expectCopyToLeaders(data, /har ikke godkjent søknaden om å omdisponere 100 000 kr[\s\S]*Ikke godt nok begrunnet/);
    await expectCopyToLeaders(data, /har godkjent søknaden om å omdisponere 100 000 kr/);
    expect((await executionsOf(h, '')).filter((e) => e.startsWith('reallocation:SUCCEEDED')).length).toBe(2);
    // Prior approval is the committee's: both decisions, made on the day of the meeting of 10.12.2026, are in its minutes.
    const minutes = (await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/minutes', undefined, 'secretariat')).body;
    const matter = 'Flytte 100 000 fra utstyr til personell';
    // (The local clock stands still while the harness settles: the two are recorded at the same instant, in either order.)
    const decisions = minutes.cases.filter((c: { applicationId: string }) => c.applicationId === id).map((c: { decision: unknown }) => c.decision);
    expect(decisions[0]).toEqual(expect.objectContaining({ outcome: 'approve', amount: APPROVAL.amount }));
    expect(decisions.slice(1)).toEqual(expect.arrayContaining([
      expect.objectContaining({ outcome: 'refuse_reallocation', amount: 100_000, reason: 'Ikke godt nok begrunnet', matter }),
      expect.objectContaining({ outcome: 'approve_reallocation', amount: 100_000, reason: 'Godkjent', matter }),
    ]));
    expect(decisions).toHaveLength(3);
    expect(minutes.totals).toMatchObject({ approved: 1, reallocationsApproved: 1, reallocationsRefused: 1 });
    // A repeat of a decision records nothing new.
    const [first] = view.body.reallocations as Array<{ id: string; state: string }>;
    const repeat = await h.call('POST', `/api/staff/applications/${id}/reallocations/${first!.id}`, { approved: first!.state === 'approved', reason: 'Gjentatt' }, 'secretariat');
    expect(repeat.status).toBeLessThan(300);
    const again = (await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/minutes', undefined, 'secretariat')).body;
    expect(again.cases).toHaveLength(minutes.cases.length);
  });

  it('repayment claimed: a negative payout trigger to finance and a letter to the owner, with finance in copy and a copy to the group\'s leaders', async () => {
    const data = application();
    const { id, ownerLink } = await activeGrant(h, data);
    const claim = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 200_000, reason: 'Midlene er ikke brukt som beskrevet' }, 'secretariat');
    expect(claim.status, JSON.stringify(claim.body)).toBeLessThan(300);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('repayment_claimed');
    const events = h.system.lifecycle.runtime.publishedEvents().filter((e) => e.detailType === 'RepaymentClaim');
    expect(events.map((e) => (e.detail as { amount: number }).amount)).toEqual([-200_000]);
    const letters = (await h.mailsTo(data.owner.email)).filter((m) => /tilbakebetal/i.test(m.subject));
    expect(letters.map((m) => m.destination)).toEqual([{ to: [data.owner.email], cc: [getScheme('sor-rogaland')!.financeEmail], bcc: [] }]);
    await expectCopyToLeaders(data, /Midlene er ikke brukt som beskrevet/);
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    expect((payouts.body.payouts ?? payouts.body).some((p: { amount: number; state: string }) => p.amount === -200_000 && p.state === 'repayment_claimed')).toBe(true);
    // the grant workflow stopped waiting for the status report
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED', 'repayment:SUCCEEDED']);
    // The committee's decision, in the minutes of the meeting it was made in, and on the case.
    const minutes = (await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/minutes', undefined, 'secretariat')).body;
    expect(minutes.cases.filter((c: { applicationId: string }) => c.applicationId === id).map((c: { decision: { outcome: string } }) => c.decision.outcome)).toEqual(['approve', 'claim_repayment']);
    expect(minutes.totals).toMatchObject({ repaymentsClaimed: 1 });
    const decisions = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.decisions;
    expect(decisions.at(-1)).toEqual(expect.objectContaining({ id: 'dec_repayment', outcome: 'claim_repayment', amount: 200_000, reason: 'Midlene er ikke brukt som beskrevet', meetingId: '2026-12-10' }));
  });

  it('a grant not yet paid taken back: the payout cancelled (mail and event to finance), the pot given back, the decision to the owner and the group, no reports owed', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, APPROVAL);
    expect(await status(h, ownerLink)).toBe('payout_pending');
    const pot = () => h.system.deps.store.getPot('sor-rogaland', 2026);
    const before = (await pot())!;
    expect(before.remaining).toBe(before.total - APPROVAL.amount);
    const payoutsOf = async () => {
      const res = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
      return (res.body.payouts ?? res.body).filter((p: { applicationId: string }) => p.applicationId === id);
    };
    const [payout] = await payoutsOf();
    // The invoice is in, but not paid: it can still be stopped.
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/invoice`, { invoiceNumber: 'F-2026-88' }, 'finance')).status).toBe(200);

    const reason = 'Kommunen har trukket seg fra samarbeidet, og prosjektet blir ikke gjennomført.';
    const res = await h.call('POST', `/api/staff/applications/${id}/revocation`, { reason }, 'secretariat');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.application.status).toBe('revoked');
    expect(res.body.payout.state).toBe('cancelled');
    await h.system.settle();

    expect(await status(h, ownerLink)).toBe('revoked');
    expect((await pot())!.remaining).toBe(before.total);
    expect((await payoutsOf()).map((p: { state: string }) => p.state)).toEqual(['cancelled']);
    const events = h.system.lifecycle.runtime.publishedEvents().filter((e) => e.detailType === 'PayoutCancelled');
    expect(events.map((e) => e.detail)).toEqual([expect.objectContaining({ grantId: id, payoutId: payout.id, amount: APPROVAL.amount, projectNumber: 'R-11326-D11325' })]);
    const letter = (await h.mailsTo(data.owner.email)).filter((m) => /trukket tilbake/.test(m.subject));
    expect(letter).toHaveLength(1);
    expect(letter[0]!.body.text).toContain(reason);
    const group = groupOf(data);
    expect((await h.mailsTo(group.leaderEmail)).filter((m) => /trukket tilbake/.test(m.subject))).toHaveLength(1);
    const finance = (await h.mails()).filter((m) => /Utbetaling annullert/.test(m.subject));
    expect(finance).toHaveLength(1);
    expect(finance[0]!.body.text).toContain('skal ikke betales, heller ikke fakturaen som er registrert');
    // The grant workflow stopped waiting for the status report.
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED', 'revocation:SUCCEEDED']);

    // Finance cannot pay it now; a repeat changes nothing and sends nothing.
    const paid = await h.call('POST', `/api/finance/payouts/${encodeURIComponent(payout.id)}/paid`, {}, 'finance');
    expect(paid.status).toBe(409);
    expect(paid.body.message).toMatch(/annullert fordi tilskuddet er trukket tilbake/);
    const mailCount = (await h.mails()).length;
    expect((await h.call('POST', `/api/staff/applications/${id}/revocation`, { reason }, 'secretariat')).status).toBe(200);
    await h.system.settle();
    expect((await h.mails()).length).toBe(mailCount);
    expect((await pot())!.remaining).toBe(before.total);

    // No report is owed: past the status report's and the final report's due dates, nothing to the owner.
    const ownerMails = (await h.mailsTo(data.owner.email)).length;
    await h.system.advance(400 * DAY, DAY);
    expect((await h.mailsTo(data.owner.email)).length).toBe(ownerMails);
    const history = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.application.history;
    expect(history.at(-1)).toEqual(expect.objectContaining({ action: 'grant-revoked', from: 'payout_pending', to: 'revoked' }));
    // Decided in the meeting of 10.12.2026, where it was approved: both decisions are in its minutes.
    const minutes = (await h.call('GET', '/api/staff/schemes/sor-rogaland/meetings/2026-12-10/minutes', undefined, 'secretariat')).body;
    expect(minutes.cases.filter((c: { applicationId: string }) => c.applicationId === id).map((c: { decision: { outcome: string; amount?: number; reason?: string } }) => c.decision))
      .toEqual([expect.objectContaining({ outcome: 'approve', amount: APPROVAL.amount }), expect.objectContaining({ outcome: 'revoke', amount: APPROVAL.amount, reason })]);
    expect(minutes.totals).toMatchObject({ approved: 1, revoked: 1, grantedAmount: APPROVAL.amount });
  });

  it('a grant never paid, taken back once its period is over: the final-report phase ends too', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, APPROVAL);
    await h.system.advance(400 * DAY, DAY); // past the period's end (31.12.2027): the final-report phase waits
    expect(await status(h, ownerLink)).toBe('payout_pending');
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:RUNNING', 'grant:SUCCEEDED']);
    expect((await h.call('POST', `/api/staff/applications/${id}/revocation`, { reason: 'Fakturaen kom aldri; prosjektet ble ikke gjennomført.' }, 'secretariat')).status).toBe(200);
    await h.system.settle();
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'final-report:SUCCEEDED', 'grant:SUCCEEDED', 'revocation:SUCCEEDED']);
    // Recorded on a day without a meeting: a decision on the case, in no meeting's minutes.
    const decisions = (await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat')).body.decisions;
    expect(decisions.at(-1)).toEqual(expect.objectContaining({ outcome: 'revoke', amount: APPROVAL.amount }));
    expect(decisions.at(-1).meetingId).toBeUndefined();
    const ownerMails = (await h.mailsTo(data.owner.email)).length;
    await h.system.advance(120 * DAY, DAY);
    expect((await h.mailsTo(data.owner.email)).length).toBe(ownerMails);
  });

  it('a paid grant is not taken back (409: claimed back instead); a revocation without a reason is a 400 naming it; nothing is written', async () => {
    const data = application();
    const { id, ownerLink } = await activeGrant(h, data);
    const noReason = await h.call('POST', `/api/staff/applications/${id}/revocation`, {}, 'secretariat');
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.fieldErrors)).toEqual(['reason']);
    const refused = await h.call('POST', `/api/staff/applications/${id}/revocation`, { reason: 'Prosjektet er lagt ned' }, 'secretariat');
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/utbetalt .*Krev det tilbake i stedet/);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('active');
    expect(h.system.lifecycle.runtime.publishedEvents().some((e) => e.detailType === 'PayoutCancelled')).toBe(false);
  });

  it('a grant taken back with a reallocation request pending: the request is closed with it, without a letter of its own', async () => {
    const data = application();
    const { id, ownerLink } = await scheduled(h, data);
    await decide(h, id, APPROVAL);
    const asked = await h.call('POST', `/api/owner/${ownerLink}/reallocations`, { description: 'Flytte midler fra reise til kurs', amount: 40_000 });
    expect(asked.status, JSON.stringify(asked.body)).toBeLessThan(300);
    await h.system.settle();
    expect((await h.call('POST', `/api/staff/applications/${id}/revocation`, { reason: 'Prosjektet blir ikke gjennomført.' }, 'secretariat')).status).toBe(200);
    await h.system.settle();
    const view = await h.call('GET', `/api/owner/${ownerLink}`);
    expect(view.body.reallocations).toEqual([expect.objectContaining({ state: 'refused', reason: 'Tilskuddet er trukket tilbake.' })]);
    expect(view.body.revocation).toEqual({ revokedOn: '2026-12-10', reason: 'Prosjektet blir ikke gjennomført.' });
    expect((await h.mailsTo(data.owner.email)).filter((m) => /omdispon/i.test(m.subject))).toHaveLength(0);
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:SUCCEEDED', 'revocation:SUCCEEDED']);
    expect(await executionsOf(h, asked.body.id)).toEqual(['reallocation:SUCCEEDED']);
    const decided = await h.call('POST', `/api/staff/applications/${id}/reallocations/${asked.body.id}`, { approved: true }, 'secretariat');
    expect(decided.status).toBe(409);
  });

  it('part of the grant claimed back while it runs on: the reports are still due, reminded and received; the repayment is in the history', async () => {
    const data = application();
    const { id, ownerLink, statusReportLink } = await activeGrant(h, data);
    const claim = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 60_000, reason: 'Innkjøp som ikke var i budsjettet', endGrant: false }, 'secretariat');
    expect(claim.status, JSON.stringify(claim.body)).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('active');
    const letter = (await h.mailsTo(data.owner.email)).find((m) => /tilbakebetal/i.test(m.subject));
    expect(letter?.body.text).toContain('Resten av tilskuddet løper videre.');
    expect(h.system.lifecycle.runtime.publishedEvents().filter((e) => e.detailType === 'RepaymentClaim').map((e) => (e.detail as { amount: number }).amount)).toEqual([-60_000]);
    // The grant's workflow still waits for the status report.
    expect(await executionsOf(h, id)).toEqual(['application:SUCCEEDED', 'grant:RUNNING', 'repayment:SUCCEEDED']);
    // Once is enough: a second claim is refused by name.
    const again = await h.call('POST', `/api/staff/applications/${id}/repayment-claims`, { amount: 1_000, reason: 'Igjen', endGrant: false }, 'secretariat');
    expect(again.status).toBe(409);
    expect(again.body.reason).toBe('already_claimed');

    // Finance registers the money back: the history says so, the grant runs on.
    const payouts = await h.call('GET', '/api/finance/payouts?projectNumber=R-11326-D11325', undefined, 'finance');
    const repayment = (payouts.body.payouts ?? payouts.body).find((p: { applicationId: string; amount: number }) => p.applicationId === id && p.amount < 0);
    expect((await h.call('POST', `/api/finance/payouts/${encodeURIComponent(repayment.id)}/paid`, {}, 'finance')).status).toBe(200);
    const view = await h.call('GET', `/api/staff/applications/${id}`, undefined, 'secretariat');
    expect(view.body.application.status).toBe('active');
    expect(view.body.application.history.at(-1)).toMatchObject({ action: 'repaid-partly' });

    // The status report is reminded and received as before.
    await h.system.advance(200 * DAY);
    expect((await h.mailsTo(data.owner.email)).some((m) => /passert/i.test(m.subject))).toBe(true);
    expect((await h.call('POST', `/api/reports/${statusReportLink}`, REPORT)).status).toBe(201);
    await h.system.settle();
    expect(await status(h, ownerLink)).toBe('status_report_received');
  });
});
