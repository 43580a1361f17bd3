import { beforeAll, describe, expect, it } from 'vitest';
// The OpenAPI document describes the JSON API; the web pages (PAGE_ROUTES) are not part of it.
import { API_ROUTES as ROUTES } from '../../functions/http/routes';
import { apiEvent } from '../support/api-events';
import { invoke } from '../support/test-app';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  components: { schemas: Record<string, any>; securitySchemes: Record<string, unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any
};

let doc: Doc;
let headers: Record<string, string>;
beforeAll(async () => {
  // No database: the document is built from the route table and the schemas alone.
  const res = await invoke(apiEvent({ method: 'GET', path: '/openapi.json' }), 'get-openapi');
  expect(res.status).toBe(200);
  doc = res.body;
  headers = res.headers;
});

function resolve(ref: unknown): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  const name = String((ref as { $ref?: string }).$ref ?? '').replace('#/components/schemas/', '');
  const schema = doc.components.schemas[name];
  expect(schema, `component ${name}`).toBeDefined();
  return schema;
}

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3.1 document served as JSON', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(Object.values(doc.components.schemas).some((s) => '$schema' in s)).toBe(false);
  });

  it('describes every route of the table with its Norwegian summary and path parameters', () => {
    expect(Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0)).toBe(ROUTES.length);
    for (const route of ROUTES) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.summary).toBe(route.summary);
      const pathParams = [...route.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p: { in: string }) => p.in === 'path').map((p: { name: string }) => p.name);
      expect(declared).toEqual(pathParams);
    }
  });

  it('puts a bearer JWT requirement on exactly the staff routes', () => {
    expect(doc.components.securitySchemes.staffJwt).toEqual(expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }));
    for (const route of ROUTES) {
      const op = doc.paths[route.path]![route.method.toLowerCase()];
      if (route.access === 'public') {
        expect(op.security, route.id).toEqual([]);
        expect(op.responses['401']).toBeUndefined();
      } else {
        expect(op.security, route.id).toEqual([{ staffJwt: [] }]);
        expect(op.responses).toHaveProperty('401');
        expect(op.responses).toHaveProperty('403');
      }
    }
  });

  it('has a request body from the zod schemas for every POST route with a body', () => {
    const withoutBody = ROUTES.filter((r) => r.method === 'POST' && !doc.paths[r.path]!.post.requestBody).map((r) => r.id);
    expect(withoutBody).toEqual(['mark-paid']);
    expect(doc.paths['/api/staff/schemes/{schemeId}/meetings/{meetingId}/removal']!.post.requestBody.required).toBe(false);
    for (const route of ROUTES.filter((r) => r.method === 'GET')) expect(doc.paths[route.path]!.get.requestBody).toBeUndefined();
    const submit = doc.paths['/api/schemes/{schemeId}/applications']!.post;
    expect(Object.keys(submit.requestBody.content).sort()).toEqual(['application/json', 'application/x-www-form-urlencoded']);
    const application = resolve(submit.requestBody.content['application/json'].schema);
    expect(application.type).toBe('object');
    expect(application.additionalProperties).toBe(false);
    expect(application.required).toEqual(expect.arrayContaining(['title', 'partners', 'owner', 'requestedAmount', 'budget']));
    expect(application.properties.partners.items.properties.organisationNumber.type).toBe('string');
    expect(application.properties.partners.items.properties.kind.enum).toEqual(['municipality', 'hospital_trust', 'other']);
    expect(application.properties.requestedAmount).toMatchObject({ type: 'integer', minimum: 1, maximum: 50_000_000 });
  });

  it('describes the decision as a choice of approve, reject or defer, and the staff-only schedule body', () => {
    const decision = resolve(doc.paths['/api/staff/applications/{applicationId}/decisions']!.post.requestBody.content['application/json'].schema);
    const variants = decision.oneOf ?? decision.anyOf;
    expect(variants.map((v: { properties: { outcome: { const: string } } }) => v.properties.outcome.const).sort()).toEqual(['approve', 'defer', 'reject']);
    const schedule = resolve(doc.paths['/api/staff/applications/{applicationId}/meeting']!.post.requestBody.content['application/json'].schema);
    expect(schedule).toMatchObject({ type: 'object', required: ['meetingId'], additionalProperties: false });
    const signature = resolve(doc.paths['/api/cosign/{linkId}']!.post.requestBody.content['application/json'].schema);
    expect(signature.properties.decision.enum).toEqual(['sign', 'decline']);
  });

  it('lists query parameters from the query schemas and the Idempotency-Key header', () => {
    const query = (path: string) =>
      Object.fromEntries(doc.paths[path]!.get.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string; required: boolean; schema: unknown }) => [p.name, p]));
    const payouts = query('/api/finance/payouts');
    expect(payouts.projectNumber.required).toBe(true);
    expect(payouts.state).toMatchObject({ required: false, schema: { enum: expect.arrayContaining(['awaiting_invoice', 'paid']) } });
    const halfYear = query('/api/staff/schemes/{schemeId}/half-year-report');
    expect(Object.keys(halfYear).sort()).toEqual(['format', 'from', 'to']);
    expect(halfYear.format.schema.enum).toEqual(['json', 'csv']);
    expect(query('/api/staff/schemes/{schemeId}/applications').status.required).toBe(false);
    const submitParams = doc.paths['/api/schemes/{schemeId}/applications']!.post.parameters;
    expect(submitParams).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false }));
    expect(Object.keys(doc.paths['/api/staff/schemes/{schemeId}/half-year-report']!.get.responses['200'].content)).toContain('text/csv');
  });
});
