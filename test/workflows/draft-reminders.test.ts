// The reminder sweep reminds the author of a draft not sent in that the next submission deadline is
// coming (3 days before it), once per draft and meeting; a draft sent in or deleted gets nothing.
import { describe, expect, it } from 'vitest';
import { dependencies, overrideDependencies } from '../../functions/composition';
import { ReminderSweepIncomplete, sendDueReminders } from '../../functions/use-cases/send-reminders';
import { saveDraft, deleteDraft } from '../../functions/use-cases/drafts';
import { cancelMeeting } from '../../functions/use-cases/cancel-meeting';
import { staffActor } from '../../functions/use-cases/move-application';
import { useTestApp } from '../support/test-app';

const app = useTestApp();

const reminders = (to: string) => app.mailer.sent.filter((m) => m.to.includes(to) && m.idempotencyKey.startsWith('draft-reminder#'));
const save = (email: string, formKey: string, draftId?: string) =>
  saveDraft(app.deps, { schemeId: 'sor-rogaland', form: { title: 'Utkast', 'owner.email': email }, formKey, ...(draftId ? { draftId } : {}) });

describe('deadline reminders for drafts', () => {
  it('3 days before the deadline, once, with the link; not for a draft deleted or sent in; a failed send stays due', async () => {
    const { draft } = await save('husker@kommune.example', 'skjema-paminnelse-1');
    const { draft: deleted } = await save('slettet@kommune.example', 'skjema-paminnelse-2');
    const { draft: failing } = await save('feiler@kommune.example', 'skjema-paminnelse-3');
    // Sør-Rogaland's deadline for 10.12 is the end of 26.11 (Oslo): the reminder is due at the end of 23.11.
    expect(draft.reminder).toEqual({ at: '2026-11-23T22:59:59.999Z', meetingId: '2026-12-10' });
    await deleteDraft(app.deps, deleted.id, 'sor-rogaland');

    app.clock.set('2026-11-23T22:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(reminders('husker@kommune.example')).toEqual([]);

    app.clock.set('2026-11-23T23:15:00.000Z');
    const send = app.mailer.send.bind(app.mailer);
    overrideDependencies({ mailer: { send: async (mail) => (mail.to.includes('feiler@kommune.example') ? Promise.reject(new Error('SES nede')) : send(mail)) } });
    try {
      await expect(sendDueReminders(dependencies())).rejects.toBeInstanceOf(ReminderSweepIncomplete);
    } finally {
      overrideDependencies({ mailer: app.mailer });
    }
    const [mail] = reminders('husker@kommune.example');
    expect(mail!.subject).toBe('[FSU] Påminnelse: utkastet til søknaden er ikke sendt inn');
    expect(mail!.text).toContain('Søknadsfrist: 26.11.2026 kl. 23.59');
    expect(mail!.text).toContain(`Fortsett på utkastet:\nhttps://tilskudd.example/soknad/utkast/${draft.id}\n`);
    expect(reminders('slettet@kommune.example')).toEqual([]);
    expect(reminders('feiler@kommune.example')).toEqual([]);

    // The next sweeps: nothing twice; the failed one goes out now.
    app.clock.set('2026-11-24T09:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(reminders('husker@kommune.example')).toHaveLength(1);
    expect(reminders('feiler@kommune.example')).toHaveLength(1);
    expect(await app.deps.drafts.listDueReminders('2026-11-24T09:00:00.000Z')).toEqual([]);
    expect((await app.deps.drafts.get(failing.id))!.reminder).toBeDefined();
  });

  it('a save after the reminder aims at the next deadline: 1 day before it when 3 days before is too close, none when closer', async () => {
    app.clock.set('2026-11-24T09:00:00.000Z');
    const { draft } = await save('sen@kommune.example', 'skjema-paminnelse-4');
    expect(draft.reminder).toEqual({ at: '2026-11-25T22:59:59.999Z', meetingId: '2026-12-10' });
    app.clock.set('2026-11-25T12:00:00.000Z');
    const { draft: late } = await save('sen@kommune.example', 'skjema-paminnelse-4', draft.id);
    expect(late.reminder).toBeUndefined();
    expect((await app.deps.drafts.listDueReminders('2026-11-27T00:00:00.000Z')).map((d) => d.id)).not.toContain(draft.id);
    // After the deadline a save aims at the next meeting's.
    app.clock.set('2026-11-27T09:00:00.000Z');
    const { draft: next } = await save('sen@kommune.example', 'skjema-paminnelse-4', draft.id);
    expect(next.reminder?.meetingId).not.toBe('2026-12-10');
    expect(Date.parse(next.reminder!.at)).toBeGreaterThan(Date.parse('2026-11-27T09:00:00.000Z'));
  });

  it('a reminder whose meeting the secretariat cancelled is aimed at the next deadline, and goes out before that one', async () => {
    app.clock.set('2026-12-20T09:00:00.000Z');
    const { draft } = await save('avlyst@kommune.example', 'skjema-paminnelse-5');
    // 28.01's deadline is the end of 14.01: the reminder is due 3 days before.
    expect(draft.reminder).toEqual({ at: '2027-01-11T22:59:59.999Z', meetingId: '2027-01-28' });
    await cancelMeeting(app.deps, 'sor-rogaland', '2027-01-28', {}, staffActor({ subject: 'sek-1' }, 'secretariat'));

    app.clock.set('2027-01-12T09:00:00.000Z');
    await sendDueReminders(app.deps);
    expect(reminders('avlyst@kommune.example')).toEqual([]);
    // 25.02's deadline is the end of 11.02.
    expect((await app.deps.drafts.get(draft.id))!.reminder).toEqual({ at: '2027-02-08T22:59:59.999Z', meetingId: '2027-02-25' });
    expect((await app.deps.drafts.listDueReminders('2027-01-12T09:00:00.000Z')).map((d) => d.id)).not.toContain(draft.id);

    app.clock.set('2027-02-09T09:00:00.000Z');
    await sendDueReminders(app.deps);
    const [mail] = reminders('avlyst@kommune.example');
    expect(mail!.text).toContain('Søknadsfrist: 11.02.2027 kl. 23.59');
    expect(reminders('avlyst@kommune.example')).toHaveLength(1);
  });
});
