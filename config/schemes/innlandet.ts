// Helsefellesskap Innlandet: the strategic collaboration committee (SSU) prioritises and decides.
// Source: "Vedlegg til sak 32/24 – Rekruttering- og samhandlingsmidler" (seeds/000_*).
import type { SchemeConfigInput } from '../../schemas/scheme-config.schema';

export const innlandet = {
  id: 'innlandet',
  name: 'Helsefellesskap Innlandet',
  hospitalTrust: {
    name: 'Sykehuset Innlandet HF',
    organisationNumber: '983971709',
    internalUnits: [
      'Divisjon Gjøvik-Lillehammer',
      'Divisjon Elverum-Hamar',
      'Divisjon Kongsvinger',
      'Divisjon Tynset',
      'Divisjon psykisk helsevern',
      'Divisjon habilitering og rehabilitering',
      'Divisjon prehospitale tjenester',
      'Divisjon medisinsk service',
      'Samhandlingsavdelingen',
    ],
    // Not in the seed: placeholder until the hospital trust gives its data protection officer's
    // address (the privacy notice on the landing page names it).
    dataProtectionOfficerEmail: 'personvernombud@sykehuset-innlandet.example',
  },
  committee: { shortName: 'SSU', name: 'Strategisk samarbeidsutvalg' },
  secretariatEmail: 'ssu-sekretariat@sykehuset-innlandet.example',
  financeEmail: 'okonomi@sykehuset-innlandet.example',
  senderEmail: 'ikke-svar@sykehuset-innlandet.example',
  // The seed names no project number; the hospital trust's finance department assigns one.
  projectNumber: 'SI-RST-2026',
  // The seed sets no cut-off; 14 days gives the secretariat time to prepare the SSU case papers.
  submissionLeadDays: 14,
  // Not stated in the seed; the grant is a yearly pot, so at most 12 months at a time.
  maxPeriodMonths: 12,
  statusReportAfterMonths: 6,
  finalReportDueDays: 60,
  // reminders: the schema's defaults (7 and 1 days before a deadline, 14 days before a report, then every 14 days, at most 12).
  // "Følgende tre kriterier foreslås for å prioritere midlene, der minst ett må innfris"
  criteria: [
    {
      id: 'operations',
      label: 'Drift',
      description: 'Daglig samhandling og kontinuerlig forbedring av gode pasientforløp.',
    },
    {
      id: 'development',
      label: 'Utvikling',
      description: 'Felles tjenesteutvikling og forskning for å sikre bærekraftige tjenester.',
    },
    {
      id: 'implementation',
      label: 'Implementering',
      description: 'Implementere og bredde nye bærekraftige tjenester.',
    },
  ],
  criteriaRule: { minMet: 1 },
  // Required documentation: "Anmerke om initiativet treffer de nasjonale føringene om hva tilskuddet
  // kan benyttes til jfr Prop.104S (2023-2024) eller andre behov". An initiative may answer another
  // need of the health community instead of a national guideline area.
  allowOtherNeed: true,
  // "Tiltak som tildeles midler anmerkes i handlingsdelen, og status på handlingsdel rapporteres i
  // SSU møte. Status handlingsdel, kan legges til grunn for rapporteringen fra Sykehus Innlandet, til
  // Helse Sør-Øst RHF." The plan is "Strategiplan for Helsefellesskap Innlandet med handlingsdel".
  actionPlan: { title: 'handlingsdelen av strategiplanen for Helsefellesskap Innlandet' },
  // Sykehuset Innlandet HF receives 10.7 MNOK a year for the health community.
  yearlyPotNok: { '2026': 10_700_000, '2027': 10_700_000 },
  // SSU meets about every other month (Thursdays).
  meetings: [
    { date: '2026-12-03', time: '10:00', title: 'SSU-møte desember 2026' },
    { date: '2027-02-11', time: '10:00', title: 'SSU-møte februar 2027' },
    { date: '2027-04-15', time: '10:00', title: 'SSU-møte april 2027' },
    { date: '2027-06-10', time: '10:00', title: 'SSU-møte juni 2027' },
    { date: '2027-09-16', time: '10:00', title: 'SSU-møte september 2027' },
    { date: '2027-11-25', time: '10:00', title: 'SSU-møte november 2027' },
  ],
  timeZone: 'Europe/Oslo',
  linkValidityDays: 60,
  // No halfYearReportTo: the seed sets no half-yearly report. Its "status på handlingsdel rapporteres
  // i SSU møte" is the status on every SSU agenda (actionPlan), not a half-yearly one.
} satisfies SchemeConfigInput;
