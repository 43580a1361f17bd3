import { dependencies } from '../composition';
import { PAGE } from '../pages/page-kit';
import { callbackQuery, finishSignIn } from '../pages/sign-in-flow';
import { httpRoute, parseQuery } from './http-route';
import { cognitoSignIn } from '../wiring/cognito-sign-in.wiring';

// The identity provider's redirect back; the attempt cookie and PKCE bind it to this browser.
export const handler = httpRoute({ access: 'public', uses: [cognitoSignIn], ...PAGE }, async ({ event, query }) => finishSignIn(dependencies(), event, parseQuery(callbackQuery, query)));
