import { logger } from '../adapters/logger';
import { dependencies } from '../composition';
import { PAGE } from '../pages/page-kit';
import { returnPathQuery, signOut } from '../pages/sign-in-flow';
import { httpRoute, parseQuery } from './http-route';

// Ends only the caller's own session, so a link may trigger it; the provider's /logout is a GET too.
export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ event, query }) =>
  signOut(dependencies(), event, parseQuery(returnPathQuery, query), (error) =>
    logger.warn('Could not revoke the refresh token at sign-out', { error: error as Error }),
  ),
);
