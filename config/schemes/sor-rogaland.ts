// Helsefellesskapet i Sør-Rogaland: the professional collaboration committee (FSU) assesses
// project descriptions continuously and decides in its ordinary meetings.
// Source: "Kriterier og modell for rekrutterings- og samhandlingstilskudd" (seeds/002_*).
import type { SchemeConfigInput } from '../../schemas/scheme-config.schema';

export const sorRogaland = {
  id: 'sor-rogaland',
  name: 'Helsefellesskapet i Sør-Rogaland',
  hospitalTrust: {
    name: 'Helse Stavanger HF',
    organisationNumber: '983974678',
    // "Dersom hovedansvarlig for prosjektet er en enhet i Helse Stavanger, kostnadsføres utgifter
    // … på prosjektnummer R-11326-D11325" (4.4). An owner in one of these units → cost booking.
    internalUnits: [
      'Medisinsk klinikk',
      'Kirurgisk klinikk',
      'Psykisk helsevern',
      'Kvinneklinikken',
      'Barne- og ungdomsklinikken',
      'Akuttmedisinsk avdeling',
      'Klinikk for ortopedi og fysikalsk medisin',
      'Samhandlingsavdelingen',
    ],
    // Not in the seed: placeholder until the hospital trust gives its data protection officer's
    // address (the privacy notice on the landing page names it).
    dataProtectionOfficerEmail: 'personvernombud@helse-stavanger.example',
  },
  committee: { shortName: 'FSU', name: 'Faglig samarbeidsutvalg' },
  // "Innspill til aktuelle prosjekt skal fortrinnsvis gå via tjenestemodellgruppene/fagråd til FSU
  // … Det åpnes for at aktuelle prosjekt kan sendes direkte til FSU, med begrunnelse og beskrivelse
  // av forankringsprosess." (4.2) The other three communities have no such groups.
  anchoring: {
    allowDirect: true,
    // Section 2: tjenestemodellgrupper for "de fire prioriterte pasientgruppene" and fagråd for
    // delavtalene 2d, 6, 7, 9 and 11. The seed names the groups, not their leaders: the addresses
    // are the groups' role mailboxes as placeholders until the secretariat fills in its register.
    groups: [
      { id: 'tmg-barn-og-unge', kind: 'service-model-group', name: 'Tjenestemodellgruppe for barn og unge', leaderEmail: 'leder.tmg-barn-og-unge@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-barn-og-unge@helse-stavanger.example' },
      { id: 'tmg-psykisk-helse-og-rus', kind: 'service-model-group', name: 'Tjenestemodellgruppe for personer med alvorlige psykiske lidelser og rusproblemer', leaderEmail: 'leder.tmg-psykisk-helse-og-rus@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-psykisk-helse-og-rus@helse-stavanger.example' },
      { id: 'tmg-skropelige-eldre', kind: 'service-model-group', name: 'Tjenestemodellgruppe for skrøpelige eldre', leaderEmail: 'leder.tmg-skropelige-eldre@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-skropelige-eldre@helse-stavanger.example' },
      { id: 'tmg-kroniske-lidelser', kind: 'service-model-group', name: 'Tjenestemodellgruppe for personer med flere kroniske lidelser', leaderEmail: 'leder.tmg-kroniske-lidelser@helse-stavanger.example', deputyLeaderEmail: 'nestleder.tmg-kroniske-lidelser@helse-stavanger.example' },
      { id: 'fagrad-palliasjon', kind: 'professional-council', name: 'Fagråd for behandlingsforløp for palliasjon (delavtale 2d)', leaderEmail: 'leder.fagrad-palliasjon@helse-stavanger.example', deputyLeaderEmail: 'nestleder.fagrad-palliasjon@helse-stavanger.example' },
      { id: 'fagrad-kunnskapsoverforing', kind: 'professional-council', name: 'Fagråd for kunnskapsoverføring, faglige nettverk, hospitering og utdanning (delavtale 6)', leaderEmail: 'leder.fagrad-kunnskapsoverforing@helse-stavanger.example', deputyLeaderEmail: 'nestleder.fagrad-kunnskapsoverforing@helse-stavanger.example' },
      { id: 'fagrad-forskning', kind: 'professional-council', name: 'Fagråd for forskning (delavtale 7)', leaderEmail: 'leder.fagrad-forskning@helse-stavanger.example', deputyLeaderEmail: 'nestleder.fagrad-forskning@helse-stavanger.example' },
      { id: 'fagrad-ikt', kind: 'professional-council', name: 'Fagråd for IKT-løsninger (delavtale 9)', leaderEmail: 'leder.fagrad-ikt@helse-stavanger.example', deputyLeaderEmail: 'nestleder.fagrad-ikt@helse-stavanger.example' },
      { id: 'fagrad-beredskap', kind: 'professional-council', name: 'Fagråd for beredskap og den akuttmedisinske kjeden (delavtale 11)', leaderEmail: 'leder.fagrad-beredskap@helse-stavanger.example', deputyLeaderEmail: 'nestleder.fagrad-beredskap@helse-stavanger.example' },
    ],
  },
  secretariatEmail: 'fsu-sekretariat@helse-stavanger.example',
  financeEmail: 'okonomi@helse-stavanger.example',
  senderEmail: 'ikke-svar@helse-stavanger.example',
  projectNumber: 'R-11326-D11325',
  // "Prosjektbeskrivelser må være innsendt 14 dager før FSU-møtene." (4.1)
  submissionLeadDays: 14,
  // "Det tildeles midler for inntil 12 måneder om gangen." (4.2)
  maxPeriodMonths: 12,
  // "statusrapport til FSU seks måneder etter tildeling" (4.6)
  statusReportAfterMonths: 6,
  // The seed asks for a final report once the period has passed but sets no deadline: 60 days.
  finalReportDueDays: 60,
  // reminders: the schema's defaults (7 and 1 days before a deadline, 14 days before a report, then every 14 days, at most 12).
  // Section 3: "Prosjektbeskrivelsene vil bli vurdert etter: …" — four points.
  criteria: [
    {
      id: 'strategic-fit',
      label: 'Samsvar med hovedmål og nasjonale satsingsområder',
      description:
        'Prosjektets samsvar med helsefellesskapets hovedmål og nasjonale, prioriterte satsingsområder. ' +
        'Prosjektets potensielle samfunnsnytte og overføringsverdi.',
    },
    {
      id: 'collaboration-challenge',
      label: 'Løser konkrete samhandlingsutfordringer',
      description:
        'Prosjektets potensial for å løse konkrete samhandlingsutfordringer. Et eksempel er tilfeller der ' +
        'tiltak ikke blir gjennomført fordi kostnaden kommer på et nivå i tjenesten, mens gevinsten ' +
        'tilfaller det andre nivået.',
    },
    {
      id: 'sustainable-services',
      label: 'Bidrar til bærekraftige helsetjenester',
      description:
        'Om prosjektet kan bidra til bærekraftige helsetjenester, for eksempel tiltak som er ' +
        'personellbesparende eller bidrar til annen god ressursutnyttelse av kompetanse, desentraliserte ' +
        'helsetjenester, kutt i reisevei, rekruttere/beholde personell m.m.',
    },
    {
      id: 'own-contribution',
      label: 'Søkerens egen ressursinnsats',
      description:
        'Prosjektbeskrivelsen inneholder søkerens egen ressursinnsats, som kan være i form av personell, ' +
        'økonomiske midler, innkjøp, utstyr m.m.',
    },
  ],
  // All four. Unlike Innlandet ("der minst ett må innfris"), the FSU text says every description
  // "vil bli vurdert etter" all four points — they are assessment dimensions applied together,
  // and the fourth is even a content requirement ("Prosjektbeskrivelsen inneholder søkerens egen
  // ressursinnsats"). A description that does not address each of them is incomplete and "kan bli
  // avvist" (4.3), so the application must speak to all of them.
  criteriaRule: { minMet: 4 },
  // guidelineAreas / priorityPatientGroups: the national defaults (section 2.1 quotes them).
  yearlyPotNok: { '2026': 10_000_000, '2027': 10_000_000 },
  // Ordinary FSU meetings (Thursdays, none in July). Deadline = date − 14 days.
  meetings: [
    { date: '2026-12-10', time: '09:00', title: 'FSU-møte desember 2026' },
    { date: '2027-01-28', time: '09:00', title: 'FSU-møte januar 2027' },
    { date: '2027-02-25', time: '09:00', title: 'FSU-møte februar 2027' },
    { date: '2027-03-18', time: '09:00', title: 'FSU-møte mars 2027' },
    { date: '2027-04-22', time: '09:00', title: 'FSU-møte april 2027' },
    { date: '2027-05-27', time: '09:00', title: 'FSU-møte mai 2027' },
    { date: '2027-06-17', time: '09:00', title: 'FSU-møte juni 2027' },
    { date: '2027-08-26', time: '09:00', title: 'FSU-møte august 2027' },
    { date: '2027-09-23', time: '09:00', title: 'FSU-møte september 2027' },
    { date: '2027-10-21', time: '09:00', title: 'FSU-møte oktober 2027' },
    { date: '2027-11-18', time: '09:00', title: 'FSU-møte november 2027' },
    { date: '2027-12-09', time: '09:00', title: 'FSU-møte desember 2027' },
  ],
  timeZone: 'Europe/Oslo',
  linkValidityDays: 60,
  // "FSU orienterer halvårlig SSU om bruk og effekt av midlene." (4.2)
  halfYearReportTo: 'SSU',
} satisfies SchemeConfigInput;
