// Helsefellesskapet søndre Trøndelag (Helse Midt-Norge): ASU decides; an extended working committee
// (AU) with one municipality, one hospital and one user representative prepares. "ASU delegerer
// til et utvidet AU, 1 fra kommune, 1 fra sykehus og en brukerrepresentant til å skissere videre
// prosess." (seeds/003_*, forslag til vedtak ASU 30.08.24).
import type { SchemeConfigInput } from '../../schemas/scheme-config.schema';

export const midtNorgeSondreTrondelag = {
  id: 'sondre-trondelag',
  // The seed writes "Helsefelleskapet søndre Trøndelag"; spelled here as in bokmål (helsefellesskap).
  name: 'Helsefellesskapet søndre Trøndelag',
  hospitalTrust: {
    // The seed says only "helseforetaket"/"sykehus"; St. Olavs hospital HF is the hospital trust
    // for søndre Trøndelag.
    name: 'St. Olavs hospital HF',
    // St. Olavs hospital HF in Enhetsregisteret (not in the seed); passes modulus 11.
    organisationNumber: '883974832',
    // Not in the seed: the trust's hospitals and divisions as publicly described. Confirm the list
    // with the trust's finance department before use: an owner in one of these units → cost booking.
    internalUnits: [
      'Medisinsk klinikk',
      'Kvinneklinikken',
      'Barne- og ungdomsklinikken',
      'Divisjon psykisk helsevern',
      'Barne- og ungdomspsykiatrisk klinikk',
      'Orkdal sjukehus',
      'Røros sykehus',
      'Orkdal DPS',
      'Nidaros DPS',
      'Tiller DPS',
      'Habiliteringstjenesten for voksne',
    ],
    // Not in the seed: placeholder until the hospital trust gives its data protection officer's
    // address (the privacy notice on the landing page names it).
    dataProtectionOfficerEmail: 'personvernombud@stolav.example',
  },
  // The seed uses only the abbreviation ("ASU bes drøfte og ta stilling til hvem, hva og hvordan
  // prosessen skal håndteres"); ASU is the administrative collaboration committee between St. Olavs
  // hospital and the municipalities.
  committee: { shortName: 'ASU', name: 'Administrativt samarbeidsutvalg' },
  // "ASU delegerer til et utvidet AU, 1 fra kommune, 1 fra sykehus og en brukerrepresentant"
  // (seeds/003_*). The seed gives AU the task of sketching the process; using it as the body that
  // recommends each application to ASU is our reading, to be confirmed by ASU. The seed says
  // nothing about ranking.
  preparation: {
    body: { shortName: 'AU', name: 'Utvidet arbeidsutvalg' },
    ranked: false,
    members: [
      { represents: 'municipality', title: 'Representant fra kommunene' },
      { represents: 'hospital-trust', title: 'Representant fra St. Olavs hospital' },
      { represents: 'user-representative', title: 'Brukerrepresentant' },
    ],
  },
  secretariatEmail: 'asu-sekretariat@stolav.example',
  financeEmail: 'okonomi@stolav.example',
  senderEmail: 'ikke-svar@stolav.example',
  // The seed names no project number; placeholder until the hospital trust's finance department
  // assigns one ("Helseforetakene skal ivareta utbetaling og regnskapsføring").
  projectNumber: 'STO-RST-2026',
  // The seed sets no cut-off. Two levels of review: 14 days for the ASU case papers as elsewhere,
  // plus a week for AU's recommendation.
  submissionLeadDays: 21,
  // Not stated in the seed; the grant is a yearly pot, so at most 12 months at a time.
  maxPeriodMonths: 12,
  statusReportAfterMonths: 6,
  finalReportDueDays: 60,
  // reminders: the schema's defaults (7 and 1 days before a deadline, 14 days before a report, then every 14 days, at most 12).
  // The seed sets no assessment criteria (ASU is still to decide "hvem, hva og hvordan"; the Troms
  // og Ofoten criteria it mentions are not included). These are the purposes the seed quotes under
  // "Tilskuddet skal understøtte:"; any one of them qualifies. The prioritised patient groups the
  // seed lists are the national defaults below. The example measures (utskrivningsteam,
  // traineeordning, kombinerte stillinger, FACT ung, rehabilitering) are examples, not criteria.
  criteria: [
    {
      id: 'recruitment',
      label: 'Rekruttering og god bruk av personell på tvers av nivåene',
      description:
        'Tiltak som fremmer rekruttering og god bruk av personell i helseregionen på tvers av nivåene, ' +
        'for eksempel utprøving og etablering av kombinerte stillinger.',
    },
    {
      id: 'collaboration',
      label: 'Bedre samhandling',
      description: 'Tiltak som bidrar til bedre samhandling mellom kommunene og sykehuset.',
    },
    {
      id: 'waiting-times',
      label: 'Kortere ventetider i sykehus',
      description: 'Særlig prioritert er tiltak og områder som kan få ned ventetidene i sykehus.',
    },
  ],
  criteriaRule: { minMet: 1 },
  // guidelineAreas / priorityPatientGroups: the national defaults (the seed's list of
  // "Prioriterte grupper" matches PRIORITY_PATIENT_GROUPS).
  // "Helsefelleskapet søndre Trøndelag er tildelt 11,170 mill. kroner" (2024); the grant is
  // permanent ("varig tilskudd"), so the same amount is assumed for 2026 and 2027.
  yearlyPotNok: { '2026': 11_170_000, '2027': 11_170_000 },
  // ASU's meeting plan is not in the seed; it met on Friday 30.08.24 and in June. About every
  // other month (Fridays, none in July). Deadline = date − 21 days.
  meetings: [
    { date: '2026-12-18', time: '09:00', title: 'ASU-møte desember 2026' },
    { date: '2027-02-12', time: '09:00', title: 'ASU-møte februar 2027' },
    { date: '2027-04-16', time: '09:00', title: 'ASU-møte april 2027' },
    { date: '2027-06-11', time: '09:00', title: 'ASU-møte juni 2027' },
    { date: '2027-08-27', time: '09:00', title: 'ASU-møte august 2027' },
    { date: '2027-10-22', time: '09:00', title: 'ASU-møte oktober 2027' },
    { date: '2027-12-10', time: '09:00', title: 'ASU-møte desember 2027' },
  ],
  timeZone: 'Europe/Oslo',
  linkValidityDays: 60,
  // No halfYearReportTo: the seed sets no half-yearly report (the trust reports yearly to the RHF:
  // "i god tid før oppfølgingsmøtet i november og i årlig melding"), which regionalFollowUpMonth covers.
} satisfies SchemeConfigInput;
