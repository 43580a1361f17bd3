// Drafts of the application form: what an applicant typed, kept under an opaque id so they can
// come back to it from the link in their e-mail. A draft is not an application: nothing is
// checked, signed or scheduled until it is submitted.
import type { FormBody } from '../../schemas/form-body';

export interface ApplicationDraft {
  /** opaque, unguessable: the capability in the link */
  id: string;
  schemeId: string;
  /** the form's fields as typed (known fields only, see schemas/application-draft.schema.ts) */
  values: FormBody;
  /** the form rendering's key: its submission uses it, so a double post still makes one application */
  formKey: string;
  createdAt: string;
  updatedAt: string;
  /** gone after this unless saved again */
  expiresAt: string;
  /** when to remind the author of the next submission deadline, and of which meeting (none: no reminder due) */
  reminder?: { at: string; meetingId: string };
}

export type DraftChange = Pick<ApplicationDraft, 'values' | 'updatedAt' | 'expiresAt' | 'reminder'>;

/** Which draft a write may touch: one of this scheme (another's is as good as unknown), not expired at `now` (ISO). */
export interface DraftGuard {
  schemeId: string;
  now: string;
}

export interface DraftStore {
  /**
   * Keeps a new draft, once per form rendering (scheme and form key): a repeated save of the same
   * rendering (double click, a retry) returns the draft the first one made, with the new values.
   */
  create(draft: ApplicationDraft): Promise<{ draft: ApplicationDraft; created: boolean }>;
  get(id: string): Promise<ApplicationDraft | undefined>;
  /** New values and expiry, in one conditional write; undefined when there is no such draft (gone, another scheme's or expired). */
  update(id: string, change: DraftChange, guard: DraftGuard): Promise<ApplicationDraft | undefined>;
  /** Drafts whose reminder is due at `until` (a Query on a sparse index, never a Scan), oldest first. */
  listDueReminders(until: string, limit?: number): Promise<ApplicationDraft[]>;
  /**
   * The reminder went out (or has no meeting left): the draft leaves the index, or with `next` is
   * aimed at another meeting's deadline; unless a save has set another reminder meanwhile.
   */
  markReminded(id: string, reminder: NonNullable<ApplicationDraft['reminder']>, next?: NonNullable<ApplicationDraft['reminder']>): Promise<void>;
  /** Removes it [only if it is this scheme's]; removing one that is gone (or another scheme's) changes nothing. */
  delete(id: string, schemeId?: string): Promise<void>;
}
