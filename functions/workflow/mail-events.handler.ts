import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import * as z from 'zod/mini';
import { dependencies, wire } from '../composition';
import { sesMailer } from '../wiring/ses-mailer.wiring';
import { logger } from '../adapters/logger';
import { mailBounced, mailComplained, mailSoftBounced } from '../use-cases/mail-bounced';
import { APPLICATION_TAG, MAIL_TAG } from '../use-cases/notify';

wire(sesMailer);

// SNS delivers SES's events of the configuration set (infra/stateful-stack.ts); AWS's payloads carry
// more than these fields, so the schemas are not strict: they keep only what is read.
const snsEvent = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });
const recipients = z.array(z.object({ emailAddress: z.string() })).check(z.maxLength(50));
const sesEvent = z.object({
  eventType: z.string(),
  bounce: z.optional(z.object({ bounceType: z.string(), bouncedRecipients: recipients })),
  complaint: z.optional(z.object({ complainedRecipients: recipients })),
  mail: z.object({ tags: z.optional(z.record(z.string(), z.array(z.string()))) }),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A bounce of a mail about a case: who can put it right is told (see mail-bounced.ts; for a
 * transient bounce the owner of a partner's signing request, the secretariat of the owner's mail,
 * weekly at most), and it is marked on the case's mail log, as a complaint about one is. Other
 * events are left to the alarms.
 */
export const handler = middy(async (event: unknown) => {
  for (const record of snsEvent.parse(event).Records) {
    const parsed = sesEvent.safeParse(parseJson(record.Sns.Message));
    if (!parsed.success) {
      logger.warn('Mail event not understood; skipped');
      continue;
    }
    const { eventType, bounce, complaint, mail } = parsed.data;
    const applicationId = mail.tags?.[APPLICATION_TAG]?.[0];
    const ref = mail.tags?.[MAIL_TAG]?.[0];
    if (eventType === 'Complaint' && complaint && applicationId && ref) {
      logger.info('Complaint about a mail about a case', { applicationId, recipients: complaint.complainedRecipients.length });
      await mailComplained(dependencies(), applicationId, complaint.complainedRecipients.map((r) => r.emailAddress), ref);
      continue;
    }
    if (eventType === 'Bounce' && bounce?.bounceType === 'Transient' && applicationId && ref) {
      logger.info('Transient bounce of a mail about a case', { applicationId, recipients: bounce.bouncedRecipients.length });
      await mailSoftBounced(dependencies(), applicationId, bounce.bouncedRecipients.map((r) => r.emailAddress), ref);
      continue;
    }
    if (eventType !== 'Bounce' || bounce?.bounceType !== 'Permanent' || !applicationId) continue;
    logger.info('Permanent bounce of a mail about a case', { applicationId, recipients: bounce.bouncedRecipients.length });
    await mailBounced(dependencies(), applicationId, bounce.bouncedRecipients.map((r) => r.emailAddress), ref);
  }
}).use(injectLambdaContext(logger, { resetKeys: true }));
