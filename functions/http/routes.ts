// The HTTP API's route table: CDK builds one function + route per entry, and the local server
// serves the same entries with the same handler modules. Staff routes never go without a role.
import type { MeetingRef, StaffRole } from '../domain/model';

export type Access = 'public' | StaffRole;
export type Method = 'GET' | 'POST';

export interface RouteDefinition {
  /** kebab-case; the handler module is functions/http/<id>.handler.ts */
  id: string;
  method: Method;
  /** API Gateway path with {param} placeholders */
  path: string;
  access: Access;
  summary: string;
  /** 'page': an HTML page for people (functions/pages); left out for the JSON API */
  kind?: 'page';
  /** The handler sends e-mail itself (wires the mailer; its role may send), not only through the workflow. */
  sendsMail?: true;
}

export const API_ROUTES: readonly RouteDefinition[] = [
  // Public: applicants, partners and project owners, each through their opaque link.
  { id: 'submit-application', method: 'POST', path: '/api/schemes/{schemeId}/applications', access: 'public', summary: 'Send inn en søknad (JSON eller skjema)' },
  { id: 'get-scheme', method: 'GET', path: '/api/schemes/{schemeId}', access: 'public', summary: 'Ordningens kriterier, møteplan og frister' },
  { id: 'get-deadline-calendar', method: 'GET', path: '/api/schemes/{schemeId}/deadlines.ics', access: 'public', summary: 'Søknadsfristene som kalender å abonnere på (iCalendar)' },
  { id: 'get-owner-view', method: 'GET', path: '/api/owner/{linkId}', access: 'public', summary: 'Status for søknaden (prosjektansvarliges lenke)' },
  { id: 'revise-application', method: 'POST', path: '/api/owner/{linkId}/revision', access: 'public', summary: 'Send inn revidert søknad' },
  { id: 'withdraw-application', method: 'POST', path: '/api/owner/{linkId}/withdrawal', access: 'public', summary: 'Trekk søknaden' },
  { id: 'request-reallocation', method: 'POST', path: '/api/owner/{linkId}/reallocations', access: 'public', summary: 'Søk om omdisponering' },
  { id: 'message-secretariat', method: 'POST', path: '/api/owner/{linkId}/messages', access: 'public', summary: 'Skriv til sekretariatet (lagret på saken)' },
  { id: 'resend-signing-link', method: 'POST', path: '/api/owner/{linkId}/signing-links', access: 'public', summary: 'Send signeringslenken på nytt til en samarbeidspart som ikke har svart' },
  { id: 'request-lost-link', method: 'POST', path: '/api/owner-links', access: 'public', summary: 'Mistet lenken: få lenken til saken på e-post (saksnummer og sakens e-postadresse)' },
  { id: 'request-period-change', method: 'POST', path: '/api/owner/{linkId}/period-request', access: 'public', summary: 'Be om ny prosjektperiode (komiteen avgjør)' },
  { id: 'get-cosign-view', method: 'GET', path: '/api/cosign/{linkId}', access: 'public', summary: 'Det partneren signerer' },
  { id: 'cosign-application', method: 'POST', path: '/api/cosign/{linkId}', access: 'public', summary: 'Signer eller avslå' },
  { id: 'get-report-form', method: 'GET', path: '/api/reports/{linkId}', access: 'public', summary: 'Rapportskjema (status- eller sluttrapport)' },
  { id: 'submit-report', method: 'POST', path: '/api/reports/{linkId}', access: 'public', summary: 'Send inn status- eller sluttrapport' },
  { id: 'request-report-deadline', method: 'POST', path: '/api/reports/{linkId}/deadline-request', access: 'public', summary: 'Be om utsatt frist for rapporten (sekretariatet får beskjed)' },
  { id: 'get-openapi', method: 'GET', path: '/openapi.json', access: 'public', summary: 'OpenAPI-beskrivelse av API-et' },
  // Secretariat / committee.
  { id: 'list-meetings', method: 'GET', path: '/api/staff/schemes/{schemeId}/meetings', access: 'secretariat', summary: 'Møteplanen' },
  { id: 'add-meeting', method: 'POST', path: '/api/staff/schemes/{schemeId}/meetings', access: 'secretariat', summary: 'Legg til et møte i møteplanen' },
  { id: 'remove-meeting', method: 'POST', path: '/api/staff/schemes/{schemeId}/meetings/{meetingId}/removal', access: 'secretariat', summary: 'Ta et møte som ikke er holdt ut av møteplanen (avlys det), og flytt sakene på sakslisten' },
  { id: 'get-agenda', method: 'GET', path: '/api/staff/schemes/{schemeId}/meetings/{meetingId}', access: 'secretariat', summary: 'Sakslisten for et møte' },
  { id: 'get-meeting-minutes', method: 'GET', path: '/api/staff/schemes/{schemeId}/meetings/{meetingId}/minutes', access: 'secretariat', summary: 'Møteprotokollen: fremmøtet, vedtakene i møtet og godkjenningen' },
  { id: 'record-attendance', method: 'POST', path: '/api/staff/schemes/{schemeId}/meetings/{meetingId}/minutes/attendance', access: 'secretariat', summary: 'Registrer fremmøtet i protokollen' },
  { id: 'approve-minutes', method: 'POST', path: '/api/staff/schemes/{schemeId}/meetings/{meetingId}/minutes/approval', access: 'secretariat', summary: 'Registrer at protokollen er godkjent' },
  { id: 'list-applications', method: 'GET', path: '/api/staff/schemes/{schemeId}/applications', access: 'secretariat', summary: 'Søknader etter status' },
  { id: 'get-application', method: 'GET', path: '/api/staff/applications/{applicationId}', access: 'secretariat', summary: 'Hele saken' },
  { id: 'schedule-application', method: 'POST', path: '/api/staff/applications/{applicationId}/meeting', access: 'secretariat', summary: 'Flytt søknaden til et møte' },
  { id: 'request-information', method: 'POST', path: '/api/staff/applications/{applicationId}/information-requests', access: 'secretariat', summary: 'Be om mer informasjon' },
  { id: 'record-recommendation', method: 'POST', path: '/api/staff/applications/{applicationId}/recommendations', access: 'secretariat', summary: 'Registrer innstilling (ordninger med to behandlingsledd)' },
  { id: 'record-decision', method: 'POST', path: '/api/staff/applications/{applicationId}/decisions', access: 'secretariat', summary: 'Registrer vedtak' },
  { id: 'decide-reallocation', method: 'POST', path: '/api/staff/applications/{applicationId}/reallocations/{reallocationId}', access: 'secretariat', summary: 'Vedtak om omdisponering' },
  { id: 'claim-repayment', method: 'POST', path: '/api/staff/applications/{applicationId}/repayment-claims', access: 'secretariat', summary: 'Krev tilbakebetaling' },
  { id: 'revoke-grant', method: 'POST', path: '/api/staff/applications/{applicationId}/revocation', access: 'secretariat', summary: 'Trekk tilbake et tilskudd som ikke er utbetalt' },
  { id: 'change-grant-period', method: 'POST', path: '/api/staff/applications/{applicationId}/period', access: 'secretariat', summary: 'Ny prosjektperiode for et tilskudd som løper (komiteens vedtak)' },
  { id: 'decline-period-request', method: 'POST', path: '/api/staff/applications/{applicationId}/period-request/decline', access: 'secretariat', summary: 'Avslå prosjektansvarliges ønske om ny prosjektperiode' },
  { id: 'change-owner', method: 'POST', path: '/api/staff/applications/{applicationId}/owner', access: 'secretariat', summary: 'Ny prosjektansvarlig på saken (prosjektansvarliges lenke og e-post går dit)' },
  { id: 'extend-report-deadline', method: 'POST', path: '/api/staff/applications/{applicationId}/report-deadline', access: 'secretariat', summary: 'Utsett fristen for statusrapporten eller sluttrapporten' },
  { id: 'decline-deadline-request', method: 'POST', path: '/api/staff/applications/{applicationId}/report-deadline-request/decline', access: 'secretariat', summary: 'Avslå prosjektansvarliges ønske om utsatt rapportfrist' },
  { id: 'request-report-supplement', method: 'POST', path: '/api/staff/applications/{applicationId}/report-supplement', access: 'secretariat', summary: 'Be prosjektansvarlig fylle ut en mottatt rapport' },
  { id: 'withdraw-report-supplement', method: 'POST', path: '/api/staff/applications/{applicationId}/report-supplement/withdrawal', access: 'secretariat', summary: 'Trekk ønsket om utfyllende rapport (trengs ikke lenger)' },
  { id: 'message-owner', method: 'POST', path: '/api/staff/applications/{applicationId}/messages', access: 'secretariat', summary: 'Skriv til prosjektansvarlig (e-post, lagret på saken)' },
  { id: 'resend-owner-link', method: 'POST', path: '/api/staff/applications/{applicationId}/owner-link', access: 'secretariat', summary: 'Send lenken til saken på nytt til prosjektansvarlig' },
  { id: 'half-year-report', method: 'GET', path: '/api/staff/schemes/{schemeId}/half-year-report', access: 'secretariat', summary: 'Halvårsrapport om bruk og effekt (JSON eller CSV)' },
  { id: 'list-groups', method: 'GET', path: '/api/staff/schemes/{schemeId}/groups', access: 'secretariat', summary: 'Tjenestemodellgruppene og fagrådene, med lederne som får kopi av vedtakene' },
  { id: 'update-group-leaders', method: 'POST', path: '/api/staff/schemes/{schemeId}/groups/{groupId}', access: 'secretariat', summary: 'Ny leder eller nestleder for en gruppe (kopien av vedtakene går dit fra nå av)' },
  { id: 'list-overdue-reports', method: 'GET', path: '/api/staff/schemes/{schemeId}/overdue-reports', access: 'secretariat', summary: 'Rapporter som er på overtid' },
  // Finance.
  { id: 'list-payouts', method: 'GET', path: '/api/finance/payouts', access: 'finance', summary: 'Utbetalinger etter prosjektnummer og status' },
  { id: 'register-invoice', method: 'POST', path: '/api/finance/payouts/{payoutId}/invoice', access: 'finance', summary: 'Registrer faktura' },
  { id: 'mark-paid', method: 'POST', path: '/api/finance/payouts/{payoutId}/paid', access: 'finance', summary: 'Marker som betalt' },
];

/** The staff sign-in's paths (the pages, the pages' kit, the local provider and the Cognito client all use these). */
export const STAFF_SIGN_IN_PATHS = { start: '/innlogging', callback: '/innlogging/tilbake', signOut: '/utlogging' } as const;

/** The secretariat's whole case (the page-application route); e-mails to the secretariat link to it. */
export function casePath(applicationId: string): string {
  return `/sekretariat/soknader/${encodeURIComponent(applicationId)}`;
}

/** Finance's payouts on a project number, in one state or all (the page-finance route). */
export function payoutsPath(projectNumber: string, state?: string): string {
  const query = new URLSearchParams({ prosjektnummer: projectNumber });
  if (state) query.set('status', state);
  return `/okonomi?${query.toString()}`;
}

/** A meeting's agenda (the page-agenda route). */
export function agendaPath(schemeId: string, meetingId: string): string {
  return `/sekretariat/${encodeURIComponent(schemeId)}/moter/${encodeURIComponent(meetingId)}`;
}

/** The meeting a route's path names (`{schemeId}`, `{meetingId}`). */
export function meetingOf(request: { params: Record<string, string | undefined> }): MeetingRef {
  return { schemeId: request.params.schemeId ?? '', meetingId: request.params.meetingId ?? '' };
}

/** A meeting's minutes (the page-meeting-minutes route); its forms post below it. */
export function minutesPath(schemeId: string, meetingId: string): string {
  return `${agendaPath(schemeId, meetingId)}/protokoll`;
}

/** The secretariat's half-yearly report on use and effect for a scheme (the page-half-year-report route), for a period when given. */
export function halfYearReportPath(schemeId: string, period?: { from: string; to: string }): string {
  const path = `/sekretariat/${encodeURIComponent(schemeId)}/halvarsrapport`;
  return period ? `${path}?${new URLSearchParams({ fra: period.from, til: period.to })}` : path;
}

/** An application-form draft (the page-draft-form route): the link its e-mail carries. */
export function draftPath(draftId: string): string {
  return `/soknad/utkast/${encodeURIComponent(draftId)}`;
}

/** The new-application form of a scheme (page-application-form; page-submit-application posts here). */
/** A scheme's submission deadlines as an iCalendar feed (the landing page links it). */
export function deadlineCalendarPath(schemeId: string): string {
  return `/api/schemes/${encodeURIComponent(schemeId)}/deadlines.ics`;
}

export function applicationFormPath(schemeId: string): string {
  return `/soknad/ny/${encodeURIComponent(schemeId)}`;
}

const page = (id: string, method: Method, path: string, access: Access, summary: string): RouteDefinition => ({ id, method, path, access, summary, kind: 'page' });

/**
 * The web pages (server-rendered HTML in Norwegian, no client JavaScript): the same route table,
 * the same middy chain and the same use cases as the API. Order matters locally only where a
 * literal segment competes with a parameter (/soknad/ny/… before /soknad/{linkId}/…).
 */
export const PAGE_ROUTES: readonly RouteDefinition[] = [
  page('page-home', 'GET', '/', 'public', 'Forside: ordningene og søknadsskjemaene'),
  page('page-sign-in', 'GET', STAFF_SIGN_IN_PATHS.start, 'public', 'Innlogging for saksbehandlere (videre til innloggingstjenesten)'),
  page('page-sign-in-callback', 'GET', STAFF_SIGN_IN_PATHS.callback, 'public', 'Svar fra innloggingstjenesten'),
  page('page-sign-out-form', 'GET', STAFF_SIGN_IN_PATHS.signOut, 'public', 'Logg ut (knappen)'),
  page('page-sign-out', 'POST', STAFF_SIGN_IN_PATHS.signOut, 'public', 'Logg ut'),
  page('page-application-form', 'GET', '/soknad/ny/{schemeId}', 'public', 'Søknadsskjema'),
  { ...page('page-submit-application', 'POST', '/soknad/ny/{schemeId}', 'public', 'Send inn søknadsskjemaet eller lagre utkast'), sendsMail: true },
  page('page-draft-form', 'GET', '/soknad/utkast/{draftId}', 'public', 'Søknadsskjemaet fra et lagret utkast'),
  page('page-receipt', 'GET', '/soknad/{linkId}/kvittering', 'public', 'Kvittering for innsendt søknad'),
  page('page-owner-status', 'GET', '/soknad/{linkId}', 'public', 'Søknadens status (prosjektansvarliges lenke)'),
  page('page-withdraw', 'POST', '/soknad/{linkId}/trekk', 'public', 'Trekk søknaden'),
  page('page-revision-form', 'GET', '/soknad/{linkId}/revisjon', 'public', 'Skjema for revidert søknad'),
  page('page-submit-revision', 'POST', '/soknad/{linkId}/revisjon', 'public', 'Send inn revidert søknad'),
  page('page-request-reallocation', 'POST', '/soknad/{linkId}/omdisponering', 'public', 'Søk om omdisponering'),
  page('page-lost-link', 'GET', '/mistet-lenke', 'public', 'Mistet lenken til søknaden'),
  page('page-request-lost-link', 'POST', '/mistet-lenke', 'public', 'Få lenken til saken på e-post'),
  page('page-message-secretariat', 'POST', '/soknad/{linkId}/melding', 'public', 'Skriv til sekretariatet'),
  page('page-request-period-change', 'POST', '/soknad/{linkId}/ny-periode', 'public', 'Be om ny prosjektperiode'),
  page('page-resend-signing-link', 'POST', '/soknad/{linkId}/signeringslenke', 'public', 'Send signeringslenken på nytt til en samarbeidspart'),
  page('page-cosign', 'GET', '/signering/{linkId}', 'public', 'Det partneren signerer'),
  page('page-submit-cosign', 'POST', '/signering/{linkId}', 'public', 'Signer eller avslå'),
  page('page-report-form', 'GET', '/rapport/{linkId}', 'public', 'Rapportskjema'),
  page('page-submit-report', 'POST', '/rapport/{linkId}', 'public', 'Send inn rapport'),
  page('page-request-report-deadline', 'POST', '/rapport/{linkId}/utsatt-frist', 'public', 'Be om utsatt frist for rapporten'),
  page('page-secretariat', 'GET', '/sekretariat', 'secretariat', 'Sekretariatets møteplan'),
  page('page-add-meeting', 'POST', '/sekretariat/{schemeId}/moter', 'secretariat', 'Legg til et møte i møteplanen'),
  page('page-agenda', 'GET', '/sekretariat/{schemeId}/moter/{meetingId}', 'secretariat', 'Sakslisten for et møte'),
  page('page-remove-meeting', 'POST', '/sekretariat/{schemeId}/moter/{meetingId}/fjerning', 'secretariat', 'Fjern eller avlys et møte'),
  page('page-meeting-minutes', 'GET', '/sekretariat/{schemeId}/moter/{meetingId}/protokoll', 'secretariat', 'Møteprotokollen: fremmøtet, vedtakene i møtet og godkjenningen'),
  page('page-record-attendance', 'POST', '/sekretariat/{schemeId}/moter/{meetingId}/protokoll/fremmote', 'secretariat', 'Registrer fremmøtet'),
  page('page-approve-minutes', 'POST', '/sekretariat/{schemeId}/moter/{meetingId}/protokoll/godkjenning', 'secretariat', 'Registrer at protokollen er godkjent'),
  page('page-applications', 'GET', '/sekretariat/{schemeId}/soknader', 'secretariat', 'Søknader etter status'),
  page('page-overdue-reports', 'GET', '/sekretariat/{schemeId}/rapporter-pa-overtid', 'secretariat', 'Oppfølging av tilskudd: rapporter på overtid, ønsker om utsatt frist, rapporter til utfylling, fakturaer som ikke er mottatt'),
  page('page-groups', 'GET', '/sekretariat/{schemeId}/grupper', 'secretariat', 'Tjenestemodellgrupper og fagråd'),
  page('page-update-group-leaders', 'POST', '/sekretariat/{schemeId}/grupper/{groupId}', 'secretariat', 'Endre lederne av en gruppe'),
  page('page-half-year-report', 'GET', '/sekretariat/{schemeId}/halvarsrapport', 'secretariat', 'Halvårsrapport om bruk og effekt (side eller CSV)'),
  page('page-application', 'GET', '/sekretariat/soknader/{applicationId}', 'secretariat', 'Hele saken'),
  page('page-case-print', 'GET', '/sekretariat/soknader/{applicationId}/utskrift', 'secretariat', 'Hele saken som utskrift for arkivet'),
  page('page-decide-reallocation', 'POST', '/sekretariat/soknader/{applicationId}/omdisponering/{reallocationId}', 'secretariat', 'Vedtak om omdisponering'),
  page('page-claim-repayment', 'POST', '/sekretariat/soknader/{applicationId}/tilbakebetaling', 'secretariat', 'Krev tilbakebetaling'),
  page('page-revoke-grant', 'POST', '/sekretariat/soknader/{applicationId}/tilbaketrekking', 'secretariat', 'Trekk tilbake tilskuddet'),
  page('page-change-grant-period', 'POST', '/sekretariat/soknader/{applicationId}/periode', 'secretariat', 'Ny prosjektperiode'),
  page('page-decline-period-request', 'POST', '/sekretariat/soknader/{applicationId}/periode/avslag', 'secretariat', 'Avslå ønsket om ny prosjektperiode'),
  page('page-change-owner', 'POST', '/sekretariat/soknader/{applicationId}/kontaktperson', 'secretariat', 'Ny prosjektansvarlig på saken'),
  page('page-extend-report-deadline', 'POST', '/sekretariat/soknader/{applicationId}/rapportfrist', 'secretariat', 'Utsett fristen for en rapport'),
  page('page-decline-deadline-request', 'POST', '/sekretariat/soknader/{applicationId}/rapportfrist/avslag', 'secretariat', 'Avslå ønsket om utsatt rapportfrist'),
  page('page-request-report-supplement', 'POST', '/sekretariat/soknader/{applicationId}/rapport-utfylling', 'secretariat', 'Be om utfyllende rapport'),
  page('page-withdraw-report-supplement', 'POST', '/sekretariat/soknader/{applicationId}/rapport-utfylling/trekk', 'secretariat', 'Trekk ønsket om utfyllende rapport'),
  page('page-message-owner', 'POST', '/sekretariat/soknader/{applicationId}/melding', 'secretariat', 'Skriv til prosjektansvarlig'),
  page('page-resend-owner-link', 'POST', '/sekretariat/soknader/{applicationId}/lenke', 'secretariat', 'Send lenken til saken på nytt til prosjektansvarlig'),
  page('page-record-recommendation', 'POST', '/sekretariat/soknader/{applicationId}/innstilling', 'secretariat', 'Registrer innstilling'),
  page('page-record-decision', 'POST', '/sekretariat/soknader/{applicationId}/vedtak', 'secretariat', 'Registrer vedtak'),
  page('page-request-information', 'POST', '/sekretariat/soknader/{applicationId}/mer-informasjon', 'secretariat', 'Be om mer informasjon'),
  page('page-schedule-application', 'POST', '/sekretariat/soknader/{applicationId}/mote', 'secretariat', 'Flytt søknaden til et annet møte'),
  page('page-finance', 'GET', '/okonomi', 'finance', 'Utbetalinger etter prosjektnummer'),
  page('page-register-invoice', 'POST', '/okonomi/utbetalinger/{payoutId}/faktura', 'finance', 'Registrer faktura'),
  page('page-mark-paid', 'POST', '/okonomi/utbetalinger/{payoutId}/betalt', 'finance', 'Marker som betalt'),
];

/** Every route: CDK builds one function per entry, the local gateway serves them all. */
export const ROUTES: readonly RouteDefinition[] = [...API_ROUTES, ...PAGE_ROUTES];

export function isPageRoute(route: Pick<RouteDefinition, 'kind'>): boolean {
  return route.kind === 'page';
}

export function handlerModulePath(route: Pick<RouteDefinition, 'id'>): string {
  return `functions/http/${route.id}.handler.ts`;
}
