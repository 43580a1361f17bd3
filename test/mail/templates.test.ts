import { describe, expect, it } from 'vitest';
import {
  ownerChanged,
  ownerReplaced,
  ownerLinkResent,
  withdrawnBeforeSigning,
  partnerMailBounced,
  partnerMailDeferred,
  ownerMailDeferred,
  mailBounced,
  applicationComplete,
  decisionOverdue,
  reportMissing,
  applicationReceived,
  cosignReminder,
  cosignRequest,
  decisionLetter,
  declinedByPartner,
  cosignaturesExpired,
  deferred,
  formatDateNb,
  formatDateTimeNb,
  movedToNextMeeting,
  moreInformationRequested,
  payoutTrigger,
  reallocationDecided,
  reallocationRequested,
  rejectionLetter,
  repaymentClaim,
  grantRevoked,
  grantPeriodChanged,
  periodChangeRequested,
  periodRequestDeclined,
  payoutCancelled,
  reportDue,
  reportOverdue,
  reportDeadlineExtended,
  reportDeadlineDeclined,
  secretariatMessage,
  ownerWrote,
  reportDeadlineRequested,
  reportReceipt,
  reportReceived,
  reportSupplementRequested,
  reportSupplementLapsed,
  reportSupplementWithdrawn,
  reportSupplemented,
  invoiceReminder,
  scheduledForMeeting,
  submissionDeadlineReminder,
  templates,
  withdrawn,
  closedWithoutDecision,
  waitingForCalendar,
  calendarMissing,
  draftSaved,
  draftDeadlineReminder,
  type MailContext,
  type RenderedMail,
  type TemplateName,
} from '../../functions/mail/templates';

const EVIL = '<script>alert("x")</script> & «Jæren»';
const LINK = 'https://tilskudd.example/l/Zx9aB3cD4eF5gH6iJ7kL8m';
const FINAL_LINK = 'https://tilskudd.example/l/Fi9nA1lR2eP3oR4tL5iN6k';

/** The applicant's contact person, whom a partner asks about the application. */
const CONTACT = { name: 'Ola Nordmann', organisation: 'Helse Stavanger HF', email: 'ola.nordmann@helse-stavanger.example' };
const ASK_CONTACT = /Spørsmål om søknaden: Ola Nordmann, Helse Stavanger HF \(ola\.nordmann@helse-stavanger\.example\)/;

const ctx: MailContext = {
  scheme: { name: 'Helsefellesskapet i Sør-Rogaland', committeeShortName: 'FSU', secretariatEmail: 'fsu@hf.example', statusReportAfterMonths: 6 },
  application: { id: 'app-42', title: `Felles utskrivningsteam ${EVIL}` },
};

/** Every template rendered with realistic data; user-supplied text carries HTML to be escaped. */
const rendered: Record<TemplateName, { mail: RenderedMail; link?: string; expect: RegExp[] }> = {
  cosignRequest: {
    mail: cosignRequest(ctx, {
      recipientName: 'Kari Nordmann',
      partnerOrganisation: 'Sola kommune',
      ownerOrganisation: 'Helse Stavanger HF',
      requestedAmount: 480000,
      partnerContribution: '0,5 årsverk sykepleier',
      link: LINK,
      expiresAt: '2025-03-15T22:59:59Z',
      contact: CONTACT,
    }),
    link: LINK,
    expect: [/Signering av søknad/, /Hei Kari Nordmann,/, /behandles av FSU først når alle partene har signert/, /480 000 kr/, /dokumenterte enigheten/, /beskrivelsen av tiltaket/, /budsjettet/, /ansvaret for pasientene/, /15\.03\.2025/, ASK_CONTACT],
  },
  cosignReminder: {
    mail: cosignReminder(ctx, { partnerOrganisation: 'Sola kommune', link: LINK, expiresAt: '2025-03-15', meeting: { date: '2025-04-02', submissionDeadline: '2025-03-19T22:59:00Z' }, contact: CONTACT }),
    link: LINK,
    expect: [/Påminnelse/, /venter fortsatt på signatur fra Sola kommune/, /Signerer alle partene innen 19\.03\.2025 kl\. 23\.59, behandles søknaden i FSU-møtet 02\.04\.2025\. Ellers går den til et senere møte\./, ASK_CONTACT],
  },
  applicationReceived: {
    mail: applicationReceived(ctx, { statusLink: LINK, partnersToSign: 2, receivedAt: '2025-03-01T09:15:00Z' }),
    link: LINK,
    expect: [/Kvittering/, /er mottatt/, /Takk for søknaden til Helsefellesskapet i Sør-Rogaland om rekrutterings- og samhandlingstilskudd\./, /de 2 partene/, /01\.03\.2025 kl\. 10\.15/, /innen søknadsfristen for møtet du sikter mot/],
  },
  ownerChanged: {
    mail: ownerChanged(ctx, { recipientName: 'Nina Nyansatt', statusLink: LINK }),
    link: LINK,
    expect: [/Du er prosjektansvarlig for «/, /Hei Nina Nyansatt,/, /registrert deg som prosjektansvarlig/, /den forrige prosjektansvarlige/, /virker ikke lenger/, /lenken er personlig/],
  },
  withdrawnBeforeSigning: {
    mail: withdrawnBeforeSigning(ctx, { recipientName: 'Per Partner', ownerOrganisation: 'Helse Stavanger HF', withdrawnAt: '2025-03-01T09:15:00Z' }),
    expect: [/Søknaden er trukket: «/, /Hei Per Partner,/, /Helse Stavanger HF har trukket søknaden du ble bedt om å signere/, /01\.03\.2025 kl\. 10\.15/],
  },
  partnerMailBounced: {
    mail: partnerMailBounced(ctx, { partnerOrganisation: 'Sola kommune', statusLink: LINK }),
    link: LINK,
    expect: [/^\[FSU\] E-posten til Sola kommune kom ikke fram: «Felles utskrivningsteam/, /^Hei,/m, /Samarbeidspart: Sola kommune/, /med lenke for å signere søknaden, men den kom ikke fram/, /«Endre søknaden» til alle har signert: da får alle partene en ny lenke, og de som alt har signert, må signere den nye versjonen\./],
  },
  partnerMailDeferred: {
    mail: partnerMailDeferred(ctx, { partnerOrganisation: 'Sola kommune', statusLink: LINK }),
    link: LINK,
    expect: [/^\[FSU\] E-posten til Sola kommune kom ikke fram nå: «Felles utskrivningsteam/, /^Hei,/m, /Samarbeidspart: Sola kommune/, /tok ikke imot den nå, for eksempel fordi innboksen er full\. Adressen kan være riktig\./, /Gi gjerne samarbeidsparten beskjed om å se etter e-posten; den får også en påminnelse, og du kan sende lenken på nytt fra søknadens side \(«Send lenken på nytt»\)\./],
  },
  ownerMailDeferred: {
    mail: ownerMailDeferred(ctx, { mailSubject: '[FSU] Vedtak om tilskudd: «Felles team»', caseLink: LINK }),
    link: LINK,
    expect: [/til prosjektansvarlig for .* kom ikke fram nå/, /E-posten «\[FSU\] Vedtak om tilskudd: «Felles team»» til prosjektansvarlig kom ikke fram/, /Adressen kan være riktig\./, /høyst én slik melding i uken/],
  },
  mailBounced: {
    mail: mailBounced(ctx, { address: 'kari@feil.example', recipient: 'owner', caseLink: LINK }),
    link: LINK,
    expect: [/kom ikke fram/, /til prosjektansvarlig \(kari@feil\.example\)/, /registrer ny prosjektansvarlig/],
  },
  ownerLinkResent: {
    mail: ownerLinkResent(ctx, { recipientName: 'Kari Nordmann', statusLink: LINK }),
    link: LINK,
    expect: [/Lenken til søknaden «/, /Hei Kari Nordmann,/, /sender deg lenken til søknaden i Helsefellesskapet i Sør-Rogaland på nytt/, /lenken er personlig/],
  },
  ownerReplaced: {
    mail: ownerReplaced(ctx, { recipientName: 'Kari Nordmann' }),
    expect: [/Ny prosjektansvarlig for «/, /Hei Kari Nordmann,/, /registrert en ny prosjektansvarlig/, /den nye prosjektansvarlige/, /virker ikke lenger/, /Er dette feil, kontakt sekretariatet\./],
  },
  applicationComplete: {
    mail: applicationComplete(ctx, { partners: ['Sola kommune', 'Helse Stavanger HF'], adminLink: LINK, meetingDate: '2025-04-02' }),
    link: LINK,
    expect: [/Komplett søknad/, /Alle partene har signert/, /Sola kommune/, /Aktuelt møte: 02\.04\.2025/],
  },
  decisionOverdue: {
    mail: decisionOverdue(ctx, { meetingDate: '2025-04-02', adminLink: LINK }),
    link: LINK,
    expect: [/Vedtak mangler: «/, /Søknaden sto på sakslisten, men det er ikke registrert noe vedtak/, /Møte: 02\.04\.2025/],
  },
  declinedByPartner: {
    mail: declinedByPartner(ctx, { partnerOrganisation: 'Sola kommune', reason: `Budsjettet stemmer ikke ${EVIL}`, respondBy: '2025-06-01T09:00:00Z', reviseLink: LINK }),
    link: LINK,
    expect: [/avslått å signere/, /sendt tilbake til deg for endring/, /Begrunnelse/, /Budsjettet stemmer ikke/, /Sendes den ikke inn på nytt innen 01\.06\.2025 kl\. 11\.00, avsluttes søknaden\./],
  },
  cosignaturesExpired: {
    mail: cosignaturesExpired(ctx, { notAnswered: ['Sola kommune', `Randaberg kommune ${EVIL}`], respondBy: '2025-06-01T09:00:00Z', reviseLink: LINK }),
    link: LINK,
    expect: [/ble ikke signert i tide/, /Fristen for å signere søknaden gikk ut/, /alle partene hadde svart\. Sola kommune og Randaberg kommune/, /har ikke svart/, /sendt tilbake til deg/, /send søknaden inn på nytt/, /Sendes den ikke inn på nytt innen 01\.06\.2025 kl\. 11\.00, avsluttes søknaden\./],
  },
  scheduledForMeeting: {
    mail: scheduledForMeeting(ctx, { meetingDate: '2025-04-02', submissionDeadline: '2025-03-19T22:59:59Z', statusLink: LINK }),
    link: LINK,
    expect: [/^\[FSU\] Søknaden behandles i FSU-møtet 02\.04\.2025: «Felles utskrivningsteam/, /Søknadsfrist for møtet: 19\.03\.2025 kl\. 23\.59/],
  },
  movedToNextMeeting: {
    mail: movedToNextMeeting(ctx, {
      missedMeetingDate: '2025-04-02',
      missedDeadline: '2025-03-19T22:59:59Z',
      nextMeetingDate: '2025-05-07',
      nextDeadline: '2025-04-23T21:59:59Z',
      statusLink: LINK,
    }),
    link: LINK,
    expect: [/^\[FSU\] Søknaden er flyttet til FSU-møtet 07\.05\.2025: «Felles utskrivningsteam/, /ikke komplett innen fristen 19\.03\.2025/, /møte 02\.04\.2025/, /Nå er den komplett, og den er satt opp til behandling i FSUs møte 07\.05\.2025 i stedet\./, /23\.04\.2025 kl\. 23\.59/],
  },
  submissionDeadlineReminder: {
    mail: submissionDeadlineReminder(ctx, {
      meetingDate: '2025-04-02',
      deadline: '2025-03-19T22:59:59Z',
      daysLeft: 3,
      missingPartners: ['Sola kommune', `Randaberg kommune ${EVIL}`],
      statusLink: LINK,
    }),
    link: LINK,
    expect: [/søknadsfristen for FSU-møtet 02\.04\.2025 går ut om 3 dager: «Felles utskrivningsteam/, /flyttes den til et senere møte/, /Mangler signatur fra:/, /- Sola kommune/, /kan du sende den på nytt fra søknadens side \(«Send lenken på nytt»\)/],
  },
  moreInformationRequested: {
    mail: moreInformationRequested(ctx, { message: `Beskriv egeninnsatsen nærmere.\nHvem har pasientansvaret? ${EVIL}`, reviseLink: LINK, respondBy: '2025-03-25', meeting: { date: '2025-02-26', submissionDeadline: '2025-02-12T22:59:59.999Z' } }),
    link: LINK,
    expect: [/Mer informasjon trengs før behandlingen: «/, /FSU trenger mer informasjon før søknaden kan behandles/, /> Beskriv egeninnsatsen nærmere\./, /> Hvem har pasientansvaret\?/, /Svar og ny signering for FSU-møtet 26\.02\.2025: innen 12\.02\.2025 kl\. 23\.59/, /Siste frist for svar: 25\.03\.2025/, /feltet «Svar til FSU»/, /Skal søknaden behandles i FSU-møtet 26\.02\.2025, må svaret være sendt inn og alle partene ha signert på nytt innen søknadsfristen for møtet, 12\.02\.2025 kl\. 23\.59\. Ellers behandles den i et senere møte\./, /Sendes søknaden ikke inn på nytt innen 25\.03\.2025, avsluttes den uten vedtak\./],
  },
  deferred: {
    mail: deferred(ctx, { reason: `Venter på budsjett ${EVIL}`, nextMeetingDate: '2025-05-07', statusLink: LINK }),
    link: LINK,
    expect: [/Søknaden er utsatt/, /utsatt behandlingen av søknaden til møtet 07\.05\.2025/],
  },
  rejectionLetter: {
    mail: rejectionLetter(ctx, { reason: `Tiltaket oppfyller ikke kriteriene ${EVIL}`, decidedAt: '2025-04-02', meetingDate: '2025-04-02' }),
    expect: [/har fått avslag/, /i møtet 02\.04\.2025 og vedtatt å avslå søknaden\./, /Tiltaket oppfyller ikke kriteriene/, /Vedtaksdato: 02\.04\.2025/],
  },
  decisionLetter: {
    mail: decisionLetter(ctx, {
      amount: 250000,
      periodStart: '2025-05-01',
      periodEnd: '2026-04-30',
      decidedAt: '2025-04-02',
      meetingDate: '2025-04-02',
      projectNumber: 'R-11326-D11325',
      ownerIsInternalUnit: false,
      invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' },
      statusReportDue: '2025-10-02',
      finalReportDue: '2026-06-30',
      reportLinks: { status: LINK, final: FINAL_LINK },
      copyTo: ['leder og nestleder i tjenestemodellgruppe for psykisk helse og rus'],
      note: 'Tilskuddet kan ikke brukes til utstyr.',
    }),
    link: LINK,
    expect: [
      /Vedtak om tilskudd/,
      /tildele 250 000 kr/,
      /Tilskuddsperiode: 01\.05\.2025–30\.04\.2026/,
      /brukes slik det er beskrevet i søknaden/,
      /Omdisponering av midlene krever forhåndsgodkjenning fra FSU/,
      /Brukes ikke midlene i tråd med prosjektbeskrivelsen, kan hele eller deler av tilskuddet måtte betales tilbake\./,
      /Statusrapport sendes 6 måneder etter tildelingen, innen 02\.10\.2025/,
      /Sluttrapport .* innen 30\.06\.2026/,
      /Send statusrapporten her:\nhttps:\/\/tilskudd\.example\/l\/Zx9aB3cD4eF5gH6iJ7kL8m/,
      /Send sluttrapporten her \(fra 01\.05\.2026, når tilskuddsperioden er over\):\nhttps:\/\/tilskudd\.example\/l\/Fi9nA1lR2eP3oR4tL5iN6k/,
      /Send faktura til Helse Stavanger HF \(org\.nr\. 983974678\) på 250\s000\skr, merket med prosjektnummer R-11326-D11325\. Tilskuddet utbetales når fakturaen er mottatt\./,
      /Merknad fra FSU:\n> Tilskuddet kan ikke brukes til utstyr\./,
      /Kopi: leder og nestleder i tjenestemodellgruppe/,
    ],
  },
  payoutTrigger: {
    mail: payoutTrigger(ctx, {
      grantId: 'app-42',
      projectNumber: 'R-11326-D11325',
      payee: 'Sola kommune',
      payeeOrganisationNumber: '964979405',
      amount: 250000,
      mode: 'invoice',
      periodStart: '2025-05-01',
      periodEnd: '2026-04-30',
      adminLink: LINK,
    }),
    link: LINK,
    expect: [/Utbetaling av tilskudd 250 000 kr til Sola kommune – prosjektnummer R-11326-D11325/, /Tilskuddsperiode: 01\.05\.2025–30\.04\.2026/, /Mottaker: Sola kommune/, /Mottakers org\.nr\.: 964979405/, /Saksnummer: app-42/, /faktura/],
  },
  reportDue: {
    mail: reportDue(ctx, { kind: 'status', dueDate: '2025-10-02', link: LINK }),
    link: LINK,
    expect: [/be om utsatt frist på rapportsiden/, /statusrapport .* skal sendes innen 02\.10\.2025/, /6 måneder siden tildelingen/, /Send statusrapporten:\n/],
  },
  reportOverdue: {
    mail: reportOverdue(ctx, { kind: 'final', dueDate: '2026-06-30', link: LINK }),
    link: LINK,
    expect: [/be om utsatt frist på rapportsiden/, /Fristen er passert: sluttrapport/, /Vi har ikke mottatt sluttrapporten for prosjektet\. Fristen var 30\.06\.2026/, /Send sluttrapporten:\n/],
  },
  reportDeadlineExtended: {
    mail: reportDeadlineExtended(ctx, { kind: 'status', dueDate: '2026-09-30', previousDueDate: '2026-06-30', reason: 'Prosjektleder har vært sykmeldt.', link: LINK }),
    link: LINK,
    expect: [/Ny frist for statusrapporten for .*: 30\.09\.2026/, /utsatt fra 30\.06\.2026 til 30\.09\.2026/, /Begrunnelse:\n> Prosjektleder har vært sykmeldt\./, /Send statusrapporten/],
  },
  reportDeadlineRequested: {
    mail: reportDeadlineRequested(ctx, { kind: 'final', dueDate: '2026-06-30', requestedDate: '2026-08-31', reason: 'Evalueringen er forsinket.', link: LINK }),
    link: LINK,
    expect: [/Utsatt frist ønsket: sluttrapport/, /innen 31\.08\.2026 i stedet for 30\.06\.2026/, /Ønsket frist.*31\.08\.2026/, /Gir FSU utsatt frist, registrerer du den nye fristen på saken \(«Utsett en rapportfrist»\); sier FSU nei, registrerer du avslaget der\./, /Begrunnelse:\n> Evalueringen er forsinket\./, /Se hele saken/],
  },
  secretariatMessage: {
    mail: secretariatMessage(ctx, { recipientName: 'Kari Nordmann', statusLink: LINK, message: 'Vi mangler fortsatt fakturaen.\nSend den til økonomi, merket med prosjektnummeret.' }),
    link: LINK,
    expect: [/Melding fra sekretariatet om «/, /Hei Kari Nordmann,/, /har skrevet til deg om søknaden/, /Vi mangler fortsatt fakturaen\./, /merket med prosjektnummeret/, /Du kan svare fra sakens side \(lenken under, «Skriv til sekretariatet»\)/, /Se status for søknaden/],
  },
  ownerWrote: {
    mail: ownerWrote(ctx, { message: 'Fakturaen ble sendt 3. mars.\nKan dere sjekke at den kom fram?', caseLink: LINK }),
    link: LINK,
    expect: [/Melding fra prosjektansvarlig: «/, /har skrevet til sekretariatet fra sakens side/, /Fakturaen ble sendt 3\. mars\./, /Kan dere sjekke at den kom fram\?/, /Se hele saken/],
  },
  reportDeadlineDeclined: {
    mail: reportDeadlineDeclined(ctx, { kind: 'final', dueDate: '2026-06-30', requestedDate: '2026-08-31', reason: 'Evalueringen kan leveres senere som vedlegg.', link: LINK }),
    link: LINK,
    expect: [/Ikke utsatt frist for sluttrapporten for /, /innen 31\.08\.2026\. FSU har sagt nei til utsatt frist, så fristen er fortsatt 30\.06\.2026\./, /Begrunnelse:\n> Evalueringen kan leveres senere som vedlegg\./, /Send sluttrapporten/],
  },
  reportReceipt: {
    mail: reportReceipt(ctx, { kind: 'status', submittedAt: '2026-06-20T08:30:00.000Z', spentAmount: 120_000, link: LINK }),
    link: LINK,
    expect: [/Kvittering: statusrapport for .* er mottatt/, /Vi har mottatt statusrapporten/, /20\.06\.2026 kl\. 10\.30/, /120 000 kr/, /Se rapporten du sendte/],
  },
  reportSupplementRequested: {
    mail: reportSupplementRequested(ctx, { kind: 'final', reason: 'Beskriv effekten for pasientene, ikke bare aktivitetene.', requestedAt: '2027-03-02', link: LINK, linkExpiresAt: '2027-05-01T08:30:00.000Z' }),
    link: LINK,
    expect: [/Fyll ut sluttrapporten for /, /ber dere fylle den ut/, /Dette mangler.*Beskriv effekten for pasientene, ikke bare aktivitetene\./s, /02\.03\.2027/, /Fyll ut sluttrapporten/, /Lenken gjelder til 01\.05\.2027 kl\. 10\.30\./],
  },
  reportSupplementLapsed: {
    mail: reportSupplementLapsed(ctx, { kind: 'status', reason: 'Hva gikk pengene til?', requestedAt: '2027-03-02', expiredAt: '2027-05-01', caseLink: LINK }),
    link: LINK,
    expect: [/Ikke utfylt: statusrapporten for /, /ba 02\.03\.2027 om at prosjektansvarlig fyller ut statusrapporten\. Lenken utløp 01\.05\.2027/, /Dette manglet.*Hva gikk pengene til\?/s, /Be om utfyllende rapport på nytt/, /Se saken/],
  },
  reportSupplementWithdrawn: {
    mail: reportSupplementWithdrawn(ctx, { kind: 'final', requestedAt: '2027-03-02' }),
    expect: [/Dere trenger ikke fylle ut sluttrapporten for /, /ba 02\.03\.2027 om at dere fyller ut sluttrapporten, men trenger det ikke lenger/, /lenken dere fikk for å fylle den ut, virker ikke lenger/],
  },
  reportSupplemented: {
    mail: reportSupplemented(ctx, { kind: 'status', supplementedAt: '2027-03-10T09:15:00.000Z', spentAmount: 150_000, caseLink: LINK }),
    link: LINK,
    expect: [/Utfylt statusrapport: /, /har sendt statusrapporten på nytt/, /10\.03\.2027 kl\. 10\.15/, /150 000 kr/, /Se saken/],
  },
  reportMissing: {
    mail: reportMissing(ctx, { kind: 'final', dueDate: '2026-06-30', link: LINK }),
    link: LINK,
    expect: [/Rapport mangler: sluttrapport/, /Prosjektansvarlig har ikke levert sluttrapporten for prosjektet\./, /Fristen var 30\.06\.2026/, /Se hele saken/],
  },
  invoiceReminder: {
    mail: invoiceReminder(ctx, { amount: 400000, projectNumber: 'R-11326-D11325', invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, decidedAt: '2025-06-12', statusLink: LINK }),
    link: LINK,
    expect: [/Påminnelse: send faktura/, /Send faktura til Helse Stavanger HF \(org\.nr\. 983974678\) på 400 000 kr, merket med prosjektnummer R-11326-D11325/, /12\.06\.2025/],
  },
  reportReceived: {
    mail: reportReceived(ctx, { kind: 'status', submittedAt: '2025-09-30T08:00:00Z', spentAmount: 120500, adminLink: LINK }),
    link: LINK,
    expect: [/Statusrapport mottatt/, /Prosjektansvarlig har sendt inn statusrapporten\./, /Brukt hittil: 120 500 kr/, /30\.09\.2025 kl\. 10\.00/],
  },
  reallocationRequested: {
    mail: reallocationRequested(ctx, { description: `Flytte midler fra reise til kurs ${EVIL}`, amount: 40000, requestedAt: '2025-08-01T10:00:00Z', adminLink: LINK }),
    link: LINK,
    expect: [/Søknad om omdisponering/, /forhåndsgodkjenning fra FSU/, /40 000 kr/],
  },
  reallocationDecided: {
    mail: reallocationDecided(ctx, { approved: true, amount: 40000, decidedAt: '2025-09-03' }),
    expect: [/Vedtak om omdisponering: godkjent/, /har godkjent søknaden om å omdisponere 40 000 kr/],
  },
  repaymentClaim: {
    mail: repaymentClaim(ctx, { amount: 75000, reason: `Midlene er brukt til drift ${EVIL}`, projectNumber: 'R-11326-D11325', dueDate: '2026-09-01', decidedAt: '2026-08-01' }),
    expect: [/Krav om tilbakebetaling/, /kreve tilbake 75 000 kr/, /Betalingsfrist: 01\.09\.2026/, /prosjektnummer R-11326-D11325/, /FSU har samtidig avsluttet tilskuddet\. Du skal ikke levere flere rapporter\./],
  },
  grantRevoked: {
    mail: grantRevoked(ctx, { amount: 300000, reason: `Prosjektet blir ikke gjennomført ${EVIL}`, decidedAt: '2027-02-11', copyTo: ['leder og nestleder i TMG Eldre'] }),
    expect: [/Vedtak: tilskuddet til .* er trukket tilbake/, /FSU har vedtatt å trekke tilbake tilskuddet på 300 000 kr/, /ikke utbetalt, og det blir heller ikke utbetalt/, /Vedtaksdato: 11\.02\.2027/, /Du skal ikke sende faktura eller levere flere rapporter/, /Kopi: leder og nestleder i TMG Eldre/],
  },
  grantPeriodChanged: {
    mail: grantPeriodChanged(ctx, { periodStart: '2027-04-01', periodEnd: '2028-03-31', previousStart: '2027-01-01', previousEnd: '2027-12-31', reason: `Stillingen ble besatt først i mars ${EVIL}`, decidedAt: '2027-01-28T10:00:00Z', finalReportDue: '2028-05-30', statusLink: LINK, copyTo: ['leder og nestleder i TMG Eldre'] }),
    link: LINK,
    expect: [/Vedtak: ny prosjektperiode for/, /FSU har vedtatt ny periode for tilskuddet: 01\.04\.2027–31\.03\.2028 \(var 01\.01\.2027–31\.12\.2027\)/, /Frist for sluttrapport: 30\.05\.2028/, /Sluttrapporten kan sendes dagen etter at den nye perioden er over/, /Kopi: leder og nestleder i TMG Eldre/],
  },
  periodChangeRequested: {
    mail: periodChangeRequested(ctx, { periodStart: '2027-01-01', periodEnd: '2027-12-31', requestedStart: '2027-04-01', requestedEnd: '2028-03-31', reason: `Stillingen er ikke besatt ${EVIL}`, link: LINK }),
    link: LINK,
    expect: [/Ny prosjektperiode ønsket for/, /Prosjektansvarlig ber om ny periode for tilskuddet: 01\.04\.2027–31\.03\.2028 i stedet for 01\.01\.2027–31\.12\.2027/, /Vedtar FSU den, registrerer du den på saken \(«Ny prosjektperiode»\); sier FSU nei, registrerer du avslaget der\./, /Ønsket periode: 01\.04\.2027–31\.03\.2028/, /Begrunnelse:\n> Stillingen er ikke besatt/],
  },
  periodRequestDeclined: {
    mail: periodRequestDeclined(ctx, { periodStart: '2027-01-01', periodEnd: '2027-12-31', requestedStart: '2027-04-01', requestedEnd: '2028-03-31', reason: `Prosjektet må holde planen ${EVIL}`, statusLink: LINK }),
    link: LINK,
    expect: [/Ikke ny prosjektperiode for/, /FSU har sagt nei, så perioden er fortsatt 01\.01\.2027–31\.12\.2027/, /Begrunnelse:\n> Prosjektet må holde planen/],
  },
  payoutCancelled: {
    mail: payoutCancelled(ctx, { grantId: 'app-1', projectNumber: 'R-11326-D11325', payee: `Sola kommune ${EVIL}`, payeeOrganisationNumber: '964965137', amount: 300000, mode: 'invoice', invoiceNumber: 'F-2027-17', cancelledAt: '2027-02-11T13:00:00Z', adminLink: LINK }),
    link: LINK,
    expect: [/Utbetaling annullert: 300 000 kr til Sola kommune .* – prosjektnummer R-11326-D11325/, /Utbetalingen er annullert og skal ikke betales, heller ikke fakturaen som er registrert/, /Fakturanummer: F-2027-17/, /Annullert: 11\.02\.2027 kl\. 14\.00/],
  },
  withdrawn: {
    mail: withdrawn(ctx, { withdrawnAt: '2025-03-10T12:00:00Z', reason: `Prosjektet er lagt ned ${EVIL}` }),
    expect: [/Søknaden er trukket/, /blir ikke behandlet av FSU/, /10\.03\.2025 kl\. 13\.00/],
  },
  waitingForCalendar: {
    mail: waitingForCalendar(ctx, { waitDays: 180, statusLink: LINK }),
    link: LINK,
    expect: [/venter på ny møteplan/, /har ingen flere møter den kan settes opp til ennå/, /innen 180 dager, avsluttes søknaden/],
  },
  calendarMissing: {
    mail: calendarMissing(ctx, { waitDays: 180, adminLink: LINK }),
    link: LINK,
    expect: [/Møteplanen mangler møter/, /ingen senere møter med åpen søknadsfrist som tar imot nye søknader\./, /Legg inn de neste møtene/, /avsluttes søknaden uten vedtak/],
  },
  closedWithoutDecision: {
    mail: closedWithoutDecision(ctx, { closedAt: '2025-03-10T12:00:00Z', reason: 'no-answer', answerDays: 90 }),
    expect: [/avsluttet uten vedtak/, /Den er ikke trukket av deg/, /FSU ba om mer informasjon, og vi har ikke fått svar innen 90 dager/, /10\.03\.2025 kl\. 13\.00/],
  },
};

describe('the owner\'s link again', () => {
  it('says who asked: the contact person through "Mistet lenken?", else the secretariat', () => {
    const self = ownerLinkResent(ctx, { statusLink: LINK, askedBySelf: true });
    expect(self.text).toContain('Du ba om lenken til søknaden i Helsefellesskapet i Sør-Rogaland på nytt. Her er den.');
    expect(self.text).not.toContain('Sekretariatet for FSU sender deg');
    expect(ownerLinkResent(ctx, { statusLink: LINK }).text).toContain('Sekretariatet for FSU sender deg lenken');
  });
});

describe('the request to fill in a report, and its reminder', () => {
  it('says the second time that it is a reminder, with the day it was asked', () => {
    const data = { kind: 'status' as const, reason: 'Tall for effekten.', requestedAt: '2027-03-02', link: LINK, linkExpiresAt: '2027-05-01T08:30:00.000Z' };
    expect(reportSupplementRequested(ctx, data).text).not.toContain('Påminnelse');
    const reminder = reportSupplementRequested(ctx, { ...data, reminder: true });
    expect(reminder.subject).toMatch(/^\[FSU\] Påminnelse: fyll ut statusrapporten for /);
    expect(reminder.text).toContain('Sekretariatet ba 02.03.2027 om at dere fyller ut statusrapporten, og har ikke fått den ennå.');
    expect(reminder.text).toContain('Tall for effekten.');
    // Until when the link works, the first time and in the reminder (the same link).
    for (const mail of [reportSupplementRequested(ctx, data), reminder]) {
      expect(mail.text).toContain(`Fyll ut statusrapporten:\n${LINK}\n\nLenken gjelder til 01.05.2027 kl. 10.30.`);
      expect(mail.html).toContain('<p>Lenken gjelder til 01.05.2027 kl. 10.30.</p>');
    }
  });
});

describe('the notice of the meeting a case is on, after a move', () => {
  const base = { meetingDate: '2025-05-07', submissionDeadline: '2025-04-23T21:59:59Z', statusLink: LINK };
  it('says the old meeting was cancelled, or that the case was moved from it', () => {
    const cancelled = scheduledForMeeting(ctx, { ...base, movedFrom: { meetingDate: '2025-04-02', cancelled: true } });
    expect(cancelled.subject).toBe(`[FSU] Søknaden er flyttet til FSU-møtet 07.05.2025: «Felles utskrivningsteam ${EVIL}»`);
    expect(cancelled.text).toContain('FSUs møte 02.04.2025 er avlyst. Søknaden er flyttet til møtet 07.05.2025 og behandles der.');
    const moved = scheduledForMeeting(ctx, { ...base, movedFrom: { meetingDate: '2025-04-02', cancelled: false } });
    expect(moved.text).toContain('Søknaden er flyttet fra FSUs møte 02.04.2025 til møtet 07.05.2025 og behandles der.');
    expect(moved.html).toContain('Søknaden er flyttet fra FSUs møte 02.04.2025 til møtet 07.05.2025 og behandles der.');
    expect(scheduledForMeeting(ctx, base).text).toContain('Søknaden er satt opp til behandling i FSUs møte 07.05.2025.');
    const deferred = scheduledForMeeting(ctx, { ...base, deferredFrom: '2025-04-02' });
    expect(deferred.subject).toBe(`[FSU] Den utsatte søknaden behandles i FSU-møtet 07.05.2025: «Felles utskrivningsteam ${EVIL}»`);
    expect(deferred.text).toContain('FSU utsatte behandlingen av søknaden i møtet 02.04.2025. Nå er den satt opp til behandling igjen, i FSUs møte 07.05.2025.');
  });

  it('the secretariat\'s "Komplett søknad" tells an answer to the committee\'s question from a new application', () => {
    const plain = applicationComplete(ctx, { partners: ['Sola kommune'] });
    expect(plain.subject).toMatch(/^\[FSU\] Komplett søknad: «/);
    expect(plain.text).not.toContain('Svar til FSU');
    const answer = applicationComplete(ctx, { partners: ['Sola kommune'], answer: { version: 3, question: 'Hvem har pasientansvaret?', answer: `Kommunen ${EVIL}` } });
    expect(answer.subject).toMatch(/^\[FSU\] Komplett søknad med svar til FSU \(versjon 3\): «/);
    expect(answer.text).toContain('svart på spørsmålet fra FSU med en revidert søknad (versjon 3)');
    expect(answer.text).toMatch(/Spørsmålet fra FSU:?\s*\n> Hvem har pasientansvaret\?/);
    expect(answer.html).not.toContain(EVIL);
  });
});

describe('mail templates', () => {
  it('covers every exported template', () => {
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(templates).sort());
  });

  describe.each(Object.entries(rendered))('%s', (_name, { mail, link, expect: patterns }) => {
    it('has a Norwegian subject prefixed with the committee and the expected text', () => {
      expect(mail.subject).toMatch(/^\[FSU\] \S/);
      expect(mail.subject, 'the committee once, in the prefix').not.toMatch(/^\[FSU\] FSU\b/);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.text).toMatch(/søknad|tilskudd/i);
      for (const pattern of patterns) expect(`${mail.subject}\n${mail.text}`).toMatch(pattern);
      expect(mail.text).toContain('Saksnummer: app-42');
    });

    it('includes the link in text and html', () => {
      if (!link) return;
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
    });

    it('never mentions a token', () => {
      for (const part of [mail.subject, mail.text, mail.html]) expect(part.toLowerCase()).not.toContain('token');
    });

    it('escapes user text in html, and keeps it readable in text', () => {
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «Jæren»');
      expect(mail.text).toContain('<script>alert("x")</script> & «Jæren»');
      expect(mail.html).toMatch(/^<!doctype html>\n<html lang="nb">/);
    });
  });

  it('the signing request names the meeting the application reaches and its deadline, when there is one', () => {
    const base = { partnerOrganisation: 'Sola kommune', ownerOrganisation: 'Helse Stavanger HF', requestedAmount: 480000, link: LINK, expiresAt: '2025-03-15T22:59:59Z', contact: CONTACT };
    expect(cosignRequest(ctx, { ...base, meeting: { date: '2025-04-03', submissionDeadline: '2025-03-20T22:59:59.999Z' } }).text).toContain('Skal søknaden behandles i FSU-møtet 03.04.2025, må alle ha signert innen søknadsfristen 20.03.2025 kl. 23.59.');
    expect(cosignRequest(ctx, base).text).not.toContain('Skal søknaden behandles i');
  });

  it("the partner's signing request and its reminder say whom to ask about the application: the address in the text, never in a link", () => {
    const contact = { name: `Ola ${EVIL}`, organisation: 'Helse Stavanger HF', email: 'ola.nordmann@helse-stavanger.example' };
    const base = { partnerOrganisation: 'Sola kommune', link: LINK, expiresAt: '2025-03-15T22:59:59Z', contact };
    const mails = [cosignRequest(ctx, { ...base, ownerOrganisation: 'Helse Stavanger HF', requestedAmount: 480000 }), cosignReminder(ctx, base), cosignReminder(ctx, { ...base, resent: true })];
    for (const mail of mails) {
      expect(mail.text).toContain(`Spørsmål om søknaden: Ola ${EVIL}, Helse Stavanger HF (ola.nordmann@helse-stavanger.example)`);
      expect(mail.html).toContain('<p>Spørsmål om søknaden: Ola &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «Jæren», Helse Stavanger HF (ola.nordmann@helse-stavanger.example)</p>');
      expect(mail.html).not.toContain('mailto:');
      for (const url of `${mail.text} ${mail.html}`.match(/https?:\/\/[^\s"'<>)]+/g) ?? []) expect(url).not.toContain('@');
    }
  });

  it('the complete application names the meeting it goes to, and none when there is none in reach', () => {
    expect(applicationComplete(ctx, { partners: ['Sola kommune'], meetingDate: '2025-04-02' }).text).toContain('Aktuelt møte: 02.04.2025');
    expect(applicationComplete(ctx, { partners: ['Sola kommune'] }).text).not.toContain('Aktuelt møte');
  });

  it('the receipt names the meeting the application reaches and its deadline, when there is one', () => {
    const mail = applicationReceived(ctx, { statusLink: LINK, partnersToSign: 2, receivedAt: '2025-03-01T09:15:00Z', meeting: { date: '2025-04-03', submissionDeadline: '2025-03-20T22:59:59.999Z' } });
    expect(mail.text).toContain('Signerer alle innen søknadsfristen 20.03.2025 kl. 23.59, behandles søknaden i FSU-møtet 03.04.2025; ellers i et senere møte.');
    expect(mail.text).not.toContain('møtet du sikter mot');
  });

  it("asks the owner's own organisation to sign as a party, not as its own partner", () => {
    const own = cosignRequest(ctx, { partnerOrganisation: 'Helse Stavanger HF', ownerOrganisation: 'Helse Stavanger HF', requestedAmount: 480000, link: LINK, expiresAt: '2025-03-15T22:59:59Z', contact: CONTACT });
    expect(own.text).toContain('Helse Stavanger HF har søkt Helsefellesskapet i Sør-Rogaland om rekrutterings- og samhandlingstilskudd, sammen med samarbeidspartene i søknaden. Også søkerens egen organisasjon signerer søknaden.');
    expect(own.text).toContain('Du signerer for: Helse Stavanger HF');
    expect(own.text).not.toContain('som samarbeidspart');
    expect(rendered.cosignRequest.mail.text).toContain('Helse Stavanger HF har søkt Helsefellesskapet i Sør-Rogaland om rekrutterings- og samhandlingstilskudd og oppgitt Sola kommune som samarbeidspart.');
  });

  it('a revised application: the partner is told earlier signatures and links do not count for it; the first asks without it', () => {
    const revised = cosignRequest(ctx, { partnerOrganisation: 'Sola kommune', ownerOrganisation: 'Helse Stavanger HF', requestedAmount: 480000, link: LINK, expiresAt: '2025-03-15T22:59:59Z', revised: true, contact: CONTACT });
    expect(revised.text).toContain('Søknaden er endret. Signaturer på en tidligere versjon gjelder ikke for den nye');
    expect(rendered.cosignRequest.mail.text).not.toContain('Søknaden er endret');
  });

  it('a final report received: what was spent in all, not "so far"', () => {
    const final = reportReceived(ctx, { kind: 'final', submittedAt: '2026-06-30T08:00:00Z', spentAmount: 240000, adminLink: LINK });
    expect(final.text).toMatch(/Brukt i alt: 240\s000\skr/);
    expect(final.text).not.toContain('hittil');
  });

  it('ends mails to applicants with the secretariat contact, internal mails without it', () => {
    expect(rendered.applicationReceived.mail.text).toContain('kontakt sekretariatet på fsu@hf.example');
    expect(rendered.applicationReceived.mail.text).toContain('Sekretariatet for FSU\nHelsefellesskapet i Sør-Rogaland');
    expect(rendered.applicationComplete.mail.text).not.toContain('kan ikke besvares');
    expect(rendered.applicationComplete.mail.text).toContain('sendt automatisk fra tilskuddsløsningen');
  });

  it('decision letter: a grant that differs from the application says what was applied for; the copy of the applicant', () => {
    const granted = { amount: 400000, periodStart: '2027-03-01', periodEnd: '2028-02-29', decidedAt: '2027-02-25', projectNumber: 'R-11326-D11325', ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, statusReportDue: '2027-08-25', finalReportDue: '2028-04-30' };
    const applied = { amount: 500000, periodStart: '2027-01-01', periodEnd: '2027-12-31' };
    const line = (who: string) => `${who} søkte om 500 000 kr for perioden 01.01.2027–31.12.2027; FSU innvilget 400 000 kr for perioden 01.03.2027–29.02.2028.`;
    expect(decisionLetter(ctx, { ...granted, applied }).text.replace(/\u00a0/g, ' ')).toContain(line('Dere'));
    expect(decisionLetter(ctx, { ...granted, applied, copyFor: 'fagråd for rehabilitering' }).text.replace(/\u00a0/g, ' ')).toContain(line('Søkeren'));
    // The amount alone, or the period alone, differs: said too.
    expect(decisionLetter(ctx, { ...granted, applied: { ...applied, periodStart: granted.periodStart, periodEnd: granted.periodEnd } }).text).toContain('Dere søkte om');
    expect(decisionLetter(ctx, { ...granted, applied: { ...applied, amount: 400000 } }).text).toContain('Dere søkte om');
    // As applied for: nothing said.
    expect(decisionLetter(ctx, { ...granted, applied: { amount: 400000, periodStart: granted.periodStart, periodEnd: granted.periodEnd } }).text).not.toContain('søkte om');
  });

  it('decision letter: internal unit books costs on the project number; reports and conditions listed', () => {
    const internal = decisionLetter(ctx, {
      amount: 1234567,
      periodStart: '2025-05-01',
      periodEnd: '2026-04-30',
      decidedAt: '2025-04-02',
      projectNumber: 'R-11326-D11325',
      ownerIsInternalUnit: true, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' },
      statusReportDue: '2025-10-02',
      finalReportDue: '2026-06-30',
    });
    expect(internal.text).toContain('Utbetaling: Søkeren er en enhet i helseforetaket. Kostnadene føres på prosjektnummer R-11326-D11325.');
    expect(internal.text).not.toContain('faktura');
    expect(internal.text).toContain('1 234 567 kr');
    expect(internal.text).toContain('02.10.2025');
    expect(internal.text).toContain('30.06.2026');
    expect(internal.text).not.toContain('Kopi:');
    expect(internal.text).toContain('Sluttrapport med vurdering av effekt og læringspunkter sendes etter at tilskuddsperioden er over, innen 30.06.2026.');
  });

  it('decision letter for a period that ends before the status report is due: the final report follows the status report', () => {
    const short = decisionLetter(ctx, {
      amount: 200000, periodStart: '2025-05-01', periodEnd: '2025-07-31', decidedAt: '2025-04-02', projectNumber: 'R-11326-D11325',
      ownerIsInternalUnit: true, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' },
      statusReportDue: '2025-10-02', finalReportDue: '2025-12-01',
      reportLinks: { status: LINK, final: `${LINK}-slutt` },
    });
    expect(short.text).toContain('Sluttrapport med vurdering av effekt og læringspunkter sendes etter statusrapporten (tilskuddsperioden er over før statusrapporten skal sendes), innen 01.12.2025.');
    expect(short.text).toContain('Send sluttrapporten her (etter at statusrapporten er sendt)');
  });

  it("decisions' copies to the leader and deputy say why they come and carry none of the owner's links", () => {
    const copyFor = 'tjenestemodellgruppe for psykisk helse og rus';
    const copies = [
      deferred(ctx, { reason: 'Venter på budsjett', copyFor }),
      rejectionLetter(ctx, { reason: 'Oppfyller ikke kriteriene', decidedAt: '2025-04-02', copyFor }),
      decisionLetter(ctx, { amount: 250000, periodStart: '2025-05-01', periodEnd: '2026-04-30', decidedAt: '2025-04-02', projectNumber: 'R-11326-D11325', ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, statusReportDue: '2025-10-02', finalReportDue: '2026-06-30', copyFor }),
      deferred(ctx, { copyFor }),
      reallocationDecided(ctx, { approved: true, amount: 20000, decidedAt: '2025-09-02', copyFor }),
      ...(['ends', 'runs-on', 'after-close'] as const).map((effect) =>
        repaymentClaim(ctx, { amount: 50000, reason: 'Ikke brukt', projectNumber: 'R-11326-D11325', decidedAt: '2025-09-02', effect, copyFor })),
      grantRevoked(ctx, { amount: 250000, reason: 'Prosjektet startet ikke', decidedAt: '2025-09-02', copyFor }),
      grantPeriodChanged(ctx, { periodStart: '2025-06-01', periodEnd: '2026-05-31', previousStart: '2025-05-01', previousEnd: '2026-04-30', reason: 'Senere oppstart', decidedAt: '2025-04-20', finalReportDue: '2026-07-31', copyFor }),
    ];
    const why = `Du får denne e-posten som kopi fordi du er leder eller nestleder i ${copyFor}, der prosjektet er forankret.`;
    for (const copy of copies) {
      expect(copy.text).toContain(why);
      expect(copy.text).not.toMatch(/https?:\/\//);
      expect(copy.html).not.toContain('<a href');
      // The leaders invoice, pay back and report nothing: the copy says who does, never "you".
      const body = copy.text.replace(why, '').split('Med vennlig hilsen')[0]!;
      expect(body, copy.subject).not.toMatch(/\b(du|deg|dere)\b|Send faktura|Merk innbetalingen/i);
    }
    // The owner's letter itself still asks for the invoice.
    expect(decisionLetter(ctx, { amount: 250000, periodStart: '2025-05-01', periodEnd: '2026-04-30', decidedAt: '2025-04-02', projectNumber: 'R-11326-D11325', ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, statusReportDue: '2025-10-02', finalReportDue: '2026-06-30' }).text)
      .toContain('Send faktura til Helse Stavanger HF');
    // The rejection says so in plain words, to the owner and in the copy alike.
    expect(copies[1]!.text).toContain('og vedtatt å avslå søknaden.');
    expect(copies[1]!.text).not.toContain('ikke innvilge');
    // The owner's letters name the copy.
    expect(rejectionLetter(ctx, { reason: 'x', decidedAt: '2025-04-02', copyTo: [`leder og nestleder i ${copyFor}`] }).text).toContain(`Kopi: leder og nestleder i ${copyFor}`);
  });

  it('payout trigger for cost booking names the mode', () => {
    const mail = payoutTrigger(ctx, { grantId: 'app-42', projectNumber: 'R-11326-D11325', payee: 'Klinikk for psykisk helse', amount: 90000, mode: 'cost_booking' });
    expect(mail.text).toContain('Utbetalingsmåte: Kostnadsføring på prosjektnummer R-11326-D11325 (intern enhet)');
  });

  it("finance's mails name the payout by case, payee and amount, never by its internal storage key (which only the event carries)", () => {
    // What the lifecycle passes: the PayoutTrigger/PayoutCancelled event, payoutId included.
    const event = { grantId: 'app_Qf6s04H9vp9FxA0V', payoutId: 'app_Qf6s04H9vp9FxA0V#payout#grant#1', projectNumber: 'R-11326-D11325', payee: 'Sola kommune', payeeOrganisationNumber: '964979405', amount: 250000, mode: 'invoice' as const, schemeId: 'sor-rogaland' };
    const mails = [payoutTrigger(ctx, { ...event }), payoutCancelled(ctx, { ...event, cancelledAt: '2027-02-11T13:00:00Z' })];
    for (const mail of mails) {
      for (const body of [mail.text, mail.html]) {
        expect(body).not.toContain('#payout#');
        expect(body).not.toContain('Utbetalings-ID');
      }
      expect(mail.text).toMatch(/Saksnummer: app-/);
      expect(mail.text).toContain('Mottaker: Sola kommune');
    }
  });

  it('reminder wording for today, tomorrow and refused reallocation', () => {
    const base = { meetingDate: '2025-04-02', deadline: '2025-03-19T22:59:59Z', missingPartners: ['Sola kommune'], statusLink: LINK };
    expect(submissionDeadlineReminder(ctx, { ...base, daysLeft: 0 }).subject).toContain('går ut i dag');
    expect(submissionDeadlineReminder(ctx, { ...base, daysLeft: 1 }).subject).toContain('går ut om 1 dag');
    const refused = reallocationDecided(ctx, { approved: false, amount: 40000, decidedAt: '2025-09-03', reason: 'Ikke i tråd med formålet.' });
    expect(refused.subject).toContain('ikke godkjent');
    expect(refused.text).toContain('> Ikke i tråd med formålet.');
  });

  it("decision letter: where the scheme has an action part, the grant is noted in it and its status reported at the committee's meetings", () => {
    const d = { amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', decidedAt: '2026-12-03', projectNumber: 'P-1', ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, statusReportDue: '2027-06-03', finalReportDue: '2028-03-01' };
    const withPlan = decisionLetter({ ...ctx, scheme: { ...ctx.scheme, actionPlanTitle: 'handlingsdelen av strategiplanen for Helsefellesskap Innlandet' } }, d).text;
    expect(withPlan).toContain('Tiltaket anmerkes i handlingsdelen av strategiplanen for Helsefellesskap Innlandet, og status for tiltaket rapporteres i FSU-møtene.');
    expect(decisionLetter(ctx, d).text).not.toContain('anmerkes');
  });

  it('the status report comes the months after the allocation that the scheme sets, not always six', () => {
    const d = { amount: 500_000, periodStart: '2027-01-01', periodEnd: '2027-12-31', decidedAt: '2026-12-03', projectNumber: 'P-1', ownerIsInternalUnit: false, invoiceTo: { name: 'Helse Stavanger HF', organisationNumber: '983974678' }, statusReportDue: '2027-04-03', finalReportDue: '2028-03-01' };
    const four = { ...ctx, scheme: { ...ctx.scheme, statusReportAfterMonths: 4 } };
    expect(decisionLetter(four, d).text).toContain('Statusrapport sendes 4 måneder etter tildelingen, innen 03.04.2027');
    expect(reportDue(four, { kind: 'status', dueDate: '2027-04-03', link: LINK }).text).toContain('Det er snart 4 måneder siden tildelingen.');
  });

  it('an application the workflow closes says why, and not that the owner withdrew it', () => {
    const text = (reason: 'no-answer' | 'no-revision' | 'no-meeting' | 'too-many-rounds') => closedWithoutDecision(ctx, { closedAt: '2025-03-10T12:00:00Z', reason, answerDays: 90 }).text;
    expect(text('no-revision')).toContain('En samarbeidspart signerte ikke, og søknaden er ikke sendt inn på nytt innen 90 dager.');
    expect(text('no-meeting')).toContain('Møteplanen har ingen flere FSU-møter som søknaden kan settes opp til.');
    expect(text('too-many-rounds')).toContain('sendt tilbake eller utsatt så mange ganger');
    for (const reason of ['no-answer', 'no-revision', 'no-meeting', 'too-many-rounds'] as const) expect(text(reason)).not.toContain('Søknaden er trukket');
  });

  it('signing links that expired: says who did not answer (one or more), keeps a decline apart, and never says a silent partner declined', () => {
    const one = cosignaturesExpired(ctx, { notAnswered: ['Sola kommune'], reviseLink: LINK }).text;
    expect(one).toContain('før alle partene hadde svart. Sola kommune har ikke svart.');
    expect(one).toContain('Avklar med parten at den kan signere');
    const mixed = cosignaturesExpired(ctx, { notAnswered: ['Sola kommune'], declined: [{ partnerOrganisation: 'Helse Stavanger HF', reason: 'Budsjettet stemmer ikke' }], reviseLink: LINK });
    expect(mixed.text).toContain('før alle partene hadde svart. Sola kommune har ikke svart.');
    expect(mixed.text).toContain('Helse Stavanger HF avslo å signere.');
    expect(mixed.text).toContain('Budsjettet stemmer ikke');
    expect(mixed.text).toContain('Avklar med partene at de kan signere');
    for (const mail of [one, mixed.text, mixed.subject]) expect(mail).not.toMatch(/Sola kommune[^\n]*avsl/);
    expect(mixed.subject).not.toMatch(/avslått/);
  });

  it('the receipt does not call an application complete before every partner has signed in time', () => {
    const text = applicationReceived(ctx, { statusLink: LINK, partnersToSign: 2, receivedAt: '2026-11-20T09:00:00Z' }).text;
    expect(text).toContain('Søknaden er komplett når alle har signert');
    expect(text).toContain('Signaturene må være på plass innen søknadsfristen');
    expect(text).not.toContain('Søknaden er komplett og');
  });

  it('the final report of a grant that closed unpaid asks the secretariat to follow it up; a paid one does not', () => {
    const unpaid = reportReceived(ctx, { kind: 'final', submittedAt: '2026-02-10T08:00:00Z', spentAmount: 0, closedUnpaid: true });
    expect(unpaid.text).toContain('Tilskuddet er nå avsluttet, men er ikke utbetalt');
    expect(unpaid.text).toContain('trekk tilskuddet tilbake på saken');
    expect(reportReceived(ctx, { kind: 'final', submittedAt: '2026-02-10T08:00:00Z', spentAmount: 0 }).text).not.toContain('ikke utbetalt');
  });

  it('repayment claim: says what happens to the grant (ends, runs on, or was closed already)', () => {
    const claim = { amount: 50_000, reason: 'Ubrukt', projectNumber: 'R-11326-D11325', decidedAt: '2027-03-01' };
    const text = (effect?: 'ends' | 'runs-on' | 'after-close') => repaymentClaim(ctx, { ...claim, ...(effect ? { effect } : {}) }).text;
    expect(text()).toBe(text('ends'));
    expect(text('ends')).toContain('FSU har samtidig avsluttet tilskuddet. Du skal ikke levere flere rapporter.');
    expect(text('runs-on')).toContain('Resten av tilskuddet løper videre. Statusrapporten og sluttrapporten skal leveres som før');
    expect(text('after-close')).toContain('Tilskuddet er allerede avsluttet etter sluttrapporten. Kravet endrer ikke det, og du skal ikke levere flere rapporter.');
    expect(text('after-close')).not.toContain('har samtidig avsluttet');
  });

  it('the draft link: to the applicant, with the next deadline when there is one, and no case number (there is none yet)', () => {
    const mail = draftSaved(ctx.scheme, { draftLink: LINK, validDays: 60, nextDeadline: { meetingTitle: `FSU-møte ${EVIL}`, deadline: '2026-11-26T22:59:59.999Z' } });
    expect(mail.subject).toBe('[FSU] Utkastet til søknaden er lagret');
    expect(mail.text).toContain(`Fortsett på utkastet:\n${LINK}`);
    expect(mail.html).toContain(`href="${LINK}"`);
    expect(mail.text).toContain('Neste søknadsfrist: 26.11.2026 kl. 23.59');
    expect(mail.text).toContain('Partene får ingen e-post, og søknaden settes ikke opp til noe møte før du velger «Send inn søknaden».');
    expect(mail.text).toContain('Utkastet slettes hvis det ikke er lagret på 60 dager, og du kan slette det selv fra skjemaet.');
    expect(mail.text).toContain('Har du ikke lagret et utkast selv, kan du se bort fra denne e-posten');
    expect(mail.text).toContain('kontakt sekretariatet på fsu@hf.example.');
    expect(mail.text).not.toMatch(/saksnummer/i);
    expect(mail.html).not.toContain('<script>');
    expect(draftSaved(ctx.scheme, { draftLink: LINK, validDays: 60 }).text).not.toContain('Neste søknadsfrist');
  });

  it('the draft reminder: the deadline, why signatures need time, the link', () => {
    const mail = draftDeadlineReminder(ctx.scheme, { draftLink: LINK, meetingTitle: `FSU-møte ${EVIL}`, deadline: '2026-11-26T22:59:59.999Z' });
    expect(mail.subject).toBe('[FSU] Påminnelse: utkastet til søknaden er ikke sendt inn');
    expect(mail.text).toContain('Søknadsfrist: 26.11.2026 kl. 23.59');
    expect(mail.text).toContain('bare hvis alle partene har signert innen fristen');
    expect(mail.text).toContain('Rekker dere ikke fristen, settes søknaden opp til et senere møte.');
    expect(mail.text).toContain(`Fortsett på utkastet:\n${LINK}`);
    expect(mail.html).not.toContain('<script>');
  });

  it('shortens a long title in the subject but not in the body', () => {
    const long = 'Samhandling '.repeat(20).trim();
    const mail = withdrawn({ ...ctx, application: { id: 'app-1', title: long } }, { withdrawnAt: '2025-03-10' });
    expect(mail.subject.length).toBeLessThan(140);
    expect(mail.subject).toContain('…');
    expect(mail.text).toContain(long);
  });

  it('refuses links that are not opaque http(s) URLs', () => {
    const data = { statusLink: 'https://tilskudd.example/status?token=abc', partnersToSign: 0, receivedAt: '2025-03-01' };
    expect(() => applicationReceived(ctx, data)).toThrow(/never a token/);
    expect(() => applicationReceived(ctx, { ...data, statusLink: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => applicationReceived(ctx, { ...data, statusLink: '/relative' })).toThrow(/absolute/);
  });
});

describe('formatting', () => {
  it('formats dates as dd.mm.yyyy in Norwegian time', () => {
    expect(formatDateNb('2025-03-01')).toBe('01.03.2025');
    expect(formatDateNb('2025-12-31T23:30:00Z')).toBe('01.01.2026'); // 00:30 in Oslo
    expect(formatDateNb('2025-07-14T21:59:00Z')).toBe('14.07.2025'); // 23:59 summer time
    expect(formatDateNb(new Date('2025-03-01T12:00:00Z'))).toBe('01.03.2025');
    expect(formatDateTimeNb('2025-03-19T22:59:59Z')).toBe('19.03.2025 kl. 23.59');
    expect(formatDateTimeNb('2025-06-19T21:59:59Z')).toBe('19.06.2025 kl. 23.59');
    expect(formatDateTimeNb('2025-06-19')).toBe('19.06.2025');
    expect(() => formatDateNb('i morgen')).toThrow(RangeError);
  });
});
