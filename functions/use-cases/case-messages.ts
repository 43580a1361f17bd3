// The messages between the secretariat and the project's contact person, both ways: each is kept on
// the case's history, and a reminder due at once makes the next sweep mail it (HTTP functions send
// no mail). The sweep finds the text by the instant it was recorded (caseMessages).
import { ConflictError } from '../domain/errors';
import { caseMessages, OWNER_MESSAGED, OWNER_MESSAGES_PER_DAY, OWNER_WROTE, type CaseMessage } from '../domain/case-contacts';
import type { Actor, ApplicationRecord, ReminderKind } from '../domain/model';
import type { Dependencies } from '../composition';
import { recordOnHistory } from './move-application';

const DIRECTIONS: Record<CaseMessage['from'], { action: string; reminder: ReminderKind; perDay?: number }> = {
  secretariat: { action: OWNER_MESSAGED, reminder: 'owner-message' },
  // a link anyone holding it can use should not flood the secretariat
  owner: { action: OWNER_WROTE, reminder: 'secretariat-message', perDay: OWNER_MESSAGES_PER_DAY },
};

/** A double click, or a retry, within this long of a message with the same text is that message. */
const SAME_MESSAGE_MS = 60_000;

/**
 * Records a message from `from` on the case (read fresh by the caller: withFreshRead) and leaves its
 * mail to the next sweep. The same text again within SAME_MESSAGE_MS is the same message (changed
 * false, its reminder put again, which is a no-op once there).
 */
export async function writeCaseMessage(deps: Dependencies, app: ApplicationRecord, from: CaseMessage['from'], actor: Actor, message: string): Promise<{ application: ApplicationRecord; changed: boolean }> {
  const { action, reminder, perDay } = DIRECTIONS[from];
  const now = deps.clock.now().getTime();
  const mine = caseMessages(app.history).filter((m) => m.from === from);
  const last = mine.at(-1);
  const repeat = last?.message === message && now - Date.parse(last.at) < SAME_MESSAGE_MS;
  if (!repeat && perDay !== undefined && mine.filter((m) => now - Date.parse(m.at) < 86_400_000).length >= perDay) {
    throw new ConflictError('Du har sendt mange meldinger det siste døgnet. Skriv til sekretariatet på e-post, eller vent til i morgen.', 'too_many_messages');
  }
  const application = repeat ? app : await recordOnHistory(deps, app, action, actor, { details: { message } });
  const at = application.history.findLast((e) => e.action === action)!.at;
  await deps.store.putReminder({ id: `${app.id}#${action}#${at}`, applicationId: app.id, schemeId: app.schemeId, kind: reminder, dueAt: at });
  return { application, changed: !repeat };
}
