// The privacy notice (personvernerklæring, GDPR art. 13 and 14): a section of the landing page, not a
// page of its own (every route is a Lambda function of its own), linked from the footer of every
// page, from the application form and from the partner's signing page. It says only what this
// system does; each community's controller and contacts come from its configuration.
import { DRAFT_VALID_DAYS, LOG_RETENTION_DAYS, PAYOUT_ARCHIVE_DAYS, SUBMISSION_CLAIM_DAYS } from '../domain/retention';
import type { PrivacyFacts } from '../use-cases/public-scheme';
import { html, type Html } from './html';

/** Where the notice is: its section on the landing page. */
export const PRIVACY_PATH = '/#personvern';

/** The link to the notice, as the footer, the form and the signing page give it. */
export function privacyLink(label = 'Les om personvern'): Html {
  return html`<a href=${PRIVACY_PATH}>${label}</a>`;
}

/** What the notice says about where the data are kept: the region the functions (and so the table and SES) run in. */
export interface PrivacyNotice {
  /** AWS_REGION of the running function */
  region: string;
  communities: readonly PrivacyFacts[];
}

/** AWS regions inside the EU, by where they are (a region not listed is named without a claim about where it is). */
const EU_REGIONS: Record<string, string> = {
  'eu-north-1': 'Stockholm, Sverige',
  'eu-west-1': 'Irland',
  'eu-west-3': 'Paris, Frankrike',
  'eu-central-1': 'Frankfurt, Tyskland',
  'eu-south-1': 'Milano, Italia',
  'eu-south-2': 'Spania',
};

function storedWhere(region: string): string {
  const place = Object.hasOwn(EU_REGIONS, region) ? EU_REGIONS[region] : undefined;
  return place ? `i AWS-regionen ${region} (${place}), innenfor EU` : `i AWS-regionen ${region}`;
}

/** A period of whole days, as the years it makes when it is a whole number of them: 'ett år (365 dager)', '10 år (3 650 dager)'. */
function inDays(days: number): string {
  const years = days / 365;
  const counted = `${days.toLocaleString('nb-NO')} dager`;
  return Number.isInteger(years) ? `${years === 1 ? 'ett' : years} år (${counted})` : counted;
}

const mailto = (address: string): Html => html`<a href=${`mailto:${address}`}>${address}</a>`;

function community(c: PrivacyFacts): Html {
  const readers = c.preparationBody
    ? `Sekretariatet, ${c.preparationBody} og ${c.committee.name} (${c.committee.shortName})`
    : `Sekretariatet og ${c.committee.name} (${c.committee.shortName})`;
  return html`<h4>${c.name}</h4>
<dl class="facts">
<dt>Behandlingsansvarlig</dt><dd>${c.controller.name} (org.nr. ${c.controller.organisationNumber})</dd>
<dt>Behandler søknadene</dt><dd>${readers}</dd>
${c.decisionCopiesToGroups ? html`<dt>Kopi av vedtak</dt><dd>Lederen og nestlederen i tjenestemodellgruppen eller fagrådet prosjektet er forankret i</dd>` : ''}
<dt>Kontakt om personvern</dt><dd>Sekretariatet: ${mailto(c.secretariatEmail)}</dd>
${c.dataProtectionOfficerEmail ? html`<dt>Personvernombud</dt><dd>${mailto(c.dataProtectionOfficerEmail)}</dd>` : ''}
${c.legalBasis ? html`<dt>Grunnlaget for behandlingen</dt><dd>${c.legalBasis}</dd>` : ''}
</dl>`;
}

/** The notice as the landing page's section `#personvern`. */
export function privacySection(notice: PrivacyNotice): Html {
  return html`<section id="personvern" aria-labelledby="personvern-tittel">
<h2 id="personvern-tittel">Personvern</h2>
<p>Her står hvilke opplysninger om personer denne løsningen behandler, hva de brukes til, hvem som ser dem, og hvor lenge de blir lagret. Det gjelder prosjektansvarlig, kontaktpersonene hos partene i søknaden og andre som blir nevnt i en søknad eller rapport.</p>
<p>Hvert helsefellesskap behandler sine egne søknader. Behandlingsansvarlig er helseforetaket i helsefellesskapet søknaden sendes til (se hvert helsefellesskap nederst).</p>
<h3>Hvilke opplysninger</h3>
<ul>
<li>Navn, e-postadresse, organisasjon og enhet for prosjektansvarlig.</li>
<li>Navn og e-postadresse for kontaktpersonen hos hver part. Disse opplysningene får vi fra søkeren, ikke fra kontaktpersonen selv.</li>
<li>Det som står i søknaden og rapportene, i meldingene mellom prosjektansvarlig og sekretariatet, og i begrunnelsen når en part avslår å signere.</li>
<li>Hvem som har signert eller avslått, og når; hva som er gjort i saken, og av hvem; og hvilke e-poster som er sendt om saken (når, til hvem og emnet).</li>
</ul>
<p><strong>Skriv ikke helseopplysninger om pasienter</strong> i søknaden, rapportene eller meldingene.</p>
<h3>Hva opplysningene brukes til</h3>
<p>Til å behandle søknaden og følge opp tilskuddet: signering hos partene, behandlingen og vedtaket i komiteen, utbetalingen, rapportene og oppfølgingen av tilskuddet. E-postadressene brukes til å sende lenker, kvitteringer, påminnelser, vedtak og andre beskjeder om saken.</p>
<h3>Grunnlaget for behandlingen</h3>
<p>Helseforetaket behandler opplysningene fordi det er nødvendig for å utføre en oppgave i allmennhetens interesse som helseforetaket har: å forvalte helsefellesskapets tilskuddsordning (personvernforordningen artikkel 6 nr. 1 bokstav e).${notice.communities.some((c) => c.legalBasis) ? ' Har et helsefellesskap skrevet mer om grunnlaget, står det nederst, under helsefellesskapet.' : ''}</p>
<h3>Hvem som ser opplysningene</h3>
<ul>
<li>Sekretariatet ser hele saken, og komiteen som behandler søknaden, får den lagt fram. I noen helsefellesskap gir et utvalg innstilling før komiteen vedtar; det får også søknaden.</li>
<li>Partene i søknaden ser søknaden uten e-postadresser og navn på kontaktpersoner. I e-posten om å signere står navnet, organisasjonen og e-postadressen til prosjektansvarlig, så de vet hvem de kan spørre om søknaden.</li>
<li>Prosjektansvarlig ser hvilke parter som har signert, og begrunnelsen når en part avslår.</li>
<li>Der prosjektet er forankret i en tjenestemodellgruppe eller et fagråd, får lederen og nestlederen i gruppen kopi av vedtakene.</li>
<li>Økonomiavdelingen i helseforetaket får hvem tilskuddet skal utbetales til (organisasjonen og organisasjonsnummeret), beløpet, prosjektnummeret og søknadens navn og saksnummer.</li>
</ul>
<h3>Hvor opplysningene lagres</h3>
<p>Løsningen kjører hos Amazon Web Services (AWS). Opplysningene lagres ${storedWhere(notice.region)}, og e-postene sendes derfra. Sidene for søkere og parter bruker ikke informasjonskapsler (cookies) eller analyseverktøy.</p>
<h3>Hvor lenge opplysningene lagres</h3>
<ul>
<li>Et utkast som ikke er sendt inn, slettes ${DRAFT_VALID_DAYS} dager etter at det sist ble lagret. Det slettes også når søknaden sendes inn, og når du velger «Slett utkastet».</li>
<li>Lenkene i e-postene slutter å virke etter en tid. E-posten om å signere sier hvor lenge lenken gjelder. En lenke som har sluttet å virke, blir ikke slettet: den blir stående lagret med saken (hvilken sak og part den gjelder, og når den ble laget og brukt), men gir ikke lenger tilgang til noe.</li>
<li>Opplysningene som brukes til å kjenne igjen en søknad som blir sendt inn to ganger, slettes etter ${SUBMISSION_CLAIM_DAYS} dager.</li>
<li>Innsendte søknader, vedtak, rapporter, meldinger og e-postloggen er saksdokumenter i helsefellesskapet. De blir tatt vare på og arkivert etter arkivloven.</li>
<li>Beskjedene til økonomiavdelingen om utbetalinger og tilbakebetalinger (hvem tilskuddet utbetales til, organisasjonsnummeret, beløpet og prosjektnummeret) blir i tillegg lagret i et eget arkiv i ${inDays(PAYOUT_ARCHIVE_DAYS)}, så de kan kontrolleres og sendes på nytt.</li>
<li>Løsningen fører tekniske logger for drift og feilsøking. E-postadresser er maskert i loggene (bare delen etter @ står igjen), og loggene slettes etter ${inDays(LOG_RETENTION_DAYS)}.</li>
</ul>
<h3>Dine rettigheter</h3>
<p>Du kan be om innsyn i opplysningene om deg og om å få rettet feil. Du kan også be om at opplysninger blir slettet, eller at behandlingen blir begrenset, der loven gir rett til det. Fordi grunnlaget for behandlingen er en oppgave i allmennhetens interesse, kan du protestere mot behandlingen ut fra din særlige situasjon (personvernforordningen artikkel 21). Da stanser behandlingen av opplysningene om deg, med mindre helseforetaket kan vise tungtveiende berettigede grunner som går foran dine interesser, rettigheter og friheter, eller trenger opplysningene for å fastsette, gjøre gjeldende eller forsvare et rettskrav. Send slike henvendelser til sekretariatet i helsefellesskapet (under). Prosjektansvarlig kan selv rette søknaden til alle partene har signert. Mener du at opplysninger om deg blir behandlet i strid med reglene, kan du klage til Datatilsynet (<a href="https://www.datatilsynet.no/">datatilsynet.no</a>).</p>
<h3>Behandlingsansvarlig og kontakt i hvert helsefellesskap</h3>
${notice.communities.map(community)}
</section>`;
}
