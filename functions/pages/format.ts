// Norwegian presentation of amounts, dates, kinds and states.
import type { ApplicationStatus, DecisionOutcome, DecisionRecord, PayoutMode, PayoutRecord, PayoutState, ReminderKind } from '../domain/model';
import { isRepaymentPayout } from '../domain/payout';
import { formatNorwegianClock, formatNorwegianDate, formatNorwegianDateTime, isIsoDate, osloDateOf } from '../domain/oslo-time';
import { STATUS_LABELS_NB } from '../domain/status-transitions';
import { formatNok } from '../domain/money';

export function kroner(amount: number | undefined): string {
  return amount === undefined ? '–' : formatNok(amount);
}

/** After a deadline the committee moved: where from, and why (" (utsatt fra 10.06.2027: …)"; '' when never moved). */
export function movedFrom(move: { from: string; reason: string } | undefined): string {
  return move ? ` (utsatt fra ${date(move.from)}: ${move.reason})` : '';
}

/** A count with its noun: '1 sak', '3 saker'. */
export function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** How overdue reports are chased, in a sentence for the secretariat's pages. */
export function overdueRhythmNb(r: { everyDays: number; atMost: number; copies: number }): string {
  const copies = r.copies === 0 ? 'ingen av dem' : r.copies === 1 ? 'den første' : `de ${Math.min(r.copies, r.atMost)} første`;
  return `Purringene går hver ${r.everyDays}. dag til rapporten kommer, høyst ${r.atMost} ganger; sekretariatet får ${copies} i kopi, og beskjed når purringene slutter.`;
}

/** 'YYYY-MM-DD' → '10.12.2026'. */
export function date(value: string | undefined): string {
  if (!value) return '–';
  return isIsoDate(value) ? formatNorwegianDate(value) : value;
}

/** A meeting's day and time: '10.12.2026 kl. 09.00'. */
export function meetingTime(m: { date: string; time: string }): string {
  return `${date(m.date)} ${formatNorwegianClock(m.time)}`;
}

/** An ISO instant → its Oslo day, '20.11.2026'. */
export function dayOf(instant: string): string {
  return formatNorwegianDate(osloDateOf(new Date(instant)));
}

/** A meeting as a select offers it: its name and day, by its id. */
export function meetingOptions(meetings: readonly { id: string; date: string; title: string }[]): { value: string; label: string }[] {
  return meetings.map((m) => ({ value: m.id, label: `${m.title} (${date(m.date)})` }));
}

/** An ISO instant → '26.11.2026 kl. 23.59' (Oslo time). */
export function dateTime(value: string | undefined): string {
  if (!value) return '–';
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return formatNorwegianDateTime(instant);
}

export function statusLabel(status: ApplicationStatus | string): string {
  return (STATUS_LABELS_NB as Record<string, string>)[status] ?? status;
}

export const PARTNER_KIND_LABELS: Record<string, string> = {
  municipality: 'Kommune',
  hospital_trust: 'Helseforetak',
  other: 'Annen organisasjon',
};

export const ANCHORING_KIND_LABELS: Record<string, string> = {
  'service-model-group': 'Tjenestemodellgruppe',
  'professional-council': 'Fagråd',
  group: 'Tjenestemodellgruppe eller fagråd',
};

export const PAYOUT_STATE_LABELS: Record<PayoutState, string> = {
  pending: 'Til kostnadsføring',
  awaiting_invoice: 'Venter på faktura',
  invoiced: 'Faktura mottatt',
  paid: 'Betalt',
  repayment_claimed: 'Krav om tilbakebetaling',
  repaid: 'Tilbakebetalt',
  cancelled: 'Annullert (tilskuddet er trukket tilbake)',
};

export const PAYOUT_MODE_LABELS: Record<PayoutMode, string> = {
  cost_booking: 'Kostnadsføring på prosjektnummeret',
  invoice: 'Faktura merket med prosjektnummeret',
};

/** A payout's state in its own words: a cost booking that is done is "Kostnadsført" (stored as `paid` like a payout paid). */
export function payoutStateLabel(p: Pick<PayoutRecord, 'state' | 'mode'>): string {
  return p.state === 'paid' && p.mode === 'cost_booking' ? 'Kostnadsført' : PAYOUT_STATE_LABELS[p.state];
}

/** A state as finance's filter offers it: `paid` holds the payouts paid and the costs booked. */
export function payoutStateFilterLabel(state: PayoutState): string {
  return state === 'paid' ? 'Betalt eller kostnadsført' : PAYOUT_STATE_LABELS[state];
}

/** How the money moves: a repayment claim (a negative amount) comes back, whatever the grant's mode was. */
export function payoutModeLabel(p: Pick<PayoutRecord, 'mode' | 'amount'>): string {
  return isRepaymentPayout(p) ? 'Krav om tilbakebetaling: innbetaling merket med prosjektnummeret' : PAYOUT_MODE_LABELS[p.mode];
}

export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  approve: 'Innvilget',
  reject: 'Avslått',
  defer: 'Utsatt',
  more_information: 'Mer informasjon etterspurt',
  revoke: 'Tilskuddet trukket tilbake',
  approve_reallocation: 'Omdisponering godkjent',
  refuse_reallocation: 'Omdisponering avslått',
  claim_repayment: 'Krav om tilbakebetaling',
  change_period: 'Ny prosjektperiode',
};

/** One line for a decision: 'Innvilget, 500 000 kr, 01.01.2027–31.12.2027'. */
export function decisionText(d: Pick<DecisionRecord, 'outcome' | 'amount' | 'periodStart' | 'periodEnd'>): string {
  const amount = d.amount !== undefined ? `, ${kroner(d.amount)}` : '';
  const period = d.periodStart && d.periodEnd ? `, ${date(d.periodStart)}–${date(d.periodEnd)}` : '';
  return `${DECISION_OUTCOME_LABELS[d.outcome] ?? d.outcome}${amount}${period}`;
}

export const REPORT_KIND_LABELS: Record<string, string> = { status: 'Statusrapport', final: 'Sluttrapport' };

export const REALLOCATION_STATE_LABELS: Record<string, string> = {
  requested: 'Venter på behandling',
  approved: 'Godkjent',
  refused: 'Avslått',
};

const ACTION_LABELS: Record<string, string> = {
  submitted: 'Søknaden ble sendt inn',
  revised: 'Revidert søknad sendt inn',
  'declined-by-partner': 'En samarbeidspart avslo å signere',
  'cosigned-by-all': 'Alle partene har signert',
  'cosignatures-expired': 'Signeringen ble ikke fullført i tide',
  'resubmission-due': 'Frist satt for å sende inn søknaden på nytt',
  scheduled: 'Satt opp til møte',
  'moved-to-meeting': 'Flyttet til et annet møte',
  'decision:approve': 'Innvilget',
  'decision:reject': 'Avslått',
  'decision:defer': 'Utsatt',
  'decision:more-information': 'Mer informasjon etterspurt',
  'payout-triggered': 'Utbetaling bestilt',
  paid: 'Utbetalt',
  'report:status': 'Statusrapport mottatt',
  'report:final': 'Sluttrapport mottatt',
  'reallocation-requested': 'Søknad om omdisponering sendt',
  'reallocation-approved': 'Omdisponering godkjent',
  'reallocation-refused': 'Omdisponering avslått',
  'repayment-claimed': 'Krav om tilbakebetaling',
  repaid: 'Tilbakebetalt; saken er avsluttet',
  'repaid-partly': 'Tilbakebetalt; tilskuddet løper videre',
  'grant-revoked': 'Tilskuddet ble trukket tilbake før utbetaling',
  'grant-period-changed': 'Ny prosjektperiode',
  'grant-period-requested': 'Prosjektansvarlig ba om ny prosjektperiode',
  'grant-period-request-declined': 'Ønsket om ny prosjektperiode ble avslått',
  'report-supplement-requested': 'Sekretariatet ba om utfyllende rapport',
  'report-supplemented': 'Prosjektansvarlig fylte ut rapporten',
  'report-supplement-withdrawn': 'Sekretariatet trakk ønsket om utfyllende rapport',
  'owner-changed': 'Ny prosjektansvarlig',
  'report-deadline-extended': 'Rapportfristen utsatt',
  'report-deadline-requested': 'Prosjektansvarlig ba om utsatt rapportfrist',
  'report-deadline-request-declined': 'Ønsket om utsatt rapportfrist ble avslått',
  'owner-link-sent': 'Lenken til saken sendt på nytt til prosjektansvarlig',
  'owner-messaged': 'Melding til prosjektansvarlig',
  'owner-wrote': 'Melding fra prosjektansvarlig',
  'mail-bounced': 'En e-post om saken kom ikke fram',
  withdrawn: 'Søknaden ble trukket',
  expired: 'Søknaden ble ikke fullført i tide',
  closed: 'Avsluttet',
};

/** What each reminder or notice of the sweep is, for the case page's plan (to whom, about what). */
export const REMINDER_KIND_LABELS: Record<ReminderKind, string> = {
  cosign: 'Påminnelse til samarbeidspartene som ikke har signert',
  'submission-deadline': 'Påminnelse til prosjektansvarlig om søknadsfristen',
  'status-report-due': 'Påminnelse om statusrapporten',
  'status-report-overdue': 'Purring på statusrapporten',
  'final-report-due': 'Påminnelse om sluttrapporten',
  'final-report-overdue': 'Purring på sluttrapporten',
  'meeting-moved': 'Beskjed til prosjektansvarlig om nytt møte',
  'owner-changed': 'Lenken til saken til den nye prosjektansvarlige',
  'owner-link': 'Lenken til saken på nytt til prosjektansvarlig',
  'owner-message': 'Sekretariatets melding til prosjektansvarlig',
  'secretariat-message': 'Prosjektansvarliges melding til sekretariatet',
  'invoice-missing': 'Påminnelse om fakturaen',
  'status-report-extended': 'Beskjed til prosjektansvarlig om ny frist for statusrapporten',
  'final-report-extended': 'Beskjed til prosjektansvarlig om ny frist for sluttrapporten',
  'status-report-missing': 'Melding til sekretariatet hvis statusrapporten ikke er kommet',
  'final-report-missing': 'Melding til sekretariatet hvis sluttrapporten ikke er kommet',
  'grant-close': 'Avslutning av tilskuddet etter sluttrapporten',
  'status-report-deadline-request': 'Melding til sekretariatet om ønske om utsatt frist for statusrapporten',
  'final-report-deadline-request': 'Melding til sekretariatet om ønske om utsatt frist for sluttrapporten',
  'status-report-deadline-declined': 'Avslaget på utsatt frist for statusrapporten til prosjektansvarlig',
  'final-report-deadline-declined': 'Avslaget på utsatt frist for sluttrapporten til prosjektansvarlig',
  'status-report-receipt': 'Kvittering for statusrapporten',
  'final-report-receipt': 'Kvittering for sluttrapporten',
  'grant-period-changed': 'Vedtaket om ny prosjektperiode til prosjektansvarlig',
  'grant-period-request': 'Melding til sekretariatet om ønske om ny prosjektperiode',
  'grant-period-declined': 'Avslaget på ny prosjektperiode til prosjektansvarlig',
  'report-supplement': 'Ønsket om utfyllende rapport, med lenken, til prosjektansvarlig',
  'report-supplement-lapsed': 'Melding til sekretariatet hvis rapporten ikke er fylt ut når lenken utløper',
  'report-supplement-withdrawn': 'Beskjed til prosjektansvarlig om at rapporten ikke trenger å fylles ut',
  'report-supplemented': 'Beskjed om utfylt rapport til sekretariatet',
};

export function actionLabel(action: string, to?: string): string {
  return ACTION_LABELS[action] ?? (to ? `Ny status: ${statusLabel(to)}` : action);
}
