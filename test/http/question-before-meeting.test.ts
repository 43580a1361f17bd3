// A question to the owner asked before the meeting's day is the preparation's (FSU's working
// committee, the secretariat: 002 "AU for FSU kan be om mer informasjon … før behandling i FSU"),
// not a decision of the meeting: not in its minutes, their counts or the half-year report's, but
// on the case as asked before that meeting. One the committee asks in its meeting is its decision.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, START, useTestApp, type Submitted } from '../support/test-app';

const app = useTestApp();
const as = SECRETARIAT;
const HTML = { Accept: 'text/html' };
const schemeId = 'sor-rogaland';
const meetingId = '2026-12-10';
const minutes = () => app.call('get-meeting-minutes', { pathParameters: { schemeId, meetingId }, as });
const minutesPage = () => invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}/protokoll', pathParameters: { schemeId, meetingId }, headers: HTML, claims: as }), 'page-meeting-minutes');
const casePage = (applicationId: string) => invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: HTML, claims: as }), 'page-application');
const agenda = (id = meetingId) => app.call('get-agenda', { pathParameters: { schemeId, meetingId: id }, as });
const agendaPage = (id = meetingId) => invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId, meetingId: id }, headers: HTML, claims: as }), 'page-agenda');
const ask = (applicationId: string, message: string) => app.call('request-information', { pathParameters: { applicationId }, json: { message }, as });

async function onAgenda(title: string, meeting = meetingId): Promise<Submitted> {
  app.clock.set(new Date(app.clock.now().getTime() + 60_000).toISOString());
  const submitted = await app.submit(schemeId, app.application(schemeId, (a) => (a.title = title)));
  await app.cosignAll(submitted.applicationId);
  await app.schedule(submitted.applicationId, meeting);
  return submitted;
}

describe('a question to the owner asked before the meeting', () => {
  it('is not a decision of the meeting: the minutes list and count only what the meeting decided, and the case says it was asked before the meeting', async () => {
    app.clock.set(START);
    const answered = await onAgenda('Felles jordmortjeneste i Dalane');
    const rejected = (await onAgenda('Digital hjemmeoppfølging i Sokndal')).applicationId;
    const deferred = (await onAgenda('Ambulerende team for eldre i Hå')).applicationId;
    const applicationId = answered.applicationId;

    // 25.11, before the deadline: the working committee's question, through the agenda.
    app.clock.set('2026-11-25T09:00:00.000Z');
    const asked = await ask(applicationId, 'Hvem har arbeidsgiveransvaret for jordmødrene?');
    expect(asked.status).toBe(201);
    // Not registered in the meeting's minutes: it is not the meeting's decision.
    expect((await app.store.getMinutesRecord(schemeId, meetingId))?.registeredDecisions ?? []).toEqual([]);
    app.clock.set('2026-11-25T13:00:00.000Z');
    const revision = { ...app.application(schemeId, (a) => (a.title = 'Felles jordmortjeneste i Dalane')), changeNote: 'Helse Stavanger har arbeidsgiveransvaret; kommunen dekker reisene.', answer: 'Jordmødrene ansettes i Helse Stavanger.' };
    expect((await app.call('revise-application', { pathParameters: { linkId: answered.ownerLinkId }, json: revision })).status).toBe(200);
    await app.cosignAll(applicationId);
    await app.schedule(applicationId, meetingId);

    // The committee's papers: the question, who asked it and when, and the owner's answer, under the case.
    const item = (await agenda()).body.items.find((i: { applicationId: string }) => i.applicationId === applicationId);
    expect(item.question).toEqual({
      at: '2026-11-25T09:00:00.000Z', text: 'Hvem har arbeidsgiveransvaret for jordmødrene?', askedBy: expect.any(String), beforeMeeting: true, meetingId,
      answer: { version: 2, at: '2026-11-25T13:00:00.000Z', text: 'Jordmødrene ansettes i Helse Stavanger.', changeNote: 'Helse Stavanger har arbeidsgiveransvaret; kommunen dekker reisene.' },
    });
    expect(item.deferredFrom).toBeNull();
    const papers = (await agendaPage()).text;
    expect(papers).toContain(`<dt>Spørsmål til prosjektansvarlig</dt><dd>25.11.2026 kl. 10.00, før møtet 10.12.2026 (registrert av ${item.question.askedBy}):<br><span class="long-text">Hvem har arbeidsgiveransvaret for jordmødrene?</span></dd>`);
    expect(papers).toContain('<dt>Svar til FSU (versjon 2)</dt><dd class="long-text">Jordmødrene ansettes i Helse Stavanger.</dd>');
    expect(papers).toContain('<dt>Endringer i versjon 2</dt><dd class="long-text">Helse Stavanger har arbeidsgiveransvaret; kommunen dekker reisene.</dd>');
    // A case on its first round has neither.
    expect((await agenda()).body.items.find((i: { applicationId: string }) => i.applicationId === rejected)).toMatchObject({ question: null, deferredFrom: null });

    // 10.12, in the meeting.
    app.clock.set('2026-12-10T08:01:00.000Z');
    await app.approve(applicationId, 400_000);
    app.clock.set('2026-12-10T08:02:00.000Z');
    expect((await app.decide(rejected, { outcome: 'reject', reason: 'Mangler enighet om pasientansvaret.' })).status).toBe(201);
    app.clock.set('2026-12-10T08:03:00.000Z');
    expect((await app.decide(deferred, { outcome: 'defer', reason: 'Venter på kommunens budsjett.' })).status).toBe(201);

    const totals = { decisions: 3, approved: 1, rejected: 1, deferred: 1, moreInformation: 0, revoked: 0, reallocationsApproved: 0, reallocationsRefused: 0, repaymentsClaimed: 0, periodsChanged: 0, grantedAmount: 400_000 };
    const draft = (await minutes()).body;
    expect(draft.cases.map((c: { number: number; applicationId: string; decision: { outcome: string } }) => [c.number, c.applicationId, c.decision.outcome])).toEqual([
      [1, applicationId, 'approve'], [2, rejected, 'reject'], [3, deferred, 'defer'],
    ]);
    expect(draft.totals).toEqual(totals);

    const page = (await minutesPage()).text;
    expect(page).toContain('<dt>Saker</dt><dd>Behandlet 3 saker: 1 innvilget, 1 avslått, 1 utsatt.</dd>');
    expect(page.match(/<h2 id="[^"]*">Sak 1:/g)).toHaveLength(1);
    expect(page).not.toContain('Mer informasjon etterspurt');

    // The case: the question stands as asked before the meeting, not among the decisions.
    const view = (await app.call('get-application', { pathParameters: { applicationId }, as })).body;
    expect(view.decisions.map((d: { outcome: string }) => d.outcome)).toEqual(['approve']);
    expect(view.questionsBeforeMeeting).toEqual([expect.objectContaining({ outcome: 'more_information', meetingId, reason: 'Hvem har arbeidsgiveransvaret for jordmødrene?' })]);
    const text = (await casePage(applicationId)).text;
    expect(text).toContain('<h3>Spørsmål til prosjektansvarlig før møtet</h3>');
    expect(text).toContain('<li>25.11.2026 kl. 10.00: Mer informasjon etterspurt før møtet 10.12.2026<br><span class="long-text">Hvem har arbeidsgiveransvaret for jordmødrene?</span></li>');
    expect(text).toContain('<td>Mer informasjon etterspurt før møtet 10.12.2026</td>');
    expect(text).not.toContain('Mer informasjon etterspurt (møtet');

    // Deferred in the meeting, the case is on the next agenda with the meeting and the reason.
    await app.schedule(deferred, '2027-03-18');
    expect((await agenda('2027-03-18')).body.items[0]).toMatchObject({ applicationId: deferred, question: null, deferredFrom: { meetingId, reason: 'Venter på kommunens budsjett.' } });
    expect((await agendaPage('2027-03-18')).text).toContain('<dt>Utsatt fra møtet 10.12.2026</dt><dd class="long-text">Venter på kommunens budsjett.</dd>');

    // The half-year report counts the meeting's decisions only.
    const report = await app.call('half-year-report', { pathParameters: { schemeId }, query: { from: '2026-07-01', to: '2026-12-31' }, as });
    expect(report.body.meetings.find((m: { id: string }) => m.id === meetingId).totals).toEqual(totals);
  });

  it('approved with the minutes before the two were told apart, it still leaves them (the record\'s day against the meeting\'s)', async () => {
    // The minutes of the test before, approved as an earlier version kept them: the question among the cases too.
    app.clock.set('2026-12-10T12:00:00.000Z');
    expect((await app.call('record-attendance', { pathParameters: { schemeId, meetingId }, json: { present: ['Kari Nordmann, leder'] }, as })).status).toBe(200);
    const draft = (await minutes()).body;
    const { registeredDecisions: _r, registrations, ...record } = (await app.store.getMinutesRecord(schemeId, meetingId))!;
    const cases = draft.cases.map(({ decision, ...c }: { decision: { id: string } }) => ({ ...c, decisionId: decision.id }));
    const question = (await app.store.listDecisions(cases[0].applicationId)).find((d) => d.outcome === 'more_information')!;
    const snapshot = { committee: draft.committee, preparation: draft.preparation, cases: [{ ...cases[0], decisionId: question.id }, ...cases], leftWithoutDecision: [], potRemaining: draft.potRemaining };
    expect(await app.store.saveMinutesRecord({ ...record, approval: { at: '2026-12-10T12:00:00.000Z', by: 'sekretær-1' }, snapshot, revision: record.revision + 1 }, registrations ?? 0)).toBe(true);
    const approved = (await minutes()).body;
    expect(approved.totals).toMatchObject({ decisions: 3, moreInformation: 0 });
    expect(approved.cases.map((c: { decision: { outcome: string } }) => c.decision.outcome)).toEqual(['approve', 'reject', 'defer']);
    expect((await minutesPage()).text).toContain('<dt>Saker</dt><dd>Behandlet 3 saker: 1 innvilget, 1 avslått, 1 utsatt.</dd>');
  });

  it('once the agenda is out, and not answered back onto it, it keeps the case\'s number as a line saying so; one asked in the meeting is its decision', async () => {
    const later = '2027-01-28';
    const agendaOf = (id: string) => app.call('get-agenda', { pathParameters: { schemeId, meetingId: id }, as });
    app.clock.set('2026-12-20T09:00:00.000Z');
    const first = (await onAgenda('Utskrivningsteam i Klepp', later)).applicationId;
    const asked = await onAgenda('Felles nattpatrulje i Sandnes', later);
    const second = asked.applicationId;
    const third = (await onAgenda('Kombinert stilling i Gjesdal', later)).applicationId;
    // After the deadline (14.01), before the meeting.
    app.clock.set('2027-01-20T09:00:00.000Z');
    expect((await ask(first, 'Hvilke kommuner er med?')).status).toBe(201);
    app.clock.set('2027-01-28T08:05:00.000Z');
    expect((await ask(second, 'Hva koster driften etter prosjektet?')).status).toBe(201);

    const agenda = (await agendaOf(later)).body;
    expect(agenda.leftWithoutDecision).toEqual([{ number: 1, applicationId: first, title: 'Utskrivningsteam i Klepp', kind: 'asked', at: '2027-01-20T09:00:00.000Z', movedTo: null }]);
    expect(agenda.decidedAndGone).toEqual([{ number: 2, applicationId: second, title: 'Felles nattpatrulje i Sandnes', decision: { outcome: 'more_information', at: '2027-01-28T08:05:00.000Z' } }]);
    expect(agenda.items.map((i: { number: number; applicationId: string }) => [i.number, i.applicationId])).toEqual([[3, third]]);
    const text = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/moter/{meetingId}', pathParameters: { schemeId, meetingId: later }, headers: HTML, claims: as }), 'page-agenda')).text;
    expect(text).toContain('Sak 1: «Utskrivningsteam i Klepp» – mer informasjon etterspurt før møtet, 20.01.2027</h2>');
    const inMinutes = (await app.call('get-meeting-minutes', { pathParameters: { schemeId, meetingId: later }, as })).body;
    expect(inMinutes.totals).toMatchObject({ decisions: 1, moreInformation: 1 });
    expect(inMinutes.cases.map((c: { number: number; applicationId: string }) => [c.number, c.applicationId])).toEqual([[2, second]]);
    expect(inMinutes.leftWithoutDecision.map((d: { number: number; kind: string }) => [d.number, d.kind])).toEqual([[1, 'asked']]);

    // Neither question keeps the approval waiting: decided and attended, the minutes are approved, with the line kept.
    app.clock.set('2027-01-28T08:10:00.000Z');
    expect((await app.decide(third, { outcome: 'reject', reason: 'Utenfor ordningen.' })).status).toBe(201);
    expect((await app.call('record-attendance', { pathParameters: { schemeId, meetingId: later }, json: { present: ['Kari Nordmann, leder'] }, as })).status).toBe(200);
    expect((await app.call('approve-minutes', { pathParameters: { schemeId, meetingId: later }, json: {}, as })).status).toBe(201);
    const approved = (await app.call('get-meeting-minutes', { pathParameters: { schemeId, meetingId: later }, as })).body;
    expect(approved.cases.map((c: { number: number; decision: { outcome: string } }) => [c.number, c.decision.outcome])).toEqual([[2, 'more_information'], [3, 'reject']]);
    expect(approved.leftWithoutDecision.map((d: { number: number; kind: string }) => [d.number, d.kind])).toEqual([[1, 'asked']]);

    // Asked in the meeting and answered (the form asks for the answer; no note for the partners): the next agenda gives the answer.
    app.clock.set('2027-02-01T09:00:00.000Z');
    expect((await app.call('revise-application', { pathParameters: { linkId: asked.ownerLinkId }, json: { ...app.application(schemeId, (a) => (a.title = 'Felles nattpatrulje i Sandnes')), answer: 'Kommunen tar driften etter prosjektet.' } })).status).toBe(200);
    await app.cosignAll(second);
    await app.schedule(second, '2027-03-18');
    const papers = (await agendaPage('2027-03-18')).text;
    expect(papers).toMatch(/<dt>Spørsmål til prosjektansvarlig<\/dt><dd>FSU i møtet 28\.01\.2027 \(registrert av [^)]+\):<br><span class="long-text">Hva koster driften etter prosjektet\?<\/span><\/dd>/);
    expect(papers).toContain('<dt>Svar til FSU (versjon 2)</dt><dd class="long-text">Kommunen tar driften etter prosjektet.</dd>');
    expect(papers).not.toContain('Endringer i versjon 2');
  });
});

