// Text fields say their limit as the person types (maxlength from the schemas), on the application
// form and on the forms of the owner's page; a text of exactly the limit, with line breaks posted as
// a browser does (CRLF), is accepted.
import { describe, expect, it } from 'vitest';
import { apiEvent } from '../support/api-events';
import { invoke, useTestApp } from '../support/test-app';

const app = useTestApp();
const HTML = { Accept: 'text/html' };

const controlOf = (page: string, name: string) => new RegExp(`<(?:input|textarea)[^>]*name="${name.replace(/\./g, '\\.')}"[^>]*>`).exec(page)?.[0] ?? '';

describe('maxlength on text fields', () => {
  it('the application form: each text control carries its schema limit; numbers and choices none', async () => {
    const page = (await invoke(apiEvent({ method: 'GET', path: '/soknad/ny/{schemeId}', pathParameters: { schemeId: 'sor-rogaland' }, headers: HTML }), 'page-application-form')).text;
    expect(controlOf(page, 'title')).toContain('maxlength="200"');
    expect(controlOf(page, 'summary')).toContain('maxlength="2000"');
    expect(controlOf(page, 'partners.0.email')).toContain('maxlength="254"');
    expect(controlOf(page, 'partners.1.organisationName')).toContain('maxlength="200"');
    expect(controlOf(page, 'requestedAmount')).not.toContain('maxlength');
  });

  it('the owner’s message form: 4,000 characters, and a message of exactly that with CRLF line breaks goes through', async () => {
    const { ownerLinkId } = await app.submit();
    const page = (await invoke(apiEvent({ method: 'GET', path: '/soknad/{linkId}', pathParameters: { linkId: ownerLinkId }, headers: HTML }), 'page-owner-status')).text;
    expect(controlOf(page, 'message')).toContain('maxlength="4000"');
    // 1,000 lines of three letters: 3,999 characters as the browser counts them, 4,998 as CRLF on the wire.
    const message = Array.from({ length: 1000 }, () => 'abc').join('\r\n');
    const posted = await invoke(apiEvent({ method: 'POST', path: '/soknad/{linkId}/melding', pathParameters: { linkId: ownerLinkId }, headers: HTML, form: { message } }), 'page-message-secretariat');
    expect(posted.status, posted.text.slice(0, 300)).toBe(303);
  });
});
