// The reminder sweep over time. Reminders that chain, each planning the next: a report past its
// deadline is chased every fortnight until it comes, and partners who have not signed are reminded
// weekly; after weeks without a sweep (or SES), not all the missed ones at once, and not a reminder
// a later one (or the deadline) has overtaken; a run short of time leaves the rest for the next.
// The secretariat gets the first overdue reminder in copy (a scheme may want more), sees the rest
// on the overdue page, and is told when they end ("Rapport mangler").
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { addDays, osloDateOf, osloInstant } from '../../functions/domain/oslo-time';
import type { Dependencies } from '../../functions/composition';

const app = useTestApp();
const SECRETARIAT_EMAIL = 'fsu-sekretariat@helse-stavanger.example';

/** A running grant: its id, its contact person's address and its status report's deadline. */
async function runningGrant() {
  const { applicationId } = await app.active();
  const { allocation, ownerEmail } = (await app.store.getApplication(applicationId))!;
  return { applicationId, ownerEmail, due: allocation!.statusReportDue };
}

/** A submitted application whose workflow's first step has run: the signing requests mailed, the first reminders planned. */
async function awaitingSignatures(): Promise<string> {
  const { applicationId } = await app.submit();
  await runLifecycleStep(app.deps, 'request-cosignatures', { applicationId, executionStartTime: app.clock.now().toISOString() });
  return applicationId;
}

/** The first overdue reminder of the status report, as the workflow plans it when the grant begins; each one sent plans the next. */
function planFirstOverdue(applicationId: string, due: string): Promise<boolean> {
  return app.store.putReminder({ id: `${applicationId}#status-report-overdue#${due}#1`, applicationId, schemeId: 'sor-rogaland', kind: 'status-report-overdue', dueAt: osloInstant(addDays(due, 1), '09:00').toISOString(), seq: 1, reportDue: due });
}

/** Three overdue reminders of a grant's status report, as the sweep sends them, and the copies each went with. */
async function overdueCopies(deps: Dependencies): Promise<string[][]> {
  const { applicationId, ownerEmail, due } = await runningGrant();
  return app.clock.setBackAfter(async () => {
    await planFirstOverdue(applicationId, due);
    for (const day of [2, 16, 30]) {
      app.clock.set(osloInstant(addDays(due, day), '12:00').toISOString());
      await sendDueReminders(deps);
    }
    const overdue = app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.text.includes(applicationId) && m.subject.startsWith('[FSU] Fristen er passert: statusrapport'));
    return overdue.map((m) => m.cc ?? []);
  });
}

describe('the reminder sweep over time: chains, copies to the secretariat, reminders overtaken, a short run', () => {
  it('the first goes in copy, the ones after it to the owner alone', async () => {
    expect(await overdueCopies(app.deps)).toEqual([[SECRETARIAT_EMAIL], [], []]);
  });

  it('a scheme that wants more of them in copy says how many', async () => {
    const base = app.deps.scheme('sor-rogaland')!;
    const more = { ...base, reminders: { ...base.reminders, overdueCopiesToSecretariat: 2 } };
    expect(await overdueCopies({ ...app.deps, scheme: (id) => (id === base.id ? more : app.deps.scheme(id)) })).toEqual([[SECRETARIAT_EMAIL], [SECRETARIAT_EMAIL], []]);
  });

  it('the overdue page and the case say how the reports are chased, and which reminders go in copy', async () => {
    const { applicationId, due } = await runningGrant();
    await planFirstOverdue(applicationId, due);
    await app.clock.setBackAfter(async () => {
      app.clock.set(osloInstant(addDays(due, 1), '08:00').toISOString());
      const html = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
      const overdue = await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: html, claims: SECRETARIAT }), 'page-overdue-reports');
      expect(overdue.status, overdue.text).toBe(200);
      expect(overdue.text).toContain('Purringene går hver 14. dag til rapporten kommer, høyst 12 ganger; sekretariatet får den første i kopi, og beskjed når purringene slutter.');
      const listed = await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: SECRETARIAT });
      expect(listed.body.overdueRhythm).toEqual({ everyDays: 14, atMost: 12, copies: 1 });
    });
  });

  it('after weeks without a sweep (or SES), the late reminder goes out and the next a fortnight from then, not at once', async () => {
    const { applicationId, ownerEmail, due } = await runningGrant();
    const sentAt: string[] = [];
    const overdue = () => app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.text.includes(applicationId) && m.subject.startsWith('[FSU] Fristen er passert: statusrapport'));
    const sweepAt = async (iso: string) => {
      app.clock.set(iso);
      const before = overdue().length;
      await sendDueReminders(app.deps);
      if (overdue().length > before) sentAt.push(iso);
    };
    await app.clock.setBackAfter(async () => {
      await planFirstOverdue(applicationId, due);
      // Nothing went out for 30 days; then the sweep runs every 15 minutes for an hour, and on.
      const back = osloInstant(addDays(due, 31), '09:00').getTime();
      for (let i = 0; i <= 4; i++) await sweepAt(new Date(back + i * 15 * 60_000).toISOString());
      expect(sentAt).toEqual([new Date(back).toISOString()]);
      await sweepAt(new Date(back + 13 * 86_400_000).toISOString());
      await sweepAt(new Date(back + 14 * 86_400_000 + 60_000).toISOString());
      expect(sentAt).toEqual([new Date(back).toISOString(), new Date(back + 14 * 86_400_000 + 60_000).toISOString()]);
    });
  });

  it('partners who have not signed: after weeks without a sweep, one reminder each, and the next a week from then', async () => {
    const applicationId = await awaitingSignatures();
    const first = (await app.store.listPendingReminders(applicationId)).find((r) => r.kind === 'cosign')!;
    const partners = (await app.store.getVersion(applicationId, 1))!.data.partners.map((p) => p.email);
    const reminded = () => app.mailer.sent.filter((m) => partners.some((p) => m.to.includes(p)) && m.subject.startsWith('[FSU] Påminnelse: søknaden') && m.text.includes(applicationId)).length;
    await app.clock.setBackAfter(async () => {
      // Twenty days late: one sweep every 15 minutes for an hour sends each waiting partner one reminder.
      const back = Date.parse(first.dueAt) + 20 * 86_400_000;
      for (let i = 0; i <= 4; i++) {
        app.clock.set(new Date(back + i * 15 * 60_000).toISOString());
        await sendDueReminders(app.deps);
      }
      expect(reminded()).toBe((await app.cosignLinks(applicationId)).length);
      expect((await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'cosign').map((r) => [r.dueAt, r.seq])).toEqual([[new Date(back + 7 * 86_400_000).toISOString(), 2]]);
    });
  });

  it("a partner's reminder says which meeting the application still reaches if everyone signs by its deadline", async () => {
    const applicationId = await awaitingSignatures();
    const first = (await app.store.listPendingReminders(applicationId)).find((r) => r.kind === 'cosign')!;
    await app.clock.setBackAfter(async () => {
      app.clock.set(first.dueAt);
      await sendDueReminders(app.deps);
      const reminder = app.mailer.sent.find((m) => m.subject.startsWith('[FSU] Påminnelse: søknaden') && m.text.includes(applicationId))!;
      const { meetingDate, deadline } = /Signerer alle partene innen (?<deadline>\d\d\.\d\d\.\d{4} kl\. 23\.59), behandles søknaden i FSU-møtet (?<meetingDate>\d\d\.\d\d\.\d{4})\. Ellers går den til et senere møte\./.exec(reminder.text)!.groups!;
      // The same meeting the owner's page names as within reach.
      const owner = (await app.call('get-owner-view', { pathParameters: { linkId: (await app.store.listLinks(applicationId)).find((l) => l.purpose === 'owner')!.id } })).body;
      expect(meetingDate).toBe(owner.nextMeeting.date.split('-').reverse().join('.'));
      expect(deadline?.slice(0, 10)).toBe(osloDateOf(new Date(owner.nextMeeting.submissionDeadline)).split('-').reverse().join('.'));
    });
  });

  it('a reminder before the deadline held up past it is not sent (the overdue ones follow)', async () => {
    const { applicationId, ownerEmail, due } = await runningGrant();
    const before = (at: string) => app.store.putReminder({ id: `${applicationId}#status-report-due#${at}`, applicationId, schemeId: 'sor-rogaland', kind: 'status-report-due', dueAt: at, reportDue: due });
    const dueMails = () => app.mailer.sent.filter((m) => m.to.includes(ownerEmail) && m.text.includes(applicationId) && m.subject.startsWith('[FSU] Påminnelse: statusrapport'));
    await app.clock.setBackAfter(async () => {
      await before(osloInstant(addDays(due, -14), '09:00').toISOString());
      // Swept on the deadline's own day: still true, sent.
      app.clock.set(osloInstant(due, '12:00').toISOString());
      await sendDueReminders(app.deps);
      expect(dueMails()).toHaveLength(1);
      // Another one held up until the day after: not sent, and not left due.
      await before(osloInstant(addDays(due, -13), '09:00').toISOString());
      app.clock.set(osloInstant(addDays(due, 1), '08:00').toISOString());
      await sendDueReminders(app.deps);
      expect(dueMails()).toHaveLength(1);
      expect((await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'status-report-due')).toEqual([]);
    });
  });

  it('sent in on the morning before its deadline: no reminder of the deadline half an hour after the receipt that gave it', async () => {
    const earlier = await awaitingSignatures();
    const [dayBefore] = (await app.store.listPendingReminders(earlier)).filter((r) => r.kind === 'submission-deadline').slice(-1);
    await app.clock.setBackAfter(async () => {
      // 08:30 Oslo on the day the last reminder of that deadline is due (09:00).
      app.clock.set(new Date(Date.parse(dayBefore!.dueAt) - 30 * 60_000).toISOString());
      const late = await awaitingSignatures();
      expect((await app.store.listPendingReminders(late)).filter((r) => r.kind === 'submission-deadline')).toEqual([]);
      expect((await app.store.listPendingReminders(late)).some((r) => r.kind === 'cosign')).toBe(true);
    });
  });

  it('after an outage over both reminders of a submission deadline, the owner gets one (the later), not two', async () => {
    const applicationId = await awaitingSignatures();
    // A day before the deadline (a week before was past at submission); the week's one as a submission a week earlier would have had it.
    const [dayBefore] = (await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'submission-deadline');
    const weekBefore = new Date(Date.parse(dayBefore!.dueAt) - 6 * 86_400_000).toISOString();
    await app.store.putReminder({ ...dayBefore!, id: dayBefore!.id.replace(dayBefore!.dueAt, weekBefore), dueAt: weekBefore });
    const planned = [Date.parse(weekBefore), Date.parse(dayBefore!.dueAt)];
    const reminded = () => app.mailer.sent.filter((m) => m.subject.startsWith('[FSU] Påminnelse: søknadsfristen') && m.text.includes(applicationId));
    await app.clock.setBackAfter(async () => {
      app.clock.set(new Date(planned[1]! + 10 * 60_000).toISOString());
      await sendDueReminders(app.deps);
      await sendDueReminders(app.deps);
      expect(reminded()).toHaveLength(1);
      expect((await app.store.listPendingReminders(applicationId)).filter((r) => r.kind === 'submission-deadline')).toEqual([]);
    });
  });

  it('a sweep short of time stops taking reminders; the rest stay due and go with the next run', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      ids.push(await awaitingSignatures());
    }
    const cosign = async () => (await Promise.all(ids.map((id) => app.store.listPendingReminders(id)))).flat().filter((r) => r.kind === 'cosign');
    const firstDue = Math.max(...(await cosign()).map((r) => Date.parse(r.dueAt)));
    await app.clock.setBackAfter(async () => {
      app.clock.set(new Date(firstDue + 60_000).toISOString());
      const due = (await app.store.listDueReminders(app.clock.now().toISOString())).length;
      expect(due).toBeGreaterThanOrEqual(2);
      // Time for one reminder only (the function's time left falls below the margin after it).
      let calls = 0;
      const result = await sendDueReminders(app.deps, { timeLeftMs: () => (calls++ === 0 ? 20_000 : 5_000) });
      expect(result).toMatchObject({ left: due - 1 });
      expect(result.sent + result.skipped).toBe(1);
      expect(await app.store.listDueReminders(app.clock.now().toISOString())).toHaveLength(due - 1);
      expect(await sendDueReminders(app.deps)).toMatchObject({ left: 0 });
      expect(await app.store.listDueReminders(app.clock.now().toISOString())).toEqual([]);
    });
  });
});
