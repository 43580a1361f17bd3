// The demo's scenarios: six grants for Helsefellesskapet i Sør-Rogaland sent through different paths
// of the lifecycle, over HTTP against the local system's own URL (the way people would use it):
// applicants post the application, partners sign through the links in their e-mails (read from the
// local SES mail store), the secretariat and finance use the staff API with a token from the local
// auth, and the clock is moved with `system.advance` (reminders, schedules, settled workflows).
//
// Used by `npm run demo` (local/demo.ts) and by test/e2e/demo.test.ts.
import { apiClient, type ApiCall } from './api-client';
import type { LocalSystem } from './system';
import { fetchMailStore, linkIds, type LocalSesMail } from './ses-local';
import { ManualClock } from './workflow-runtime';
import { getScheme, SCHEMES } from '../config/schemes';
import { groupRegister } from '../functions/domain/anchoring';
import type { SchemeConfig } from '../schemas/scheme-config.schema';
import { STATUS_LABELS_NB } from '../functions/domain/status-transitions';
import type { ApplicationStatus, AuditEntry } from '../functions/domain/model';
import { osloDateOf, osloInstant } from '../functions/domain/oslo-time';
import { formatNok } from '../functions/mail/templates';
import { exampleApplication, type ApplicationInput } from '../schemas/application.schema';

const SCHEME_ID = 'sor-rogaland';
const DAY = 86_400_000;

export type GrantKey = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

export interface TimelineEntry {
  /** Oslo date, YYYY-MM-DD */
  date: string;
  /** ISO instant */
  at: string;
  event: string;
  /** the status after the event, when it changed or was set */
  status?: ApplicationStatus;
}

export interface DemoGrant {
  key: GrantKey;
  /** the path through the lifecycle, in Norwegian */
  path: string;
  title: string;
  applicationId: string;
  ownerLink: string;
  expectedStatus: ApplicationStatus;
  status: ApplicationStatus;
  timeline: TimelineEntry[];
}

export type MailRole = 'søker' | 'partner' | 'sekretariat' | 'økonomi' | 'leder' | 'ukjent';

export interface DemoMail {
  /** Oslo date on the system's clock when the mail went out */
  date: string;
  to: MailRole;
  cc: MailRole[];
  subject: string;
}

export interface DemoResult {
  grants: DemoGrant[];
  mails: DemoMail[];
  /** the progress lines, as logged */
  progress: string[];
}

export interface DemoOptions {
  /** where progress lines go (default: nowhere) */
  log?: (line: string) => void;
}

interface GrantPlan {
  key: GrantKey;
  path: string;
  title: string;
  owner: 'municipality' | 'internal-unit';
  /** contacts in the first municipality, the second municipality and the hospital trust */
  people: [string, string, string];
  expectedStatus: ApplicationStatus;
}

export const DEMO_GRANTS: readonly GrantPlan[] = [
  {
    key: 'A',
    path: 'Hele løpet: signert, innvilget, fakturert og utbetalt, status- og sluttrapport, avsluttet',
    title: 'Felles utskrivningsteam for eldre med sammensatte behov',
    owner: 'municipality',
    people: ['Kari Nordmann', 'Per Hansen', 'Ingrid Larsen'],
    expectedStatus: 'closed',
  },
  {
    key: 'B',
    path: 'En partner avslår å signere, søkeren reviderer, innvilget (kostnadsføres i helseforetaket)',
    title: 'Ambulant rehabiliteringsteam etter hjerneslag',
    owner: 'internal-unit',
    people: ['Sigrid Olsen', 'Lars Berg', 'Anne Lie'],
    expectedStatus: 'status_report_received',
  },
  {
    key: 'C',
    path: 'Mer informasjon etterspurt, søkeren reviderer, avslått på neste møte',
    title: 'Digital hjemmeoppfølging av KOLS-pasienter',
    owner: 'municipality',
    people: ['Ola Vik', 'Marit Dahl', 'Erik Moe'],
    expectedStatus: 'rejected',
  },
  {
    key: 'D',
    path: 'Trukket av søkeren mens partnerne signerer',
    title: 'Felles kompetanseløft i palliasjon',
    owner: 'municipality',
    people: ['Hanne Strand', 'Jonas Haugen', 'Liv Bakke'],
    expectedStatus: 'withdrawn',
  },
  {
    key: 'E',
    path: 'Utsatt til et senere møte, innvilget, deretter krav om tilbakebetaling',
    title: 'Rekruttering av sykepleiere i kombinerte stillinger',
    owner: 'municipality',
    people: ['Nina Holm', 'Tor Aas', 'Silje Ruud'],
    expectedStatus: 'repayment_claimed',
  },
  {
    key: 'F',
    path: 'Siste signatur kom etter søknadsfristen, flyttet til neste møte, innvilget; ny prosjektperiode (utsatt oppstart); statusrapporten er på overtid',
    title: 'Samhandlingsforløp for barn med psykiske plager',
    owner: 'municipality',
    people: ['Eva Lund', 'Knut Myhre', 'Ida Sæther'],
    expectedStatus: 'active',
  },
];

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .normalize('NFD')
    .replace(/[^a-z ]/g, '')
    .trim()
    .replace(/\s+/g, '.');
}

function withDomain(email: string, name: string): string {
  return `${slug(name)}@${email.split('@')[1] ?? 'example.org'}`;
}

/** The example application with this grant's title and people (unique e-mail addresses per grant). */
function applicationFor(plan: GrantPlan): ApplicationInput {
  const scheme = getScheme(SCHEME_ID);
  if (!scheme) throw new Error(`Ordningen ${SCHEME_ID} finnes ikke`);
  const base = exampleApplication(scheme, { owner: plan.owner });
  const partners = base.partners.map((p, i) => {
    const name = plan.people[i] ?? p.contactName;
    return { ...p, contactName: name, email: withDomain(p.email, name) };
  });
  const ownerPartner = partners[base.owner.partnerIndex];
  if (!ownerPartner) throw new Error('Eksempelsøknaden mangler prosjektansvarligens partner');
  return {
    ...base,
    title: plan.title,
    partners,
    owner: { ...base.owner, name: ownerPartner.contactName, email: ownerPartner.email },
  };
}

export function osloDayMonth(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** Talks to the system over HTTP, like a browser or an API client would. */
class Http {
  readonly call: ApiCall;

  constructor(system: LocalSystem) {
    this.call = apiClient(system, { secretariat: 'demo-sekretariat', finance: 'demo-okonomi' });
  }

  /** The call must succeed (2xx); otherwise the demo stops with the answer. */
  async ok(method: 'GET' | 'POST', path: string, body?: unknown, as?: 'secretariat' | 'finance'): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
    const answer = await this.call(method, path, body, as);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path} svarte ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body;
  }
}

/** Every mail the system sends during the demo, with the system-clock date it went out. */
class MailLog {
  readonly entries: Array<{ mail: LocalSesMail; date: string }> = [];
  private readonly seen = new Set<string>();
  private sinceSeconds = 0;

  constructor(
    private readonly endpoint: string,
    private readonly clock: ManualClock,
  ) {}

  /** Ignores what the store already holds (mails from before the demo). */
  async start(): Promise<void> {
    for (const mail of await fetchMailStore(this.endpoint)) this.seen.add(mail.messageId);
    this.sinceSeconds = Math.floor(Date.now() / 1000) - 1;
  }

  /** Picks up new mails; they went out at the clock's current day (the demo collects after every day). */
  async collect(): Promise<LocalSesMail[]> {
    const fetchedAt = Math.floor(Date.now() / 1000) - 1;
    const fresh: LocalSesMail[] = [];
    for (const mail of await fetchMailStore(this.endpoint, this.sinceSeconds)) {
      if (this.seen.has(mail.messageId)) continue;
      this.seen.add(mail.messageId);
      this.entries.push({ mail, date: osloDateOf(this.clock.now()) });
      fresh.push(mail);
    }
    this.sinceSeconds = fetchedAt;
    return fresh;
  }

  to(address: string): LocalSesMail[] {
    return this.entries.map((e) => e.mail).filter((m) => m.destination.to.includes(address) || m.destination.cc.includes(address));
  }
}

interface LiveGrant {
  plan: GrantPlan;
  data: ApplicationInput;
  applicationId: string;
  ownerLink: string;
}

const APPROVE_2027 = { outcome: 'approve', periodStart: '2027-01-01', periodEnd: '2027-12-31' } as const;
const APPROVE_FROM_MARCH = { outcome: 'approve', periodStart: '2027-03-01', periodEnd: '2028-02-28' } as const;
/** Who met on the committee, as the secretariat writes it on the minutes. */
const ATTENDANCE = {
  present: ['Kari Nordmann, leder (Stavanger kommune)', 'Ola Hansen, nestleder (Helse Stavanger)', 'Ingrid Berg (Sandnes kommune)', 'Lars Eik (Helse Stavanger)', 'Siv Dahl, brukerrepresentant'],
  absent: ['Per Olsen (Sola kommune)'],
};

const REPORT = { progress: 'Teamet er etablert og har fulgt opp de første pasientene.', effect: 'Færre liggedøgn for utskrivningsklare pasienter.', spentAmount: 300_000 };

/**
 * Runs the six grants against a LocalSystem on a ManualClock (the demo starts it at 2026-11-20 09:00
 * Oslo; tests may start it any time on 2026-11-20). Throws as soon as a step does not go as planned.
 */
export async function runDemoScenarios(system: LocalSystem, options: DemoOptions = {}): Promise<DemoResult> {
  const clock = system.deps.clock;
  if (!(clock instanceof ManualClock)) throw new Error('Demoen må kjøre på en ManualClock');
  if (osloDateOf(clock.now()) > '2026-11-20') throw new Error(`Demoen starter 20.11.2026; klokken står på ${clock.now().toISOString()}`);
  const scheme = getScheme(SCHEME_ID);
  if (!scheme) throw new Error(`Ordningen ${SCHEME_ID} finnes ikke`);
  const c = scheme.committee.shortName;

  const http = new Http(system);
  const mails = new MailLog(system.ses.endpoint, clock);
  await mails.start();
  const progress: string[] = [];
  const say = (text: string) => {
    const line = `[${osloDateOf(clock.now())}] ${text}`;
    progress.push(line);
    options.log?.(line);
  };

  const settle = async () => {
    await system.settle();
    await mails.collect();
  };

  /** Moves the clock day by day to `target` (Oslo date and time), noting the mails sent on each day. */
  const advanceTo = async (date: string, time = '09:00') => {
    const target = osloInstant(date, time).getTime();
    const from = clock.now();
    if (target <= from.getTime()) return;
    let sent = 0;
    let reminders = 0;
    while (clock.now().getTime() < target) {
      await system.advance(Math.min(DAY, target - clock.now().getTime()), DAY);
      const fresh = await mails.collect();
      sent += fresh.length;
      reminders += fresh.filter((m) => /Påminnelse|Fristen er passert/.test(m.subject)).length;
    }
    const days = Math.round((target - from.getTime()) / DAY);
    const what = sent === 0 ? 'ingen e-post sendt' : `${sent} e-post${sent === 1 ? '' : 'er'} sendt${reminders ? `, av dem ${reminders} påminnelse${reminders === 1 ? '' : 'r'}` : ''}`;
    say(`Klokken flyttet ${days} dag${days === 1 ? '' : 'er'} frem: ${what}`);
  };

  const latestLink = (address: string, page: 'signering' | 'rapport', not: string[] = []): string => {
    for (const mail of [...mails.to(address)].reverse()) {
      const link = linkIds(mail, page).find((l) => !not.includes(l));
      if (link) return link;
    }
    throw new Error(`Fant ingen /${page}/-lenke i e-posten til ${address}`);
  };

  const submit = async (plan: GrantPlan): Promise<LiveGrant> => {
    const data = applicationFor(plan);
    const body = await http.ok('POST', `/api/schemes/${SCHEME_ID}/applications`, data);
    const ownerLink = String(body.statusUrl).split('/').pop() ?? '';
    return { plan, data, applicationId: String(body.applicationId), ownerLink };
  };

  const sign = async (g: LiveGrant, partnerIndex: number) => {
    const partner = g.data.partners[partnerIndex];
    if (!partner) throw new Error(`${g.plan.key} har ingen partner ${partnerIndex}`);
    await http.ok('POST', `/api/cosign/${latestLink(partner.email, 'signering')}`, { decision: 'sign' });
  };
  const signAll = async (g: LiveGrant) => {
    for (let i = 0; i < g.data.partners.length; i++) await sign(g, i);
    await settle();
  };

  const staffView = async (g: LiveGrant) => http.ok('GET', `/api/staff/applications/${g.applicationId}`, undefined, 'secretariat');
  const meetingOf = async (g: LiveGrant): Promise<string> => String((await staffView(g)).application.meetingId ?? '');
  const statusOf = async (g: LiveGrant): Promise<ApplicationStatus> => (await http.ok('GET', `/api/owner/${g.ownerLink}`)).status as ApplicationStatus;
  const expectStatus = async (g: LiveGrant, expected: ApplicationStatus) => {
    const actual = await statusOf(g);
    if (actual !== expected) throw new Error(`${g.plan.key} skulle ha status ${expected}, men har ${actual}`);
  };

  const decide = async (g: LiveGrant, body: Record<string, unknown>) => {
    await http.ok('POST', `/api/staff/applications/${g.applicationId}/decisions`, body, 'secretariat');
  };

  const pay = async (g: LiveGrant, invoiceNumber: string): Promise<'invoice' | 'cost_booking'> => {
    const list = await http.ok('GET', `/api/finance/payouts?projectNumber=${encodeURIComponent(scheme.projectNumber)}`, undefined, 'finance');
    const payouts = (list.payouts ?? list) as Array<{ id: string; applicationId: string; state: string; amount: number }>;
    const payout = payouts.find((p) => p.applicationId === g.applicationId && p.amount > 0);
    if (!payout) throw new Error(`Fant ingen utbetaling for ${g.plan.key}`);
    const id = encodeURIComponent(payout.id);
    const byInvoice = payout.state === 'awaiting_invoice';
    if (byInvoice) await http.ok('POST', `/api/finance/payouts/${id}/invoice`, { invoiceNumber }, 'finance');
    await http.ok('POST', `/api/finance/payouts/${id}/paid`, {}, 'finance');
    return byInvoice ? 'invoice' : 'cost_booking';
  };

  const report = async (g: LiveGrant, link: string, body: Record<string, unknown>) => {
    await http.ok('POST', `/api/reports/${link}`, body);
  };

  // ---- 20.11.2026: six applications; partners start signing --------------------------------------
  const plans = Object.fromEntries(DEMO_GRANTS.map((p) => [p.key, p])) as Record<GrantKey, GrantPlan>;
  const g = {} as Record<GrantKey, LiveGrant>;
  for (const plan of DEMO_GRANTS) g[plan.key] = await submit(plan);
  await settle();
  say(`${DEMO_GRANTS.length} søknader sendt inn (${DEMO_GRANTS.map((p) => p.key).join(', ')}); partnerne har fått signeringslenker på e-post`);

  for (const key of ['A', 'C', 'E'] as const) await signAll(g[key]);
  const firstMeeting = await meetingOf(g.A);
  say(`A, C og E er signert av alle partene og satt opp til ${c}-møtet ${osloDayMonth(firstMeeting)}`);

  await sign(g.B, 0);
  await sign(g.B, 1);
  const decliner = g.B.data.partners[2]!;
  await http.ok('POST', `/api/cosign/${latestLink(decliner.email, 'signering')}`, { decision: 'decline', reason: 'Helseforetakets andel av budsjettet er ikke avklart.' });
  await settle();
  await expectStatus(g.B, 'draft');
  say(`B: ${decliner.organisationName} avslo å signere – søknaden er sendt tilbake til søkeren`);

  await sign(g.D, 0);
  for (const i of [0, 1]) await sign(g.F, i);
  await settle();
  say('D og F: to av tre partnere har signert');

  // ---- 23.11.2026: B revised and signed again; D withdrawn ----------------------------------------
  await advanceTo('2026-11-23');
  const revisedB: ApplicationInput = {
    ...g.B.data,
    summary: `${g.B.data.summary} Revidert: helseforetakets andel er avklart med klinikkledelsen.`,
  };
  await http.ok('POST', `/api/owner/${g.B.ownerLink}/revision`, revisedB);
  await settle();
  g.B = { ...g.B, data: revisedB };
  await signAll(g.B);
  await expectStatus(g.B, 'scheduled');
  say(`B er revidert og signert på nytt av alle – satt opp til ${c}-møtet ${osloDayMonth(await meetingOf(g.B))}`);

  await http.ok('POST', `/api/owner/${g.D.ownerLink}/withdrawal`, { reason: 'Kommunene har ikke kapasitet i år.' });
  await settle();
  await expectStatus(g.D, 'withdrawn');
  say('D er trukket av søkeren');

  // ---- 27.11.2026: the deadline for 10.12 has passed; F's last signature arrives ------------------
  await advanceTo('2026-11-27');
  await sign(g.F, 2);
  await settle();
  await expectStatus(g.F, 'scheduled');
  const fMeeting = await meetingOf(g.F);
  if (fMeeting <= firstMeeting) throw new Error(`F skulle flyttes til et senere møte enn ${firstMeeting}, står på ${fMeeting}`);
  say(`F: siste signatur kom etter fristen – flyttet til ${c}-møtet ${osloDayMonth(fMeeting)}, søkeren er varslet`);

  // ---- 10.12.2026: the committee meets -----------------------------------------------------------
  await advanceTo(firstMeeting, '09:00');
  await decide(g.A, { ...APPROVE_2027, amount: 800_000 });
  await decide(g.B, { ...APPROVE_2027, amount: 500_000 });
  await http.ok('POST', `/api/staff/applications/${g.C.applicationId}/information-requests`, { message: 'Beskriv hvem som har pasientansvaret når pasienten følges opp hjemme.' }, 'secretariat');
  await decide(g.E, { outcome: 'defer', reason: 'Venter på budsjettsituasjonen for 2027.' });
  await settle();
  say(`${c}-møte: 2 søknader vedtatt (A, B), 1 utsatt (E), mer informasjon etterspurt for C`);
  const minutesOf = (meetingId: string, part: 'attendance' | 'approval') => `/api/staff/schemes/${SCHEME_ID}/meetings/${meetingId}/minutes/${part}`;
  await http.ok('POST', minutesOf(firstMeeting, 'attendance'), ATTENDANCE, 'secretariat');
  say(`Protokollen fra ${c}-møtet ${osloDayMonth(firstMeeting)}: fremmøtet er registrert (${ATTENDANCE.present.length} til stede, ${ATTENDANCE.absent.length} forfall)`);

  // ---- 14.12.2026: finance pays; C answers ---------------------------------------------------------
  await advanceTo('2026-12-14');
  const modeA = await pay(g.A, 'F-2026-1042');
  const modeB = await pay(g.B, 'F-2026-1043');
  await settle();
  const modeText = (m: 'invoice' | 'cost_booking') => (m === 'invoice' ? 'faktura registrert og betalt' : 'kostnadsført på prosjektnummeret');
  say(`Økonomi: A ${modeText(modeA)}; B ${modeText(modeB)}`);

  const revisedC: ApplicationInput = { ...g.C.data, patientResponsibility: 'Kommunen har pasientansvaret under hjemmeoppfølgingen; sykehuset gir råd ved forverring.' };
  await http.ok('POST', `/api/owner/${g.C.ownerLink}/revision`, { ...revisedC, answer: 'Kommunen har pasientansvaret under hjemmeoppfølgingen. Det står nå under «Pasientansvar» i søknaden.' });
  await settle();
  g.C = { ...g.C, data: revisedC };
  await signAll(g.C);
  await expectStatus(g.C, 'scheduled');
  say(`C har svart med mer informasjon og er signert på nytt – satt opp til ${c}-møtet ${osloDayMonth(await meetingOf(g.C))}`);

  // ---- 28.01.2027: the next meeting ---------------------------------------------------------------
  const secondMeeting = await meetingOf(g.E);
  await advanceTo(secondMeeting, '09:00');
  await decide(g.C, { outcome: 'reject', reason: 'Tiltaket er allerede dekket av eksisterende avtaler om hjemmeoppfølging.' });
  await decide(g.E, { ...APPROVE_FROM_MARCH, amount: 600_000 });
  await decide(g.F, { ...APPROVE_FROM_MARCH, amount: 450_000 });
  await settle();
  say(`${c}-møte: 2 søknader vedtatt (E, F), 1 avslått (C)`);
  // The committee approves the minutes of the meeting before; the secretariat records it, and they are final.
  await http.ok('POST', minutesOf(firstMeeting, 'approval'), { note: `Godkjent i ${c}-møtet ${osloDayMonth(secondMeeting)}.` }, 'secretariat');
  say(`Protokollen fra ${c}-møtet ${osloDayMonth(firstMeeting)} er godkjent`);

  await advanceTo('2027-02-01');
  await pay(g.E, 'F-2027-0107');
  await pay(g.F, 'F-2027-0108');
  await settle();
  say('Økonomi: faktura registrert og betalt for E og F');

  // ---- 25.02.2027: F starts later than planned; the committee gives it a new period -------------
  await advanceTo('2027-02-25', '10:00');
  await http.ok('POST', `/api/staff/applications/${g.F.applicationId}/period`, { periodStart: '2027-05-01', periodEnd: '2028-04-30', reason: 'Koordinatorstillingen er besatt fra 1. mai.' }, 'secretariat');
  await settle();
  say(`${c}-møte: ny prosjektperiode for F (01.05.2027–30.04.2028), utsatt oppstart`);

  // ---- 2027: status reports; a repayment claim --------------------------------------------------
  await advanceTo('2027-06-01');
  const statusLinkA = latestLink(g.A.data.owner.email, 'rapport');
  await report(g.A, statusLinkA, REPORT);
  await report(g.B, latestLink(g.B.data.owner.email, 'rapport'), { ...REPORT, spentAmount: 200_000 });
  await settle();
  say('Statusrapport mottatt for A og B');

  // B's status report says what was done, not what it did: the secretariat asks for more.
  await advanceTo('2027-06-14', '10:00');
  const statusLinkB = latestLink(g.B.data.owner.email, 'rapport');
  await http.ok('POST', `/api/staff/applications/${g.B.applicationId}/report-supplement`, { report: 'status', reason: 'Beskriv effekten for pasientene så langt, gjerne med tall (for eksempel liggetid eller reinnleggelser).' }, 'secretariat');
  await settle();
  say('Sekretariatet ber B fylle ut statusrapporten');
  await advanceTo('2027-06-21', '10:00');
  await report(g.B, latestLink(g.B.data.owner.email, 'rapport', [statusLinkB]), { ...REPORT, spentAmount: 200_000, effect: 'Liggetiden for utskrivningsklare pasienter er redusert fra 4,1 til 2,6 døgn; færre reinnleggelser innen 30 dager.' });
  await settle();
  say('Utfylt statusrapport mottatt for B');

  await advanceTo('2027-09-23');
  await http.ok('POST', `/api/staff/applications/${g.E.applicationId}/repayment-claims`, { amount: 250_000, reason: 'Bare én av tre stillinger er besatt; ubrukte midler kreves tilbake.', endGrant: true }, 'secretariat');
  await settle();
  say(`${c}-møte: krav om tilbakebetaling av ${formatNok(250_000)} for E`);

  // ---- 2028: the final report closes A ------------------------------------------------------------
  await advanceTo('2028-02-20');
  const finalLinkA = latestLink(g.A.data.owner.email, 'rapport', [statusLinkA]);
  await report(g.A, finalLinkA, { ...REPORT, spentAmount: 800_000, lessonsLearned: 'Felles planlegging fra første dag gir tryggere hjemreise.' });
  await settle();
  say('Sluttrapport mottatt for A – tilskuddet er avsluttet');

  // ---- the outcome ------------------------------------------------------------------------------
  const grants: DemoGrant[] = [];
  for (const key of Object.keys(plans) as GrantKey[]) {
    const live = g[key];
    const view = await staffView(live);
    const history = (view.application.history ?? []) as AuditEntry[];
    grants.push({
      key,
      path: live.plan.path,
      title: live.plan.title,
      applicationId: live.applicationId,
      ownerLink: live.ownerLink,
      expectedStatus: live.plan.expectedStatus,
      status: view.application.status as ApplicationStatus,
      timeline: history.map((h) => ({
        at: h.at,
        date: osloDateOf(new Date(h.at)),
        event: describeAuditEntry(h, c),
        ...(h.to ? { status: h.to } : {}),
      })),
    });
  }

  // Every community's secretariat: the sweep's notices (agenda complete, half-year report) go to each.
  const roles = roleBook(Object.values(g).map((x) => x.data), [scheme, ...Object.values(SCHEMES)]);
  const sent: DemoMail[] = mails.entries.map(({ mail, date }) => ({
    date,
    to: roles(mail.destination.to[0] ?? ''),
    cc: mail.destination.cc.map(roles),
    subject: mail.subject,
  }));
  return { grants, mails: sent, progress };
}

/** One audit entry as a line of the timeline, in Norwegian (unknown actions are shown as they are). */
export function describeAuditEntry(entry: AuditEntry, committee = 'FSU'): string {
  const d = entry.details ?? {};
  const meeting = (id: unknown) => (typeof id === 'string' ? osloDayMonth(id) : '?');
  const kroner = (n: unknown) => (typeof n === 'number' ? formatNok(n) : '');
  switch (entry.action) {
    case 'submitted':
      return 'Søknad sendt inn; partnerne bes signere';
    case 'revised':
      return `Revidert av søkeren (versjon ${String(d.version ?? '?')}); partnerne bes signere på nytt`;
    case 'declined-by-partner':
      return 'En partner avslo å signere – sendt tilbake til søkeren';
    case 'resubmission-due':
      return `Søkeren har frist til ${typeof d.respondBy === 'string' ? osloDayMonth(osloDateOf(new Date(d.respondBy))) : '?'} med å sende inn på nytt`;
    case 'cosigned-by-all':
      return `Signert av alle partnerne (versjon ${String(d.version ?? '?')})`;
    case 'scheduled':
      return d.missedMeetingId
        ? `Satt opp til ${committee}-møtet ${meeting(d.meetingId)} (fristen for ${meeting(d.missedMeetingId)} var passert)`
        : `Satt opp til ${committee}-møtet ${meeting(d.meetingId)}`;
    case 'decision:approve':
      return `Vedtak: innvilget ${kroner(d.amount)}`.trimEnd();
    case 'decision:reject':
      return 'Vedtak: avslått';
    case 'decision:defer':
      return 'Vedtak: utsatt til et senere møte';
    case 'decision:more-information':
      return `${committee} ber om mer informasjon`;
    case 'payout-triggered':
      return d.mode === 'cost_booking' ? 'Utbetaling til økonomi: kostnadsføres på prosjektnummeret' : 'Utbetaling til økonomi: venter på faktura';
    case 'paid':
      return 'Utbetalt';
    case 'report:status':
      return 'Statusrapport mottatt';
    case 'report:final':
      return 'Sluttrapport mottatt';
    case 'report-supplement-requested':
      return `Sekretariatet ber om utfyllende ${d.kind === 'final' ? 'sluttrapport' : 'statusrapport'}`;
    case 'report-supplemented':
      return `${d.kind === 'final' ? 'Sluttrapporten' : 'Statusrapporten'} er fylt ut og sendt på nytt`;
    case 'report-supplement-withdrawn':
      return `Sekretariatet trakk ønsket om utfyllende ${d.kind === 'final' ? 'sluttrapport' : 'statusrapport'}`;
    case 'closed':
      return 'Tilskuddet er avsluttet';
    case 'withdrawn':
      return typeof d.reason === 'string' ? `Trukket av søkeren: «${d.reason}»` : 'Trukket av søkeren';
    case 'repayment-claimed':
      return `Krav om tilbakebetaling av ${kroner(d.amount)}`;
    case 'grant-period-changed':
      return `Ny prosjektperiode ${osloDayMonth(String(d.periodStart))}–${osloDayMonth(String(d.periodEnd))} (${committee}s vedtak)`;
    case 'reallocation-requested':
      return `Søknad om omdisponering av ${kroner(d.amount)}`;
    case 'reallocation-approved':
      return 'Omdisponering godkjent';
    case 'reallocation-refused':
      return 'Omdisponering ikke godkjent';
    default:
      return entry.action;
  }
}

function roleBook(applications: ApplicationInput[], schemes: ReadonlyArray<Pick<SchemeConfig, 'secretariatEmail' | 'financeEmail' | 'anchoring'>>): (address: string) => MailRole {
  const book = new Map<string, MailRole>();
  for (const scheme of schemes) {
    book.set(scheme.secretariatEmail.toLowerCase(), 'sekretariat');
    book.set(scheme.financeEmail.toLowerCase(), 'økonomi');
    for (const group of groupRegister(scheme)) for (const leader of [group.leaderEmail, group.deputyLeaderEmail]) book.set(leader.toLowerCase(), 'leder');
  }
  for (const data of applications) {
    for (const p of data.partners) if (!book.has(p.email.toLowerCase())) book.set(p.email.toLowerCase(), 'partner');
    book.set(data.owner.email.toLowerCase(), 'søker');
  }
  return (address) => book.get(address.trim().toLowerCase().replace(/^.*<([^>]+)>$/, '$1')) ?? 'ukjent';
}

// ---- printing -----------------------------------------------------------------------------------

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** A timeline table per grant. */
export function formatTimelines(result: DemoResult): string {
  return result.grants
    .map((grant) => {
      const head = `${grant.key}: «${grant.title}»\n   ${grant.path}. Status nå: ${STATUS_LABELS_NB[grant.status] ?? grant.status}`;
      const rows = grant.timeline.map((t) => [osloDayMonth(t.date), t.event, t.status ? (STATUS_LABELS_NB[t.status] ?? t.status) : '']);
      return `${head}\n${table(['Dato', 'Hendelse', 'Status etterpå'], rows).replace(/^/gm, '   ')}`;
    })
    .join('\n\n');
}

/** The e-mails that went out: date, recipient's role (and copies), subject. */
export function formatMails(result: DemoResult): string {
  const rows = result.mails.map((m) => [osloDayMonth(m.date), m.cc.length ? `${m.to} (kopi: ${[...new Set(m.cc)].join(', ')})` : m.to, m.subject]);
  return table(['Dato', 'Til', 'Emne'], rows);
}
