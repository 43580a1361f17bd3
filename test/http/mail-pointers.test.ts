// What a mail's reader needs to act on it, passed from where the mail is sent: the partner asked to
// sign is told whom to ask about the application (the project's contact person, also after the
// secretariat set a new one), the owner asked to fill in a report until when its link works, and
// the secretariat told of a complete application which meeting it goes to (none in reach: none).
import { describe, expect, it } from 'vitest';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { formatDateNb, formatDateTimeNb } from '../../functions/mail/templates';
import { SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();
const SECRETARIAT_EMAIL = 'fsu-sekretariat@helse-stavanger.example';
const urlsIn = (text: string) => text.match(/https?:\/\/[^\s"'<>)]+/g) ?? [];

describe("the partner's signing request and its reminder", () => {
  it('say whom to ask about the application: the contact person, the organisation and the address, never in a link', async () => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = 'Hvem spør partneren')));
    const { data } = (await app.store.getVersion(applicationId, 1))!;
    const organisation = data.partners[data.owner.partnerIndex]!.organisationName;
    const partnerMails = () => app.mailer.sent.filter((m) => m.text.includes(applicationId) && data.partners.some((p) => m.to.includes(p.email)));

    await runLifecycleStep(app.deps, 'request-cosignatures', { applicationId, executionStartTime: app.clock.now().toISOString() });
    const requests = partnerMails().filter((m) => m.subject.includes('Signering av søknad'));
    expect(requests).toHaveLength(data.partners.length);
    for (const mail of requests) {
      expect(mail.text).toContain(`Spørsmål om søknaden: ${data.owner.name}, ${organisation} (${data.owner.email})`);
      for (const url of [...urlsIn(mail.text), ...urlsIn(mail.html ?? '')]) expect(decodeURIComponent(url)).not.toContain('@');
    }

    // The secretariat sets another contact person: the weekly reminder names that one.
    const changed = await app.call('change-owner', { pathParameters: { applicationId }, json: { name: 'Nina Nyansatt', email: 'nina.nyansatt@stavanger.example' }, as: SECRETARIAT });
    expect(changed.status, changed.text).toBe(200);
    await app.clock.setBackAfter(async () => {
      app.clock.advanceDays(app.scheme().reminders.cosignEveryDays);
      await sendDueReminders(app.deps);
    });
    const reminders = partnerMails().filter((m) => m.subject.includes('venter på din signatur'));
    expect(reminders).toHaveLength(data.partners.length);
    for (const mail of reminders) {
      expect(mail.text).toContain(`Spørsmål om søknaden: Nina Nyansatt, ${organisation} (nina.nyansatt@stavanger.example)`);
      for (const url of [...urlsIn(mail.text), ...urlsIn(mail.html ?? '')]) expect(decodeURIComponent(url)).not.toContain('@');
    }
  });
});

describe("the secretariat's request to fill in a report", () => {
  it('says until when its link works, the first time and in the reminder', async () => {
    const { applicationId } = await app.statusReportIn();
    const asked = await app.call('request-report-supplement', { pathParameters: { applicationId }, json: { report: 'status', reason: 'Tall for effekten.' }, as: SECRETARIAT });
    expect(asked.status, asked.text).toBe(200);
    const requested = app.clock.now().getTime();
    await sendDueReminders(app.deps);
    await app.clock.setBackAfter(async () => {
      app.clock.set(new Date(requested + 14 * 86_400_000 + 60_000).toISOString());
      await sendDueReminders(app.deps);
    });
    const mails = app.mailer.sent.filter((m) => /Fyll ut statusrapporten|fyll ut statusrapporten/.test(m.subject) && m.text.includes(applicationId));
    expect(mails.map((m) => m.subject.startsWith('[FSU] Påminnelse'))).toEqual([false, true]);
    const linkId = /\/rapport\/([A-Za-z0-9_-]+)/.exec(mails[0]!.text)![1];
    const link = (await app.store.listLinks(applicationId)).find((l) => l.id === linkId)!;
    for (const mail of mails) expect(mail.text).toContain(`Lenken gjelder til ${formatDateTimeNb(link.expiresAt)}.`);
  });
});

describe('the complete application, to the secretariat', () => {
  const completeMail = (applicationId: string) => app.mailer.sent.filter((m) => m.subject.startsWith('[FSU] Komplett søknad') && m.text.includes(applicationId));
  const complete = async (title: string) => {
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland', (a) => (a.title = title)));
    await app.cosignAll(applicationId);
    return applicationId;
  };
  const scheduleStep = (applicationId: string) => runLifecycleStep(app.deps, 'schedule-for-meeting', { applicationId, executionStartTime: app.clock.now().toISOString() });

  it('names the meeting it goes to: the one the scheduling puts it on, a later one when the deadline has passed', async () => {
    const onTime = await complete('Komplett i tide');
    await scheduleStep(onTime);
    const late = await complete('Komplett etter fristen');
    await app.clock.setBackAfter(async () => {
      app.clock.set('2026-12-01T09:00:00.000Z'); // after the deadline of the meeting of 10.12.2026
      await scheduleStep(late);
    });
    for (const [applicationId, meetingId] of [[onTime, '2026-12-10'], [late, '2027-01-28']] as const) {
      expect((await app.store.getApplication(applicationId))!.meetingId).toBe(meetingId);
      const [mail, ...more] = completeMail(applicationId);
      expect(more).toEqual([]);
      expect(mail!.to).toEqual([SECRETARIAT_EMAIL]);
      expect(mail!.text).toContain(`Aktuelt møte: ${formatDateNb(meetingId)}`);
    }
  });

  it('names none when the calendar has no meeting it can reach', async () => {
    const applicationId = await complete('Komplett uten møte');
    await app.clock.setBackAfter(async () => {
      app.clock.set('2028-06-01T09:00:00.000Z'); // after the last meeting in the calendar
      await expect(scheduleStep(applicationId)).rejects.toThrow(/No later meeting/);
    });
    const [mail] = completeMail(applicationId);
    expect(mail!.text).toContain('Alle partene har signert søknaden.');
    expect(mail!.text).not.toContain('Aktuelt møte');
  });
});
