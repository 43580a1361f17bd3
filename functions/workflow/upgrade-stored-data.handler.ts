import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies } from '../composition';
import { logger } from '../adapters/logger';
import { upgradeStoredData } from '../use-cases/upgrade-stored-data';

/** Invoked by a CDK trigger after each deployment that changes it: fills in what earlier versions did not write. */
export const handler = middy(async () => {
  const result = await upgradeStoredData(dependencies());
  logger.info('Stored data upgraded', { ...result });
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
