import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '../composition';
import { logger } from '../adapters/logger';
import { upgradeStoredData } from '../use-cases/upgrade-stored-data';

/** Invoked by a CDK trigger after each deployment that changes it: fills in what earlier versions did not write. */
export const handler = middy(async (_event: unknown, context: Context) => {
  const { failed, ...result } = await upgradeStoredData(dependencies(), { timeLeftMs: () => context.getRemainingTimeInMillis() });
  // Stopped for time (rather than cut off, which would fail the deployment): the next run that the trigger makes goes on.
  if (result.incomplete) logger.warn('Stored data upgrade stopped for time; its steps run again at the next deployment that changes this function', { ...result });
  else logger.info('Stored data upgraded', { ...result, failures: failed.length });
  // Case ids only (no personal data); the steps that failed run again at the next deployment.
  for (const f of failed.slice(0, 50)) logger.error('A case could not be upgraded', { ...f });
  return { ...result, failures: failed.length };
}).use(injectLambdaContext(logger, { resetKeys: true }));
