// Notices the reminder sweep sends each running scheme's secretariat, once: the agenda is complete
// when a meeting's submission deadline passes; the half-yearly report is due when a half-year ends
// (002: "FSU orienterer halvårlig SSU om bruk og effekt").
import { describe, expect, it, vi } from 'vitest';
import { runningSchemeIds } from '../../functions/composition';
import type { Mailer } from '../../functions/ports/mailer';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { SECRETARIAT, useTestApp } from '../support/test-app';

const app = useTestApp();

const notices = () => app.mailer.sent.filter((m) => m.idempotencyKey.startsWith('half-year#'));
const agendaNotices = () => app.mailer.sent.filter((m) => m.idempotencyKey.startsWith('agenda-closed#'));
/** One reminder sweep at that moment. */
async function sweepAt(iso: string): Promise<void> {
  app.clock.set(iso);
  await sendDueReminders(app.deps);
}

/** None of these mails by a sweep at `before`; a sweep at `at` sends one to each running scheme's secretariat. Returns Sør-Rogaland's. */
async function onePerSecretariat(sent: () => typeof app.mailer.sent, before: string, at: string) {
  await sweepAt(before);
  expect(sent()).toEqual([]);
  await sweepAt(at);
  expect(sent().map((m) => m.to)).toEqual(runningSchemeIds(app.deps).map((id) => [app.scheme(id).secretariatEmail]));
  return sent().find((m) => m.to.includes(app.scheme('sor-rogaland').secretariatEmail))!;
}

describe('the agenda is complete', () => {
  it('when the submission deadline passes, the secretariat gets the open cases and the link to the agenda, once', async () => {
    // Two cases of one title: the mail tells them apart by their numbers on the agenda and their case numbers.
    const first = await app.scheduled('sor-rogaland', (a) => (a.title = 'Felles ambulant team i Jæren'));
    const second = await app.scheduled('sor-rogaland', (a) => { a.title = 'Felles ambulant team i Jæren'; a.challenge = `${a.challenge} Nå også for Klepp.`; });
    const sorRogaland = app.scheme('sor-rogaland');
    await sendDueReminders(app.deps);
    // Innlandet's December deadline (19.11) has passed, Sør-Rogaland's (26.11) has not.
    expect(agendaNotices().map((m) => m.subject)).toEqual(['[SSU] Sakslisten er klar: SSU-møte desember 2026']);
    // Nothing on it: no papers to send, and the meeting may be cancelled.
    expect(agendaNotices()[0]!.text).toContain('Saker: Ingen');
    expect(agendaNotices()[0]!.text).toContain('Ingen søknader er satt opp til møtet. Trengs det ikke for andre saker, kan du avlyse det på møteplanen');
    expect(agendaNotices()[0]!.text).not.toContain('Sakspapirene kan nå sendes');

    await sweepAt('2026-11-26T23:30:00.000Z'); // 00:30 on 27 November in Oslo
    const notice = agendaNotices().find((m) => m.to.includes(sorRogaland.secretariatEmail))!;
    expect(notice.subject).toBe('[FSU] Sakslisten er klar: FSU-møte desember 2026');
    expect(notice.text).toContain('Søknadsfristen for FSU-møte desember 2026 gikk ut 26.11.2026 kl. 23.59.');
    expect(notice.text).toContain('Saker: 2\nOmsøkt i alt: 1 700 000 kr');
    // Under the numbers the agenda gives them ("Sak 1" in the mail is "Sak 1" on the agenda).
    const agenda = await app.call('get-agenda', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2026-12-10' }, as: SECRETARIAT });
    const items: Array<{ number: number; applicationId: string }> = agenda.body.items;
    expect(items.map((i) => i.applicationId).sort()).toEqual([first.applicationId, second.applicationId].sort());
    expect(notice.text).toContain(`Sakene på listen:\n${items.map((i) => `- Sak ${i.number}: Felles ambulant team i Jæren (saksnummer ${i.applicationId})\n`).join('')}`);
    expect(items.map((i) => i.number)).toEqual([1, 2]);
    expect(notice.text).toContain('Sakspapirene kan nå sendes til FSUs medlemmer.');
    expect(notice.text).toContain(`Åpne sakslisten:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/moter/2026-12-10\n`);

    // Later sweeps before the meeting send nothing new for it (other communities' deadlines pass meanwhile).
    await sweepAt('2026-12-05T12:00:00.000Z');
    expect(agendaNotices().filter((m) => m.idempotencyKey === 'agenda-closed#sor-rogaland#2026-12-10')).toHaveLength(1);
    expect(agendaNotices().filter((m) => m.idempotencyKey === 'agenda-closed#innlandet#2026-12-03')).toHaveLength(1);
  });
});

describe('the half-year notice', () => {
  it('goes to each secretariat once in the month after a half-year, with the link to that period\'s report; never in other months', async () => {
    const schemes = runningSchemeIds(app.deps);
    const sorRogaland = await onePerSecretariat(notices, '2026-12-31T12:00:00.000Z', '2026-12-31T23:15:00.000Z'); // 00:15 on 1 January in Oslo
    expect(sorRogaland.subject).toBe('[FSU] Halvårsrapport om bruk og effekt for 01.07.2026–31.12.2026');
    expect(sorRogaland.text).toContain('Halvåret 01.07.2026–31.12.2026 er omme. FSU orienterer SSU hvert halvår om bruken og effekten av tilskuddet.');
    // Half-yearly reporting to SSU is Sør-Rogaland's rule (002): a community configured with no such
    // recipient gets the report's link without a claim that anyone is informed every half-year.
    for (const schemeId of ['lofoten-vesteralen-salten', 'innlandet', 'sondre-trondelag']) {
      const other = notices().find((m) => m.to.includes(app.scheme(schemeId).secretariatEmail))!;
      expect(other.text, schemeId).toContain('Halvåret 01.07.2026–31.12.2026 er omme.\n');
      expect(other.text, schemeId).not.toMatch(/orienter|hvert halvår/);
    }
    expect(sorRogaland.text).toContain(`Åpne halvårsrapporten:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/halvarsrapport\n`);
    // The year is over too: the annual report to the regional health authority, with the whole year's link.
    expect(sorRogaland.text).toContain('Året 2026 er også omme. Helseforetaket rapporterer om tilskuddet til det regionale helseforetaket i årlig melding');
    expect(sorRogaland.text).toContain(`Åpne rapporten for hele 2026:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/halvarsrapport?fra=2026-01-01&til=2026-12-31\n`);

    // The month's later sweeps send nothing new, and a warm container does not even ask the outbox;
    // February has none; July has the first half-year's.
    app.clock.set('2027-01-20T12:00:00.000Z');
    const asked = vi.spyOn(app.deps.mailer, 'send');
    await sendDueReminders(app.deps);
    expect(asked.mock.calls.filter(([m]) => m.idempotencyKey.startsWith('half-year#'))).toEqual([]);
    asked.mockRestore();
    await sweepAt('2027-02-01T12:00:00.000Z');
    expect(notices()).toHaveLength(schemes.length);
    await sweepAt('2027-07-01T08:00:00.000Z');
    expect(notices().slice(schemes.length).map((m) => m.subject)).toContain('[FSU] Halvårsrapport om bruk og effekt for 01.01.2027–30.06.2027');
    // The first half-year does not end the year.
    expect(notices().slice(schemes.length).every((m) => !m.text.includes('årlig melding'))).toBe(true);
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

describe('the report to the regional health authority before its follow-up meeting', () => {
  const followUp = () => app.mailer.sent.filter((m) => m.idempotencyKey.startsWith('regional-follow-up#'));

  it('is asked of each secretariat once, in the month before the meeting (November), with the year so far', async () => {
    const sorRogaland = await onePerSecretariat(followUp, '2028-09-30T12:00:00.000Z', '2028-09-30T22:15:00.000Z'); // 00:15 on 1 October in Oslo
    expect(sorRogaland.subject).toBe('[FSU] Rapportering til det regionale helseforetaket før oppfølgingsmøtet i november');
    expect(sorRogaland.text).toContain('Rapporten for året så langt (01.01.2028–01.10.2028) er klar i saksbehandlingen');
    expect(sorRogaland.text).toContain(`Åpne rapporten for året så langt:\n${app.deps.publicBaseUrl}/sekretariat/sor-rogaland/halvarsrapport?fra=2028-01-01&til=2028-10-01\n`);

    // Once: not again in October, and not in November.
    await sweepAt('2028-10-20T12:00:00.000Z');
    await sweepAt('2028-11-02T12:00:00.000Z');
    expect(followUp()).toHaveLength(runningSchemeIds(app.deps).length);
  });
});
