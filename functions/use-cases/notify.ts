import type { ApplicationRecord } from '../domain/model';
import type { Dependencies } from '../composition';
import type { MailContext, RenderedMail } from '../mail/templates';
import type { SchemeConfig } from '../../schemas/scheme-config.schema';

export function mailContext(scheme: SchemeConfig, app: Pick<ApplicationRecord, 'id' | 'title'>): MailContext {
  return {
    scheme: { name: scheme.name, committeeShortName: scheme.committee.shortName, secretariatEmail: scheme.secretariatEmail },
    application: { id: app.id, title: app.title },
  };
}

/** Sends a rendered mail once per key (the mailer's outbox makes repeats no-ops). */
export async function notify(deps: Pick<Dependencies, 'mailer'>, key: string, to: string[], mail: RenderedMail, cc: string[] = []): Promise<void> {
  const recipients = [...new Set(to.filter(Boolean))];
  if (recipients.length === 0) return;
  const copies = [...new Set(cc.filter((c) => c && !recipients.includes(c)))];
  await deps.mailer.send({ idempotencyKey: key, to: recipients, ...(copies.length ? { cc: copies } : {}), subject: mail.subject, text: mail.text, html: mail.html });
}
