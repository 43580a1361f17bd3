// The submission deadlines as an iCalendar feed applicants subscribe to: one all-day event per
// meeting a new application can still reach, on its deadline's last day; the calendar follows the
// secretariat's changes at the next refresh.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, START, useTestApp } from '../support/test-app';

const app = useTestApp();

const feed = async (schemeId = 'sor-rogaland') => app.call('get-deadline-calendar', { pathParameters: { schemeId } });
/** The events of a feed, unfolded, each as its properties. */
function events(ics: string): Array<Record<string, string>> {
  const lines = ics.replace(/\r\n /g, '').split('\r\n');
  const out: Array<Record<string, string>> = [];
  let current: Record<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {};
    else if (line === 'END:VEVENT') { out.push(current!); current = undefined; }
    else if (current) {
      const i = line.indexOf(':');
      current[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return out;
}

describe('the deadline calendar', () => {
  it('has one all-day event per meeting open to new applications, on its deadline, linked to the form', async () => {
    app.clock.set(START);
    const res = await feed();
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('inline; filename="soknadsfrister-sor-rogaland.ics"');
    const open = (await app.call('get-scheme', { pathParameters: { schemeId: 'sor-rogaland' } })).body.upcomingMeetings.filter((m: { open: boolean }) => m.open);
    const list = events(res.text);
    expect(list).toHaveLength(open.length);
    expect(list[0]).toEqual({
      UID: 'soknadsfrist-sor-rogaland-2026-12-10@tilskudd.example',
      DTSTAMP: '20261120T090000Z',
      'DTSTART;VALUE=DATE': '20261126',
      SUMMARY: 'Søknadsfrist: FSU-møtet 10.12.2026',
      DESCRIPTION: expect.stringMatching(/^Søknader til FSUs møte 10\.12\.2026 \(.+\) må være sendt inn og signert av alle partene innen utgangen av denne dagen\.$/),
      URL: 'https://tilskudd.example/soknad/ny/sor-rogaland',
      TRANSP: 'TRANSPARENT',
    });
    // After the deadline has passed, that meeting is gone from the feed.
    app.clock.set('2026-11-27T08:00:00.000Z');
    expect(events((await feed()).text).map((e) => e.UID)).not.toContain('soknadsfrist-sor-rogaland-2026-12-10@tilskudd.example');
    app.clock.set(START);
    expect((await feed('finnes-ikke')).status).toBe(404);
  });

  it('follows the secretariat: a meeting added appears, a cancelled one goes', async () => {
    app.clock.set(START);
    const uid = 'soknadsfrist-sor-rogaland-2028-03-09@tilskudd.example';
    expect(events((await feed()).text).map((e) => e.UID)).not.toContain(uid);
    expect((await app.call('add-meeting', { pathParameters: { schemeId: 'sor-rogaland' }, json: { date: '2028-03-09', time: '09:00', title: 'FSU-møte mars 2028' }, as: SECRETARIAT })).status).toBe(201);
    expect(events((await feed()).text).find((e) => e.UID === uid)).toMatchObject({ 'DTSTART;VALUE=DATE': '20280224', SUMMARY: 'Søknadsfrist: FSU-møtet 09.03.2028' });
    expect((await app.call('remove-meeting', { pathParameters: { schemeId: 'sor-rogaland', meetingId: '2028-03-09' }, as: SECRETARIAT })).status).toBeLessThan(300);
    expect(events((await feed()).text).map((e) => e.UID)).not.toContain(uid);
  });

  it('is linked from the landing page for every scheme', async () => {
    const page = (await invoke(apiEvent({ method: 'GET', path: '/', headers: { Accept: 'text/html' } }), 'page-home')).text;
    expect(page).toContain('<a href="/api/schemes/sor-rogaland/deadlines.ics">Legg søknadsfristene i kalenderen din</a>');
    expect(page).toContain('<a href="/api/schemes/innlandet/deadlines.ics">');
  });
});
