import { dependencies } from '../composition';
import { PAGE } from '../pages/page-kit';
import { returnPathQuery, startSignIn } from '../pages/sign-in-flow';
import { httpRoute, parseQuery } from './http-route';
import { cognitoSignIn } from '../wiring/cognito-sign-in.wiring';

// Public: it only sends the browser on to the identity provider (or renews a session it already has).
export const handler = httpRoute({ access: 'public', uses: [cognitoSignIn], ...PAGE }, async ({ event, query }) => startSignIn(dependencies(), event, parseQuery(returnPathQuery, query)));
