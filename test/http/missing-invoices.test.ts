// A grant paid on invoice can wait for ever if the owner never sends the invoice: the secretariat
// sees the grants whose invoice has not come by the time the owner's first reminder goes out, on
// the overdue page, in its JSON and counted on the start page.
import { describe, expect, it, vi } from 'vitest';
import { apiEvent } from '../support/api-events';
import { FINANCE, invoke, SECRETARIAT, useTestApp } from '../support/test-app';
import { runLifecycleStep } from '../../functions/use-cases/lifecycle-steps';
import { sendDueReminders } from '../../functions/use-cases/send-reminders';
import { missingInvoices } from '../../functions/use-cases/missing-invoices';
import { addDays, osloDateOf, osloInstant } from '../../functions/domain/oslo-time';
import type { ApplicationInput } from '../../schemas/application.schema';

const app = useTestApp();
const as = SECRETARIAT;
const HTML = { Accept: 'text/html' };

/** Approved, and the workflow's allocation step run: the decision letter, the payout trigger and the first invoice reminder. */
async function granted(change?: (a: ApplicationInput) => void) {
  const { applicationId } = await app.scheduled('sor-rogaland', change);
  await app.approve(applicationId);
  await runLifecycleStep(app.deps, 'allocate', { applicationId, executionStartTime: app.clock.now().toISOString() });
  const [payout] = await app.store.listPayoutsForApplication(applicationId);
  return { applicationId, payout: payout!, decidedAt: (await app.store.getApplication(applicationId))!.allocation!.decidedAt };
}

const followUp = async () => (await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as })).body;
const listed = async () => ((await followUp()).missingInvoices.grants as Array<{ applicationId: string }>).map((g) => g.applicationId);
const overduePage = async () =>
  (await invoke(apiEvent({ method: 'GET', path: '/sekretariat/{schemeId}/rapporter-pa-overtid', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML, claims: as }), 'page-overdue-reports')).text.replace(/\u00a0/g, ' ');
const startPageCount = async () => {
  const page = (await invoke(apiEvent({ method: 'GET', path: '/sekretariat', headers: HTML, claims: as }), 'page-secretariat')).text;
  return Number(/og fakturaer som ikke er mottatt \((\d+)\)/.exec(page)![1]);
};

describe('grants whose invoice has not come', () => {
  it('lists a grant on invoice with no invoice from the day its first invoice reminder goes out; not one invoiced, cost-booked or revoked', async () => {
    const waiting = await granted();
    const invoiced = await granted();
    const costBooked = await granted((a) => {
      a.owner = { partnerIndex: 2, name: 'Ingrid Larsen', email: a.partners[2]!.email, unit: 'Medisinsk klinikk', isInternalUnit: true };
    });
    const revoked = await granted();
    expect(waiting.payout).toMatchObject({ mode: 'invoice', state: 'awaiting_invoice' });
    expect(costBooked.payout.mode).toBe('cost_booking');
    expect((await app.call('register-invoice', { pathParameters: { payoutId: invoiced.payout.id }, json: { invoiceNumber: 'F-2027-0001' }, as: FINANCE })).status).toBe(200);
    expect((await app.call('revoke-grant', { pathParameters: { applicationId: revoked.applicationId }, json: { reason: 'Fakturaen kom aldri.' }, as })).status).toBe(200);

    const days = app.scheme().reminders.invoiceAfterDays;
    const decisionDate = osloDateOf(new Date(waiting.decidedAt));
    // The owner's first reminder to send the invoice goes out N days after the decision, at 09:00.
    const missingFrom = osloInstant(addDays(decisionDate, days), '09:00');
    await app.clock.setBackAfter(async () => {
      app.clock.set(new Date(missingFrom.getTime() - 60_000).toISOString());
      expect(await listed(), 'younger than N days').not.toContain(waiting.applicationId);
      const before = await startPageCount();

      app.clock.set(missingFrom.toISOString());
      await sendDueReminders(app.deps);
      expect(app.mailer.sent.some((m) => m.to.includes(app.application().owner.email) && m.subject.startsWith('[FSU] Påminnelse: send faktura'))).toBe(true);
      const body = await followUp();
      // The overdue reports are still there under their own names.
      expect(body).toHaveProperty('reports');
      expect(body.missingInvoices).toMatchObject({ afterDays: days, maxReminders: app.scheme().reminders.maxInvoiceReminders });
      expect(body.missingInvoices.grants).toEqual([
        {
          applicationId: waiting.applicationId,
          title: (await app.store.getApplication(waiting.applicationId))!.title,
          ownerOrganisation: 'Stavanger kommune',
          ownerOrganisationNumber: '964965226',
          amount: waiting.payout.amount,
          projectNumber: 'R-11326-D11325',
          decisionDate,
          daysSinceDecision: days,
          // The reminder that just went out, from the case's mail log (not the decision letter on it too).
          remindersSent: 1,
          lastReminderAt: missingFrom.toISOString(),
        },
      ]);
      for (const other of [invoiced, costBooked, revoked]) expect(await listed()).not.toContain(other.applicationId);
      expect(await startPageCount()).toBe(before + 1);

      const page = await overduePage();
      expect(page).toContain('<h2 id="fakturaer">Fakturaer som ikke er mottatt</h2>');
      // The page says when a grant comes on the list, and how the owner is reminded meanwhile.
      expect(page).toContain(`der økonomi ikke har registrert fakturaen ${days} dager etter vedtaket. Prosjektansvarlig får påminnelse om å sende fakturaen da, og deretter hver ${days}. dag, høyst 3 ganger. Kommer den ikke, kan FSU trekke tilskuddet tilbake`);
      expect(page).toContain('<caption>1 tilskudd uten mottatt faktura, eldste vedtak først</caption>');
      const row = new RegExp(`<tr><td><a href="/sekretariat/soknader/${waiting.applicationId}">${waiting.applicationId}</a></td>[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
      const dmy = (iso: string) => iso.split('-').reverse().join('.');
      expect(row).toContain('<td>Stavanger kommune<span class="hint">org.nr. 964965226</span></td>');
      expect(row).toContain(`<td>R-11326-D11325</td><td>${dmy(decisionDate)}</td><td class="num">${days}</td>`);
      expect(row).toMatch(/<td>\d\d\.\d\d\.\d{4} kl\. 09\.00<span class="hint">1 påminnelse i alt<\/span><\/td><\/tr>$/);
      for (const other of [invoiced, costBooked, revoked]) expect(page).not.toContain(`>${other.applicationId}</a>`);

      // Once finance registers the invoice, the grant is off the list.
      expect((await app.call('register-invoice', { pathParameters: { payoutId: waiting.payout.id }, json: { invoiceNumber: 'F-2027-0002' }, as: FINANCE })).status).toBe(200);
      expect(await listed()).not.toContain(waiting.applicationId);
      expect(await overduePage()).toContain('<p>Ingen fakturaer mangler.</p>');
    });
  });

  it("counts the days of the scheme's own configuration", async () => {
    const { applicationId, decidedAt } = await granted();
    const base = app.scheme();
    const deps = { ...app.deps, scheme: (id: string) => (id === base.id ? { ...base, reminders: { ...base.reminders, invoiceAfterDays: 10 } } : app.deps.scheme(id)) };
    await app.clock.setBackAfter(async () => {
      app.clock.set(osloInstant(addDays(osloDateOf(new Date(decidedAt)), 10), '09:00').toISOString());
      const found = await missingInvoices(deps, base.id);
      expect(found.afterDays).toBe(10);
      expect(found.grants).toContainEqual(expect.objectContaining({ applicationId, daysSinceDecision: 10, remindersSent: 0, lastReminderAt: null }));
      expect((await missingInvoices(app.deps, base.id)).grants.map((g) => g.applicationId)).not.toContain(applicationId);
    });
  });

  it('reads the waiting grants together (one BatchGetItem), not one GetItem per grant', async () => {
    const grants = [await granted(), await granted(), await granted()];
    const base = app.scheme();
    const one = vi.spyOn(app.deps.store, 'getApplication');
    const many = vi.spyOn(app.deps.store, 'getApplications');
    try {
      await app.clock.setBackAfter(async () => {
        app.clock.set(osloInstant(addDays(osloDateOf(new Date(grants[2]!.decidedAt)), base.reminders.invoiceAfterDays), '09:00').toISOString());
        const found = (await missingInvoices(app.deps, base.id)).grants.map((g) => g.applicationId);
        for (const g of grants) expect(found).toContain(g.applicationId);
      });
      expect(one).not.toHaveBeenCalled();
      expect(many).toHaveBeenCalledTimes(1);
    } finally {
      one.mockRestore();
      many.mockRestore();
    }
  });

  it('is the secretariat’s: finance gets 403', async () => {
    expect((await app.call('list-overdue-reports', { pathParameters: { schemeId: 'sor-rogaland' }, as: FINANCE })).status).toBe(403);
  });
});
