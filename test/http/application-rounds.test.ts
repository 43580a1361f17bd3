// Application rounds (002: "kanskje to søknadsfrister i året"): a meeting can decide only cases
// already in process, and new applications go to the next meeting that takes them. Configured per
// meeting (`newApplications: false`) or set when the secretariat adds one.
import { describe, expect, it } from 'vitest';
import { apiEvent, csrfTokenOf, formPost } from '../support/api-events';
import { invoke, SECRETARIAT, START, useTestApp } from '../support/test-app';
import { scheduleApplication } from '../../functions/use-cases/schedule-application';
import { SYSTEM } from '../../functions/use-cases/move-application';

const app = useTestApp();

const as = SECRETARIAT;
const HTML = { Accept: 'text/html', 'X-Forwarded-Proto': 'https' };
const add = (json: Record<string, unknown>) => app.call('add-meeting', { pathParameters: { schemeId: 'sor-rogaland' }, json, as });
/** Between the rounds: two days before the configured December meeting, its deadline not passed on 20.11. */
const BETWEEN = { date: '2026-12-08', time: '09:00', title: 'FSU ekstramøte for utsatte saker' };

describe('a meeting between the rounds', () => {
  it('is added as one that decides only cases already in process; applicants are not offered it; a repeat must say the same', async () => {
    app.clock.set(START);
    const bad = await add({ ...BETWEEN, newApplications: 'nei' });
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toEqual({ newApplications: 'Velg om møtet tar imot nye søknader.' });
    expect((await app.store.listCalendarChanges('sor-rogaland')).added).toEqual([]);

    const res = await add({ ...BETWEEN, newApplications: false });
    expect(res.status, res.text).toBe(201);
    expect(res.body.meeting).toMatchObject({ id: '2026-12-08', newApplications: false, submissionDeadline: '2026-11-24T22:59:59.999Z' });
    const upcoming = (await app.call('get-scheme', { pathParameters: { schemeId: 'sor-rogaland' } })).body.upcomingMeetings as Array<{ id: string; open: boolean; newApplications: boolean }>;
    expect(upcoming.find((m) => m.id === '2026-12-08')).toMatchObject({ newApplications: false, open: false });
    expect(upcoming.find((m) => m.id === '2026-12-10')).toMatchObject({ newApplications: true, open: true });
    // The application form names the next deadline a new application can reach.
    const form = await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML }), 'page-application-form');
    expect(form.text).toContain('26.11.2026');
    expect(form.text).not.toContain('24.11.2026');

    expect((await add({ ...BETWEEN, newApplications: false })).status).toBe(200);
    const other = await add(BETWEEN);
    expect(other.status).toBe(409);
    expect(other.body.reason).toBe('meeting_exists');
  });

  it('a new application goes past it to the next meeting that takes new ones; a case already on an agenda may go to it', async () => {
    app.clock.set(START);
    const { applicationId } = await app.submit('sor-rogaland', app.application('sor-rogaland'));
    await app.cosignAll(applicationId);
    const first = await scheduleApplication(app.deps, applicationId, SYSTEM);
    expect(first.meeting.id).toBe('2026-12-10');
    expect(first.missedMeeting).toBeUndefined();
    // Already in process (as after an answer to the committee's question): the next meeting it reaches, between the rounds too.
    const again = await scheduleApplication(app.deps, applicationId, SYSTEM);
    expect(again.meeting.id).toBe('2026-12-08');
    // The secretariat may also put a new application there by hand.
    const { applicationId: byHand } = await app.submit('sor-rogaland', app.application('sor-rogaland'));
    await app.cosignAll(byHand);
    await app.schedule(byHand, '2026-12-08');
    expect((await app.store.getApplication(byHand))?.meetingId).toBe('2026-12-08');
  });

  it('the start page marks it, and its form adds one (the default: it takes new applications)', async () => {
    app.clock.set(START);
    const start = await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat');
    expect(start.text).toContain('FSU ekstramøte for utsatte saker</a> <span class="tag">lagt til</span> <span class="tag" title="Behandler bare saker som allerede er til behandling">ikke nye søknader</span>');
    expect(start.text).toMatch(/<input type="radio" id="nytt-mote-sor-rogaland-newApplications-0" name="newApplications" value="true" checked>/);
    const token = csrfTokenOf(start);
    const post = (form: Record<string, string>) =>
      invoke(formPost(token, { path: '/sekretariat/{schemeId}/moter', pathParameters: { schemeId: 'sor-rogaland' }, form, headers: HTML, claims: as }), 'page-add-meeting');
    expect((await post({ date: '2027-03-04', time: '09:00', title: 'FSU mars 2027', newApplications: 'false' })).status).toBe(303);
    expect((await post({ date: '2027-03-11', time: '09:00', title: 'FSU mars 2027 II', newApplications: 'true' })).status).toBe(303);
    const added = (await app.store.listCalendarChanges('sor-rogaland')).added;
    expect(added.find((m) => m.date === '2027-03-04')).toMatchObject({ newApplications: false });
    expect(added.find((m) => m.date === '2027-03-11')).not.toHaveProperty('newApplications');
  });
});
