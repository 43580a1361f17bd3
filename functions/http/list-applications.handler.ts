import * as z from 'zod/mini';
import { dependencies } from '../composition';
import { APPLICATION_STATUSES } from '../domain/model';
import { listApplications } from '../use-cases/committee';
import { norwegianErrorMap } from '../../schemas/fields.schema';
import { httpRoute, parseQuery } from './http-route';
import { json } from './responses';

export const listApplicationsQuerySchema = z.strictObject(
  { status: z._default(z.enum(APPLICATION_STATUSES, { error: 'Ukjent søknadsstatus.' }), 'submitted') },
  { error: norwegianErrorMap },
);

export const handler = httpRoute({ access: 'secretariat' }, async ({ params, query }) => {
  const { status } = parseQuery(listApplicationsQuerySchema, query);
  return json(200, { status, applications: await listApplications(dependencies(), params.schemeId ?? '', status) });
});
