import { logger } from '../adapters/logger';
import { dependencies } from '../composition';
import { checkCsrf } from '../pages/csrf';
import { firstValue, toFormBody } from '../pages/forms';
import { PAGE_FORM } from '../pages/page-kit';
import { returnPathQuery, signOut } from '../pages/sign-in-flow';
import { httpRoute, parseQuery } from './http-route';
import { cognitoSignIn } from '../wiring/cognito-sign-in.wiring';

// A post with the CSRF token of a page of ours: another site cannot sign a staff member out.
export const handler = httpRoute({ access: 'public', uses: [cognitoSignIn], ...PAGE_FORM }, async ({ event, body }) => {
  const form = toFormBody(body);
  checkCsrf(event, form);
  const tilbake = firstValue(form, 'tilbake');
  return signOut(dependencies(), event, parseQuery(returnPathQuery, tilbake ? { tilbake } : {}), (error) =>
    logger.warn('Could not revoke the refresh token at sign-out', { error: error as Error }),
  );
});
