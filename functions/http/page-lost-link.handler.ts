import { lostLinkPage, LOST_LINK_NOTICES } from '../pages/lost-link-page';
import { flash, page, PAGE } from '../pages/page-kit';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async ({ query }) => page(200, lostLinkPage(undefined, flash(LOST_LINK_NOTICES, query.melding))));
