import * as z from 'zod/mini';
import { dependencies } from '../composition';
import { ValidationError } from '../domain/errors';
import { submitApplication } from '../use-cases/submit-application';
import { formToApplicationInput } from '../../schemas/application.schema';
import { anyFields } from '../../schemas/fields.schema';
import { httpRoute } from './http-route';
import { json } from './responses';
import { stepFunctions } from '../wiring/step-functions.wiring';

// The body is checked against the scheme's own schema inside the use case (criteria, limits).
const anyObject = anyFields();
const idempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_.:-]{8,100}$/));

export const handler = httpRoute({ access: 'public', uses: [stepFunctions], body: anyObject, fromForm: formToApplicationInput }, async ({ params, body, headers }) => {
  const key = headers['idempotency-key'];
  if (key !== undefined && !idempotencyKey.safeParse(key).success) {
    throw new ValidationError({ 'Idempotency-Key': 'Idempotency-Key må være 8–100 tegn: bokstaver, tall, punktum, kolon, bindestrek eller understrek.' });
  }
  const result = await submitApplication(dependencies(), { schemeId: params.schemeId ?? '', body, ...(key ? { idempotencyKey: key } : {}) });
  return json(result.created ? 201 : 200, result);
});
