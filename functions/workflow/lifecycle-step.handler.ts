import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod/mini';
import { dependencies, wire } from '../composition';
import { sesMailer } from '../wiring/ses-mailer.wiring';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { logger } from '../adapters/logger';
import { LIFECYCLE_ACTIONS, runLifecycleStep } from '../use-cases/lifecycle-steps';

wire(sesMailer, stepFunctions);

const stepInput = z.strictObject({
  action: z.enum(LIFECYCLE_ACTIONS),
  applicationId: z.string().check(z.maxLength(64)),
  executionStartTime: z.string().check(z.maxLength(40)),
  reallocationId: z.optional(z.string().check(z.maxLength(64))),
  payoutId: z.optional(z.string().check(z.maxLength(120))),
  executionName: z.optional(z.string().check(z.maxLength(80))),
});

/** Invoked by the lifecycle state machines' Task states; errors go back to their Retry/Catch. */
export const handler = middy(async (event: unknown) => {
  const { action, ...input } = stepInput.parse(event);
  logger.appendKeys({ applicationId: input.applicationId, action });
  return runLifecycleStep(dependencies(), action, input);
}).use(injectLambdaContext(logger, { resetKeys: true }));
