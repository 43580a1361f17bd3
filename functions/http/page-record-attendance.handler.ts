import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { pickFields } from '../pages/forms';
import { minutesFormPost } from '../pages/minutes-flow';
import { recordAttendance } from '../use-cases/meeting-minutes';
import { attendanceRequestSchema, coerceFormBody } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';

export const handler = httpRoute({ access: 'secretariat', ...STAFF_PAGE_FORM }, (request) =>
  minutesFormPost(
    request,
    (form) => ({ form: 'attendance', code: 'fremmote', parsed: attendanceRequestSchema.safeParse(coerceFormBody('attendance', pickFields(form, ['present', 'absent', ...Object.keys(form).filter((name) => /^recused[.[]/.test(name))]))) }),
    recordAttendance,
  ),
);
