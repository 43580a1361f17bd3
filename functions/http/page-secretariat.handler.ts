import { dependencies } from '../composition';
import { page, PAGE, staffHeader } from '../pages/page-kit';
import { secretariatPage } from '../pages/secretariat-pages';
import { secretariatOverview } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...PAGE }, async (request) => {
  return page(200, { ...secretariatPage(await secretariatOverview(dependencies())), staff: staffHeader(request) });
});
