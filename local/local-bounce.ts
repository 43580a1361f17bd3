// A bounce, locally. Local SES delivers every mail to its viewer, so nothing ever bounces; this
// endpoint plays SES's part for a mail that did not arrive, and runs the mail-events handler with the
// event SES would publish through SNS (demos, end-to-end tests). Local only: the CDK app has no such
// route, and here it answers only clients on this machine.
//
//   POST /lokal/retur  { "applicationId": "app_…", "address": "kari@feil.example" }  → 202
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as z from 'zod';
import { APPLICATION_TAG } from '../functions/use-cases/notify';
import { handler } from '../functions/workflow/mail-events.handler';
import { isLoopback, readJsonBody, sendJson } from './local-endpoint';

const bounceSchema = z.strictObject({ applicationId: z.string().min(1).max(64), address: z.email().max(254) });

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
  const needed = 'Oppgi applicationId (saksnummeret) og address (e-postadressen som ikke tok imot e-posten), som JSON.';
  const body = await readJsonBody(req, res, needed);
  if (body === undefined) return true;
  const parsed = bounceSchema.safeParse(body);
  if (!parsed.success) {
    sendJson(res, 400, { message: needed });
    return true;
  }
  const { applicationId, address } = parsed.data;
  const event = {
    eventType: 'Bounce',
    bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }] },
    mail: { tags: { [APPLICATION_TAG]: [applicationId] } },
  };
  await handler({ Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(event) } }] } as never, {} as never);
  sendJson(res, 202, { applicationId });
  return true;
}
