import { STAFF_PAGE } from '../pages/staff-page-kit';
import { dependencies } from '../composition';
import { renderGroupRegister } from '../pages/group-register-flow';
import { GROUP_REGISTER_NOTICES } from '../pages/group-register-page';
import { flash } from '../pages/page-kit';
import { httpRoute } from './http-route';

/** The register of groups and their leaders, with a form per group (404 for a scheme without groups). */
export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE }, (request) =>
  renderGroupRegister(dependencies(), request, request.params.schemeId ?? '', { notice: flash(GROUP_REGISTER_NOTICES, request.query.endret) }, 200),
);
