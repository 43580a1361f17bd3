import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod';
import { dependencies, wire } from '../composition';
import { stepFunctions } from '../wiring/step-functions.wiring';
import { logger } from '../adapters/logger';
import { awaitStep } from '../use-cases/await-step';

wire(stepFunctions);

const awaitInput = z
  .object({
    step: z.enum(['cosignature', 'revision', 'decision', 'payout', 'status-report', 'final-report', 'reallocation-decision']),
    applicationId: z.string().max(64),
    executionName: z.string().max(80),
    taskToken: z.string().min(1).max(2048),
    // The wait budget rides along so the local runtime can read TimeoutSecondsPath (see local/workflow-runtime).
    wait: z.object({ timeoutSeconds: z.number().int().positive() }).strict().optional(),
  })
  .strict();

/** Invoked by `.waitForTaskToken` tasks: keeps the token server-side; never logs it. */
export const handler = middy(async (event: unknown) => {
  const { wait: _wait, ...input } = awaitInput.parse(event);
  logger.appendKeys({ applicationId: input.applicationId, step: input.step });
  await awaitStep(dependencies(), input);
  return { registered: true };
}).use(injectLambdaContext(logger, { resetKeys: true }));
