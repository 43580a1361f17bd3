// Notices to each running scheme's secretariat that no single application owns, sent by the reminder
// sweep: the agenda is closed when a meeting's submission deadline passes, the half-yearly report
// is due when a half-year ends (and the annual one when the year does), and the report to the
// regional health authority before its follow-up meeting. Each goes out once (its mail key); a failure leaves the sweep
// incomplete and the next sweep tries again.
import { agendaDemand } from '../domain/pot';
import { halfYearJustEnded, regionalFollowUpDue } from '../domain/grant-period';
import type { Calendar } from '../domain/meeting-calendar';
import type { Meeting } from '../domain/model';
import { osloDateOf } from '../domain/oslo-time';
import { openOnAgenda } from '../domain/status-transitions';
import { agendaPath, halfYearReportPath } from '../http/routes';
import { runningSchemeIds, type Dependencies } from '../composition';
import * as mail from '../mail/templates';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { logger } from '../adapters/logger';
import { pageUrl } from './links';
import { loadScheme } from './load-application';
import { calendarsOnce, type CalendarOf } from './meeting-calendar';
import { meetingCases } from './committee';
import { notify, schemeMailContext } from './notify';

/**
 * The notices a warm container knows are sent, so its later sweeps do not ask the outbox (or read
 * an agenda) again. Per mailer: one system per container in AWS, several in one process in tests.
 */
const noticesSent = new WeakMap<object, Set<string>>();

interface Notice {
  key: string;
  /** renders the mail (may read the table); called only for a notice not known to be sent */
  mail(): Promise<mail.RenderedMail>;
}

/** Sends the notices due now; returns the keys of those that could not be sent. */
export async function sendSecretariatNotices(deps: Dependencies, now: Date = deps.clock.now(), calendarOf: CalendarOf = calendarsOnce(deps)): Promise<string[]> {
  const known = noticesSent.get(deps.mailer) ?? new Set<string>();
  noticesSent.set(deps.mailer, known);
  const failed: string[] = [];
  for (const id of runningSchemeIds(deps)) {
    const scheme = loadScheme(deps, id);
    for (const notice of [...agendaClosedNotices(deps, scheme, await calendarOf(scheme), now), ...halfYearNotices(deps, scheme, now), ...regionalFollowUpNotices(deps, scheme, now)]) {
      if (known.has(notice.key)) continue;
      try {
        await notify(deps, notice.key, [scheme.secretariatEmail], await notice.mail());
        known.add(notice.key);
      } catch (error) {
        logger.warn('Notice to the secretariat not sent; the next sweep tries again', { schemeId: scheme.id, errorName: (error as Error).name });
        failed.push(notice.key);
      }
    }
  }
  return failed;
}

/**
 * Between a meeting's submission deadline and the meeting: its agenda is complete (a case that
 * missed the deadline goes to the next meeting), so the secretariat can send the case papers.
 */
function agendaClosedNotices(deps: Dependencies, scheme: SchemeConfig, calendar: Calendar, now: Date): Notice[] {
  const t = now.getTime();
  const closed = calendar.filter((m) => Date.parse(m.submissionDeadline) < t && t < Date.parse(m.startsAt));
  return closed.map((meeting) => ({ key: `agenda-closed#${scheme.id}#${meeting.id}`, mail: () => agendaClosedMail(deps, scheme, meeting) }));
}

async function agendaClosedMail(deps: Dependencies, scheme: SchemeConfig, meeting: Meeting): Promise<mail.RenderedMail> {
  const [agenda, records] = await Promise.all([deps.store.listAgenda(scheme.id, meeting.id), deps.store.listMeetingCases(scheme.id, meeting.id)]);
  // Each case under its number on the agenda ("Sak 3"), the same as the agenda and the minutes give it.
  const { numbers } = await meetingCases(deps, scheme, meeting, agenda, records);
  const open = openOnAgenda(agenda);
  return mail.agendaClosed(schemeMailContext(scheme), {
    meetingTitle: meeting.title,
    meetingStartsAt: meeting.startsAt,
    deadline: meeting.submissionDeadline,
    cases: open.map((a) => ({ number: numbers.get(a.id)!, applicationId: a.id, title: a.title })).sort((a, b) => a.number - b.number),
    requested: agendaDemand(open.map((a) => a.requestedAmount), undefined).requested,
    agendaLink: pageUrl(deps, agendaPath(scheme.id, meeting.id)),
  });
}

/**
 * In the month after a half-year (January, July): the half-yearly report on use and effect is due
 * (002: "FSU orienterer halvårlig SSU").
 */
function halfYearNotices(deps: Dependencies, scheme: SchemeConfig, now: Date): Notice[] {
  const period = halfYearJustEnded(osloDateOf(now));
  if (!period) return [];
  // The half-year's link needs no period: without one the page shows the last whole half-year, this one.
  const reportLink = pageUrl(deps, halfYearReportPath(scheme.id));
  // The second half-year ends the year: its annual report is due too.
  const year = Number(period.to.slice(0, 4));
  const annual = period.to.endsWith('-12-31') ? { year, reportLink: pageUrl(deps, halfYearReportPath(scheme.id, { from: `${year}-01-01`, to: period.to })) } : undefined;
  return [{ key: `half-year#${scheme.id}#${period.from}`, mail: async () => mail.halfYearReportDue(schemeMailContext(scheme), { ...period, ...(scheme.halfYearReportTo ? { reportTo: scheme.halfYearReportTo } : {}), reportLink, ...(annual ? { annual } : {}) }) }];
}

/**
 * In the month before the regional health authority's follow-up meeting (November by default): the
 * hospital trust reports the year so far before it (003), once a year.
 */
function regionalFollowUpNotices(deps: Dependencies, scheme: SchemeConfig, now: Date): Notice[] {
  const period = regionalFollowUpDue(osloDateOf(now), scheme.regionalFollowUpMonth);
  if (!period) return [];
  const reportLink = pageUrl(deps, halfYearReportPath(scheme.id, period));
  return [{ key: `regional-follow-up#${scheme.id}#${period.from.slice(0, 4)}`, mail: async () => mail.regionalFollowUpDue(schemeMailContext(scheme), { ...period, followUpMonth: scheme.regionalFollowUpMonth, reportLink }) }];
}
