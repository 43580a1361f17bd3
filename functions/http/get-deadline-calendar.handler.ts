import { dependencies } from '../composition';
import { deadlineCalendar } from '../use-cases/public-scheme';
import { httpRoute } from './http-route';
import { text } from './responses';

/** The scheme's submission deadlines as an iCalendar feed (a calendar subscribes to the URL and refreshes it). */
export const handler = httpRoute({ access: 'public' }, async ({ params }) => {
  const { filename, body } = await deadlineCalendar(dependencies(), params.schemeId ?? '');
  return text(200, body, 'text/calendar; charset=utf-8', { 'content-disposition': `inline; filename="${filename}"`, 'cache-control': 'public, max-age=3600' });
});
