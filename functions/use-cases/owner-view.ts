import { applicationMeeting, currentDeferral, meetingDeadline } from '../domain/meeting-calendar';
import { openSupplementRequest } from '../domain/report-supplement';
import { osloDateOf } from '../domain/oslo-time';
import { declinedPeriodRequest, openPeriodRequest, periodChangeRefusal, periodChanges } from '../domain/grant-period';
import type { ApplicationRecord } from '../domain/model';
import { payoutIdFor, recordedClaim, recordedRevocation } from '../domain/payout';
import { reportAcceptable, reportDueDate, reportKindOfLink, reportLinkOf } from '../domain/reports';
import { lastDeadlineMove, openDeadlineRequest, reportDueState } from '../domain/report-deadlines';
import { caseMessages } from '../domain/case-contacts';
import { partnerAnswers, sentBackBy } from '../domain/partner-answers';
import { ON_AGENDA, ownerStatusLabel, REVISABLE } from '../domain/status-transitions';
import { resubmissionDue } from '../domain/resubmission';
import type { Dependencies } from '../composition';
import { expiredSigningLinks, linkExpired, resolveLink } from './links';
import { loadApplication, loadCurrentVersion, loadScheme } from './load-application';
import { loadCalendar } from './meeting-calendar';
import { meetingInReach } from './schedule-application';
import { publicProjectDescription } from './cosign-application';
import { requestLink } from './report-supplement';
import { groupRegister } from '../domain/anchoring';
import { signingResendId } from '../domain/reminders';


/** Today's resend of each partner's link the owner asked for: when it went out, or that it waits for the sweep. */
async function signingResendsToday(deps: Pick<Dependencies, 'store' | 'clock'>, app: Pick<ApplicationRecord, 'id' | 'version'>): Promise<Map<number, { sentAt?: string }>> {
  const today = osloDateOf(deps.clock.now());
  const resends = new Map<number, { sentAt?: string }>();
  for (const r of await deps.store.listLiveReminders(app.id)) {
    if (r.kind === 'cosign' && r.partnerIndex !== undefined && r.id === signingResendId(app, r.partnerIndex, today)) {
      resends.set(r.partnerIndex, r.sentAt ? { sentAt: r.sentAt } : {});
    }
  }
  return resends;
}

/** The project owner's view through their link: status, meeting, signatures, allocation and reports. */
export async function getOwnerView(deps: Dependencies, linkId: string) {
  const link = await resolveLink(deps, linkId, ['owner'], { allowUsed: true });
  const app = await loadApplication(deps, link.applicationId);
  const scheme = loadScheme(deps, app.schemeId);
  const [version, calendar, signatures, reports, reallocations, links, payout, repayment, resends] = await Promise.all([
    loadCurrentVersion(deps, app),
    app.meetingId || REVISABLE.includes(app.status) ? loadCalendar(deps, scheme) : undefined,
    deps.store.listSignatures(app.id, app.version),
    deps.store.listReports(app.id),
    deps.store.listReallocations(app.id),
    deps.store.listLinks(app.id),
    app.allocation ? deps.store.getPayout(payoutIdFor(app.id, 'grant')) : undefined,
    // A claim's own payout: whether finance has registered the money as repaid.
    app.repaymentClaimed !== undefined ? deps.store.getPayout(payoutIdFor(app.id, 'repayment')) : undefined,
    // While the partners sign: whose link the owner had sent again today (once a day each).
    app.status === 'awaiting_cosignature' ? signingResendsToday(deps, app) : undefined,
  ]);
  const now = deps.clock.now();
  const meeting = calendar && applicationMeeting(calendar, app);
  // Not on an agenda yet (partners signing, or back with the owner): the meeting it reaches if complete now.
  const reach = calendar && !meeting && REVISABLE.includes(app.status) ? meetingInReach(scheme, calendar, app, now) : undefined;
  const today = osloDateOf(now);
  // The report forms the owner can send now: on the owner's page too, not only in the e-mails.
  const reportForms = links.flatMap((l) => {
    const kind = reportKindOfLink(l.purpose);
    const usable = l.state === 'active' && !linkExpired(l, now);
    if (!kind || !usable || reports.some((r) => r.kind === kind) || !reportAcceptable(kind, app, today)) return [];
    const requested = openDeadlineRequest(app.history, kind);
    return [{ kind, linkId: l.id, dueDate: reportDueDate(kind, app.allocation), ...(requested ? { requestedDueDate: requested.dueDate } : {}) }];
  });
  // While the partners sign: whose link ran out before the workflow's next step (its resend would be refused).
  const runOut = app.status === 'awaiting_cosignature' ? expiredSigningLinks(app, links, signatures, now) : undefined;
  const answers = partnerAnswers(app, version.data.partners, signatures, resends, runOut);
  const claim = recordedClaim(app.history);
  const deferral = app.status === 'deferred' || ON_AGENDA.includes(app.status) ? currentDeferral(app.history) : undefined;
  const revocation = recordedRevocation(app.history);
  return {
    applicationId: app.id,
    schemeId: app.schemeId,
    title: app.title,
    status: app.status,
    statusLabel: ownerStatusLabel(app, payout?.state, today),
    version: app.version,
    submittedAt: app.submittedAt,
    meeting: meetingDeadline(meeting),
    nextMeeting: meetingDeadline(reach),
    signatures: signatures.map((s) => ({ organisationName: s.organisationName, decision: s.decision, at: s.at, reason: s.reason })),
    // Every party of this version with its answer, so the owner sees whom they still wait for (names of organisations only).
    partners: answers,
    // Back from the partners: who declined and why, or who did not answer before the signing ran out.
    sentBack: sentBackBy(app, answers),
    informationRequest: app.informationRequest,
    // Back with the owner (a decline, the signing ran out, the committee's question): until when it can be sent in again, as the mail said.
    respondBy: resubmissionDue(app),
    // Deferred, and on the agenda it was put on after (the workflow does that at once): why, as the
    // mail said it, and the meeting that deferred it (the history keeps both).
    deferralReason: deferral?.reason,
    deferredFrom: deferral?.meetingId,
    rejectionReason: app.rejectionReason,
    allocation: app.allocation,
    // A report's deadline the committee moved ("utsatt frist"): from which date, and why (the owner had it by mail too).
    movedDeadlines: { status: lastDeadlineMove(app.history, 'status'), final: lastDeadlineMove(app.history, 'final') },
    // Each report against its deadline today, as the secretariat's case says it: received, owed (overdue
    // by so many days), or owed no more (a claim or a revocation ended the grant).
    reportStates: app.allocation ? {
      status: reportDueState(reports.some((r) => r.kind === 'status'), app.status, app.allocation.statusReportDue, today),
      final: reportDueState(reports.some((r) => r.kind === 'final'), app.status, app.allocation.finalReportDue, today),
    } : undefined,
    // The committee's last change of the period (a later start, an earlier end): when, from which period, and why (the owner had the decision by mail too).
    periodChanged: periodChangedFor(app.history),
    // A new period can be asked for while the grant runs and its period is not over; the owner's open request, or the committee's no to the last one.
    periodChangeable: periodChangeRefusal(app, osloDateOf(deps.clock.now())) === undefined,
    maxPeriodMonths: scheme.maxPeriodMonths,
    periodRequest: periodRequestFor(app.history),
    // The messages both ways (the secretariat's were mailed too: here if the mail was lost), not who at the secretariat wrote.
    messages: caseMessages(app.history).map((m) => ({ at: m.at, from: m.from, message: m.message })),
    // Where the money is: the owner sends the invoice (where to, marked how), or sees it paid or booked.
    payout: payout ? {
      state: payout.state, mode: payout.mode, amount: payout.amount, projectNumber: payout.projectNumber,
      ...(payout.mode === 'invoice' ? { invoiceTo: { name: scheme.hospitalTrust.name, organisationNumber: scheme.hospitalTrust.organisationNumber } } : {}),
      ...(payout.invoiceNumber ? { invoiceNumber: payout.invoiceNumber } : {}),
      ...(payout.invoicedAt ? { invoicedOn: osloDateOf(new Date(payout.invoicedAt)) } : {}),
      ...(payout.paidAt ? { paidOn: osloDateOf(new Date(payout.paidAt)) } : {}),
    } : undefined,
    // Each sent report with the link it came through, where the owner reads back what was sent; or,
    // when the secretariat asked for it to be filled in, the link to send it again.
    reports: reports.map((r) => {
      const asked = openSupplementRequest(app.history, r.kind);
      // Asked to fill it in: the request's link while it works (expired: the page says to ask the secretariat for a new one).
      const link = asked ? requestLink(links, asked, now).working : reportLinkOf(links, r.kind);
      const lapsed = !!asked && !link;
      return {
        kind: r.kind, submittedAt: r.submittedAt, ...(r.supplementedAt ? { supplementedAt: r.supplementedAt } : {}), ...(link ? { linkId: link.id } : {}),
        ...(asked ? { supplementRequestedOn: osloDateOf(new Date(asked.at)), ...(lapsed ? { supplementLinkExpired: true } : {}) } : {}),
      };
    }),
    reportForms,
    repaymentClaim: app.repaymentClaimed !== undefined
      ? {
        amount: app.repaymentClaimed, reason: claim?.reason ?? '', claimedOn: claim ? osloDateOf(new Date(claim.at)) : undefined, effect: claim?.effect ?? 'ends',
        projectNumber: repayment?.projectNumber ?? scheme.projectNumber,
        ...(repayment?.state === 'repaid' && repayment.paidAt ? { repaidOn: osloDateOf(new Date(repayment.paidAt)) } : {}),
      }
      : undefined,
    revocation: revocation ? { revokedOn: osloDateOf(new Date(revocation.at)), reason: revocation.reason } : undefined,
    // What was sent, as the partners see it (no addresses or contact names): the version they sign or signed.
    project: publicProjectDescription(version.data, groupRegister(scheme)),
    reallocations: reallocations.map((r) => ({ id: r.id, state: r.state, amount: r.amount, requestedAt: r.requestedAt, reason: r.reason })),
    // The trail without personal data: what happened and when.
    history: app.history.map((h) => ({ at: h.at, action: h.action, to: h.to })),
  };
}

function periodChangedFor(history: ApplicationRecord['history']) {
  const last = periodChanges(history).at(-1);
  return last ? { changedOn: osloDateOf(new Date(last.at)), from: last.from, reason: last.reason } : undefined;
}

function periodRequestFor(history: ApplicationRecord['history']) {
  const open = openPeriodRequest(history);
  if (open) return { state: 'open' as const, periodStart: open.periodStart, periodEnd: open.periodEnd, reason: open.reason, requestedOn: osloDateOf(new Date(open.at)) };
  const declined = declinedPeriodRequest(history);
  return declined ? { state: 'declined' as const, periodStart: declined.periodStart, periodEnd: declined.periodEnd, reason: declined.reason, answeredOn: osloDateOf(new Date(declined.at)) } : undefined;
}
