import { openApiDocument } from './openapi';
import { httpRoute } from './http-route';
import { json } from './responses';

export const handler = httpRoute({ access: 'public' }, async () => json(200, openApiDocument(), { 'cache-control': 'public, max-age=300' }));
