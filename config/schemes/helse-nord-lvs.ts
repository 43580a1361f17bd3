// Helsefellesskapet Lofoten, Vesterålen, Salten (Helse Nord): a regional, application-based scheme
// with two levels. "Det er helsefelleskapet som skal vurdere og prioritere eventuelle søknader før
// disse sendes til koordineringsutvalg for rekrutterings- og samhandlingstilskuddet som beslutter
// tildeling." (seeds/004_*, SSU sak 29/2024). The four development areas come from Helse Nord's
// plan, chapter 7.5, quoted in seeds/001_* (SSU sak 6/2024).
import type { SchemeConfigInput } from '../../schemas/scheme-config.schema';

export const helseNordLvs = {
  id: 'lofoten-vesteralen-salten',
  // The seed writes "Helsefelleskapet Lofoten, Vesterålen, Salten"; spelled here as in bokmål
  // (helsefellesskap) like the other schemes.
  name: 'Helsefellesskapet Lofoten, Vesterålen, Salten',
  hospitalTrust: {
    // "Samordning av ressurser innen fødselsomsorgen mellom kommuner og Nordlandssykehuset",
    // "Felles sengepost ved NLSH Vesterålen" (seeds/004_*).
    name: 'Nordlandssykehuset HF',
    // Nordlandssykehuset HF in Enhetsregisteret (not in the seed); passes modulus 11.
    organisationNumber: '983974910',
    // Only "NLSH Vesterålen" is named in the seed; the others are the trust's hospitals and main
    // clinical areas as publicly described. Confirm the list with the trust's finance department
    // before use: an owner in one of these units → cost booking.
    internalUnits: [
      'Nordlandssykehuset Bodø',
      'Nordlandssykehuset Lofoten',
      'Nordlandssykehuset Vesterålen',
      'Medisinsk klinikk',
      'Kirurgisk klinikk',
      'Psykisk helse- og rusklinikken',
      'Prehospital klinikk',
      'Habilitering og rehabilitering',
      'Samhandlingsavdelingen',
    ],
    // Not in the seed: placeholder until the hospital trust gives its data protection officer's
    // address (the privacy notice on the landing page names it).
    dataProtectionOfficerEmail: 'personvernombud@nordlandssykehuset.example',
  },
  // The deciding body is regional: "koordineringsutvalg for rekrutterings- og
  // samhandlingstilskuddet som beslutter tildeling" (seeds/004_*). The seed gives no abbreviation;
  // 'KU' is ours.
  committee: { shortName: 'KU', name: 'Koordineringsutvalg for rekrutterings- og samhandlingstilskuddet' },
  // First level: the health community assesses and ranks before KU decides. "SSU nedsetter
  // vurderingskomitè for administrativ håndtering av søknadsprosess." (seeds/004_*, item 3). The
  // seed also notes "Hvem som eventuelt representerer helsefelleskapet i denne sammenhengen, er
  // ikke definert i forslaget", so members are left out (default: none) until SSU has appointed
  // them. The seed gives no abbreviation, so the short name (used in messages) is the plain word.
  preparation: {
    body: { shortName: 'Vurderingskomiteen', name: 'Vurderingskomité for rekrutterings- og samhandlingstilskudd' },
    // "vurdere og prioritere eventuelle søknader": the recommendation carries a rank.
    ranked: true,
  },
  // "Samhandlingssekretariatet har registrert konkrete initiativer …" (seeds/004_*).
  secretariatEmail: 'samhandlingssekretariat@nordlandssykehuset.example',
  financeEmail: 'okonomi@nordlandssykehuset.example',
  senderEmail: 'ikke-svar@nordlandssykehuset.example',
  // The seeds name no project number; placeholder until the hospital trust's finance department
  // assigns one.
  projectNumber: 'NLSH-RST-2026',
  // The seeds set no cut-off. Two levels of review: 14 days for the KU case papers as elsewhere,
  // plus a week for the assessment committee to assess and rank the round first.
  submissionLeadDays: 21,
  // Not stated in the seeds; the grant is a yearly pot, so at most 12 months at a time.
  maxPeriodMonths: 12,
  statusReportAfterMonths: 6,
  finalReportDueDays: 60,
  // reminders: the schema's defaults (7 and 1 days before a deadline, 14 days before a report, then every 14 days, at most 12).
  // "De fire utviklingsområdene er: A. … B. … C. … D. …" (seeds/001_*, plan chapter 7.5). Helse
  // Nord's criteria were not final when seed 004 was written ("når kriterier og prosedyrer formelt
  // er avklart"), and seed 001 recommends "en del av disse midlene" for these areas while being
  // "positive til andre initiativ". minMet: 1 keeps the scheme to the four areas; revisit when
  // Helse Nord's criteria are set.
  criteria: [
    {
      id: 'co-location',
      label:
        'Geografisk samlokalisering og samordning av helse- og omsorgstjenesten med felles faglig og administrativ ledelse',
      description:
        'Utviklingsområde A: kommunale tjenester og spesialisthelsetjenester samles på ett sted og ' +
        'ledes sammen, både faglig og administrativt.',
    },
    {
      id: 'flexible-beds',
      label: 'Fleksibel bruk av senger i døgnenheter på tvers av tjenester',
      description:
        'Utviklingsområde B: senger i døgnenheter brukes av flere tjenester etter behov, på tvers ' +
        'av kommune og sykehus.',
    },
    {
      id: 'municipal-24h-units',
      label: 'Kommunale døgnenheter med økt støtte fra spesialisthelsetjenesten',
      description:
        'Utviklingsområde C: kommunale døgnenheter får mer støtte fra spesialisthelsetjenesten, slik ' +
        'at pasienten behandles på beste effektive behandlingsnivå (BEON).',
    },
    {
      id: 'digital-team-models',
      label: 'Teammodeller som i større grad understøttes av digitale verktøy',
      description:
        'Utviklingsområde D: team der helsepersonell brukes på tvers av tjenestene, og der digitale ' +
        'verktøy i større grad støtter arbeidet.',
    },
  ],
  // The development areas are recommended, not required: the director "vil anbefale å bruke en del av
  // disse midlene til utviklingsområdene", and Helse Nord "stiller seg positive til andre initiativ"
  // (seeds/001_*). An application names the areas it works on, if any.
  criteriaRule: { minMet: 0 },
  // guidelineAreas / priorityPatientGroups: the national defaults.
  // "for Helsefelleskapet Lofoten, Vesterålen, Salten utgjorde dette ca 11.mill. kroner", with the
  // same order of magnitude planned for 2025 and 2026 (seeds/004_*). 2027 assumed unchanged (the
  // grant is permanent).
  yearlyPotNok: { '2026': 11_000_000, '2027': 11_000_000 },
  // KU's meeting plan is not in the seeds. Helse Nord asked for input on "Tidspunkt for
  // søknadsfrister" (seeds/004_*): a regional scheme with a few rounds a year, so quarterly
  // (Wednesdays, none in July). Deadline = date − 21 days.
  meetings: [
    { date: '2026-12-16', time: '10:00', title: 'KU-møte desember 2026' },
    { date: '2027-03-10', time: '10:00', title: 'KU-møte mars 2027' },
    { date: '2027-06-09', time: '10:00', title: 'KU-møte juni 2027' },
    { date: '2027-09-15', time: '10:00', title: 'KU-møte september 2027' },
    { date: '2027-12-08', time: '10:00', title: 'KU-møte desember 2027' },
  ],
  timeZone: 'Europe/Oslo',
  linkValidityDays: 60,
  // No halfYearReportTo: the seeds set no half-yearly report (that is Sør-Rogaland's rule, 002), and
  // KU is a regional body that reports to no health community's SSU. The half-year report is still
  // there for the trust's reporting to the regional health authority.
} satisfies SchemeConfigInput;
