// The mailer on SES, for the functions that send mail (the workflow's steps and the reminders).
import type { Wiring } from '../composition';
import { DynamoMailOutbox } from '../adapters/dynamodb-mail-outbox';
import { createSesClient, SesMailer } from '../adapters/ses-mailer';

export const sesMailer: Wiring<'mailer'> = {
  provides: 'mailer',
  build: ({ env, documents }) =>
    new SesMailer({
      ses: createSesClient({ region: env.AWS_REGION, ...(env.SES_ENDPOINT ? { endpoint: env.SES_ENDPOINT } : {}) }),
      from: env.MAIL_FROM,
      outbox: new DynamoMailOutbox({ client: documents, tableName: env.TABLE_NAME }),
    }),
};
