// The grants paid on invoice whose invoice has not come: the secretariat follows them up (the overdue
// page and its JSON, counted on the start page), as the owner is reminded to send it.
import { invoiceMissingFrom } from '../domain/payout';
import { isInvoiceReminderMail } from '../domain/reminders';
import { daysBetween, osloDateOf } from '../domain/oslo-time';
import type { Dependencies } from '../composition';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';
import { loadScheme } from './load-application';
import { listSchemePayouts } from './payout-lists';

/**
 * The grants paid on invoice whose invoice has not come by invoiceMissingFrom, oldest decision
 * first: one Query per project number of the scheme, the current one and those it had before (the
 * payouts still awaiting their invoice), and the grants read together (BatchGetItem). A cost booking
 * never awaits an invoice; a registered invoice moves the payout on, and a revocation cancels it (a
 * claim needs the grant paid): none of those is here.
 */
async function grantsMissingInvoice(deps: Dependencies, scheme: SchemeConfig, now: Date) {
  const waiting = (await listSchemePayouts(deps, scheme, 'awaiting_invoice')).filter((p) => p.schemeId === scheme.id);
  const apps = new Map((await deps.store.getApplications(waiting.map((p) => p.applicationId))).map((app) => [app.id, app]));
  return waiting
    .flatMap((payout) => {
      const app = apps.get(payout.applicationId);
      const decidedAt = app?.allocation?.decidedAt;
      return app && decidedAt && invoiceMissingFrom(decidedAt, scheme.reminders.invoiceAfterDays) <= now ? [{ payout, app, decidedAt }] : [];
    })
    .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
}

/** How many grants miss their invoice (the secretariat's start page counts them). */
export async function missingInvoiceCount(deps: Dependencies, schemeId: string): Promise<number> {
  return (await grantsMissingInvoice(deps, loadScheme(deps, schemeId), deps.clock.now())).length;
}

/**
 * The secretariat's list of grants whose invoice has not come `afterDays` after the decision (when
 * the owner's first reminder to send it goes out), with the owner's reminders as the case's mail log
 * has them (one Query per grant listed; reminders sent before the log was kept are not counted).
 */
export async function missingInvoices(deps: Dependencies, schemeId: string) {
  const scheme = loadScheme(deps, schemeId);
  const now = deps.clock.now();
  const today = osloDateOf(now);
  const grants = await Promise.all(
    (await grantsMissingInvoice(deps, scheme, now)).map(async ({ payout, app, decidedAt }) => {
      const reminders = (await deps.store.listSentMail(app.id)).filter((m) => isInvoiceReminderMail(app.id, m.key));
      const decisionDate = osloDateOf(new Date(decidedAt));
      return {
        applicationId: app.id,
        title: app.title,
        ownerOrganisation: payout.payee,
        ...(payout.payeeOrganisationNumber ? { ownerOrganisationNumber: payout.payeeOrganisationNumber } : {}),
        amount: payout.amount,
        projectNumber: payout.projectNumber,
        decisionDate,
        daysSinceDecision: daysBetween(decisionDate, today),
        remindersSent: reminders.length,
        lastReminderAt: reminders.at(-1)?.sentAt ?? null,
      };
    }),
  );
  return { afterDays: scheme.reminders.invoiceAfterDays, maxReminders: scheme.reminders.maxInvoiceReminders, grants };
}
