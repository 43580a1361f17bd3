// Europe/Oslo calendar arithmetic without a date library.
// Calendar dates are plain 'YYYY-MM-DD' strings; arithmetic on them runs in UTC so it never
// sees a DST change. Only the conversions between a date/wall time and an instant consult the
// Oslo zone, by its rule: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October (the EU's summer time since 1996). Not via
// Intl: the first Intl.DateTimeFormat with a time zone loads ICU's zone and locale data, about
// 15 ms of every Lambda cold start. A test holds the rule to the runtime's tz database, so a
// change of the rule there (the EU has debated ending summer time) fails it.

export const OSLO_TIME_ZONE = 'Europe/Oslo';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WALL_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{3}))?)?$/;

interface CalendarDate {
  year: number;
  month: number; // 1-12
  day: number;
}

/** True for a real calendar date in 'YYYY-MM-DD' form (2026-02-29 is false, 2028-02-29 true). */
export function isIsoDate(s: string): boolean {
  return tryParseDate(s) !== undefined;
}

/** The Oslo calendar date of an instant, 'YYYY-MM-DD'. */
export function osloDateOf(instant: Date): string {
  const wall = osloWallClock(instant);
  return formatDate({ year: wall.year, month: wall.month, day: wall.day });
}

/** The Oslo wall-clock time of an instant, 'HH:MM:SS.sss' (accepted back by osloInstant). */
export function osloTimeOf(instant: Date): string {
  const { hour, minute, second } = osloWallClock(instant);
  const ms = ((instant.getTime() % 1000) + 1000) % 1000;
  return `${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${String(ms).padStart(3, '0')}`;
}

/**
 * The UTC instant of an Oslo wall-clock time ('HH:MM', 'HH:MM:SS' or 'HH:MM:SS.sss').
 * - Nonexistent time (spring forward, e.g. 2026-03-29 02:30): the later of the two readings,
 *   i.e. the time shifted forward by the gap (02:30 → 03:30 CEST).
 * - Ambiguous time (fall back, e.g. 2026-10-25 02:30 occurs twice): the first occurrence (CEST).
 * This is the same policy as Temporal's 'compatible' disambiguation.
 */
export function osloInstant(date: string, time = '00:00'): Date {
  const wallMs = wallClockAsUtcMs(parseDate(date), time);
  // Oslo changes offset at most twice a year, so the offsets a day either side cover both readings.
  const candidates = [...new Set([offsetMsAt(wallMs - DAY_MS), offsetMsAt(wallMs + DAY_MS)])];
  const consistent = candidates
    .map((offset) => wallMs - offset)
    .filter((instantMs) => wallMs - offsetMsAt(instantMs) === instantMs);
  if (consistent.length > 0) return new Date(Math.min(...consistent));
  return new Date(Math.max(...candidates.map((offset) => wallMs - offset)));
}

/** The last millisecond of an Oslo calendar day (23:59:59.999 local). */
export function endOfOsloDay(date: string): Date {
  // Midnight always exists in Oslo (changes happen at 02:00/03:00), so next midnight − 1 ms is exact.
  return new Date(osloInstant(addDays(date, 1)).getTime() - 1);
}

export function addDays(date: string, n: number): string {
  assertWholeNumber(n, 'n');
  return fromUtcMs(toUtcMs(parseDate(date)) + n * DAY_MS);
}

/** Calendar months; a day that does not exist in the target month clamps to its last day. */
export function addMonths(date: string, n: number): string {
  assertWholeNumber(n, 'n');
  const { year, month, day } = parseDate(date);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  return formatDate({ year: targetYear, month: targetMonth, day: Math.min(day, lastDay) });
}

/** Calendar days from a to b (positive when b is later); DST never makes this fractional. */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtcMs(parseDate(b)) - toUtcMs(parseDate(a))) / DAY_MS);
}

/** 'YYYY-MM-DD' → 'dd.mm.yyyy', the form Norwegian readers expect in messages. */
export function formatNorwegianDate(date: string): string {
  const { year, month, day } = parseDate(date);
  return `${pad2(day)}.${pad2(month)}.${String(year).padStart(4, '0')}`;
}

/** 'HH:MM' (or 'HH:MM:SS') → 'kl. 09.00', as Norwegian writes the time of day (Språkrådet). */
export function formatNorwegianClock(time: string): string {
  return `kl. ${time.slice(0, 5).replace(':', '.')}`;
}

/** An instant → '26.11.2026 kl. 23.59' in Oslo time: the one form of a moment in pages and e-mails. */
export function formatNorwegianDateTime(instant: Date): string {
  return `${formatNorwegianDate(osloDateOf(instant))} ${formatNorwegianClock(osloTimeOf(instant))}`;
}

// ---- internals ----

function tryParseDate(s: string): CalendarDate | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

function parseDate(s: string): CalendarDate {
  const parsed = tryParseDate(s);
  if (!parsed) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${s}`);
  return parsed;
}

function parseTime(s: string): { hour: number; minute: number; second: number; ms: number } {
  const m = WALL_TIME.exec(s);
  const hour = Number(m?.[1]);
  const minute = Number(m?.[2]);
  const second = Number(m?.[3] ?? 0);
  const ms = Number(m?.[4] ?? 0);
  if (!m || hour > 23 || minute > 59 || second > 59) {
    throw new RangeError(`Not a wall-clock time (HH:MM[:SS[.sss]]): ${s}`);
  }
  return { hour, minute, second, ms };
}

function daysInMonth(year: number, month: number): number {
  return new Date(toUtcMs({ year, month: month + 1, day: 1 }) - DAY_MS).getUTCDate();
}

// Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
function toUtcMs({ year, month, day }: CalendarDate): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function fromUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

function formatDate({ year, month, day }: CalendarDate): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function wallClockAsUtcMs(date: CalendarDate, time: string): number {
  const { hour, minute, second, ms } = parseTime(time);
  return toUtcMs(date) + ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

/** Oslo wall clock of an instant, to the second. */
function osloWallClock(instant: Date) {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  const wall = new Date(ms + offsetMsAt(ms));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/** Oslo's UTC offset at an instant, in ms (CET +3 600 000, CEST +7 200 000). */
function offsetMsAt(instantMs: number): number {
  const year = new Date(instantMs).getUTCFullYear();
  const summerFrom = lastSundayUtcMs(year, 3) + HOUR_MS;
  const summerUntil = lastSundayUtcMs(year, 10) + HOUR_MS;
  return instantMs >= summerFrom && instantMs < summerUntil ? 2 * HOUR_MS : HOUR_MS;
}

/** 00:00 UTC of the last Sunday of a month. */
function lastSundayUtcMs(year: number, month: number): number {
  const lastDay = toUtcMs({ year, month, day: daysInMonth(year, month) });
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS;
}

function assertWholeNumber(n: number, name: string): void {
  if (!Number.isInteger(n)) throw new RangeError(`${name} must be a whole number, got ${n}`);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
