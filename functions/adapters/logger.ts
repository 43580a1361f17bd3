// One Powertools Logger per module instance (i.e. per Lambda cold start). We log ids, never
// personal data or secrets: every log line goes through `redact` via the JSON replacer, so an
// e-mail address, a Step Functions task token or a link id that slips into a message is masked.
// The level comes from POWERTOOLS_LOG_LEVEL / LOG_LEVEL (Powertools reads them itself); we do not
// call config() here so that importing the logger never fails on an unrelated missing variable.
import { Logger } from '@aws-lambda-powertools/logger';

export const SERVICE_NAME = 'grant-lifecycle';

const REDACTED = '[redacted]';

/**
 * Keys whose whole value is secret or personal: the value is replaced, whatever it is. (`to`/`from`
 * are not here: in audit entries they are statuses; addresses in any value are masked anyway.)
 */
const SECRET_KEY =
  /^(?:.*token|token.*|secret.*|.*secret|password|passwd|authorization|cookie|set-cookie|x-api-key|api-?key|link-?id|link|links|url|.*url|.*urls|e-?mail|.*email|.*emails|reply-?to|recipients?|phone.*|.*phone|contact-?name|full-?name|person-?name|national-?id|ssn|fnr|fodselsnummer|text|html|body)$/i;

const EMAIL = /[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+/g;
/** Step Functions task tokens: long base64 runs (hundreds of characters, with + / =). */
const LONG_BASE64 = /[A-Za-z0-9+/=_-]{100,}/g;
/** Link ids and similar: >= 128 random bits in base64url, i.e. 22+ characters. */
const BASE64URL_RUN = /[A-Za-z0-9_-]{22,}/g;
/** `token=…`, `taskToken: …`, `link=…` in free text */
const SECRET_ASSIGNMENT = /\b((?:task)?token|link(?:id)?|secret|password)(["']?\s*[:=]\s*["']?)([^\s"'&,;]+)/gi;

/**
 * A random-looking run: mixed case and (a digit, '-' or '_', or many capitals). UUIDs (lower-case
 * hex), ULIDs (upper case) and CamelCase words such as `ConditionalCheckFailedException` stay.
 */
function looksRandom(run: string): boolean {
  const lower = (run.match(/[a-z]/g) ?? []).length;
  const upper = (run.match(/[A-Z]/g) ?? []).length;
  if (lower === 0 || upper === 0) return false;
  if (/[0-9_-]/.test(run)) return true;
  return upper / (upper + lower) >= 0.25;
}

export function redactString(input: string): string {
  if (input.startsWith('arn:')) return input.replace(EMAIL, maskEmail);
  return input
    .replace(EMAIL, maskEmail)
    .replace(SECRET_ASSIGNMENT, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(LONG_BASE64, REDACTED)
    .replace(BASE64URL_RUN, (run) => (looksRandom(run) ? REDACTED : run));
}

function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return `***${address.slice(at)}`;
}

/**
 * Masks personal data and secrets in a value before it is logged: e-mail addresses (the domain
 * stays), task tokens, link ids and `token=` assignments in strings; whole values under keys such
 * as `email`, `to`, `taskToken`, `linkId`, `url`, `text`. Returns a redacted copy (objects and
 * arrays are copied; an Error becomes `{ name, message, stack }`); never mutates its input.
 */
export function redact<T>(value: T): T {
  return redactValue(value, new WeakSet()) as T;
}

function redactValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Date) return value;
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactString(value.message),
      ...(value.stack ? { stack: redactString(value.stack) } : {}),
    };
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, seen));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = redactEntry(key, inner, seen);
  }
  return out;
}

function redactEntry(key: string, value: unknown, seen: WeakSet<object>): unknown {
  if (SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  return redactValue(value, seen);
}

/** JSON replacer used by the logger: applies the same rules to every key/value it serialises. */
export function redactingJsonReplacer(key: string, value: unknown): unknown {
  if (key !== '' && SECRET_KEY.test(key) && value !== undefined && value !== null && value !== '') return REDACTED;
  if (typeof value === 'string') return redactString(value);
  return value;
}

export const logger = new Logger({
  serviceName: SERVICE_NAME,
  jsonReplacerFn: redactingJsonReplacer,
});
