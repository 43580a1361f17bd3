import { STAFF_PAGE_FORM } from '../pages/staff-page-kit';
import { decisionFormProblems, recordDecision } from '../use-cases/agenda-actions';
import { firstValue, pickFields, type FormBody } from '../pages/forms';
import { agendaFormPost } from '../pages/decision-flow';
import { coerceFormBody, decisionRequestSchema } from '../../schemas/requests.schema';
import { httpRoute } from './http-route';
import { stepFunctions } from '../wiring/step-functions.wiring';

/** Only the fields of the chosen outcome reach the (strict) decision schema. */
const FIELDS: Record<string, readonly string[]> = {
  approve: ['outcome', 'amount', 'periodStart', 'periodEnd', 'comment'],
  reject: ['outcome', 'reason'],
  defer: ['outcome', 'reason'],
};

const decisionBody = (form: FormBody) => coerceFormBody('decision', pickFields(form, FIELDS[firstValue(form, 'outcome')] ?? ['outcome']));

export const handler = httpRoute({ access: 'secretariat', uses: [stepFunctions], ...STAFF_PAGE_FORM }, (request) =>
  agendaFormPost(
    request,
    (form) => {
      const outcome = firstValue(form, 'outcome');
      return {
        form: outcome === 'reject' || outcome === 'defer' ? outcome : 'approve',
        code: outcome,
        parsed: decisionRequestSchema.safeParse(decisionBody(form)),
      };
    },
    recordDecision,
    // An approval whose amount is missing still hears that its period is too long, and the other way round.
    (deps, applicationId, form) => decisionFormProblems(deps, applicationId, decisionBody(form)),
  ),
);
