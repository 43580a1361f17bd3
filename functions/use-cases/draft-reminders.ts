// Deadline reminders for drafts, part of the reminder sweep. Apart from drafts.ts: the sweep's
// bundle then carries no application schema (the owner's address is checked by draft-owner.schema).
import { logger } from '../adapters/logger';
import type { Dependencies } from '../composition';
import { draftReminderAt } from '../domain/deadlines';
import { findMeeting } from '../domain/meeting-calendar';
import { draftPath } from '../http/routes';
import { draftDeadlineReminder } from '../mail/templates';
import { draftOwnerEmail } from '../../schemas/draft-owner.schema';
import { pageUrl } from './links';
import { calendarsOnce, type CalendarOf } from './meeting-calendar';
import { notify, schemeMailContext } from './notify';
import { targetMeeting } from './schedule-application';

/**
 * Part of the reminder sweep: the authors of drafts not sent in are reminded of the next submission
 * deadline, once per draft and meeting. A reminder whose meeting the secretariat cancelled is aimed
 * at the next deadline instead. Returns what could not be sent (it stays due).
 */
export async function sendDraftReminders(
  deps: Pick<Dependencies, 'drafts' | 'mailer' | 'scheme' | 'store' | 'clock' | 'publicBaseUrl'>,
  now: Date,
  calendarOf: CalendarOf = calendarsOnce(deps),
): Promise<string[]> {
  const failed: string[] = [];
  for (const draft of await deps.drafts.listDueReminders(now.toISOString())) {
    const reminder = draft.reminder!;
    const scheme = deps.scheme(draft.schemeId);
    const calendar = scheme && (await calendarOf(scheme));
    const meeting = calendar && findMeeting(calendar, reminder.meetingId);
    const owner = draftOwnerEmail(draft.values);
    const valid = Date.parse(draft.expiresAt) > now.getTime();
    if (calendar && !meeting && valid) {
      const next = targetMeeting(scheme, calendar, now);
      const at = next && draftReminderAt(next.submissionDeadline, now);
      if (next && at) {
        await deps.drafts.markReminded(draft.id, reminder, { at, meetingId: next.id });
        continue;
      }
    }
    const relevant = meeting && 'email' in owner && valid && Date.parse(meeting.submissionDeadline) > now.getTime();
    if (relevant) {
      const mail = draftDeadlineReminder(schemeMailContext(scheme), { draftLink: pageUrl(deps, draftPath(draft.id)), meetingTitle: meeting.title, deadline: meeting.submissionDeadline });
      try {
        await notify(deps, `draft-reminder#${draft.id}#${meeting.id}`, [owner.email], mail);
      } catch (error) {
        // The draft's id is its capability: the failure is named by scheme and meeting only.
        logger.warn('Draft reminder not sent; it stays due', { schemeId: scheme.id, meetingId: meeting.id, errorName: (error as Error).name });
        failed.push(`draft-reminder#${scheme.id}#${meeting.id}`);
        continue;
      }
    }
    await deps.drafts.markReminded(draft.id, reminder);
  }
  return failed;
}
