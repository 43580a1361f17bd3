// E-mail templates in Norwegian bokmål. Pure functions: context + data in, { subject, text, html }
// out. Text and HTML are rendered from the same blocks, so they always say the same thing; every
// value is escaped in the HTML. Links are opaque URLs built by the caller (PUBLIC_BASE_URL + link
// id); a template refuses a URL that is not http(s) or that mentions a token.
// Recipients (including the cc of the decision letter) are the caller's job: see OutgoingMail.
import { formatNok } from '../domain/money';
import { formatNorwegianDate, formatNorwegianDateTime, osloDateOf } from '../domain/oslo-time';
import type { ClaimEffect } from '../domain/payout';
import type { ExpiryReason } from '../domain/status-transitions';
import { finalReportOpensOn } from '../domain/reports';
import { grantConditions } from '../domain/grant-conditions';
import { andList } from '../domain/norwegian-list';
import { finalReportFollowsStatusReport } from '../domain/grant-period';

export interface SchemeMailContext {
  /** e.g. 'Helsefellesskapet i Sør-Rogaland' */
  name: string;
  /** e.g. 'FSU' */
  committeeShortName: string;
  secretariatEmail: string;
  /** Innlandet: the action part a granted measure is noted in (see SchemeConfig.actionPlan) */
  actionPlanTitle?: string;
  /** Months after the allocation the status report is due (Sør-Rogaland: 6) */
  statusReportAfterMonths: number;
}

export interface ApplicationMailContext {
  id: string;
  title: string;
}

export interface MailContext {
  scheme: SchemeMailContext;
  application: ApplicationMailContext;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** the case the mail is about: tagged on the message, so a bounce can be traced back to it */
  applicationId?: string;
}

/** 'YYYY-MM-DD' or an ISO instant */
export type DateInput = string;
export type ReportKindName = 'status' | 'final';
export type PayoutModeName = 'cost_booking' | 'invoice';

// ---------------------------------------------------------------------------------------------
// Formatting helpers

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const months = (n: number) => (n === 1 ? '1 måned' : `${n} måneder`);

function parseInstant(value: DateInput): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not a date: ${value}`);
  return date;
}

/** 'YYYY-MM-DD' → 'dd.mm.yyyy'; an ISO instant → its date in Norway (Europe/Oslo), 'dd.mm.yyyy'. */
export function formatDateNb(value: DateInput | Date): string {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}.${m[2]}.${m[1]}`;
  }
  return formatNorwegianDate(osloDateOf(value instanceof Date ? value : parseInstant(value)));
}

/** An ISO instant → 'dd.mm.yyyy kl. HH.MM' in Norwegian time; a plain date → 'dd.mm.yyyy'. */
export function formatDateTimeNb(value: DateInput | Date): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return formatDateNb(value);
  return formatNorwegianDateTime(value instanceof Date ? value : parseInstant(value));
}

export { formatNok };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const reportName = (kind: ReportKindName): string => (kind === 'status' ? 'statusrapport' : 'sluttrapport');
const capitalise = (value: string): string => value.charAt(0).toUpperCase() + value.slice(1);
const days = (n: number): string => (n === 0 ? 'i dag' : n === 1 ? 'om 1 dag' : `om ${n} dager`);
/** A period as the pages write it: 'dd.mm.yyyy–dd.mm.yyyy'. */
const periodText = (start: DateInput, end: DateInput) => `${formatDateNb(start)}–${formatDateNb(end)}`;

// ---------------------------------------------------------------------------------------------
// Block model: rendered to text and HTML alike

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'facts'; rows: Array<[string, string]> }
  | { kind: 'list'; title?: string; items: string[] }
  | { kind: 'link'; label: string; url: string };

const p = (text: string): Block => ({ kind: 'p', text });
const quote = (label: string, text: string): Block => ({ kind: 'quote', label, text });
const facts = (...rows: Array<[string, string] | undefined | false>): Block => ({
  kind: 'facts',
  rows: rows.filter((row): row is [string, string] => Array.isArray(row)),
});
const list = (items: string[], title?: string): Block => ({ kind: 'list', items, ...(title ? { title } : {}) });
const link = (label: string, url: string): Block => ({ kind: 'link', label, url: safeUrl(url) });

/** Only http(s) URLs, and never one that carries a token: mails get opaque link URLs only. */
function safeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError('A mail link must be an absolute URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new RangeError('A mail link must be http(s)');
  if (/token/i.test(url)) throw new RangeError('A mail link must be an opaque link URL, never a token');
  return parsed.toString();
}

/** Removes control characters (except line breaks and tabs) from free text. */
const clean = (value: string): string => value.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
const oneLine = (value: string): string => clean(value).replace(/\s+/g, ' ').trim();

type Audience = 'external' | 'internal';

interface MailSpec {
  subject: string;
  greeting?: string;
  blocks: Block[];
  audience: Audience;
}

const MAX_TITLE_IN_SUBJECT = 80;

function titleForSubject(title: string): string {
  const t = oneLine(title);
  return t.length > MAX_TITLE_IN_SUBJECT ? `${t.slice(0, MAX_TITLE_IN_SUBJECT - 1)}…` : t;
}

/** What a mail is rendered for: a scheme, and the application it concerns (all but scheme-wide mails to the secretariat). */
type RenderContext = Pick<MailContext, 'scheme'> & Partial<Pick<MailContext, 'application'>>;

function footer(ctx: RenderContext, audience: Audience): Block[] {
  const { scheme } = ctx;
  if (audience === 'internal') {
    return [p(`Denne meldingen er sendt automatisk fra tilskuddsløsningen for ${oneLine(scheme.name)}.`)];
  }
  return [
    p(`Med vennlig hilsen\nSekretariatet for ${oneLine(scheme.committeeShortName)}\n${oneLine(scheme.name)}`),
    p(
      `Denne e-posten er sendt automatisk og kan ikke besvares. Har du spørsmål, kontakt sekretariatet på ${oneLine(scheme.secretariatEmail)}.${ctx.application ? ` Oppgi saksnummeret ${oneLine(ctx.application.id)}.` : ''}`,
    ),
  ];
}

function render(ctx: RenderContext, spec: MailSpec): RenderedMail {
  const subject = `[${oneLine(ctx.scheme.committeeShortName)}] ${oneLine(spec.subject)}`;
  const blocks: Block[] = [...(spec.greeting ? [p(spec.greeting)] : []), ...spec.blocks, ...footer(ctx, spec.audience)];
  return { subject, text: renderText(blocks), html: renderHtml(subject, blocks), ...(ctx.application ? { applicationId: ctx.application.id } : {}) };
}

function renderText(blocks: Block[]): string {
  const parts = blocks.map((block): string => {
    switch (block.kind) {
      case 'p':
        return clean(block.text);
      case 'quote':
        return `${block.label}:\n${clean(block.text)
          .split('\n')
          .map((line) => `> ${line}`)
          .join('\n')}`;
      case 'facts':
        return block.rows.map(([label, value]) => `${label}: ${oneLine(value)}`).join('\n');
      case 'list':
        return `${block.title ? `${block.title}\n` : ''}${block.items.map((item) => `- ${clean(item)}`).join('\n')}`;
      case 'link':
        return `${block.label}:\n${block.url}`;
    }
  });
  return `${parts.join('\n\n')}\n`;
}

const htmlText = (value: string): string => escapeHtml(clean(value)).replace(/\n/g, '<br>\n');

function renderHtml(subject: string, blocks: Block[]): string {
  const body = blocks.map((block): string => {
    switch (block.kind) {
      case 'p':
        return `<p>${htmlText(block.text)}</p>`;
      case 'quote':
        return `<p><strong>${escapeHtml(block.label)}:</strong></p>\n<blockquote style="margin:0 0 1em 0;padding-left:12px;border-left:3px solid #ccc">${htmlText(block.text)}</blockquote>`;
      case 'facts':
        return `<table role="presentation" style="border-collapse:collapse">\n${block.rows
          .map(
            ([label, value]) =>
              `<tr><th style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(oneLine(value))}</td></tr>`,
          )
          .join('\n')}\n</table>`;
      case 'list':
        return `${block.title ? `<p>${htmlText(block.title)}</p>\n` : ''}<ul>\n${block.items
          .map((item) => `<li>${htmlText(item)}</li>`)
          .join('\n')}\n</ul>`;
      case 'link':
        return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
    }
  });
  return [
    '<!doctype html>',
    '<html lang="nb">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a;max-width:640px">',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const hei = (name?: string): string => (name && oneLine(name) ? `Hei ${oneLine(name)},` : 'Hei,');
const quoted = (title: string): string => `«${oneLine(title)}»`;
const appFacts = (ctx: MailContext): Array<[string, string]> => [
  ['Søknad', ctx.application.title],
  ['Saksnummer', ctx.application.id],
];

// ---------------------------------------------------------------------------------------------
// Co-signature

/**
 * The applicant's contact person, whom a partner asks about the application's content: the
 * project's contact (the one the secretariat set since, else the application's owner), its
 * organisation, and the address to reply to (in the mail's text only, never in a link).
 */
export interface ApplicantContact {
  name: string;
  organisation: string;
  email: string;
}

const askContact = (c: ApplicantContact): Block => p(`Spørsmål om søknaden: ${oneLine(c.name)}, ${oneLine(c.organisation)} (${oneLine(c.email)})`);

export interface CosignRequestData {
  recipientName?: string;
  /** the partner organisation the recipient signs for */
  partnerOrganisation: string;
  /** the applicant organisation / project owner */
  ownerOrganisation: string;
  requestedAmount: number;
  /** the partner's stated own contribution, if any */
  partnerContribution?: string;
  link: string;
  expiresAt: DateInput;
  /** a revised application (version 2 and on): what was signed before does not count for it */
  revised?: boolean;
  /** a revised application: the owner's note on what changed, if the owner wrote one */
  changeNote?: string;
  /** the meeting the application reaches if every partner signs before its deadline */
  meeting?: { date: DateInput; submissionDeadline: DateInput };
  /** whom to ask about the application's content */
  contact: ApplicantContact;
}

/** The owner's own organisation is a party too, and signs like the others; it is not its own partner. */
function cosignOpening(owner: string, partner: string, schemeName: string, ownOrganisation: boolean): string {
  return ownOrganisation
    ? `${owner} har søkt ${schemeName} om rekrutterings- og samhandlingstilskudd, sammen med samarbeidspartene i søknaden. Også søkerens egen organisasjon signerer søknaden.`
    : `${owner} har søkt ${schemeName} om rekrutterings- og samhandlingstilskudd og oppgitt ${partner} som samarbeidspart.`;
}

/** To the partner contact: confirm the documented agreement behind the application. */
export function cosignRequest(ctx: MailContext, d: CosignRequestData): RenderedMail {
  const { committeeShortName, name } = ctx.scheme;
  const ownOrganisation = d.ownerOrganisation === d.partnerOrganisation;
  return render(ctx, {
    audience: 'external',
    subject: `Signering av søknad: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(
        `${cosignOpening(oneLine(d.ownerOrganisation), oneLine(d.partnerOrganisation), name, ownOrganisation)} Søknaden behandles av ${committeeShortName} først når alle partene har signert.`,
      ),
      ...(d.meeting ? [p(`Skal søknaden behandles i ${committeeShortName}-møtet ${formatDateNb(d.meeting.date)}, må alle ha signert innen søknadsfristen ${formatDateTimeNb(d.meeting.submissionDeadline)}.`)] : []),
      ...(d.revised ? [p('Søknaden er endret. Signaturer på en tidligere versjon gjelder ikke for den nye, og lenker du har fått før, virker ikke lenger: les den nye versjonen og signer eller avslå på nytt.')] : []),
      ...(d.revised && d.changeNote ? [quote('Prosjektansvarlig skriver om endringene', d.changeNote)] : []),
      facts(
        ...appFacts(ctx),
        ['Søker', d.ownerOrganisation],
        [ownOrganisation ? 'Du signerer for' : 'Samarbeidspart', d.partnerOrganisation],
        ['Omsøkt beløp', formatNok(d.requestedAmount)],
        d.partnerContribution ? ['Deres egeninnsats', d.partnerContribution] : undefined,
      ),
      list(
        [
          'beskrivelsen av tiltaket,',
          'budsjettet, inkludert det hver part bidrar med (egeninnsats),',
          'hvem som har ansvaret for pasientene underveis i tiltaket, der det er aktuelt.',
        ],
        `Ved å signere bekrefter du på vegne av ${oneLine(d.partnerOrganisation)} at partene er enige om:`,
      ),
      p('Signaturen er den dokumenterte enigheten mellom kommune og helseforetak som kreves før tilskuddet kan brukes.'),
      p('Du kan også avslå å signere og begrunne hvorfor. Søknaden går da tilbake til søkeren for endring.'),
      askContact(d.contact),
      link('Les søknaden og signer eller avslå', d.link),
      p(`Lenken er personlig og gjelder til ${formatDateNb(d.expiresAt)}. Ikke videresend denne e-posten.`),
    ],
  });
}

export interface CosignReminderData {
  recipientName?: string;
  partnerOrganisation: string;
  link: string;
  expiresAt: DateInput;
  /** the meeting the application still reaches if every partner signs before its submission deadline, if any */
  meeting?: { date: DateInput; submissionDeadline: DateInput };
  /** sent again because the project's contact person asked for it (the partner could not find the mail) */
  resent?: boolean;
  /** whom to ask about the application's content */
  contact: ApplicantContact;
}

export function cosignReminder(ctx: MailContext, d: CosignReminderData): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Påminnelse: søknaden ${quoted(titleForSubject(ctx.application.title))} venter på din signatur`,
    greeting: hei(d.recipientName),
    blocks: [
      ...(d.resent ? [p('Prosjektansvarlig for søknaden ba oss sende deg lenken for å signere på nytt. Det er den samme lenken som i e-posten du fikk først.')] : []),
      p(
        `Søknaden venter fortsatt på signatur fra ${oneLine(d.partnerOrganisation)}. Den kan ikke behandles av ${ctx.scheme.committeeShortName} før alle partene har signert.`,
      ),
      facts(...appFacts(ctx)),
      ...(d.meeting
        ? [p(`Signerer alle partene innen ${formatDateTimeNb(d.meeting.submissionDeadline)}, behandles søknaden i ${ctx.scheme.committeeShortName}-møtet ${formatDateNb(d.meeting.date)}. Ellers går den til et senere møte.`)]
        : []),
      askContact(d.contact),
      link('Les søknaden og signer eller avslå', d.link),
      p(`Lenken er personlig og gjelder til ${formatDateNb(d.expiresAt)}.`),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Application

export interface ApplicationReceivedData {
  statusLink: string;
  /** number of partners asked to sign (0 when none are needed) */
  partnersToSign: number;
  receivedAt: DateInput;
  /** the meeting the application reaches if every partner signs in time */
  meeting?: { date: DateInput; submissionDeadline: DateInput };
}

/** To the owner: receipt with the status link. */
export function applicationReceived(ctx: MailContext, d: ApplicationReceivedData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const deadline = d.meeting
    ? `Signerer alle innen søknadsfristen ${formatDateTimeNb(d.meeting.submissionDeadline)}, behandles søknaden i ${c}-møtet ${formatDateNb(d.meeting.date)}; ellers i et senere møte.`
    : 'Signaturene må være på plass innen søknadsfristen for møtet du sikter mot; ellers behandles søknaden i et senere møte.';
  const next =
    d.partnersToSign > 0
      ? `Vi har sendt en forespørsel om signering til ${d.partnersToSign === 1 ? 'parten' : `de ${d.partnersToSign} partene`}. Søknaden er komplett når alle har signert, og settes da opp til behandling i ${c}. ${deadline}`
      : `Søknaden settes opp til behandling i ${c}.`;
  return render(ctx, {
    audience: 'external',
    subject: `Kvittering: søknaden ${quoted(titleForSubject(ctx.application.title))} er mottatt`,
    greeting: hei(),
    blocks: [
      p(`Takk for søknaden til ${ctx.scheme.name} om rekrutterings- og samhandlingstilskudd. Vi har mottatt den.`),
      facts(...appFacts(ctx), ['Mottatt', formatDateTimeNb(d.receivedAt)]),
      p(next),
      link('Se status for søknaden', d.statusLink),
      p('Ta vare på denne e-posten: lenken er personlig og gir tilgang til søknaden.'),
    ],
  });
}

export interface OwnerChangedData {
  recipientName?: string;
  statusLink: string;
}

/** To the project's new contact person: the owner's link is theirs now (the one sent before no longer works). */
export function ownerChanged(ctx: MailContext, d: OwnerChangedData): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Du er prosjektansvarlig for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(`Sekretariatet for ${ctx.scheme.committeeShortName} har registrert deg som prosjektansvarlig for saken i ${ctx.scheme.name}. E-post om søknaden og tilskuddet, som vedtak, påminnelser og rapportfrister, kommer heretter til deg.`),
      facts(...appFacts(ctx)),
      p('Fra lenken under følger du saken, sender rapportene og søker om omdisponering. Lenken som ble sendt til den forrige prosjektansvarlige, virker ikke lenger.'),
      link('Se status for søknaden', d.statusLink),
      p('Ta vare på denne e-posten: lenken er personlig og gir tilgang til søknaden.'),
    ],
  });
}

/** The owner's link again (the mail with it was lost): sent by the secretariat, or asked for by the contact person ("Mistet lenken?"). */
export function ownerLinkResent(ctx: MailContext, d: OwnerChangedData & { askedBySelf?: boolean }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Lenken til søknaden ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(d.askedBySelf
        ? `Du ba om lenken til søknaden i ${ctx.scheme.name} på nytt. Her er den. Har du ikke bedt om den, kan du se bort fra denne e-posten.`
        : `Sekretariatet for ${ctx.scheme.committeeShortName} sender deg lenken til søknaden i ${ctx.scheme.name} på nytt.`),
      facts(...appFacts(ctx)),
      p('Fra lenken under følger du saken, sender rapportene og søker om omdisponering.'),
      link('Se status for søknaden', d.statusLink),
      p('Ta vare på denne e-posten: lenken er personlig og gir tilgang til søknaden.'),
    ],
  });
}

export interface SecretariatMessageData extends OwnerChangedData {
  message: string;
}

/** To the contact person: what the secretariat wrote on the case page (kept on the case). */
export function secretariatMessage(ctx: MailContext, d: SecretariatMessageData): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Melding fra sekretariatet om ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(`Sekretariatet for ${ctx.scheme.committeeShortName} har skrevet til deg om søknaden:`),
      quote('Melding', d.message),
      facts(...appFacts(ctx)),
      p('Du kan svare fra sakens side (lenken under, «Skriv til sekretariatet»), så lagres svaret på saken.'),
      link('Se status for søknaden', d.statusLink),
    ],
  });
}

export interface OwnerWroteData {
  message: string;
  caseLink: string;
}

/** To the secretariat: what the contact person wrote on the owner's page (kept on the case). */
export function ownerWrote(ctx: MailContext, d: OwnerWroteData): RenderedMail {
  return render(ctx, {
    audience: 'internal',
    subject: `Melding fra prosjektansvarlig: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p('Prosjektansvarlig har skrevet til sekretariatet fra sakens side. Svar fra saken («Skriv til prosjektansvarlig»), så lagres svaret der.'),
      quote('Melding', d.message),
      facts(...appFacts(ctx)),
      link('Se hele saken', d.caseLink),
    ],
  });
}

/** To the owner: the signing request to a partner could not be delivered (a permanent bounce). */
export function partnerMailBounced(ctx: MailContext, d: { partnerOrganisation: string; statusLink: string }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `E-posten til ${oneLine(d.partnerOrganisation)} kom ikke fram: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Vi sendte ${oneLine(d.partnerOrganisation)} en e-post med lenke for å signere søknaden, men den kom ikke fram. E-postadressen i søknaden er trolig feil, eller postkassen tar ikke imot e-post.`),
      facts(...appFacts(ctx), ['Samarbeidspart', d.partnerOrganisation]),
      p('Sjekk adressen. Du kan rette den med «Endre søknaden» til alle har signert: da får alle partene en ny lenke, og de som alt har signert, må signere den nye versjonen.'),
      link('Åpne søknaden', d.statusLink),
    ],
  });
}

/** To the owner: the signing request to a partner could not be delivered for now (a transient bounce: a full mailbox, say). */
export function partnerMailDeferred(ctx: MailContext, d: { partnerOrganisation: string; statusLink: string }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `E-posten til ${oneLine(d.partnerOrganisation)} kom ikke fram nå: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Vi sendte ${oneLine(d.partnerOrganisation)} en e-post med lenke for å signere søknaden, men mottakerens e-postserver tok ikke imot den nå, for eksempel fordi innboksen er full. Adressen kan være riktig.`),
      facts(...appFacts(ctx), ['Samarbeidspart', d.partnerOrganisation]),
      p('Gi gjerne samarbeidsparten beskjed om å se etter e-posten; den får også en påminnelse, og du kan sende lenken på nytt fra søknadens side («Send lenken på nytt»). Er adressen feil, kan du rette den med «Endre søknaden» til alle har signert.'),
      link('Åpne søknaden', d.statusLink),
    ],
  });
}

/** To the secretariat: a mail to the project's contact person could not be delivered for now (a transient bounce); at most once a week per case. */
export function ownerMailDeferred(ctx: MailContext, d: { mailSubject?: string; caseLink: string }): RenderedMail {
  return render(ctx, {
    audience: 'internal',
    subject: `E-post til prosjektansvarlig for ${quoted(titleForSubject(ctx.application.title))} kom ikke fram nå`,
    blocks: [
      p(`${d.mailSubject ? `E-posten «${oneLine(d.mailSubject)}»` : 'En e-post'} til prosjektansvarlig kom ikke fram: mottakerens e-postserver tok ikke imot den nå, for eksempel fordi innboksen er full. Adressen kan være riktig.`),
      facts(...appFacts(ctx)),
      p('Var e-posten viktig (et vedtak, en lenke til en rapport), kan det være lurt å ta kontakt med prosjektansvarlig på annen måte. Saken viser hvilke e-poster som ikke kom fram. Du får høyst én slik melding i uken om saken.'),
      link('Se hele saken', d.caseLink),
    ],
  });
}

export type BouncedRecipient = 'owner' | 'partner' | 'other';

/** To the secretariat: a mail about the case could not be delivered (the owner's, or another's the owner cannot fix). */
export function mailBounced(ctx: MailContext, d: { address: string; recipient: BouncedRecipient; caseLink: string }): RenderedMail {
  const who = { owner: 'prosjektansvarlig', partner: 'en samarbeidspart', other: 'en mottaker' }[d.recipient];
  return render(ctx, {
    audience: 'internal',
    subject: `E-post om ${quoted(titleForSubject(ctx.application.title))} kom ikke fram`,
    blocks: [
      p(`En e-post om saken til ${who} (${oneLine(d.address)}) kom ikke fram. Adressen er trolig feil, eller postkassen tar ikke imot e-post.`),
      facts(...appFacts(ctx)),
      d.recipient === 'owner'
        ? p('Har prosjektansvarlig sluttet, eller er adressen feil, registrer ny prosjektansvarlig på saken (det som sendes til prosjektansvarlig, går da dit).')
        : p('Ta kontakt med søkeren om adressen.'),
      link('Se hele saken', d.caseLink),
    ],
  });
}

/** To the contact person a project had: mail goes elsewhere now (so a change made by mistake does not go unnoticed). */
export function ownerReplaced(ctx: MailContext, d: { recipientName?: string }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Ny prosjektansvarlig for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(`Sekretariatet for ${ctx.scheme.committeeShortName} har registrert en ny prosjektansvarlig for saken i ${ctx.scheme.name}. E-post om søknaden og tilskuddet går heretter til den nye prosjektansvarlige, og lenken du har fått til søknaden, virker ikke lenger.`),
      facts(...appFacts(ctx)),
      p('Er dette feil, kontakt sekretariatet.'),
    ],
  });
}

export interface ApplicationCompleteData {
  partners: string[];
  adminLink?: string;
  /** the meeting the application goes to now (none: no meeting in the calendar it can reach) */
  meetingDate?: DateInput;
  /** the version is the owner's answer to the committee's question: which version, what was asked, the answer */
  answer?: { version: number; question: string; answer: string };
}

/** To the secretariat: every partner has signed (a new application, or the owner's answer to the committee's question). */
export function applicationComplete(ctx: MailContext, d: ApplicationCompleteData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const a = d.answer;
  return render(ctx, {
    audience: 'internal',
    subject: `${a ? `Komplett søknad med svar til ${c} (versjon ${a.version})` : 'Komplett søknad'}: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(a
        ? `Prosjektansvarlig har svart på spørsmålet fra ${c} med en revidert søknad (versjon ${a.version}), og alle partene har signert den. Den er klar for behandling igjen.`
        : 'Alle partene har signert søknaden. Den er klar for behandling.'),
      facts(...appFacts(ctx), a ? ['Versjon', String(a.version)] : undefined, d.meetingDate ? ['Aktuelt møte', formatDateNb(d.meetingDate)] : undefined),
      ...(a ? [quote(`Spørsmålet fra ${c}`, a.question), quote(`Svar til ${c}`, a.answer)] : []),
      list(d.partners.map(oneLine), 'Signert av:'),
      ...(d.adminLink ? [link('Åpne søknaden i saksbehandlingen', d.adminLink)] : []),
    ],
  });
}

export interface DecisionOverdueData {
  meetingDate?: DateInput;
  adminLink?: string;
}

/** To the secretariat: the meeting has passed without a recorded decision; the application moves to the next meeting. */
export function decisionOverdue(ctx: MailContext, d: DecisionOverdueData): RenderedMail {
  return render(ctx, {
    audience: 'internal',
    subject: `Vedtak mangler: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p('Søknaden sto på sakslisten, men det er ikke registrert noe vedtak. Den settes opp på neste møte.'),
      facts(...appFacts(ctx), d.meetingDate ? ['Møte', formatDateNb(d.meetingDate)] : undefined),
      ...(d.adminLink ? [link('Åpne søknaden i saksbehandlingen', d.adminLink)] : []),
    ],
  });
}

export interface DeclinedByPartnerData {
  partnerOrganisation: string;
  reason: string;
  /** when the application is closed unless it is sent in again (ISO instant), as when the signing links expire */
  respondBy?: DateInput;
  reviseLink: string;
}

/** To the owner: a partner declined; the application is sent back for revision. */
export function declinedByPartner(ctx: MailContext, d: DeclinedByPartnerData): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Samarbeidspart har avslått å signere: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        `${oneLine(d.partnerOrganisation)} har avslått å signere søknaden. Uten dokumentert enighet mellom alle partene kan søknaden ikke behandles, så den er sendt tilbake til deg for endring.`,
      ),
      facts(...appFacts(ctx), ['Samarbeidspart', d.partnerOrganisation]),
      quote('Begrunnelse', d.reason),
      p('Avklar med samarbeidsparten, endre søknaden og send den inn på nytt. Alle partene blir da bedt om å signere den nye versjonen.'),
      ...(d.respondBy ? [p(`Sendes den ikke inn på nytt innen ${formatDateTimeNb(d.respondBy)}, avsluttes søknaden.`)] : []),
      link('Endre søknaden', d.reviseLink),
    ],
  });
}

export interface CosignaturesExpiredData {
  /** the partners (organisation names) that had not answered when the signing links expired; at least one */
  notAnswered: string[];
  /** partners that declined in the same round, with their reasons */
  declined?: Array<{ partnerOrganisation: string; reason: string }>;
  /** when the application is closed unless it is sent in again (ISO instant) */
  respondBy?: DateInput;
  reviseLink: string;
}

/** To the owner: the signing links expired before every partner answered; the application is back with the owner to send again. */
export function cosignaturesExpired(ctx: MailContext, d: CosignaturesExpiredData): RenderedMail {
  const declined = d.declined ?? [];
  // Those who did not answer may include the applicant's own organisation: "partene", not "samarbeidspartene".
  const toAsk = d.notAnswered.length + declined.length === 1 ? { partners: 'parten', they: 'den' } : { partners: 'partene', they: 'de' };
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden ble ikke signert i tide: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Fristen for å signere søknaden gikk ut før alle partene hadde svart. ${andList(d.notAnswered.map(oneLine))} har ikke svart.`),
      ...declined.flatMap((x) => [p(`${oneLine(x.partnerOrganisation)} avslo å signere.`), quote(`Begrunnelse fra ${oneLine(x.partnerOrganisation)}`, x.reason)]),
      p('Uten signatur fra alle partene kan søknaden ikke behandles, så den er sendt tilbake til deg. Lenkene for å signere denne versjonen virker ikke lenger.'),
      facts(...appFacts(ctx), ['Ikke svart', d.notAnswered.map(oneLine).join(', ')], declined.length > 0 && ['Avslått av', declined.map((x) => oneLine(x.partnerOrganisation)).join(', ')]),
      p(`Avklar med ${toAsk.partners} at ${toAsk.they} kan signere, og send søknaden inn på nytt, med endringer om det trengs. Alle partene får da en ny lenke og blir bedt om å signere på nytt.`),
      ...(d.respondBy ? [p(`Sendes den ikke inn på nytt innen ${formatDateTimeNb(d.respondBy)}, avsluttes søknaden.`)] : []),
      link('Se søknaden og send den inn på nytt', d.reviseLink),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Meetings

export interface ScheduledForMeetingData {
  meetingDate: DateInput;
  /** submission deadline of that meeting (ISO instant) */
  submissionDeadline: DateInput;
  statusLink: string;
  /** the meeting the secretariat moved it from, and whether that meeting was cancelled */
  movedFrom?: { meetingDate: DateInput; cancelled: boolean };
  /** the meeting that deferred it: this is the notice the deferral's letter promised ("Du får beskjed når den er satt opp igjen") */
  deferredFrom?: DateInput;
}

export function scheduledForMeeting(ctx: MailContext, d: ScheduledForMeetingData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const to = formatDateNb(d.meetingDate);
  const from = d.movedFrom && formatDateNb(d.movedFrom.meetingDate);
  const opening = d.movedFrom
    ? d.movedFrom.cancelled
      ? `${c}s møte ${from} er avlyst. Søknaden er flyttet til møtet ${to} og behandles der.`
      : `Søknaden er flyttet fra ${c}s møte ${from} til møtet ${to} og behandles der.`
    : d.deferredFrom
      ? `${c} utsatte behandlingen av søknaden i møtet ${formatDateNb(d.deferredFrom)}. Nå er den satt opp til behandling igjen, i ${c}s møte ${to}.`
      : `Søknaden er satt opp til behandling i ${c}s møte ${to}.`;
  const subject = d.movedFrom ? `Søknaden er flyttet til ${c}-møtet ${to}` : d.deferredFrom ? `Den utsatte søknaden behandles i ${c}-møtet ${to}` : `Søknaden behandles i ${c}-møtet ${to}`;
  return render(ctx, {
    audience: 'external',
    subject: `${subject}: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(opening),
      facts(
        ...appFacts(ctx),
        ['Møtedato', formatDateNb(d.meetingDate)],
        ['Søknadsfrist for møtet', formatDateTimeNb(d.submissionDeadline)],
      ),
      p(
        `${c} kan be om mer informasjon før møtet. Du får beskjed om vedtaket etter møtet.`,
      ),
      link('Se status for søknaden', d.statusLink),
    ],
  });
}

export interface MovedToNextMeetingData {
  missedMeetingDate: DateInput;
  missedDeadline: DateInput;
  nextMeetingDate: DateInput;
  nextDeadline: DateInput;
  statusLink: string;
}

export function movedToNextMeeting(ctx: MailContext, d: MovedToNextMeetingData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden er flyttet til ${c}-møtet ${formatDateNb(d.nextMeetingDate)}: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      // Sent when the application became complete after the deadline: it is on the new meeting's agenda now.
      p(
        `Søknaden var ikke komplett innen fristen ${formatDateTimeNb(d.missedDeadline)} for ${c}s møte ${formatDateNb(d.missedMeetingDate)}. Nå er den komplett, og den er satt opp til behandling i ${c}s møte ${formatDateNb(d.nextMeetingDate)} i stedet.`,
      ),
      facts(
        ...appFacts(ctx),
        ['Nytt møte', formatDateNb(d.nextMeetingDate)],
        ['Søknadsfrist for nytt møte', formatDateTimeNb(d.nextDeadline)],
      ),
      link('Se status for søknaden', d.statusLink),
    ],
  });
}

export interface SubmissionDeadlineReminderData {
  meetingDate: DateInput;
  deadline: DateInput;
  daysLeft: number;
  /** organisations that have not signed yet */
  missingPartners: string[];
  statusLink: string;
}

export function submissionDeadlineReminder(ctx: MailContext, d: SubmissionDeadlineReminderData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Påminnelse: søknadsfristen for ${c}-møtet ${formatDateNb(d.meetingDate)} går ut ${days(d.daysLeft)}: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        `Søknaden mangler fortsatt signatur fra partene nedenfor. Fristen for å komme med i ${c}s møte ${formatDateNb(d.meetingDate)} går ut ${days(d.daysLeft)}, ${formatDateTimeNb(d.deadline)}. Er søknaden ikke komplett innen fristen, flyttes den til et senere møte.`,
      ),
      facts(...appFacts(ctx)),
      list(d.missingPartners.map(oneLine), 'Mangler signatur fra:'),
      p('Finner en samarbeidspart ikke e-posten med lenken, kan du sende den på nytt fra søknadens side («Send lenken på nytt»).'),
      link('Se status for søknaden', d.statusLink),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Committee outcomes

export interface MoreInformationRequestedData {
  message: string;
  reviseLink: string;
  /** the last moment the answer can be sent in (ISO instant): not sent by then, the application is closed without a decision */
  respondBy?: DateInput;
  /** the meeting the answer reaches if it is sent in and every partner has signed again before that meeting's submission deadline */
  meeting?: { date: DateInput; submissionDeadline: DateInput };
}

export function moreInformationRequested(ctx: MailContext, d: MoreInformationRequestedData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    // Not "FSU ber om …": every subject opens with "[FSU]" already.
    subject: `Mer informasjon trengs før behandlingen: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`${c} trenger mer informasjon før søknaden kan behandles.`),
      facts(
        ...appFacts(ctx),
        d.meeting ? [`Svar og ny signering for ${c}-møtet ${formatDateNb(d.meeting.date)}`, `innen ${formatDateTimeNb(d.meeting.submissionDeadline)}`] : undefined,
        d.respondBy ? ['Siste frist for svar', formatDateTimeNb(d.respondBy)] : undefined,
      ),
      quote(`Melding fra ${c}`, d.message),
      p(`Svar ved å oppdatere søknaden og sende den inn på nytt: skriv svaret i feltet «Svar til ${c}» først i skjemaet, og endre søknaden om det trengs. Samarbeidspartene blir da bedt om å signere den oppdaterte søknaden, før den settes opp til behandling igjen.`),
      ...(d.meeting
        ? [p(`Skal søknaden behandles i ${c}-møtet ${formatDateNb(d.meeting.date)}, må svaret være sendt inn og alle partene ha signert på nytt innen søknadsfristen for møtet, ${formatDateTimeNb(d.meeting.submissionDeadline)}. Ellers behandles den i et senere møte.`)]
        : []),
      ...(d.respondBy ? [p(`Sendes søknaden ikke inn på nytt innen ${formatDateTimeNb(d.respondBy)}, avsluttes den uten vedtak.`)] : []),
      link('Endre søknaden', d.reviseLink),
    ],
  });
}

/**
 * The committee's decisions go to the project owner with a copy to the leader and deputy of the
 * service-model group or professional council that anchors the project. The owner's letter names
 * the copy (`copyTo`); the copy itself (`copyFor`: the group's name) carries none of the owner's links.
 */
export interface DecisionCopy {
  copyTo?: string[];
  copyFor?: string;
}

function copyBlocks(d: DecisionCopy): Block[] {
  return [
    ...(d.copyFor ? [p(`Du får denne e-posten som kopi fordi du er leder eller nestleder i ${oneLine(d.copyFor)}, der prosjektet er forankret.`)] : []),
    ...(d.copyTo && d.copyTo.length > 0 ? [p(`Kopi: ${d.copyTo.map(oneLine).join('; ')}`)] : []),
  ];
}

export interface DeferredData extends DecisionCopy {
  reason?: string;
  nextMeetingDate?: DateInput;
  /** the owner's status link; absent in the copy */
  statusLink?: string;
}

export function deferred(ctx: MailContext, d: DeferredData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden er utsatt: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        d.nextMeetingDate
          ? `${c} har utsatt behandlingen av søknaden til møtet ${formatDateNb(d.nextMeetingDate)}.`
          : `${c} har utsatt behandlingen av søknaden til et senere møte. ${d.copyFor ? 'Prosjektansvarlig' : 'Du'} får beskjed når den er satt opp igjen.`,
      ),
      facts(...appFacts(ctx)),
      ...(d.reason ? [quote('Begrunnelse', d.reason)] : []),
      ...(d.statusLink ? [link('Se status for søknaden', d.statusLink)] : []),
      ...copyBlocks(d),
    ],
  });
}

export interface RejectionLetterData extends DecisionCopy {
  reason: string;
  decidedAt: DateInput;
  meetingDate?: DateInput;
}

export function rejectionLetter(ctx: MailContext, d: RejectionLetterData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Vedtak: søknaden ${quoted(titleForSubject(ctx.application.title))} har fått avslag`,
    greeting: hei(),
    blocks: [
      p(
        `${c} har behandlet søknaden om rekrutterings- og samhandlingstilskudd${d.meetingDate ? ` i møtet ${formatDateNb(d.meetingDate)}` : ''} og vedtatt å avslå søknaden.`,
      ),
      facts(...appFacts(ctx), ['Vedtaksdato', formatDateNb(d.decidedAt)]),
      quote('Begrunnelse', d.reason),
      p(d.copyFor
        ? 'Søkeren kan søke på nytt med en endret søknad.'
        : 'Du kan søke på nytt med en endret søknad. Kontakt sekretariatet hvis du vil ha veiledning.'),
      ...copyBlocks(d),
    ],
  });
}

export interface DecisionLetterData extends DecisionCopy {
  amount: number;
  periodStart: DateInput;
  periodEnd: DateInput;
  decidedAt: DateInput;
  meetingDate?: DateInput;
  /** e.g. 'R-11326-D11325' */
  projectNumber: string;
  /** true: a unit of the hospital trust (cost booking); false: paid on invoice */
  ownerIsInternalUnit: boolean;
  /** who the invoice is addressed to: the hospital trust, which handles payout and accounting */
  invoiceTo: { name: string; organisationNumber: string };
  statusReportDue: DateInput;
  finalReportDue: DateInput;
  /** where each report is submitted (opaque links), if already issued */
  reportLinks?: { status: string; final: string };
  /** the committee's note with the grant ("Merknad i vedtaksbrevet") */
  note?: string;
  /** what the version decided on applied for: the letter says so when the grant differs from it */
  applied?: { amount: number; periodStart: DateInput; periodEnd: DateInput };
}

/** What was applied for beside what was granted, when they differ (the amount or the period); the copy speaks of the applicant. */
function grantDiffers(d: DecisionLetterData, committee: string): Block[] {
  const a = d.applied;
  if (!a || (a.amount === d.amount && a.periodStart === d.periodStart && a.periodEnd === d.periodEnd)) return [];
  return [p(`${d.copyFor ? 'Søkeren' : 'Dere'} søkte om ${formatNok(a.amount)} for perioden ${periodText(a.periodStart, a.periodEnd)}; ${committee} innvilget ${formatNok(d.amount)} for perioden ${periodText(d.periodStart, d.periodEnd)}.`)];
}

/** Where a grant's invoice goes, for how much, marked how: 'til X (org.nr. N) på kr A, merket med prosjektnummer P'. */
function invoiceAddress(to: { name: string; organisationNumber: string }, amount: number, project: string): string {
  return `til ${oneLine(to.name)} (org.nr. ${oneLine(to.organisationNumber)}) på ${formatNok(amount)}, merket med prosjektnummer ${project}`;
}

/** Approval letter to the owner (and, without the report link, its copy to the leader and deputy: see DecisionCopy). */
export function decisionLetter(ctx: MailContext, d: DecisionLetterData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const project = oneLine(d.projectNumber);
  // The copy's reader is not the one who invoices: it says who does.
  const payout = d.ownerIsInternalUnit
    ? `Søkeren er en enhet i helseforetaket. Kostnadene føres på prosjektnummer ${project}.`
    : `${d.copyFor ? 'Søkeren sender faktura' : 'Send faktura'} ${invoiceAddress(d.invoiceTo, d.amount, project)}. Tilskuddet utbetales når fakturaen er mottatt.`;
  return render(ctx, {
    audience: 'external',
    subject: `Vedtak om tilskudd: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        `${c} har behandlet søknaden om rekrutterings- og samhandlingstilskudd${d.meetingDate ? ` i møtet ${formatDateNb(d.meetingDate)}` : ''} og vedtatt å tildele ${formatNok(d.amount)} til prosjektet.`,
      ),
      ...grantDiffers(d, c),
      facts(
        ...appFacts(ctx),
        ['Tildelt beløp', formatNok(d.amount)],
        ['Tilskuddsperiode', periodText(d.periodStart, d.periodEnd)],
        ['Vedtaksdato', formatDateNb(d.decidedAt)],
        ['Prosjektnummer', project],
      ),
      ...(d.note ? [quote(`Merknad fra ${c}`, d.note)] : []),
      list(
        [
          ...grantConditions(c),
          `Statusrapport sendes ${months(ctx.scheme.statusReportAfterMonths)} etter tildelingen, innen ${formatDateNb(d.statusReportDue)}, på helsefellesskapets skjema.`,
          `Sluttrapport med vurdering av effekt og læringspunkter sendes ${finalReportFollowsStatusReport(d) ? 'etter statusrapporten (tilskuddsperioden er over før statusrapporten skal sendes)' : 'etter at tilskuddsperioden er over'}, innen ${formatDateNb(d.finalReportDue)}.`,
        ],
        'Vilkår for tilskuddet:',
      ),
      p(`Utbetaling: ${payout}`),
      ...(ctx.scheme.actionPlanTitle ? [p(`Tiltaket anmerkes i ${ctx.scheme.actionPlanTitle}, og status for tiltaket rapporteres i ${c}-møtene.`)] : []),
      ...(d.reportLinks
        ? [
            link('Send statusrapporten her', d.reportLinks.status),
            link(finalReportFollowsStatusReport(d)
              ? 'Send sluttrapporten her (etter at statusrapporten er sendt)'
              : `Send sluttrapporten her (fra ${formatDateNb(finalReportOpensOn({ periodEnd: d.periodEnd }))}, når tilskuddsperioden er over)`, d.reportLinks.final),
            p('Vi sender en påminnelse før rapportfristene.'),
          ]
        : []),
      ...copyBlocks(d),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Finance

/**
 * The payout as finance's e-mails state it. The event's `payoutId` (an internal storage key, for
 * finance's integration to call the API with) is not among it: people match by the case number,
 * project number, payee and amount, as the finance page lists them.
 */
export interface PayoutTriggerData {
  grantId: string;
  projectNumber: string;
  payee: string;
  payeeOrganisationNumber?: string | undefined;
  amount: number;
  mode: PayoutModeName;
  periodStart?: DateInput;
  periodEnd?: DateInput;
  decidedAt?: DateInput;
  adminLink?: string;
}

const payoutModeText = (mode: PayoutModeName, project: string): string =>
  mode === 'cost_booking'
    ? `Kostnadsføring på prosjektnummer ${project} (intern enhet)`
    : `Utbetaling mot faktura merket med prosjektnummer ${project}`;

type FactRow = [string, string] | undefined;

/** Which payout, to whom and how much: what finance matches the trigger and a cancellation against. */
function payoutFacts(d: Pick<PayoutTriggerData, 'payee' | 'payeeOrganisationNumber' | 'amount'>, project: string): FactRow[] {
  // The grant is the case: its number stands as "Saksnummer" (appFacts), not a second time.
  return [
    ['Prosjektnummer', project],
    ['Mottaker', d.payee],
    d.payeeOrganisationNumber ? ['Mottakers org.nr.', d.payeeOrganisationNumber] : undefined,
    ['Beløp', formatNok(d.amount)],
  ];
}

/** To finance: start the payout by project number. */
export function payoutTrigger(ctx: MailContext, d: PayoutTriggerData): RenderedMail {
  const project = oneLine(d.projectNumber);
  return render(ctx, {
    audience: 'internal',
    subject: `Utbetaling av tilskudd ${formatNok(d.amount)} til ${oneLine(d.payee)} – prosjektnummer ${project}`,
    greeting: 'Til økonomi,',
    blocks: [
      p(
        d.mode === 'cost_booking'
          ? `${ctx.scheme.committeeShortName} har tildelt tilskudd til en enhet i helseforetaket. Kostnadene skal føres på prosjektnummeret nedenfor.`
          : `${ctx.scheme.committeeShortName} har tildelt tilskudd. Utbetalingen skjer mot faktura merket med prosjektnummeret nedenfor.`,
      ),
      facts(
        ...appFacts(ctx),
        ...payoutFacts(d, project),
        ['Utbetalingsmåte', payoutModeText(d.mode, project)],
        d.periodStart && d.periodEnd
          ? ['Tilskuddsperiode', periodText(d.periodStart, d.periodEnd)]
          : undefined,
        d.decidedAt ? ['Vedtaksdato', formatDateNb(d.decidedAt)] : undefined,
      ),
      ...(d.adminLink ? [link('Åpne utbetalingen', d.adminLink)] : []),
    ],
  });
}

export interface InvoiceReminderData {
  amount: number;
  projectNumber: string;
  invoiceTo: { name: string; organisationNumber: string };
  decidedAt: DateInput;
  statusLink: string;
}

/** To the owner of a grant paid on invoice: no invoice has come since the decision. */
export function invoiceReminder(ctx: MailContext, d: InvoiceReminderData): RenderedMail {
  const project = oneLine(d.projectNumber);
  return render(ctx, {
    audience: 'external',
    subject: `Påminnelse: send faktura for tilskuddet til ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`${ctx.scheme.committeeShortName} innvilget tilskudd ${formatDateNb(d.decidedAt)}. Tilskuddet utbetales mot faktura, og vi har ikke mottatt fakturaen ennå.`),
      p(`Send faktura ${invoiceAddress(d.invoiceTo, d.amount, project)}. Har du allerede sendt den, kan du se bort fra denne påminnelsen.`),
      facts(...appFacts(ctx), ['Tilskudd', formatNok(d.amount)], ['Prosjektnummer', project]),
      link('Se status for søknaden', d.statusLink),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Reports

export interface ReportDueData {
  kind: ReportKindName;
  dueDate: DateInput;
  link: string;
  /** the deadline before the committee moved it ("utsatt frist"), when it did */
  movedFrom?: DateInput;
}

/** In the reminders: the committee can move a report's deadline; the owner asks on the report's page. */
const MORE_TIME = 'Trenger prosjektet mer tid, kan du be om utsatt frist på rapportsiden (lenken under).';

export function reportDue(ctx: MailContext, d: ReportDueData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Påminnelse: ${name} for ${quoted(titleForSubject(ctx.application.title))} skal sendes innen ${formatDateNb(d.dueDate)}`,
    greeting: hei(),
    blocks: [
      p(
        d.kind === 'status'
          // A moved deadline is no longer "6 months after the allocation".
          ? `${d.movedFrom ? `Fristen for statusrapporten er utsatt fra ${formatDateNb(d.movedFrom)} til ${formatDateNb(d.dueDate)}.` : `Det er snart ${months(ctx.scheme.statusReportAfterMonths)} siden tildelingen.`} Vilkårene for tilskuddet krever en statusrapport om fremdrift og bruk av midlene innen ${formatDateNb(d.dueDate)}.`
          : `Tilskuddsperioden er over eller nærmer seg slutten. Vilkårene for tilskuddet krever en sluttrapport med vurdering av effekt og læringspunkter innen ${formatDateNb(d.dueDate)}.`,
      ),
      p(MORE_TIME),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Frist', formatDateNb(d.dueDate)]),
      link(`Send ${name}en`, d.link),
    ],
  });
}

export function reportOverdue(ctx: MailContext, d: ReportDueData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Fristen er passert: ${name} for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        `Vi har ikke mottatt ${name}en for prosjektet. Fristen var ${formatDateNb(d.dueDate)}. Send rapporten så snart som mulig: den viser at midlene er brukt i tråd med prosjektbeskrivelsen.`,
      ),
      p(MORE_TIME),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Frist', formatDateNb(d.dueDate)]),
      link(`Send ${name}en`, d.link),
    ],
  });
}

export interface ReportDeadlineExtendedData extends ReportDueData {
  previousDueDate: DateInput;
  /** the committee's reason, as the secretariat wrote it */
  reason: string;
}

/** To the owner: the committee moved a report's deadline ("utsatt frist"). */
export function reportDeadlineExtended(ctx: MailContext, d: ReportDeadlineExtendedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Ny frist for ${name}en for ${quoted(titleForSubject(ctx.application.title))}: ${formatDateNb(d.dueDate)}`,
    greeting: hei(),
    blocks: [
      p(`Fristen for ${name}en er utsatt fra ${formatDateNb(d.previousDueDate)} til ${formatDateNb(d.dueDate)}. Påminnelsene følger den nye fristen.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Ny frist', formatDateNb(d.dueDate)]),
      quote('Begrunnelse', d.reason),
      link(`Send ${name}en`, d.link),
    ],
  });
}

export interface ReportDeadlineRequestedData extends ReportDueData {
  requestedDate: DateInput;
  reason: string;
}

/** To the secretariat: the owner asks for a later deadline; the committee decides, and the case page moves it. */
export function reportDeadlineRequested(ctx: MailContext, d: ReportDeadlineRequestedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'internal',
    subject: `Utsatt frist ønsket: ${name} for ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Prosjektansvarlig ber om å få levere ${name}en innen ${formatDateNb(d.requestedDate)} i stedet for ${formatDateNb(d.dueDate)}. Gir ${ctx.scheme.committeeShortName} utsatt frist, registrerer du den nye fristen på saken («Utsett en rapportfrist»); sier ${ctx.scheme.committeeShortName} nei, registrerer du avslaget der. Prosjektansvarlig får svaret på e-post.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Gjeldende frist', formatDateNb(d.dueDate)], ['Ønsket frist', formatDateNb(d.requestedDate)]),
      quote('Begrunnelse', d.reason),
      link('Se hele saken', d.link),
    ],
  });
}

/** To the owner: the committee said no to a later deadline; the deadline stands (the reason is the committee's). */
export function reportDeadlineDeclined(ctx: MailContext, d: ReportDeadlineRequestedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Ikke utsatt frist for ${name}en for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Du ba om å få levere ${name}en innen ${formatDateNb(d.requestedDate)}. ${ctx.scheme.committeeShortName} har sagt nei til utsatt frist, så fristen er fortsatt ${formatDateNb(d.dueDate)}.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Frist', formatDateNb(d.dueDate)]),
      quote('Begrunnelse', d.reason),
      link(`Send ${name}en`, d.link),
    ],
  });
}

export interface PeriodRequestData {
  /** the period the grant has */
  periodStart: DateInput;
  periodEnd: DateInput;
  /** the period the owner asked for */
  requestedStart: DateInput;
  requestedEnd: DateInput;
  reason: string;
}

/** To the secretariat: the owner asks for a new period (a later start, an earlier end); the committee decides, on the case. */
export function periodChangeRequested(ctx: MailContext, d: PeriodRequestData & { link: string }): RenderedMail {
  return render(ctx, {
    audience: 'internal',
    subject: `Ny prosjektperiode ønsket for ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Prosjektansvarlig ber om ny periode for tilskuddet: ${periodText(d.requestedStart, d.requestedEnd)} i stedet for ${periodText(d.periodStart, d.periodEnd)}. Vedtar ${ctx.scheme.committeeShortName} den, registrerer du den på saken («Ny prosjektperiode»); sier ${ctx.scheme.committeeShortName} nei, registrerer du avslaget der. Prosjektansvarlig får svaret på e-post.`),
      facts(...appFacts(ctx), ['Gjeldende periode', periodText(d.periodStart, d.periodEnd)], ['Ønsket periode', periodText(d.requestedStart, d.requestedEnd)]),
      quote('Begrunnelse', d.reason),
      link('Se hele saken', d.link),
    ],
  });
}

/** To the owner: the committee said no to a new period; the period stands (the reason is the committee's). */
export function periodRequestDeclined(ctx: MailContext, d: PeriodRequestData & { statusLink: string }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Ikke ny prosjektperiode for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Du ba om ny periode for tilskuddet, ${periodText(d.requestedStart, d.requestedEnd)}. ${ctx.scheme.committeeShortName} har sagt nei, så perioden er fortsatt ${periodText(d.periodStart, d.periodEnd)}.`),
      facts(...appFacts(ctx), ['Periode', periodText(d.periodStart, d.periodEnd)]),
      quote('Begrunnelse', d.reason),
      link('Se saken', d.statusLink),
    ],
  });
}

/** To the secretariat: a report has not come in, and the owner has had every reminder. */
export function reportMissing(ctx: MailContext, d: ReportDueData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'internal',
    subject: `Rapport mangler: ${name} for ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Prosjektansvarlig har ikke levert ${name}en for prosjektet. Fristen var ${formatDateNb(d.dueDate)}, og prosjektansvarlig har fått påminnelser før og etter fristen.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Frist', formatDateNb(d.dueDate)]),
      link('Se hele saken', d.link),
    ],
  });
}

export interface ReportReceivedData {
  kind: ReportKindName;
  submittedAt: DateInput;
  spentAmount?: number;
  adminLink?: string;
  /** the final report closed the grant with its payout still unpaid: someone must follow it up */
  closedUnpaid?: boolean;
}

/** To the secretariat. */
export function reportReceived(ctx: MailContext, d: ReportReceivedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'internal',
    subject: `${capitalise(name)} mottatt: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Prosjektansvarlig har sendt inn ${name}en.`),
      ...(d.closedUnpaid
        ? [p('Tilskuddet er nå avsluttet, men er ikke utbetalt: utbetalingen venter fortsatt hos økonomi. Følg opp med prosjektansvarlig og økonomi, eller trekk tilskuddet tilbake på saken hvis pengene ikke skal utbetales.')]
        : []),
      facts(
        ...appFacts(ctx),
        ['Rapport', capitalise(name)],
        ['Mottatt', formatDateTimeNb(d.submittedAt)],
        d.spentAmount !== undefined ? [d.kind === 'final' ? 'Brukt i alt' : 'Brukt hittil', formatNok(d.spentAmount)] : undefined,
      ),
      ...(d.adminLink ? [link('Les rapporten', d.adminLink)] : []),
    ],
  });
}

export interface ReportReceiptData {
  kind: ReportKindName;
  submittedAt: DateInput;
  spentAmount: number;
  /** the report's own page, where the owner reads back what was sent */
  link: string;
}

/** To the owner: the receipt for a report sent through the form. */
export function reportReceipt(ctx: MailContext, d: ReportReceiptData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Kvittering: ${name} for ${quoted(titleForSubject(ctx.application.title))} er mottatt`,
    greeting: hei(),
    blocks: [
      p(d.kind === 'status'
        ? `Vi har mottatt ${name}en. Sluttrapporten sendes etter at tilskuddsperioden er over; du får en påminnelse før fristen.`
        : `Vi har mottatt ${name}en. Med den er tilskuddet ferdig rapportert, og saken avsluttes.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Mottatt', formatDateTimeNb(d.submittedAt)], ['Brukt beløp', formatNok(d.spentAmount)]),
      link('Se rapporten du sendte', d.link),
    ],
  });
}

export interface ReportSupplementRequestedData {
  kind: ReportKindName;
  reason: string;
  requestedAt: DateInput;
  link: string;
  /** when the link stops working (the secretariat is told if the report has not come again by then) */
  linkExpiresAt: DateInput;
  /** the one reminder, when the owner has not answered */
  reminder?: boolean;
}

/** To the owner: the secretariat finds the report lacking and asks for more, with the link to send it again. */
export function reportSupplementRequested(ctx: MailContext, d: ReportSupplementRequestedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `${d.reminder ? 'Påminnelse: fyll ut' : 'Fyll ut'} ${name}en for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      ...(d.reminder ? [p(`Sekretariatet ba ${formatDateNb(d.requestedAt)} om at dere fyller ut ${name}en, og har ikke fått den ennå.`)] : []),
      p(`Sekretariatet har lest ${name}en dere sendte og ber dere fylle den ut. Lenken under åpner rapporten slik dere sendte den: endre eller utdyp det som trengs, og send den på nytt. Den første versjonen tas vare på i saken.`),
      quote('Dette mangler', d.reason),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Spurt', formatDateNb(d.requestedAt)]),
      link(`Fyll ut ${name}en`, d.link),
      p(`Lenken gjelder til ${formatDateTimeNb(d.linkExpiresAt)}.`),
    ],
  });
}

export interface ReportSupplementedData {
  kind: ReportKindName;
  supplementedAt: DateInput;
  spentAmount: number;
  caseLink: string;
}

/** To the secretariat: the owner sent the report again, filled in as asked. */
export function reportSupplemented(ctx: MailContext, d: ReportSupplementedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'internal',
    subject: `Utfylt ${name}: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Prosjektansvarlig har sendt ${name}en på nytt, utfylt slik sekretariatet ba om. Den nye versjonen står i saken, med den forrige under.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Sendt', formatDateTimeNb(d.supplementedAt)], ['Brukt beløp', formatNok(d.spentAmount)]),
      link('Se saken', d.caseLink),
    ],
  });
}

export interface ReportSupplementLapsedData {
  kind: ReportKindName;
  reason: string;
  requestedAt: DateInput;
  expiredAt: DateInput;
  caseLink: string;
}

/** To the secretariat: the owner let the link to fill in the report expire without sending it again. */
export function reportSupplementLapsed(ctx: MailContext, d: ReportSupplementLapsedData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'internal',
    subject: `Ikke utfylt: ${name}en for ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(`Sekretariatet ba ${formatDateNb(d.requestedAt)} om at prosjektansvarlig fyller ut ${name}en. Lenken utløp ${formatDateNb(d.expiredAt)} uten at rapporten ble sendt på nytt; prosjektansvarlig fikk én påminnelse underveis.`),
      p(`Be om utfyllende rapport på nytt fra saken for å sende en ny lenke, ta kontakt med prosjektansvarlig, eller trekk ønsket på saken om svaret ikke trengs lenger.`),
      quote('Dette manglet', d.reason),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Spurt', formatDateNb(d.requestedAt)]),
      link('Se saken', d.caseLink),
    ],
  });
}

export interface ReportSupplementWithdrawnData {
  kind: ReportKindName;
  requestedAt: DateInput;
}

/** To the owner: the secretariat no longer needs the report filled in; the link sent for it works no more. */
export function reportSupplementWithdrawn(ctx: MailContext, d: ReportSupplementWithdrawnData): RenderedMail {
  const name = reportName(d.kind);
  return render(ctx, {
    audience: 'external',
    subject: `Dere trenger ikke fylle ut ${name}en for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Sekretariatet ba ${formatDateNb(d.requestedAt)} om at dere fyller ut ${name}en, men trenger det ikke lenger. Rapporten står slik dere sendte den, og lenken dere fikk for å fylle den ut, virker ikke lenger.`),
      facts(...appFacts(ctx), ['Rapport', capitalise(name)], ['Spurt', formatDateNb(d.requestedAt)]),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Reallocation, repayment, withdrawal

export interface ReallocationRequestedData {
  description: string;
  amount: number;
  requestedAt: DateInput;
  adminLink?: string;
}

/** To the secretariat: the owner asks for prior approval of a reallocation. */
export function reallocationRequested(ctx: MailContext, d: ReallocationRequestedData): RenderedMail {
  return render(ctx, {
    audience: 'internal',
    subject: `Søknad om omdisponering: ${quoted(titleForSubject(ctx.application.title))}`,
    blocks: [
      p(
        `Prosjektansvarlig ber om forhåndsgodkjenning fra ${ctx.scheme.committeeShortName} til å omdisponere midler. Saken må behandles før midlene brukes på en annen måte enn beskrevet i søknaden.`,
      ),
      facts(...appFacts(ctx), ['Beløp', formatNok(d.amount)], ['Mottatt', formatDateTimeNb(d.requestedAt)]),
      quote('Beskrivelse', d.description),
      ...(d.adminLink ? [link('Behandle søknaden om omdisponering', d.adminLink)] : []),
    ],
  });
}

export interface ReallocationDecidedData extends DecisionCopy {
  approved: boolean;
  amount: number;
  decidedAt: DateInput;
  reason?: string;
}

export function reallocationDecided(ctx: MailContext, d: ReallocationDecidedData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Vedtak om omdisponering: ${d.approved ? 'godkjent' : 'ikke godkjent'} – ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        d.approved
          ? `${c} har godkjent søknaden om å omdisponere ${formatNok(d.amount)}. Midlene kan brukes slik det er beskrevet i søknaden om omdisponering.`
          : `${c} har ikke godkjent søknaden om å omdisponere ${formatNok(d.amount)}. Midlene skal fortsatt brukes slik det er beskrevet i den opprinnelige søknaden.`,
      ),
      facts(...appFacts(ctx), ['Vedtaksdato', formatDateNb(d.decidedAt)]),
      ...(d.reason ? [quote('Begrunnelse', d.reason)] : []),
      ...copyBlocks(d),
    ],
  });
}

export interface RepaymentClaimData extends DecisionCopy {
  amount: number;
  reason: string;
  projectNumber: string;
  dueDate?: DateInput;
  decidedAt: DateInput;
  /** What the claim does to the grant; left out: it ends the grant */
  effect?: ClaimEffect;
}

/** What the claim does to the grant, told to the owner or (`copy`) to the group's leaders, who report nothing. */
const CLAIM_EFFECT_TEXT: Record<ClaimEffect, (committee: string, copy: boolean) => string> = {
  ends: (c, copy) => `${c} har samtidig avsluttet tilskuddet. ${copy ? 'Prosjektet skal' : 'Du skal'} ikke levere flere rapporter.`,
  'runs-on': (_, copy) => copy
    ? 'Resten av tilskuddet løper videre, og statusrapporten og sluttrapporten skal leveres som før.'
    : 'Resten av tilskuddet løper videre. Statusrapporten og sluttrapporten skal leveres som før, og vi minner deg på dem.',
  'after-close': (_, copy) => `Tilskuddet er allerede avsluttet etter sluttrapporten. Kravet endrer ikke det${copy ? '' : ', og du skal ikke levere flere rapporter'}.`,
};

/** To the owner with finance in copy, and as a copy to the group's leaders (see DecisionCopy). */
export function repaymentClaim(ctx: MailContext, d: RepaymentClaimData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const project = oneLine(d.projectNumber);
  return render(ctx, {
    audience: 'external',
    subject: `Krav om tilbakebetaling av tilskudd: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(
        `${c} har vedtatt å kreve tilbake ${formatNok(d.amount)} av tilskuddet. Vilkårene for tilskuddet sier at hele eller deler av tilskuddet kan måtte betales tilbake når midlene ikke er brukt i tråd med prosjektbeskrivelsen.`,
      ),
      facts(
        ...appFacts(ctx),
        ['Beløp som kreves tilbake', formatNok(d.amount)],
        ['Prosjektnummer', project],
        ['Vedtaksdato', formatDateNb(d.decidedAt)],
        d.dueDate ? ['Betalingsfrist', formatDateNb(d.dueDate)] : undefined,
      ),
      quote('Begrunnelse', d.reason),
      p(d.copyFor
        ? `Økonomiavdelingen i helseforetaket sender søkeren nærmere informasjon om innbetalingen, som merkes med prosjektnummer ${project}.`
        : `Økonomiavdelingen i helseforetaket sender nærmere informasjon om innbetalingen. Merk innbetalingen med prosjektnummer ${project}.`),
      p(CLAIM_EFFECT_TEXT[d.effect ?? 'ends'](c, d.copyFor !== undefined)),
      ...copyBlocks(d),
    ],
  });
}

export interface GrantRevokedData extends DecisionCopy {
  amount: number;
  reason: string;
  decidedAt: DateInput;
}

/** To the owner, and as a copy to the group's leaders: the committee took back a grant before any of it was paid. */
export function grantRevoked(ctx: MailContext, d: GrantRevokedData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Vedtak: tilskuddet til ${quoted(titleForSubject(ctx.application.title))} er trukket tilbake`,
    greeting: hei(),
    blocks: [
      p(`${c} har vedtatt å trekke tilbake tilskuddet på ${formatNok(d.amount)}. Tilskuddet er ikke utbetalt, og det blir heller ikke utbetalt.`),
      facts(...appFacts(ctx), ['Tilskudd som trekkes tilbake', formatNok(d.amount)], ['Vedtaksdato', formatDateNb(d.decidedAt)]),
      quote('Begrunnelse', d.reason),
      p(d.copyFor
        ? 'Søkeren skal ikke sende faktura eller levere flere rapporter for dette tilskuddet. En faktura som allerede er sendt, blir ikke betalt.'
        : 'Du skal ikke sende faktura eller levere flere rapporter for dette tilskuddet. En faktura som allerede er sendt, blir ikke betalt. Kontakt sekretariatet hvis du har spørsmål om vedtaket.'),
      ...copyBlocks(d),
    ],
  });
}

export interface GrantPeriodChangedData extends DecisionCopy {
  periodStart: DateInput;
  periodEnd: DateInput;
  previousStart: DateInput;
  previousEnd: DateInput;
  reason: string;
  decidedAt: DateInput;
  /** while the status report is still owed */
  statusReportDue?: DateInput | undefined;
  finalReportDue: DateInput;
  /** the owner's status link; absent in the copy */
  statusLink?: string;
}

/** The committee's decision on a running grant's period (a later start, a longer period, an earlier end): to the owner, a copy to the group's leaders. */
export function grantPeriodChanged(ctx: MailContext, d: GrantPeriodChangedData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Vedtak: ny prosjektperiode for ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`${c} har vedtatt ny periode for tilskuddet: ${formatDateNb(d.periodStart)}–${formatDateNb(d.periodEnd)} (var ${formatDateNb(d.previousStart)}–${formatDateNb(d.previousEnd)}). Beløpet og vilkårene ellers er som før.`),
      facts(...appFacts(ctx), ['Ny periode', `${formatDateNb(d.periodStart)}–${formatDateNb(d.periodEnd)}`], ['Vedtaksdato', formatDateNb(d.decidedAt)], ...(d.statusReportDue ? [['Frist for statusrapport', formatDateNb(d.statusReportDue)] as [string, string]] : []), ['Frist for sluttrapport', formatDateNb(d.finalReportDue)]),
      quote('Begrunnelse', d.reason),
      p(`Sluttrapporten kan sendes dagen etter at den nye perioden er over; ${d.copyFor ? 'prosjektansvarlig' : 'du'} får lenken og påminnelser som før.`),
      ...(d.statusLink ? [link('Se saken', d.statusLink)] : []),
      ...copyBlocks(d),
    ],
  });
}

export interface PayoutCancelledData {
  grantId: string;
  projectNumber: string;
  payee: string;
  payeeOrganisationNumber?: string | undefined;
  amount: number;
  mode: PayoutModeName;
  invoiceNumber?: string | undefined;
  cancelledAt: DateInput;
  adminLink?: string;
}

/** To finance, with the secretariat in copy: the grant's payout is cancelled and must not be paid. */
export function payoutCancelled(ctx: MailContext, d: PayoutCancelledData): RenderedMail {
  const project = oneLine(d.projectNumber);
  return render(ctx, {
    audience: 'internal',
    subject: `Utbetaling annullert: ${formatNok(d.amount)} til ${oneLine(d.payee)} – prosjektnummer ${project}`,
    greeting: 'Til økonomi,',
    blocks: [
      p(
        `${ctx.scheme.committeeShortName} har trukket tilbake tilskuddet før det ble utbetalt. Utbetalingen er annullert og skal ikke ${d.mode === 'cost_booking' ? 'kostnadsføres' : 'betales'}${d.invoiceNumber ? `, heller ikke fakturaen som er registrert` : ''}.`,
      ),
      facts(
        ...appFacts(ctx),
        ...payoutFacts(d, project),
        d.invoiceNumber ? ['Fakturanummer', oneLine(d.invoiceNumber)] : undefined,
        ['Annullert', formatDateTimeNb(d.cancelledAt)],
      ),
      ...(d.adminLink ? [link('Se utbetalingene på prosjektnummeret', d.adminLink)] : []),
    ],
  });
}

export interface WithdrawnData {
  withdrawnAt: DateInput;
  reason?: string;
}

/** To the owner and the secretariat. */
export function withdrawn(ctx: MailContext, d: WithdrawnData): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden er trukket: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Søknaden er trukket og blir ikke behandlet av ${ctx.scheme.committeeShortName}.`),
      facts(...appFacts(ctx), ['Trukket', formatDateTimeNb(d.withdrawnAt)]),
      ...(d.reason ? [quote('Begrunnelse', d.reason)] : []),
      p('Du kan sende inn en ny søknad senere.'),
    ],
  });
}

/** To a partner asked to sign who had not answered: the owner withdrew the application, nothing to sign. */
export function withdrawnBeforeSigning(ctx: MailContext, d: { recipientName?: string; ownerOrganisation: string; withdrawnAt: DateInput }): RenderedMail {
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden er trukket: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(d.recipientName),
    blocks: [
      p(`${oneLine(d.ownerOrganisation)} har trukket søknaden du ble bedt om å signere. Du trenger ikke å signere den, og lenken du fikk, virker ikke lenger.`),
      facts(...appFacts(ctx), ['Trukket', formatDateTimeNb(d.withdrawnAt)]),
    ],
  });
}

export interface ClosedWithoutDecisionData {
  closedAt: DateInput;
  reason: ExpiryReason;
  /** Days the owner had to answer or send a new version. */
  answerDays: number;
}

/** To the owner and the secretariat: the workflow closed the application; nobody withdrew it. */
export function closedWithoutDecision(ctx: MailContext, d: ClosedWithoutDecisionData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  const why: Record<ExpiryReason, string> = {
    'no-answer': `${c} ba om mer informasjon, og vi har ikke fått svar innen ${d.answerDays} dager.`,
    'no-revision': `En samarbeidspart signerte ikke, og søknaden er ikke sendt inn på nytt innen ${d.answerDays} dager.`,
    'no-meeting': `Møteplanen har ingen flere ${c}-møter som søknaden kan settes opp til. Sekretariatet har fått kopi av denne meldingen.`,
    'too-many-rounds': 'Søknaden er sendt tilbake eller utsatt så mange ganger at den ikke kan gå en runde til.',
  };
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden er avsluttet uten vedtak: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Søknaden er avsluttet og blir ikke behandlet av ${c}. Den er ikke trukket av deg.`),
      facts(...appFacts(ctx), ['Avsluttet', formatDateTimeNb(d.closedAt)]),
      p(why[d.reason]),
      p('Du kan sende inn en ny søknad. Ta kontakt med sekretariatet hvis du har spørsmål.'),
    ],
  });
}

export interface WaitingForCalendarData {
  /** Days an application waits for a new meeting before it is closed. */
  waitDays: number;
  statusLink?: string;
  adminLink?: string;
}

/** To the owner: complete, but the calendar has no meeting left to put it on yet. */
export function waitingForCalendar(ctx: MailContext, d: WaitingForCalendarData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'external',
    subject: `Søknaden venter på ny møteplan: ${quoted(titleForSubject(ctx.application.title))}`,
    greeting: hei(),
    blocks: [
      p(`Søknaden er komplett, men møteplanen til ${c} har ingen flere møter den kan settes opp til ennå. Den settes opp til det første møtet med åpen søknadsfrist når den nye møteplanen er klar, og du får beskjed om hvilket.`),
      facts(...appFacts(ctx)),
      p(`Er det ikke satt opp noe møte innen ${d.waitDays} dager, avsluttes søknaden, og du får beskjed.`),
      ...(d.statusLink ? [link('Se status for søknaden', d.statusLink)] : []),
    ],
  });
}

/** To the secretariat, once per application: it waits because the calendar has run out of meetings. */
export function calendarMissing(ctx: MailContext, d: WaitingForCalendarData): RenderedMail {
  const c = ctx.scheme.committeeShortName;
  return render(ctx, {
    audience: 'internal',
    subject: `Møteplanen mangler møter: ${quoted(titleForSubject(ctx.application.title))} venter`,
    blocks: [
      p(`Søknaden er komplett, men møteplanen til ${c} har ingen senere møter med åpen søknadsfrist som tar imot nye søknader. Legg inn de neste møtene i møteplanen på sekretariatets startside («Legg til et møte i møteplanen»). Søknaden settes da opp til det første av dem automatisk, senest et døgn etter.`),
      facts(...appFacts(ctx)),
      p(`Er det ikke satt opp noe møte innen ${d.waitDays} dager, avsluttes søknaden uten vedtak.`),
      ...(d.adminLink ? [link('Åpne søknaden i saksbehandlingen', d.adminLink)] : []),
    ],
  });
}

/** Every template by name, e.g. for a preview page or a generic renderer. */
export const templates = {
  cosignRequest,
  cosignReminder,
  applicationReceived,
  applicationComplete,
  decisionOverdue,
  declinedByPartner,
  cosignaturesExpired,
  scheduledForMeeting,
  movedToNextMeeting,
  ownerChanged,
  ownerReplaced,
  ownerLinkResent,
  withdrawnBeforeSigning,
  partnerMailBounced,
  partnerMailDeferred,
  ownerMailDeferred,
  mailBounced,
  submissionDeadlineReminder,
  moreInformationRequested,
  deferred,
  rejectionLetter,
  decisionLetter,
  payoutTrigger,
  invoiceReminder,
  reportDeadlineRequested,
  reportDeadlineExtended,
  reportDeadlineDeclined,
  secretariatMessage,
  ownerWrote,
  reportDue,
  reportOverdue,
  reportMissing,
  reportReceipt,
  reportSupplementRequested,
  reportSupplementLapsed,
  reportSupplementWithdrawn,
  reportSupplemented,
  reportReceived,
  reallocationRequested,
  reallocationDecided,
  repaymentClaim,
  grantRevoked,
  grantPeriodChanged,
  periodChangeRequested,
  periodRequestDeclined,
  payoutCancelled,
  withdrawn,
  closedWithoutDecision,
  waitingForCalendar,
  calendarMissing,
} as const;
export type TemplateName = keyof typeof templates;

export interface HalfYearReportDueData {
  from: DateInput;
  to: DateInput;
  /** the committee the deciding committee informs every half-year, e.g. 'SSU'; none where the community's process sets no such report */
  reportTo?: string;
  reportLink: string;
  /** the second half-year ends the year: the hospital trust's annual report to the regional health authority is due too */
  annual?: { year: number; reportLink: string };
}

/** Who reports to whom: the deciding committee to another (FSU to SSU, 002), or to itself; nothing where nobody is configured. */
function halfYearReportLine(committee: string, reportTo: string): string {
  return committee === reportTo
    ? `${committee} skal hvert halvår orienteres om bruken og effekten av tilskuddet.`
    : `${committee} orienterer ${reportTo} hvert halvår om bruken og effekten av tilskuddet.`;
}

/** To the secretariat, once per half-year: the half-year is over and its report on use and effect is ready. */
export function halfYearReportDue(scheme: SchemeMailContext, d: HalfYearReportDueData): RenderedMail {
  const period = `${formatDateNb(d.from)}–${formatDateNb(d.to)}`;
  return render({ scheme }, {
    audience: 'internal',
    subject: `Halvårsrapport om bruk og effekt for ${period}`,
    blocks: [
      p(`Halvåret ${period} er omme.${d.reportTo ? ` ${halfYearReportLine(oneLine(scheme.committeeShortName), oneLine(d.reportTo))}` : ''}`),
      p('Rapporten for halvåret er klar i saksbehandlingen: tilskuddene som ble tildelt, løp eller rapporterte i perioden, det prosjektene har rapportert om bruk og effekt, og fordelingen på de nasjonale føringene. Den kan også lastes ned som CSV for Excel.'),
      link('Åpne halvårsrapporten', d.reportLink),
      ...(d.annual
        ? [
            p(`Året ${d.annual.year} er også omme. Helseforetaket rapporterer om tilskuddet til det regionale helseforetaket i årlig melding: rapporten for hele ${d.annual.year} viser året samlet, med pengene som er utbetalt og betalt tilbake.`),
            link(`Åpne rapporten for hele ${d.annual.year}`, d.annual.reportLink),
          ]
        : []),
    ],
  });
}

const MONTHS_NB = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'] as const;

export interface RegionalFollowUpDueData {
  /** the year so far */
  from: DateInput;
  to: DateInput;
  /** 1–12: the month of the regional health authority's follow-up meeting */
  followUpMonth: number;
  reportLink: string;
}

/** To the secretariat, once a year in the month before the regional follow-up meeting: report the year so far (003). */
export function regionalFollowUpDue(scheme: SchemeMailContext, d: RegionalFollowUpDueData): RenderedMail {
  const month = MONTHS_NB[d.followUpMonth - 1] ?? '';
  return render({ scheme }, {
    audience: 'internal',
    subject: `Rapportering til det regionale helseforetaket før oppfølgingsmøtet i ${month}`,
    blocks: [
      p(`Helseforetaket skal rapportere om tilskuddet til det regionale helseforetaket i god tid før oppfølgingsmøtet i ${month}.`),
      p(`Rapporten for året så langt (${formatDateNb(d.from)}–${formatDateNb(d.to)}) er klar i saksbehandlingen: tilskuddene som er tildelt, løper eller har rapportert, det prosjektene har rapportert om bruk og effekt, pengene som er utbetalt og betalt tilbake, og fordelingen på de nasjonale føringene. Den kan også lastes ned som CSV for Excel.`),
      link('Åpne rapporten for året så langt', d.reportLink),
    ],
  });
}

export interface AgendaClosedData {
  meetingTitle: string;
  meetingStartsAt: DateInput;
  deadline: DateInput;
  /** the open cases on the agenda, in the agenda's order: each under its number there ("Sak 3") with its case number, so two of one title are told apart */
  cases: ReadonlyArray<{ number: number; applicationId: string; title: string }>;
  /** what they ask for in all */
  requested: number;
  agendaLink: string;
}

/** To the secretariat, once per meeting: the submission deadline has passed and the agenda is complete. */
export function agendaClosed(scheme: SchemeMailContext, d: AgendaClosedData): RenderedMail {
  const n = d.cases.length;
  return render({ scheme }, {
    audience: 'internal',
    subject: `Sakslisten er klar: ${oneLine(d.meetingTitle)}`,
    blocks: [
      p(`Søknadsfristen for ${oneLine(d.meetingTitle)} gikk ut ${formatDateTimeNb(d.deadline)}. Søknader som blir komplette nå, settes opp til et senere møte.`),
      facts(['Møte', formatDateTimeNb(d.meetingStartsAt)], ['Saker', n === 0 ? 'Ingen' : String(n)], n > 0 ? ['Omsøkt i alt', formatNok(d.requested)] : undefined),
      // An empty agenda has no papers to send; the meeting may not be needed at all.
      ...(n > 0
        ? [list(d.cases.map((c) => `Sak ${c.number}: ${oneLine(c.title)} (saksnummer ${c.applicationId})`), 'Sakene på listen:'), p(`Sakspapirene kan nå sendes til ${oneLine(scheme.committeeShortName)}s medlemmer.`)]
        : [p('Ingen søknader er satt opp til møtet. Trengs det ikke for andre saker, kan du avlyse det på møteplanen.')]),
      link('Åpne sakslisten', d.agendaLink),
    ],
  });
}

export interface DraftSavedData {
  draftLink: string;
  /** days without a save before the draft is deleted */
  validDays: number;
  /** the next meeting that still takes applications, if the calendar has one */
  nextDeadline?: { meetingTitle: string; deadline: DateInput };
}

/** To the applicant who saved a draft of the form, once per draft: the link back to it. */
export function draftSaved(scheme: SchemeMailContext, d: DraftSavedData): RenderedMail {
  return render({ scheme }, {
    audience: 'external',
    subject: 'Utkastet til søknaden er lagret',
    blocks: [
      p(`Du har lagret et utkast til søknad om rekrutterings- og samhandlingstilskudd i ${oneLine(scheme.name)}. Med lenken under kan du fortsette der du slapp, så ofte du vil.`),
      p('Utkastet er ikke sendt inn. Partene får ingen e-post, og søknaden settes ikke opp til noe møte før du velger «Send inn søknaden».'),
      ...(d.nextDeadline ? [facts(['Neste søknadsfrist', formatDateTimeNb(d.nextDeadline.deadline)], ['Møte', d.nextDeadline.meetingTitle])] : []),
      link('Fortsett på utkastet', d.draftLink),
      p(`Lenken er personlig: den som har den, kan lese og endre utkastet. Ikke videresend denne e-posten. Utkastet slettes hvis det ikke er lagret på ${d.validDays} dager, og du kan slette det selv fra skjemaet.`),
      p('Har du ikke lagret et utkast selv, kan du se bort fra denne e-posten: utkastet slettes av seg selv.'),
    ],
  });
}

export interface DraftDeadlineReminderData {
  draftLink: string;
  meetingTitle: string;
  deadline: DateInput;
}

/** To the author of a draft not sent in, once per draft and meeting: the submission deadline is coming. */
export function draftDeadlineReminder(scheme: SchemeMailContext, d: DraftDeadlineReminderData): RenderedMail {
  return render({ scheme }, {
    audience: 'external',
    subject: 'Påminnelse: utkastet til søknaden er ikke sendt inn',
    blocks: [
      p(`Du har et utkast til søknad om rekrutterings- og samhandlingstilskudd i ${oneLine(scheme.name)} som ikke er sendt inn.`),
      facts(['Søknadsfrist', formatDateTimeNb(d.deadline)], ['Møte', d.meetingTitle]),
      p('Søknaden kommer med på møtet bare hvis alle partene har signert innen fristen, så send den inn i god tid. Rekker dere ikke fristen, settes søknaden opp til et senere møte.'),
      link('Fortsett på utkastet', d.draftLink),
      p('Lenken er personlig. Ikke videresend denne e-posten.'),
    ],
  });
}
