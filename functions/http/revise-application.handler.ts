import { dependencies } from '../composition';
import { reviseApplication } from '../use-cases/revise-application';
import { formToApplicationInput } from '../../schemas/application.schema';
import { anyFields } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

// The body is checked against the scheme's own schema inside the use case (criteria, limits).
const anyObject = anyFields();

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], body: anyObject, fromForm: formToApplicationInput }, async ({ params, body }) => {
  return json(200, await reviseApplication(dependencies(), params.linkId ?? '', body));
});
