import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { renderCasePrint } from '../pages/case-flow';
import { httpRoute } from './http-route';

/** The whole case as a printout for the archive (journalføring): every part open, no forms (404 for an unknown application). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, (request) => renderCasePrint(dependencies(), request, request.params.applicationId ?? ''));
