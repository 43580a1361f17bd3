// A bounce, locally. Local SES delivers every mail to its viewer, so nothing ever bounces; this
// endpoint plays SES's part for a mail that did not arrive, and runs the mail-events handler with the
// event SES would publish through SNS (demos, end-to-end tests). Local only: the CDK app has no such
// route, and here it answers only clients on this machine. The mail that bounces is the case's last
// one to that address (SES names the very mail; its tags carry the case and the mail's ref).
//
//   POST /lokal/retur  { "applicationId": "app_…", "address": "kari@feil.example" }  → 202
//   (with "midlertidig": true, a transient bounce: SES gave up for now, a full mailbox say)
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { dependencies } from '../functions/composition';
import { APPLICATION_TAG, MAIL_TAG } from '../functions/use-cases/notify';
import { handler } from '../functions/workflow/mail-events.handler';
import { isLoopback, readJsonBody, sendJson } from './local-endpoint';

const bounceSchema = z.strictObject({ applicationId: z.string().min(1).max(64), address: z.email().max(254), midlertidig: z.boolean().optional() });

export async function serveLocalBounce(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
  if (path !== '/lokal/retur') return false;
  if (!isLoopback(req.socket.remoteAddress)) {
    sendJson(res, 403, { message: 'Retur kan bare spilles av fra denne maskinen.' });
    return true;
  }
  if ((req.method ?? 'GET').toUpperCase() !== 'POST') {
    sendJson(res, 405, { message: 'Bruk POST.' }, { allow: 'POST' });
    return true;
  }
  const needed = 'Oppgi applicationId (saksnummeret) og address (e-postadressen som ikke tok imot e-posten), som JSON; midlertidig: true for en midlertidig feil (full innboks).';
  const body = await readJsonBody(req, res, needed);
  if (body === undefined) return true;
  const parsed = bounceSchema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { message: needed });
    return true;
  }
  const { applicationId, address, midlertidig } = parsed.data;
  const sentTo = (m: { to: string[]; cc?: string[] }) => [...m.to, ...(m.cc ?? [])].some((a) => a.toLowerCase() === address.toLowerCase());
  const bounced = (await dependencies().store.listSentMail(applicationId)).findLast(sentTo);
  const event = {
    eventType: 'Bounce',
    bounce: { bounceType: midlertidig ? 'Transient' : 'Permanent', bounceSubType: midlertidig ? 'MailboxFull' : 'General', bouncedRecipients: [{ emailAddress: address }] },
    mail: { tags: { [APPLICATION_TAG]: [applicationId], ...(bounced ? { [MAIL_TAG]: [bounced.ref] } : {}) } },
  };
  await handler({ Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(event) } }] } as never, {} as never);
  sendJson(res, 202, { applicationId });
  return true;
}
