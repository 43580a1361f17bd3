// Notices the reminder sweep sends each running scheme's secretariat, once: the agenda is complete
// when a meeting's submission deadline passes; the half-yearly report is due when a half-year ends
// (002: "FSU orienterer halvårlig SSU om bruk og effekt").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runningSchemeIds } from '../../functions/composition';
import type { Mailer } from '../../functions/ports/mailer';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { startTestApp, type TestApp } from '../support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => app?.stop());

const notices = () => app.mailer.sent.filter((m) => m.idempotencyKey.startsWith('half-year#'));
const agendaNotices = () => app.mailer.sent.filter((m) => m.idempotencyKey.startsWith('agenda-closed#'));

describe('the agenda is complete', () => {
  it('when the submission deadline passes, the secretariat gets the open cases and the link to the agenda, once', async () => {
    await app.scheduled('sor-rogaland', (a) => (a.title = 'Felles ambulant team i Jæren'));
    const sorRogaland = app.scheme('sor-rogaland');
    await sendDueReminders(app.deps);
    // Innlandet's December deadline (19.11) has passed, Sør-Rogaland's (26.11) has not.
    expect(agendaNotices().map((m) => m.subject)).toEqual(['[SSU] Sakslisten er klar: SSU-møte desember 2026']);

    app.clock.set('2026-11-26T23:30:00.000Z'); // 00:30 on 27 November in Oslo
    await sendDueReminders(app.deps);
    const notice = agendaNotices().find((m) => m.to.includes(sorRogaland.secretariatEmail))!;
    expect(notice.subject).toBe('[FSU] Sakslisten er klar: FSU-møte desember 2026');
    expect(notice.text).toContain('Søknadsfristen for FSU-møte desember 2026 gikk ut 26.11.2026 kl. 23.59.');
    expect(notice.text).toContain('Saker: 1\nOmsøkt i alt: 850 000 kr');
    expect(notice.text).toContain('Sakene på listen:\n- Felles ambulant team i Jæren');
    expect(notice.text).toContain(`Åpne sakslisten:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/moter/2026-12-10\n`);

    // Later sweeps before the meeting send nothing new for it (other communities' deadlines pass meanwhile).
    app.clock.set('2026-12-05T12:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(agendaNotices().filter((m) => m.idempotencyKey === 'agenda-closed#sor-rogaland#2026-12-10')).toHaveLength(1);
    expect(agendaNotices().filter((m) => m.idempotencyKey === 'agenda-closed#innlandet#2026-12-03')).toHaveLength(1);
  });
});

describe('the half-year notice', () => {
  it('goes to each secretariat once in the month after a half-year, with the link to that period\'s report; never in other months', async () => {
    const schemes = runningSchemeIds(app.deps);
    app.clock.set('2026-12-31T12:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(notices()).toEqual([]);

    app.clock.set('2026-12-31T23:15:00.000Z'); // 00:15 on 1 January in Oslo
    await sendDueReminders(app.deps);
    expect(notices().map((m) => m.to)).toEqual(schemes.map((id) => [app.scheme(id).secretariatEmail]));
    const sorRogaland = notices().find((m) => m.to.includes(app.scheme('sor-rogaland').secretariatEmail))!;
    expect(sorRogaland.subject).toBe('[FSU] Halvårsrapport om bruk og effekt for 01.07.2026–31.12.2026');
    expect(sorRogaland.text).toContain('Halvåret 01.07.2026–31.12.2026 er omme. FSU orienterer SSU hvert halvår om bruken og effekten av tilskuddet.');
    // Where the deciding committee is the one informed (Innlandet's SSU), it is not told to inform itself.
    const innlandet = notices().find((m) => m.to.includes(app.scheme('innlandet').secretariatEmail))!;
    expect(innlandet.text).toContain('er omme. SSU skal hvert halvår orienteres om bruken og effekten av tilskuddet.');
    expect(innlandet.text).not.toContain('SSU orienterer SSU');
    expect(sorRogaland.text).toContain(`Åpne halvårsrapporten:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/halvarsrapport\n`);

    // The month's later sweeps send nothing new, and a warm container does not even ask the outbox;
    // February has none; July has the first half-year's.
    app.clock.set('2027-01-20T12:00:00.000Z');
    const asked = vi.spyOn(app.deps.mailer, 'send');
    await sendDueReminders(app.deps);
    expect(asked.mock.calls.filter(([m]) => m.idempotencyKey.startsWith('half-year#'))).toEqual([]);
    asked.mockRestore();
    app.clock.set('2027-02-01T12:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(notices()).toHaveLength(schemes.length);
    app.clock.set('2027-07-01T08:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(notices().slice(schemes.length).map((m) => m.subject)).toContain('[FSU] Halvårsrapport om bruk og effekt for 01.01.2027–30.06.2027');
    expect(notices()).toHaveLength(2 * schemes.length);
  });

  it('is sent by the first sweep after a mail outage, once', async () => {
    const real = app.deps.mailer;
    const down: Mailer = { send: async () => Promise.reject(Object.assign(new Error('Throttled'), { name: 'Throttling' })) };
    app.clock.set('2028-01-03T12:00:00.000Z');
    await expect(sendDueReminders({ ...app.deps, mailer: down })).rejects.toThrow(/could not be sent/);
    expect(notices().filter((m) => m.subject.includes('01.07.2027–31.12.2027'))).toEqual([]);
    await sendDueReminders({ ...app.deps, mailer: real });
    await sendDueReminders({ ...app.deps, mailer: real });
    expect(notices().filter((m) => m.subject.includes('01.07.2027–31.12.2027'))).toHaveLength(runningSchemeIds(app.deps).length);
  });
});
