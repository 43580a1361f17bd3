// Which of a staff member's token claims names them for people: Cognito's `sub` is a UUID, fine for
// the audit trail but not for "Innlogget som …" or the case history (pure).

const NAME_CLAIMS = ['name', 'email', 'cognito:username', 'username'] as const;
const MAX_NAME = 200;

/** The first non-empty naming claim (`name`, `email`, the user name), else the subject itself. */
export function staffDisplayName(claims: Readonly<Record<string, unknown>>, subject: string): string {
  for (const key of NAME_CLAIMS) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, MAX_NAME);
  }
  return subject;
}
