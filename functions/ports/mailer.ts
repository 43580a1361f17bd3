export interface OutgoingMail {
  /** Deterministic per event (e.g. `decision#<applicationId>#<decisionId>`): a repeat sends nothing. */
  idempotencyKey: string;
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
  /** message tags (SES), e.g. the application the mail concerns; SES returns them with a bounce */
  tags?: Readonly<Record<string, string>>;
}

export interface Mailer {
  /** Sends once per idempotencyKey, whatever the number of calls. */
  send(mail: OutgoingMail): Promise<{ sent: boolean }>;
}
