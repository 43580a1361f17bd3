// How long the system keeps what it does not keep as case records: drafts and the claims that
// recognise a repeated submission expire (DynamoDB TTL); the logs and the archive of payout triggers
// expire in production as infra/stage-config.ts configures them. The privacy notice on the landing
// page states these figures, so they live here, apart from the adapters, use cases and stacks that
// apply them (the CDK code imports the production figures from here, so the two cannot drift).

/** A draft not saved for this long is deleted. */
export const DRAFT_VALID_DAYS = 60;

/** A submission's idempotency claims (its key, and its content's hash) expire after this many days. */
export const SUBMISSION_CLAIM_DAYS = 7;

/**
 * Production: the log groups of the functions, the state machines and the API's access logs keep
 * their entries this long (one of CloudWatch's retention periods). The dev stage keeps less.
 */
export const LOG_RETENTION_DAYS = 365;

/** Production: the payout event bus's archive keeps every payout trigger to finance this long. The dev stage keeps less. */
export const PAYOUT_ARCHIVE_DAYS = 3650;
