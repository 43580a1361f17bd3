import { PAGE, signOutPage } from '../pages/page-kit';
import { returnPathQuery, safeReturnPath } from '../pages/sign-in-flow';
import { httpRoute, parseQuery } from './http-route';

// Shows the sign-out button only: a GET never acts (a link or a bookmark signs no one out).
export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ event, query }) =>
  signOutPage(event, safeReturnPath(parseQuery(returnPathQuery, query).tilbake)),
);
