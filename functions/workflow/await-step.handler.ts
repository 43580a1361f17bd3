import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod/mini';
import { dependencies, wire } from '../composition';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { logger } from '../adapters/logger';
import { awaitStep } from '../use-cases/await-step';

wire(stepFunctions);

const awaitInput = z.strictObject({
  step: z.enum(['cosignature', 'revision', 'decision', 'payout', 'status-report', 'final-report', 'reallocation-decision']),
  applicationId: z.string().check(z.maxLength(64)),
  executionName: z.string().check(z.maxLength(80)),
  taskToken: z.string().check(z.minLength(1), z.maxLength(2048)),
  // The wait budget rides along so the local runtime can read TimeoutSecondsPath (see local/workflow-runtime).
  // (The co-signature wait's also names the version its partners were asked to sign.)
  wait: z.optional(z.strictObject({ timeoutSeconds: z.int().check(z.positive()), version: z.optional(z.int().check(z.positive())) })),
});

/** Invoked by `.waitForTaskToken` tasks: keeps the token server-side; never logs it. */
export const handler = middy(async (event: unknown) => {
  const { wait, ...input } = awaitInput.parse(event);
  logger.appendKeys({ applicationId: input.applicationId, step: input.step });
  await awaitStep(dependencies(), { ...input, ...(wait?.version !== undefined ? { askedVersion: wait.version } : {}) });
  return { registered: true };
}).use(injectLambdaContext(logger, { resetKeys: true }));
