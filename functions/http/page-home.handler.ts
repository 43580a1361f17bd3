import { dependencies } from '../composition';
import { homePage } from '../pages/home-page';
import { page, PAGE } from '../pages/page-kit';
import { listPublicSchemes } from '../use-cases/page-views';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'public', ...PAGE }, async () => page(200, homePage(await listPublicSchemes(dependencies()))));
