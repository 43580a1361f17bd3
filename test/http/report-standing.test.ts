// Where each of a grant's reports stands on the secretariat's case: received, owed (and how late),
// or not owed any more once the grant has ended.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { addDays, osloInstant } from '../../functions/domain/oslo-time';

const app = useTestApp();

describe("where each report stands on the case (the secretariat's view)", () => {
  const casePage = async (applicationId: string) =>
    (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/soknader/{applicationId}', pathParameters: { applicationId }, headers: { Accept: 'text/html' }, claims: SECRETARIAT }), 'page-application')).text;
  const fmt = (iso: string) => iso.split('-').reverse().join('.');

  it('owed and how many days overdue, received, or not owed any more once a claim has ended the grant', async () => {
    const { applicationId } = await app.active();
    const { allocation } = (await app.store.getApplication(applicationId))!;
    app.clock.set(osloInstant(addDays(allocation!.statusReportDue, 3), '12:00').toISOString());
    const view = (await app.call('get-application', { pathParameters: { applicationId }, as: SECRETARIAT })).body;
    expect(view.reportStates).toEqual({ status: { state: 'owed', overdueDays: 3 }, final: { state: 'owed', overdueDays: 0 } });
    expect(await casePage(applicationId)).toContain(`<dt>Statusrapport innen</dt><dd>${fmt(allocation!.statusReportDue)} – på overtid, 3 dager</dd>`);
    expect(await casePage(applicationId)).toContain('<p>Ingen rapporter mottatt. Statusrapporten er på overtid, 3 dager.</p>');
    const claim = await app.call('claim-repayment', { pathParameters: { applicationId }, json: { amount: allocation!.amount, reason: 'Prosjektet ble ikke gjennomført.' }, as: SECRETARIAT });
    expect(claim.status).toBe(201);
    const ended = await casePage(applicationId);
    expect(ended).toContain(`<dt>Statusrapport innen</dt><dd>${fmt(allocation!.statusReportDue)} – skal ikke leveres (tilskuddet er avsluttet)</dd>`);
    expect(ended).toContain(`<dt>Sluttrapport innen</dt><dd>${fmt(allocation!.finalReportDue)} – skal ikke leveres (tilskuddet er avsluttet)`);
  });

  it('a report received says so', async () => {
    const { applicationId } = await app.statusReportIn();
    const { allocation } = (await app.store.getApplication(applicationId))!;
    expect(await casePage(applicationId)).toContain(`<dt>Statusrapport innen</dt><dd>${fmt(allocation!.statusReportDue)} – mottatt</dd>`);
  });
});
