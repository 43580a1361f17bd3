// How long the system keeps what it does not keep as case records: drafts and the claims that
// recognise a repeated submission expire (DynamoDB TTL). The privacy notice on the landing page
// states these figures, so they live here, apart from the adapters and use cases that apply them.

/** A draft not saved for this long is deleted. */
export const DRAFT_VALID_DAYS = 60;

/** A submission's idempotency claims (its key, and its content's hash) expire after this many days. */
export const SUBMISSION_CLAIM_DAYS = 7;
