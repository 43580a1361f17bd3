import { dependencies } from '../composition';
import { config } from '../config/env';
import { homePage } from '../pages/home-page';
import { page, PAGE } from '../pages/page-kit';
import { listPrivacyFacts, listPublicSchemes } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async () => {
  const deps = dependencies();
  // The privacy notice names the region the data are in: this function's, the table's and SES's.
  return page(200, homePage(await listPublicSchemes(deps), { region: config().AWS_REGION, communities: listPrivacyFacts(deps) }));
});
