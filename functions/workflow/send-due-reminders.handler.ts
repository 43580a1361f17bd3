import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { dependencies, wire } from '../composition';
import { sesMailer } from '../wiring/ses-mailer.wiring';
import { logger } from '../adapters/logger';
import { sendDueReminders } from '../use-cases/send-reminders';

wire(sesMailer);

/** Invoked every 15 minutes by an EventBridge Scheduler schedule. */
export const handler = middy(async (_event: unknown, context: Context) => {
  const result = await sendDueReminders(dependencies(), { timeLeftMs: () => context.getRemainingTimeInMillis() });
  logger.info('Reminders swept', result);
  return result;
}).use(injectLambdaContext(logger, { resetKeys: true }));
