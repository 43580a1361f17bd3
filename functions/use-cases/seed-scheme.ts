import { meetingStartsAt, submissionDeadline } from '../domain/deadlines';
import type { Meeting } from '../domain/model';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export function meetingsOf(scheme: SchemeConfig): Meeting[] {
  return scheme.meetings.map((m) => ({
    schemeId: scheme.id,
    id: m.date,
    date: m.date,
    title: m.title,
    startsAt: meetingStartsAt({ id: m.date, date: m.date, time: m.time }).toISOString(),
    submissionDeadline: submissionDeadline(m.date, scheme.submissionLeadDays).toISOString(),
  }));
}

/** Writes a community's meeting calendar and yearly pots. Safe to repeat: never resets a pot in use. */
export async function seedScheme(deps: Pick<Dependencies, 'store'>, scheme: SchemeConfig): Promise<void> {
  await deps.store.putMeetings(meetingsOf(scheme));
  for (const [year, total] of Object.entries(scheme.yearlyPotNok)) {
    await deps.store.ensurePot(scheme.id, Number(year), total);
  }
}
