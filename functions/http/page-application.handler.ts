import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { renderCase } from '../pages/case-flow';
import { CASE_NOTICES } from '../pages/case-page';
import { flash } from '../pages/page-kit';
import { httpRoute } from './http-route';

/** The secretariat's whole case, with its forms (404 for an unknown application). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, (request) =>
  renderCase(dependencies(), request, request.params.applicationId ?? '', { notice: flash(CASE_NOTICES, request.query.registrert) }, 200),
);
