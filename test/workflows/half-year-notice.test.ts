// 002: "FSU orienterer halvårlig SSU om bruk og effekt". In the month after each half-year the
// reminder sweep tells every running scheme's secretariat, once, that the report is due.
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
