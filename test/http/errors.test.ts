import { describe, expect, it, vi } from 'vitest';
import { logger } from '../../functions/adapters/logger';
import { newLinkId } from '../../functions/adapters/ids';
import { isPageRoute, ROUTES } from '../../functions/http/routes';
import { applicationToForm } from '../../functions/pages/application-form-page';
import { apiEvent, staffClaims } from '../support/api-events';
import { invoke, SECRETARIAT, useTestApp, type TestApp } from '../support/test-app';

const app = useTestApp();

const STAFF_ROUTES = ROUTES.filter((r) => r.access !== 'public');
const LINK_ROUTES = ROUTES.filter((r) => r.path.includes('{linkId}'));

function paramsFor(path: string, values: Record<string, string> = {}): Record<string, string> {
  return Object.fromEntries([...path.matchAll(/\{([^}]+)\}/g)].map((m) => [m[1]!, values[m[1]!] ?? 'app_x1']));
}

describe('staff routes: authentication and roles', () => {
  it('covers every staff route of the table', () => {
    expect(STAFF_ROUTES.filter((r) => !isPageRoute(r)).length).toBe(32);
    // The staff web pages are staff routes too: the same claims, the same 401/403.
    expect(STAFF_ROUTES.filter((r) => isPageRoute(r)).map((r) => r.id)).toEqual([
      'page-secretariat',
      'page-add-meeting',
      'page-agenda',
      'page-remove-meeting',
      'page-meeting-minutes',
      'page-record-attendance',
      'page-approve-minutes',
      'page-applications',
      'page-overdue-reports',
      'page-groups',
      'page-update-group-leaders',
      'page-half-year-report',
      'page-application',
      'page-case-print',
      'page-decide-reallocation',
      'page-claim-repayment',
      'page-revoke-grant',
      'page-change-grant-period',
      'page-decline-period-request',
      'page-change-owner',
      'page-extend-report-deadline',
      'page-decline-deadline-request',
      'page-request-report-supplement',
      'page-withdraw-report-supplement',
      'page-message-owner',
      'page-resend-owner-link',
      'page-record-recommendation',
      'page-record-decision',
      'page-request-information',
      'page-schedule-application',
      'page-finance',
      'page-register-invoice',
      'page-mark-paid',
    ]);
    expect(STAFF_ROUTES.filter((r) => r.access === 'finance').map((r) => r.id)).toEqual(['list-payouts', 'register-invoice', 'mark-paid', 'page-finance', 'page-register-invoice', 'page-mark-paid']);
  });

  for (const route of STAFF_ROUTES) {
    const other = route.access === 'secretariat' ? 'finance' : 'secretariat';
    const request = (claims?: Record<string, string>) =>
      invoke(
        apiEvent({
          method: route.method,
          path: route.path,
          pathParameters: paramsFor(route.path),
          ...(route.method === 'POST' ? { json: { ugyldig: true } } : {}),
          ...(claims ? { claims } : {}),
        }),
        route.id,
      );

    it(`${route.method} ${route.path}: 401 without claims, 403 with the ${other} group or none, never validation first`, async () => {
      const anonymous = await request();
      expect(anonymous.status).toBe(401);
      expect(anonymous.body).toEqual({ error: 'UnauthorizedError', message: 'Du må logge inn for å bruke denne tjenesten.' });
      const noSubject = await request({ 'cognito:groups': `[${route.access}]` });
      expect(noSubject.status).toBe(401);
      for (const claims of [staffClaims([other]), staffClaims([]), staffClaims(['admin', 'Secretariat'])]) {
        const forbidden = await request(claims as Record<string, string>);
        expect(forbidden.status).toBe(403);
        expect(forbidden.body).toEqual({ error: 'ForbiddenError', message: 'Du har ikke tilgang til denne tjenesten.' });
      }
      const allowed = await request(staffClaims([other, route.access]) as Record<string, string>);
      expect([401, 403]).not.toContain(allowed.status);
    });
  }

  it('a refused call changes nothing', async () => {
    const { applicationId } = await app.scheduled();
    const before = await app.store.getApplication(applicationId);
    const body = { outcome: 'approve', amount: 850_000, periodStart: '2027-01-01', periodEnd: '2027-12-31' };
    const anonymous = await app.call('record-decision', { pathParameters: { applicationId }, json: body });
    const finance = await app.call('record-decision', { pathParameters: { applicationId }, json: body, as: staffClaims(['finance']) });
    expect([anonymous.status, finance.status]).toEqual([401, 403]);
    expect(await app.store.getApplication(applicationId)).toEqual(before);
    expect(await app.store.listDecisions(applicationId)).toEqual([]);
  });
});

describe('bodies and content types', () => {
  const submit = (options: Parameters<TestApp['call']>[1]) => app.call('submit-application', { pathParameters: { schemeId: 'sor-rogaland' }, ...options });

  it('413 for a body over 256 KB, JSON or base64 form, before anything is parsed or written', async () => {
    const before = await app.countApplications('sor-rogaland');
    const big = app.application('sor-rogaland', (a) => (a.summary = 'x'.repeat(300 * 1024)));
    const res = await submit({ json: big });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: 'PayloadTooLargeError', message: 'Forespørselen er for stor.' });
    const form = await submit({ form: { title: 'Stort skjema', summary: 'y'.repeat(260 * 1024) }, base64: true });
    expect(form.status).toBe(413);
    const justUnder = await app.call('cosign-application', { pathParameters: { linkId: newLinkId() }, json: { decision: 'sign', reason: 'z'.repeat(200 * 1024) } });
    expect(justUnder.status).toBe(400);
    expect(await app.countApplications('sor-rogaland')).toBe(before);
  });

  it('415 for content types other than JSON and forms', async () => {
    const json = JSON.stringify(app.application());
    for (const contentType of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x']) {
      const res = await submit({ body: json, headers: { 'Content-Type': contentType } });
      expect(res.status).toBe(415);
      expect(res.body).toEqual({ error: 'UnsupportedMediaTypeError', message: 'Innholdstypen støttes ikke. Bruk JSON eller et vanlig skjema.' });
    }
    const none = await submit({ body: json });
    expect(none.status).toBe(415);
  });

  it('400 for malformed JSON, an empty body and a body that is not an object', async () => {
    const malformed = await submit({ body: '{"title": "Uferdig', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: 'BadRequest', message: 'Forespørselen kunne ikke leses. Kontroller at innholdet er gyldig JSON eller skjemadata.' });
    const emptyJson = await submit({ body: '', headers: { 'content-type': 'application/json' } });
    expect(emptyJson.status).toBe(400);
    expect(emptyJson.body.error).toBe('BadRequest');
    const empty = await submit({});
    expect(empty.status).toBe(400);
    expect(empty.body.fieldErrors).toEqual({ _form: 'Forespørselen mangler innhold.' });
    const array = await submit({ body: '[1,2,3]', headers: { 'content-type': 'application/json' } });
    expect(array.status).toBe(400);
    expect(array.body.fieldErrors._form).toBeDefined();
    const nul = await app.call('cosign-application', { pathParameters: { linkId: newLinkId() }, body: 'null', headers: { 'content-type': 'application/json' } });
    expect(nul.status).toBe(400);
    // A route whose body may be left out: a JSON "" or null is a body, not none (found by the hostile-input run).
    const { applicationId } = await app.submit();
    for (const body of ['""', 'null', '"x"']) {
      const res = await app.call('resend-owner-link', { pathParameters: { applicationId }, body, headers: { 'content-type': 'application/json' }, as: SECRETARIAT });
      expect(res.status, body).toBeGreaterThanOrEqual(400);
      expect(res.status, body).toBeLessThan(500);
    }
    expect((await app.call('resend-owner-link', { pathParameters: { applicationId }, as: SECRETARIAT })).status).toBe(202);
  });

  it('accepts JSON with a charset, in any header case, and base64-encoded', async () => {
    const res = await submit({ body: JSON.stringify(app.application()), headers: { 'CONTENT-TYPE': 'application/json; charset=utf-8' }, base64: true });
    expect(res.status).toBe(201);
    expect(res.headers).toMatchObject({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
  });
});

describe('links and unexpected failures', () => {
  it('404 for an unknown link on every link route (with a valid body, so only the link is wrong)', async () => {
    const bodies: Record<string, unknown> = {
      'revise-application': app.application(),
      'withdraw-application': {},
      'request-reallocation': { description: 'Noe', amount: 1_000 },
      'cosign-application': { decision: 'sign' },
      'submit-report': { progress: 'I rute.', effect: 'God.', spentAmount: 0 },
      'request-report-deadline': { dueDate: '2027-09-30', reason: 'Forsinket oppstart' },
      'message-secretariat': { message: 'Hei' },
      'resend-signing-link': { partnerIndex: 1 },
      'request-period-change': { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' },
    };
    // The pages post forms (all values text).
    const forms: Record<string, Record<string, string | string[]>> = {
      'page-submit-revision': applicationToForm(app.application()) as Record<string, string | string[]>,
      'page-withdraw': { reason: 'Vi trekker søknaden.' },
      'page-request-reallocation': { description: 'Noe', amount: '1 000' },
      'page-submit-cosign': { decision: 'sign' },
      'page-submit-report': { progress: 'I rute.', effect: 'God.', spentAmount: '0' },
      'page-request-report-deadline': { dueDate: '2027-09-30', reason: 'Forsinket oppstart' },
      'page-message-secretariat': { message: 'Hei' },
      'page-resend-signing-link': { partnerIndex: '1' },
      'page-request-period-change': { periodStart: '2027-04-01', periodEnd: '2028-03-31', reason: 'Senere oppstart' },
    };
    expect(LINK_ROUTES.map((r) => r.id).sort()).toEqual(
      [
        'get-owner-view', 'revise-application', 'withdraw-application', 'request-reallocation', 'get-cosign-view', 'cosign-application', 'get-report-form', 'submit-report', 'request-report-deadline', 'message-secretariat', 'request-period-change', 'resend-signing-link',
        'page-receipt', 'page-owner-status', 'page-withdraw', 'page-revision-form', 'page-submit-revision', 'page-request-reallocation', 'page-cosign', 'page-submit-cosign', 'page-report-form', 'page-submit-report', 'page-request-report-deadline', 'page-message-secretariat', 'page-request-period-change', 'page-resend-signing-link',
      ].sort(),
    );
    for (const route of LINK_ROUTES) {
      for (const linkId of [newLinkId(), 'kort']) {
        const body = route.method !== 'POST' ? {} : isPageRoute(route) ? { form: forms[route.id] } : { json: bodies[route.id] };
        const res = await invoke(apiEvent({ method: route.method, path: route.path, pathParameters: { linkId }, ...body }), route.id);
        expect(res.status, `${route.id}: ${res.text}`).toBe(404);
        expect(res.body).toMatchObject({ error: 'NotFoundError', message: 'Lenken finnes ikke.' });
      }
    }
  });

  it('hides unexpected errors behind a Norwegian 500 with a correlation id', async () => {
    const original = app.store.getLink.bind(app.store);
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    app.store.getLink = async () => {
      throw new Error('ECONNRESET dynamodb.eu-north-1 table grants-prod');
    };
    try {
      const res = await app.call('get-owner-view', { pathParameters: { linkId: newLinkId() } });
      expect(res.status).toBe(500);
      expect(res.body).toMatchObject({ error: 'InternalError', message: 'Noe gikk galt hos oss. Prøv igjen senere.' });
      expect(res.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.text).not.toContain('ECONNRESET');
      // Operators find the cause by the correlation id the user sees.
      expect(logged).toHaveBeenCalledWith('Unhandled error', expect.objectContaining({ correlationId: res.body.correlationId }));
    } finally {
      app.store.getLink = original;
      logged.mockRestore();
    }
  });

  it('staff routes 404 for unknown schemes and applications', async () => {
    expect((await app.call('list-meetings', { pathParameters: { schemeId: 'ukjent' }, as: SECRETARIAT })).status).toBe(404);
    expect((await app.call('half-year-report', { pathParameters: { schemeId: 'ukjent' }, query: { from: '2026-01-01', to: '2026-06-30' }, as: SECRETARIAT })).status).toBe(404);
    expect((await app.call('schedule-application', { pathParameters: { applicationId: 'app_ukjent' }, json: { meetingId: '2026-12-10' }, as: SECRETARIAT })).status).toBe(404);
  });
});
