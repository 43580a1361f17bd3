import { describe, expect, it } from 'vitest';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import type { Mailer, OutgoingMail } from '../../functions/ports/mailer';
import { APPROVAL, application, decide, scheduled, startHarness } from '../support/local-system';

describe('the reminder sweep', () => {
  it('sends the other due reminders when one cannot go out, and keeps the failed one due', async () => {
    const h = await startHarness();
    try {
      const a = application({ title: 'Tiltak A med påminnelse' });
      const b = application({ title: 'Tiltak B med påminnelse', owner: { ...application().owner, email: 'eier-b@stavanger.kommune.example' } });
      // Both on the agenda of 10.12.2026, granted there (the report is due whether or not it is paid out yet).
      const [grantA, grantB] = [await scheduled(h, a), await scheduled(h, b)];
      await decide(h, grantA.id, APPROVAL);
      await decide(h, grantB.id, APPROVAL);
      const real = h.system.deps.mailer;
      const sent: OutgoingMail[] = [];
      const failingForA: Mailer = {
        send: async (mail) => {
          if (mail.to.includes(a.owner.email)) throw Object.assign(new Error('Rejected'), { name: 'MessageRejected' });
          sent.push(mail);
          return real.send(mail);
        },
      };
      // Decided in the meeting of 10.12.2026, the status reports are due 10.06.2027; the reminder 14 days before is due on 27.05.
      // Neither grant is invoiced: the first reminders to send the invoice are due since 09.01.2027.
      h.clock.set('2027-05-29T12:00:00.000Z');
      await expect(sendDueReminders({ ...h.system.deps, mailer: failingForA })).rejects.toThrow(/could not be sent/);
      expect(sent.map((m) => m.to).flat()).toContain('eier-b@stavanger.kommune.example');
      const stillDue = await h.system.deps.store.listDueReminders(h.clock.now().toISOString());
      // A's two stay due; B's invoice reminder went out, and its next one counts from now (not due yet).
      expect(stillDue.map((r) => [r.applicationId, r.kind])).toEqual([[grantA.id, 'invoice-missing'], [grantA.id, 'status-report-due']]);
      // Once mail works again, the next sweep sends them.
      await expect(sendDueReminders(h.system.deps)).resolves.toMatchObject({ sent: 2 });
      expect(await h.system.deps.store.listDueReminders(h.clock.now().toISOString())).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
